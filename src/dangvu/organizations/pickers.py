"""Choosing an organization by name: the picker's source, and the label every chooser and list shows.

Twenty-one cells are called "Chi bộ Công an", so an organization is shown with what it lies under: "Chi bộ
Công an — Đảng bộ phường Minh Khai — Thành ủy Phủ Lý" (district and province committees by their committee's
name), up to the top of the user's scope, as the tree stood on the day the user's tree is shown (today, or the
last day of their organization when it has ended, as the tree page does; an ended organization on its own last
day), with its kind and, when it has ended, the day it ended.

A search matches each word typed (diacritics ignored, "đ" as "d", as `core.text.fold` writes the stored names)
at the start of a word of the organization's name or of the name of an organization it lies or lay under; a
word of digits matches a whole word ("thon 1 tam thai" finds "Chi bộ thôn 1" of "Đảng bộ xã Tam Thái", not
"thôn 10"). The code, typed whole, names its organization.
"""

from datetime import date, timedelta
from typing import Any

from django import forms
from django.db.models import Case, CharField, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Concat
from django.utils import timezone

from dangvu.core.pickers import Lists, Option, PickerField, Source, picked_filter
from dangvu.core.text import fold, short_date, sort_key

from .models import OPEN_END, Ancestry, Kind, Organization, OrganizationName
from .queries import KIND_LEVEL, roots_for, visible_organizations

# Ancestors named by their committee ("Thành ủy Phủ Lý", "Tỉnh ủy Hà Nam"), as documents and people name them.
COMMITTEE_NAMED = (Kind.DISTRICT, Kind.PROVINCE)
CAPABILITIES = ("read", "write", "inspect", "publish", "accounts")  # those of accounts.scope
MAX_CODE = 64


def _padded() -> Concat:
    return Concat(Value(" "), F("name_folded"), Value(" "), output_field=CharField())


def _word(word: str) -> tuple[str, str]:
    """What the folded name must contain for one typed word: the word (which the trigram index answers on
    PostgreSQL) and, with the spaces around it, where it must stand."""
    return word, (f" {word} " if word.isdigit() else f" {word}")


def _named(among: QuerySet, word: str) -> QuerySet:
    plain, placed = _word(word)
    return among.alias(padded=_padded()).filter(name_folded__contains=plain, padded__contains=placed).values("pk")


def scope_day(scope, capability: str = "read") -> date:
    """The day the user's tree is shown: today, or the last day of their organizations when all have ended."""
    today = timezone.localdate()
    if scope.is_admin:
        return today
    ended = list(Organization.objects.filter(pk__in=scope.roots(capability)).values_list("dissolved_on", flat=True))
    if ended and all(ended):
        return min(today, max(day for day in ended if day) - timedelta(days=1))
    return today


def _valid(rows, on: date) -> list:
    return [r for r in rows if r[-2] <= on < r[-1]]


def _standing(org, mine: list, day: date) -> tuple[list[int], date, tuple[date, int] | None]:
    """Where an organization stood on `day` (or its last day, or the last day it stood under anything): the
    organizations above it, nearest first, that day, and (the day it moved, the parent before) if it moved."""
    on = day if org.dissolved_on is None else min(day, org.dissolved_on - timedelta(days=1))
    on = max(on, org.established_on)
    valid = _valid(mine, on)
    if not valid and mine:  # not yet (or no longer) under anything that day: the last place it stood
        on = min(max(r[-1] for r in mine), OPEN_END - timedelta(days=1)) - timedelta(days=1)
        valid = _valid(mine, on)
    chain = [ancestor for ancestor, _depth, _s, _e in sorted(valid, key=lambda r: r[1])]
    moved_from = None
    if valid:
        moved = max(r[2] for r in valid)  # the day the organization came to stand where it stands
        earlier = [r for r in _valid(mine, moved - timedelta(days=1)) if r[1] == 1]
        if earlier and earlier[0][0] != chain[0]:
            moved_from = (moved, earlier[0][0])
    return chain, on, moved_from


def _cut_at_roots(org, chain: list[int], roots: set[int]) -> list[int]:
    """The chain up to the highest organization of the user's scope (none above it is shown)."""
    if roots:
        tops = [i for i, pk in enumerate(chain) if pk in roots]
        if tops:
            return chain[: tops[-1] + 1]
        if org.pk in roots:
            return []
    return chain


def describe(scope, orgs, capability: str = "read") -> dict[int, Option]:
    """Each organization's `Option`: its name, the organizations above it up to the top of the user's scope,
    its kind and whether it has ended (a few queries for any number of organizations). One that was moved
    says where it stood before (the cells of wards merged in 2025 kept their names: "Chi bộ Công an" five times
    under one new ward, told apart by their old wards)."""
    orgs = list(orgs)
    if not orgs:
        return {}
    day = scope_day(scope, capability)
    roots = set() if scope.is_admin else set(scope.roots(capability))
    rows: dict[int, list[tuple[int, int, date, date]]] = {}
    for descendant, ancestor, depth, start, end in Ancestry.objects.filter(
        descendant_id__in=[o.pk for o in orgs], depth__gt=0
    ).values_list("descendant_id", "ancestor_id", "depth", "valid_from", "valid_to"):
        rows.setdefault(descendant, []).append((ancestor, depth, start, end))
    chains, days, before = {}, {}, {}
    for org in orgs:
        chain, on, moved_from = _standing(org, rows.get(org.pk, []), day)
        if moved_from:
            before[org.pk] = moved_from
        chains[org.pk], days[org.pk] = _cut_at_roots(org, chain, roots), on
    above = {pk for chain in chains.values() for pk in chain} | {parent for _d, parent in before.values()}
    kinds = dict(Organization.objects.filter(pk__in=above).values_list("pk", "kind"))
    names: dict[int, list[tuple[str, str, date, date]]] = {}
    for row in (
        OrganizationName.objects.filter(organization_id__in=above)
        .values_list("organization_id", "name", "committee_name", "valid_from", "valid_to")
        .order_by("valid_from")
    ):
        names.setdefault(row[0], []).append(row[1:])

    def name_of(pk: int, on: date, committee_named: bool = True) -> str:
        held = names.get(pk) or [("", "", on, on)]
        name, committee, _s, _e = (_valid(held, on) or [held[-1]])[0]
        return committee if committee_named and kinds.get(pk) in COMMITTEE_NAMED and committee else name

    described = {}
    for org in orgs:
        note = org.get_kind_display()
        if org.dissolved_on:
            note += f", đã kết thúc hoạt động từ ngày {short_date(org.dissolved_on)}"
        described[org.pk] = Option(
            value=org.code,
            name=org.name,
            note=note,
            ended=org.dissolved_on is not None,
            path=tuple(name_of(pk, days[org.pk]) for pk in chains[org.pk]),
        )
    for pk, option in described.items():
        if pk in before:
            moved, parent = before[pk]
            note = f"{option.note}; trước {short_date(moved)} thuộc {name_of(parent, moved - timedelta(days=1), False)}"
            described[pk] = Option(option.value, option.name, option.path, note, option.ended)
    return described


def label(scope, org: Organization, capability: str = "read") -> str:
    """ "Chi bộ Công an — Đảng bộ phường Minh Khai — Thành ủy Phủ Lý"."""
    return describe(scope, [org], capability)[org.pk].label


class OrganizationSource(Source):
    """The organizations of the user's scope for a capability, optionally of some kinds only and only those
    still working. `now_only` keeps to what lies under the user's organizations today (not what once did, as
    account management does); `anywhere` offers every organization of the system (a transfer goes to a cell of
    any province; the receiving side accepts it), still to signed-in users only."""

    url_name = "organization_pick"
    kind = "organization"
    noun = "tổ chức"
    more_hint = "gõ thêm tên tổ chức cấp trên (ví dụ tên xã, phường)"
    placeholder = "Gõ vài chữ của tên tổ chức hoặc cấp trên (không cần dấu)"

    def __init__(
        self,
        capability: str = "read",
        kinds=(),
        active_only: bool = False,
        anywhere: bool = False,
        now_only: bool = False,
    ):
        self.capability = capability if capability in CAPABILITIES else "read"
        self.kinds = tuple(k for k in kinds if k in Kind.values)
        self.active_only, self.anywhere, self.now_only = active_only, anywhere, now_only
        if anywhere:
            self.where = "trong hệ thống"

    @classmethod
    def from_params(cls, params) -> "OrganizationSource":
        kinds = [k for k in (params.get("loai") or "").split(",") if k]
        return cls(
            params.get("quyen") or "read",
            kinds,
            params.get("hoat_dong") == "1",
            params.get("pham_vi") == "tat-ca",
            params.get("hien_tai") == "1",
        )

    def params(self) -> dict[str, str]:
        params = {}
        if self.capability != "read":
            params["quyen"] = self.capability
        if self.kinds:
            params["loai"] = ",".join(self.kinds)
        if self.active_only:
            params["hoat_dong"] = "1"
        if self.anywhere:
            params["pham_vi"] = "tat-ca"
        if self.now_only:
            params["hien_tai"] = "1"
        return params

    def reach(self, scope) -> QuerySet:
        if self.anywhere and scope.user is not None and scope.user.is_authenticated:
            return Organization.objects.all()
        if self.now_only and not scope.is_admin:
            return Organization.objects.filter(
                pk__in=Ancestry.objects.filter(ancestor_id__in=scope.roots(self.capability), valid_to=OPEN_END).values(
                    "descendant_id"
                )
            )
        return visible_organizations(scope, self.capability)

    def offered(self, scope) -> QuerySet:
        found = self.reach(scope)
        if self.kinds:
            found = found.filter(kind__in=self.kinds)
        if self.active_only:
            found = found.filter(dissolved_on__isnull=True)
        return found

    def matching(self, scope, text: str) -> QuerySet:
        """The organizations offered whose names (their own or their ancestors') hold every word typed, with
        `own` 0 where their own name holds them all."""
        words = list(dict.fromkeys(fold(text).split()))[:8]
        found = self.offered(scope).alias(padded=_padded())
        # Only ancestors within the scope count: above its top every organization would match.
        among = self.reach(scope)
        own = Q()
        for word in words:
            plain, placed = _word(word)
            mine = Q(name_folded__contains=plain, padded__contains=placed)
            under = Q(
                pk__in=Ancestry.objects.filter(depth__gt=0, ancestor_id__in=_named(among, word)).values("descendant_id")
            )
            found = found.filter(mine | under)
            own &= mine
        if not words:
            return found.none()
        return found.annotate(own=Case(When(own, then=Value(0)), default=Value(1), output_field=IntegerField()))

    def value_of(self, obj) -> str:
        return obj.code

    def search(self, scope, text: str, limit: int) -> list[Organization]:
        level = Case(
            *[When(kind=k, then=Value(v)) for k, v in KIND_LEVEL.items()], default=Value(9), output_field=IntegerField()
        )
        day = scope_day(scope, self.capability)
        ended = Case(
            When(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=day), then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        found = list(
            self.matching(scope, text)
            .annotate(level=level, ended=ended)
            .order_by("own", "ended", "level", "sort_key", "pk")[:limit]
        )
        options = describe(scope, found, self.capability)
        # Among equal names, the one under the earlier-named parent first (the page itself is the database's).
        return sorted(found, key=lambda o: (o.own, o.ended, o.level, o.sort_key, sort_key(options[o.pk].label)))

    def exact(self, scope, text: str) -> Organization | None:
        """The organization of the code typed whole."""
        code = text.strip()
        if not code or len(code) > MAX_CODE or " " in code:
            return None
        return self.offered(scope).filter(code=code).first()

    def best(self, scope, text: str, matches: list) -> Organization | None:
        """The only match named by the text itself, or the only one whose own name holds every word typed
        ("quang trung" is the ward, not also the cells under it, which match by their parent's name)."""
        folded = " ".join(fold(text).split())
        named = [o for o in matches if o.name_folded == folded]
        if len(named) == 1:
            return named[0]
        own = [o for o in matches if getattr(o, "own", 1) == 0]
        return own[0] if len(own) == 1 else None

    def get(self, scope, values: list[str]) -> dict[str, Organization]:
        codes = [v for v in values if len(v) <= MAX_CODE]
        return {o.code: o for o in self.offered(scope).filter(code__in=codes)} if codes else {}

    def refusal(self, scope, value: str) -> str:
        seen = (
            (self.reach(scope) | visible_organizations(scope)).filter(code=value).first()
            if len(value) <= MAX_CODE
            else None
        )
        if seen is None:
            return f"Không tìm thấy tổ chức “{value}” {self.where}."
        if self.kinds and seen.kind not in self.kinds:
            allowed = ", ".join(Kind(k).label.lower() for k in self.kinds)
            return f"{seen.name} là {seen.get_kind_display().lower()}: ở đây chỉ chọn {allowed}."
        if self.active_only and seen.dissolved_on:
            return (
                f"{seen.name} đã kết thúc hoạt động từ ngày {short_date(seen.dissolved_on)}: chọn một tổ chức "
                "đang hoạt động."
            )
        return f"Bạn không có quyền chọn {seen.name} ở đây."

    def options(self, scope, objects: list) -> list[Option]:
        described = describe(scope, objects, self.capability)
        return [described[o.pk] for o in objects]


# The lists a form's organization picker may offer (admission registers a cell's deciding committees).
LISTS = Lists()
register_list = LISTS.register


def listed_organizations(scope, key: str) -> QuerySet:
    """The organizations of the list `key` ("cap-uy-ket-nap:12") for the endpoint; none when it cannot be read
    or seen."""
    return LISTS.read(scope, key, Organization.objects.none())


class ListedOrganizationSource(OrganizationSource):
    """The organizations of a list a view computes (the committees that stood above a candidate's cell, which
    may lie above the user's scope): only they are offered and found, shown with their path as every chooser
    shows it. With a `key` naming the list (see `LISTS`) the endpoint answers over the same list."""

    def __init__(self, organizations: QuerySet, where: str = "trong danh sách có thể chọn", key: str = ""):
        super().__init__("read")
        self.organizations, self.where, self.key = organizations, where, key
        self.url_name = "organization_pick" if key else ""

    def params(self) -> dict[str, str]:
        return {"danh_sach": self.key} if self.key else {}

    def reach(self, scope) -> QuerySet:
        return self.organizations

    def refusal(self, scope, value: str) -> str:
        return f"Không tìm thấy tổ chức đã chọn {self.where}."


def listed_organization_field(label: str, *, required: bool = True, **kwargs) -> PickerField:
    """An organization picker whose list the form gives later (`limit_organizations`)."""
    return PickerField(ListedOrganizationSource(Organization.objects.none()), label=label, required=required, **kwargs)


def limit_organizations(
    form, organizations: QuerySet, *names: str, where: str = "trong danh sách có thể chọn", key: str = ""
) -> None:
    """Let the pickers `names` of a form choose among `organizations` only (`where` says which, in messages;
    `key` names the registered list the type-ahead reads)."""
    for name in names:
        if name in form.fields:
            form.fields[name].use(ListedOrganizationSource(organizations, where, key))


def organization_field(
    label: str,
    *,
    capability: str = "read",
    kinds=(),
    active_only: bool = False,
    anywhere: bool = False,
    now_only: bool = False,
    multiple: bool = False,
    required: bool = True,
    **kwargs,
) -> PickerField:
    """A form field choosing an organization of the user's scope by name (see `OrganizationSource`)."""
    return PickerField(
        OrganizationSource(capability, kinds, active_only, anywhere, now_only),
        label=label,
        multiple=multiple,
        required=required,
        **kwargs,
    )


def organization_filter(
    request, scope, *, label: str = "Tổ chức (gồm cả cấp dưới)", first_root: bool = False, params=None
) -> tuple[Any, forms.BoundField]:
    """The organization a list page is filtered by (`?to_chuc=`, picked by name), and its picker: none asked
    is none, or with `first_root` the user's own organization (the first of their mandates)."""
    default = roots_for(scope).first() if first_root else None
    return picked_filter(request, scope, OrganizationSource(), label=label, default=default, params=params)
