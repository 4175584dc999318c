"""Forms of the transfer pages: the request, each step of the letter, an arrival from outside."""

from datetime import date

from django import forms

from dangvu.core.pickers import ScopedPickerForm
from dangvu.core.web import DateField
from dangvu.members.forms import cell_field
from dangvu.organizations.models import MEMBER_UNIT_KINDS
from dangvu.organizations.pickers import organization_field

from .models import Kind


class MonthField(DateField):
    """A month written "08/2020" (or a full date), kept as its first day."""

    input_formats = ["%m/%Y", "%Y-%m", "%d/%m/%Y", "%Y-%m-%d"]

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(format="%m/%Y", attrs={"placeholder": "tháng/năm"}))
        super().__init__(**kwargs)

    def to_python(self, value) -> date | None:
        found = super().to_python(value)
        return found.replace(day=1) if found else found


class RequestForm(ScopedPickerForm):
    kind = forms.ChoiceField(label="Loại", choices=Kind.choices)
    # A cell of any province: the receiving side accepts the member.
    destination = organization_field(
        "Chi bộ nơi đến (trong hệ thống)", kinds=MEMBER_UNIT_KINDS, active_only=True, anywhere=True, required=False
    )
    destination_unit = forms.CharField(label="Hoặc tổ chức đảng nơi đến ngoài hệ thống", required=False, max_length=200)
    decision_number = forms.CharField(
        label="Quyết định chuyển công tác, nghỉ hưu, đổi nơi cư trú…", required=False, max_length=80
    )
    decision_on = DateField(label="Ngày quyết định")
    requested_on = DateField(label="Ngày đề nghị")
    reason = forms.CharField(label="Lý do chuyển", required=False, max_length=200)
    temporary_until = DateField(label="Sinh hoạt tạm thời đến ngày", required=False)


class DateForm(forms.Form):
    on = DateField(label="Ngày")


class IssueForm(DateForm):
    profile_number = forms.CharField(label="Số lý lịch đảng viên", required=False, max_length=40)
    book_number = forms.CharField(label="Số thứ tự trong sổ danh sách đảng viên", required=False, max_length=20)
    # Filled from the dues book (the view says where it came from); another month needs the confirmation.
    dues_paid_to = MonthField(label="Đã đóng đảng phí đến hết tháng (tháng/năm)", required=False)
    dues_confirmed = forms.BooleanField(
        label="Xác nhận tháng đóng đảng phí",
        required=False,
        help_text="Chỉ cần khi tháng ghi khác sổ đảng phí của hệ thống hoặc đảng viên còn nợ đảng phí.",
    )


class NoteForm(DateForm):
    note = forms.CharField(label="Lý do", max_length=300)


class ReissueForm(IssueForm):
    note = forms.CharField(label="Chỗ viết sai", max_length=300)


class CancelForm(forms.Form):
    note = forms.CharField(label="Lý do hủy", max_length=300)


class ArrivalForm(ScopedPickerForm):
    destination = cell_field("Chi bộ nơi đến")
    on = DateField(label="Ngày tiếp nhận")
    source_unit = forms.CharField(label="Cấp ủy đã cấp giấy (ngoài hệ thống)", max_length=200)
    letter_number = forms.CharField(label="Số giấy giới thiệu", max_length=40)
    issued_on = DateField(label="Ngày cấp giấy")
    admitted_on = DateField(label="Ngày vào Đảng")
    official_on = DateField(label="Ngày chính thức", required=False)
    card_number = forms.CharField(label="Số thẻ đảng viên", required=False, max_length=20)
    dues_paid_to = MonthField(label="Đã đóng đảng phí đến hết tháng (tháng/năm)", required=False)
