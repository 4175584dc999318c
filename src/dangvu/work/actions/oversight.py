"""Inspections and supervisions (kiểm tra, giám sát), their subjects, and the yearly programmes with their
planned items. Every change needs the INSPECT capability over the performing organization."""

from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from dangvu.accounts.scope import INSPECT
from dangvu.core import audit
from dangvu.core.errors import RuleViolation, length_errors
from dangvu.core.text import nfc
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.work.audit_actions import WorkAudit

from .. import rules, search
from ..models import Activity, Oversight, OversightSubject, Programme, ProgrammeItem
from .common import add, ever_under, import_rows, member_ever_under, organization_by_code, raise_if, require

OVERSIGHT_FIELDS = [
    "activity",
    "kind",
    "organization",
    "body",
    "start_date",
    "end_date",
    "decision_number",
    "content",
    "conclusion",
    "violations_found",
    "violations",
    "follow_up",
    "programme_item",
]
TEXT_FIELDS = ["decision_number", "content", "conclusion", "violations", "follow_up"]
# What the audit trail records when an inspection or a supervision is recorded, edited and deleted.
CREATED = {Activity.INSPECTION: WorkAudit.INSPECTION_CREATE, Activity.SUPERVISION: WorkAudit.SUPERVISION_CREATE}
UPDATED = {Activity.INSPECTION: WorkAudit.INSPECTION_UPDATE, Activity.SUPERVISION: WorkAudit.SUPERVISION_UPDATE}
DELETED = {Activity.INSPECTION: WorkAudit.INSPECTION_DELETE, Activity.SUPERVISION: WorkAudit.SUPERVISION_DELETE}


def subject_errors(
    performer: Organization | None,
    organizations: list[Organization],
    members: list[Member],
    field_name: str = "subjects",
) -> dict[str, list[str]]:
    """Subjects lie in the performer's subtree (its own organization, lower organizations and their members,
    dissolved or not: inspection reaches them after the end too)."""
    errors: list[str] = []
    if not organizations and not members:
        errors.append("Chưa chọn đối tượng (tổ chức đảng hoặc đảng viên).")
    if performer is not None:
        for org in organizations:
            if not ever_under(org, performer):
                errors.append(f"{org.name} không thuộc {performer.name}.")
        for member in members:
            if not member_ever_under(member, performer):
                errors.append(f"Đảng viên {member.person.full_name} không sinh hoạt trong {performer.name}.")
    if len({o.pk for o in organizations}) != len(organizations):
        errors.append("Một tổ chức được chọn hai lần.")
    if len({m.pk for m in members}) != len(members):
        errors.append("Một đảng viên được chọn hai lần.")
    return {field_name: errors} if errors else {}


def oversight_errors(
    data: dict, organizations: list[Organization], members: list[Member], *, today: date
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    org, start, end = data.get("organization"), data.get("start_date"), data.get("end_date")
    if not start:
        errors["start_date"] = ["Ngày bắt đầu không được để trống."]
    elif start > today:
        errors["start_date"] = [f"Ngày bắt đầu {start:%d/%m/%Y} ở tương lai: chỉ ghi cuộc đã tiến hành."]
    add(errors, rules.date_order_errors("end_date", start, end, "Ngày kết thúc"))
    if end and end > today:
        errors.setdefault("end_date", []).append(f"Ngày kết thúc {end:%d/%m/%Y} ở tương lai.")
    on = start or today
    add(errors, rules.oversight_kind_errors(data.get("activity"), data.get("kind"), on))
    add(errors, rules.active_errors("organization", org, start, "tổ chức đảng tiến hành"))
    add(errors, rules.body_errors(org, data.get("body"), on))
    if not data.get("content"):
        errors["content"] = ["Nội dung không được để trống."]
    if data.get("conclusion") and not end:
        errors.setdefault("end_date", []).append("Đã có kết luận thì phải có ngày kết thúc.")
    if data.get("violations_found") and not data.get("violations"):
        errors["violations"] = ["Đã đánh dấu có vi phạm: ghi rõ vi phạm phát hiện."]
    if data.get("violations") and not data.get("violations_found"):
        errors["violations_found"] = ["Đã ghi vi phạm: đánh dấu 'Có vi phạm'."]
    item: ProgrammeItem | None = data.get("programme_item")
    if item is not None and org is not None:
        programme = item.programme
        if programme.organization_id != org.pk or programme.body != data.get("body"):
            errors["programme_item"] = ["Nội dung chương trình thuộc chủ thể khác."]
        elif start and programme.year != start.year:
            errors["programme_item"] = [f"Nội dung thuộc chương trình năm {programme.year}."]
        elif item.activity != data.get("activity") or item.kind != data.get("kind"):
            errors["programme_item"] = ["Nội dung chương trình khác loại hoạt động."]
    add(errors, subject_errors(org, organizations, members))
    return errors


def _clean(data: dict) -> dict:
    cleaned = {name: data.get(name) for name in OVERSIGHT_FIELDS}
    for name in TEXT_FIELDS:
        cleaned[name] = nfc(cleaned[name])
    cleaned["violations_found"] = bool(cleaned["violations_found"])
    return cleaned


def _set_subjects(oversight: Oversight, organizations: list[Organization], members: list[Member]) -> None:
    oversight.subjects.all().delete()
    OversightSubject.objects.bulk_create(
        [OversightSubject(oversight=oversight, organization=o) for o in organizations]
        + [OversightSubject(oversight=oversight, member=m) for m in members]
    )


def _subjects_snapshot(organizations, members) -> dict:
    return {
        "subject_organizations": sorted(o.pk for o in organizations),
        "subject_members": sorted(m.pk for m in members),
    }


@transaction.atomic
def create_oversight(
    actor, *, subject_organizations=(), subject_members=(), today: date | None = None, **data
) -> Oversight:
    """Ghi một cuộc kiểm tra hoặc giám sát với các đối tượng của nó."""
    data = _clean(data)
    organizations, members = list(subject_organizations), list(subject_members)
    org = data.get("organization")
    require(actor, org.pk if org else None, INSPECT)
    raise_if(oversight_errors(data, organizations, members, today=today or timezone.localdate()))
    oversight = Oversight(**data)
    search.keep(oversight)
    oversight.save()
    _set_subjects(oversight, organizations, members)
    audit.record(
        actor,
        CREATED[oversight.activity],
        oversight,
        organization=org,
        after={**audit.snapshot(oversight), **_subjects_snapshot(organizations, members)},
    )
    return oversight


@transaction.atomic
def update_oversight(
    actor,
    oversight: Oversight,
    *,
    subject_organizations=None,
    subject_members=None,
    today: date | None = None,
    **changes,
) -> Oversight:
    require(actor, oversight.organization_id, INSPECT)
    data = {name: getattr(oversight, name) for name in OVERSIGHT_FIELDS}
    data.update({k: v for k, v in changes.items() if k in OVERSIGHT_FIELDS})
    data = _clean(data)
    require(actor, data["organization"].pk if data.get("organization") else None, INSPECT)
    current = list(oversight.subjects.select_related("organization", "member__person"))
    organizations = (
        list(subject_organizations)
        if subject_organizations is not None
        else [s.organization for s in current if s.organization_id]
    )
    members = list(subject_members) if subject_members is not None else [s.member for s in current if s.member_id]
    raise_if(oversight_errors(data, organizations, members, today=today or timezone.localdate()))
    before = {
        **audit.snapshot(oversight),
        **_subjects_snapshot(
            [s.organization for s in current if s.organization_id], [s.member for s in current if s.member_id]
        ),
    }
    for name, value in data.items():
        setattr(oversight, name, value)
    search.keep(oversight)
    oversight.save()
    _set_subjects(oversight, organizations, members)
    audit.record(
        actor,
        UPDATED[oversight.activity],
        oversight,
        before=before,
        organization=oversight.organization,
        after={**audit.snapshot(oversight), **_subjects_snapshot(organizations, members)},
    )
    return oversight


@transaction.atomic
def delete_oversight(actor, oversight: Oversight) -> None:
    require(actor, oversight.organization_id, INSPECT)
    if oversight.disciplines.exists():
        raise RuleViolation("Cuộc kiểm tra đã dẫn tới quyết định kỷ luật, không xóa được.")
    audit.record(
        actor,
        DELETED[oversight.activity],
        oversight,
        before=audit.snapshot(oversight),
        organization=oversight.organization,
        object_label=str(oversight),
    )
    oversight.delete()


@dataclass
class OversightRow:
    """One line of an inspection/supervision import; subjects: organization codes and members' CCCD."""

    data: dict
    organization_codes: list[str] = field(default_factory=list)
    member_ids: list[str] = field(default_factory=list)


def _subjects_of(row: OversightRow) -> tuple[list[Organization], list[Member]]:
    messages, orgs, members = [], [], []
    for code in row.organization_codes:
        org = Organization.objects.filter(code=code).first()
        if org is None:
            messages.append(f"Không có tổ chức mã '{code}'.")
        else:
            orgs.append(org)
    for cid in row.member_ids:
        member = Member.objects.filter(person__citizen_id=cid).select_related("person").first()
        if member is None:
            messages.append(f"Không có đảng viên số CCCD '{cid}'.")
        else:
            members.append(member)
    if messages:
        raise RuleViolation({"subjects": messages})
    return orgs, members


@transaction.atomic
def import_oversights(
    actor, rows: list[OversightRow], *, lines: list[int] | None = None, today: date | None = None
) -> list[Oversight]:
    """Nhập các cuộc kiểm tra, giám sát: one bad line and nothing is written; errors name their line."""

    def write(row: OversightRow, line: int) -> Oversight:
        data = dict(row.data)
        organization_by_code(data)
        orgs, members = _subjects_of(row)
        return create_oversight(actor, subject_organizations=orgs, subject_members=members, today=today, **data)

    return import_rows(
        actor,
        rows,
        lines,
        write,
        denied="Không có quyền ghi kiểm tra, giám sát cho tổ chức tiến hành.",
        action=WorkAudit.OVERSIGHT_IMPORT,
        object_type="work.oversight",
        label="Nhập {n} cuộc kiểm tra, giám sát",
    )


# Programmes ----------------------------------------------------------------------------------------------


def programme_errors(data: dict, exclude_pk: int | None = None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    org, year = data.get("organization"), data.get("year")
    if not year or not (1930 <= year <= 2100):
        errors["year"] = ["Năm không hợp lệ."]
    if not data.get("title"):
        errors["title"] = ["Tên chương trình không được để trống."]
    on = date(year, 1, 1) if not errors.get("year") else timezone.localdate()
    if org is None:
        errors["organization"] = ["Chưa chọn tổ chức đảng."]
    elif not errors.get("year") and not (org.is_active(date(year, 12, 31)) or org.is_active(on)):
        errors["organization"] = [f"{org.name} không hoạt động trong năm {year}."]
    add(errors, rules.body_errors(org, data.get("body"), on))
    add(errors, length_errors(Programme, data))
    if (
        org is not None
        and year
        and Programme.objects.filter(organization=org, body=data.get("body"), year=year).exclude(pk=exclude_pk).exists()
    ):
        errors.setdefault("year", []).append(f"Chủ thể này đã có chương trình năm {year}.")
    return errors


PROGRAMME_FIELDS = ["organization", "body", "year", "title", "decision_number", "note"]


@transaction.atomic
def create_programme(actor, **data) -> Programme:
    """Chương trình kiểm tra, giám sát năm."""
    data = {name: data.get(name) for name in PROGRAMME_FIELDS}
    for name in ("title", "decision_number", "note"):
        data[name] = nfc(data[name])
    org = data.get("organization")
    require(actor, org.pk if org else None, INSPECT)
    raise_if(programme_errors(data))
    try:
        with transaction.atomic():
            programme = Programme(**data)
            search.keep(programme)
            programme.save()
    except IntegrityError as error:
        raise RuleViolation(f"Chủ thể này đã có chương trình năm {data['year']}.", "year") from error
    audit.record(actor, WorkAudit.PROGRAMME_CREATE, programme, organization=org)
    return programme


@transaction.atomic
def update_programme(actor, programme: Programme, **changes) -> Programme:
    require(actor, programme.organization_id, INSPECT)
    data = {name: getattr(programme, name) for name in PROGRAMME_FIELDS}
    data.update({k: v for k, v in changes.items() if k in ("title", "decision_number", "note")})
    for name in ("title", "decision_number", "note"):
        data[name] = nfc(data[name])
    raise_if(programme_errors(data, exclude_pk=programme.pk))
    before = audit.snapshot(programme)
    for name, value in data.items():
        setattr(programme, name, value)
    search.keep(programme)
    programme.save()
    audit.record(actor, WorkAudit.PROGRAMME_UPDATE, programme, before=before, organization=programme.organization)
    return programme


@transaction.atomic
def delete_programme(actor, programme: Programme) -> None:
    require(actor, programme.organization_id, INSPECT)
    audit.record(
        actor,
        WorkAudit.PROGRAMME_DELETE,
        programme,
        before=audit.snapshot(programme),
        organization=programme.organization,
        after={"items": programme.items.count()},
    )
    programme.delete()


def item_errors(programme: Programme, data: dict) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    month = data.get("planned_month")
    if not month or not (1 <= month <= 12):
        errors["planned_month"] = ["Tháng dự kiến phải từ 1 đến 12."]
        on = date(programme.year, 1, 1)
    else:
        on = date(programme.year, month, 1)
    add(errors, rules.oversight_kind_errors(data.get("activity"), data.get("kind"), on))
    orgs = [data["subject_organization"]] if data.get("subject_organization") else []
    members = [data["subject_member"]] if data.get("subject_member") else []
    if orgs and members:
        errors["subjects"] = ["Mỗi nội dung chỉ có một đối tượng: một tổ chức hoặc một đảng viên."]
    else:
        add(errors, subject_errors(programme.organization, orgs, members))
    return errors


ITEM_FIELDS = ["activity", "kind", "subject_organization", "subject_member", "planned_month", "content"]


@transaction.atomic
def add_programme_item(actor, programme: Programme, **data) -> ProgrammeItem:
    require(actor, programme.organization_id, INSPECT)
    data = {name: data.get(name) for name in ITEM_FIELDS}
    data["content"] = nfc(data["content"])
    raise_if(item_errors(programme, data))
    item = ProgrammeItem(programme=programme, **data)
    search.keep(item)
    item.save()
    audit.record(actor, WorkAudit.PROGRAMME_ITEM_ADD, item, organization=programme.organization)
    return item


@transaction.atomic
def remove_programme_item(actor, item: ProgrammeItem) -> None:
    programme = item.programme
    require(actor, programme.organization_id, INSPECT)
    audit.record(
        actor, WorkAudit.PROGRAMME_ITEM_REMOVE, item, before=audit.snapshot(item), organization=programme.organization
    )
    item.delete()
