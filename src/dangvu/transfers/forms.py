"""Forms of the transfer pages: the request, each step of the letter, an arrival from outside."""

from django import forms

from dangvu.core.web import DateField
from dangvu.organizations.models import MEMBER_UNIT_KINDS, Organization

from .models import Kind


class MonthField(DateField):
    """A month written "08/2020" (or a full date), kept as its first day."""

    input_formats = ["%m/%Y", "%Y-%m", "%d/%m/%Y", "%Y-%m-%d"]

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput())
        super().__init__(**kwargs)

    def to_python(self, value):
        found = super().to_python(value)
        return found.replace(day=1) if found else found


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label="Loại", choices=Kind.choices)
    destination_code = forms.CharField(label="Mã chi bộ nơi đến (trong hệ thống)", required=False, max_length=64)
    destination_unit = forms.CharField(label="Hoặc tổ chức đảng nơi đến ngoài hệ thống", required=False,
                                       max_length=200)
    decision_number = forms.CharField(label="Quyết định chuyển công tác, nghỉ hưu, đổi nơi cư trú…", required=False,
                                      max_length=80)
    decision_on = DateField(label="Ngày quyết định")
    requested_on = DateField(label="Ngày đề nghị")
    reason = forms.CharField(label="Lý do chuyển", required=False, max_length=200)
    temporary_until = DateField(label="Sinh hoạt tạm thời đến ngày", required=False)

    def clean_destination_code(self):
        code = (self.cleaned_data.get("destination_code") or "").strip()
        if not code:
            self.destination = None
            return code
        self.destination = Organization.objects.filter(code=code, kind__in=MEMBER_UNIT_KINDS).first()
        if self.destination is None:
            raise forms.ValidationError(f"Không có chi bộ mã “{code}” trong hệ thống.")
        return code


class DateForm(forms.Form):
    on = DateField(label="Ngày")


class IssueForm(DateForm):
    profile_number = forms.CharField(label="Số lý lịch đảng viên", required=False, max_length=40)
    book_number = forms.CharField(label="Số thứ tự trong sổ danh sách đảng viên", required=False, max_length=20)
    dues_paid_to = MonthField(label="Đã đóng đảng phí đến hết tháng (tháng/năm)")


class NoteForm(DateForm):
    note = forms.CharField(label="Lý do", max_length=300)


class ReissueForm(IssueForm):
    note = forms.CharField(label="Chỗ viết sai", max_length=300)
    dues_paid_to = MonthField(label="Đã đóng đảng phí đến hết tháng (tháng/năm)", required=False)


class CancelForm(forms.Form):
    note = forms.CharField(label="Lý do hủy", max_length=300)


class ArrivalForm(forms.Form):
    destination = forms.ModelChoiceField(label="Chi bộ nơi đến", queryset=None)
    on = DateField(label="Ngày tiếp nhận")
    source_unit = forms.CharField(label="Cấp ủy đã cấp giấy (ngoài hệ thống)", max_length=200)
    letter_number = forms.CharField(label="Số giấy giới thiệu", max_length=40)
    issued_on = DateField(label="Ngày cấp giấy")
    admitted_on = DateField(label="Ngày vào Đảng")
    official_on = DateField(label="Ngày chính thức", required=False)
    card_number = forms.CharField(label="Số thẻ đảng viên", required=False, max_length=20)
    dues_paid_to = MonthField(label="Đã đóng đảng phí đến hết tháng (tháng/năm)", required=False)

    def __init__(self, *args, cells=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["destination"].queryset = cells
