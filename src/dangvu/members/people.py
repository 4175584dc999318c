"""People to pick on a form, members or not, and people outside the member registry (người ngoài danh sách
đảng viên: officials of the province, guests, non-Party heads of mass organizations), recorded by an
organization so that its subtree can name them in positions and as meeting guests.

Forms pick a person by searching names (`search`), never by typing an internal number; every lookup goes
through the user's scope (`people_in_scope`).
"""

from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from dangvu.accounts.scope import WRITE, Scope
from dangvu.core import audit
from dangvu.core.errors import RuleViolation, add_errors, length_errors
from dangvu.core.text import fold, nfc
from dangvu.members.audit_actions import MembersAudit
from dangvu.organizations.models import Organization, Position

from .models import Gender, Person

MIN_BIRTH_YEAR = 1900


def people_in_scope(scope: Scope, capability: str = WRITE) -> QuerySet:
    """People the user may name: members of the subtree, people its organizations recorded, and holders of a
    post in it."""
    if scope.is_admin:
        return Person.objects.all()
    if not scope.roots(capability):
        return Person.objects.none()
    reach = scope.organization_ids(capability)
    return Person.objects.filter(
        Q(membership__organization_id__in=reach)
        | Q(recorded_by_id__in=reach)
        | Q(pk__in=Position.objects.filter(organization_id__in=reach).values("person_id"))
    )


def search(scope: Scope, text: str, limit: int = 20, capability: str = WRITE) -> list[Person]:
    """People whose name holds every word typed (diacritics ignored), in name order."""
    words = fold(text).split()
    if not words:
        return []
    found = people_in_scope(scope, capability).select_related("membership__organization", "recorded_by")
    for word in words:
        found = found.filter(name_folded__contains=word)
    return list(found.order_by("sort_key")[:limit])


def outsiders(scope: Scope, text: str = "") -> QuerySet:
    """The people outside the member registry that the subtree's organizations recorded (no membership), in
    name order, those whose name holds every word typed (diacritics ignored)."""
    found = Person.objects.filter(membership__isnull=True, recorded_by__isnull=False)
    if not scope.is_admin:
        found = found.filter(recorded_by_id__in=scope.organization_ids()) if scope.roots() else found.none()
    for word in fold(text).split():
        found = found.filter(name_folded__contains=word)
    return found.select_related("recorded_by").order_by("sort_key")


def get_outsider(scope: Scope, pk: int, capability: str = WRITE) -> Person:
    """A recorded outsider the user may change (403 when only seen, 404 when out of sight or a member)."""
    from django.http import Http404

    person = outsiders(scope).filter(pk=pk).first()
    if person is None:
        raise Http404("Không tìm thấy người này.")
    scope.require(person.recorded_by_id, capability)
    return person


def _outsider_data(
    family_name: str,
    given_name: str,
    middle_name: str,
    gender: str,
    birth_year: int | None,
    workplace: str,
    occupation: str,
    today: date,
) -> dict:
    """The outsider's fields, cleaned, or `RuleViolation` with every field's errors at once."""
    data = {
        "family_name": nfc(family_name).strip(),
        "middle_name": nfc(middle_name).strip(),
        "given_name": nfc(given_name).strip(),
        "gender": gender,
        "workplace": nfc(workplace).strip(),
        "occupation": nfc(occupation).strip(),
        "birth_year": birth_year,
    }
    errors: dict[str, list[str]] = {}
    if not data["family_name"]:
        errors["family_name"] = ["Họ không được để trống."]
    if not data["given_name"]:
        errors["given_name"] = ["Tên không được để trống."]
    if gender not in Gender.values:
        errors["gender"] = ["Giới tính phải là Nam hoặc Nữ."]
    if birth_year is not None and not MIN_BIRTH_YEAR <= birth_year <= today.year:
        errors["birth_year"] = [f"Năm sinh phải từ {MIN_BIRTH_YEAR} đến {today.year}."]
    add_errors(errors, length_errors(Person, data))
    if errors:
        raise RuleViolation(errors)
    return data


@transaction.atomic(durable=True)
def do_create_outsider(
    scope: Scope,
    *,
    organization: Organization,
    family_name: str,
    given_name: str,
    middle_name: str = "",
    gender: str = "",
    birth_year: int | None = None,
    workplace: str = "",
    occupation: str = "",
    today: date | None = None,
) -> Person:
    """Ghi nhận người ngoài danh sách đảng viên, recorded by an organization of the user's subtree."""
    scope.require(organization.pk, WRITE)
    data = _outsider_data(
        family_name, given_name, middle_name, gender, birth_year, workplace, occupation, today or timezone.localdate()
    )
    person = Person.objects.create(**data, recorded_by=organization)
    audit.record(scope.user, MembersAudit.PERSON_CREATE_OUTSIDER, person, organization=organization)
    return person


@transaction.atomic(durable=True)
def do_update_outsider(
    scope: Scope,
    person: Person,
    *,
    family_name: str,
    given_name: str,
    middle_name: str = "",
    gender: str = "",
    birth_year: int | None = None,
    workplace: str = "",
    occupation: str = "",
    today: date | None = None,
) -> Person:
    """Sửa thông tin người ngoài danh sách đảng viên (by the organization's subtree that recorded them)."""
    scope.require(person.recorded_by_id, WRITE)
    if hasattr(person, "membership"):
        raise RuleViolation("Người này là đảng viên: sửa lý lịch ở hồ sơ đảng viên.")
    data = _outsider_data(
        family_name, given_name, middle_name, gender, birth_year, workplace, occupation, today or timezone.localdate()
    )
    before = audit.snapshot(person)
    for name, value in data.items():
        setattr(person, name, value)
    person.save()
    audit.record(
        scope.user, MembersAudit.PERSON_UPDATE_OUTSIDER, person, before=before, organization=person.recorded_by
    )
    return person
