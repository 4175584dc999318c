"""The first run of an installation (`dangvu setup`): the root organization (and the province above it, if
any) and the first administrator, checked together and written in one transaction.

There is no scope yet, so this runs as the system itself; it refuses once an organization exists.
"""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from dangvu.accounts import actions as account_actions
from dangvu.accounts.models import Role
from dangvu.core import audit
from dangvu.core.errors import RuleViolation
from dangvu.core.text import fold, nfc
from dangvu.organizations import actions as org_actions
from dangvu.organizations import rules as org_rules
from dangvu.organizations.models import Kind, Organization, Sector
from dangvu.staff.audit_actions import StaffAudit

from .actions import _username_errors
from .models import AccountState
from .passwords import password_errors

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass
class RootSpec:
    """The committee that installs the system, or the province above it."""

    kind: str
    name: str
    committee_name: str
    committee_code: str = ""  # the sign on its documents: TU, HU, ĐU, CB
    code: str = ""
    committee_short: str = ""
    place: str = ""
    sector: str = Sector.OTHER
    established_on: date | None = None  # None: existing before the system


KIND_WORDS = ("dang bo ", "chi bo ")


def default_code(name: str) -> str:
    """A code from a name, without the kind's words: "Đảng bộ phường Quang Trung" -> "phuong-quang-trung"."""
    folded = fold(name).strip()
    for words in KIND_WORDS:
        if folded.startswith(words) and len(folded) > len(words):
            folded = folded[len(words) :]
    return slugify(folded)[:64] or "to-chuc"


def default_short(committee_name: str) -> str:
    """ "Thành ủy Phủ Lý" -> "Thành ủy"; "Đảng ủy phường Quang Trung" -> "Đảng ủy"."""
    words = nfc(committee_name).split()
    return " ".join(words[:2]) if len(words) >= 2 else nfc(committee_name)


def _spec_errors(spec: RootSpec, prefix: str, parent_kind: str | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not nfc(spec.name).strip():
        errors[f"{prefix}name"] = ["Tên tổ chức không được để trống."]
    if not nfc(spec.committee_name).strip():
        errors[f"{prefix}committee_name"] = ["Tên cấp ủy (như ghi trên văn bản) không được để trống."]
    allowed = org_rules.ROOT_KINDS if parent_kind is None else org_rules.CHILD_KINDS.get(parent_kind, ())
    if spec.kind not in Kind.values or (parent_kind is None and spec.kind not in allowed):
        labels = ", ".join(Kind(k).label for k in allowed)
        errors[f"{prefix}kind"] = [f"Loại tổ chức '{spec.kind}' không dùng được ở đây: chọn một trong {labels}."]
    else:
        messages = org_rules.kind_errors(spec.kind, spec.established_on, parent_kind)
        if messages:
            errors[f"{prefix}kind"] = messages
    if spec.sector not in Sector.values:
        errors[f"{prefix}sector"] = [f"Lĩnh vực '{spec.sector}' không hợp lệ."]
    return errors


def _establish(spec: RootSpec, parent: Organization | None) -> Organization:
    return org_actions.establish(
        None,
        code=spec.code or default_code(spec.name),
        kind=spec.kind,
        parent=parent,
        sector=spec.sector,
        committee_code=spec.committee_code,
        on=spec.established_on or org_rules.earliest_day(spec.kind),
        names=org_actions.NameSpec(
            name=spec.name,
            committee_name=spec.committee_name,
            committee_short=spec.committee_short or default_short(spec.committee_name),
            place=spec.place,
        ),
    )


@transaction.atomic(durable=True)
def do_setup(
    *, username: str, password: str, full_name: str, root: RootSpec, province: RootSpec | None = None
) -> "tuple[User, Organization]":
    """Create the root organization (under its province when given) and its first administrator."""
    errors: dict[str, list[str]] = {}
    if Organization.objects.exists():
        raise RuleViolation(
            "Hệ thống đã được cài đặt (đã có tổ chức): lệnh setup chỉ chạy trên cơ sở dữ liệu "
            "trống. Hãy tạo thêm người dùng và tổ chức trên giao diện web."
        )
    username, full_name = nfc(username).strip(), nfc(full_name).strip()
    if messages := _username_errors(username):
        errors["username"] = messages
    if not full_name:
        errors["full_name"] = ["Họ và tên quản trị viên không được để trống."]
    if messages := password_errors(password, get_user_model()(username=username, first_name=full_name)):
        errors["password"] = messages
    if province is not None:
        province.kind = Kind.PROVINCE
        errors.update(_spec_errors(province, "province_", None))
    errors.update(_spec_errors(root, "", Kind.PROVINCE if province is not None else None))
    codes = [(s.code or default_code(s.name)) for s in (province, root) if s is not None]
    if len(set(codes)) < len(codes):
        errors["code"] = [f"Mã tổ chức '{codes[0]}' trùng với mã của tỉnh: hãy ghi mã khác."]
    if errors:
        raise RuleViolation(errors)
    parent = _establish(province, None) if province is not None else None
    org = _establish(root, parent)
    user = account_actions.create_user(
        None, username=username, password=password, full_name=full_name, is_superuser=True
    )
    AccountState.objects.create(user=user, organization=org)
    account_actions.grant_mandate(None, user, role=Role.ADMIN, organization=org, valid_from=org.established_on)
    audit.record(
        None,
        StaffAudit.INSTALLATION_SETUP,
        org,
        organization=org,
        after={"organization": org.code, "province": parent.code if parent else None, "administrator": username},
    )
    return user, org
