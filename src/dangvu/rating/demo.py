"""The demo's 2020 rating of Phủ Lý: one round over the city, every grassroots organization, cell and member
rated with a realistic spread (most "hoàn thành tốt", a few "xuất sắc" within the cap of each deciding body,
some "hoàn thành", the disciplined at the rule's limit). Members go through `bulk.record_results` (the batch
entry point), organizations through the step actions, so that load_demo stays fast."""

import random
from datetime import date, timedelta

from dangvu.organizations.models import GRASSROOTS_KINDS

from . import actions
from .actions import member_disciplines, organization_disciplines
from .bulk import Result, record_results
from .models import Grade, MemberRating, MemberStatus, OrganizationRating
from .rules import YearRules, excellent_allowed, rank

YEAR = 2020
# Shares drawn for members and for organizations, before the cap and the discipline bar are applied.
MEMBER_SPREAD = [(Grade.EXCELLENT, 0.13), (Grade.GOOD, 0.77), (Grade.COMPLETE, 0.09), (Grade.FAILED, 0.01)]
ORGANIZATION_SPREAD = [(Grade.EXCELLENT, 0.15), (Grade.GOOD, 0.72), (Grade.COMPLETE, 0.11), (Grade.FAILED, 0.02)]


def _draw(rng: random.Random, spread) -> str:
    point, total = rng.random(), 0.0
    for grade, share in spread:
        total += share
        if point < total:
            return grade
    return spread[-1][0]


def spread(rng: random.Random, keys: list, spread_of, limited: dict) -> dict:
    """Grades for one deciding body's subjects: drawn, held at the discipline limit, then the cap applied."""
    grades = {}
    for key in keys:
        grade = _draw(rng, spread_of)
        if key in limited and rank(grade) < rank(limited[key]):
            grade = limited[key]
        grades[key] = grade
    excellent = [k for k, g in grades.items() if g == Grade.EXCELLENT]
    good = sum(1 for g in grades.values() if g == Grade.GOOD)
    rng.shuffle(excellent)
    allowed = excellent_allowed(good, YEAR)
    while allowed is not None and len(excellent) > allowed:
        grades[excellent.pop()] = Grade.GOOD
        good += 1
        allowed = excellent_allowed(good, YEAR)
    return grades


def load_ratings(rng: random.Random, ctx) -> None:
    """The 2020 rating: every member, cell and grassroots organization of Phủ Lý, decided by year's end."""
    city = ctx.orgs["phuly"]
    actor_scope = None  # the system itself
    round_ = actions.open_round(
        actor_scope,
        organization=city,
        year=YEAR,
        cutoff_on=date(YEAR, 12, 1),
        self_due=date(YEAR, 12, 10),
        cell_due=date(YEAR, 12, 20),
        decision_due=date(YEAR + 1, 1, 15),
    )
    limit = YearRules(YEAR).param("discipline_max_grade")
    listed = list(
        MemberRating.objects.filter(round=round_, status=MemberStatus.LISTED).values_list(
            "pk", "member_id", "cell_id", "deciding_id"
        )
    )
    disciplined = member_disciplines([m for _, m, _, _ in listed], YEAR)
    in_cell: dict[int, int] = {}
    by_body: dict[int, list[int]] = {}
    member_of = {}
    for pk, member_id, cell_id, deciding_id in listed:
        in_cell[cell_id] = in_cell.get(cell_id, 0) + 1
        by_body.setdefault(deciding_id, []).append(pk)
        member_of[pk] = member_id
    results = []
    for number, (_deciding, ratings) in enumerate(sorted(by_body.items()), start=1):
        limited = {pk: limit for pk in ratings if member_of[pk] in disciplined}
        grades = spread(rng, ratings, MEMBER_SPREAD, limited)
        decided = date(YEAR, 12, 21) + timedelta(days=rng.randrange(9))
        for pk in ratings:
            grade = grades[pk]
            results.append(
                Result(
                    rating_id=pk,
                    self_on=date(YEAR, 11, 25) + timedelta(days=rng.randrange(10)),
                    self_grade=grade if grade != Grade.FAILED else Grade.COMPLETE,
                    meeting_on=date(YEAR, 12, 12) + timedelta(days=rng.randrange(6)),
                    proposed_grade=grade,
                    present=None,
                    votes_for=None,
                    final_grade=grade,
                    decision_number=f"{number:02d}-TB/ĐU",
                    decision_on=decided,
                )
            )
    cell_of = {pk: cell for pk, _, cell, _ in listed}
    for item in results:
        present = max(1, in_cell[cell_of[item.rating_id]] - rng.randrange(3))
        item.present, item.votes_for = present, present - (rng.random() < 0.15)
    record_results(actor_scope, round_, results, reason="Dữ liệu mẫu: xếp loại năm 2020")
    _organizations(rng, round_)
    if hasattr(ctx, "log"):
        ctx.log(
            f"  xếp loại năm {YEAR}: {len(results)} đảng viên, "
            f"{OrganizationRating.objects.filter(round=round_).count()} tổ chức đảng"
        )


def _organizations(rng: random.Random, round_) -> None:
    ratings = list(OrganizationRating.objects.filter(round=round_).select_related("organization", "deciding", "round"))
    limit = YearRules(YEAR).param("discipline_max_grade")
    disciplined = organization_disciplines([r.organization_id for r in ratings], YEAR)
    by_body: dict = {}
    for rating in ratings:
        by_body.setdefault(rating.deciding, []).append(rating)
    for deciding, group in sorted(by_body.items(), key=lambda item: item[0].code):
        limited = {r.pk: limit for r in group if r.organization_id in disciplined}
        grades = spread(rng, [r.pk for r in group], ORGANIZATION_SPREAD, limited)
        grassroots = any(r.organization.kind in GRASSROOTS_KINDS for r in group)
        decided = date(YEAR + 1, 1, 8) if grassroots else date(YEAR, 12, 28)
        for rating in group:
            grade = grades[rating.pk]
            actions.record_organization_self_assessment(
                None,
                rating,
                on=date(YEAR, 12, 15) + timedelta(days=rng.randrange(8)),
                grade=grade if grade != Grade.FAILED else Grade.COMPLETE,
                results="Lãnh đạo thực hiện các chỉ tiêu, nhiệm vụ năm 2020.",
            )
        actions.decide_organizations(
            None,
            round_,
            deciding=deciding,
            grades=grades,
            number=f"{rng.randint(100, 400)}-QĐ/{deciding.committee_code or 'ĐU'}",
            on=decided,
        )
