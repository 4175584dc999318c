"""Changes of users and mandates, each recorded in the audit trail."""

from datetime import date
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.accounts.audit_actions import AccountsAudit
from dangvu.core import audit
from dangvu.core.errors import RuleViolation
from dangvu.core.text import nfc

from .models import OPEN_END, Mandate, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def create_user(actor, *, username: str, password: str, full_name: str = "", is_superuser: bool = False) -> "User":
    """Tạo người dùng; the password must pass the validators of AUTH_PASSWORD_VALIDATORS, as on every path
    that sets one."""
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise RuleViolation(f"Tên đăng nhập '{username}' đã được dùng.", "username")
    try:
        password_validation.validate_password(password, User(username=username, first_name=nfc(full_name)[:150]))
    except ValidationError as exc:
        raise RuleViolation({"password": list(exc.messages)}) from exc
    user = User.objects.create_user(username=username, password=password, first_name=nfc(full_name)[:150])
    if is_superuser:
        user.is_superuser = user.is_staff = True
        user.save()
    audit.record(actor, AccountsAudit.USER_CREATE, user, after={"username": username, "full_name": nfc(full_name)})
    return user


@transaction.atomic
def grant_mandate(
    actor, user, *, role: str, organization, valid_from: date, valid_to: date | None = None, person=None
) -> Mandate:
    """Giao quyền: a role at an organization, over a period."""
    if role not in Role.values:
        raise RuleViolation("Vai trò không hợp lệ.", "role")
    if role == Role.MEMBER and person is None:
        raise RuleViolation("Vai trò đảng viên cần gắn với hồ sơ của chính người dùng.", "person")
    mandate = Mandate.objects.create(
        user=user,
        role=role,
        organization=organization,
        person=person,
        valid_from=valid_from,
        valid_to=valid_to or OPEN_END,
    )
    audit.record(actor, AccountsAudit.MANDATE_GRANT, mandate, organization=organization)
    return mandate


@transaction.atomic
def end_mandate(actor, mandate: Mandate, *, on: date) -> Mandate:
    before = audit.snapshot(mandate)
    mandate.valid_to = on
    mandate.save(update_fields=["valid_to"])
    audit.record(actor, AccountsAudit.MANDATE_END, mandate, before=before, organization=mandate.organization)
    return mandate
