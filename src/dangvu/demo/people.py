"""The invented members of the demo, planned as plain data: person, membership dates and later events.

`member_plans(rng, cells)` is a pure function of the random generator and the cell specs: it touches no
database, so tests can compute it twice and compare. Each plan holds what `members.actions` needs: the
person's details (with a citizen ID valid for the birth year and gender), the admission and official dates
(admitted at 18 to 60, official 12 months later unless still on probation at the horizon), a card number for
official members, where the member came from when admitted elsewhere, and the dated events that follow
(retirement to a residential cell, other transfers, exemption, leaving, death), in order.

Ages follow the kind of cell: residential groups hold many retirees and veterans, agencies and schools
people of working age who retire into the wards, the police and the army young men admitted early.
"""

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from dangvu.members.models import LeftReason
from dangvu.members.rules import PROVINCE_CODES, add_months, admission_age_errors, citizen_id_digit

from .names import draw_name
from .orgdata import TREE_START, CellSpec

# The demo's "now": the last date the plans may use, fixed so that the data do not depend on the day of loading.
HORIZON = date(2026, 9, 30)
EARLIEST_ADMISSION = date(1960, 1, 1)
PROBATION_MONTHS = 12

# Share of women, by the kind of cell.
FEMALE_SHARE = {
    "residential": 0.42,
    "ward_office": 0.40,
    "police": 0.12,
    "military": 0.04,
    "school": 0.78,
    "health": 0.62,
    "agency": 0.45,
    "enterprise": 0.38,
}
# Chance that a member was admitted in this very cell (otherwise transferred in from elsewhere).
ADMITTED_HERE = {
    "residential": 0.55,
    "ward_office": 0.6,
    "police": 0.3,
    "military": 0.4,
    "school": 0.55,
    "health": 0.5,
    "agency": 0.5,
    "enterprise": 0.6,
}
WORKING_PROFILES = ("ward_office", "police", "military", "school", "health", "agency", "enterprise")
# Retirement ages (men, women), simplified: the 2021 gradual increase is ignored.
RETIREMENT_AGE = {"police": (57, 55), "military": (57, 55)}
DEFAULT_RETIREMENT_AGE = (60, 55)

# Where members admitted outside the city came from, by profile.
OUTSIDE_UNITS = {
    "residential": [
        "Đảng bộ Quân sự tỉnh Hà Nam",
        "Đảng bộ huyện Thanh Liêm",
        "Đảng bộ huyện Kim Bảng",
        "Đảng bộ huyện Bình Lục",
        "Đảng bộ huyện Lý Nhân",
        "Đảng bộ huyện Duy Tiên",
        "Đảng bộ tỉnh Nam Định",
        "Đảng bộ Khối các cơ quan tỉnh Hà Nam",
        "Đảng bộ Quân khu 3",
    ],
    "police": [
        "Đảng bộ Công an tỉnh Hà Nam",
        "Đảng bộ Học viện Cảnh sát nhân dân",
        "Đảng bộ Trường Đại học Cảnh sát nhân dân",
    ],
    "military": ["Đảng bộ Quân sự tỉnh Hà Nam", "Đảng bộ Quân khu 3", "Đảng bộ Sư đoàn 395"],
    "school": [
        "Đảng bộ Trường Đại học Sư phạm Hà Nội",
        "Đảng bộ Trường Cao đẳng Sư phạm Hà Nam",
        "Đảng bộ huyện Thanh Liêm",
        "Đảng bộ huyện Kim Bảng",
    ],
    "health": [
        "Đảng bộ Trường Đại học Y Thái Bình",
        "Đảng bộ Bệnh viện Đa khoa tỉnh Hà Nam",
        "Đảng bộ Trường Đại học Điều dưỡng Nam Định",
    ],
}
DEFAULT_OUTSIDE_UNITS = [
    "Đảng bộ Khối các cơ quan tỉnh Hà Nam",
    "Đảng bộ Khối Doanh nghiệp tỉnh Hà Nam",
    "Đảng bộ huyện Duy Tiên",
    "Đảng bộ huyện Bình Lục",
    "Đảng bộ Trường Đại học Kinh tế Quốc dân",
]
BEFORE_1997_UNIT = "Đảng bộ tỉnh Nam Hà"
MOVED_AWAY_UNITS = [
    "Đảng bộ thành phố Nam Định",
    "Đảng bộ huyện Kim Bảng",
    "Đảng bộ huyện Thanh Liêm",
    "Đảng bộ quận Hà Đông, thành phố Hà Nội",
    "Đảng bộ thị xã Duy Tiên",
    "Đảng bộ huyện Bình Lục",
]

CITIZEN_ID_PROVINCES = {"035": 86, "036": 4, "037": 3, "034": 2, "001": 2, "038": 1.5, "033": 1.5}
HA_NAM_DISTRICTS = [
    "thành phố Phủ Lý",
    "huyện Thanh Liêm",
    "huyện Kim Bảng",
    "huyện Duy Tiên",
    "huyện Bình Lục",
    "huyện Lý Nhân",
]
PROFESSIONS = {
    "residential": ["", "", "Trung cấp Kế toán", "Trung cấp Nông nghiệp", "Cử nhân Kinh tế", "Kỹ sư Nông nghiệp"],
    "ward_office": [
        "Cử nhân Luật",
        "Cử nhân Hành chính",
        "Cử nhân Kế toán",
        "Kỹ sư Quản lý đất đai",
        "Trung cấp Văn thư",
    ],
    "police": ["Cử nhân An ninh", "Cử nhân Cảnh sát", "Trung cấp Cảnh sát"],
    "military": ["Cử nhân Quân sự", "Trung cấp Quân sự", "Cao đẳng Quân sự"],
    "school": [
        "Cử nhân Sư phạm Toán",
        "Cử nhân Sư phạm Ngữ văn",
        "Cử nhân Sư phạm Tiếng Anh",
        "Cử nhân Giáo dục Tiểu học",
        "Cao đẳng Sư phạm Mầm non",
        "Thạc sĩ Quản lý giáo dục",
        "Cử nhân Sư phạm Vật lý",
        "Cử nhân Sư phạm Lịch sử",
    ],
    "health": ["Bác sĩ đa khoa", "Bác sĩ chuyên khoa I", "Điều dưỡng", "Dược sĩ", "Cử nhân Y tế công cộng", "Y sĩ"],
    "agency": [
        "Cử nhân Luật",
        "Cử nhân Kinh tế",
        "Cử nhân Hành chính",
        "Kỹ sư Xây dựng",
        "Cử nhân Kế toán",
        "Thạc sĩ Quản lý công",
        "Kỹ sư Quản lý đất đai",
    ],
    "enterprise": [
        "Kỹ sư Cơ khí",
        "Cử nhân Kế toán",
        "Kỹ sư Điện",
        "Trung cấp Kỹ thuật",
        "Công nhân kỹ thuật",
        "Cử nhân Quản trị kinh doanh",
    ],
}
OCCUPATIONS = {
    "ward_office": "Cán bộ, công chức",
    "police": "Công an",
    "military": "Quân nhân",
    "school": "Giáo viên",
    "health": "Viên chức y tế",
    "agency": "Công chức, viên chức",
    "enterprise": "Người lao động",
}
RESIDENT_OCCUPATIONS = ["Kinh doanh", "Lao động tự do", "Công nhân", "Làm ruộng", "Tiểu thủ công nghiệp"]
THEORY_LEVELS = {"": 20, "Sơ cấp": 50, "Trung cấp": 22, "Cao cấp": 6, "Cử nhân": 2}


@dataclass
class PlanEvent:
    """One later event of a membership: `kind` is transfer, transfer_out, exempt or leave."""

    on: date
    kind: str
    to_cell: str = ""
    other_unit: str = ""
    reason: str = ""


@dataclass
class MemberPlan:
    """Everything needed to record one invented member through the members actions."""

    index: int
    cell: str
    profile: str
    person: dict
    admitted_on: date
    official_on: date | None
    arrived_on: date | None = None  # when admitted elsewhere: the day the member joined this cell
    from_unit: str = ""
    card_number: str | None = None
    events: list[PlanEvent] = field(default_factory=list)
    role: str = ""  # a leader slot (see LEADER_SLOTS) or empty

    @property
    def joined_on(self) -> date:
        return self.arrived_on or self.admitted_on

    @property
    def full_name(self) -> str:
        return " ".join(
            p for p in (self.person["family_name"], self.person["middle_name"], self.person["given_name"]) if p
        )

    def cell_on(self, day: date) -> str | None:
        """The cell the member is registered in on a date (None before joining or after leaving)."""
        if day < self.joined_on:
            return None
        cell = self.cell
        for event in self.events:
            if event.on > day:
                break
            if event.kind == "transfer":
                cell = event.to_cell
            elif event.kind in ("transfer_out", "leave"):
                return None
        return cell

    def official_by(self, day: date) -> bool:
        return self.official_on is not None and self.official_on <= day


def _birthday(year: int, rng: random.Random) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def _anniversary(born: date, years: int) -> date:
    return add_months(born, years * 12)


def _between(rng: random.Random, start: date, end: date) -> date:
    """A random day in [start, end] (start when the range is empty)."""
    span = (end - start).days
    return start + timedelta(days=rng.randint(0, span)) if span > 0 else start


def _birth_year(rng: random.Random, profile: str) -> int:
    if profile == "residential":
        return int(rng.triangular(1922, 2002, 1952))
    if profile in ("police", "military"):
        return rng.randint(1966, 2002)
    if profile == "ward_office":
        return rng.randint(1962, 1999)
    return rng.randint(1958, 2001)


def _admission_age_months(rng: random.Random, profile: str) -> int:
    if profile in ("police", "military") or (profile == "residential" and rng.random() < 0.45):
        return rng.randint(18 * 12 + 1, 26 * 12)
    if profile == "residential":
        return rng.randint(26 * 12, 52 * 12)
    return int(rng.triangular(21 * 12, 42 * 12, 26 * 12))


def _death_year_probability(age: int) -> float:
    """A Gompertz-like yearly mortality: about 0.7 % at 60, 3 % at 75, 7 % at 85, 19 % at 95."""
    return min(0.6, 0.0004 * math.exp(0.095 * (age - 30)))


def _death_date(rng: random.Random, born: date, start: date) -> date | None:
    for year in range(start.year, HORIZON.year + 1):
        if rng.random() < _death_year_probability(year - born.year):
            day = _between(rng, max(start + timedelta(days=1), date(year, 1, 1)), min(HORIZON, date(year, 12, 31)))
            return day if start < day <= HORIZON else None
    return None


class Planner:
    """Draws members cell by cell, keeping citizen IDs unique across the whole plan."""

    def __init__(self, rng: random.Random, cells: list[CellSpec]):
        self.rng = rng
        self.cells = cells
        self.by_code = {c.org.code: c for c in cells}
        self.residential = [c.org.code for c in cells if c.profile == "residential"]
        self.working = {}
        for c in cells:
            if c.profile in WORKING_PROFILES:
                self.working.setdefault(c.profile, []).append(c)
        self.used_ids: set[str] = set()
        self.plans: list[MemberPlan] = []

    # People ---------------------------------------------------------------------------------------------

    def citizen_id(self, born: date, gender: str, province: str) -> str:
        prefix = f"{province}{citizen_id_digit(born.year, gender)}{born.year % 100:02d}"
        while True:
            value = f"{prefix}{self.rng.randrange(1_000_000):06d}"
            if value not in self.used_ids:
                self.used_ids.add(value)
                return value

    def person(self, cell: CellSpec, born: date, gender: str) -> dict:
        rng = self.rng
        province = rng.choices(list(CITIZEN_ID_PROVINCES), weights=list(CITIZEN_ID_PROVINCES.values()))[0]
        name = draw_name(rng, gender, born.year)
        if province != "035":
            hometown = f"tỉnh {PROVINCE_CODES[province]}" if province != "001" else "thành phố Hà Nội"
        elif cell.ward and rng.random() < 0.6:
            hometown = f"{cell.org.place}, thành phố Phủ Lý, tỉnh Hà Nam"
        else:
            hometown = f"{rng.choice(HA_NAM_DISTRICTS)}, tỉnh Hà Nam"
        education = "12/12" if born.year >= 1972 else rng.choices(["10/10", "7/10", "12/12"], weights=[60, 25, 15])[0]
        theory = rng.choices(list(THEORY_LEVELS), weights=list(THEORY_LEVELS.values()))[0]
        return {
            "family_name": name.family,
            "middle_name": name.middle,
            "given_name": name.given,
            "gender": gender,
            "birth_date": born,
            "citizen_id": self.citizen_id(born, gender, province),
            "ethnicity": "Kinh",
            "religion": "Không",
            "hometown": hometown,
            "education": education,
            "profession": rng.choice(PROFESSIONS[cell.profile]),
            "theory_level": theory,
            "occupation": "",
        }

    # Membership -----------------------------------------------------------------------------------------

    def admission(self, born: date, profile: str) -> date | None:
        for _ in range(20):
            admitted = add_months(born, _admission_age_months(self.rng, profile)) + timedelta(
                days=self.rng.randrange(28)
            )
            if EARLIEST_ADMISSION <= admitted <= HORIZON and not admission_age_errors(born, admitted):
                return admitted
        return None

    def arrival(self, cell: CellSpec, admitted: date, latest: date) -> tuple[date | None, str]:
        """When and from where a member admitted elsewhere joined the cell (None: admitted here)."""
        founded = cell.org.established_on
        if admitted < founded:
            unit = BEFORE_1997_UNIT if founded == TREE_START else self._outside_unit(cell.profile)
            return founded, unit
        if self.rng.random() < ADMITTED_HERE[cell.profile]:
            return None, ""
        start = max(founded, admitted + timedelta(days=60))
        if start >= latest:
            return None, ""
        return _between(self.rng, start, latest), self._outside_unit(cell.profile)

    def _outside_unit(self, profile: str) -> str:
        return self.rng.choice(OUTSIDE_UNITS.get(profile, DEFAULT_OUTSIDE_UNITS))

    def member(self, cell: CellSpec, role: str = "", birth_years: tuple[int, int] | None = None) -> MemberPlan:
        """One member of a cell; a leader (`role`) is born in `birth_years` and has no later events."""
        rng = self.rng
        while True:
            female = rng.random() < (0.25 if role else FEMALE_SHARE[cell.profile])
            gender = "female" if female else "male"
            year = rng.randint(*birth_years) if birth_years else _birth_year(rng, cell.profile)
            if role and female:
                year = max(year, 1971)  # still in office until 2025
            born = _birthday(year, rng)
            admitted = self.admission(born, cell.profile)
            if admitted is None or (role and admitted > date(2008, 1, 1)):
                continue
            retire = None
            if cell.profile in WORKING_PROFILES:
                men, women = RETIREMENT_AGE.get(cell.profile, DEFAULT_RETIREMENT_AGE)
                retire = _anniversary(born, women if female else men)
                if retire <= max(admitted, cell.org.established_on) + timedelta(days=365):
                    continue
            latest = min(HORIZON, retire - timedelta(days=365)) if retire else HORIZON
            arrived, from_unit = self.arrival(cell, admitted, latest)
            if role and arrived and arrived > date(2012, 1, 1):
                continue
            break
        official = add_months(admitted, PROBATION_MONTHS)
        plan = MemberPlan(
            index=len(self.plans),
            cell=cell.org.code,
            profile=cell.profile,
            person=self.person(cell, born, gender),
            admitted_on=admitted,
            official_on=official if official <= HORIZON else None,
            arrived_on=arrived,
            from_unit=from_unit,
            role=role,
        )
        if not role and official <= HORIZON and official > plan.joined_on and rng.random() < 0.01:
            # A probationary member who is not recognized is struck off at the end of the probation.
            plan.official_on = None
            plan.events = [PlanEvent(official, "leave", reason=LeftReason.STRUCK_OFF)]
        else:
            # Leaders keep their cell while in office: only what follows their last term is kept.
            safe = LEADERS_FREE_FROM.get(role.rsplit("_", 1)[-1], HORIZON) if role else plan.joined_on
            plan.events = [e for e in self.events(plan, cell, born, retire) if e.on > safe]
        plan.person["occupation"] = self.occupation(plan, cell, born)
        self.plans.append(plan)
        return plan

    def occupation(self, plan: MemberPlan, cell: CellSpec, born: date) -> str:
        retired = any(e.kind == "transfer" and e.reason == "retire" for e in plan.events)
        if cell.profile in OCCUPATIONS and not retired:
            return OCCUPATIONS[cell.profile]
        if _anniversary(born, 60) <= HORIZON or retired:
            return "Hưu trí"
        return self.rng.choice(RESIDENT_OCCUPATIONS)

    def events(self, plan: MemberPlan, cell: CellSpec, born: date, retire: date | None) -> list[PlanEvent]:
        """The later events of one member, in date order, ending at the first that takes them away."""
        rng = self.rng
        start = plan.joined_on
        candidates: list[PlanEvent] = []
        end_of_work = min(retire, HORIZON) if retire else HORIZON
        if retire and retire <= HORIZON:
            if rng.random() < 0.75:
                candidates.append(PlanEvent(retire, "transfer", to_cell=rng.choice(self.residential), reason="retire"))
            else:
                candidates.append(PlanEvent(retire, "transfer_out", other_unit=rng.choice(MOVED_AWAY_UNITS)))
        if cell.profile in WORKING_PROFILES and rng.random() < 0.05:
            on = _between(rng, start + timedelta(days=365), end_of_work - timedelta(days=30))
            others = [
                c for c in self.working[cell.profile] if c.org.code != cell.org.code and c.org.established_on < on
            ]
            if others and start < on < end_of_work:
                candidates.append(PlanEvent(on, "transfer", to_cell=rng.choice(others).org.code))
        if rng.random() < (0.03 if cell.profile == "residential" else 0.02):
            on = _between(rng, start + timedelta(days=180), end_of_work)
            if start < on <= HORIZON:
                candidates.append(PlanEvent(on, "transfer_out", other_unit=rng.choice(MOVED_AWAY_UNITS)))
        if cell.profile == "residential" and rng.random() < 0.03:
            on = _between(rng, start + timedelta(days=365), HORIZON)
            target = rng.choice(self.residential)
            if start < on <= HORIZON and target != cell.org.code:
                candidates.append(PlanEvent(on, "transfer", to_cell=target))
        if plan.official_on and rng.random() < 0.006:
            on = _between(rng, max(start, plan.official_on) + timedelta(days=200), HORIZON)
            if on <= HORIZON:
                reason = rng.choice([LeftReason.STRUCK_OFF, LeftReason.STRUCK_OFF, LeftReason.RESIGNED])
                candidates.append(PlanEvent(on, "leave", reason=reason))
        old = _anniversary(born, 72)
        if plan.official_on and old <= HORIZON and rng.random() < 0.4:
            on = _between(
                rng, max(old, start, plan.official_on) + timedelta(days=1), min(HORIZON, _anniversary(born, 85))
            )
            if start < on <= HORIZON:
                candidates.append(PlanEvent(on, "exempt"))
        death = _death_date(rng, born, start)
        if death:
            candidates.append(PlanEvent(death, "leave", reason=LeftReason.DECEASED))
        return _ordered(candidates)


def _ordered(candidates: list[PlanEvent]) -> list[PlanEvent]:
    """Events by date, one per day, cut after the first that ends the membership here."""
    events: list[PlanEvent] = []
    last: date | None = None
    for event in sorted(candidates, key=lambda e: e.on):
        if last and event.on <= last:
            continue
        if event.kind == "exempt" and any(e.kind == "exempt" for e in events):
            continue
        events.append(event)
        last = event.on
        if event.kind in ("transfer_out", "leave"):
            break
    return events


# Leaders of the city committee and of the wards: invented members placed in chosen cells, with no later
# events, so that their positions stay consistent. Key -> (cell code, birth years).
CITY_CELL = "pl-cqdang-cb01"  # Văn phòng Thành ủy
GOVERNMENT_CELL = "pl-cqcq-cb01"  # Văn phòng HĐND và UBND
CITY_LEADER_SLOTS: dict[str, tuple[str, tuple[int, int]]] = {
    "secretary_2015": (CITY_CELL, (1962, 1966)),
    "standing_deputy_2015": (CITY_CELL, (1963, 1967)),
    "deputy_2015": (GOVERNMENT_CELL, (1963, 1967)),
    "deputy_2020": (GOVERNMENT_CELL, (1968, 1974)),
    "organization_head": ("pl-cqdang-cb02", (1966, 1972)),
    "inspection_chair": ("pl-cqdang-cb03", (1966, 1972)),
    "propaganda_head_2015": ("pl-cqdang-cb04", (1963, 1967)),
    "propaganda_head_2020": ("pl-cqdang-cb04", (1970, 1977)),
    "mobilization_head": ("pl-cqdang-cb05", (1966, 1972)),
    "front_chair": ("pl-cqdang-cb07", (1966, 1972)),
    "vice_chair_pc_1": (GOVERNMENT_CELL, (1967, 1975)),
    "vice_chair_pc_2": (GOVERNMENT_CELL, (1970, 1978)),
    "vice_chair_council": (GOVERNMENT_CELL, (1966, 1974)),
    "police_chief": ("pl-congan-cb01", (1970, 1976)),
    "military_chief": ("pl-quansu-cb01", (1970, 1976)),
    "office_chief_2015": (CITY_CELL, (1963, 1967)),
    "office_chief_2020": (CITY_CELL, (1972, 1980)),
    "inspection_deputy_1": ("pl-cqdang-cb03", (1968, 1978)),
    "inspection_deputy_2": ("pl-cqdang-cb03", (1970, 1980)),
    "inspection_member_1": ("pl-cqdang-cb03", (1975, 1985)),
    "inspection_member_2": ("pl-cqdang-cb03", (1976, 1986)),
    "office_staff": (CITY_CELL, (1980, 1990)),
    "inspection_staff": ("pl-cqdang-cb03", (1982, 1992)),
}
# Leaders of the 2015–2020 term only may retire or move after it; the others stay to the horizon.
LEADERS_FREE_FROM = {"2015": date(2020, 8, 1)}
WARD_LEADER_ROLES = (("ward_secretary", (1966, 1978)), ("ward_chair", (1968, 1980)))


def ward_leader_key(role: str, ward_code: str) -> str:
    return f"{role}:{ward_code}"


def member_plans(rng: random.Random, cells: list[CellSpec]) -> list[MemberPlan]:
    """Every invented member of the demo, leaders first, then cell by cell; card numbers by official date."""
    planner = Planner(rng, cells)
    for key, (cell_code, years) in CITY_LEADER_SLOTS.items():
        planner.member(planner.by_code[cell_code], role=key, birth_years=years)
    for cell in cells:
        if cell.profile == "ward_office":
            for role, years in WARD_LEADER_ROLES:
                planner.member(cell, role=ward_leader_key(role, cell.ward), birth_years=years)
    for cell in cells:
        for _ in range(cell.size):
            planner.member(cell)
    official = sorted((p for p in planner.plans if p.official_on), key=lambda p: (p.official_on, p.index))
    for number, plan in enumerate(official, start=1):
        plan.card_number = f"35{number:06d}"
    return planner.plans
