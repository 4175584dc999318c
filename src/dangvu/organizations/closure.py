"""The dated closure table (`Ancestry`), derived from the records: the organizations' lifetimes and parent links.

An organization's closure rows are a function of the records alone: its own row (depth 0) from its
establishment to its end, and, for each parent link [from, to) to a parent P, each of P's rows one level
deeper, cut to the link's dates. Every change of the tree (an establishment, a move, an end, and corrections
of any of them in the past) changes the records and then writes again the rows of the organizations whose
rows can change: the changed one and everything that was ever under it (`ever_under`). Rows of one ancestor
at one depth whose dates meet are written as one, so the rows are the same whatever order the changes were
recorded in; `expected_rows` is the recount from scratch that tests compare with.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from .models import OPEN_END, Ancestry, Organization, ParentLink

Row = tuple[int, int, date, date]  # ancestor id, depth, valid_from, valid_to
CHUNK = 2000


def ever_under(org_ids: Iterable[int]) -> set[int]:
    """The organizations and every organization that lay under any of them on any day."""
    ids = set(org_ids)
    found = set(ids)
    for chunk in chunks(ids):
        found.update(Ancestry.objects.filter(ancestor_id__in=chunk).values_list("descendant_id", flat=True))
    return found


def chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    ids = sorted(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _merged(rows: Iterable[Row]) -> list[Row]:
    """Rows of one ancestor at one depth whose dates meet or overlap, as one row."""
    out: list[Row] = []
    for ancestor, depth, start, end in sorted(rows):
        if out and out[-1][0] == ancestor and out[-1][1] == depth and out[-1][3] >= start:
            out[-1] = (ancestor, depth, out[-1][2], max(out[-1][3], end))
        else:
            out.append((ancestor, depth, start, end))
    return out


def _derive(ids: set[int]) -> dict[int, list[Row]]:
    """The closure rows of the organizations `ids` from their lifetimes and links; the rows of parents outside
    `ids` are read as they are stored (their own rows do not change)."""
    lifetimes, links = {}, defaultdict(list)
    for chunk in chunks(ids):
        for pk, established, dissolved in Organization.objects.filter(pk__in=chunk).values_list(
            "pk", "established_on", "dissolved_on"
        ):
            lifetimes[pk] = (established, dissolved or OPEN_END)
        for pk, parent, start, end in ParentLink.objects.filter(organization_id__in=chunk).values_list(
            "organization_id", "parent_id", "valid_from", "valid_to"
        ):
            links[pk].append((parent, start, end))
    stored: dict[int, list[Row]] = defaultdict(list)
    outside = {parent for of in links.values() for parent, _s, _e in of if parent not in ids}
    for chunk in chunks(outside):
        for pk, ancestor, depth, start, end in Ancestry.objects.filter(descendant_id__in=chunk).values_list(
            "descendant_id", "ancestor_id", "depth", "valid_from", "valid_to"
        ):
            stored[pk].append((ancestor, depth, start, end))

    derived: dict[int, list[Row]] = {}

    def rows_of(pk: int, path: tuple[int, ...] = ()) -> list[Row]:
        if pk not in ids:
            return stored.get(pk, [])
        if pk in derived:
            return derived[pk]
        if pk in path:  # a cycle in the links: refused by the actions, never derived
            raise ValueError(f"organization {pk} lies under itself")
        born, ended = lifetimes[pk]
        rows: list[Row] = [(pk, 0, born, ended)] if born < ended else []
        for parent, start, end in links.get(pk, []):
            start, end = max(start, born), min(end, ended)
            for ancestor, depth, a_start, a_end in rows_of(parent, (*path, pk)):
                low, high = max(start, a_start), min(end, a_end)
                if low < high:
                    rows.append((ancestor, depth + 1, low, high))
        derived[pk] = _merged(rows)
        return derived[pk]

    for pk in ids:
        rows_of(pk)
    return derived


def derive(org_ids: Iterable[int]) -> None:
    """Write again the closure rows of `org_ids`, which must hold every organization whose rows can change
    (`ever_under` of the organizations whose links or lifetimes changed)."""
    ids = set(org_ids)
    if not ids:
        return
    derived = _derive(ids)
    for chunk in chunks(ids):
        Ancestry.objects.filter(descendant_id__in=chunk).delete()
    Ancestry.objects.bulk_create(
        [
            Ancestry(descendant_id=pk, ancestor_id=a, depth=d, valid_from=f, valid_to=t)
            for pk, rows in derived.items()
            for a, d, f, t in rows
        ],
        batch_size=5000,
    )


def expected_rows() -> set[tuple[int, int, int, date, date]]:
    """Every closure row as the records say it must be (descendant, ancestor, depth, from, to): the recount
    from scratch that the stored rows are checked against."""
    derived = _derive(set(Organization.objects.values_list("pk", flat=True)))
    return {(pk, *row) for pk, rows in derived.items() for row in rows}


def stored_rows() -> set[tuple[int, int, int, date, date]]:
    """Every stored closure row, with the rows of one ancestor at one depth that meet read as one."""
    by_descendant: dict[int, list[Row]] = defaultdict(list)
    for pk, ancestor, depth, valid_from, valid_to in Ancestry.objects.values_list(
        "descendant_id", "ancestor_id", "depth", "valid_from", "valid_to"
    ):
        by_descendant[pk].append((ancestor, depth, valid_from, valid_to))
    return {(pk, *row) for pk, rows in by_descendant.items() for row in _merged(rows)}
