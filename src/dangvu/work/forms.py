"""Forms of the work pages. Organizations and people are picked by name (`core.pickers`), looked up only
within what the user may see; everything else is judged by the actions, whose messages land on the fields."""

from django import forms
from django.utils import timezone

from dangvu.core import rules as party_rules
from dangvu.core.pickers import ScopedPickerForm
from dangvu.core.web import DateField, UploadField
from dangvu.members.models import Gender, Member, Person
from dangvu.members.pickers import listed_person_field, person_field
from dangvu.organizations.models import Body, Position, Post
from dangvu.organizations.pickers import organization_field

from .actions.congresses import ELECTED_POSTS
from .actions.courses import ParticipantRow
from .models import (
    Activity,
    CongressKind,
    CongressStatus,
    CourseKind,
    CourseResult,
    DisciplineForm,
    OversightKind,
    PerformingBody,
)
from .pickers import oversight_field, programme_item_field


def _members(people: list[Person]) -> list[Member]:
    """The memberships of people a members-only picker chose."""
    return [person.membership for person in people]


class ScopedForm(ScopedPickerForm):
    """A form whose pickers look up within the user's scope."""


def date_field(label: str, required: bool = False) -> DateField:
    return DateField(label=label, required=required, error_messages={"required": f"{label} không được để trống."})


def choice(label: str, choices, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", "—")] + list(choices),
        required=required,
        error_messages={"required": f"Chưa chọn {label.lower()}.", "invalid_choice": f"{label} không hợp lệ."},
    )


def integer(label: str, **kwargs) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, error_messages={"invalid": "Phải là số nguyên."}, **kwargs)


def text(label: str, required: bool = False, area: bool = False, **kwargs) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": 3}) if area else None
    return forms.CharField(
        label=label,
        required=required,
        widget=widget,
        error_messages={"required": f"{label} không được để trống."},
        **kwargs,
    )


class CongressForm(ScopedForm):
    organization = organization_field("Tổ chức", capability="write")
    term = text("Nhiệm kỳ", required=True, help_text="Ví dụ 2020–2025")
    ordinal = integer("Lần thứ")
    kind = choice("Hình thức", CongressKind.choices)
    status = choice("Tình trạng", CongressStatus.choices)
    planned_start = date_field("Ngày dự kiến bắt đầu")
    planned_end = date_field("Ngày dự kiến kết thúc")
    held_start = date_field("Ngày khai mạc")
    held_end = date_field("Ngày bế mạc")
    delegates = integer("Số đại biểu (đảng viên) dự")
    note = text("Ghi chú", area=True)


class ElectionForm(forms.Form):
    on = date_field("Ngày bầu (phiên họp thứ nhất)", required=True)
    decision_number = text("Số văn bản")


ELECTED_BODIES = [(b, Body(b).label) for b in ELECTED_POSTS]
ELECTED_POST_CHOICES = [(p, Post(p).label) for p in Post.values if any(p in posts for posts in ELECTED_POSTS.values())]
ROW_FIELDS = ("person", "body", "post")


class ElectedForm(ScopedForm):
    """One elected post: the member picked by name, the body and the post. A row left empty is no post."""

    person = person_field("Người trúng cử", members_only=True, required=False)
    body = choice("Cơ quan", ELECTED_BODIES, required=False)
    post = choice("Chức danh", ELECTED_POST_CHOICES, required=False)

    def clean(self) -> dict:
        data = super().clean()
        if self.errors or any(data.get(name) for name in ROW_FIELDS):
            missing = {
                "person": "Chưa chọn người trúng cử.",
                "body": "Chưa chọn cơ quan.",
                "post": "Chưa chọn chức danh.",
            }
            for name, message in missing.items():
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
        return data

    def elected(self) -> tuple | None:
        data = self.cleaned_data
        return (data["person"], data["body"], data["post"]) if data.get("person") else None


class BaseElectedRows(forms.BaseFormSet):
    def elected(self) -> list[tuple]:
        return [row for row in (form.elected() for form in self.forms) if row]


ElectedRows = forms.formset_factory(ElectedForm, formset=BaseElectedRows, extra=0, max_num=200, absolute_max=200)


class CourseForm(ScopedForm):
    kind = choice("Loại lớp", CourseKind.choices)
    title = text("Tên lớp", required=True)
    organizer = organization_field("Đơn vị tổ chức", capability="write")
    start_date = date_field("Ngày khai giảng", required=True)
    end_date = date_field("Ngày bế giảng", required=True)
    venue = text("Địa điểm")
    note = text("Ghi chú", area=True)


class ParticipantForm(ScopedForm):
    """Học viên: people already in the registry picked by name (several at once), or one new quần chúng named
    by their particulars (the CCCD is theirs, recorded with them; the Excel import still finds people by it)."""

    people = listed_person_field("Học viên đã có trong hệ thống", multiple=True)  # the view limits the list
    family_name = text("Họ (quần chúng mới)")
    middle_name = text("Tên đệm (quần chúng mới)")
    given_name = text("Tên (quần chúng mới)")
    gender = choice("Giới tính (quần chúng mới)", Gender.choices, required=False)
    birth_date = date_field("Ngày sinh (quần chúng mới)")
    citizen_id = text("Số CCCD (quần chúng mới)")
    result = forms.ChoiceField(label="Kết quả", choices=CourseResult.choices, required=False)
    certificate_number = text("Số giấy chứng nhận")
    note = text("Ghi chú")

    NEW = ("family_name", "middle_name", "given_name", "gender", "birth_date", "citizen_id")

    def data_for_action(self) -> dict:
        """`enrol_people`'s arguments: the people picked, and the new person when any of their fields is given."""
        data = self.cleaned_data
        new = None
        if any(data.get(name) for name in self.NEW):
            new = ParticipantRow(
                **{name: data.get(name) or ("" if name != "birth_date" else None) for name in self.NEW}
            )
        return {
            "people": data.get("people") or [],
            "new": new,
            "result": data.get("result") or "",
            "certificate_number": data.get("certificate_number") or "",
            "note": data.get("note") or "",
        }


class ParticipantResultForm(forms.Form):
    result = forms.ChoiceField(label="Kết quả", choices=CourseResult.choices, required=False)
    certificate_number = text("Số giấy chứng nhận")
    note = text("Ghi chú")


class ImportForm(forms.Form):
    file = UploadField(label="Tệp Excel (.xlsx)", max_mb=20)  # the reader explains a file of another kind


class OversightForm(ScopedForm):
    activity = choice("Hoạt động", Activity.choices)
    kind = choice("Loại", OversightKind.choices)
    organization = organization_field("Tổ chức tiến hành", capability="inspect")
    body = choice("Chủ thể tiến hành", PerformingBody.choices)
    start_date = date_field("Ngày bắt đầu", required=True)
    end_date = date_field("Ngày kết thúc")
    decision_number = text("Số quyết định, kế hoạch")
    content = text("Nội dung", required=True, area=True)
    subject_organizations = organization_field("Tổ chức được kiểm tra, giám sát", multiple=True, required=False)
    subject_members = person_field(
        "Đảng viên được kiểm tra, giám sát", capability="read", members_only=True, multiple=True, required=False
    )
    conclusion = text("Kết luận", area=True)
    violations_found = forms.BooleanField(label="Có vi phạm", required=False)
    violations = text("Vi phạm phát hiện", area=True)
    follow_up = text("Kiến nghị, xử lý", area=True)
    programme_item = programme_item_field("Theo nội dung trong chương trình (nếu có)")

    def data_for_action(self) -> dict:
        data = dict(self.cleaned_data)
        data["subject_members"] = _members(data["subject_members"] or [])
        data["subject_organizations"] = data["subject_organizations"] or []
        return data


class ProgrammeForm(ScopedForm):
    organization = organization_field("Tổ chức", capability="inspect")
    body = choice("Chủ thể", PerformingBody.choices)
    year = integer("Năm", min_value=1930, max_value=2100)
    title = text("Tên chương trình", required=True)
    decision_number = text("Số văn bản")
    note = text("Ghi chú", area=True)


class ProgrammeEditForm(forms.Form):
    title = text("Tên chương trình", required=True)
    decision_number = text("Số văn bản")
    note = text("Ghi chú", area=True)


class ProgrammeItemForm(ScopedForm):
    activity = choice("Hoạt động", Activity.choices)
    kind = choice("Loại", OversightKind.choices)
    subject_organization = organization_field("Tổ chức", required=False)
    subject_member = person_field("hoặc đảng viên", capability="read", members_only=True, required=False)
    planned_month = integer("Tháng dự kiến")
    content = text("Nội dung")

    def data_for_action(self) -> dict:
        data = dict(self.cleaned_data)
        data["subject_member"] = data["subject_member"].membership if data["subject_member"] else None
        return data


class DisciplineDecisionForm(ScopedForm):
    organization = organization_field("Tổ chức quyết định", capability="inspect")
    body = choice("Cấp quyết định", PerformingBody.choices)
    decided_on = date_field("Ngày quyết định", required=True)
    decision_number = text("Số quyết định", required=True)
    form = choice("Hình thức kỷ luật", DisciplineForm.choices)
    subject_organization = organization_field("Tổ chức đảng bị kỷ luật", required=False)
    subject_member = person_field("hoặc đảng viên bị kỷ luật", capability="read", members_only=True, required=False)
    position = forms.ChoiceField(label="Chức vụ bị cách (khi cách chức)", required=False, choices=[("", "—")])
    reason = text("Nội dung vi phạm, lý do", required=True, area=True)
    oversight = oversight_field("Cuộc kiểm tra liên quan (nếu có)")
    note = text("Ghi chú", area=True)

    def clean_subject_member(self) -> Person | None:
        """The posts of the member chosen, to pick the one lost by dismissal (cách chức): only a member within
        the user's scope (as the picker finds them), so that nothing of anyone else is shown."""
        person = self.cleaned_data.get("subject_member")
        if person is not None:
            self.fields["position"].choices = [("", "—")] + [
                (
                    str(p.pk),
                    f"{p.get_post_display()} – {p.get_body_display()} {p.organization} "
                    f"({p.valid_from:%d/%m/%Y}–{'' if p.valid_to.year == 9999 else p.valid_to})",
                )
                for p in Position.objects.filter(person=person).select_related("organization")
            ]
        return person

    def data_for_action(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "position"}
        data["subject_member"] = data["subject_member"].membership if data["subject_member"] else None
        position_id = self.cleaned_data.get("position")
        data["position"] = Position.objects.filter(pk=position_id).first() if position_id else None
        return data


class DisciplineEditForm(forms.Form):
    decision_number = text("Số quyết định", required=True)
    reason = text("Nội dung vi phạm, lý do", required=True, area=True)
    note = text("Ghi chú", area=True)


class MemberBadgeForm(forms.Form):
    """One member's badge on an award day; early (grave illness) only with its reason."""

    years = forms.TypedChoiceField(
        label="Huy hiệu",
        coerce=int,
        choices=[],
        error_messages={"required": "Chưa chọn huy hiệu.", "invalid_choice": "Huy hiệu không hợp lệ."},
    )
    on = date_field("Đợt trao (3/2, 19/5, 2/9, 7/11)", required=True)
    decision_number = text("Số quyết định", max_length=60)
    early_reason = text(
        "Lý do tặng sớm (bệnh nặng)",
        max_length=250,
        help_text=(
            "Chỉ ghi khi đảng viên bị bệnh nặng và chưa đủ tuổi đảng: tặng sớm không quá 12 tháng "
            "(Huy hiệu 30–65 năm), 24 tháng (70–90 năm) theo quy định đang áp dụng."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # the badge years of the rules in force today (`core.rules` "badge.years"), the only list of them
        self.fields["years"].choices = [
            ("", "— Chọn —"),
            *((y, f"{y} năm tuổi Đảng") for y in party_rules.param("badge.years", timezone.localdate())),
        ]


class BadgeForm(ScopedForm):
    organization = organization_field("Tổ chức")
    award_date = date_field("Đợt trao (3/2, 19/5, 2/9, 7/11)", required=True)
