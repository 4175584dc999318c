"""Forms of the member pages: the person's record, the membership, and each membership event."""

from django import forms

from dangvu.core.pickers import ScopedPickerForm
from dangvu.core.web import DateField
from dangvu.organizations.models import MEMBER_UNIT_KINDS
from dangvu.organizations.pickers import organization_field

from .models import ExemptionReason, Gender, LeftReason, Person


def cell_field(label: str, required: bool = True) -> forms.Field:
    """A working cell (chi bộ) of the user's subtree that they may write into, chosen by name."""
    return organization_field(label, capability="write", kinds=MEMBER_UNIT_KINDS, active_only=True, required=required)


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "family_name",
            "middle_name",
            "given_name",
            "gender",
            "birth_date",
            "citizen_id",
            "ethnicity",
            "religion",
            "hometown",
            "education",
            "profession",
            "theory_level",
            "occupation",
            "phone",
        ]
        field_classes = {"birth_date": DateField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gender"].choices = [("", "---")] + list(Gender.choices)
        self.fields["gender"].required = True
        self.fields["birth_date"].required = True

    def validate_unique(self) -> None:
        """Uniqueness is checked by the action, with a message naming the other person."""


class MembershipForm(ScopedPickerForm):
    organization = cell_field("Chi bộ sinh hoạt")
    admitted_on = DateField(label="Ngày vào Đảng")
    official_on = DateField(label="Ngày chính thức", required=False)
    card_number = forms.CharField(label="Số thẻ đảng viên", required=False, max_length=20)
    over_age_approval = forms.CharField(label="Văn bản chấp thuận kết nạp trên 60 tuổi", required=False, max_length=120)
    decision_number = forms.CharField(label="Số quyết định kết nạp", required=False, max_length=60)


class MembershipEditForm(forms.Form):
    admitted_on = DateField(label="Ngày vào Đảng")
    official_on = DateField(label="Ngày chính thức", required=False)
    card_number = forms.CharField(label="Số thẻ đảng viên", required=False, max_length=20)
    reason = forms.CharField(label="Lý do sửa, căn cứ", max_length=300)


class EventForm(ScopedPickerForm):
    date = DateField(label="Ngày")
    decision_number = forms.CharField(label="Số quyết định, văn bản", required=False, max_length=60)


class ExemptForm(EventForm):
    reason = forms.ChoiceField(
        label="Lý do",
        choices=[("", "— Chọn —"), *ExemptionReason.choices],
        help_text="Chỉ miễn vì tuổi cao hoặc sức khỏe yếu, theo đơn của đảng viên (Điều lệ Đảng, Điều 7).",
    )
    decision_number = forms.CharField(label="Số nghị quyết, quyết định của chi bộ", max_length=60)
    detail = forms.CharField(label="Ghi chú (đơn, xác nhận sức khỏe …)", required=False, max_length=200)


class TransferForm(EventForm):
    to = cell_field("Chuyển đến chi bộ", required=False)
    other_unit = forms.CharField(label="Hoặc đơn vị ngoài hệ thống", required=False, max_length=200)


class LeaveForm(EventForm):
    reason = forms.ChoiceField(
        label="Hình thức",
        choices=[
            (LeftReason.STRUCK_OFF, LeftReason.STRUCK_OFF.label),
            (LeftReason.RESIGNED, LeftReason.RESIGNED.label),
            (LeftReason.DECEASED, LeftReason.DECEASED.label),
        ],
        help_text="Khai trừ là hình thức kỷ luật: ghi quyết định kỷ luật khai trừ ở mục Kỷ luật, "
        "đảng viên ra khỏi Đảng theo quyết định đó.",
    )
    confirm = forms.BooleanField(
        label="Tôi xác nhận: đảng viên ra khỏi Đảng từ ngày trên, không còn trong danh sách sinh hoạt của chi bộ "
        "(hồ sơ và lịch sử vẫn được giữ).",
        error_messages={"required": "Đánh dấu ô xác nhận để ghi việc ra khỏi Đảng."},
    )
