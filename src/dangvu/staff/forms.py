"""Forms of the account pages."""

from django import forms

from dangvu.accounts.models import Role
from dangvu.core.pickers import ScopedPickerForm
from dangvu.core.web import DateField
from dangvu.members.pickers import person_field
from dangvu.organizations.pickers import organization_field


def managed(label: str) -> forms.Field:
    """A working organization where the user manages accounts today (as `queries.manages_now` judges)."""
    return organization_field(label, capability="accounts", active_only=True, now_only=True)


class UserCreateForm(ScopedPickerForm):
    organization = managed("Thuộc tổ chức")
    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    person = person_field("Gắn với hồ sơ trong danh sách đảng viên (không bắt buộc)", required=False)


class GrantForm(ScopedPickerForm):
    role = forms.ChoiceField(label="Vai trò", choices=Role.choices)
    organization = managed("Tại tổ chức")
    valid_from = DateField(label="Từ ngày")
    valid_to = DateField(label="Đến ngày (để trống nếu chưa định)", required=False)


class EndMandateForm(forms.Form):
    on = DateField(label="Kết thúc từ ngày")


class PasswordChangeForm(forms.Form):
    current = forms.CharField(
        label="Mật khẩu hiện tại", widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    new = forms.CharField(label="Mật khẩu mới", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    repeated = forms.CharField(
        label="Nhập lại mật khẩu mới", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Mã xác thực 6 số trên ứng dụng",
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class PolicyForm(forms.Form):
    require_otp_for_staff = forms.BooleanField(
        label="Bắt buộc xác thực hai lớp với cán bộ văn phòng và quản trị hệ thống", required=False
    )
