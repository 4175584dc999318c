"""Reads of the member registry through the user's scope: the filtered list and a member's record."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from dangvu.accounts.scope import READ, Scope
from dangvu.core.cache import kept
from dangvu.core.pickers import filter_pick
from dangvu.core.text import fold
from dangvu.core.web import parse_year
from dangvu.organizations.models import OPEN_END, Ancestry, Kind, Organization
from dangvu.organizations.pickers import OrganizationSource, describe
from dangvu.organizations.queries import subtree_ids

from . import tally
from .models import Gender, Member, Status, SubtreeCount

AGE_BANDS = {
    "duoi-30": ("Dưới 30", None, 30),
    "30-45": ("30–45", 30, 46),
    "46-60": ("46–60", 46, 61),
    "tren-60": ("Trên 60", 61, None),
}
SORTS = {
    "ten": ("Tên (A–Z)", ["sort_key"]),
    "-ten": ("Tên (Z–A)", ["-sort_key"]),
    "ngay-vao-dang": ("Ngày vào Đảng (cũ trước)", ["admitted_on", "sort_key"]),
    "-ngay-vao-dang": ("Ngày vào Đảng (mới trước)", ["-admitted_on", "sort_key"]),
    "ngay-sinh": ("Ngày sinh", ["person__birth_date", "sort_key"]),
}


@dataclass
class MemberFilter:
    """The list's filters, read from the query string; `problems` says what could not be understood."""

    text: str = ""
    status: str = ""
    gender: str = ""
    age_band: str = ""
    admitted_year: int | None = None
    organization: Organization | None = None
    sort: str = "ten"
    problems: list[str] | None = None
    organization_picker: object = None  # the filter's organization picker, to show

    @classmethod
    def from_params(cls, scope: Scope, params) -> "MemberFilter":
        problems = []
        status = params.get("trang_thai", "")
        if status and status not in Status.values:
            problems.append("Trạng thái không hợp lệ: bỏ qua.")
            status = ""
        gender = params.get("gioi_tinh", "")
        if gender and gender not in Gender.values:
            problems.append("Giới tính không hợp lệ: bỏ qua.")
            gender = ""
        band = params.get("tuoi", "")
        if band and band not in AGE_BANDS:
            problems.append("Nhóm tuổi không hợp lệ: bỏ qua.")
            band = ""
        year_raw = params.get("nam_vao_dang", "").strip()
        year = None
        if year_raw:
            if parse_year(year_raw):
                year = parse_year(year_raw)
            else:
                problems.append(f"Năm vào Đảng '{year_raw}' không hợp lệ: bỏ qua.")
        picked = filter_pick(params, scope, OrganizationSource(), label="Tổ chức (gồm cả cấp dưới)")
        org = picked.value
        if picked.problem:
            problems.append(picked.problem)
        sort = params.get("sap_xep", "ten")
        if sort not in SORTS:
            sort = "ten"
        return cls(
            text=params.get("q", "").strip(),
            status=status,
            gender=gender,
            age_band=band,
            admitted_year=year,
            organization=org,
            sort=sort,
            problems=problems,
            organization_picker=picked.field,
        )


def label_cells(scope: Scope, members) -> None:
    """Give each member of a page `cell_label`: their cell with what it lies under ("Chi bộ Công an — Đảng bộ
    phường Minh Khai"), since many cells share a name."""
    members = list(members)
    cells = {m.organization_id: m.organization for m in members}
    # kept per scope, day and set of cells until the data changes (the next page view reads the same cells)
    labels = kept(
        "cell-labels",
        f"{scope.key}:{timezone.localdate()}:{sorted(cells)}",
        lambda: {pk: option.label for pk, option in describe(scope, list(cells.values())).items()},
    )
    for member in members:
        member.cell_label = labels[member.organization_id]


def _minus_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def member_list(scope: Scope, flt: MemberFilter, today: date | None = None) -> QuerySet:
    """Members the user may see, filtered and ordered in Vietnamese name order.

    The membership's own copies of the name keys and its province are indexed together, so the first page of
    a province in name order, with or without a name fragment, reads one index range instead of the subtree.
    """
    today = today or timezone.localdate()
    members = Member.objects.select_related("person", "organization")
    if flt.organization is None or not scope.covers_now(flt.organization.pk):
        members = scope.restrict_people(members, "person")
    # else the organization filter below keeps to the scope, and the planner can walk the name order index.
    province = flt.organization if flt.organization is not None and flt.organization.kind == Kind.PROVINCE else None
    if flt.text:
        members = members.filter(name_folded__contains=fold(flt.text))
    members = members.filter(status=flt.status) if flt.status else members.exclude(status=Status.LEFT)
    if flt.gender:
        members = members.filter(person__gender=flt.gender)
    if flt.age_band:
        _, low, high = AGE_BANDS[flt.age_band]
        if low is not None:
            members = members.filter(person__birth_date__lte=_minus_years(today, low))
        if high is not None:
            members = members.filter(person__birth_date__gt=_minus_years(today, high))
    if flt.admitted_year:
        members = members.filter(admitted_on__year=flt.admitted_year)
    if province is not None:
        members = members.filter(province=province)
    elif flt.organization is not None:
        members = members.filter(organization_id__in=subtree_ids(flt.organization.pk))
    return members.order_by(*SORTS[flt.sort][1], "pk")


def known_total(scope: Scope, flt: MemberFilter) -> int | None:
    """The length of `member_list` read from the kept counts, when only an organization and a current status
    filter it (None otherwise: the list is counted)."""
    if flt.text or flt.gender or flt.age_band or flt.admitted_year or flt.status == Status.LEFT:
        return None
    if flt.organization is not None:
        counts = tally.counts_of(flt.organization.pk)
    elif scope.is_admin:
        counts = status_counts(scope)
    else:  # the scope also reaches cells that have moved out of it since: count them
        return None
    return sum(counts.get(status, 0) for status in ([flt.status] if flt.status else tally.STATUSES))


def top_organizations(scope: Scope) -> list[int]:
    """The organizations whose subtrees make up the user's scope now, none under another (every top
    organization of the tree for an administrator)."""
    if scope.is_admin:
        return list(Organization.objects.filter(parent__isnull=True).values_list("pk", flat=True))
    roots = set(scope.roots(READ))
    inner = Ancestry.objects.filter(
        ancestor_id__in=roots, descendant_id__in=roots, depth__gt=0, valid_to=OPEN_END
    ).values_list("descendant_id", flat=True)
    return sorted(roots - set(inner))


def status_counts(scope: Scope) -> dict[str, int]:
    """Members by status in the user's scope: the kept counts of the organizations the scope is made of (the
    members registered under them now), the user's own record when it lies elsewhere, and those who left."""
    tops = top_organizations(scope)
    counts = Counter()
    for row in SubtreeCount.objects.filter(pk__in=tops):
        counts.update({status: getattr(row, status) for status in tally.STATUSES})
    if scope.own_person_ids and not scope.is_admin:
        elsewhere = (
            Member.objects.filter(person_id__in=scope.own_person_ids)
            .exclude(status=Status.LEFT)
            .exclude(
                organization_id__in=Ancestry.objects.filter(ancestor_id__in=tops, valid_to=OPEN_END).values(
                    "descendant_id"
                )
            )
        )
        counts.update(elsewhere.values_list("status", flat=True))
    counts[Status.LEFT] = scope.restrict_people(Member.objects.filter(status=Status.LEFT)).count()
    return {status: counts.get(status, 0) for status in Status.values}


def own_member(scope: Scope) -> Member | None:
    """The membership of the user's own record (a member's mandate names their person), if any."""
    return Member.objects.filter(person_id__in=scope.own_person_ids).order_by("-pk").first()


def get_member(scope: Scope, pk: int, capability: str = READ) -> Member:
    """A member by id, or 404 outside the user's scope."""
    visible = scope.restrict_people(
        Member.objects.select_related("person", "organization"), "person", capability=capability
    )
    return get_object_or_404(visible, pk=pk)


def timeline(member: Member) -> QuerySet:
    return member.events.select_related("organization", "other_organization").order_by("date", "id")


def cells_for_writing(scope: Scope, capability: str) -> QuerySet:
    from dangvu.organizations.models import MEMBER_UNIT_KINDS

    return scope.restrict(
        Organization.objects.filter(kind__in=MEMBER_UNIT_KINDS, dissolved_on__isnull=True), "pk", capability
    )
