"""Forms of the reports pages: choosing an organization and a period, creating and editing a report, writing
its paragraphs, editing a kind's sentences, uploading a Word template, continuing the register."""

from datetime import date

from django import forms
from django.utils import timezone

from dangvu.core.errors import RuleViolation
from dangvu.core.pickers import ScopedPickerForm
from dangvu.core.web import DateField, ModelChoiceField, UploadField
from dangvu.organizations.pickers import organization_field

from . import periods
from .models import ReportKind, TypeCode

PRESET_CHOICES = [("", "Tự chọn ngày"), *periods.PRESETS.items()]


class PeriodForm(ScopedPickerForm):
    """An organization (picked by name; `to_chuc=<code>` in a link) and a period: two dates, or a preset with a
    year (and month or quarter)."""

    to_chuc = organization_field("Tổ chức")
    ky = forms.ChoiceField(label="Kỳ", choices=PRESET_CHOICES, required=False)
    nam = forms.IntegerField(label="Năm", min_value=1930, max_value=2100, required=False)
    thang = forms.IntegerField(label="Tháng / quý", min_value=1, max_value=12, required=False)
    tu = DateField(label="Từ ngày", required=False)
    den = DateField(label="Đến ngày", required=False)

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        preset, year = data.get("ky"), data.get("nam")
        try:
            if preset and preset != "term":
                if not year:
                    raise RuleViolation("Chọn năm của kỳ báo cáo.", "nam")
                number = data.get("thang") or 1
                if preset == "quarter" and number > 4:
                    raise RuleViolation("Quý từ 1 đến 4.", "thang")
                day = date(year, number if preset == "month" else (3 * number - 2 if preset == "quarter" else 1), 1)
                data["period"] = periods.preset(preset, day)
            elif preset != "term":
                data["period"] = periods.Period(data.get("tu"), data.get("den"))
        except RuleViolation as exc:
            for field, messages in exc.errors.items():
                for message in messages:
                    self.add_error({"start": "tu", "end": "den"}.get(field, field) if field else None, message)
        return data


class ReportCreateForm(PeriodForm):
    to_chuc = organization_field("Tổ chức", capability="write")
    loai = ModelChoiceField(
        label="Loại báo cáo", queryset=ReportKind.objects.all(), to_field_name="code", empty_label=None
    )
    ngay_van_ban = DateField(label="Ngày văn bản", initial=timezone.localdate)


class ReportEditForm(forms.Form):
    summary = forms.CharField(label="Trích yếu", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    document_date = DateField(label="Ngày văn bản")
    signer_post = forms.CharField(label="Chức vụ người ký (BÍ THƯ, PHÓ BÍ THƯ …)", max_length=60, required=False)
    signer_name = forms.CharField(label="Họ tên người ký", max_length=120, required=False)


class NarrativeForm(forms.Form):
    text = forms.CharField(label="Nội dung", required=False, widget=forms.Textarea(attrs={"rows": 6}))


class SectionForm(forms.Form):
    heading = forms.CharField(label="Tiêu đề mục", max_length=300)
    text = forms.CharField(
        label="Câu mẫu (có chỗ điền chỉ tiêu)", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )


class KindForm(forms.Form):
    name = forms.CharField(label="Tên loại báo cáo", max_length=120)
    summary_template = forms.CharField(label="Trích yếu mẫu", max_length=500)


class TemplateUploadForm(forms.Form):
    file = UploadField(label="Tệp mẫu Word (.docx)", max_mb=10, types=(".docx",), kinds="văn bản Word .docx")


class RegisterContinueForm(forms.Form):
    type_code = forms.ChoiceField(label="Loại văn bản", choices=TypeCode.choices, initial=TypeCode.BC)
    on = DateField(label="Trong nhiệm kỳ của ngày")
    last_number = forms.IntegerField(label="Số cuối cùng đã cấp trên giấy", min_value=0)
