"""Demo admissions: candidates of the Phủ Lý cells walked through the pipeline, every step by its action.

`load_admissions(rng, ctx)` is a step of the demo loader (`dangvu.demo.loader.STEPS`): for each year from
2014 it lists candidates whose admission decision falls in that year, so that admissions and recognitions
(a year later) exist in every year; some ceremonies and recognitions are late (the due list shows them),
a few candidates withdraw, are not admitted or are struck off, and the latest ones are still on the way.
It needs the organizations and the members of the earlier steps: `ctx` is the loader's context (or a dict)
with `orgs` (by code, 'phuly' among them).
"""

import random
from datetime import date, timedelta

from django.db.models import Count
from django.utils import timezone

from dangvu.core.workdays import WorkCalendar, load_holidays
from dangvu.members.models import Person
from dangvu.members.rules import add_months, citizen_id_digit
from dangvu.organizations.models import MEMBER_UNIT_KINDS, Ancestry, Kind, Organization

from . import actions, rules
from .models import Step

FIRST_YEAR = 2014
HORIZON = date(2026, 9, 30)  # the demo's "today"
PER_YEAR = (4, 6)  # candidates whose decision falls in each year: enough for every figure, and fast


def _get(ctx, name: str):
    return ctx[name] if isinstance(ctx, dict) else getattr(ctx, name)


def _actor(ctx):
    return ctx.get("actor") if isinstance(ctx, dict) else getattr(ctx, "actor", None)


class _People:
    """New people for the candidates, with citizen IDs that no one else holds."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used = set(Person.objects.exclude(citizen_id=None).values_list("citizen_id", flat=True))

    def make(self, born: date) -> dict:
        from dangvu.demo.names import draw_name

        rng = self.rng
        gender = "female" if rng.random() < 0.45 else "male"
        name = draw_name(rng, gender, born.year)
        prefix = f"035{citizen_id_digit(born.year, gender)}{born.year % 100:02d}"
        while True:
            citizen_id = f"{prefix}{rng.randrange(1_000_000):06d}"
            if citizen_id not in self.used:
                self.used.add(citizen_id)
                break
        return {
            "family_name": name.family,
            "middle_name": name.middle,
            "given_name": name.given,
            "gender": gender,
            "birth_date": born,
            "citizen_id": citizen_id,
            "ethnicity": "Kinh",
            "religion": "Không",
            "education": "12/12",
            "hometown": "thành phố Phủ Lý, tỉnh Hà Nam",
        }


def _deciding_committee(cell: Organization, on: date) -> Organization | None:
    """The nearest committee above the cell on a date (the grassroots committee, or the city)."""
    rows = (
        Ancestry.objects.filter(descendant=cell, depth__gt=0, valid_from__lte=on, valid_to__gt=on)
        .select_related("ancestor")
        .order_by("depth")
    )
    for row in rows:
        if row.ancestor.kind not in (*MEMBER_UNIT_KINDS, Kind.SUB_COMMITTEE):
            return row.ancestor
    return None


def _weekday(day: date, calendar: WorkCalendar) -> date:
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def load_admissions(rng: random.Random, ctx) -> None:
    """Candidates flowing through the pipeline into members: admissions and recognitions in every year."""
    load_holidays()
    actor = _actor(ctx)
    end = min(HORIZON, timezone.localdate())
    city = _get(ctx, "orgs")["phuly"]
    below = Ancestry.objects.filter(ancestor=city).values("descendant_id")
    # Cells with a fair number of members, so that most have three official members on any day.
    cells = list(
        Organization.objects.filter(pk__in=below, kind__in=MEMBER_UNIT_KINDS)
        .annotate(placed=Count("placements"))
        .filter(placed__gte=8)
        .order_by("code")
    )
    calendar = WorkCalendar.between(date(FIRST_YEAR - 1, 1, 1), end + timedelta(days=800))
    people = _People(rng)
    counts = {"candidates": 0, "admitted": 0, "official": 0}
    for year in range(FIRST_YEAR, end.year + 1):
        for _ in range(rng.randint(*PER_YEAR)):
            decision = _weekday(date(year, 1, 5) + timedelta(days=rng.randrange(350)), calendar)
            reached = _walk(rng, actor, cells, people, calendar, decision, end)
            if reached is None:
                continue
            counts["candidates"] += 1
            counts["admitted"] += reached in (Step.ADMITTED, Step.PROBATION, Step.OFFICIAL, Step.STRUCK_OFF)
            counts["official"] += reached == Step.OFFICIAL
    if hasattr(ctx, "log"):
        ctx.log(
            f"  {counts['candidates']} quần chúng ưu tú, {counts['admitted']} được kết nạp, "
            f"{counts['official']} được công nhận chính thức"
        )


def _pick_cell(rng: random.Random, cells: list[Organization], start: date, until: date, resolution: date):
    """A cell alive over the whole path that has at least three official members on the resolution day."""
    for _ in range(12):
        cell = rng.choice(cells)
        if cell.established_on > start or (cell.dissolved_on and cell.dissolved_on <= until):
            continue
        official = list(rules.official_members_on(cell, resolution).values_list("pk", flat=True))
        if len(official) >= 3:
            return cell
    return None


def _walk(rng, actor, cells, people, calendar: WorkCalendar, decision: date, end: date) -> Step | None:
    """One candidate, from the list up to the step that the demo's today (or fate) allows."""
    resolution = decision - timedelta(days=rng.randint(14, 45))
    introduced = resolution - timedelta(days=rng.randint(7, 30))
    applied = introduced - timedelta(days=rng.randint(3, 20))
    certified = applied - timedelta(days=rng.randint(10, 60))
    in_class = certified - timedelta(days=rng.randint(5, 10))
    listed = in_class - timedelta(days=rng.randint(30, 180))
    if listed > end:
        return None
    cell = _pick_cell(rng, cells, listed, min(end, add_months(decision, 14)), min(resolution, end))
    if cell is None:
        return None
    age_months = rng.choice([18 * 12, rng.randint(18 * 12 + 1, 24 * 12), rng.randint(22 * 12, 40 * 12)])
    born = add_months(min(resolution, end), -age_months) - timedelta(days=rng.randint(0, 20))
    candidate = actions.register(actor, person=people.make(born), organization=cell, listed_on=listed, today=end)
    fate = rng.random()
    steps = [
        (in_class, lambda c: actions.send_to_class(actor, c, on=in_class, today=end)),
        (
            certified,
            lambda c: actions.record_certificate(
                actor, c, number=f"{rng.randint(1, 250)}/GCN-TTCT", on=certified, today=end
            ),
        ),
        (applied, lambda c: actions.record_application(actor, c, on=applied, today=end)),
    ]
    for on, do in steps:
        if on > end:
            return candidate.step
        candidate = do(candidate)
    if fate < 0.04:
        actions.withdraw(
            actor,
            candidate,
            on=min(end, applied + timedelta(days=20)),
            reason="Chuyển nơi công tác, xin rút khỏi danh sách",
            today=end,
        )
        return Step.WITHDRAWN
    if introduced > end:
        return candidate.step
    official = list(rules.official_members_on(cell, introduced).select_related("person"))
    young = age_months < 30 * 12 and rng.random() < 0.5
    chosen = rng.sample(official, 1 if young else 2)
    introducers = [(m, introduced - timedelta(days=rng.randint(400, 2000))) for m in chosen]
    candidate = actions.record_introducers(
        actor,
        candidate,
        on=introduced,
        introducers=introducers,
        union_kind="youth_union" if young else "",
        union_reference=f"{rng.randint(1, 40)}-NQ/ĐTN" if young else "",
        today=end,
    )
    if resolution > end:
        return candidate.step
    total = rules.official_members_on(cell, resolution).count()
    if fate < 0.08:
        actions.reject(actor, candidate, on=resolution, reason="Chi bộ không đủ hai phần ba tán thành", today=end)
        return Step.REJECTED
    votes = rng.randint(rules.votes_needed(total, resolution), total)
    candidate = actions.record_resolution(
        actor, candidate, on=resolution, votes_for=votes, number=f"{rng.randint(1, 30):02d}-NQ/CB", today=end
    )
    if decision > end:
        return candidate.step
    committee = _deciding_committee(cell, decision)
    if committee is None:
        return candidate.step
    code = committee.committee_code or "ĐU"
    candidate = actions.record_decision(
        actor, candidate, number=f"{rng.randint(100, 999)}-QĐ/{code}", on=decision, by=committee, today=end
    )
    late = rng.random() < 0.1
    ceremony = calendar.add(decision, rng.randint(31, 40) if late else rng.randint(3, 25))
    if ceremony > end:
        return candidate.step
    # The cell receives the decision the day it is signed; a late ceremony has the superior's approval.
    over = rules.ceremony_deadline(decision, ceremony, ceremony).late
    candidate = actions.record_ceremony(
        actor,
        candidate,
        on=ceremony,
        received_on=decision,
        today=end,
        late_approval=f"Công văn đồng ý của {committee.name}" if over else "",
    )
    probation_end = rules.probation_end(ceremony)
    late = rng.random() < 0.12
    considered = calendar.add(probation_end, rng.randint(31, 50) if late else rng.randint(1, 25))
    if considered > end:
        return candidate.step
    if fate > 0.97:
        actions.strike_off(
            actor,
            candidate,
            number=f"{rng.randint(100, 999)}-QĐ/{code}",
            on=considered,
            reason="Không đủ tư cách đảng viên",
            today=end,
        )
        return Step.STRUCK_OFF
    candidate = actions.recognize(
        actor, candidate, number=f"{rng.randint(100, 999)}-QĐ/{code}", on=considered, today=end
    )
    return candidate.step
