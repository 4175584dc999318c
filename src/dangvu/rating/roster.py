"""Who is rated in a round (danh sách đánh giá), and who decides each rating, as of the round's cut-off date.

Members: every member registered (sinh hoạt) in a cell of the subtree on the cut-off date; those exempted
from activities by then are listed as exempted (not graded, `rating.exempted_graded`), those who left the
Party after the cut-off but within the year as left. The rating of a member is decided by the grassroots
committee above their cell (a grassroots cell decides for itself). Organizations: every grassroots
organization, sub-committee and cell below the round's organization; a cell or sub-committee is rated by its
grassroots committee, a grassroots organization by the committee directly above it. `populate` is the batch
entry point (one query per table, bulk inserts) used by opening a round, the demo and the benchmark.
"""

from datetime import date

from django.db.models import Q

from dangvu.members.models import EventType, Member, MemberEvent, Placement
from dangvu.organizations.models import GRASSROOTS_KINDS, MEMBER_UNIT_KINDS, Ancestry, Kind, Organization

from .models import MemberRating, MemberStatus, OrganizationRating, Round
from .rules import YearRules, rule_day

RATED_KINDS = (*GRASSROOTS_KINDS, Kind.COMMUNE, Kind.SUB_COMMITTEE, Kind.CELL)
DECIDED_BY_GRASSROOTS = (Kind.CELL, Kind.SUB_COMMITTEE)


def _on(day: date) -> Q:
    return Q(valid_from__lte=day, valid_to__gt=day)


def subtree_ids(root_id: int, day: date) -> list[int]:
    return list(Ancestry.objects.filter(_on(day), ancestor_id=root_id).values_list("descendant_id", flat=True))


def ancestors(ids: list[int], day: date) -> dict[int, list[tuple[int, int, str]]]:
    """For each organization, its (depth, ancestor id, ancestor kind) as the tree stood on the day, nearest first."""
    found: dict[int, list[tuple[int, int, str]]] = {}
    rows = (
        Ancestry.objects.filter(_on(day), descendant_id__in=ids)
        .values_list("descendant_id", "depth", "ancestor_id", "ancestor__kind")
        .order_by("descendant_id", "depth")
    )
    for descendant, depth, ancestor, kind in rows:
        found.setdefault(descendant, []).append((depth, ancestor, kind))
    return found


def grassroots_of(chain: list[tuple[int, int, str]], min_depth: int = 0) -> int | None:
    """The nearest grassroots organization (or commune committee) in an ancestor chain."""
    for depth, ancestor, kind in chain:
        if depth >= min_depth and kind in (*GRASSROOTS_KINDS, Kind.COMMUNE):
            return ancestor
    return None


def deciding_for_organization(kind: str, chain: list[tuple[int, int, str]]) -> int | None:
    if kind in DECIDED_BY_GRASSROOTS:
        found = grassroots_of(chain, min_depth=1)
        if found is not None:
            return found
    return next((ancestor for depth, ancestor, _ in chain if depth == 1), None)


def populate(round_: Round) -> tuple[int, int]:
    """List the members and organizations to be rated in a freshly opened round; (members, organizations)."""
    day = round_.cutoff_on
    year_end = rule_day(round_.year)
    in_tree = subtree_ids(round_.organization_id, day)
    orgs = dict(
        Organization.objects.filter(pk__in=in_tree, established_on__lte=day)
        .exclude(dissolved_on__lte=day)
        .values_list("pk", "kind")
    )
    chains = ancestors(list(orgs), day)
    cells = [pk for pk, kind in orgs.items() if kind in MEMBER_UNIT_KINDS]

    placed = dict(
        Placement.objects.filter(_on(day), organization_id__in=cells).values_list("member_id", "organization_id")
    )
    members = Member.objects.filter(pk__in=list(placed), admitted_on__lte=day).exclude(left_on__lte=day)
    left = dict(members.values_list("pk", "left_on"))
    exempted = set(
        MemberEvent.objects.filter(member_id__in=list(left), type=EventType.EXEMPTED, date__lte=day).values_list(
            "member_id", flat=True
        )
    )
    year_rules = YearRules(round_.year)
    form = next(iter(year_rules.forms))
    graded_exempted = year_rules.param("exempted_graded")
    ratings = []
    for member_id, left_on in left.items():
        cell = placed[member_id]
        if left_on is not None and left_on <= year_end:
            status = MemberStatus.LEFT
        elif member_id in exempted and not graded_exempted:
            status = MemberStatus.EXEMPTED
        else:
            status = MemberStatus.LISTED
        ratings.append(
            MemberRating(
                round=round_,
                member_id=member_id,
                cell_id=cell,
                status=status,
                form=form,
                deciding_id=grassroots_of(chains.get(cell, [])) or cell,
            )
        )
    MemberRating.objects.bulk_create(ratings, batch_size=2000)

    organization_ratings = []
    for pk, kind in orgs.items():
        if pk == round_.organization_id or kind not in RATED_KINDS:
            continue
        deciding = deciding_for_organization(kind, chains.get(pk, []))
        if deciding is not None:
            organization_ratings.append(
                OrganizationRating(round=round_, organization_id=pk, kind=kind, deciding_id=deciding)
            )
    OrganizationRating.objects.bulk_create(organization_ratings, batch_size=2000)
    return len(ratings), len(organization_ratings)
