"""Forms of the admission pages: listing a candidate, and one small form per step of the pipeline.

Field names match the keys of the actions' rule violations ("on", "number", "votes_for" …), so a rule's
message lands under the field it concerns.
"""

from django import forms

from dangvu.core.pickers import ScopedPickerForm
from dangvu.core.web import DateField, DateInput, ModelChoiceField
from dangvu.members.forms import cell_field
from dangvu.members.models import Person
from dangvu.members.pickers import limit_people, listed_person_field
from dangvu.organizations.pickers import limit_organizations, listed_organization_field

from .models import ReadmissionGround, UnionKind

WHOLE_NUMBER = {"invalid": "Nhập một số nguyên (ví dụ 5).", "min_value": "Số không được âm."}


def _on(label: str) -> DateField:
    return DateField(label=label)


class CandidateForm(ScopedPickerForm):
    organization = cell_field("Chi bộ bồi dưỡng, giới thiệu")
    listed_on = _on("Ngày đưa vào danh sách quần chúng ưu tú")


class ReadmissionForm(CandidateForm):
    """Kết nạp lại: the cell, the listing day, the ground the person left on and the written consent."""

    readmission_ground = forms.ChoiceField(
        label="Lý do đã ra khỏi Đảng", choices=[("", "— Chọn —"), *ReadmissionGround.choices], required=False
    )
    readmission_consent = forms.CharField(
        label="Văn bản đồng ý của Ban Thường vụ tỉnh ủy, thành ủy (số, ngày)", max_length=120, required=False
    )
    record_cleared_on = DateField(
        label="Ngày được xóa án tích (nếu bị án hình sự tội ít nghiêm trọng)", required=False, widget=DateInput()
    )


class ClassForm(forms.Form):
    on = _on("Ngày cử đi học lớp bồi dưỡng nhận thức về Đảng")


class CertificateForm(forms.Form):
    number = forms.CharField(label="Số giấy chứng nhận", max_length=40, required=False)
    on = _on("Ngày cấp giấy chứng nhận")
    course_participant = ModelChoiceField(label="Học viên lớp (nếu lớp đã được ghi)", queryset=None, required=False)

    def __init__(self, *args, participations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course_participant"].queryset = participations


class ApplicationForm(forms.Form):
    on = _on("Ngày của đơn xin vào Đảng")


class IntroducersForm(ScopedPickerForm):
    on = _on("Ngày giới thiệu")
    union_kind = forms.ChoiceField(label="Hình thức giới thiệu", choices=UnionKind.choices, required=False)
    union_reference = forms.CharField(
        label="Nghị quyết giới thiệu của Đoàn/Công đoàn (số, ngày)", max_length=120, required=False
    )
    introducer_1 = listed_person_field("Đảng viên giới thiệu thứ nhất")
    since_1 = DateField(label="Cùng công tác, sinh sống với người vào Đảng từ ngày", required=False, widget=DateInput())
    introducer_2 = listed_person_field("Đảng viên giới thiệu thứ hai")
    since_2 = DateField(label="Cùng công tác, sinh sống với người vào Đảng từ ngày", required=False, widget=DateInput())

    def __init__(self, *args, members=None, people_key="", **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        limit_people(
            self,
            Person.objects.filter(membership__in=members),
            "introducer_1",
            "introducer_2",
            noun="đảng viên",
            where="trong số đảng viên chính thức của đảng bộ cơ sở mà bạn được xem",
            key=people_key,
        )

    def clean(self) -> dict:
        data = super().clean()
        people = [data[f"introducer_{i}"] for i in ("1", "2") if data.get(f"introducer_{i}")]
        memberships = {m.person_id: m for m in self.members.filter(person__in=people)} if people else {}
        for i in ("1", "2"):  # the actions judge the membership the person picked holds
            if data.get(f"introducer_{i}"):
                data[f"introducer_{i}"] = memberships[data[f"introducer_{i}"].pk]
        for i in ("1", "2"):
            if data.get(f"introducer_{i}") and not data.get(f"since_{i}") and f"since_{i}" not in self.errors:
                self.add_error(f"since_{i}", "Cần ghi ngày bắt đầu cùng công tác, sinh sống với người vào Đảng.")
        return data

    def introducers(self) -> list:
        data = self.cleaned_data
        return [(data[f"introducer_{i}"], data[f"since_{i}"]) for i in ("1", "2") if data.get(f"introducer_{i}")]


class ResolutionForm(forms.Form):
    on = _on("Ngày chi bộ họp xét kết nạp")
    number = forms.CharField(label="Số nghị quyết", max_length=60, required=False)
    votes_for = forms.IntegerField(label="Số đảng viên chính thức tán thành", min_value=0, error_messages=WHOLE_NUMBER)
    exempted_present = forms.IntegerField(
        label="Đảng viên miễn sinh hoạt có mặt, biểu quyết",
        min_value=0,
        required=False,
        initial=0,
        error_messages=WHOLE_NUMBER,
    )
    over_age_approval = forms.CharField(
        label="Văn bản chấp thuận kết nạp trên 60 tuổi (nếu có)", max_length=120, required=False
    )


class DecisionForm(ScopedPickerForm):
    number = forms.CharField(label="Số quyết định kết nạp", max_length=60)
    on = _on("Ngày quyết định")
    by = listed_organization_field("Cấp ủy ra quyết định")

    def __init__(self, *args, committees=None, committees_key="", **kwargs):
        super().__init__(*args, **kwargs)
        limit_organizations(self, committees, "by", where="trong số cấp ủy cấp trên của chi bộ", key=committees_key)


class CeremonyForm(forms.Form):
    on = _on("Ngày tổ chức lễ kết nạp")
    received_on = DateField(
        label="Ngày chi bộ nhận quyết định kết nạp",
        required=False,
        widget=DateInput(),
        help_text="Hạn 30 ngày làm việc tính từ ngày này (để trống: tính từ ngày quyết định).",
    )
    late_approval = forms.CharField(
        label="Văn bản đồng ý của cấp ủy cấp trên trực tiếp (nếu tổ chức lễ quá hạn)", max_length=120, required=False
    )


class RecognitionForm(forms.Form):
    number = forms.CharField(label="Số quyết định công nhận đảng viên chính thức", max_length=60)
    on = _on("Ngày quyết định")


class StrikeOffForm(forms.Form):
    number = forms.CharField(label="Số quyết định xóa tên", max_length=60)
    on = _on("Ngày quyết định")
    reason = forms.CharField(label="Lý do không công nhận chính thức", max_length=300)


class EndForm(forms.Form):
    on = _on("Ngày")
    reason = forms.CharField(label="Lý do", max_length=300)
    number = forms.CharField(label="Số văn bản (nếu có)", max_length=60, required=False)
