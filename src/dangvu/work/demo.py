"""The work records of the Phủ Lý 2020 demo: congresses, the elected city committee, inspections,
supervisions, a programme, disciplines and courses, written through `dangvu.work.actions`.

`load_work_records(rng, ctx)` is called by `dangvu load_demo` once the organizations, members and the key city
positions exist. `ctx` holds "phuly" (the city organization), "grassroots" (its grassroots organizations),
"cells" (the cells under it) and "members" (members registered under it); "actor" is optional (None = the
system). The figures of the seed article (SEED-FACTS.md) are not stored anywhere: the records are laid out so
that counting them gives them, with noise the counting must ignore — subjects inspected twice, records one
day outside the period, regular (not thematic) supervisions, records of 2019, of the last quarter of 2020
and of later years:

- the grassroots congresses of the 2020–2025 term, all held before the city congress of 26–28/07/2020;
- inspections begun 01/01–30/09/2020 by any body of the city with 22 distinct organizations and 20 distinct
  members as subjects, thematic supervisions with 19 and 7;
- two awareness classes begun in the period with 120 candidates who attended in all (three more were listed
  but were absent or withdrew, and do not count), one new-member theory class.
"""

import random
from datetime import date, timedelta

from dangvu.members.models import Member, Person, Placement, Status
from dangvu.members.rules import citizen_id_digit
from dangvu.organizations.models import MEMBER_UNIT_KINDS, Body, Kind, Organization, Position, Post

from . import actions
from .actions.courses import ParticipantRow
from .models import (
    Activity,
    Congress,
    CongressKind,
    CongressStatus,
    CourseKind,
    CourseResult,
    DisciplineForm,
    OversightKind,
    PerformingBody,
)
from .queries import attended

TERM = "2020–2025"
PERIOD_START, PERIOD_END = date(2020, 1, 1), date(2020, 9, 30)
CITY_CONGRESS = (date(2020, 7, 26), date(2020, 7, 28))
CITY_ORDINAL = 23
INSPECTED_ORGS, INSPECTED_MEMBERS = 22, 20
SUPERVISED_ORGS, SUPERVISED_MEMBERS = 19, 7
AWARENESS_CANDIDATES = 120
CENTRE = "Trung tâm Chính trị thành phố Phủ Lý"


def _members(ctx) -> list[Member]:
    items = list(ctx.get("members") or [])
    if items and not isinstance(items[0], Member):
        items = list(Member.objects.filter(pk__in=[getattr(m, "pk", m) for m in items]))
    return sorted(items, key=lambda m: m.pk)


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


# Congresses -----------------------------------------------------------------------------------------------


def _congresses(rng: random.Random, actor, city: Organization, grassroots: list[Organization]) -> Congress:
    for org in grassroots:
        is_cell = org.kind == Kind.GRASSROOTS_CELL
        ordinal = rng.randint(8, 14) if is_cell else rng.randint(15, 24)
        kind = CongressKind.ALL_MEMBERS if is_cell or rng.random() < 0.5 else CongressKind.DELEGATES
        previous = _day(rng, date(2015, 3, 20), date(2015, 6, 30))
        if org.is_active(previous):
            actions.create_congress(
                actor,
                organization=org,
                term="2015–2020",
                ordinal=ordinal - 1,
                kind=kind,
                status=CongressStatus.HELD,
                planned_start=previous,
                held_start=previous,
                held_end=previous,
            )
        opened = _day(rng, date(2020, 4, 20), date(2020, 7, 10))
        closed = opened + timedelta(days=0 if kind == CongressKind.ALL_MEMBERS else 1)
        actions.create_congress(
            actor,
            organization=org,
            term=TERM,
            ordinal=ordinal,
            kind=kind,
            status=CongressStatus.HELD,
            planned_start=opened,
            held_start=opened,
            held_end=closed,
            delegates=rng.randint(60, 150) if kind == CongressKind.DELEGATES else None,
        )
    actions.create_congress(
        actor,
        organization=city,
        term="2015–2020",
        ordinal=CITY_ORDINAL - 1,
        kind=CongressKind.DELEGATES,
        status=CongressStatus.HELD,
        planned_start=date(2015, 7, 14),
        held_start=date(2015, 7, 14),
        held_end=date(2015, 7, 16),
        delegates=250,
    )
    # The next term's congresses, for a few grassroots organizations, before the 2025 reorganization.
    for org in rng.sample(grassroots, min(8, len(grassroots))):
        opened = _day(rng, date(2025, 4, 10), date(2025, 6, 20))
        if org.is_active(opened):
            actions.create_congress(
                actor,
                organization=org,
                term="2025–2030",
                kind=CongressKind.ALL_MEMBERS,
                status=CongressStatus.HELD,
                planned_start=opened,
                held_start=opened,
                held_end=opened,
            )
    return actions.create_congress(
        actor,
        organization=city,
        term=TERM,
        ordinal=CITY_ORDINAL,
        kind=CongressKind.DELEGATES,
        status=CongressStatus.HELD,
        planned_start=CITY_CONGRESS[0],
        planned_end=CITY_CONGRESS[1],
        held_start=CITY_CONGRESS[0],
        held_end=CITY_CONGRESS[1],
        delegates=rng.randint(240, 300),
    )


ELECTED_BODIES = (Body.EXECUTIVE, Body.STANDING, Body.PERMANENT, Body.INSPECTION_COMMITTEE)


def _election(rng: random.Random, actor, congress: Congress, pool: list[Member]) -> None:
    """The city executive committee and, at its first meeting, the standing committee, the secretaries and
    the inspection committee. Posts the demo already holds at the city on that day (the real officials of the
    article) are carried into the new term; the other seats go to invented members."""
    city, on = congress.organization, congress.held_end
    held = Position.objects.filter(
        organization=city, body__in=ELECTED_BODIES, valid_from__lte=on, valid_to__gt=on
    ).select_related("person")
    elected = [(p.person, p.body, p.post) for p in held]
    taken_posts = {(body, post) for _, body, post in elected}
    people = {p.pk for p, _, _ in elected}
    fresh = [m.person for m in pool if m.person_id not in people]
    rng.shuffle(fresh)
    seats = iter(fresh)

    def seat(body, post, person=None):
        person = person or next(seats)
        elected.append((person, body, post))
        people.add(person.pk)
        return person

    for post in (Post.SECRETARY, Post.STANDING_DEPUTY_SECRETARY, Post.DEPUTY_SECRETARY):
        if (Body.PERMANENT, post) not in taken_posts:
            seat(Body.PERMANENT, post)
    secretaries = {p.pk for p, body, _ in elected if body == Body.PERMANENT}
    chair = next(
        (p for p, body, post in elected if (body, post) == (Body.INSPECTION_COMMITTEE, Post.INSPECTION_CHAIR)), None
    )
    if chair is None:
        chair = seat(Body.INSPECTION_COMMITTEE, Post.INSPECTION_CHAIR)
    # Standing committee of 11 (the secretaries are named by their own posts), executive committee of 33.
    standing = [chair] + [next(seats) for _ in range(11 - len(secretaries) - 1)]
    for person in standing:
        seat(Body.STANDING, Post.MEMBER, person)
    executive = standing + [next(seats) for _ in range(33 - len(secretaries) - len(standing))]
    for person in executive:
        seat(Body.EXECUTIVE, Post.MEMBER, person)
    seat(Body.INSPECTION_COMMITTEE, Post.INSPECTION_DEPUTY)
    for _ in range(5):
        seat(Body.INSPECTION_COMMITTEE, Post.MEMBER)
    actions.record_election(actor, congress, elected, on, decision_number="Nghị quyết Đại hội lần thứ 23")


# Inspection and supervision -------------------------------------------------------------------------------


class _Recorder:
    """Writes inspections and supervisions with plausible texts and numbers."""

    CONTENT = {
        OversightKind.REGULAR: "Việc lãnh đạo, chỉ đạo thực hiện nghị quyết, chỉ thị của Đảng và chấp hành "
        "Điều lệ Đảng",
        OversightKind.SIGNS_OF_VIOLATION: "Dấu hiệu vi phạm trong thực hiện nhiệm vụ được giao",
        OversightKind.LOWER_INSPECTION_WORK: "Việc thực hiện nhiệm vụ kiểm tra, giám sát và thi hành kỷ luật "
        "trong Đảng",
        OversightKind.PARTY_FINANCE: "Việc thu, nộp, quản lý và sử dụng đảng phí",
        OversightKind.THEMATIC: "Việc thực hiện Chỉ thị 05-CT/TW về đẩy mạnh học tập và làm theo tư tưởng, "
        "đạo đức, phong cách Hồ Chí Minh",
    }

    def __init__(self, rng: random.Random, actor):
        self.rng, self.actor, self.serial = rng, actor, {}

    def __call__(self, activity, kind, performer, body, start, orgs=(), members=(), *, violation=False, item=None):
        year = start.year
        self.serial[year] = self.serial.get(year, 0) + 1
        prefix = "KH" if activity == Activity.SUPERVISION else "QĐ"
        end = start + timedelta(days=self.rng.randint(10, 40))
        violations = "Chưa thực hiện nghiêm chế độ sinh hoạt và báo cáo định kỳ" if violation else ""
        return actions.create_oversight(
            self.actor,
            activity=activity,
            kind=kind,
            organization=performer,
            body=body,
            start_date=start,
            end_date=end,
            decision_number=f"{self.serial[year]:02d}-{prefix}/{year}",
            content=self.CONTENT[kind],
            conclusion="Cơ bản thực hiện tốt; có một số hạn chế cần khắc phục.",
            violations_found=violation,
            violations=violations,
            follow_up="Yêu cầu kiểm điểm, khắc phục hạn chế và báo cáo kết quả." if violation else "",
            subject_organizations=list(orgs),
            subject_members=list(members),
            programme_item=item,
        )


def _groups(items: list, sizes: list[int]) -> list[list]:
    out, at = [], 0
    for size in sizes:
        out.append(items[at : at + size])
        at += size
    assert at == len(items), (at, len(items))
    return out


def _subject_pools(rng, city, grassroots, cells, members, placed_in):
    """A grassroots committee with two cells and three members of its own (for the work of a lower body),
    and shuffled pools of other organizations and members."""
    by_parent: dict[int, list[Organization]] = {}
    for cell in cells:
        by_parent.setdefault(cell.parent_id, []).append(cell)
    in_cells: dict[int, list[Member]] = {}
    for member in members:
        in_cells.setdefault(placed_in[member.pk], []).append(member)
    lower = None
    for org in grassroots:
        own_cells = by_parent.get(org.pk, [])
        own_members = [m for c in own_cells for m in in_cells.get(c.pk, [])]
        if org.kind == Kind.GRASSROOTS_COMMITTEE and len(own_cells) >= 2 and len(own_members) >= 3:
            lower = (org, own_cells[:2], own_members[:3])
            break
    if lower is None:
        raise ValueError("Dữ liệu mẫu cần một đảng bộ cơ sở có ít nhất 2 chi bộ và 3 đảng viên.")
    reserved_orgs = {o.pk for o in lower[1]}
    reserved_members = {m.pk for m in lower[2]}
    orgs = [o for o in [*grassroots, *cells] if o.pk != city.pk and o.pk not in reserved_orgs]
    people = [m for m in members if m.pk not in reserved_members]
    rng.shuffle(orgs)
    rng.shuffle(people)
    return lower, orgs, people


def _oversights(rng, actor, city, grassroots, cells, members, placed_in):
    record = _Recorder(rng, actor)
    (unit, unit_cells, unit_members), orgs, people = _subject_pools(rng, city, grassroots, cells, members, placed_in)
    UBKT, BTV, BCH = PerformingBody.INSPECTION_COMMITTEE, PerformingBody.STANDING, PerformingBody.EXECUTIVE
    INS, SUP = Activity.INSPECTION, Activity.SUPERVISION
    K = OversightKind

    # The programme of the city's inspection committee for 2020: planned items, most of them done.
    programme = actions.create_programme(
        actor,
        organization=city,
        body=UBKT,
        year=2020,
        title="Chương trình kiểm tra, giám sát năm 2020 của Ủy ban Kiểm tra Thành ủy",
        decision_number="01-CTr/UBKTTU",
    )

    # Inspections begun in the period: 22 organizations (2 by the lower committee) and 20 members.
    in_orgs = orgs[: INSPECTED_ORGS - len(unit_cells)]
    in_members = people[: INSPECTED_MEMBERS - 2]
    extra_orgs, extra_members = (
        orgs[INSPECTED_ORGS : INSPECTED_ORGS + 8],
        people[INSPECTED_MEMBERS : INSPECTED_MEMBERS + 8],
    )
    items = [
        actions.add_programme_item(
            actor,
            programme,
            activity=INS,
            kind=K.LOWER_INSPECTION_WORK,
            subject_organization=org,
            planned_month=month,
            content="",
        )
        for org, month in zip(in_orgs[:4], (3, 5, 7, 9), strict=True)
    ]
    items.append(
        actions.add_programme_item(
            actor,
            programme,
            activity=INS,
            kind=K.PARTY_FINANCE,
            subject_organization=extra_orgs[7],
            planned_month=11,
            content="",
        )
    )
    items.append(
        actions.add_programme_item(
            actor,
            programme,
            activity=INS,
            kind=K.LOWER_INSPECTION_WORK,
            subject_organization=extra_orgs[6],
            planned_month=8,
            content="",
        )
    )
    org_groups = _groups(in_orgs, [1, 1, 1, 1, 3, 2, 3, 2, 3, 3])
    member_groups = _groups(in_members, [0, 0, 0, 0, 2, 3, 1, 4, 3, 5])
    days = [
        date(2020, 1, 1),
        date(2020, 3, 9),
        date(2020, 5, 12),
        date(2020, 7, 6),
        date(2020, 2, 17),
        date(2020, 4, 6),
        date(2020, 5, 25),
        date(2020, 6, 15),
        date(2020, 8, 10),
        date(2020, 9, 30),
    ]
    kinds = [K.LOWER_INSPECTION_WORK] * 4 + [
        K.REGULAR,
        K.REGULAR,
        K.SIGNS_OF_VIOLATION,
        K.REGULAR,
        K.SIGNS_OF_VIOLATION,
        K.REGULAR,
    ]
    found = []
    for index, (group, mems, day, kind) in enumerate(zip(org_groups, member_groups, days, kinds, strict=True)):
        body = UBKT if kind != K.REGULAR or index % 2 else BTV
        item = items[index] if index < 4 else None
        found.append(record(INS, kind, city, body, day, group, mems, violation=kind == K.SIGNS_OF_VIOLATION, item=item))
    record(
        INS,
        K.REGULAR,
        unit,
        UBKT if unit.kind == Kind.GRASSROOTS_COMMITTEE else BCH,
        date(2020, 4, 20),
        unit_cells,
        unit_members[:1],
    )
    record(INS, K.SIGNS_OF_VIOLATION, unit, BCH, date(2020, 8, 24), (), unit_members[1:2], violation=True)
    # Inspected twice in the period: counted once.
    record(INS, K.PARTY_FINANCE, city, UBKT, date(2020, 8, 3), [in_orgs[4], in_orgs[9], unit_cells[0]])
    record(INS, K.SIGNS_OF_VIOLATION, city, UBKT, date(2020, 9, 14), (), [in_members[0], in_members[5]], violation=True)
    # Just outside the period, the year before, the last quarter and later years.
    record(INS, K.REGULAR, city, BTV, date(2019, 12, 31), [extra_orgs[0]], [extra_members[0]])
    record(INS, K.REGULAR, city, UBKT, date(2020, 10, 1), [extra_orgs[1]], [extra_members[1]])
    record(INS, K.PARTY_FINANCE, city, UBKT, date(2019, 5, 13), [extra_orgs[2], in_orgs[0]])
    record(INS, K.SIGNS_OF_VIOLATION, city, UBKT, date(2019, 9, 9), (), [extra_members[2]], violation=True)
    record(INS, K.PARTY_FINANCE, city, UBKT, date(2020, 11, 16), [extra_orgs[7]], item=items[4])
    record(INS, K.REGULAR, city, BTV, date(2020, 12, 7), [extra_orgs[3]], [extra_members[3]])
    for year, org, member in zip(
        (2021, 2022, 2023, 2024), extra_orgs[4:6] + in_orgs[1:3], extra_members[4:8], strict=True
    ):
        record(INS, K.REGULAR, city, UBKT, date(year, rng.randint(3, 10), rng.randint(1, 28)), [org], [member])

    # Thematic supervisions begun in the period: 19 organizations, 7 members; regular ones besides.
    s_orgs, s_people = orgs[:], people[:]
    rng.shuffle(s_orgs)
    rng.shuffle(s_people)
    t_orgs = s_orgs[: SUPERVISED_ORGS - 1]
    t_members = s_people[: SUPERVISED_MEMBERS - 1]
    other_orgs = s_orgs[SUPERVISED_ORGS : SUPERVISED_ORGS + 10]
    other_members = s_people[SUPERVISED_MEMBERS : SUPERVISED_MEMBERS + 8]
    t_groups = _groups(t_orgs, [4, 3, 5, 2, 4])
    t_member_groups = _groups(t_members, [1, 2, 0, 3, 0])
    t_days = [date(2020, 1, 2), date(2020, 3, 16), date(2020, 5, 18), date(2020, 8, 17), date(2020, 9, 28)]
    for group, mems, day, body in zip(t_groups, t_member_groups, t_days, [BTV, BCH, BTV, UBKT, BTV], strict=True):
        record(SUP, K.THEMATIC, city, body, day, group, mems)
    record(SUP, K.THEMATIC, unit, BCH, date(2020, 6, 8), [unit_cells[1]], unit_members[2:3])
    record(SUP, K.THEMATIC, city, BTV, date(2020, 9, 7), [t_orgs[0], t_orgs[5]], [t_members[1]])
    record(SUP, K.REGULAR, city, BTV, date(2020, 2, 10), other_orgs[:3], other_members[:2])
    record(SUP, K.REGULAR, city, UBKT, date(2020, 6, 22), other_orgs[3:5], other_members[2:3])
    record(SUP, K.THEMATIC, city, BTV, date(2019, 12, 30), [other_orgs[5]], [other_members[3]])
    record(SUP, K.THEMATIC, city, BTV, date(2020, 10, 2), [other_orgs[6]], [other_members[4]])
    record(SUP, K.THEMATIC, city, BCH, date(2019, 7, 15), [other_orgs[7], t_orgs[2]])
    record(SUP, K.THEMATIC, city, BTV, date(2020, 11, 23), [other_orgs[8]], [other_members[5]])
    for year, org, member in zip(
        (2021, 2023, 2024), [other_orgs[9], t_orgs[3], t_orgs[4]], other_members[6:8] + [t_members[2]], strict=True
    ):
        record(SUP, K.THEMATIC, city, BTV, date(year, rng.randint(2, 10), rng.randint(1, 28)), [org], [member])
    return found, unit, unit_members


def _disciplines(actor, city, found, unit, unit_members):
    violated = next(o for o in found if o.violations_found)
    member = violated.subjects.filter(member__isnull=False).first()
    if member is not None and member.member.status != Status.LEFT:
        actions.decide_discipline(
            actor,
            organization=city,
            body=PerformingBody.INSPECTION_COMMITTEE,
            decided_on=date(2020, 6, 26),
            form=DisciplineForm.WARNING,
            decision_number="12-QĐ/UBKTTU",
            subject_member=member.member,
            reason="Vi phạm quy định về những điều đảng viên không được làm",
            oversight=violated,
        )
    subject_org = found[5].subjects.filter(organization__isnull=False).first()
    actions.decide_discipline(
        actor,
        organization=city,
        body=PerformingBody.STANDING,
        decided_on=date(2020, 9, 10),
        form=DisciplineForm.REPRIMAND,
        decision_number="245-QĐ/TU",
        subject_organization=subject_org.organization,
        reason="Buông lỏng lãnh đạo, để xảy ra vi phạm trong quản lý đảng viên",
    )
    body = PerformingBody.EXECUTIVE
    actions.decide_discipline(
        actor,
        organization=unit,
        body=body,
        decided_on=date(2022, 3, 14),
        form=DisciplineForm.REPRIMAND,
        decision_number="08-QĐ/ĐU",
        subject_member=unit_members[1],
        reason="Không thực hiện nhiệm vụ được giao",
    )


# Courses --------------------------------------------------------------------------------------------------


class _Candidates:
    """Invented candidates (quần chúng ưu tú) with citizen IDs unused in the registry."""

    def __init__(self, rng: random.Random):
        from dangvu.demo.names import draw_name

        self.rng, self.draw = rng, draw_name
        self.used = set(Person.objects.exclude(citizen_id=None).values_list("citizen_id", flat=True))

    def rows(
        self, count: int, passed_share: float, year: int, first_number: int, absent: int = 0
    ) -> list[ParticipantRow]:
        """`count` candidates who attended (passed, or a few failed), then `absent` who were listed but did not
        attend (absent, or withdrew): the class counts the former only (`work.queries.attended`)."""
        rows = []
        for index in range(count + absent):
            gender = "female" if self.rng.random() < 0.5 else "male"
            born = date(self.rng.randint(year - 40, year - 19), self.rng.randint(1, 12), self.rng.randint(1, 28))
            name = self.draw(self.rng, gender, born.year)
            while True:
                cid = (
                    f"035{citizen_id_digit(born.year, gender)}{born.year % 100:02d}"
                    f"{self.rng.randint(900000, 999999):06d}"
                )
                if cid not in self.used:
                    self.used.add(cid)
                    break
            roll = self.rng.random()
            if index >= count:
                result = CourseResult.WITHDRAWN if index % 2 else CourseResult.ABSENT
            else:
                result = CourseResult.PASSED if roll < passed_share else CourseResult.FAILED
            number = f"{first_number + index:03d}/GCN-TTCT" if result == CourseResult.PASSED else ""
            rows.append(
                ParticipantRow(
                    family_name=name.family,
                    middle_name=name.middle,
                    given_name=name.given,
                    gender=gender,
                    birth_date=born,
                    citizen_id=cid,
                    result=result,
                    certificate_number=number,
                )
            )
        return rows


def _course(actor, city, kind, title, start, days, rows=None, members=()):
    course = actions.create_course(
        actor,
        kind=kind,
        title=title,
        organizer=city,
        start_date=start,
        end_date=start + timedelta(days=days),
        venue=CENTRE,
    )
    if rows:
        actions.import_participants(actor, course, rows)
    for index, member in enumerate(members, start=1):
        actions.add_participant(
            actor,
            course,
            member.person,
            result=CourseResult.PASSED,
            certificate_number=f"{index:03d}/{start.year}/LLCT",
        )
    return course


def _courses(rng, actor, city, members):
    candidates = _Candidates(rng)
    first = rng.randint(55, 65)
    sizes = [first, AWARENESS_CANDIDATES - first]
    awareness = [
        _course(
            actor,
            city,
            CourseKind.AWARENESS,
            "Lớp bồi dưỡng nhận thức về Đảng khóa I năm 2020",
            date(2020, 5, 18),
            4,
            candidates.rows(sizes[0], 0.95, 2020, 1, absent=2),
        ),
        _course(
            actor,
            city,
            CourseKind.AWARENESS,
            "Lớp bồi dưỡng nhận thức về Đảng khóa II năm 2020",
            date(2020, 8, 10),
            4,
            candidates.rows(sizes[1], 0.95, 2020, sizes[0] + 1, absent=1),
        ),
    ]
    recent = [m for m in members if date(2019, 1, 1) <= m.admitted_on <= date(2020, 6, 1)][:40]
    theory = _course(
        actor,
        city,
        CourseKind.NEW_MEMBER_THEORY,
        "Lớp bồi dưỡng lý luận chính trị cho đảng viên mới năm 2020",
        date(2020, 6, 15),
        9,
        members=recent,
    )
    # Other periods and other kinds: not counted for the nine months of 2020.
    _course(
        actor,
        city,
        CourseKind.AWARENESS,
        "Lớp bồi dưỡng nhận thức về Đảng khóa II năm 2019",
        date(2019, 10, 14),
        4,
        candidates.rows(35, 0.95, 2019, 1),
    )
    _course(
        actor,
        city,
        CourseKind.AWARENESS,
        "Lớp bồi dưỡng nhận thức về Đảng khóa III năm 2020",
        date(2020, 10, 19),
        4,
        candidates.rows(30, 0.95, 2020, AWARENESS_CANDIDATES + 1),
    )
    _course(
        actor,
        city,
        CourseKind.AWARENESS,
        "Lớp bồi dưỡng nhận thức về Đảng khóa I năm 2021",
        date(2021, 4, 12),
        4,
        candidates.rows(25, 0.95, 2021, 1),
    )
    earlier = [m for m in members if date(2018, 1, 1) <= m.admitted_on < date(2019, 6, 1)][:30]
    later = [m for m in members if date(2020, 6, 1) < m.admitted_on <= date(2020, 11, 1)][:30]
    _course(
        actor,
        city,
        CourseKind.NEW_MEMBER_THEORY,
        "Lớp bồi dưỡng lý luận chính trị cho đảng viên mới năm 2019",
        date(2019, 11, 4),
        9,
        members=earlier,
    )
    _course(
        actor,
        city,
        CourseKind.NEW_MEMBER_THEORY,
        "Lớp bồi dưỡng lý luận chính trị cho đảng viên mới đợt 2 năm 2020",
        date(2020, 11, 9),
        9,
        members=later,
    )
    _course(
        actor,
        city,
        CourseKind.OTHER,
        "Lớp bồi dưỡng nghiệp vụ công tác kiểm tra, giám sát năm 2020",
        date(2020, 4, 13),
        2,
    )
    return awareness, theory


def _placed_in_chunks(members, units, on) -> dict[int, int]:
    """Member id -> cell on a date, queried in chunks (SQLite limits the number of bound values)."""
    found = {}
    ids = [m.pk for m in members]
    for start in range(0, len(ids), 900):
        rows = Placement.objects.filter(
            member_id__in=ids[start : start + 900], valid_from__lte=on, valid_to__gt=on
        ).values_list("member_id", "organization_id")
        found.update((m, o) for m, o in rows if o in units)
    return found


def load_work_records(rng: random.Random, ctx: dict) -> dict:
    """Write the demo's work records; answers what other loaders may build on (the city congress, the
    awareness classes and their candidates, the new-member class)."""
    actor = ctx.get("actor")
    city: Organization = ctx["phuly"]
    grassroots = sorted(ctx["grassroots"], key=lambda o: o.pk)
    cells = sorted((c for c in ctx["cells"] if c.kind in MEMBER_UNIT_KINDS), key=lambda o: o.pk)
    members = _members(ctx)
    # Subjects and elected people: members admitted before 2019, registered in a cell of the city in mid-2020
    # and still members at the end of 2025.
    mid_2020 = date(2020, 6, 30)
    units = {o.pk for o in [*grassroots, *cells]}
    placed_in = _placed_in_chunks(members, units, mid_2020)
    settled = [
        m
        for m in members
        if m.pk in placed_in
        and m.admitted_on < date(2019, 1, 1)
        and (m.left_on is None or m.left_on > date(2025, 12, 31))
    ]
    congress = _congresses(rng, actor, city, grassroots)
    seniors = [m for m in settled if m.official_on and m.admitted_on < date(2012, 1, 1)]
    _election(rng, actor, congress, seniors or settled)
    found, unit, unit_members = _oversights(rng, actor, city, grassroots, cells, settled, placed_in)
    _disciplines(actor, city, found, unit, unit_members)
    awareness, theory = _courses(rng, actor, city, members)
    return {
        "city_congress": congress,
        "awareness_courses": awareness,
        "candidates": [p.person for c in awareness for p in attended(c.participants.select_related("person"))],
        "new_member_course": theory,
    }
