"""Changes of accounts and mandates made in the web app, in the write gate's shape: `do_x(scope, …)` checks
the scope, collects every error, writes and records its audit event in one transaction.

A manager (an administrator, or the office of an organization) acts within the subtree of their managing
mandates as it stands today, and never grants or ends a role wider than their own there. The writes of
users and mandates themselves stay in `dangvu.accounts.actions`.
"""

import secrets
import string
from datetime import date
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from dangvu.accounts import actions as account_actions
from dangvu.accounts.models import Mandate, Role
from dangvu.accounts.scope import ACCOUNTS, Scope
from dangvu.core import audit
from dangvu.core.errors import RuleViolation
from dangvu.core.text import nfc
from dangvu.organizations.models import OPEN_END, Organization
from dangvu.staff.audit_actions import StaffAudit

from . import queries, rules
from .models import AccountState, SecurityPolicy
from .passwords import password_errors

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django_otp.plugins.otp_totp.models import TOTPDevice

# Letters and digits that cannot be mistaken for one another when read aloud or copied from paper.
ONE_TIME_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")


def one_time_password() -> str:
    return "".join(secrets.choice(ONE_TIME_ALPHABET) for _ in range(rules.ONE_TIME_PASSWORD_LENGTH))


def _raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise RuleViolation(errors)


def _username_errors(username: str) -> list[str]:
    if not username:
        return ["Tên đăng nhập không được để trống."]
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        return ["Tên đăng nhập chỉ gồm chữ, chữ số và các dấu @ . + - _ (không có khoảng trắng)."]
    if get_user_model().objects.filter(username__iexact=username).exists():
        return [f"Tên đăng nhập '{username}' đã được dùng."]
    return []


def _require_manageable(scope: Scope, user) -> None:
    if not queries.can_manage_user(scope, user):
        if queries.users(scope).filter(pk=user.pk).exists():
            raise PermissionDenied("Tài khoản này có quyền ngoài phạm vi hoặc rộng hơn quyền của bạn.")
        raise Http404("Không tìm thấy tài khoản.")


def _state(user) -> AccountState:
    return AccountState.objects.get_or_create(user=user)[0]


@transaction.atomic(durable=True)
def do_create_user(
    scope: Scope, *, organization: Organization, username: str, full_name: str, person=None, password: str = ""
) -> tuple[object, str]:
    """Tạo tài khoản under an organization of the manager's subtree, optionally linked to a person of the
    registry. Returns the user and the one-time password to hand over (changed at the first login)."""
    scope.require(organization.pk, ACCOUNTS)
    username, full_name = nfc(username).strip(), nfc(full_name).strip()
    errors: dict[str, list[str]] = {}
    if not queries.manages_now(scope, organization.pk):
        errors["organization"] = [f"{organization.name} không còn thuộc phạm vi quản lý tài khoản của bạn."]
    if organization.dissolved_on:
        errors["organization"] = [f"{organization.name} đã kết thúc hoạt động."]
    if messages := _username_errors(username):
        errors["username"] = messages
    if not full_name:
        errors["full_name"] = ["Họ và tên không được để trống."]
    if person is not None and not queries.people(scope).filter(pk=person.pk).exists():
        errors["person"] = ["Không tìm thấy người này trong phạm vi của bạn."]
    password = password or one_time_password()
    if messages := password_errors(password, get_user_model()(username=username, first_name=full_name)):
        errors["password"] = messages
    _raise_if(errors)
    user = account_actions.create_user(scope.user, username=username, password=password, full_name=full_name)
    AccountState.objects.create(user=user, organization=organization, person=person, must_change_password=True)
    audit.record(
        scope.user,
        StaffAudit.ACCOUNT_CREATE,
        user,
        organization=organization,
        after={
            "username": username,
            "full_name": full_name,
            "organization": organization.code,
            "person": person.pk if person else None,
        },
    )
    return user, password


@transaction.atomic(durable=True)
def do_grant_mandate(
    scope: Scope, user, *, role: str, organization: Organization, valid_from: date, valid_to: date | None = None
) -> Mandate:
    """Giao quyền: a role at an organization of the manager's subtree, never wider than their own there."""
    scope.require(organization.pk, ACCOUNTS)
    if not queries.users(scope).filter(pk=user.pk).exists():
        raise Http404("Không tìm thấy tài khoản.")
    errors: dict[str, list[str]] = {}
    if role not in Role.values:
        errors["role"] = ["Vai trò không hợp lệ."]
    elif not queries.may_grant(scope, role, organization.pk):
        errors["role"] = [
            f"Bạn không được giao vai trò '{Role(role).label}' tại {organization.name}: chỉ giao "
            "được vai trò không rộng hơn vai trò của chính bạn, trong tổ chức bạn đang quản lý."
        ]
    if valid_to and valid_to <= valid_from:
        errors["valid_to"] = ["Ngày kết thúc phải sau ngày bắt đầu."]
    if organization.dissolved_on and valid_from >= organization.dissolved_on:
        errors["valid_from"] = [f"{organization.name} đã kết thúc hoạt động ngày {organization.dissolved_on:%d/%m/%Y}."]
    state = AccountState.objects.filter(user=user).first()
    person = state.person if state else None
    if role == Role.MEMBER and person is None:
        errors["role"] = ["Vai trò đảng viên cần tài khoản gắn với hồ sơ đảng viên của chính người dùng."]
    if Mandate.objects.filter(
        user=user, role=role, organization=organization, valid_from__lt=valid_to or OPEN_END, valid_to__gt=valid_from
    ).exists():
        errors.setdefault("role", []).append("Tài khoản đã có vai trò này tại tổ chức này trong khoảng thời gian đó.")
    _raise_if(errors)
    return account_actions.grant_mandate(
        scope.user,
        user,
        role=role,
        organization=organization,
        valid_from=valid_from,
        valid_to=valid_to,
        person=person if role == Role.MEMBER else None,
    )


@transaction.atomic(durable=True)
def do_end_mandate(scope: Scope, mandate: Mandate, *, on: date) -> Mandate:
    """Kết thúc quyền: the mandate ends at `on` (the day it no longer applies)."""
    scope.require(mandate.organization_id, ACCOUNTS)
    errors: dict[str, list[str]] = {}
    if not queries.may_grant(scope, mandate.role, mandate.organization_id):
        errors["role"] = [
            "Bạn không được kết thúc một vai trò rộng hơn vai trò của bạn, hoặc ngoài tổ chức bạn đang quản lý."
        ]
    if mandate.user_id == scope.user.pk:
        errors["role"] = ["Không tự kết thúc quyền của chính mình: hãy nhờ người quản lý cấp trên."]
    if on <= mandate.valid_from:
        errors["on"] = [f"Ngày kết thúc phải sau ngày bắt đầu ({mandate.valid_from:%d/%m/%Y})."]
    elif mandate.valid_to != OPEN_END and on >= mandate.valid_to:
        errors["on"] = [f"Quyền này đã kết thúc ngày {mandate.valid_to:%d/%m/%Y}."]
    _raise_if(errors)
    return account_actions.end_mandate(scope.user, mandate, on=on)


@transaction.atomic(durable=True)
def do_set_active(scope: Scope, user, *, active: bool) -> "User":
    """Khóa / mở lại tài khoản: a locked account cannot log in; its records and history stay."""
    _require_manageable(scope, user)
    if user.pk == scope.user.pk:
        raise RuleViolation("Không tự khóa tài khoản của chính mình.", "active")
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    state = _state(user)
    audit.record(
        scope.user,
        StaffAudit.ACCOUNT_REACTIVATE if active else StaffAudit.ACCOUNT_DEACTIVATE,
        user,
        organization=state.organization,
        after={"is_active": active},
    )
    return user


@transaction.atomic(durable=True)
def do_reset_password(scope: Scope, user) -> str:
    """Đặt lại mật khẩu: a one-time password, to be changed at the next login; returned to hand over."""
    _require_manageable(scope, user)
    if user.pk == scope.user.pk:
        raise RuleViolation("Hãy đổi mật khẩu của chính mình ở trang Tài khoản của tôi.", "password")
    password = one_time_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    state = _state(user)
    state.must_change_password = True
    state.save(update_fields=["must_change_password"])
    audit.record(
        scope.user,
        StaffAudit.ACCOUNT_PASSWORD_RESET,
        user,
        organization=state.organization,
        after={"must_change_password": True},
    )
    return password


@transaction.atomic(durable=True)
def do_change_own_password(scope: Scope, *, current: str, new: str, repeated: str) -> "User":
    """Đổi mật khẩu: the user's own, after giving the current one."""
    user = scope.user
    errors: dict[str, list[str]] = {}
    if not user.check_password(current):
        errors["current"] = ["Mật khẩu hiện tại không đúng."]
    if new != repeated:
        errors["repeated"] = ["Hai lần nhập mật khẩu mới không giống nhau."]
    if new == current:
        errors["new"] = ["Mật khẩu mới phải khác mật khẩu hiện tại."]
    elif messages := password_errors(new, user):
        errors["new"] = messages
    _raise_if(errors)
    user.set_password(new)
    user.save(update_fields=["password"])
    state = _state(user)
    state.must_change_password = False
    state.password_changed_at = timezone.now()
    state.save(update_fields=["must_change_password", "password_changed_at"])
    audit.record(user, StaffAudit.ACCOUNT_PASSWORD_CHANGE, user, organization=state.organization, after={})
    return user


@transaction.atomic(durable=True)
def do_set_security_policy(scope: Scope, *, require_otp_for_staff: bool) -> SecurityPolicy:
    """Whether office and administrator accounts must log in with a second factor (administrators only)."""
    if not scope.is_admin:
        raise PermissionDenied("Chỉ quản trị hệ thống được thay đổi chính sách đăng nhập.")
    policy = SecurityPolicy.current()
    before = {"require_otp_for_staff": policy.require_otp_for_staff}
    policy.require_otp_for_staff = require_otp_for_staff
    policy.save()
    audit.record(
        scope.user,
        StaffAudit.SECURITY_POLICY,
        policy,
        before=before,
        after={"require_otp_for_staff": require_otp_for_staff},
        object_label="Chính sách đăng nhập",
    )
    return policy


@transaction.atomic(durable=True)
def do_confirm_otp_device(scope: Scope, device, token: str) -> "TOTPDevice":
    """Bật xác thực hai lớp: the user's new authenticator device, once it has given a right code."""
    if device.user_id != scope.user.pk:
        raise Http404("Không tìm thấy thiết bị.")
    if not device.verify_token(token.replace(" ", "")):
        raise RuleViolation("Mã xác thực không đúng hoặc đã hết hạn: nhập mã 6 số đang hiện trên ứng dụng.", "token")
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    device.__class__.objects.filter(user=scope.user).exclude(pk=device.pk).delete()
    audit.record(
        scope.user,
        StaffAudit.ACCOUNT_OTP_ENABLE,
        scope.user,
        after={"device": device.name},
        organization=_state(scope.user).organization,
    )
    return device


@transaction.atomic(durable=True)
def do_remove_otp(scope: Scope, user) -> int:
    """Tắt xác thực hai lớp: the user's own, or (a lost phone) by their manager."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if user.pk != scope.user.pk:
        _require_manageable(scope, user)
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    if removed:
        audit.record(
            scope.user,
            StaffAudit.ACCOUNT_OTP_REMOVE,
            user,
            after={"devices": removed},
            organization=_state(user).organization,
        )
    return removed


@transaction.atomic(durable=True)
def do_start_otp_device(scope: Scope) -> "TOTPDevice":
    """A new, not yet confirmed authenticator secret for the user (it counts only once confirmed)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=scope.user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=scope.user, name="Ứng dụng xác thực", confirmed=False)
