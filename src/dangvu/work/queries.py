"""Reads of the work records, always through the user's scope, and the counts report figures come from.

Definitions, written once:
- A subtree is the organization and everything under it as the tree stood on the last day of the period (or
  on the date asked), from the dated closure table.
- An inspection or supervision belongs to a period when its start date (ngày bắt đầu tiến hành) falls in the
  period, both ends included; it belongs to a subtree when its performing organization (any body of it: the
  committee, its standing committee, its inspection committee, or a cell) lies in the subtree.
- "Inspected organizations / members" count DISTINCT subjects: an organization inspected twice in a period
  counts once.
- A course belongs to a period when its start date falls in the period, and to a subtree by its organizer.
- A grassroots organization has held its congress for a term by a date when a congress of that organization
  for that term has status "held" and opened on or before that date.
- A member is due a badge at an award day when the party age (from the admission date, less the time without
  Party activity: `Member.party_age_from`) reaches one of the badge years after the previous award day and on
  or before this one, the badge has not been recorded, and no discipline decision still defers it
  (`rules.badge_errors` decides for one member; `due_placements` is the same rule over a set).
"""

import functools
import operator
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, CharField, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from dangvu.accounts.scope import READ, WRITE, Scope
from dangvu.core.errors import RuleViolation
from dangvu.core.web import parse_id
from dangvu.members.models import EventType, Member, MemberEvent, Person, Placement
from dangvu.members.people import people_in_scope
from dangvu.members.pickers import register_list
from dangvu.members.rules import add_months
from dangvu.organizations.models import Organization, Position
from dangvu.organizations.queries import grassroots, subtree_ids

from . import rules
from .models import (
    Activity,
    Congress,
    CongressStatus,
    Course,
    CourseParticipant,
    CourseResult,
    Discipline,
    Oversight,
    OversightKind,
    OversightSubject,
    Programme,
)


def _in_period(queryset: QuerySet, field_name: str, start: date | None, end: date | None) -> QuerySet:
    if start:
        queryset = queryset.filter(**{f"{field_name}__gte": start})
    if end:
        queryset = queryset.filter(**{f"{field_name}__lte": end})
    return queryset


def _under(queryset: QuerySet, org_field: str, organization: Organization | None, on: date | None) -> QuerySet:
    """Rows whose organization lies in `organization`'s subtree (as of `on`; now when None)."""
    if organization is None:
        return queryset
    return queryset.filter(**{f"{org_field}_id__in": subtree_ids(organization.pk, on)})


def year_bounds(year: int | None) -> tuple[date | None, date | None]:
    return (date(year, 1, 1), date(year, 12, 31)) if year else (None, None)


# Congresses ---------------------------------------------------------------------------------------------


def congresses(
    scope: Scope,
    *,
    organization: Organization | None = None,
    term: str = "",
    status: str = "",
    kind: str = "",
    year: int | None = None,
) -> QuerySet:
    """Congresses the user may see, filtered; `year` matches the opening day (or the planned day)."""
    qs = scope.restrict(Congress.objects.select_related("organization"), "organization")
    qs = _under(qs, "organization", organization, None)
    if term:
        qs = qs.filter(term=rules.normalize_term(term))
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(Q(held_start__year=year) | Q(held_start__isnull=True, planned_start__year=year))
    return qs


def get_congress(scope: Scope, pk: int) -> Congress:
    return get_object_or_404(congresses(scope), pk=pk)


def elected_positions(congress: Congress) -> QuerySet:
    """The posts of the congress's term in its organization's elected bodies."""
    return (
        Position.objects.filter(organization=congress.organization, term=congress.term)
        .select_related("person")
        .order_by("body", "post", "person__sort_key")
    )


@dataclass
class CongressOverview:
    """Tổng hợp đại hội: grassroots organizations of a subtree that held their term's congress by a date."""

    organization: Organization
    term: str
    on: date
    held: list[tuple[Organization, Congress]] = field(default_factory=list)
    not_held: list[tuple[Organization, Congress | None]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.held) + len(self.not_held)

    @property
    def held_count(self) -> int:
        return len(self.held)


def congress_overview(scope: Scope, organization: Organization, term: str, on: date) -> CongressOverview:
    """How many grassroots organizations of the subtree (as of `on`) held their congress for `term` by `on`,
    out of how many, and which have not (with their planned or postponed congress, if any)."""
    scope.require(organization.pk, READ)
    term = rules.normalize_term(term)
    orgs = list(scope.restrict(grassroots(organization, on), "pk"))
    by_org = {c.organization_id: c for c in Congress.objects.filter(organization__in=[o.pk for o in orgs], term=term)}
    overview = CongressOverview(organization, term, on)
    for org in orgs:
        congress = by_org.get(org.pk)
        if congress and congress.status == CongressStatus.HELD and congress.held_start <= on:
            overview.held.append((org, congress))
        else:
            overview.not_held.append((org, congress))
    return overview


# Courses -----------------------------------------------------------------------------------------------


def courses(
    scope: Scope,
    *,
    organization: Organization | None = None,
    kind: str = "",
    start: date | None = None,
    end: date | None = None,
) -> QuerySet:
    qs = scope.restrict(Course.objects.select_related("organizer"), "organizer")
    qs = _under(qs, "organizer", organization, end)
    if kind:
        qs = qs.filter(kind=kind)
    return _in_period(qs, "start_date", start, end)


def get_course(scope: Scope, pk: int) -> Course:
    return get_object_or_404(courses(scope), pk=pk)


def course_people(scope: Scope) -> QuerySet:
    """The people a course of the user's organizations may take, for its participant picker: those the user may
    name (members, people recorded, office holders of the subtree), the outstanding candidates (quần chúng ưu tú)
    of its cells, and those its earlier courses took."""
    named = people_in_scope(scope, WRITE)
    if scope.is_admin or not scope.roots(WRITE):
        return named
    reach = scope.organization_ids(WRITE)
    return Person.objects.filter(
        Q(pk__in=named.values("pk"))
        | Q(pk__in=Person.objects.filter(candidacies__organization_id__in=reach).values("pk"))
        | Q(pk__in=CourseParticipant.objects.filter(course__organizer_id__in=reach).values("person_id"))
    )


def _course_people(scope: Scope, arg: str) -> QuerySet:
    """The participant picker's list, for its type-ahead (`members.pickers.LISTS`): a course the user may add
    participants to."""
    pk = parse_id(arg)
    if pk is None:
        raise ValueError(arg)
    scope.require(get_course(scope, pk).organizer_id, WRITE)
    return course_people(scope)


register_list("lop", _course_people)


# Who counts as a participant of a class (học viên đã học): those who attended it, whatever their result; those
# marked absent, or who withdrew, did not. The course figures and the report's indicator count by this rule.
NOT_ATTENDED = (CourseResult.ABSENT, CourseResult.WITHDRAWN)
ATTENDED_RULE = (
    "người có tên trong danh sách học viên và có học (đạt, không đạt hoặc chưa có kết quả); người "
    "vắng hoặc bỏ học không tính"
)


def attended(participants: QuerySet) -> QuerySet:
    return participants.exclude(result__in=NOT_ATTENDED)


@dataclass
class CourseFigures:
    courses: int
    participants: int


def course_figures(scope: Scope, organization: Organization, start: date, end: date, kind: str) -> CourseFigures:
    """Classes of a kind organized in the subtree and begun in the period, and their distinct participants who
    attended (`attended`: "2 lớp bồi dưỡng nhận thức về Đảng cho 120 quần chúng ưu tú")."""
    scope.require(organization.pk, READ)
    qs = courses(scope, organization=organization, kind=kind, start=start, end=end)
    people = attended(CourseParticipant.objects.filter(course__in=qs)).values("person_id").distinct().count()
    return CourseFigures(qs.count(), people)


# Inspection and supervision ----------------------------------------------------------------------------


def oversights(
    scope: Scope,
    *,
    organization: Organization | None = None,
    activity: str = "",
    kind: str = "",
    start: date | None = None,
    end: date | None = None,
    body: str = "",
) -> QuerySet:
    """Inspections and supervisions performed by any body of the subtree, begun in the period."""
    qs = scope.restrict(Oversight.objects.select_related("organization"), "organization")
    qs = _under(qs, "organization", organization, end)
    if activity:
        qs = qs.filter(activity=activity)
    if kind:
        qs = qs.filter(kind=kind)
    if body:
        qs = qs.filter(body=body)
    return _in_period(qs, "start_date", start, end)


def get_oversight(scope: Scope, pk: int) -> Oversight:
    return get_object_or_404(oversights(scope), pk=pk)


@dataclass
class SubjectCounts:
    """Distinct subjects: "kiểm tra 22 tổ chức Đảng và 20 đảng viên"."""

    organizations: int
    members: int


def counted_oversights(activity: str, kinds: tuple[str, ...] = ()) -> Q:
    """Whose subjects an inspection or supervision figure counts, as a filter on OversightSubject: the
    oversights of `activity` ("" for both) and of `kinds` (none: every kind). Written once for these queries
    and for the report's indicators (`reports.indicators.registry_work`)."""
    wanted = Q(oversight__activity=activity) if activity else Q(pk__isnull=False)
    return wanted & Q(oversight__kind__in=kinds) if kinds else wanted


def begun_in(start: date, end: date) -> Q:
    """Subject rows of the oversights begun in the period (their start dates, both ends included)."""
    return Q(oversight__start_date__gte=start, oversight__start_date__lte=end)


def oversight_subjects(
    scope: Scope,
    organization: Organization,
    start: date,
    end: date,
    activity: str,
    kinds: tuple[str, ...] = (),
) -> QuerySet:
    """The subject rows of the activities of a subtree begun in a period (the records behind the counts)."""
    scope.require(organization.pk, READ)
    done = oversights(scope, organization=organization, end=end)
    return OversightSubject.objects.filter(
        counted_oversights(activity, kinds), begun_in(start, end), oversight__in=done
    )


def oversight_subject_counts(
    scope: Scope,
    organization: Organization,
    start: date,
    end: date,
    activity: str,
    kinds: tuple[str, ...] = (),
) -> SubjectCounts:
    """Distinct organizations and distinct members that were subjects of `activity` (of the given kinds, all
    kinds when empty) performed by any body of the subtree in the period."""
    subjects = oversight_subjects(scope, organization, start, end, activity, kinds)
    orgs = subjects.filter(organization__isnull=False).values("organization_id").distinct().count()
    members = subjects.filter(member__isnull=False).values("member_id").distinct().count()
    return SubjectCounts(orgs, members)


def inspection_counts(scope: Scope, organization: Organization, start: date, end: date) -> SubjectCounts:
    """Kiểm tra: every kind of inspection."""
    return oversight_subject_counts(scope, organization, start, end, Activity.INSPECTION)


def thematic_supervision_counts(scope: Scope, organization: Organization, start: date, end: date) -> SubjectCounts:
    """Giám sát chuyên đề: thematic supervisions only (regular supervision is not counted)."""
    return oversight_subject_counts(scope, organization, start, end, Activity.SUPERVISION, (OversightKind.THEMATIC,))


# Programmes --------------------------------------------------------------------------------------------


def programmes(scope: Scope, *, organization: Organization | None = None, year: int | None = None) -> QuerySet:
    qs = scope.restrict(Programme.objects.select_related("organization"), "organization")
    qs = _under(qs, "organization", organization, None)
    if year:
        qs = qs.filter(year=year)
    return qs


def get_programme(scope: Scope, pk: int) -> Programme:
    return get_object_or_404(programmes(scope), pk=pk)


@dataclass
class ItemProgress:
    item: object
    done: list[Oversight]

    @property
    def is_done(self) -> bool:
        return bool(self.done)


def programme_progress(programme: Programme) -> list[ItemProgress]:
    """Planned vs done: an item is done by the activities linked to it, or else by an activity of the same
    body, activity and kind, in the programme's year, that had the item's subject."""
    year_start, year_end = year_bounds(programme.year)
    performed = list(
        Oversight.objects.filter(
            organization=programme.organization,
            body=programme.body,
            start_date__gte=year_start,
            start_date__lte=year_end,
        ).prefetch_related("subjects")
    )
    progress = []
    for item in programme.items.select_related("subject_organization", "subject_member__person"):
        linked = [o for o in performed if o.programme_item_id == item.pk]
        if not linked:
            linked = [
                o
                for o in performed
                if o.activity == item.activity
                and o.kind == item.kind
                and o.programme_item_id is None
                and any(
                    (s.organization_id and s.organization_id == item.subject_organization_id)
                    or (s.member_id and s.member_id == item.subject_member_id)
                    for s in o.subjects.all()
                )
            ]
        progress.append(ItemProgress(item, linked))
    return progress


# Discipline --------------------------------------------------------------------------------------------


def disciplines(
    scope: Scope,
    *,
    organization: Organization | None = None,
    form: str = "",
    start: date | None = None,
    end: date | None = None,
    subject: str = "",
) -> QuerySet:
    """Decisions by any body of the subtree; `subject` = "organization" or "member"."""
    qs = scope.restrict(
        Discipline.objects.select_related("organization", "subject_organization", "subject_member__person"),
        "organization",
    )
    qs = _under(qs, "organization", organization, end)
    if form:
        qs = qs.filter(form=form)
    if subject == "organization":
        qs = qs.filter(subject_organization__isnull=False)
    elif subject == "member":
        qs = qs.filter(subject_member__isnull=False)
    return _in_period(qs, "decided_on", start, end)


def get_discipline(scope: Scope, pk: int) -> Discipline:
    return get_object_or_404(disciplines(scope), pk=pk)


# Badges ------------------------------------------------------------------------------------------------


@dataclass
class BadgeDue:
    member: Member
    years: int
    reached_on: date
    cell: Organization
    held: str = ""  # why the badge waits (a discipline still deferring it), for the page


def badge_label(years: int) -> str:
    """The detail an award event of the badge carries (`work.actions.badges`)."""
    return f"Huy hiệu {years} năm tuổi Đảng"


def badge_years_of(detail: str) -> int | None:
    """The badge years of an award event's detail ("Huy hiệu 30 năm tuổi Đảng" → 30)."""
    bits = detail.split()
    return int(bits[2]) if len(bits) > 2 and bits[2].isdigit() and detail == badge_label(int(bits[2])) else None


def badge_facts(members) -> dict[int, rules.BadgeFacts]:
    """member id → what the badge rules look at (`rules.BadgeFacts`), read in three statements."""
    members = list(members)
    ids = [m.pk for m in members]
    awarded: dict[int, set[int]] = {pk: set() for pk in ids}
    for member_id, detail in MemberEvent.objects.filter(member_id__in=ids, type=EventType.BADGE_AWARDED).values_list(
        "member_id", "detail"
    ):
        if (years := badge_years_of(detail)) is not None:
            awarded[member_id].add(years)
    disciplines: dict[int, list[tuple[str, date]]] = {pk: [] for pk in ids}
    for member_id, form, decided in Discipline.objects.filter(subject_member_id__in=ids).values_list(
        "subject_member_id", "form", "decided_on"
    ):
        disciplines[member_id].append((form, decided))
    return {
        m.pk: rules.BadgeFacts(
            m.person.full_name,
            m.admitted_on,
            m.party_age_from,
            m.left_on,
            frozenset(awarded[m.pk]),
            tuple(sorted(disciplines[m.pk])),
        )
        for m in members
    }


def badges_due(scope: Scope, organization: Organization, award_date: date) -> list[BadgeDue]:
    """Members registered in the subtree on the award day whose party age reached a badge year since the
    previous award day (exclusive) up to this one (inclusive), who have not received that badge and whom no
    discipline still defers."""
    return [d for d in badge_review(scope, organization, award_date) if not d.held]


def badge_review(scope: Scope, organization: Organization, award_date: date) -> list[BadgeDue]:
    """The due list with, after it, the members whose badge a discipline defers (`held` says until when)."""
    scope.require(organization.pk, READ)
    if messages := rules.award_day_errors(award_date):
        raise RuleViolation(messages[0], "award_date")
    return _due(organization.pk, award_date, lambda qs: scope.restrict(qs, "organization"), with_held=True)


def badges_proposed(organization_id: int, award_date: date) -> list[BadgeDue]:
    """Đề nghị tặng Huy hiệu: the due list of an award day as it stood on that day (badges awarded that day or
    later do not take a member off it); the figure `members.badges_proposed` counts it."""
    return _due(organization_id, award_date, lambda qs: qs, awarded_before=award_date)


def _due(
    organization_id: int, award_date: date, restrict, awarded_before: date | None = None, with_held: bool = False
) -> list[BadgeDue]:
    forms, after = ((), ()) if with_held else rules.deferral_cutoffs(award_date)
    placements = list(
        restrict(
            due_placements(
                **badge_statement_values(award_date),
                awarded_before=awarded_before,
                deferred_forms=forms,
                deferred_after=after,
            )
            .filter(organization_id__in=subtree_ids(organization_id, award_date))
            .select_related("member__person", "organization"),
        )
    )
    facts = badge_facts(p.member for p in placements) if with_held else {}
    due = []
    for p in placements:
        held = ""
        if with_held and (deferring := rules.deferring_discipline(facts[p.member.pk], award_date)):
            text = rules.deferral_text(deferring)
            held = text[0].upper() + text[1:]
        since = p.member.party_age_from or p.member.admitted_on
        due.append(BadgeDue(p.member, p.years, add_months(since, 12 * p.years), p.organization, held))
    due.sort(key=lambda d: (bool(d.held), -d.years, d.member.person.sort_key))
    return due


def badge_statement_values(award_date: date) -> dict:
    """The plain values `due_placements` takes for an award day (its windows, labels and returning members)."""
    windows = rules.badge_windows(award_date)
    return {
        "day": award_date,
        "years": tuple(w.years for w in windows),
        "after": tuple(w.after for w in windows),
        "until": tuple(w.until for w in windows),
        "held_after": tuple(w.held_after for w in windows),
        "labels": tuple(badge_label(w.years) for w in windows),
        "returning": returning_members(award_date),
    }


def returning_members(award_date: date) -> tuple[int, ...]:
    """The members whom a discipline decision deferred on the previous award day and no longer does on this one
    (`rules.returning_cutoffs`): a few ids, read before the due list so that its statement reads them by key."""
    forms, start, end = rules.returning_cutoffs(award_date)
    was_held = functools.reduce(
        operator.or_,
        (
            Q(form=form, decided_on__gt=after, decided_on__lte=until)
            for form, after, until in zip(forms, start, end, strict=True)
        ),
    )
    return tuple(
        sorted(
            set(
                Discipline.objects.filter(was_held, subject_member__isnull=False).values_list(
                    "subject_member_id", flat=True
                )
            )
        )
    )


def _since_between(start, end) -> Q:
    """Party age counts from (the `since` annotation of `due_placements`) after `start` and on or before `end`."""
    return Q(since__gt=start, since__lte=end)


def _read_between(start, end) -> Q:
    """The members whose admission or `party_age_from` lies after `start` and on or before `end`: plain ranges of
    their two indexes, a superset of `_since_between` that PostgreSQL reads by index before the exact test."""
    return Q(admitted_on__gt=start, admitted_on__lte=end) | Q(party_age_from__gt=start, party_age_from__lte=end)


def due_placements(
    *,
    day: date,
    years: tuple[int, ...],
    after: tuple[date, ...],
    until: tuple[date, ...],
    held_after: tuple[date, ...],
    labels: tuple[str, ...],
    returning: tuple[int, ...],
    awarded_before: date | None = None,
    deferred_forms: tuple[str, ...] = (),
    deferred_after: tuple[date, ...] = (),
) -> QuerySet:
    """The placements valid on the award day `day` of the members due a badge then (`badge_statement_values`
    gives the values): Party age counted from (`party_age_from`, else the admission) within one of the badge
    years' windows (`rules.badge_windows`: `years`, `after`, `until`, and the text an award event of that badge
    carries, `labels`), or within (`held_after`, `after`] for a member of `returning`, whom a discipline
    deferred on the previous award day and no longer does (`returning_members`); not left by that day, with no
    award event of that badge (before `awarded_before` when given, else ever), and no discipline decision of a
    form in `deferred_forms` taken after its cut-off in `deferred_after` and by the day
    (`rules.deferral_cutoffs`); each with the badge's `years`. A member is in one window at most: one row per
    member due. The arguments are plain values, so that reports can compile it (`core.statements.compiled`).

    The shape is the plan's: the members are read by their admission and `party_age_from` indexes over the
    windows (`_read_between`) and the returning ones by key, then tested exactly on the day Party age counts
    from (`since`); the badge of a row is told by that day alone, the windows widened to (`held_after`,
    `until`] of two badge years never meeting (`rules.badge_windows`). A correlated EXISTS of the returning
    decisions in every window and in every branch of the badge's CASE, with the members read by a
    statistics-less `party_age_from IS NULL` for each window, took 0.5 s a day for a 300,000-member province."""
    due = functools.reduce(operator.or_, (_since_between(start, end) for start, end in zip(after, until, strict=True)))
    read = functools.reduce(operator.or_, (_read_between(start, end) for start, end in zip(after, until, strict=True)))
    if returning:
        coming_back = functools.reduce(
            operator.or_, (_since_between(held, start) for start, held in zip(after, held_after, strict=True))
        )
        due |= coming_back & Q(member_id__in=returning)
        read |= Q(pk__in=returning)
    widened = [(held, end) for held, end in zip(held_after, until, strict=True)]
    awarded = MemberEvent.objects.filter(
        member_id=OuterRef("member_id"), type=EventType.BADGE_AWARDED, detail=OuterRef("badge")
    )
    if awarded_before is not None:
        awarded = awarded.filter(date__lt=awarded_before)
    placements = (
        Placement.objects.filter(
            valid_from__lte=day, valid_to__gt=day, member_id__in=Member.objects.filter(read).values("pk")
        )
        .annotate(since=Coalesce("member__party_age_from", "member__admitted_on"))
        .filter(due)
        .exclude(member__left_on__lte=day)
        .annotate(
            years=Case(
                *(
                    When(_since_between(held, end), then=Value(n))
                    for (held, end), n in zip(widened, years, strict=True)
                ),
                output_field=IntegerField(),
            ),
            badge=Case(
                *(
                    When(_since_between(held, end), then=Value(text))
                    for (held, end), text in zip(widened, labels, strict=True)
                ),
                output_field=CharField(),
            ),
        )
        .exclude(Exists(awarded))
    )
    if deferred_forms:
        held = functools.reduce(
            operator.or_,
            (Q(form=form, decided_on__gt=cutoff) for form, cutoff in zip(deferred_forms, deferred_after, strict=True)),
        )
        placements = placements.exclude(
            Exists(Discipline.objects.filter(held, subject_member_id=OuterRef("member_id"), decided_on__lte=day))
        )
    return placements
