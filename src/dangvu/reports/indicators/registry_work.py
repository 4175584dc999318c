"""Indicators over the work records: congresses, inspection and supervision, courses, discipline.

They count with the definitions written in `dangvu.work.queries` (an activity belongs to a period by its start
date and to a subtree by its performing organization; subjects are counted DISTINCT; a course by its start
date and organizer; a congress is held for a term by a date when it has status "held" and opened by then),
here as grouped queries so that many organizations cost one query per indicator.
"""

import functools
import operator
from dataclasses import dataclass
from datetime import date

from django.db.models import F, Min, QuerySet
from django.db.models.functions import Coalesce

from dangvu.core import rules as party_rules
from dangvu.organizations.models import GRASSROOTS_KINDS
from dangvu.work.models import (
    Activity,
    Congress,
    CongressStatus,
    Course,
    CourseKind,
    CourseParticipant,
    Discipline,
    OversightKind,
    OversightSubject,
)
from dangvu.work.queries import (
    ATTENDED_RULE,
    attended,
    badge_label,
    badge_statement_values,
    badges_proposed,
    begun_in,
    counted_oversights,
    due_placements,
)
from dangvu.work.rules import deferral_cutoffs

from ..periods import Period
from ..terms import terms_on
from .base import (
    ON_RECORD_DAY,
    Counted,
    RecordRow,
    compiled,
    count_by_ancestor,
    count_together,
    counted_rows,
    in_period,
    indicator,
    inside_on_record_day,
    records_of,
    rows,
    shared,
    subtree_filter,
    within_province,
)

CONGRESS = "Đại hội"
OVERSIGHT = "Kiểm tra, giám sát, kỷ luật"
COURSES = "Bồi dưỡng, học tập"
MEMBERS_GROUP = "Đảng viên"  # beside the badges awarded (`registry_members.MEMBERS`)


# Congresses ---------------------------------------------------------------------------------------------------


@indicator(
    "congress.term",
    "Nhiệm kỳ đại hội",
    """Nhiệm kỳ hiện hành của tổ chức vào ngày cuối kỳ: nhiệm kỳ của đại hội gần nhất đã tổ chức (khai mạc
    không muộn hơn ngày cuối kỳ); nếu chưa ghi đại hội thì theo nhiệm kỳ Ban Chấp hành.""",
    CONGRESS,
    numeric=False,
)
def congress_term(org_ids: list[int], period: Period) -> dict[int, str]:
    # congress.grassroots_held asks the same terms: looked up once in a report
    found = shared(("congress.terms", tuple(org_ids), period.end), lambda: terms_on(org_ids, period.end))
    return {pk: term.label if term else "" for pk, term in found.items()}


@indicator(
    "congress.round",
    "Nhiệm kỳ của đợt đại hội",
    """Nhiệm kỳ của đợt đại hội mà kỳ báo cáo nằm trong: đợt đại hội nhiệm kỳ mới bắt đầu từ đại hội (dự kiến
    hoặc đã tổ chức) sớm nhất của các tổ chức cơ sở đảng thuộc đảng bộ và kết thúc bằng đại hội của chính đảng
    bộ; kỳ báo cáo có ngày cuối không sớm hơn ngày bắt đầu đợt thì thuộc đợt đó (đợt mới nhất). Khi chưa có đợt
    nào bắt đầu, là nhiệm kỳ hiện hành (chỉ tiêu congress.term).""",
    CONGRESS,
    numeric=False,
)
def congress_round(org_ids: list[int], period: Period) -> dict[int, int]:
    return shared(("congress.rounds", tuple(org_ids), period.start, period.end), lambda: _rounds(org_ids, period))


def _rounds(org_ids: list[int], period: Period) -> dict[int, str]:
    if not org_ids:
        return {}
    found = {pk: (None, label) for pk, label in congress_term.compute_many(org_ids, period).items()}
    for ancestor, term, first in rows(compiled(_round_starts, organizations=tuple(org_ids), end=period.end)):
        first = date.fromisoformat(first) if isinstance(first, str) else first  # (an aggregate: text on SQLite)
        if first is not None and first <= period.end and (found[ancestor][0] is None or first > found[ancestor][0]):
            found[ancestor] = (first, term)
    return {pk: label for pk, (_first, label) in found.items()}


def _round_starts(*, organizations, end):
    """(ancestor, term, first day) of the congresses of the grassroots organizations in each subtree on `end`,
    held or planned: the day each term's round began there."""
    key = "organization__ancestry_up__ancestor_id"
    return (
        Congress.objects.filter(
            **{f"{key}__in": organizations},
            organization__kind__in=GRASSROOTS_KINDS,
            organization__ancestry_up__valid_from__lte=end,
            organization__ancestry_up__valid_to__gt=end,
        )
        .values_list(key, "term")
        .annotate(first=Min(Coalesce("held_start", "planned_start")))
        .order_by()
    )


def _held_for(term: str, end):
    return Congress.objects.filter(
        term=term, status=CongressStatus.HELD, held_start__lte=end, organization__kind__in=GRASSROOTS_KINDS
    )


def _held(*, term, end):
    return counted_rows(_held_for(term, end), "organization", "organization_id")


@indicator(
    "congress.grassroots_held",
    "Tổ chức cơ sở đảng đã đại hội",
    """Số tổ chức cơ sở đảng thuộc đảng bộ (cây tổ chức ngày cuối kỳ) đã tổ chức đại hội cho nhiệm kỳ của đợt
    đại hội mà kỳ báo cáo nằm trong (chỉ tiêu congress.round) đến ngày cuối kỳ: đại hội có tình trạng “đã tổ
    chức” và khai mạc không muộn hơn ngày cuối kỳ.""",
    CONGRESS,
    unit="tổ chức",
)
def congress_grassroots_held(org_ids: list[int], period: Period) -> dict[int, int]:
    by_term: dict[str, list[int]] = {}
    for pk, term in congress_round.compute_many(org_ids, period).items():
        if term:
            by_term.setdefault(term, []).append(pk)
    result = dict.fromkeys(org_ids, 0)
    for term, ids in by_term.items():
        result.update(count_by_ancestor(compiled(_held, term=term, end=period.end), ids, period.end))
    return result


@records_of(
    congress_grassroots_held,
    lambda c: RecordRow(
        c.held_start, c.organization.name, f"Đại hội nhiệm kỳ {c.term}", subject_org_id=c.organization_id
    ),
)
def congress_grassroots_held_records(organization, period: Period) -> QuerySet:
    term = congress_round.compute(organization, period)
    return (
        _held_for(term, period.end)
        .filter(subtree_filter("organization", organization, period.end))
        .select_related("organization")
        .order_by("held_start", "organization__sort_key")
    )


# Inspection and supervision -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OversightFigure:
    """One inspection or supervision figure: the distinct subjects (`field`: organization or member) of the
    oversights of an activity ("" for both: kiểm tra, giám sát) and kinds (none: all) begun in the period,
    performed at a level: "" any organization of the subtree, OWN the organization itself (its committee,
    standing committee and inspection committee), BELOW the organizations under it (grassroots levels)."""

    key: str
    label: str
    activity: str
    kinds: tuple[str, ...]
    field: str
    unit: str
    definition: str
    level: str = ""


OWN, BELOW = "own", "below"
_LEVEL_SQL = {OWN: " AND up.depth = 0", BELOW: " AND up.depth > 0", "": ""}


def _subjects(activity: str, kinds: tuple[str, ...], period: Period):
    return OversightSubject.objects.filter(counted_oversights(activity, kinds), begun_in(period.start, period.end))


def _subject_counter(key: str):
    """The distinct subjects of the indicator's activities in the period, counted with the other inspection
    and supervision indicators in one query over the period's subjects (`count_together`)."""

    def compute(org_ids: list[int], period: Period):
        counted = {}
        for item in OVERSIGHT_INDICATORS:
            where, params = f"fact.{item.field}_subject IS NOT NULL{_LEVEL_SQL[item.level]}", ()
            if item.activity:
                where, params = f"fact.activity = %s AND {where}", (item.activity,)
            if item.kinds:
                where += f" AND fact.kind IN ({', '.join(['%s'] * len(item.kinds))})"
            counted[item.key] = Counted(where, (*params, *item.kinds), f"{item.field}_subject")

        def facts(keys: list[str]):
            asked = tuple(sorted({(BY_KEY[name].activity, BY_KEY[name].kinds) for name in keys}))
            return within_province(
                org_ids, period, "oversight__", _subject_facts, asked, start=period.start, end=period.end
            )

        return count_together("work.oversight", key, org_ids, period, facts, counted)

    return compute


def _subject_facts(asked: tuple[tuple[str, tuple[str, ...]], ...], *, start, end):
    """The subjects of the oversights begun in a period, of the (activity, kinds) `asked` (no activity: both;
    no kinds: all), as `work.queries` defines them."""
    wanted = functools.reduce(operator.or_, (counted_oversights(activity, kinds) for activity, kinds in asked))
    return (
        OversightSubject.objects.filter(wanted, begun_in(start, end))
        .values(
            org=F("oversight__organization_id"),
            activity=F("oversight__activity"),
            kind=F("oversight__kind"),
            organization_subject=F("organization_id"),
            member_subject=F("member_id"),
            day=F("oversight__start_date"),
        )
        .order_by()
    )


def _subject_records(item: OversightFigure):
    def records(organization, period: Period):
        found = (
            _subjects(item.activity, item.kinds, period)
            .filter(inside_on_record_day("oversight__organization", organization, "oversight__start_date"))
            .filter(**{f"{item.field}__isnull": False})
        )
        if item.level == OWN:
            found = found.filter(oversight__organization=organization)
        elif item.level == BELOW:
            found = found.exclude(oversight__organization=organization)
        return found.select_related("oversight__organization", "organization", "member__person").order_by(
            "oversight__start_date", "id"
        )

    return records


def _subject_row(subject) -> RecordRow:
    oversight = subject.oversight
    name = subject.organization.name if subject.organization_id else subject.member.person.full_name
    detail = f"{oversight.get_kind_display()} ({oversight.get_body_display()}): {oversight.content}"[:220]
    return RecordRow(
        oversight.start_date,
        name,
        detail,
        oversight.organization.name,
        subject_org_id=subject.organization_id,
        org_id=oversight.organization_id,
    )


OVERSIGHT_INDICATORS = [
    OversightFigure(
        "inspection.organizations",
        "Tổ chức đảng được kiểm tra",
        Activity.INSPECTION,
        (),
        "organization",
        "tổ chức",
        """Số tổ chức đảng khác nhau là đối tượng của các cuộc kiểm tra (mọi loại) do cấp ủy, ban thường vụ, ủy
        ban kiểm tra hoặc chi bộ thuộc đảng bộ tiến hành, có ngày bắt đầu trong kỳ; một tổ chức được kiểm tra
        nhiều lần chỉ tính một.""",
    ),
    OversightFigure(
        "inspection.members",
        "Đảng viên được kiểm tra",
        Activity.INSPECTION,
        (),
        "member",
        "đảng viên",
        """Số đảng viên khác nhau là đối tượng của các cuộc kiểm tra (mọi loại) do các cấp thuộc đảng bộ tiến
        hành, có ngày bắt đầu trong kỳ; một đảng viên được kiểm tra nhiều lần chỉ tính một.""",
    ),
    OversightFigure(
        "supervision.thematic.organizations",
        "Tổ chức đảng được giám sát chuyên đề",
        Activity.SUPERVISION,
        (OversightKind.THEMATIC,),
        "organization",
        "tổ chức",
        """Số tổ chức đảng khác nhau là đối tượng của các cuộc giám sát chuyên đề do các cấp thuộc đảng bộ tiến
        hành, có ngày bắt đầu trong kỳ; giám sát thường xuyên không tính.""",
    ),
    OversightFigure(
        "supervision.thematic.members",
        "Đảng viên được giám sát chuyên đề",
        Activity.SUPERVISION,
        (OversightKind.THEMATIC,),
        "member",
        "đảng viên",
        """Số đảng viên khác nhau là đối tượng của các cuộc giám sát chuyên đề do các cấp thuộc đảng bộ tiến
        hành, có ngày bắt đầu trong kỳ; giám sát thường xuyên không tính.""",
    ),
]

# The figures review articles quote beyond those: every supervision (regular and thematic), inspection and
# supervision together ("kiểm tra, giám sát"), and each by the level that performed it.
_WHAT = {
    Activity.INSPECTION: ("được kiểm tra", "các cuộc kiểm tra (mọi loại)"),
    Activity.SUPERVISION: ("được giám sát", "các cuộc giám sát (thường xuyên và chuyên đề)"),
    "": ("được kiểm tra, giám sát", "các cuộc kiểm tra và giám sát (mọi loại)"),
}
_KEY = {Activity.INSPECTION: "inspection", Activity.SUPERVISION: "supervision", "": "oversight"}
_LEVEL = {
    "": ("", "do các cấp thuộc đảng bộ tiến hành"),
    OWN: (
        " (cấp ủy, ban thường vụ, ủy ban kiểm tra của đảng bộ)",
        "do chính đảng bộ tiến hành: cấp ủy, ban thường vụ hoặc ủy ban kiểm tra của đảng bộ",
    ),
    BELOW: (
        " (tổ chức đảng cấp dưới)",
        "do các tổ chức đảng cấp dưới thuộc đảng bộ (đảng ủy cơ sở, chi bộ …) tiến hành",
    ),
}
for _activity in (Activity.INSPECTION, Activity.SUPERVISION, ""):
    for _level in ("", OWN, BELOW):
        if _activity == Activity.INSPECTION and not _level:
            continue  # inspection.organizations and inspection.members above
        for _field, _whom, _unit in (("organization", "Tổ chức đảng", "tổ chức"), ("member", "Đảng viên", "đảng viên")):
            _label, _done = _WHAT[_activity]
            _level_label, _level_text = _LEVEL[_level]
            OVERSIGHT_INDICATORS.append(
                OversightFigure(
                    # (the level before the subject: a key is never the start of another, as documents nest them)
                    f"{_KEY[_activity]}.{_level + '.' if _level else ''}{_field}s",
                    f"{_whom} {_label}{_level_label}",
                    _activity,
                    (),
                    _field,
                    _unit,
                    f"""Số {_whom.lower()} khác nhau là đối tượng của {_done} {_level_text}, có ngày bắt đầu trong kỳ;
                một {_unit} được kiểm tra, giám sát nhiều lần chỉ tính một.""",
                    _level,
                )
            )

BY_KEY = {item.key: item for item in OVERSIGHT_INDICATORS}

for _figure in OVERSIGHT_INDICATORS:
    _item = indicator(_figure.key, _figure.label, _figure.definition, OVERSIGHT, unit=_figure.unit, on_record_day=True)(
        _subject_counter(_figure.key)
    )
    records_of(_item, _subject_row)(_subject_records(_figure))


# Discipline ---------------------------------------------------------------------------------------------------


DISCIPLINED = {"discipline.organizations": "subject_organization", "discipline.members": "subject_member"}


def _discipline_counter(key: str):
    """The distinct subjects of the discipline decisions of the period, both figures in one query."""

    def compute(org_ids: list[int], period: Period):
        counted = {
            name: Counted(f"fact.{field}_subject IS NOT NULL", (), f"{field}_subject")
            for name, field in DISCIPLINED.items()
        }

        def facts(keys: list[str]):
            return compiled(
                _discipline_facts, tuple(DISCIPLINED[name] for name in keys), start=period.start, end=period.end
            )

        return count_together("work.discipline", key, org_ids, period, facts, counted)

    return compute


def _discipline_facts(fields: tuple[str, ...], *, start, end):
    return (
        Discipline.objects.filter(decided_on__gte=start, decided_on__lte=end)
        .values(
            org=F("organization_id"), day=F("decided_on"), **{f"{field}_subject": F(f"{field}_id") for field in fields}
        )
        .order_by()
    )


def _discipline_records(field: str):
    def records(organization, period: Period):
        return (
            Discipline.objects.filter(in_period(period, "decided_on"), **{f"{field}__isnull": False})
            .filter(inside_on_record_day("organization", organization, "decided_on"))
            .select_related("organization", "subject_organization", "subject_member__person")
            .order_by("decided_on", "id")
        )

    return records


def _discipline_row(decision) -> RecordRow:
    subject = decision.subject_organization or decision.subject_member
    name = subject.name if decision.subject_organization_id else subject.person.full_name
    detail = f"{decision.get_form_display()}, QĐ số {decision.decision_number}"
    return RecordRow(
        decision.decided_on,
        name,
        detail,
        decision.organization.name,
        subject_org_id=decision.subject_organization_id,
        org_id=decision.organization_id,
    )


for _key, _label, _unit, _definition in [
    (
        "discipline.organizations",
        "Tổ chức đảng bị kỷ luật",
        "tổ chức",
        """Số tổ chức đảng khác nhau bị thi hành kỷ luật bằng quyết định có ngày trong kỳ, do cấp ủy, ban thường
     vụ, ủy ban kiểm tra hoặc chi bộ thuộc đảng bộ quyết định.""",
    ),
    (
        "discipline.members",
        "Đảng viên bị kỷ luật",
        "đảng viên",
        """Số đảng viên khác nhau bị thi hành kỷ luật bằng quyết định có ngày trong kỳ, do các cấp thuộc đảng bộ
     quyết định.""",
    ),
]:
    _item = indicator(_key, _label, _definition, OVERSIGHT, unit=_unit, on_record_day=True)(_discipline_counter(_key))
    records_of(_item, _discipline_row)(_discipline_records(DISCIPLINED[_key]))


# Courses ------------------------------------------------------------------------------------------------------


def _courses(kind: str, period: Period):
    return Course.objects.filter(in_period(period, "start_date"), kind=kind)


CLASS_KINDS = {
    "course.awareness.classes": CourseKind.AWARENESS,
    "course.new_member_theory.classes": CourseKind.NEW_MEMBER_THEORY,
}


def _class_counter(key: str):
    """The courses of the indicator's kind opened in the period, both kinds counted in one query. A course has
    one organizer, and it one closure row per ancestor on any day: COUNT(*) is exact."""

    def compute(org_ids: list[int], period: Period):
        counted = {name: Counted("fact.course_kind = %s", (kind,), None) for name, kind in CLASS_KINDS.items()}

        def facts(keys: list[str]):
            return compiled(_class_facts, tuple(CLASS_KINDS[name] for name in keys), start=period.start, end=period.end)

        return count_together("work.classes", key, org_ids, period, facts, counted)

    return compute


def _class_facts(kinds: tuple[str, ...], *, start, end):
    return (
        Course.objects.filter(start_date__gte=start, start_date__lte=end, kind__in=kinds)
        .values(org=F("organizer_id"), course_kind=F("kind"), day=F("start_date"))
        .order_by()
    )


def _class_records(kind: str):
    def records(organization, period: Period):
        return (
            _courses(kind, period)
            .filter(inside_on_record_day("organizer", organization, "start_date"))
            .select_related("organizer")
            .order_by("start_date", "id")
        )

    return records


def _course_row(course) -> RecordRow:
    return RecordRow(
        course.start_date,
        course.title,
        f"{course.start_date:%d/%m/%Y}–{course.end_date:%d/%m/%Y}",
        course.organizer.name,
        org_id=course.organizer_id,
    )


for _key, _label, _definition in [
    (
        "course.awareness.classes",
        "Lớp bồi dưỡng nhận thức về Đảng",
        """Số lớp bồi dưỡng nhận thức về Đảng (lớp bồi dưỡng kết nạp Đảng) do các tổ chức thuộc đảng bộ mở, có
     ngày khai giảng trong kỳ.""",
    ),
    (
        "course.new_member_theory.classes",
        "Lớp lý luận chính trị cho đảng viên mới",
        """Số lớp bồi dưỡng lý luận chính trị cho đảng viên mới do các tổ chức thuộc đảng bộ mở, có ngày khai giảng
     trong kỳ.""",
    ),
]:
    _item = indicator(_key, _label, _definition, COURSES, unit="lớp", on_record_day=True)(_class_counter(_key))
    records_of(_item, _course_row)(_class_records(CLASS_KINDS[_key]))


@indicator(
    "course.awareness.participants",
    "Quần chúng ưu tú được bồi dưỡng",
    f"""Số người khác nhau (quần chúng ưu tú) đã học các lớp bồi dưỡng nhận thức về Đảng tính ở chỉ tiêu
    course.awareness.classes: {ATTENDED_RULE}.""",
    COURSES,
    unit="người",
    on_record_day=True,
)
def course_awareness_participants(org_ids: list[int], period: Period) -> dict[int, int]:
    return count_by_ancestor(compiled(_participants, start=period.start, end=period.end), org_ids, ON_RECORD_DAY)


def _attended(period_start, period_end):
    return attended(
        CourseParticipant.objects.filter(
            course__start_date__gte=period_start,
            course__start_date__lte=period_end,
            course__kind=CourseKind.AWARENESS,
        )
    )


def _participants(*, start, end):
    return (
        _attended(start, end)
        .values(org=F("course__organizer_id"), subject=F("person_id"), day=F("course__start_date"))
        .order_by()
    )


@records_of(
    course_awareness_participants,
    lambda p: RecordRow(p.course.start_date, p.person.full_name, p.get_result_display(), p.course.title),
)
def course_awareness_participants_records(organization, period: Period) -> QuerySet:
    return (
        _attended(period.start, period.end)
        .filter(inside_on_record_day("course__organizer", organization, "course__start_date"))
        .select_related("course", "person")
        .order_by("course__start_date", "person__sort_key")
    )


# Badges proposed ----------------------------------------------------------------------------------------------


def _award_days(period: Period) -> list[date]:
    """The badge award days (3/2, 19/5, 2/9, 7/11 …, by the rules of each year) that fall in the period."""
    days = []
    for year in range(period.start.year, period.end.year + 1):
        for month, day in party_rules.param("badge.award_days", date(year, 1, 1)):
            if period.start <= date(year, month, day) <= period.end:
                days.append(date(year, month, day))
    return sorted(days)


def _proposed(organization_id: int, period: Period) -> list:
    return [due for day in _award_days(period) for due in badges_proposed(organization_id, day)]


@indicator(
    "members.badges_proposed",
    "Đề nghị tặng Huy hiệu Đảng",
    """Số lượt đảng viên có tên trong danh sách đủ tiêu chuẩn xét tặng Huy hiệu Đảng vào các ngày trao huy hiệu
    trong kỳ (3/2, 19/5, 2/9, 7/11): sinh hoạt tại các chi bộ thuộc đảng bộ vào ngày đó, tuổi đảng (trừ thời gian
    không sinh hoạt đảng) đạt mốc huy hiệu từ sau ngày trao trước đến ngày đó, chưa được trao huy hiệu mốc ấy
    trước ngày đó, không trong thời gian chưa xét tặng sau kỷ luật (quy tắc badge.discipline_deferral_months).
    So sánh với chỉ tiêu members.badges_awarded (đã trao).""",
    MEMBERS_GROUP,
    unit="lượt",
)
def members_badges_proposed(org_ids: list[int], period: Period) -> dict[int, int]:
    found = dict.fromkeys(org_ids, 0)
    for day in _award_days(period):
        # one statement per award day, its subtrees as the tree stood that day: a cell's due members are then
        # read from the cell's placements, the country's from the admission windows
        forms, cutoffs = deferral_cutoffs(day)
        facts = compiled(_proposed_facts, **badge_statement_values(day), deferred_forms=forms, deferred_after=cutoffs)
        # A member is due one badge at most on a day and has one placement then: COUNT(*) counts the turns.
        for pk, count in count_by_ancestor(facts, org_ids, day, distinct=False).items():
            found[pk] += count
    return found


def _proposed_facts(**values):
    """The placements of the members due a badge on an award day (`due_placements`, with the awards recorded
    before that day and the disciplines still deferring a badge), by their cell."""
    return due_placements(**values, awarded_before=values["day"]).values(org=F("organization_id")).order_by()


@records_of(
    members_badges_proposed,
    lambda d: RecordRow(d.reached_on, d.member.person.full_name, badge_label(d.years), d.cell.name, org_id=d.cell.pk),
)
def members_badges_proposed_records(organization, period: Period) -> QuerySet:
    return _proposed(organization.pk, period)
