"""Forms of the key task pages: a task with its assignees, an edit, a progress update, a cancellation."""

from django import forms

from dangvu.core.pickers import ScopedPickerForm
from dangvu.core.web import ModelChoiceField, UploadField
from dangvu.meetings.web import date_field, integer_field
from dangvu.members.pickers import limit_people, listed_person_field
from dangvu.organizations.pickers import organization_field

from .actions import MAX_WEIGHT
from .models import AssigneeRole, SourceKind

EVIDENCE_TYPES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".jpg", ".jpeg", ".png", ".zip")


PEOPLE_WHERE = "trong số người giữ chức vụ ở các tổ chức bạn được xem"


def _units(label: str, multiple: bool = True, required: bool = False):
    return organization_field(label, capability="write", active_only=True, multiple=multiple, required=required)


class TaskForm(ScopedPickerForm):
    organization = _units("Tổ chức giao", multiple=False, required=True)
    title = forms.CharField(label="Tên nhiệm vụ", max_length=500)
    description = forms.CharField(label="Nội dung", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    source_kind = forms.ChoiceField(label="Căn cứ", choices=SourceKind.choices)
    source_meeting = ModelChoiceField(label="Hội nghị kết luận", queryset=None, required=False)
    source_document = forms.CharField(label="Văn bản căn cứ", max_length=200, required=False)
    assigned_on = date_field("Ngày giao")
    due_on = date_field("Hạn hoàn thành", required=False)
    weight = integer_field("Trọng số (khi là nhiệm vụ con)", initial=1, min_value=1, max_value=MAX_WEIGHT)
    lead_organizations = _units("Đơn vị chủ trì")
    support_organizations = _units("Đơn vị phối hợp")
    lead_people = listed_person_field("Đồng chí chủ trì", multiple=True)

    def __init__(self, *args, meetings=None, people=None, is_child=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_meeting"].queryset = meetings
        limit_people(self, people, "lead_people", where=PEOPLE_WHERE, key="chuc-vu")
        if is_child:
            for name in ("organization", "source_kind", "source_meeting", "source_document"):
                del self.fields[name]


class TaskEditForm(forms.Form):
    title = forms.CharField(label="Tên nhiệm vụ", max_length=500)
    description = forms.CharField(label="Nội dung", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    source_document = forms.CharField(label="Văn bản căn cứ", max_length=200, required=False)
    due_on = date_field("Hạn hoàn thành", required=False)
    weight = integer_field("Trọng số", min_value=1, max_value=MAX_WEIGHT)
    not_applicable = forms.BooleanField(label="Không áp dụng (không tính vào tiến độ nhiệm vụ cha)", required=False)
    reason = forms.CharField(label="Lý do, căn cứ sửa (bắt buộc khi đổi hạn)", max_length=300, required=False)


class AssigneeForm(ScopedPickerForm):
    organization = _units("Đơn vị", multiple=False)
    person = listed_person_field("Hoặc đồng chí")
    role = forms.ChoiceField(label="Vai trò", choices=AssigneeRole.choices)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        limit_people(self, people, "person", where=PEOPLE_WHERE, key="chuc-vu")


class ProgressForm(forms.Form):
    percent = integer_field("Tiến độ (%)", min_value=0, max_value=100)
    reported_on = date_field("Ngày báo cáo")
    note = forms.CharField(label="Kết quả, ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    evidence = UploadField(
        label="Tài liệu minh chứng",
        required=False,
        max_mb=20,
        types=EVIDENCE_TYPES,
        kinds="tệp PDF, Word, Excel, ảnh JPG/PNG hoặc ZIP",
        hint="hãy nén hoặc chia nhỏ tệp",
        office_checked=True,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Lý do", max_length=300)
