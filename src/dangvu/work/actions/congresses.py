"""Congresses (đại hội) and what they elected: create, edit, delete, record the elected committee.

The elected committee is kept as positions of the congress's term (organizations.actions), so titles on any
date come from the same records as every other post.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from dangvu.accounts.scope import WRITE
from dangvu.core import audit
from dangvu.core.errors import RuleViolation
from dangvu.core.text import nfc
from dangvu.organizations import actions as org_actions
from dangvu.organizations.audit_actions import OrganizationsAudit
from dangvu.organizations.models import OPEN_END, Body, CommitteeTerm, Organization, Position, Post
from dangvu.work.audit_actions import WorkAudit

from .. import rules
from ..models import Congress, CongressKind, CongressStatus
from .common import add, import_rows, organization_by_code, raise_if, require

CONGRESS_FIELDS = [
    "organization",
    "term",
    "ordinal",
    "kind",
    "status",
    "planned_start",
    "planned_end",
    "held_start",
    "held_end",
    "delegates",
    "note",
]

# The posts each elected body has.
ELECTED_POSTS = {
    Body.EXECUTIVE: {Post.MEMBER},
    Body.STANDING: {Post.MEMBER},
    Body.PERMANENT: {Post.SECRETARY, Post.STANDING_DEPUTY_SECRETARY, Post.DEPUTY_SECRETARY},
    Body.INSPECTION_COMMITTEE: {Post.INSPECTION_CHAIR, Post.INSPECTION_DEPUTY, Post.MEMBER},
    Body.CELL_COMMITTEE: {Post.SECRETARY, Post.DEPUTY_SECRETARY, Post.MEMBER},
}
SINGLE_POSTS = {
    (Body.PERMANENT, Post.SECRETARY),
    (Body.INSPECTION_COMMITTEE, Post.INSPECTION_CHAIR),
    (Body.CELL_COMMITTEE, Post.SECRETARY),
}


def _clean(data: dict) -> dict:
    cleaned = dict(data)
    cleaned["term"] = rules.normalize_term(data.get("term", ""))
    cleaned["note"] = nfc(data.get("note", ""))
    cleaned.setdefault("status", CongressStatus.PLANNED)
    return cleaned


def _status_errors(
    errors: dict[str, list[str]],
    status: str | None,
    held_start: date | None,
    held_end: date | None,
    planned_start: date | None,
    note: str | None,
    today: date,
) -> None:
    """The dates a congress's status asks for: held ones opened (not in the future), planned ones a planned
    day, postponed ones the reason."""
    if held_end and not held_start:
        errors.setdefault("held_start", []).append("Có ngày bế mạc thì phải có ngày khai mạc.")
    if status == CongressStatus.HELD:
        if not held_start:
            errors.setdefault("held_start", []).append("Đại hội đã tổ chức phải có ngày khai mạc.")
        elif held_start > today:
            errors.setdefault("held_start", []).append(
                f"Ngày khai mạc {held_start:%d/%m/%Y} ở tương lai: đại hội chưa thể đã tổ chức."
            )
    elif held_start:
        errors.setdefault("held_start", []).append(
            "Chỉ đại hội đã tổ chức mới có ngày khai mạc; chuyển tình trạng sang 'Đã tổ chức'."
        )
    if status == CongressStatus.PLANNED and not planned_start:
        errors.setdefault("planned_start", []).append("Đại hội dự kiến cần ngày dự kiến tổ chức.")
    if status == CongressStatus.POSTPONED and not note:
        errors.setdefault("note", []).append("Đại hội hoãn cần ghi lý do hoãn.")


def congress_errors(data: dict, *, today: date, exclude_pk: int | None = None) -> dict[str, list[str]]:
    """Every rule of a congress record, with Vietnamese messages per field."""
    errors: dict[str, list[str]] = {}
    org: Organization | None = data.get("organization")
    status, kind = data.get("status"), data.get("kind")
    term = data.get("term", "")
    if messages := rules.term_errors(term):
        errors["term"] = messages
    if kind not in CongressKind.values:
        errors["kind"] = ["Hình thức đại hội phải là đại hội đảng viên hoặc đại hội đại biểu."]
    if status not in CongressStatus.values:
        errors["status"] = ["Tình trạng phải là dự kiến, đã tổ chức hoặc hoãn."]
    ordinal = data.get("ordinal")
    if ordinal is not None and ordinal < 1:
        errors["ordinal"] = ["Lần thứ phải từ 1 trở lên."]
    delegates = data.get("delegates")
    if delegates is not None and delegates < 1:
        errors["delegates"] = ["Số đại biểu phải lớn hơn 0."]
    held_start, held_end = data.get("held_start"), data.get("held_end")
    planned_start, planned_end = data.get("planned_start"), data.get("planned_end")
    add(errors, rules.date_order_errors("planned_end", planned_start, planned_end, "Ngày dự kiến kết thúc"))
    add(errors, rules.date_order_errors("held_end", held_start, held_end, "Ngày bế mạc"))
    _status_errors(errors, status, held_start, held_end, planned_start, data.get("note"), today)
    years = rules.term_years(term)
    day = held_start or planned_start
    if years and day and not (years[0] - 1 <= day.year <= years[1]):
        errors.setdefault("held_start" if held_start else "planned_start", []).append(
            f"Ngày {day:%d/%m/%Y} không thuộc nhiệm kỳ {term}."
        )
    add(errors, rules.active_errors("organization", org, day, "tổ chức đảng"))
    if org is not None and not errors.get("term"):
        taken = Congress.objects.filter(organization=org, term=term).exclude(pk=exclude_pk).first()
        if taken:
            errors.setdefault("term", []).append(f"{org.name} đã có đại hội nhiệm kỳ {term}.")
    return errors


@transaction.atomic
def create_congress(actor, *, today: date | None = None, **data) -> Congress:
    """Ghi đại hội của một tổ chức đảng cho một nhiệm kỳ."""
    data = _clean({name: data.get(name) for name in CONGRESS_FIELDS if name in data})
    org = data.get("organization")
    require(actor, org.pk if org else None, WRITE)
    raise_if(congress_errors(data, today=today or timezone.localdate()))
    try:
        with transaction.atomic():
            congress = Congress.objects.create(**data)
    except IntegrityError as error:
        raise RuleViolation(f"{org.name} đã có đại hội nhiệm kỳ {data['term']}.", "term") from error
    audit.record(actor, WorkAudit.CONGRESS_CREATE, congress, organization=org)
    return congress


@transaction.atomic
def update_congress(actor, congress: Congress, *, today: date | None = None, **changes) -> Congress:
    """Sửa đại hội (tình trạng, ngày, số đại biểu …); tổ chức có thể đổi nếu có quyền ở cả hai nơi."""
    require(actor, congress.organization_id, WRITE)
    data = {name: getattr(congress, name) for name in CONGRESS_FIELDS}
    data.update({k: v for k, v in changes.items() if k in CONGRESS_FIELDS})
    data = _clean(data)
    require(actor, data["organization"].pk if data.get("organization") else None, WRITE)
    raise_if(congress_errors(data, today=today or timezone.localdate(), exclude_pk=congress.pk))
    before = audit.snapshot(congress)
    for name, value in data.items():
        setattr(congress, name, value)
    congress.save()
    audit.record(actor, WorkAudit.CONGRESS_UPDATE, congress, before=before, organization=congress.organization)
    return congress


@transaction.atomic
def delete_congress(actor, congress: Congress) -> None:
    """Xóa bản ghi đại hội nhập nhầm (các chức vụ đã bầu vẫn giữ, sửa ở trang tổ chức)."""
    require(actor, congress.organization_id, WRITE)
    before = audit.snapshot(congress)
    label, org = str(congress), congress.organization
    audit.record(
        actor, WorkAudit.CONGRESS_DELETE, congress, before=before, after=None, organization=org, object_label=label
    )
    congress.delete()


@transaction.atomic
def import_congresses(
    actor, rows: list[dict], *, lines: list[int] | None = None, today: date | None = None
) -> list[Congress]:
    """Nhập đại hội từ Excel: `organization` may be a code; one bad line and nothing is written."""

    def write(row: dict, line: int) -> Congress:
        data = dict(row)
        organization_by_code(data)
        return create_congress(actor, today=today, **data)

    return import_rows(
        actor,
        rows,
        lines,
        write,
        denied="Không có quyền ghi đại hội của tổ chức này.",
        action=WorkAudit.CONGRESS_IMPORT,
        object_type="work.congress",
        label="Nhập {n} đại hội",
    )


def election_errors(congress: Congress, elected: list[tuple], on: date, today: date) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if congress.status != CongressStatus.HELD:
        errors["congress"] = ["Chỉ ghi kết quả bầu cử của đại hội đã tổ chức."]
    elif on < congress.held_start:
        errors["on"] = [f"Ngày bầu {on:%d/%m/%Y} trước ngày khai mạc đại hội ({congress.held_start:%d/%m/%Y})."]
    if on > today:
        errors.setdefault("on", []).append(f"Ngày {on:%d/%m/%Y} ở tương lai.")
    if not elected:
        errors["elected"] = ["Chưa có người trúng cử nào."]
    seen, singles = set(), {}
    for index, (person, body, post) in enumerate(elected, start=1):
        where = f"Người thứ {index} ({person})"
        if body not in ELECTED_POSTS:
            errors.setdefault("elected", []).append(f"{where}: cơ quan không do đại hội hoặc cấp ủy bầu.")
            continue
        if post not in ELECTED_POSTS[body]:
            errors.setdefault("elected", []).append(
                f"{where}: {Body(body).label} không có chức danh {Post(post).label}."
            )
        if (person.pk, body) in seen:
            errors.setdefault("elected", []).append(f"{where}: đã có trong {Body(body).label}.")
        seen.add((person.pk, body))
        if (body, post) in SINGLE_POSTS:
            if (body, post) in singles:
                errors.setdefault("elected", []).append(
                    f"{where}: {Body(body).label} chỉ có một {Post(post).label} ({singles[(body, post)]})."
                )
            singles[(body, post)] = str(person)
        membership = getattr(person, "membership", None)
        if membership is not None and rules.member_status_on(membership, on) is None:
            errors.setdefault("elected", []).append(f"{where} không phải đảng viên vào ngày {on:%d/%m/%Y}.")
    return errors


@transaction.atomic
def record_election(
    actor,
    congress: Congress,
    elected: list[tuple],
    on: date,
    *,
    decision_number: str = "",
    today: date | None = None,
) -> list[Position]:
    """Kết quả bầu cử: `elected` = [(person, body, post), …] of the congress and of the new committee's first
    meeting (BCH, BTV, Thường trực, UBKT and its chair). Opens the committee terms, ends the previous term's
    posts in those bodies at `on`, and assigns the new posts with the congress's term."""
    org = congress.organization
    require(actor, org.pk, WRITE)
    raise_if(election_errors(congress, elected, on, today or timezone.localdate()))
    bodies = sorted({body for _, body, _ in elected})
    for body in bodies:
        org_actions.open_committee_term(actor, org, body, congress.term, on)
        for previous in CommitteeTerm.objects.filter(organization=org, body=body, valid_to=OPEN_END).exclude(
            term=congress.term
        ):
            before = audit.snapshot(previous)
            previous.valid_to = max(on, previous.valid_from)
            previous.save(update_fields=["valid_to"])
            audit.record(actor, OrganizationsAudit.COMMITTEE_TERM_CLOSE, previous, before=before, organization=org)
        for old in (
            Position.objects.filter(organization=org, body=body, valid_to=OPEN_END)
            .exclude(term=congress.term)
            .filter(valid_from__lt=on)
        ):
            org_actions.end_position(actor, old, on=on, decision_number=decision_number)
    created = []
    for person, body, post in elected:
        exists = Position.objects.filter(
            person=person, organization=org, body=body, post=post, term=congress.term
        ).exists()
        if exists:
            continue
        created.append(
            org_actions.assign_position(
                actor,
                person=person,
                organization=org,
                body=body,
                post=post,
                valid_from=on,
                term=congress.term,
                decision_number=decision_number,
            )
        )
    audit.record(
        actor,
        WorkAudit.CONGRESS_ELECTION,
        congress,
        organization=org,
        reason=decision_number,
        after={"positions": [p.pk for p in created], "on": str(on)},
    )
    return created
