"""Forms of the account pages."""

from django import forms

from dangvu.accounts.models import Role
from dangvu.core.web import DateField


class OrganizationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


class UserCreateForm(forms.Form):
    organization = OrganizationChoice(label="Thuộc tổ chức", queryset=None, to_field_name="code")
    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    person = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class GrantForm(forms.Form):
    role = forms.ChoiceField(label="Vai trò", choices=Role.choices)
    organization = OrganizationChoice(label="Tại tổ chức", queryset=None, to_field_name="code")
    valid_from = DateField(label="Từ ngày")
    valid_to = DateField(label="Đến ngày (để trống nếu chưa định)", required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class EndMandateForm(forms.Form):
    on = DateField(label="Kết thúc từ ngày")


class PasswordChangeForm(forms.Form):
    current = forms.CharField(label="Mật khẩu hiện tại", widget=forms.PasswordInput(
        attrs={"autocomplete": "current-password"}))
    new = forms.CharField(label="Mật khẩu mới", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    repeated = forms.CharField(label="Nhập lại mật khẩu mới", widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}))


class TokenForm(forms.Form):
    token = forms.CharField(label="Mã xác thực 6 số trên ứng dụng", max_length=12, widget=forms.TextInput(
        attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))


class PolicyForm(forms.Form):
    require_otp_for_staff = forms.BooleanField(
        label="Bắt buộc xác thực hai lớp với cán bộ văn phòng và quản trị hệ thống", required=False)
