"""Every read of rating data, taking the user's scope first.

A round is seen by those whose scope reaches its organization, and by those mandated somewhere inside its
subtree (a cell secretary sees the district's round, and in it only their cell). Inside a round every list is
cut to the scope: cells and members by the cell, organizations by themselves or their deciding body.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from dangvu.accounts.scope import READ, WRITE, Scope
from dangvu.members.timeline import TimelineItem
from dangvu.organizations.models import MEMBER_UNIT_KINDS, Ancestry, Kind, Organization

from . import figures
from .models import MemberRating, MemberStatus, OrganizationRating, Round, Step
from .rules import YearRules, rule_day


def rounds(scope: Scope) -> QuerySet:
    base = Round.objects.select_related("organization")
    if scope.is_admin:
        return base
    roots = scope.roots(READ)
    above = Ancestry.objects.filter(descendant_id__in=roots).values("ancestor_id")
    return base.filter(Q(organization_id__in=scope.organization_ids(READ)) | Q(organization_id__in=above))


def get_round(scope: Scope, pk: int) -> Round:
    found = rounds(scope).filter(pk=pk).first()
    if found is None:
        raise Http404("Không tìm thấy đợt đánh giá.")
    return found


def member_ratings(scope: Scope, round_: Round) -> QuerySet:
    return scope.restrict(round_.member_ratings.select_related("member__person", "cell", "deciding"), "cell")


def organization_ratings(scope: Scope, round_: Round) -> QuerySet:
    base = round_.organization_ratings.select_related("organization", "deciding")
    if scope.is_admin:
        return base
    ids = scope.organization_ids(READ)
    return base.filter(Q(organization_id__in=ids) | Q(deciding_id__in=ids))


def member_timeline(scope: Scope, member) -> list[TimelineItem]:
    """The member's yearly results for their record's timeline (the members app's hook): each decided rating,
    on its decision's date, with the grade named as that year's rule names it and the body that decided. The
    record page has already checked that the scope reads the member: these are the member's own history,
    decided wherever they were registered then."""
    decided = (
        MemberRating.objects.filter(member=member, status=MemberStatus.LISTED, step=Step.DECIDED)
        .exclude(final_grade="")
        .select_related("round", "deciding")
        .order_by("round__year")
    )
    return [
        TimelineItem(
            r.decision_on or rule_day(r.round.year),
            f"Xếp loại chất lượng năm {r.round.year}: {YearRules(r.round.year).grade_label(r.final_grade)}",
            r.decision_body or r.deciding.name,
            r.decision_number,
        )
        for r in decided
    ]


def get_member_rating(scope: Scope, pk: int) -> MemberRating:
    found = (
        scope.restrict(
            MemberRating.objects.select_related("round__organization", "member__person", "cell", "deciding"), "cell"
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("Không tìm thấy.")
    return found


def get_organization_rating(scope: Scope, pk: int) -> OrganizationRating:
    base = OrganizationRating.objects.select_related("round__organization", "organization", "deciding")
    found = base.filter(pk=pk).first()
    if found is None or not (scope.covers(found.organization_id) or scope.covers(found.deciding_id)):
        raise Http404("Không tìm thấy.")
    return found


@dataclass
class CellProgress:
    """The steps reached in one cell: listed, self-assessed, proposed by the cell, decided; and not graded."""

    cell: Organization
    steps: Counter = field(default_factory=Counter)
    not_graded: int = 0

    @property
    def listed(self) -> int:
        return sum(self.steps.values())

    def at_least(self, step: str) -> int:
        order = [Step.LISTED, Step.SELF, Step.PROPOSED, Step.DECIDED]
        return sum(n for s, n in self.steps.items() if order.index(s) >= order.index(step))

    @property
    def self_done(self) -> int:
        return self.at_least(Step.SELF)

    @property
    def proposed(self) -> int:
        return self.at_least(Step.PROPOSED)

    @property
    def decided(self) -> int:
        return self.steps.get(Step.DECIDED, 0)


def progress(scope: Scope, round_: Round) -> list[CellProgress]:
    """Progress per cell of the round, within the scope, in the cells' order."""
    rows: dict[int, CellProgress] = {}
    counted = member_ratings(scope, round_).values_list("cell_id", "status", "step").annotate(n=Count("id"))
    cells = {o.pk: o for o in Organization.objects.filter(pk__in=member_ratings(scope, round_).values("cell_id"))}
    for cell_id, status, step, n in counted.order_by():
        row = rows.setdefault(cell_id, CellProgress(cells[cell_id]))
        if status == MemberStatus.LISTED:
            row.steps[step] += n
        else:
            row.not_graded += n
    return sorted(rows.values(), key=lambda r: r.cell.sort_key)


def deciding_bodies(scope: Scope, round_: Round, capability: str = WRITE) -> list[Organization]:
    """The deciding bodies of the round the user may decide for."""
    ids = set(round_.member_ratings.values_list("deciding_id", flat=True).distinct())
    ids |= set(round_.organization_ratings.values_list("deciding_id", flat=True).distinct())
    return [o for o in Organization.objects.filter(pk__in=ids) if scope.covers(o.pk, capability)]


def cells_of(scope: Scope, round_: Round) -> QuerySet:
    return Organization.objects.filter(
        pk__in=member_ratings(scope, round_).values("cell_id"), kind__in=MEMBER_UNIT_KINDS
    )


def consolidation(scope: Scope, round_: Round) -> list[dict]:
    """The round consolidated per organization directly under its root (and the root), with what does not add
    up flagged: members or organizations still without a decision, a roster that no longer matches the
    registrations of the cut-off date, a deciding body over the cap."""
    day = round_.cutoff_on
    children = [round_.organization] + list(
        Organization.objects.filter(
            pk__in=Ancestry.objects.filter(
                ancestor_id=round_.organization_id, depth=1, valid_from__lte=day, valid_to__gt=day
            ).values("descendant_id")
        )
    )
    children = [c for c in children if scope.covers(c.pk)]
    found = figures.tallies([c.pk for c in children], round_.year, figures_day(round_))
    roster = registered_on_cutoff([c.pk for c in children], round_)
    rows = []
    for organization in children:
        tallies = found[organization.pk]
        flags = []
        for subject, words in figures.SUBJECTS.items():
            if tallies[subject].undecided:
                flags.append(f"Còn {tallies[subject].undecided} {words} chưa có quyết định xếp loại.")
        listed = round_.member_ratings.filter(
            cell__ancestry_up__ancestor_id=organization.pk,
            cell__ancestry_up__valid_from__lte=day,
            cell__ancestry_up__valid_to__gt=day,
        ).count()
        if roster.get(organization.pk, 0) != listed:
            flags.append(
                f"Danh sách đánh giá có {listed} đảng viên, nhưng hồ sơ ghi {roster.get(organization.pk, 0)} "
                f"đảng viên sinh hoạt ngày {day:%d/%m/%Y} (hồ sơ đã sửa sau khi mở đợt)."
            )
        rows.append(
            {
                "organization": organization,
                "tallies": tallies,
                "flags": flags,
                "members": figures.grade_rows(tallies["members"], round_.year, False),
            }
        )
    return rows


def figures_day(round_: Round) -> date:
    """The tree of the round's figures: its cut-off date."""
    return round_.cutoff_on


def registered_on_cutoff(org_ids: list[int], round_: Round) -> dict[int, int]:
    """Members registered in the subtrees' cells on the cut-off date, as the records say now."""
    from dangvu.members.models import Placement

    day = round_.cutoff_on
    rows = (
        Placement.objects.filter(
            valid_from__lte=day,
            valid_to__gt=day,
            member__admitted_on__lte=day,
            organization__ancestry_up__ancestor_id__in=org_ids,
            organization__ancestry_up__valid_from__lte=day,
            organization__ancestry_up__valid_to__gt=day,
        )
        .exclude(member__left_on__lte=day)
        .values_list("organization__ancestry_up__ancestor_id")
        .annotate(n=Count("member_id", distinct=True))
    )
    return dict(rows.order_by())


def summary(scope: Scope, round_: Round) -> dict:
    """The round's figures for its page: per kind of subject, the grade rows with their names of the year."""
    tallies = figures.tallies([round_.organization_id], round_.year, figures_day(round_))[round_.organization_id]
    return {
        subject: {
            "words": words,
            "tally": tallies[subject],
            "rows": figures.grade_rows(tallies[subject], round_.year, subject != "members"),
            "phrase": figures.phrase(tallies[subject], subject, round_.year),
        }
        for subject, words in figures.SUBJECTS.items()
    }


def year_rules(round_: Round) -> YearRules:
    return YearRules(round_.year)


def writable_roots(scope: Scope) -> QuerySet:
    """Organizations above the cells where the user may open a round."""
    base = Organization.objects.exclude(kind__in=[Kind.CELL]).filter(dissolved_on__isnull=True)
    return scope.restrict(base, "pk", WRITE)
