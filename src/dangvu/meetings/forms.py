"""Forms of the meeting pages: the meeting, an agenda item, a guest, the roll, the outcome, the year's plan."""

from django import forms

from dangvu.core.pickers import ScopedPickerForm
from dangvu.core.web import ModelChoiceField, UploadField
from dangvu.members.forms import cell_field
from dangvu.members.pickers import limit_people, listed_person_field
from dangvu.organizations.pickers import organization_field

from .models import GuestRole, Kind, PartOfDay, Presence, Status
from .web import date_field, integer_field

ATTACHMENT_TYPES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".ppt", ".pptx", ".zip")


PEOPLE_WHERE = "trong số người có thể chọn cho hội nghị này"


class MeetingForm(ScopedPickerForm):
    organization = organization_field("Tổ chức triệu tập", capability="write", active_only=True)
    kind = forms.ChoiceField(label="Loại", choices=Kind.choices)
    title = forms.CharField(label="Tên hội nghị, nội dung", max_length=300)
    date = date_field("Ngày")
    part_of_day = forms.ChoiceField(label="Buổi", choices=PartOfDay.choices)
    start_time = forms.TimeField(
        label="Giờ bắt đầu", required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    venue = forms.CharField(label="Địa điểm", max_length=200, required=False)
    chair = listed_person_field("Chủ trì")
    secretary = listed_person_field("Thư ký")
    status = forms.ChoiceField(label="Tình trạng", choices=[c for c in Status.choices if c[0] != Status.CANCELLED])

    def __init__(self, *args, people=None, people_key="", editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        limit_people(self, people, "chair", "secretary", where=PEOPLE_WHERE, key=people_key)
        if editing:
            del self.fields["organization"]


class AgendaItemForm(ScopedPickerForm):
    title = forms.CharField(label="Nội dung", max_length=300)
    presenter = listed_person_field("Người trình bày")
    report = ModelChoiceField(label="Báo cáo đã ban hành (số liệu lấy từ báo cáo này)", queryset=None, required=False)
    document_label = forms.CharField(label="Hoặc văn bản khác (số, tên)", max_length=200, required=False)
    attachment = UploadField(
        label="Tài liệu gửi kèm",
        required=False,
        max_mb=20,
        types=ATTACHMENT_TYPES,
        kinds="tài liệu PDF, Word, Excel, PowerPoint hoặc ZIP",
        hint="hãy nén hoặc chia nhỏ tài liệu",
        office_checked=True,
    )

    def __init__(self, *args, people=None, people_key="", reports=None, **kwargs):
        super().__init__(*args, **kwargs)
        limit_people(self, people, "presenter", where=PEOPLE_WHERE, key=people_key)
        self.fields["report"].queryset = reports


class GuestForm(ScopedPickerForm):
    person = listed_person_field("Đồng chí")
    group_label = forms.CharField(
        label="Hoặc thành phần (nhóm)",
        max_length=300,
        required=False,
        help_text="Ví dụ: các đồng chí trong BTV Thành ủy",
    )
    titles_override = forms.CharField(
        label="Chức danh ghi riêng cho hội nghị này",
        max_length=300,
        required=False,
        help_text="Để trống: lấy chức danh theo hồ sơ chức vụ tại ngày họp.",
    )
    role = forms.ChoiceField(label="Vai trò", choices=GuestRole.choices)
    attended = forms.BooleanField(label="Có mặt", required=False, initial=True)

    def __init__(self, *args, people=None, people_key="", **kwargs):
        super().__init__(*args, **kwargs)
        limit_people(self, people, "person", where=PEOPLE_WHERE, key=people_key)


class GuestEditForm(forms.Form):
    titles_override = forms.CharField(
        label="Chức danh ghi riêng cho hội nghị này",
        max_length=300,
        required=False,
        help_text="Để trống: lấy chức danh theo hồ sơ chức vụ tại ngày họp.",
    )
    attended = forms.BooleanField(label="Có mặt", required=False)


class OutcomeForm(ScopedPickerForm):
    minutes = forms.CharField(label="Biên bản", required=False, widget=forms.Textarea(attrs={"rows": 8}))
    conclusion = forms.CharField(label="Kết luận", required=False, widget=forms.Textarea(attrs={"rows": 8}))
    concluded_by = listed_person_field("Đồng chí kết luận")

    def __init__(self, *args, people=None, people_key="", **kwargs):
        super().__init__(*args, **kwargs)
        limit_people(self, people, "concluded_by", where=PEOPLE_WHERE, key=people_key)


class PlanYearForm(ScopedPickerForm):
    organization = cell_field("Chi bộ")
    year = integer_field("Năm", min_value=1930, max_value=2100)
    day = integer_field("Ngày họp trong tháng", min_value=1, max_value=31, initial=5)
    part_of_day = forms.ChoiceField(label="Buổi", choices=PartOfDay.choices, initial=PartOfDay.AFTERNOON)
    venue = forms.CharField(label="Địa điểm", max_length=200, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Lý do", max_length=300)


PRESENCE_CHOICES = Presence.choices
