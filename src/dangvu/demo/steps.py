"""The steps that build the Phủ Lý 2020 demo, one function each, all through the actions of the apps.

A step is `step(rng, ctx)`: `rng` is a random generator seeded from the demo seed and the step's name (so a
step added later never changes what the earlier steps draw), `ctx` the shared `Context` the steps fill and
read. Later parts of the system (congresses, inspections, courses, meetings, news) add their own steps to
`STEPS` in `loader.py`.

The four real people of the seed article are recorded with their names and the titles the article gives
them, nothing else: no birth date, no identity number, no gender. Their posts start on 08/10/2020, the day
the article attests, except the secretary's and the standing deputy's, which start at the first meeting of
the new city committee (28/07/2020), where the article says those posts were elected. No end is recorded
for them: the posts end with the organizations on 01/07/2025. Every other person is invented.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TextIO

from dangvu.accounts import actions as account_actions
from dangvu.accounts.models import Role
from dangvu.core import audit
from dangvu.core.errors import RuleViolation
from dangvu.members import actions as member_actions
from dangvu.members.audit_actions import MembersAudit
from dangvu.members.bulk import MemberSpec
from dangvu.members.models import Member, Person
from dangvu.organizations import actions as org_actions
from dangvu.organizations import queries as org_queries
from dangvu.organizations.actions import NameSpec
from dangvu.organizations.models import Body, Kind, Organization, Post, Sector

from . import orgdata, people
from .bulk import Arrival, record_members
from .orgdata import CITY_2008, CITY_RENAMED, REORGANIZED, CellSpec, OrgSpec
from .people import HORIZON, MemberPlan

TERM_2015, TERM_2020 = "2015–2020", "2020–2025"
# The last days of the city congresses: the 22nd (invented; `work.demo` holds it on 14–16/07/2015) and the
# 23rd (26–28/07/2020), after which the new committee met and elected its posts.
CITY_CONGRESS_2015 = date(2015, 7, 16)
CITY_CONGRESS_2020 = date(2020, 7, 28)
COUNCIL_2016, COUNCIL_2021 = date(2016, 6, 28), date(2021, 6, 25)  # invented first sessions of the councils
CONFERENCE = date(2020, 10, 8)
MANDATES_FROM = date(2015, 1, 1)


@dataclass
class Context:
    """What the steps share: the seed, the output, and the records made so far, by demo key."""

    seed: int
    stdout: TextIO | None = None
    actor: object = None  # None: the system itself
    org_specs: list[OrgSpec] = field(default_factory=list)
    cells: list[CellSpec] = field(default_factory=list)
    orgs: dict[str, Organization] = field(default_factory=dict)
    plans: list[MemberPlan] = field(default_factory=list)
    members: dict[int, Member] = field(default_factory=dict)  # plan index -> member
    persons: dict[str, Person] = field(default_factory=dict)  # role key -> person
    logins: list[tuple[str, str, str, str]] = field(default_factory=list)  # user, password, role, scope
    shared: dict = field(default_factory=dict)  # what steps answer for later steps (e.g. "city_congress")

    def log(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message + "\n")

    def person_of(self, role: str) -> Person:
        return self.persons[role]


def _names(spec: OrgSpec) -> NameSpec:
    return NameSpec(
        name=spec.name,
        committee_name=spec.committee_name,
        committee_short=spec.committee_short,
        locality=spec.locality,
        place=spec.place,
    )


def _establish(ctx: Context, spec: OrgSpec) -> Organization:
    org = org_actions.establish(
        ctx.actor,
        code=spec.code,
        kind=spec.kind,
        names=_names(spec),
        on=spec.established_on,
        parent=ctx.orgs[spec.parent] if spec.parent else None,
        sector=spec.sector,
        committee_code=spec.committee_code,
        decision_number=spec.decision_number,
    )
    ctx.orgs[spec.code] = org
    return org


# Organizations -------------------------------------------------------------------------------------------


def organizations(rng: random.Random, ctx: Context) -> None:
    """The province, the city (a town until 2008), the 67 grassroots organizations and their cells."""
    _establish(ctx, orgdata.PROVINCE)
    _establish(ctx, orgdata.CITY_1997)
    org_actions.rename(ctx.actor, ctx.orgs["phuly"], on=CITY_RENAMED, names=_names(CITY_2008))
    ctx.org_specs, ctx.cells = orgdata.organization_specs(rng)
    for spec in ctx.org_specs:
        _establish(ctx, spec)
    for cell in ctx.cells:
        if cell.org.code not in ctx.orgs:
            _establish(ctx, cell.org)
    ctx.log(f"  {len(ctx.org_specs)} tổ chức cơ sở đảng, {len(ctx.cells)} chi bộ")


# Members -------------------------------------------------------------------------------------------------


def _spec(plan: MemberPlan, cell: Organization) -> MemberSpec:
    return MemberSpec(
        organization=cell,
        admitted_on=plan.admitted_on,
        official_on=plan.official_on,
        card_number=plan.card_number,
        **plan.person,
    )


def members(rng: random.Random, ctx: Context) -> None:
    """About 8,000 invented members, recorded in bulk with the rules of `create_member`."""
    ctx.plans = people.member_plans(rng, ctx.cells)
    specs = [_spec(plan, ctx.orgs[plan.cell]) for plan in ctx.plans]
    arrivals = [Arrival(plan.arrived_on, plan.from_unit) if plan.arrived_on else None for plan in ctx.plans]
    recorded = record_members(ctx.actor, specs, arrivals, today=HORIZON)
    for plan, member in zip(ctx.plans, recorded, strict=True):
        ctx.members[plan.index] = member
        if plan.role:
            ctx.persons[plan.role] = member.person
    ctx.log(f"  {len(recorded)} đảng viên")


def member_histories(rng: random.Random, ctx: Context) -> None:
    """What happened to the members afterwards: transfers, retirement, exemption, leaving, death."""
    count = 0
    for plan in ctx.plans:
        member = ctx.members[plan.index]
        for event in plan.events:
            if event.kind == "transfer":
                member_actions.transfer(ctx.actor, member, on=event.on, to=ctx.orgs[event.to_cell])
            elif event.kind == "transfer_out":
                member_actions.transfer(ctx.actor, member, on=event.on, other_unit=event.other_unit)
            elif event.kind == "exempt":
                member_actions.exempt(ctx.actor, member, on=event.on, reason="age_health")
            else:
                member_actions.leave(ctx.actor, member, on=event.on, reason=event.reason)
            count += 1
    ctx.log(f"  {count} sự kiện sau kết nạp")


# People without membership -------------------------------------------------------------------------------


def record_person(actor, *, family_name: str, middle_name: str, given_name: str) -> Person:
    """A person known only by name (an official named in a source), recorded with an audit event."""
    data = member_actions.clean_person_data(
        {"family_name": family_name, "middle_name": middle_name, "given_name": given_name}
    )
    if not data["family_name"] or not data["given_name"]:
        raise RuleViolation("Họ và tên không được để trống.", "given_name")
    person = Person.objects.create(**data)
    audit.record(actor, MembersAudit.PERSON_CREATE, person)
    return person


# Positions -----------------------------------------------------------------------------------------------


def _assign(
    ctx: Context,
    person: Person,
    org: Organization,
    body: str,
    post: str,
    start: date,
    end: date | None = None,
    term: str = "",
    department: str = "",
    label: str = "",
) -> None:
    org_actions.assign_position(
        ctx.actor,
        person=person,
        organization=org,
        body=body,
        post=post,
        valid_from=start,
        valid_to=end,
        term=term,
        department=department,
        label=label,
    )


# The 2015–2020 term: (role key, body, post). Secretaries are named by their own posts; the other members
# of the standing committee sit in the executive committee too, as the elections make them.
TERM_2015_POSTS = [
    ("secretary_2015", Body.PERMANENT, Post.SECRETARY),
    ("standing_deputy_2015", Body.PERMANENT, Post.STANDING_DEPUTY_SECRETARY),
    ("deputy_2015", Body.PERMANENT, Post.DEPUTY_SECRETARY),
    ("inspection_chair", Body.INSPECTION_COMMITTEE, Post.INSPECTION_CHAIR),
    ("inspection_deputy_1", Body.INSPECTION_COMMITTEE, Post.INSPECTION_DEPUTY),
    ("inspection_member_1", Body.INSPECTION_COMMITTEE, Post.MEMBER),
    ("inspection_member_2", Body.INSPECTION_COMMITTEE, Post.MEMBER),
]
TERM_2015_STANDING = [
    "organization_head",
    "inspection_chair",
    "propaganda_head_2015",
    "mobilization_head",
    "front_chair",
    "vice_chair_pc_1",
    "police_chief",
    "military_chief",
]
TERM_2015_EXECUTIVE_ONLY = ["office_chief_2015", "inspection_deputy_1"]
# Posts of the 2020–2025 term elected at the first meeting that the demo fixes before `work.demo` records
# the rest of the election (which carries the posts held on that day into the term).
TERM_2020_FIXED = [
    ("deputy_2020", Body.PERMANENT, Post.DEPUTY_SECRETARY),
    ("inspection_chair", Body.INSPECTION_COMMITTEE, Post.INSPECTION_CHAIR),
]
# Department heads and state posts, with their own dates: (role, body, post, department, from, to).
APPOINTMENTS = [
    ("organization_head", Body.DEPARTMENT, Post.HEAD, "Ban Tổ chức", date(2014, 3, 1), None),
    ("propaganda_head_2015", Body.DEPARTMENT, Post.HEAD, "Ban Tuyên giáo", date(2013, 9, 1), date(2020, 8, 3)),
    ("propaganda_head_2020", Body.DEPARTMENT, Post.HEAD, "Ban Tuyên giáo", date(2020, 8, 3), None),
    ("mobilization_head", Body.DEPARTMENT, Post.HEAD, "Ban Dân vận", date(2015, 8, 10), None),
    ("office_chief_2015", Body.DEPARTMENT, Post.HEAD, "Văn phòng", date(2012, 3, 1), date(2019, 11, 1)),
    ("office_chief_2020", Body.DEPARTMENT, Post.HEAD, "Văn phòng", date(2019, 11, 1), None),
    ("deputy_2015", Body.STATE, Post.PEOPLES_COMMITTEE_CHAIR, "", COUNCIL_2016, date(2020, 8, 14)),
    ("deputy_2020", Body.STATE, Post.PEOPLES_COMMITTEE_CHAIR, "", date(2020, 8, 14), None),
    ("vice_chair_pc_1", Body.STATE, Post.PEOPLES_COMMITTEE_VICE_CHAIR, "", COUNCIL_2016, None),
    ("vice_chair_pc_2", Body.STATE, Post.PEOPLES_COMMITTEE_VICE_CHAIR, "", COUNCIL_2021, None),
    ("vice_chair_council", Body.STATE, Post.COUNCIL_VICE_CHAIR, "", COUNCIL_2016, None),
]


def city_committee(rng: random.Random, ctx: Context) -> None:
    """Thành ủy Phủ Lý: the 2015–2020 term, the first posts of 2020–2025, the departments and state posts.

    The rest of the 2020–2025 election (BCH, BTV, UBKT) is recorded by `work_records` with the city congress.
    The ward secretaries sit in the 2015–2020 executive committee. Open posts end with the city in 2025.
    """
    city = ctx.orgs["phuly"]
    start, end = CITY_CONGRESS_2015, CITY_CONGRESS_2020
    for body in (Body.EXECUTIVE, Body.STANDING, Body.PERMANENT, Body.INSPECTION_COMMITTEE):
        org_actions.open_committee_term(ctx.actor, city, body, TERM_2015, start)
    for role, body, post in TERM_2015_POSTS:
        _assign(ctx, ctx.person_of(role), city, body, post, start, end, term=TERM_2015)
    ward_secretaries = sorted(k for k in ctx.persons if k.startswith("ward_secretary:"))
    for role in TERM_2015_STANDING:
        _assign(ctx, ctx.person_of(role), city, Body.STANDING, Post.MEMBER, start, end, term=TERM_2015)
    for role in [*TERM_2015_STANDING, *TERM_2015_EXECUTIVE_ONLY, *ward_secretaries]:
        _assign(ctx, ctx.person_of(role), city, Body.EXECUTIVE, Post.MEMBER, start, end, term=TERM_2015)
    for role, body, post in TERM_2020_FIXED:
        _assign(ctx, ctx.person_of(role), city, body, post, CITY_CONGRESS_2020, term=TERM_2020)
    for role, body, post, department, since, until in APPOINTMENTS:
        _assign(ctx, ctx.person_of(role), city, body, post, since, until, department=department)


def work_records(rng: random.Random, ctx: Context) -> None:
    """Congresses and the city election of 2020, inspections, supervisions, disciplines, courses (`work.demo`)."""
    from dangvu.work.demo import load_work_records

    answers = load_work_records(
        rng,
        {
            "actor": ctx.actor,
            "phuly": ctx.orgs["phuly"],
            "grassroots": [ctx.orgs[spec.code] for spec in ctx.org_specs],
            "cells": [ctx.orgs[cell.org.code] for cell in ctx.cells],
            "members": [ctx.members[plan.index] for plan in ctx.plans],
        },
    )
    ctx.shared.update(answers)


def badges(rng: random.Random, ctx: Context) -> None:
    """Party-age badges of 2019–2021: on each award day the city awards every member the due list names."""
    from types import SimpleNamespace

    from dangvu.accounts.scope import Scope
    from dangvu.core import rules
    from dangvu.work.actions.badges import record_badges
    from dangvu.work.queries import badges_due

    everything = Scope(user=SimpleNamespace(is_superuser=True))  # the system reads the whole city
    city, awarded = ctx.orgs["phuly"], 0
    for year in (2019, 2020, 2021):
        for number, (month, day) in enumerate(rules.param("badge.award_days", date(year, 1, 1)), start=1):
            on = date(year, month, day)
            due = badges_due(everything, city, on)
            if due:
                record_badges(
                    ctx.actor,
                    [(d.member, d.years) for d in due],
                    on=on,
                    decision_number=f"{number + 10 * (year - 2018)}-QĐ/TU",
                )
                awarded += len(due)
    ctx.log(f"  {awarded} lượt trao Huy hiệu Đảng")


def article_people(rng: random.Random, ctx: Context) -> None:
    """The four officials named in the article of 09/10/2020, with the titles it gives them."""
    province, city = ctx.orgs["hanam"], ctx.orgs["phuly"]

    def person(key: str, family: str, middle: str, given: str) -> Person:
        ctx.persons[key] = record_person(ctx.actor, family_name=family, middle_name=middle, given_name=given)
        return ctx.persons[key]

    def post(who: Person, org: Organization, body: str, post_: str, start: date = CONFERENCE, **extra) -> None:
        _assign(ctx, who, org, body, post_, start, **extra)

    son = person("article:tran_thanh_son", "Trần", "Thanh", "Sơn")
    post(son, province, Body.DEPARTMENT, Post.DEPUTY_HEAD, department="Ban Tổ chức")
    thuy = person("article:pham_thi_thuy", "Phạm", "Thị", "Thủy")
    post(thuy, province, Body.DEPARTMENT, Post.DEPUTY_HEAD, department="Ban Dân vận", label="Phó Ban Dân vận Tỉnh ủy")
    chuc = person("article:nguyen_anh_chuc", "Nguyễn", "Anh", "Chức")
    post(chuc, province, Body.STANDING, Post.MEMBER)
    post(chuc, city, Body.PERMANENT, Post.SECRETARY, CITY_CONGRESS_2020, term=TERM_2020)
    post(chuc, city, Body.STATE, Post.COUNCIL_CHAIR)
    thong = person("article:pham_chi_thong", "Phạm", "Chí", "Thống")
    post(thong, city, Body.PERMANENT, Post.STANDING_DEPUTY_SECRETARY, CITY_CONGRESS_2020, term=TERM_2020)


# Secretaries of the grassroots organizations and their cells ---------------------------------------------


def _stays(plan: MemberPlan, cells: set[str], start: date, until: date) -> bool:
    """The member sits in one of `cells` from `start` to `until`, official, with nothing happening between."""
    return (
        plan.official_by(start)
        and plan.cell_on(start) in cells
        and not plan.role
        and all(e.on > until for e in plan.events)
        and plan.person["birth_date"].year >= 1950
    )


def _pick(rng: random.Random, plans: list[MemberPlan], cells: set[str], start: date, until: date) -> MemberPlan | None:
    candidates = [p for p in plans if _stays(p, cells, start, until)]
    return rng.choice(candidates) if candidates else None


def grassroots_leaders(rng: random.Random, ctx: Context) -> None:
    """Secretaries of the 67 grassroots organizations (2020–2025) and of every cell (2020–2022, 2022–2025);
    the deputy secretary of each ward also chairs its People's Committee.

    A grassroots organization elects at its 2020 congress (recorded by `work_records`) through
    `work.actions.record_election`; without a congress record the posts are assigned directly."""
    from dangvu.work import actions as work_actions
    from dangvu.work.models import Congress

    plans_in: dict[str, list[MemberPlan]] = {}
    for plan in ctx.plans:
        plans_in.setdefault(plan.cell, []).append(plan)
    cells_of: dict[str, set[str]] = {}
    for cell in ctx.cells:
        top = cell.org.parent if cell.org.kind == Kind.CELL else cell.org.code
        cells_of.setdefault(top, set()).add(cell.org.code)

    def person(plan: MemberPlan | None) -> Person | None:
        return ctx.members[plan.index].person if plan else None

    congresses = {
        c.organization_id: c
        for c in Congress.objects.filter(
            organization__in=[ctx.orgs[spec.code] for spec in ctx.org_specs], term=TERM_2020
        )
    }
    count = 0
    for spec in ctx.org_specs:
        org = ctx.orgs[spec.code]
        congress = congresses.get(org.pk)
        on = congress.held_end if congress else date(2020, 5, 15)
        if spec.sector == Sector.WARD_COMMUNE:
            chair = ctx.person_of(people.ward_leader_key("ward_chair", spec.code))
            elected = [
                (ctx.person_of(people.ward_leader_key("ward_secretary", spec.code)), Body.PERMANENT, Post.SECRETARY),
                (chair, Body.PERMANENT, Post.DEPUTY_SECRETARY),
            ]
            _assign(ctx, chair, org, Body.STATE, Post.PEOPLES_COMMITTEE_CHAIR, on)
        else:
            body = Body.CELL_COMMITTEE if spec.kind == Kind.GRASSROOTS_CELL else Body.PERMANENT
            candidates = [p for code in sorted(cells_of[spec.code]) for p in plans_in.get(code, [])]
            secretary = person(_pick(rng, candidates, cells_of[spec.code], on, HORIZON))
            elected = [(secretary, body, Post.SECRETARY)] if secretary else []
        if congress is not None and elected:
            work_actions.record_election(ctx.actor, congress, elected, on)
        for who, body, post in elected if congress is None else ():
            org_actions.open_committee_term(ctx.actor, org, body, TERM_2020, on)
            _assign(ctx, who, org, body, post, on, term=TERM_2020)
        count += bool(elected)
    for cell in ctx.cells:
        if cell.org.kind != Kind.CELL:
            continue
        org, here, codes = ctx.orgs[cell.org.code], plans_in.get(cell.org.code, []), {cell.org.code}
        first = date(2019, 11, 1) + timedelta(days=rng.randint(0, 120))
        second = date(2022, 5, 1) + timedelta(days=rng.randint(0, 120))
        earlier = _pick(rng, here, codes, first, second)
        later = _pick(rng, here, codes, second, HORIZON)
        stays = earlier is not None and all(e.on > HORIZON for e in earlier.events)
        if stays and (later is None or rng.random() < 0.6):
            later = earlier
        for term, start, end, plan in (("2020–2022", first, second, earlier), ("2022–2025", second, None, later)):
            if plan is not None:
                _assign(ctx, person(plan), org, Body.CELL_COMMITTEE, Post.SECRETARY, start, end, term=term)
                count += 1
    ctx.log(f"  {count} bí thư chi bộ, đảng ủy cơ sở")


# The reorganization of 01/07/2025 ------------------------------------------------------------------------


def reorganization_2025(rng: random.Random, ctx: Context) -> None:
    """The district level ends: five new wards of the merged province of Ninh Bình take its place. The old
    wards' and communes' committees end, merged into the new ward's committee (their cells go under it); the
    other grassroots organizations go under the new wards; the posts of the city and of the old province end
    with them."""
    _establish(ctx, orgdata.NEW_PROVINCE)
    for spec in orgdata.NEW_WARDS:
        _establish(ctx, spec)
    by_ward: dict[str, list[Organization]] = {}
    for spec in ctx.org_specs:
        if spec.sector == Sector.WARD_COMMUNE:
            by_ward.setdefault(spec.ward_2025, []).append(ctx.orgs[spec.code])
        else:
            org_actions.move(ctx.actor, ctx.orgs[spec.code], ctx.orgs[spec.ward_2025], on=REORGANIZED)
    for ward, merged in by_ward.items():
        org_actions.merge(ctx.actor, merged, ctx.orgs[ward], on=REORGANIZED)
        for org in merged:
            org.refresh_from_db()
    for code in ("phuly", "hanam"):
        for position in org_queries.positions_of(ctx.orgs[code]).filter(valid_from__lt=REORGANIZED):
            org_actions.end_position(ctx.actor, position, on=REORGANIZED)
    org_actions.dissolve(ctx.actor, ctx.orgs["phuly"], on=REORGANIZED)
    org_actions.merge(ctx.actor, [ctx.orgs["hanam"]], ctx.orgs["ninhbinh"], on=REORGANIZED)
    for code in ("phuly", "hanam"):
        ctx.orgs[code].refresh_from_db()


# Users ---------------------------------------------------------------------------------------------------

DEMO_CELL = "pl-quangtrung-tdp01"


def demo_password(username: str) -> str:
    return f"demo-{username}-2020"


def _login(
    ctx: Context, username: str, role: str, org: Organization, person: Person | None, superuser: bool = False
) -> None:
    password = demo_password(username)
    full_name = person.full_name if person else "Quản trị hệ thống"
    user = account_actions.create_user(
        ctx.actor, username=username, password=password, full_name=full_name, is_superuser=superuser
    )
    account_actions.grant_mandate(ctx.actor, user, role=role, organization=org, valid_from=MANDATES_FROM, person=person)
    ctx.logins.append((username, password, Role(role).label, org.name))


def users(rng: random.Random, ctx: Context) -> None:
    """One demo user per role, with a fixed password (printed by the command and the README)."""
    city, cell = ctx.orgs["phuly"], ctx.orgs[DEMO_CELL]
    secretary = cell.positions.filter(body=Body.CELL_COMMITTEE, post=Post.SECRETARY).order_by("-valid_from").first()
    secretary_person = secretary.person if secretary else None
    member = next(
        ctx.members[p.index].person
        for p in ctx.plans
        if p.cell == DEMO_CELL and not p.events and not p.role and ctx.members[p.index].person != secretary_person
    )
    _login(ctx, "admin", Role.ADMIN, ctx.orgs["hanam"], None, superuser=True)
    _login(ctx, "vanphong", Role.OFFICE, city, ctx.person_of("office_staff"))
    _login(ctx, "kiemtra", Role.INSPECTION, city, ctx.person_of("inspection_staff"))
    _login(ctx, "lanhdao", Role.LEADER, city, ctx.person_of("deputy_2020"))
    _login(ctx, "bithuchibo", Role.CELL_SECRETARY, cell, secretary_person)
    _login(ctx, "dangvien", Role.MEMBER, cell, member)
