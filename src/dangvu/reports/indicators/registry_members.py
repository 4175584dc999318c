"""Indicators over the organization tree and the member registry: grassroots organizations, members and
their events (admission, recognition, transfers, leaving, badges)."""

from django.db.models import F, Q, QuerySet, Value

from dangvu.members.models import EventType, MemberEvent, Placement, RegisteredCount
from dangvu.organizations.models import GRASSROOTS_KINDS, OPEN_END, Organization

from ..periods import Period
from .base import (
    Counted,
    RecordRow,
    compiled,
    count_by_ancestor,
    count_together,
    counted_rows,
    in_period,
    indicator,
    inside_on_record_day,
    members_now,
    outside_subtree,
    records_of,
    roll_up,
    subtree_filter,
    within_province,
)
from .base import valid_on as _valid_on

ORGANIZATIONS = "Tổ chức đảng"
MEMBERS = "Đảng viên"


@indicator(
    "grassroots.total",
    "Tổ chức cơ sở đảng",
    """Số tổ chức cơ sở đảng (đảng bộ cơ sở và chi bộ cơ sở) thuộc đảng bộ vào ngày cuối kỳ, theo cây tổ chức
    của ngày đó.""",
    ORGANIZATIONS,
    unit="tổ chức",
)
def grassroots_total(org_ids: list[int], period: Period) -> dict[int, int]:
    # An organization has one closure row per ancestor on any day: COUNT(*) is exact.
    return count_by_ancestor(compiled(_grassroots), org_ids, period.end, distinct=False)


def _grassroots():
    return counted_rows(Organization.objects.filter(kind__in=GRASSROOTS_KINDS), "")


@records_of(grassroots_total, lambda o: RecordRow(None, o.name, o.get_kind_display(), subject_org_id=o.pk))
def grassroots_total_records(organization, period: Period) -> QuerySet:
    return Organization.objects.filter(subtree_filter("", organization, period.end), kind__in=GRASSROOTS_KINDS)


# From this many members (now) in the subtrees asked, members.total adds up the cells' kept counts instead of
# reading the placements of the day. Measured on the national set: the country 0.2 s instead of 0.9 s (a day
# two months back); the largest province (700,000 members) no faster, as its placements are read cell by cell
# from an index while the kept way reads the corrections of the whole country (the placements begun or ended
# after the day: 50,000 two months back, more than a million six years back).
KEPT_COUNTS_FROM = 1_000_000


@indicator(
    "members.total",
    "Tổng số đảng viên",
    """Số đảng viên sinh hoạt chính thức tại các chi bộ thuộc đảng bộ vào ngày cuối kỳ (không tính đảng viên
    sinh hoạt tạm thời, đã chuyển đi hoặc đã ra khỏi Đảng trước ngày đó).""",
    MEMBERS,
    unit="đảng viên",
)
def members_total(org_ids: list[int], period: Period) -> dict[int, int]:
    on = period.end
    if not from_kept_counts(org_ids):
        # A member has one placement on any day and a cell one closure row per ancestor: COUNT(*) is exact.
        return count_by_ancestor(compiled(_placements, on=on), org_ids, on, distinct=False)
    counted = roll_up(compiled(kept_placements, on=on), org_ids, on, ["SUM(fact.n)"])
    return {pk: counted[pk][0] if pk in counted else 0 for pk in org_ids}


def from_kept_counts(org_ids: list[int]) -> bool:
    """Whether the members of the subtrees on a day are read from the cells' kept counts (`kept_placements`,
    from `KEPT_COUNTS_FROM` members now) rather than from the placements of the day."""
    return members_now(org_ids) >= KEPT_COUNTS_FROM


def _placements(*, on):
    return counted_rows(Placement.objects.filter(_valid_on(on)), "organization")


def kept_placements(*, on) -> QuerySet:
    """The placements valid on a day, without reading them all: (cell, n) rows whose n add up to each cell's
    placements that day: the open placements of each cell, kept by the database (`RegisteredCount`), less those
    that began after that day, plus the closed ones that were still valid on it."""
    return RegisteredCount.objects.values(org=F("organization_id"), n=F("registered")).union(
        Placement.objects.filter(valid_to=OPEN_END, valid_from__gt=on).values(org=F("organization_id"), n=Value(-1)),
        Placement.objects.filter(valid_to__gt=on, valid_to__lt=OPEN_END, valid_from__lte=on).values(
            org=F("organization_id"), n=Value(1)
        ),
        all=True,
    )


def _placement_row(placement) -> RecordRow:
    member = placement.member
    return RecordRow(
        member.admitted_on,
        member.person.full_name,
        member.get_status_display(),
        placement.organization.name,
        org_id=placement.organization_id,
    )


@records_of(members_total, _placement_row)
def members_total_records(organization, period: Period) -> QuerySet:
    return (
        Placement.objects.filter(_valid_on(period.end), subtree_filter("organization", organization, period.end))
        .select_related("member__person", "organization")
        .order_by("member__person__sort_key")
    )


def _transfer_outside(root: int) -> Q:
    """A transfer whose other end (the cell it came from or went to) lay outside the subtree of `root` on the
    transfer's day (the same condition as `outside_subtree` applies to each counted subtree)."""
    return Q(other_organization__isnull=True) | ~inside_on_record_day("other_organization", root, "date")


# What an event indicator asks beyond the type and the period.
REGISTERED_THEN = "registered_then"  # the member was registered in a cell on the event's date
ACROSS_BOUNDARY = "across_boundary"  # `_transfer_outside`


def _events(event_type: str, rule: str | None, period: Period):
    events = MemberEvent.objects.filter(in_period(period), type=event_type)
    return events.filter(registered=True) if rule == REGISTERED_THEN else events


def _event_counter(key: str):
    """The members with an event of the indicator's type in the period, counted with the five other event
    indicators in one query over the period's events (`count_together`)."""

    def compute(org_ids: list[int], period: Period):
        rules = {row[0]: row[3] for row in EVENT_INDICATORS}  # key: rule
        types = {row[0]: row[2] for row in EVENT_INDICATORS}  # key: event type
        counted = {}
        for name, rule in rules.items():
            where, params = "fact.kind = %s", (types[name],)
            if rule == REGISTERED_THEN:
                where += " AND fact.registered"
            elif rule == ACROSS_BOUNDARY:
                where = f"{where} AND {outside_subtree('other')}"
            counted[name] = Counted(where, params)

        def facts(keys: list[str]):
            return within_province(
                org_ids,
                period,
                "",
                _event_facts,
                tuple(types[name] for name in keys),
                start=period.start,
                end=period.end,
            )

        return count_together("members.events", key, org_ids, period, facts, counted)

    return compute


def _event_facts(types: tuple[str, ...], *, start, end):
    """The events of some types in a period, with whether the member was registered in a cell on the event's
    date (`MemberEvent.registered`, kept by the database)."""
    return (
        MemberEvent.objects.filter(date__gte=start, date__lte=end, type__in=types)
        .values(
            "registered",
            org=F("organization_id"),
            subject=F("member_id"),
            kind=F("type"),
            other=F("other_organization_id"),
            day=F("date"),
        )
        .order_by()
    )


def _event_records(event_type: str, rule: str | None):
    def records(organization, period: Period):
        events = _events(event_type, rule, period).filter(inside_on_record_day("organization", organization, "date"))
        if rule == ACROSS_BOUNDARY:
            events = events.filter(_transfer_outside(organization.pk))
        return events.select_related("member__person", "organization").order_by("date", "member__person__sort_key")

    return records


def _event_row(event) -> RecordRow:
    detail = " – ".join(p for p in (event.detail, event.decision_number and f"QĐ {event.decision_number}") if p)
    return RecordRow(
        event.date, event.member.person.full_name, detail, event.organization.name, org_id=event.organization_id
    )


EVENT_INDICATORS = [
    (
        "members.admitted",
        "Kết nạp đảng viên",
        EventType.ADMITTED,
        REGISTERED_THEN,
        """Số đảng viên được kết nạp trong kỳ (ngày kết nạp trong kỳ) tại các chi bộ thuộc đảng bộ; không tính
     đảng viên chuyển đến đã được kết nạp ở nơi khác.""",
    ),
    (
        "members.recognized_official",
        "Công nhận đảng viên chính thức",
        EventType.RECOGNIZED_OFFICIAL,
        REGISTERED_THEN,
        """Số đảng viên được công nhận chính thức có ngày chính thức trong kỳ, tại các chi bộ thuộc đảng bộ;
     không tính đảng viên chuyển đến đã chính thức ở nơi khác.""",
    ),
    (
        "members.transferred_in",
        "Đảng viên chuyển đến",
        EventType.TRANSFERRED_IN,
        ACROSS_BOUNDARY,
        """Số đảng viên chuyển sinh hoạt chính thức đến các chi bộ thuộc đảng bộ trong kỳ từ nơi ngoài đảng bộ
     (chuyển giữa hai chi bộ trong cùng đảng bộ không tính).""",
    ),
    (
        "members.transferred_out",
        "Đảng viên chuyển đi",
        EventType.TRANSFERRED_OUT,
        ACROSS_BOUNDARY,
        """Số đảng viên chuyển sinh hoạt chính thức từ các chi bộ thuộc đảng bộ đi nơi ngoài đảng bộ trong kỳ
     (chuyển giữa hai chi bộ trong cùng đảng bộ không tính).""",
    ),
    (
        "members.left",
        "Đảng viên ra khỏi Đảng",
        EventType.LEFT,
        None,
        """Số đảng viên ra khỏi Đảng trong kỳ (xóa tên, xin ra khỏi Đảng, khai trừ, từ trần) tại các chi bộ
     thuộc đảng bộ; chuyển sinh hoạt đi không tính.""",
    ),
    (
        "members.badges_awarded",
        "Trao Huy hiệu Đảng",
        EventType.BADGE_AWARDED,
        None,
        """Số đảng viên của các chi bộ thuộc đảng bộ được trao Huy hiệu Đảng (mọi mốc tuổi đảng) trong kỳ.""",
    ),
]

for _key, _label, _type, _rule, _definition in EVENT_INDICATORS:
    _item = indicator(_key, _label, _definition, MEMBERS, unit="đảng viên", on_record_day=True)(_event_counter(_key))
    records_of(_item, _event_row)(_event_records(_type, _rule))
