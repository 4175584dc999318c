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
from dangvu.core.dated import cut_at
from dangvu.core.errors import RuleViolation
from dangvu.core.text import nfc
from dangvu.members import tally
from dangvu.organizations.audit_actions import OrganizationsAudit

from . import closure, history, queries
from .history import LaterRecord, listed
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


def _cache_parent(org: Organization) -> None:
    """The organization's cached parent: that of its open link (none once it has ended)."""
    org.parent_id = (
        ParentLink.objects.filter(organization=org, valid_to=OPEN_END).values_list("parent_id", flat=True).first()
    )


def _links(org: Organization) -> list[dict]:
    """The organization's parent links, for the audit trail's before and after."""
    return [
        {"parent": parent, "from": str(start), "to": str(end)}
        for parent, start, end in ParentLink.objects.filter(organization=org)
        .order_by("valid_from")
        .values_list("parent_id", "valid_from", "valid_to")
    ]


def _link_in_force(org: Organization, on: date) -> ParentLink | None:
    return ParentLink.objects.filter(organization=org, valid_from__lte=on, valid_to__gt=on).first()


def _relink(org: Organization, parent: Organization, on: date) -> date:
    """`org` lies under `parent` from `on` until the next recorded change of its parent (or its end): the link
    in force on that day is cut there. Answers the day the new link ends."""
    current = _link_in_force(org, on)
    if current is not None:
        end = cut_at(current, on)
    else:
        later = ParentLink.objects.filter(organization=org, valid_from__gt=on).order_by("valid_from").first()
        end = later.valid_from if later else (org.dissolved_on or OPEN_END)
    ParentLink.objects.create(organization=org, parent=parent, valid_from=on, valid_to=end)
    return end


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
        code=code,
        kind=kind,
        sector=sector,
        parent=parent,
        name=name,
        committee_code=nfc(committee_code),
        established_on=on,
    )
    OrganizationName.objects.create(
        organization=org,
        name=name,
        committee_name=nfc(names.committee_name) or name,
        committee_short=nfc(names.committee_short),
        locality=nfc(names.locality),
        place=nfc(names.place),
        valid_from=on,
    )
    if parent is not None:
        ParentLink.objects.create(organization=org, parent=parent, valid_from=on)
    closure.derive([org.pk])
    _lineage(LineageEvent.Type.ESTABLISH, org, on, decision_number, [parent] if parent else ())
    audit.record(actor, OrganizationsAudit.ORGANIZATION_ESTABLISH, org, organization=org, reason=decision_number)
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
    audit.record(
        actor, OrganizationsAudit.ORGANIZATION_RENAME, new, before=before, organization=org, reason=decision_number
    )
    return org


def _move_errors(org: Organization, new_parent: Organization, on: date) -> list[str]:
    current = _link_in_force(org, on)
    end = current.valid_to if current else (org.dissolved_on or OPEN_END)
    errors = []
    if current is not None and current.parent_id == new_parent.pk:
        errors.append(f"{org.name} đã trực thuộc {new_parent.name} vào ngày {on:%d/%m/%Y}.")
    if Ancestry.objects.filter(descendant=new_parent, ancestor=org, valid_from__lt=end, valid_to__gt=on).exists():
        errors.append("Không thể chuyển một tổ chức về dưới tổ chức trực thuộc của chính nó.")
    if new_parent.dissolved_on and new_parent.dissolved_on < end:
        errors.append(
            f"{new_parent.name} kết thúc hoạt động ngày {new_parent.dissolved_on:%d/%m/%Y}, trước khi "
            f"quan hệ trực thuộc của {org.name} kết thúc: ghi việc chuyển tiếp theo trước."
        )
    return errors


@transaction.atomic
def move(
    actor,
    org: Organization,
    new_parent: Organization,
    *,
    on: date,
    decision_number: str = "",
    record_lineage: bool = True,
) -> Organization:
    """Chuyển trực thuộc: `org` and everything under it lie under `new_parent` from `on` until the next recorded
    change of its parent. A day in the past, before later records, corrects the history: the tree of every day
    from `on`, and the counts kept now, follow."""
    require(actor, org.pk, WRITE)
    require(actor, new_parent.pk, WRITE)
    _check_not_before(org, on)
    _check_not_before(new_parent, on)
    errors = _move_errors(org, new_parent, on)
    if errors:
        raise RuleViolation({"parent": errors})
    before = {"parent": org.parent_id, "links": _links(org)}
    affected = closure.ever_under([org.pk])
    with tally.tree_changing(affected):
        _relink(org, new_parent, on)
        closure.derive(affected)
    _cache_parent(org)
    org.save()
    if record_lineage:
        _lineage(LineageEvent.Type.MOVE, org, on, decision_number, [new_parent])
    audit.record(
        actor,
        OrganizationsAudit.ORGANIZATION_MOVE,
        org,
        before=before,
        after={"parent": org.parent_id, "links": _links(org)},
        organization=org,
        reason=decision_number,
    )
    return org


def _own_later_records(org: Organization, on: date) -> list[LaterRecord]:
    """The organization's own records after `on` that ending it then removes: the parent links, names,
    lineage events, committee terms and posts that begin later (those running on `on` end there)."""
    found = [
        LaterRecord("Quan hệ trực thuộc", link.valid_from, link.parent.name)
        for link in ParentLink.objects.filter(organization=org, valid_from__gt=on).select_related("parent")
    ]
    found += [LaterRecord("Tên gọi", name.valid_from, name.name) for name in org.names.filter(valid_from__gt=on)]
    found += [
        LaterRecord(event.get_type_display(), event.date, event.decision_number)
        for event in org.lineage_events.filter(date__gt=on)
    ]
    found += [
        LaterRecord(str(term.get_body_display()), term.valid_from, f"nhiệm kỳ {term.term}")
        for term in org.committee_terms.filter(valid_from__gt=on)
    ]
    found += [
        LaterRecord("Chức vụ", post.valid_from, f"{post.person.full_name}, {post.get_post_display()}")
        for post in org.positions.filter(valid_from__gt=on).select_related("person")
    ]
    return sorted(found, key=lambda record: record.on or date.min)


def _end_errors(org: Organization, on: date, *, carried: bool) -> dict[str, list[str]]:
    """Why `org` cannot end on `on`: organizations or members still under it then (unless a merge carries
    them), or records of the other apps after that day."""
    from dangvu.members import corrections as member_corrections

    errors: dict[str, list[str]] = {}
    if on < org.established_on:
        errors["date"] = [f"Ngày {on:%d/%m/%Y} trước ngày thành lập {org.name} ({org.established_on:%d/%m/%Y})."]
    elif org.dissolved_on and on >= org.dissolved_on:
        errors["date"] = [f"{org.name} đã kết thúc hoạt động từ {org.dissolved_on:%d/%m/%Y}."]
    children = ParentLink.objects.filter(parent=org, valid_to__gt=on).select_related("organization")
    if children and not carried:
        errors["organization"] = [
            f"{org.name} còn tổ chức trực thuộc từ ngày {on:%d/%m/%Y}: chuyển hoặc giải thể các tổ chức đó trước.",
            *listed(
                [
                    LaterRecord("Tổ chức trực thuộc", max(link.valid_from, on), link.organization.name)
                    for link in children
                ]
            ),
        ]
    blocking = history.blocking_records([org.pk], on)
    if not carried:
        blocking = (
            member_corrections.registered_after([org.pk], on) + member_corrections.events_after([org.pk], on) + blocking
        )
    if blocking:
        errors.setdefault("organization", []).extend(
            [
                f"Các bản ghi sau của {org.name} có từ ngày {on:%d/%m/%Y} trở đi, khi tổ chức đã kết thúc: "
                "sửa hoặc chuyển các bản ghi này trước.",
                *listed(blocking),
            ]
        )
    return errors


def _confirm_errors(to_confirm: list[LaterRecord], on: date, confirm: bool, successor: str = "") -> dict:
    if not to_confirm or confirm:
        return {}
    carried = f" chuyển sang {successor} hoặc" if successor else ""
    return {
        "confirm": [
            f"Các bản ghi sau có từ ngày {on:%d/%m/%Y} trở đi sẽ được{carried} xóa bỏ khi ghi việc "
            "này: xem lại và xác nhận.",
            *listed(to_confirm),
        ]
    }


def _end(org: Organization, on: date) -> dict:
    """End `org` at `on` (checked): its records after that day go, those running then end there. Answers the
    audit trail's before."""
    before = {
        "dissolved_on": str(org.dissolved_on or ""),
        "links": _links(org),
        "later": [str(record) for record in _own_later_records(org, on)],
    }
    for model in (ParentLink, OrganizationName, CommitteeTerm, Position):
        model.objects.filter(organization=org, valid_from__gt=on).delete()
        model.objects.filter(organization=org, valid_to__gt=on).update(valid_to=on)
    org.lineage_events.filter(date__gt=on).delete()
    org.dissolved_on = on
    return before


@transaction.atomic
def dissolve(
    actor,
    org: Organization,
    *,
    on: date,
    decision_number: str = "",
    lineage_type: str = "dissolve",
    related=(),
    confirm: bool = False,
) -> Organization:
    """Giải thể / kết thúc hoạt động: the organization ends at `on` but stays addressable. A day in the past
    corrects the history: the organization's own later records (links, names, posts) go once the user
    confirms them (`confirm`); members or sub-organizations still there, or records of other apps, refuse it,
    each named."""
    require(actor, org.pk, WRITE)
    errors = _end_errors(org, on, carried=False)
    errors.update(_confirm_errors(_own_later_records(org, on), on, confirm))
    if errors:
        raise RuleViolation(errors)
    affected = closure.ever_under([org.pk])
    with tally.tree_changing(affected):
        before = _end(org, on)
        org.save()
        closure.derive(affected)
    _cache_parent(org)
    org.save()
    _lineage(lineage_type, org, on, decision_number, related)
    audit.record(
        actor,
        OrganizationsAudit.ORGANIZATION_DISSOLVE,
        org,
        before=before,
        after={"dissolved_on": str(on), "links": _links(org)},
        organization=org,
        reason=decision_number,
    )
    return org


def merge_preview(sources: list[Organization], target: Organization, on: date) -> list[LaterRecord]:
    """What merging the sources into `target` on `on` carries over or removes, for the user to confirm: the
    records dated after that day of the sources, their sub-organizations' later links and their members."""
    from dangvu.members import corrections as member_corrections

    found: list[LaterRecord] = []
    for source in sources:
        found += [
            LaterRecord("Tổ chức đến trực thuộc", link.valid_from, link.organization.name)
            for link in ParentLink.objects.filter(parent=source, valid_from__gt=on).select_related("organization")
        ]
        found += member_corrections.carried_over(source, on) + _own_later_records(source, on)
    return sorted(found, key=lambda record: record.on or date.min)


@transaction.atomic
def merge(
    actor,
    sources: list[Organization],
    target: Organization,
    *,
    on: date,
    decision_number: str = "",
    confirm: bool = False,
) -> Organization:
    """Hợp nhất, sáp nhập: the sources' sub-organizations and members go to `target` from `on`; the sources
    end. A day in the past corrects the history: what the sources recorded after it is carried to `target`
    (members' events and placements, sub-organizations linked later) or removed (their own later links and
    names) once the user confirms the list (`merge_preview`); records of other apps refuse it, each named."""
    from dangvu.members import corrections as member_corrections

    require(actor, target.pk, WRITE)
    errors: dict[str, list[str]] = {}
    if on < target.established_on or (target.dissolved_on and on >= target.dissolved_on):
        errors["target"] = [f"{target.name} không hoạt động vào ngày {on:%d/%m/%Y}."]
    for source in sources:
        require(actor, source.pk, WRITE)
        if source.pk == target.pk:
            errors.setdefault("target", []).append("Tổ chức không thể sáp nhập vào chính nó.")
            continue
        if member_corrections.registered_after([source.pk], on) and not target.is_member_unit:
            errors.setdefault("target", []).append(
                f"{source.name} có đảng viên sinh hoạt: chỉ sáp nhập được vào một chi bộ."
            )
        for field, messages in _end_errors(source, on, carried=True).items():
            errors.setdefault(field, []).extend(messages)
    errors.update(_confirm_errors(merge_preview(sources, target, on), on, confirm, target.name))
    if errors:
        raise RuleViolation(errors)
    affected = closure.ever_under([source.pk for source in sources] + [target.pk])
    befores, relinked = {}, set()
    with tally.tree_changing(affected):
        for source in sources:
            for link in ParentLink.objects.filter(parent=source, valid_to__gt=on).select_related("organization"):
                relinked.add(link.organization)
                if link.valid_from >= on:
                    link.parent = target
                    link.save(update_fields=["parent"])
                else:
                    ParentLink.objects.create(
                        organization=link.organization, parent=target, valid_from=on, valid_to=link.valid_to
                    )
                    link.valid_to = on
                    link.save(update_fields=["valid_to"])
            moved = member_corrections.carry_members(source, target, on, nfc(decision_number))
            befores[source.pk] = {**_end(source, on), "members_moved": moved}
            source.save()
        closure.derive(affected)
    for source in sources:
        _cache_parent(source)
        source.save()
        _lineage(LineageEvent.Type.MERGE, source, on, decision_number, [target])
        audit.record(
            actor,
            OrganizationsAudit.ORGANIZATION_DISSOLVE,
            source,
            before=befores[source.pk],
            after={"dissolved_on": str(on), "successor": target.pk},
            organization=source,
            reason=decision_number,
        )
    for child in relinked:
        _cache_parent(child)
        child.save()
    _lineage(LineageEvent.Type.MERGE, target, on, decision_number, sources)
    audit.record(
        actor,
        OrganizationsAudit.ORGANIZATION_MERGE,
        target,
        organization=target,
        reason=decision_number,
        after={"sources": [source.pk for source in sources], "on": str(on)},
    )
    return target


@transaction.atomic
def split(
    actor,
    source: Organization,
    parts: list[tuple],
    *,
    on: date,
    decision_number: str = "",
    end_source: bool = True,
    confirm: bool = False,
) -> list[Organization]:
    """Chia tách: new organizations (keyword arguments of `establish`), each taking the listed children and,
    when a part lists them as a third item, members (who are registered in it from `on`). The new
    organizations lie under the source's parent of that day."""
    from dangvu.members import actions as member_actions

    require(actor, source.pk, WRITE)
    parent = queries.parent_on(source, on)
    created = []
    for spec, children, *members in parts:
        new = establish(actor, parent=parent, on=on, decision_number=decision_number, **spec)
        for child in children:
            move(actor, child, new, on=on, decision_number=decision_number, record_lineage=False)
        for member in members[0] if members else ():
            member_actions.transfer(actor, member, on=on, to=new, decision_number=decision_number)
        created.append(new)
    _lineage(LineageEvent.Type.SPLIT, source, on, decision_number, created)
    if end_source:
        dissolve(actor, source, on=on, decision_number=decision_number, confirm=confirm)
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
        audit.record(actor, OrganizationsAudit.COMMITTEE_TERM_OPEN, committee, organization=org)
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
        person=person,
        organization=organization,
        body=body,
        post=post,
        department=nfc(department),
        label=nfc(label),
        term=nfc(term),
        valid_from=valid_from,
        valid_to=valid_to or OPEN_END,
        decision_number=nfc(decision_number),
    )
    audit.record(actor, OrganizationsAudit.POSITION_ASSIGN, position, organization=organization, reason=decision_number)
    return position


@transaction.atomic
def end_position(
    actor, position: Position, *, on: date, decision_number: str = "", capability: str = WRITE
) -> Position:
    """Thôi giữ chức. A discipline decision ends a post with the inspecting capability (`INSPECT`)."""
    require(actor, position.organization_id, capability)
    if on <= position.valid_from:
        raise RuleViolation("Ngày thôi giữ chức phải sau ngày bắt đầu.", "valid_to")
    before = audit.snapshot(position)
    position.valid_to = on
    position.save(update_fields=["valid_to"])
    audit.record(
        actor,
        OrganizationsAudit.POSITION_END,
        position,
        before=before,
        organization=position.organization,
        reason=decision_number,
    )
    return position
