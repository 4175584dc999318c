"""The scale generator: a national-shaped synthetic data set for load and query testing (`generate_scale`).

It builds, for N members, what the country looks like in proportion (5.6 million members, 34 provinces, 3,321
communes and wards, 52,000 grassroots organizations, 300,000 cells): provinces weighted by population,
communes and wards under them, grassroots organizations (agencies, schools, health, enterprises, armed
forces) under the province or a commune, cells under communes and đảng bộ cơ sở; members with realistic
names, genders, birth dates, admission years over 60 years, statuses (probationary, official, exempted, left)
and their events (admission, official recognition, card, transfers in, badges, exemption, leaving); two
congress terms of every organization; awareness and new-member courses with their participants; two
years of inspections and supervisions at realistic rates; and a year of monthly cell meetings with the
roll of their members for one province (the first).

Exception to "changes go through actions" (DESIGN.md). Actions write one row at a time with an audit event
each, which would take days for 5.6 million members. This module writes the same tables directly, in
batches (PostgreSQL COPY through psycopg 3, executemany on SQLite), keeping the invariants the actions keep:
every member has a placement in a member unit that starts on the admission (or arrival) date, the status
agrees with the dates and the events, citizen IDs pass `members.rules.citizen_id_errors` and are unique,
names carry their folded form and sort key computed by `core.text`, every organization has its name
record, parent link, establishment lineage event, and the closure rows (`Ancestry`) of its parent chain.
One audit event records the generation run itself. `tests/test_scale_generator.py` checks these invariants.

The synthetic tree has no history: every organization is established on `ESTABLISHED` under its current
parent with its current name. Memory is bounded: organizations (a few hundred bytes each, 360,000 at the
national size) stay in memory; members are generated and written in batches and never kept.
"""

import queue
import random
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from dangvu.core import audit, rules
from dangvu.core.text import fold, number, sort_key
from dangvu.demo.audit_actions import DemoAudit
from dangvu.meetings.models import Attendance, Meeting, Presence
from dangvu.meetings.models import Kind as MeetingKind
from dangvu.meetings.models import Status as MeetingStatus
from dangvu.members import tally
from dangvu.members.models import EventType, Gender, LeftReason, Member, MemberEvent, Person, Placement, Status
from dangvu.members.rules import PROVINCE_CODES, add_months, citizen_id_digit
from dangvu.organizations.models import (
    OPEN_END,
    Ancestry,
    Kind,
    LineageEvent,
    Organization,
    OrganizationName,
    ParentLink,
    Sector,
)
from dangvu.work.models import (
    Activity,
    Congress,
    CongressKind,
    CongressStatus,
    Course,
    CourseKind,
    CourseParticipant,
    Oversight,
    OversightKind,
    OversightSubject,
    PerformingBody,
)
from dangvu.work.search import oversight_text

from .scale_data import (
    ADMISSION_CUMULATIVE,
    ADMISSION_YEARS,
    ETHNICITY,
    GRASSROOTS_TYPES,
    OTHER_CODES,
    PROVINCES,
    THEORY_LEVEL,
    draw_name,
    name_keys,
    national_counts,
    place_name,
    split_total,
)

ESTABLISHED = date(1960, 1, 1)
BATCH_MEMBERS = 20_000
MEETINGS_PROVINCE = 0  # the province (index in PROVINCES) whose cells get a year of monthly meetings


@dataclass(slots=True)
class Org:
    id: int
    code: str
    kind: str
    sector: str
    parent: "Org | None"
    name: str
    committee_name: str
    committee_short: str
    locality: str
    place: str
    province: int
    weight: float = 1.0
    children: list = field(default_factory=list)
    cell_pattern: str = ""  # how the cells of a đảng bộ cơ sở are named: "khoa {n}"
    members: int = 0  # current members generated in the unit
    first_member: int = 0

    @property
    def chain(self) -> list["Org"]:
        """The organization and those above it, itself first."""
        found, node = [], self
        while node is not None:
            found.append(node)
            node = node.parent
        return found

    @property
    def is_unit(self) -> bool:
        return self.kind in (Kind.CELL, Kind.GRASSROOTS_CELL)

    @property
    def has_committee(self) -> bool:
        return self.kind in (Kind.PROVINCE, Kind.COMMUNE, Kind.GRASSROOTS_COMMITTEE)


class Sink:
    """Writes rows to a model's table: COPY on PostgreSQL, executemany on SQLite."""

    def __init__(self):
        self.postgres = connection.vendor == "postgresql"

    def write(self, model, fields: list[str], rows: list[tuple]) -> None:
        if not rows:
            return
        meta = model._meta
        columns = [meta.get_field(f).column if f != "id" else meta.pk.column for f in fields]
        connection.ensure_connection()
        raw = connection.connection
        table = connection.ops.quote_name(meta.db_table)
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        if self.postgres:
            with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" * len(columns))
            converted = ([v.isoformat() if isinstance(v, date) else v for v in row] for row in rows)
            raw.cursor().executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", converted)


def _badges(member_id: int, unit: "Org", admitted: date, start: date, end: date, badge_years) -> list[tuple]:
    """The badge events of an official member: each anniversary (3 February) of their Party age reached while
    registered here, by `end`, for the badge years of the rules."""
    found = []
    for years in badge_years:
        anniversary = date(admitted.year + years, 2, 3) if admitted.year + years <= end.year else None
        if anniversary and anniversary <= end and anniversary > start:
            found.append(
                (member_id, EventType.BADGE_AWARDED, anniversary, unit.id, "", "", f"Huy hiệu {years} năm tuổi Đảng")
            )
    return found


def _next_id(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


class Ids:
    """Primary keys handed out by the generator, starting after the rows already in each table."""

    def __init__(self, *models):
        self.next = {model: _next_id(model) for model in models}

    def take(self, model) -> int:
        value = self.next[model]
        self.next[model] = value + 1
        return value


@dataclass
class Counts:
    organizations: int = 0
    members: int = 0
    left: int = 0
    events: int = 0
    congresses: int = 0
    courses: int = 0
    participants: int = 0
    oversights: int = 0
    meetings: int = 0
    attendance: int = 0


class Generator:
    """One run of the generator; `run()` writes everything and returns the counts."""

    def __init__(
        self,
        members: int,
        seed: int,
        *,
        provinces: int = 34,
        today: date | None = None,
        out=None,
        batch: int = BATCH_MEMBERS,
    ):
        if members < 1:
            raise ValueError("members must be positive")
        self.target = members
        self.rng = random.Random(seed)
        self.provinces = PROVINCES[: max(1, min(provinces, len(PROVINCES)))]
        self.today = today or date.today()
        self.out = out or sys.stdout
        self.batch = batch
        self.sink = Sink()
        self.counts = Counts()
        self.orgs: list[Org] = []
        self.courses: dict[tuple[int, int, str], int] = {}
        self.cid_serials: dict[tuple[str, str, int], int] = {}
        self.started = time.monotonic()
        self.writer: BatchWriter | None = None
        # Members of the province with monthly cell meetings who are not on every roll.
        self.not_on_roll: set[int] = set()
        self.meetings_from = self.meeting_months()[0]
        self.joined_late: dict[int, date] = {}

    def say(self, text: str) -> None:
        elapsed = time.monotonic() - self.started
        self.out.write(f"[{elapsed:7.1f} s] {text}\n")
        self.out.flush()

    # Organizations ---------------------------------------------------------------------------------------

    def _org(
        self, kind, sector, parent, name, committee_name, committee_short, locality="", place="", province=0, weight=1.0
    ) -> Org:
        org = Org(
            self.ids.take(Organization),
            "",
            kind,
            sector,
            parent,
            name,
            committee_name,
            committee_short,
            locality,
            place,
            province,
            weight,
        )
        org.code = f"q{org.id}"
        if parent is not None:
            parent.children.append(org)
        self.orgs.append(org)
        return org

    def build_tree(self) -> None:
        rng = self.rng
        counts = national_counts(self.target, len(self.provinces))
        weights = [p[2] for p in self.provinces]
        communes = split_total(counts["communes"], weights, 1)
        grassroots = split_total(counts["grassroots"], weights, 2)
        cells = split_total(counts["cells"], weights, 3)
        for index, (place, locality, _, _) in enumerate(self.provinces):
            short = "Thành ủy" if locality == "thành phố" else "Tỉnh ủy"
            province = self._org(
                Kind.PROVINCE,
                Sector.OTHER,
                None,
                f"Đảng bộ {locality} {place}",
                f"{short} {place}",
                short,
                locality,
                place,
                index,
            )
            commune_list = []
            for _ in range(communes[index]):
                word = "phường" if rng.random() < 0.3 else "xã"
                cname = place_name(rng)
                commune_list.append(
                    self._org(
                        Kind.COMMUNE,
                        Sector.WARD_COMMUNE,
                        province,
                        f"Đảng bộ {word} {cname}",
                        f"Đảng ủy {word} {cname}",
                        "Đảng ủy",
                        word,
                        f"{word} {cname}",
                        index,
                    )
                )
            # Grassroots organizations: 40 % under the province, the rest under communes.
            committees = []
            for _ in range(grassroots[index]):
                sector, pattern, cell_pattern, _, size = rng.choices(
                    GRASSROOTS_TYPES, weights=[t[3] for t in GRASSROOTS_TYPES]
                )[0]
                parent = province if rng.random() < 0.4 else rng.choice(commune_list)
                where = parent.place if parent.kind == Kind.COMMUNE else place_name(rng)
                title = pattern.format(place=where)
                if rng.random() < 0.5:
                    org = self._org(
                        Kind.GRASSROOTS_COMMITTEE,
                        sector,
                        parent,
                        f"Đảng bộ {title}",
                        f"Đảng ủy {title}",
                        "Đảng ủy",
                        province=index,
                        weight=size,
                    )
                    org.cell_pattern = cell_pattern
                    committees.append(org)
                else:
                    self._org(
                        Kind.GRASSROOTS_CELL,
                        sector,
                        parent,
                        f"Chi bộ {title}",
                        f"Chi bộ {title}",
                        "Chi bộ",
                        province=index,
                        weight=size * 0.5,
                    )
            # Cells: two per đảng bộ cơ sở, the rest residential cells of communes (thôn, tổ dân phố).
            remaining = cells[index]
            for committee in committees:
                for n in range(1, 3):
                    name = f"Chi bộ {committee.cell_pattern.format(n=n)}"
                    self._org(
                        Kind.CELL,
                        committee.sector,
                        committee,
                        name,
                        name,
                        "Chi bộ",
                        province=index,
                        weight=committee.weight * 0.8,
                    )
                remaining -= 2
            numbers = {c.id: 0 for c in commune_list}
            for i in range(max(0, remaining)):
                if i < len(commune_list):
                    commune = commune_list[i]
                elif committees and rng.random() < 0.25:
                    committee = rng.choice(committees)
                    n = sum(1 for c in committee.children) + 1
                    name = f"Chi bộ {committee.cell_pattern.format(n=n)}"
                    self._org(
                        Kind.CELL,
                        committee.sector,
                        committee,
                        name,
                        name,
                        "Chi bộ",
                        province=index,
                        weight=committee.weight * 0.8,
                    )
                    continue
                else:
                    commune = rng.choice(commune_list)
                numbers[commune.id] += 1
                if commune.locality == "phường":
                    name = f"Chi bộ tổ dân phố số {numbers[commune.id]}"
                else:
                    name = f"Chi bộ thôn {place_name(rng)}"
                self._org(Kind.CELL, Sector.RESIDENTIAL, commune, name, name, "Chi bộ", province=index, weight=1.4)

    def write_tree(self) -> None:
        names, links, ancestry, lineage, related = [], [], [], [], []
        org_rows = []
        for org in self.orgs:
            parent_id = org.parent.id if org.parent else None
            org_rows.append(
                (
                    org.id,
                    org.code,
                    org.kind,
                    org.sector,
                    parent_id,
                    org.name,
                    fold(org.name),
                    sort_key(org.name),
                    "",
                    ESTABLISHED,
                    None,
                )
            )
            names.append(
                (
                    self.ids.take(OrganizationName),
                    org.id,
                    org.name,
                    org.committee_name,
                    org.committee_short,
                    org.locality if org.kind != Kind.CELL else "",
                    org.place if org.kind in (Kind.PROVINCE, Kind.COMMUNE) else "",
                    ESTABLISHED,
                    OPEN_END,
                )
            )
            if org.parent is not None:
                links.append((self.ids.take(ParentLink), org.id, parent_id, ESTABLISHED, OPEN_END))
            for depth, above in enumerate(org.chain):
                ancestry.append((self.ids.take(Ancestry), org.id, above.id, depth, ESTABLISHED, OPEN_END))
            event_id = self.ids.take(LineageEvent)
            lineage.append((event_id, LineageEvent.Type.ESTABLISH, ESTABLISHED, "", org.id, ""))
            if org.parent is not None:
                related.append((event_id, parent_id))
        through = LineageEvent.related.through
        with transaction.atomic():
            self.sink.write(
                Organization,
                [
                    "id",
                    "code",
                    "kind",
                    "sector",
                    "parent",
                    "name",
                    "name_folded",
                    "sort_key",
                    "committee_code",
                    "established_on",
                    "dissolved_on",
                ],
                org_rows,
            )
            self.sink.write(
                OrganizationName,
                [
                    "id",
                    "organization",
                    "name",
                    "committee_name",
                    "committee_short",
                    "locality",
                    "place",
                    "valid_from",
                    "valid_to",
                ],
                names,
            )
            self.sink.write(ParentLink, ["id", "organization", "parent", "valid_from", "valid_to"], links)
            self.sink.write(Ancestry, ["id", "descendant", "ancestor", "depth", "valid_from", "valid_to"], ancestry)
            self.sink.write(LineageEvent, ["id", "type", "date", "decision_number", "organization", "note"], lineage)
            self.sink.write(through, ["lineageevent", "organization"], related)
        self.counts.organizations = len(self.orgs)
        kinds = {}
        for org in self.orgs:
            kinds[org.kind] = kinds.get(org.kind, 0) + 1
        self.say(
            "tổ chức: "
            + ", ".join(f"{Kind(k).label} {number(n)}" for k, n in kinds.items())
            + f"; {number(len(ancestry))} dòng bảng bao đóng"
        )

    # Courses ---------------------------------------------------------------------------------------------

    def course_years(self) -> list[int]:
        return [self.today.year - 2, self.today.year - 1, self.today.year]

    @staticmethod
    def course_dates(kind: str, year: int) -> tuple[date, date]:
        if kind == CourseKind.AWARENESS:
            return date(year, 4, 6), date(year, 4, 10)
        return date(year, 8, 10), date(year, 8, 14)

    def write_courses(self) -> None:
        """An awareness course and a new-member course a year, by each commune and each province."""
        rows = []
        for org in self.orgs:
            if org.kind not in (Kind.PROVINCE, Kind.COMMUNE):
                continue
            for year in self.course_years():
                for kind, label in (
                    (CourseKind.AWARENESS, "Bồi dưỡng nhận thức về Đảng"),
                    (CourseKind.NEW_MEMBER_THEORY, "Bồi dưỡng lý luận chính trị cho đảng viên mới"),
                ):
                    start, end = self.course_dates(kind, year)
                    if end > self.today:
                        continue
                    course_id = self.ids.take(Course)
                    self.courses[(org.id, year, kind)] = course_id
                    rows.append(
                        (
                            course_id,
                            kind,
                            f"Lớp {label.lower()} năm {year} – {org.committee_name}",
                            org.id,
                            start,
                            end,
                            f"Hội trường {org.committee_name}",
                            "",
                        )
                    )
        with transaction.atomic():
            self.sink.write(
                Course, ["id", "kind", "title", "organizer", "start_date", "end_date", "venue", "note"], rows
            )
        self.counts.courses = len(rows)

    def _course_for(self, unit: Org, kind: str, admitted: date) -> int | None:
        start, _ = self.course_dates(kind, admitted.year)
        if kind == CourseKind.AWARENESS:
            year = admitted.year if admitted > self.course_dates(kind, admitted.year)[1] else admitted.year - 1
        else:
            year = admitted.year if admitted < start else admitted.year + 1
        organizer = next((o for o in unit.chain if o.kind == Kind.COMMUNE), unit.chain[-1])
        return self.courses.get((organizer.id, year, kind))

    # Members ---------------------------------------------------------------------------------------------

    def _citizen_id(self, code: str, birth: date, gender: str) -> str:
        digit = citizen_id_digit(birth.year, gender)
        key = (code, digit, birth.year % 100)
        serial = self.cid_serials.get(key, self.cid_base)
        if serial > 999_999:
            raise ValueError("citizen ID serials exhausted: generate into an empty database")
        self.cid_serials[key] = serial + 1
        return f"{code}{digit}{birth.year % 100:02d}{serial:06d}"

    def _admission(self, rng: random.Random) -> tuple[date, date]:
        """An admission date over 60 years (more recent years weigh more) and a birth date that fits it."""
        while True:
            year = rng.choices(ADMISSION_YEARS, cum_weights=ADMISSION_CUMULATIVE)[0]
            admitted = date(year, 1, 1) + timedelta(days=rng.randrange(365))
            if admitted > self.today:
                continue
            band = rng.random()
            years = (
                rng.uniform(18.2, 30) if band < 0.7 else rng.uniform(30, 45) if band < 0.95 else rng.uniform(45, 59.5)
            )
            birth = admitted - timedelta(days=int(years * 365.25))
            if (self.today - birth).days < 97 * 365:
                return admitted, birth

    def generate_members(self) -> None:
        units = [o for o in self.orgs if o.is_unit]
        # each event's province (`MemberEvent.province`, set by a trigger that does not run while loading)
        self.province_of = {unit.id: unit.chain[-1].id for unit in units}
        shares = split_total(self.target, [u.weight * self.rng.lognormvariate(0, 0.45) for u in units])
        self.say(f"đảng viên: {number(self.target)} trong {number(len(units))} chi bộ")
        buffer = Buffers()
        written = 0
        # On PostgreSQL outside a transaction, a second thread writes one batch while the next is generated.
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            self.writer = BatchWriter(self)
        last_report = time.monotonic()
        for unit, count in zip(units, shares, strict=True):
            unit.first_member = self.ids.next[Member]
            unit.members = count
            left = int(count * 0.03) + (1 if self.rng.random() < (count * 0.03) % 1 else 0)
            for i in range(count + left):
                self._member(unit, buffer, leaving=i >= count)
            if len(buffer.members) >= self.batch:
                written += self._flush(buffer)
                if time.monotonic() - last_report > 5 or written >= self.target:
                    rate = written / max(0.001, time.monotonic() - self.started)
                    share = number(100 * written / self.target, 1)
                    self.say(f"  {number(written)} hồ sơ ({share} %), {number(rate)} hồ sơ/giây")
                    last_report = time.monotonic()
        written += self._flush(buffer)
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        self.say(
            f"  {number(written)} hồ sơ đảng viên, {number(self.counts.events)} sự kiện, "
            f"{number(self.counts.participants)} học viên"
        )

    def _member(self, unit: Org, buf: "Buffers", leaving: bool) -> None:
        rng, today = self.rng, self.today
        gender = Gender.FEMALE if rng.random() < 0.34 else Gender.MALE
        admitted, birth = self._admission(rng)
        while leaving and add_months(admitted, 12) >= today:  # only official members leave here
            admitted, birth = self._admission(rng)
        family, middle, given = draw_name(rng, gender, birth.year)
        folded, key = name_keys(family, middle, given)
        province = self.provinces[unit.province]
        code = province[3] if rng.random() < 0.75 else rng.choice(OTHER_CODES)
        person_id, member_id = self.ids.take(Person), self.ids.take(Member)
        buf.people.append(
            (
                person_id,
                family,
                middle,
                given,
                gender,
                birth,
                self._citizen_id(code, birth, gender),
                ETHNICITY(rng),
                "Không" if rng.random() < 0.9 else "Phật giáo",
                f"tỉnh {PROVINCE_CODES[code]}",
                "12/12",
                "",
                THEORY_LEVEL(rng),
                "",
                f"09{rng.randrange(10**8):08d}",
                folded,
                key,
            )
        )
        official_on = add_months(admitted, 12)
        official = official_on <= today
        events = buf.events
        admission_unit = ""
        start = admitted
        if not leaving and rng.random() < 0.12 and (today - admitted).days > 400:
            start = admitted + timedelta(days=rng.randrange(365, (today - admitted).days))
            admission_unit = f"Đảng bộ tỉnh {rng.choice(PROVINCES)[0]}"
        events.append(
            (member_id, EventType.ADMITTED, admitted, unit.id, admission_unit, f"{rng.randrange(1, 999)}-QĐ/ĐU", "")
        )
        status, card, left_on, left_reason = Status.PROBATIONARY, None, None, ""
        if official:
            status = Status.OFFICIAL
            events.append((member_id, EventType.RECOGNIZED_OFFICIAL, official_on, unit.id, admission_unit, "", ""))
            if rng.random() < 0.95:
                card = f"{unit.province + 1:02d}{member_id:010d}"
                events.append(
                    (
                        member_id,
                        EventType.CARD_ISSUED,
                        min(today, official_on + timedelta(days=90)),
                        unit.id,
                        admission_unit,
                        "",
                        card,
                    )
                )
        if start != admitted:
            events.append((member_id, EventType.TRANSFERRED_IN, start, unit.id, admission_unit, "", ""))
        end = today
        if leaving and official:
            left_on = official_on + timedelta(days=rng.randrange(1, max(2, (today - official_on).days)))
            age_then = (left_on - birth).days / 365.25
            left_reason = (
                LeftReason.DECEASED
                if age_then > 65 and rng.random() < 0.8
                else rng.choice([LeftReason.STRUCK_OFF, LeftReason.RESIGNED, LeftReason.DECEASED])
            )
            end = left_on
        if official:  # the rules' badge years, listed once
            events += _badges(member_id, unit, admitted, start, end, rules.param("badge.years", today))
        age = (end - birth).days / 365.25
        if official and not leaving and age >= 70 and rng.random() < 0.25:
            status = Status.EXEMPTED
            exempt_on = max(start, birth.replace(year=birth.year + 70, day=min(birth.day, 28)))
            events.append((member_id, EventType.EXEMPTED, exempt_on, unit.id, "", "", ""))
        if left_on:
            status = Status.LEFT
            events.append((member_id, EventType.LEFT, left_on, unit.id, "", "", LeftReason(left_reason).label))
            self.counts.left += 1
        buf.members.append(
            (
                member_id,
                person_id,
                unit.id,
                status,
                admitted,
                official_on if official else None,
                card,
                left_on,
                left_reason,
                "",
                folded,
                key,
                unit.chain[-1].id,
            )
        )
        if unit.province == MEETINGS_PROVINCE and not leaving:
            self._roll(member_id, status, start)
        buf.placements.append((self.ids.take(Placement), member_id, unit.id, start, left_on or OPEN_END))
        if admitted.year >= today.year - 3:
            self._courses(unit, buf, person_id, admitted)

    def _roll(self, member_id: int, status: str, start: date) -> None:
        """A member of the province whose meetings are generated: off the roll when exempted, on it from the
        day they joined when that was after the meetings begin."""
        if status == Status.EXEMPTED:
            self.not_on_roll.add(member_id)
        elif start > self.meetings_from:
            self.joined_late[member_id] = start

    def _courses(self, unit: Org, buf: "Buffers", person_id: int, admitted: date) -> None:
        """A recent member's awareness and new-member theory classes, where the unit held them."""
        for kind in (CourseKind.AWARENESS, CourseKind.NEW_MEMBER_THEORY):
            course = self._course_for(unit, kind, admitted)
            if course:
                buf.participants.append(
                    (self.ids.take(CourseParticipant), course, person_id, "passed", f"{course}-{person_id}", "")
                )

    def _flush(self, buf: "Buffers") -> int:
        # each event's province, and whether the member's placement (one per member) covered its date
        # (`MemberEvent.registered`): the triggers that set them do not run while loading
        spans = {placement[1]: placement[3:5] for placement in buf.placements}
        events = [
            (self.ids.take(MemberEvent), *e, spans[e[0]][0] <= e[2] < spans[e[0]][1], self.province_of[e[3]])
            for e in buf.events
        ]
        batch = (buf.people, buf.members, buf.placements, events, buf.participants)
        if self.writer is not None:
            self.writer.put(batch)
        else:
            self._write_members(batch)
        written = len(buf.members)
        self.counts.members += written
        self.counts.events += len(events)
        self.counts.participants += len(buf.participants)
        buf.clear()
        return written

    def _write_members(self, batch) -> None:
        people, members, placements, events, participants = batch
        with transaction.atomic():
            self.sink.write(
                Person,
                [
                    "id",
                    "family_name",
                    "middle_name",
                    "given_name",
                    "gender",
                    "birth_date",
                    "citizen_id",
                    "ethnicity",
                    "religion",
                    "hometown",
                    "education",
                    "profession",
                    "theory_level",
                    "occupation",
                    "phone",
                    "name_folded",
                    "sort_key",
                ],
                people,
            )
            self.sink.write(
                Member,
                [
                    "id",
                    "person",
                    "organization",
                    "status",
                    "admitted_on",
                    "official_on",
                    "card_number",
                    "left_on",
                    "left_reason",
                    "over_age_approval",
                    "name_folded",
                    "sort_key",
                    "province",
                ],
                members,
            )
            self.sink.write(Placement, ["id", "member", "organization", "valid_from", "valid_to"], placements)
            self.sink.write(
                MemberEvent,
                [
                    "id",
                    "member",
                    "type",
                    "date",
                    "organization",
                    "other_unit",
                    "decision_number",
                    "detail",
                    "registered",
                    "province",
                ],
                events,
            )
            self.sink.write(
                CourseParticipant, ["id", "course", "person", "result", "certificate_number", "note"], participants
            )

    # Cell meetings ---------------------------------------------------------------------------------------

    def meeting_months(self) -> list[date]:
        """The first days of the twelve whole months before today."""
        first = date(self.today.year, self.today.month, 1)
        return [add_months(first, -n) for n in range(12, 0, -1)]

    def write_meetings(self) -> None:
        """One year of monthly meetings of every cell of one province, with the roll of its members."""
        rng, now = self.rng, timezone.now()
        offset = self.person_offset
        meetings, roll = [], []
        units = [o for o in self.orgs if o.is_unit and o.province == MEETINGS_PROVINCE]
        for unit in units:
            for month_start in self.meeting_months():
                day = month_start + timedelta(days=rng.randint(2, 9))
                meeting_id = self.ids.take(Meeting)
                lines = len(roll)
                for member_id in range(unit.first_member, unit.first_member + unit.members):
                    if member_id in self.not_on_roll or self.joined_late.get(member_id, day) > day:
                        continue
                    draw = rng.random()
                    presence, reason = Presence.PRESENT, ""
                    if draw > 0.97:
                        presence, reason = Presence.ABSENT_EXCUSED, rng.choice(["Ốm", "Đi công tác", "Việc gia đình"])
                    elif draw > 0.96:
                        presence = Presence.ABSENT_UNEXCUSED
                    elif draw > 0.93:
                        presence = Presence.LATE
                    roll.append((self.ids.take(Attendance), meeting_id, member_id + offset, presence, reason))
                # The roll's counts, as `meetings.rolls.count_rolls` keeps them.
                counted = Counter(line[3] for line in roll[lines:])
                meetings.append(
                    (
                        meeting_id,
                        unit.id,
                        MeetingKind.CELL_MONTHLY,
                        f"Sinh hoạt chi bộ định kỳ tháng {day.month}/{day.year}",
                        day,
                        "evening",
                        f"Hội trường {unit.name}",
                        MeetingStatus.HELD,
                        "",
                        "",
                        "",
                        None,
                        now,
                        len(roll) - lines,
                        counted[Presence.PRESENT] + counted[Presence.LATE],
                        counted[Presence.LATE],
                        counted[Presence.ABSENT_EXCUSED],
                        counted[Presence.ABSENT_UNEXCUSED],
                    )
                )
            if len(roll) > 100_000:
                self._write_meetings(meetings, roll)
                meetings, roll = [], []
        self._write_meetings(meetings, roll)

    def _write_meetings(self, meetings, roll) -> None:
        with transaction.atomic():
            self.sink.write(
                Meeting,
                [
                    "id",
                    "organization",
                    "kind",
                    "title",
                    "date",
                    "part_of_day",
                    "venue",
                    "status",
                    "minutes",
                    "conclusion",
                    "notice_number",
                    "notice_date",
                    "created_at",
                    "roll_count",
                    "present_count",
                    "late_count",
                    "excused_count",
                    "unexcused_count",
                ],
                meetings,
            )
            self.sink.write(Attendance, ["id", "meeting", "person", "status", "reason"], roll)
        self.counts.meetings += len(meetings)
        self.counts.attendance += len(roll)

    # Congresses and oversight ----------------------------------------------------------------------------

    CONGRESS_MONTHS = {
        Kind.CELL: (4, 6),
        Kind.GRASSROOTS_CELL: (5, 7),
        Kind.GRASSROOTS_COMMITTEE: (5, 7),
        Kind.COMMUNE: (7, 8),
        Kind.PROVINCE: (9, 10),
    }

    def write_congresses(self) -> None:
        rng, rows = self.rng, []
        for org in self.orgs:
            first, last = self.CONGRESS_MONTHS[org.kind]
            for start_year, term in ((2020, "2020–2025"), (2025, "2025–2030")):
                held = date(start_year, rng.randint(first, last), rng.randint(1, 28))
                if held > self.today:
                    continue
                delegates_kind = CongressKind.ALL_MEMBERS if org.is_unit else CongressKind.DELEGATES
                delegates = max(3, org.members) if org.is_unit else rng.randint(90, 350)
                ordinal = rng.randint(12, 26) if org.has_committee else None
                rows.append(
                    (
                        self.ids.take(Congress),
                        org.id,
                        term,
                        ordinal,
                        delegates_kind,
                        CongressStatus.HELD,
                        held,
                        held + timedelta(days=2),
                        held,
                        held + timedelta(days=2 if org.has_committee else 0),
                        delegates,
                        "",
                    )
                )
            if len(rows) > 50_000:
                self._write_congresses(rows)
                rows = []
        self._write_congresses(rows)

    def _write_congresses(self, rows) -> None:
        with transaction.atomic():
            self.sink.write(
                Congress,
                [
                    "id",
                    "organization",
                    "term",
                    "ordinal",
                    "kind",
                    "status",
                    "planned_start",
                    "planned_end",
                    "held_start",
                    "held_end",
                    "delegates",
                    "note",
                ],
                rows,
            )
        self.counts.congresses += len(rows)

    def _random_member(self, org: Org) -> int | None:
        node = org
        for _ in range(6):
            if node.is_unit:
                return node.first_member + self.rng.randrange(node.members) if node.members else None
            if not node.children:
                return None
            node = self.rng.choice(node.children)
        return None

    def write_oversight(self) -> None:
        """Two years of inspections and supervisions: committees over their organizations and members,
        cells over their members."""
        rng = self.rng
        rows, subjects = [], []
        years = [self.today.year - 1, self.today.year]
        for org in self.orgs:
            for year in years:
                last_day = min(self.today, date(year, 12, 31))
                plan = []
                if org.has_committee:
                    body = PerformingBody.STANDING if org.kind == Kind.PROVINCE else PerformingBody.EXECUTIVE
                    plan += [
                        (
                            Activity.INSPECTION,
                            rng.choice(["regular", "lower_inspection_work", "party_finance"]),
                            PerformingBody.INSPECTION_COMMITTEE if rng.random() < 0.5 else body,
                            "org",
                        )
                        for _ in range(rng.randint(1, 3))
                    ]
                    plan += [
                        (Activity.SUPERVISION, rng.choice(["regular", "thematic"]), body, "org")
                        for _ in range(rng.randint(1, 3))
                    ]
                    if rng.random() < 0.15:
                        plan.append(
                            (
                                Activity.INSPECTION,
                                OversightKind.SIGNS_OF_VIOLATION,
                                PerformingBody.INSPECTION_COMMITTEE,
                                "member",
                            )
                        )
                elif org.is_unit:
                    if rng.random() < 0.5:
                        plan.append((Activity.INSPECTION, OversightKind.REGULAR, PerformingBody.CELL, "member"))
                    if rng.random() < 0.7:
                        plan.append((Activity.SUPERVISION, OversightKind.REGULAR, PerformingBody.CELL, "member"))
                for activity, kind, body, target in plan:
                    if target == "org":
                        subject_org = rng.choice(org.children) if org.children else None
                        subject_member = None if subject_org else self._random_member(org)
                    else:
                        subject_org, subject_member = None, self._random_member(org)
                    if subject_org is None and subject_member is None:
                        continue
                    start = date(year, 1, 1) + timedelta(days=rng.randrange((last_day - date(year, 1, 1)).days + 1))
                    end = start + timedelta(days=rng.randint(5, 30))
                    oversight_id = self.ids.take(Oversight)
                    found = activity == Activity.INSPECTION and rng.random() < 0.1
                    label = "kiểm tra" if activity == Activity.INSPECTION else "giám sát"
                    number, content = (
                        f"{rng.randrange(1, 999)}-KH/{'CB' if org.is_unit else 'ĐU'}",
                        f"Nội dung {label} năm {year}",
                    )
                    rows.append(
                        (
                            oversight_id,
                            activity,
                            kind,
                            org.id,
                            body,
                            start,
                            end if end <= self.today else None,
                            number,
                            content,
                            "" if end > self.today else "Kết luận đã ban hành.",
                            found,
                            "Vi phạm quy định về sinh hoạt đảng." if found else "",
                            "",
                            None,
                            org.chain[-1].id,
                            oversight_text(content, number),
                        )
                    )
                    subjects.append(
                        (
                            self.ids.take(OversightSubject),
                            oversight_id,
                            subject_org.id if subject_org else None,
                            subject_member,
                            "",
                        )
                    )
            if len(rows) > 50_000:
                self._write_oversight(rows, subjects)
                rows, subjects = [], []
        self._write_oversight(rows, subjects)

    def _write_oversight(self, rows, subjects) -> None:
        with transaction.atomic():
            self.sink.write(
                Oversight,
                [
                    "id",
                    "activity",
                    "kind",
                    "organization",
                    "body",
                    "start_date",
                    "end_date",
                    "decision_number",
                    "content",
                    "conclusion",
                    "violations_found",
                    "violations",
                    "follow_up",
                    "programme_item",
                    "province",
                    "search_text",
                ],
                rows,
            )
            self.sink.write(OversightSubject, ["id", "oversight", "organization", "member", "note"], subjects)
        self.counts.oversights += len(rows)

    # The run ---------------------------------------------------------------------------------------------

    MODELS = (
        Organization,
        OrganizationName,
        ParentLink,
        Ancestry,
        LineageEvent,
        Person,
        Member,
        Placement,
        MemberEvent,
        Course,
        CourseParticipant,
        Congress,
        Oversight,
        OversightSubject,
        Meeting,
        Attendance,
    )

    def prepare(self, quiet: bool = False) -> None:
        """On PostgreSQL: no wait for the disk at each batch's commit and, for a superuser, no foreign-key
        triggers while loading (as `pg_restore --disable-triggers` does); the tests check the references."""
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = off")
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if cursor.fetchone()[0]:
                cursor.execute("SET session_replication_role = replica")
                if not quiet:
                    self.say("nạp không kiểm tra khóa ngoại (session_replication_role = replica)")

    def run(self) -> Counts:
        self.prepare()
        self.ids = Ids(*self.MODELS)
        # Citizen ID serials start after those a previous run may have used.
        self.cid_base = 700_000 + Person.objects.count()
        self.build_tree()
        self.write_tree()
        self.write_courses()
        # Each member takes one person id and one member id, in step.
        self.person_offset = self.ids.next[Person] - self.ids.next[Member]
        with self.indexes_deferred([Person, Member, Placement, MemberEvent, CourseParticipant]):
            self.generate_members()
        self.write_meetings()
        self.say(
            f"sinh hoạt chi bộ: {number(self.counts.meetings)} cuộc họp, "
            f"{number(self.counts.attendance)} lượt điểm danh"
        )
        self.write_congresses()
        self.say(f"đại hội: {number(self.counts.congresses)}; lớp bồi dưỡng: {number(self.counts.courses)}")
        self.write_oversight()
        self.say(f"kiểm tra, giám sát: {number(self.counts.oversights)}")
        self.finish()
        return self.counts

    @contextmanager
    def indexes_deferred(self, models) -> Iterator[None]:
        """On PostgreSQL outside a transaction: drop the plain indexes of the member tables while loading and
        build them again afterwards (as pg_restore does): one sort per index instead of millions of inserts.
        Indexes behind constraints (primary keys, unique) stay; the indexes come back even after an error."""
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            yield
            return
        tables = [m._meta.db_table for m in models]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
                "AND i.tablename = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
                "WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)",
                [tables],
            )
            saved = cursor.fetchall()
            for name, _ in saved:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        try:
            yield
        finally:
            self.say(f"tạo lại {len(saved)} chỉ mục")
            with connection.cursor() as cursor:
                cursor.execute("SET maintenance_work_mem = '512MB'")
                for _, definition in saved:
                    cursor.execute(definition)

    def finish(self) -> None:
        """Subtree counts, sequences after the last generated id, fresh planner statistics, and the audit event
        of the run."""
        with transaction.atomic():
            tally.recount()
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), list(self.MODELS)):
                cursor.execute(statement)
            if connection.vendor == "postgresql":
                cursor.execute("SET session_replication_role = DEFAULT")
                # VACUUM also marks the pages all-visible, so that counts can be answered from indexes alone.
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        with transaction.atomic():
            audit.record(
                None,
                DemoAudit.SCALE_GENERATE,
                object_type="demo.scale",
                object_label="Dữ liệu quy mô quốc gia",
                after=self.counts.__dict__,
                reason=f"generate_scale --members {self.target}",
            )
        self.say("xong")


class BatchWriter:
    """A thread with its own database connection that writes the member batches in order (at most two
    waiting, so memory stays bounded); an error in the thread stops the run."""

    def __init__(self, generator: Generator):
        self.generator = generator
        self.queue: queue.Queue = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._work, name="scale-writer", daemon=True)
        self.thread.start()

    def _work(self) -> None:
        try:
            self.generator.prepare(quiet=True)
            while (batch := self.queue.get()) is not None:
                if self.error is None:
                    self.generator._write_members(batch)
        except BaseException as error:  # noqa: BLE001 - handed to the main thread
            self.error = error
            while self.queue.get() is not None:
                pass
        finally:
            connection.close()

    def put(self, batch) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put(batch)

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error


class Buffers:
    def __init__(self):
        self.clear()

    def clear(self) -> None:
        self.people, self.members, self.placements, self.events, self.participants = [], [], [], [], []
