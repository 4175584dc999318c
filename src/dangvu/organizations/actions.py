"""Every change of the organization tree and its positions, each recorded in the audit trail.

Changes apply from a date onwards: a later event never rewrites the period before it, so the tree as of any
earlier date stays what it was.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction

from dangvu.accounts.scope import WRITE, require, scope_of
from dangvu.core import audit
from dangvu.core.errors import RuleViolation
from dangvu.core.text import nfc
from dangvu.members import tally

from .models import (
    OPEN_END,
    Ancestry,
    Body,
    CommitteeTerm,
    Kind,
    LineageEvent,
    Organization,
    OrganizationName,
    ParentLink,
    Position,
    Post,
)


@dataclass
class NameSpec:
    """An organization's name as of a date: its own name and its committee's."""

    name: str
    committee_name: str = ""
    committee_short: str = ""
    locality: str = ""
    place: str = ""


def _lineage(kind: str, org: Organization, on: date, decision: str, related=(), note: str = "") -> LineageEvent:
    event = LineageEvent.objects.create(
        type=kind, date=on, decision_number=nfc(decision), organization=org, note=nfc(note)
    )
    if related:
        event.related.set(related)
    return event


def _require_admin(actor) -> None:
    """A root of the tree (an organization without a parent) is the administrator's (or the system's) to make."""
    scope = scope_of(actor)
    if scope is not None and not scope.is_admin:
        raise PermissionDenied("Chỉ quản trị hệ thống được lập tổ chức cấp cao nhất.")


def _check_not_before(org: Organization, on: date) -> None:
    if on < org.established_on:
        raise RuleViolation(
            f"Ngày {on:%d/%m/%Y} trước ngày thành lập {org.name} ({org.established_on:%d/%m/%Y}).", "date"
        )
    if org.dissolved_on and on >= org.dissolved_on:
        raise RuleViolation(f"{org.name} đã kết thúc hoạt động từ {org.dissolved_on:%d/%m/%Y}.", "date")


def _attach(org: Organization, parent: Organization, on: date) -> None:
    """Link `org` and its current subtree under `parent` from `on`: parent link and closure rows."""
    ParentLink.objects.create(organization=org, parent=parent, valid_from=on)
    below = list(Ancestry.objects.filter(ancestor=org, valid_to=OPEN_END).values_list("descendant_id", "depth"))
    above = list(
        Ancestry.objects.filter(descendant=parent, valid_to__gt=on).values_list(
            "ancestor_id", "depth", "valid_from", "valid_to"
        )
    )
    Ancestry.objects.bulk_create(
        [
            Ancestry(
                descendant_id=d_id, ancestor_id=a_id, depth=d_depth + a_depth + 1,
                valid_from=max(on, a_from), valid_to=a_to,
            )
            for d_id, d_depth in below
            for a_id, a_depth, a_from, a_to in above
        ],
        batch_size=5000,
    )


def _ancestor_ids(org: Organization) -> list[int]:
    return list(Ancestry.objects.filter(descendant=org, valid_to=OPEN_END, depth__gt=0)
                .values_list("ancestor_id", flat=True))


def _detach(org: Organization, on: date) -> None:
    """End, at `on`, the link of `org` to its parent and the closure rows that pass through it."""
    ParentLink.objects.filter(organization=org, valid_to=OPEN_END).update(valid_to=on)
    above = Ancestry.objects.filter(descendant=org, valid_to=OPEN_END, depth__gt=0).values("ancestor_id")
    below = Ancestry.objects.filter(ancestor=org, valid_to=OPEN_END).values("descendant_id")
    Ancestry.objects.filter(
        descendant_id__in=below, ancestor_id__in=above, valid_to=OPEN_END
    ).update(valid_to=on)
    Ancestry.objects.filter(descendant_id__in=below, valid_from=on, valid_to=on).delete()


@transaction.atomic
def establish(
    actor,
    *,
    code: str,
    kind: str,
    names: NameSpec,
    on: date,
    parent: Organization | None = None,
    sector: str = "other",
    committee_code: str = "",
    decision_number: str = "",
) -> Organization:
    """Thành lập: a new organization under `parent` from `on`."""
    if parent is None:
        _require_admin(actor)
    else:
        require(actor, parent.pk, WRITE)
    if Organization.objects.filter(code=code).exists():
        raise RuleViolation(f"Mã tổ chức '{code}' đã được dùng.", "code")
    if kind not in Kind.values:
        raise RuleViolation(f"Loại tổ chức '{kind}' không hợp lệ.", "kind")
    if parent is not None:
        _check_not_before(parent, on)
    name = nfc(names.name)
    if not name:
        raise RuleViolation("Tên tổ chức không được để trống.", "name")
    org = Organization.objects.create(
        code=code, kind=kind, sector=sector, parent=parent, name=name,
        committee_code=nfc(committee_code), established_on=on,
    )
    OrganizationName.objects.create(
        organization=org, name=name, committee_name=nfc(names.committee_name) or name,
        committee_short=nfc(names.committee_short), locality=nfc(names.locality), place=nfc(names.place),
        valid_from=on,
    )
    Ancestry.objects.create(descendant=org, ancestor=org, depth=0, valid_from=on)
    if parent is not None:
        _attach(org, parent, on)
    _lineage(LineageEvent.Type.ESTABLISH, org, on, decision_number, [parent] if parent else ())
    audit.record(actor, "organization.establish", org, organization=org, reason=decision_number)
    return org


@transaction.atomic
def rename(actor, org: Organization, *, on: date, names: NameSpec, decision_number: str = "") -> Organization:
    """Đổi tên: a new name from `on`; the old name stays for the dates before."""
    require(actor, org.pk, WRITE)
    _check_not_before(org, on)
    current = org.names.get(valid_to=OPEN_END)
    if on <= current.valid_from:
        raise RuleViolation("Ngày đổi tên phải sau ngày của tên hiện tại.", "date")
    before = audit.snapshot(current)
    current.valid_to = on
    current.save(update_fields=["valid_to"])
    new = OrganizationName.objects.create(
        organization=org,
        name=nfc(names.name) or current.name,
        committee_name=nfc(names.committee_name) or current.committee_name,
        committee_short=nfc(names.committee_short) or current.committee_short,
        locality=nfc(names.locality) or current.locality,
        place=nfc(names.place) or current.place,
        valid_from=on,
    )
    org.name = new.name
    org.save()
    _lineage(LineageEvent.Type.RENAME, org, on, decision_number)
    audit.record(actor, "organization.rename", new, before=before, organization=org, reason=decision_number)
    return org


@transaction.atomic
def move(actor, org: Organization, new_parent: Organization, *, on: date, decision_number: str = "",
         record_lineage: bool = True) -> Organization:
    """Chuyển trực thuộc: `org` and everything under it go under `new_parent` from `on`."""
    require(actor, org.pk, WRITE)
    require(actor, new_parent.pk, WRITE)
    _check_not_before(org, on)
    _check_not_before(new_parent, on)
    if Ancestry.objects.filter(descendant=new_parent, ancestor=org, valid_to=OPEN_END).exists():
        raise RuleViolation("Không thể chuyển một tổ chức về dưới tổ chức trực thuộc của chính nó.", "parent")
    current = ParentLink.objects.filter(organization=org, valid_to=OPEN_END).first()
    if current and on <= current.valid_from:
        raise RuleViolation("Ngày chuyển phải sau ngày của quan hệ trực thuộc hiện tại.", "date")
    before = {"parent": org.parent_id}
    old_ancestors = _ancestor_ids(org)
    _detach(org, on)
    _attach(org, new_parent, on)
    tally.subtree_moved(org.pk, old_ancestors, _ancestor_ids(org))
    org.parent = new_parent
    org.save()
    if record_lineage:
        _lineage(LineageEvent.Type.MOVE, org, on, decision_number, [new_parent])
    audit.record(actor, "organization.move", org, before=before, after={"parent": new_parent.pk},
                 organization=org, reason=decision_number)
    return org


@transaction.atomic
def dissolve(actor, org: Organization, *, on: date, decision_number: str = "", lineage_type: str = "dissolve",
             related=()) -> Organization:
    """Giải thể / kết thúc hoạt động: the organization ends at `on` but stays addressable."""
    from dangvu.members.models import Placement

    require(actor, org.pk, WRITE)
    _check_not_before(org, on)
    if ParentLink.objects.filter(parent=org, valid_to__gt=on).exists():
        raise RuleViolation(
            f"{org.name} còn tổ chức trực thuộc: chuyển hoặc giải thể các tổ chức đó trước.", "organization"
        )
    if Placement.objects.filter(organization=org, valid_to__gt=on).exists():
        raise RuleViolation(f"{org.name} còn đảng viên sinh hoạt: chuyển sinh hoạt trước khi giải thể.",
                            "organization")
    _detach(org, on)
    Ancestry.objects.filter(descendant=org, ancestor=org, valid_to=OPEN_END).update(valid_to=on)
    org.names.filter(valid_to=OPEN_END).update(valid_to=on)
    org.dissolved_on = on
    org.save()
    _lineage(lineage_type, org, on, decision_number, related)
    audit.record(actor, "organization.dissolve", org, organization=org, reason=decision_number)
    return org


@transaction.atomic
def merge(actor, sources: list[Organization], target: Organization, *, on: date,
          decision_number: str = "") -> Organization:
    """Hợp nhất, sáp nhập: the sources' sub-organizations and members go to `target`; the sources end."""
    from dangvu.members.actions import move_all_members

    require(actor, target.pk, WRITE)
    for source in sources:
        require(actor, source.pk, WRITE)
        if source.pk == target.pk:
            raise RuleViolation("Tổ chức không thể sáp nhập vào chính nó.", "target")
        for child in Organization.objects.filter(parent=source, dissolved_on__isnull=True):
            move(actor, child, target, on=on, decision_number=decision_number, record_lineage=False)
        move_all_members(actor, source, target, on=on, decision_number=decision_number)
        dissolve(actor, source, on=on, decision_number=decision_number, lineage_type=LineageEvent.Type.MERGE,
                 related=[target])
    _lineage(LineageEvent.Type.MERGE, target, on, decision_number, sources)
    return target


@transaction.atomic
def split(actor, source: Organization, parts: list[tuple[dict, list[Organization]]], *, on: date,
          decision_number: str = "", end_source: bool = True) -> list[Organization]:
    """Chia tách: new organizations (keyword arguments of `establish`) each taking the listed children."""
    require(actor, source.pk, WRITE)
    created = []
    for spec, children in parts:
        new = establish(actor, parent=source.parent, on=on, decision_number=decision_number, **spec)
        for child in children:
            move(actor, child, new, on=on, decision_number=decision_number, record_lineage=False)
        created.append(new)
    _lineage(LineageEvent.Type.SPLIT, source, on, decision_number, created)
    if end_source:
        dissolve(actor, source, on=on, decision_number=decision_number)
    return created


@transaction.atomic
def open_committee_term(actor, org: Organization, body: str, term: str, on: date) -> CommitteeTerm:
    """A body (BCH, BTV, UBKT …) of an organization for a congress term."""
    require(actor, org.pk, WRITE)
    if body not in Body.values:
        raise RuleViolation("Cơ quan lãnh đạo không hợp lệ.", "body")
    committee, created = CommitteeTerm.objects.get_or_create(
        organization=org, body=body, term=nfc(term), defaults={"valid_from": on}
    )
    if created:
        audit.record(actor, "committee_term.open", committee, organization=org)
    return committee


@transaction.atomic
def assign_position(
    actor,
    *,
    person,
    organization: Organization,
    body: str,
    post: str,
    valid_from: date,
    valid_to: date | None = None,
    department: str = "",
    label: str = "",
    term: str = "",
    decision_number: str = "",
) -> Position:
    """Bổ nhiệm, bầu: a person takes a post from a date (to a date, when known)."""
    require(actor, organization.pk, WRITE)
    if post not in Post.values or body not in Body.values:
        raise RuleViolation("Chức danh không hợp lệ.", "post")
    if valid_to and valid_to <= valid_from:
        raise RuleViolation("Ngày kết thúc phải sau ngày bắt đầu.", "valid_to")
    if post == Post.OTHER and not nfc(label):
        raise RuleViolation("Chức danh khác cần ghi rõ tên chức danh.", "label")
    position = Position.objects.create(
        person=person, organization=organization, body=body, post=post, department=nfc(department),
        label=nfc(label), term=nfc(term), valid_from=valid_from, valid_to=valid_to or OPEN_END,
        decision_number=nfc(decision_number),
    )
    audit.record(actor, "position.assign", position, organization=organization, reason=decision_number)
    return position


@transaction.atomic
def end_position(actor, position: Position, *, on: date, decision_number: str = "",
                 capability: str = WRITE) -> Position:
    """Thôi giữ chức. A discipline decision ends a post with the inspecting capability (`INSPECT`)."""
    require(actor, position.organization_id, capability)
    if on <= position.valid_from:
        raise RuleViolation("Ngày thôi giữ chức phải sau ngày bắt đầu.", "valid_to")
    before = audit.snapshot(position)
    position.valid_to = on
    position.save(update_fields=["valid_to"])
    audit.record(actor, "position.end", position, before=before, organization=position.organization,
                 reason=decision_number)
    return position
