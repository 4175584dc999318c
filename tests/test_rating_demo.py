"""The demo's 2020 rating step on the small tree: everyone decided with a spread that keeps the cap of every
deciding body and the discipline bar, and the yearly review of 2020 says the result."""

import random
from datetime import date
from types import SimpleNamespace

from dangvu.rating.demo import load_ratings
from dangvu.rating.models import Grade, MemberRating, MemberStatus, OrganizationRating, Round, Step
from dangvu.rating.rules import excellent_allowed
from dangvu.reports import actions as report_actions
from dangvu.reports import kinds
from dangvu.reports.content import content
from dangvu.reports.periods import year as year_period
from dangvu.work import actions as work_actions
from dangvu.work.models import DisciplineForm, PerformingBody
from rating_support import add_members


def test_the_2020_rating_of_the_demo(tree, make_member):
    members = add_members(make_member, tree["cell_a"], 12) + add_members(make_member, tree["cell_b"], 12)
    add_members(make_member, tree["school"], 6)
    work_actions.decide_discipline(
        None,
        organization=tree["ward"],
        body=PerformingBody.INSPECTION_COMMITTEE,
        decided_on=date(2020, 5, 4),
        form=DisciplineForm.WARNING,
        decision_number="3-QĐ/UBKT",
        reason="Vi phạm quy chế",
        subject_member=members[0],
    )
    load_ratings(random.Random(2020), SimpleNamespace(orgs={"phuly": tree["city"]}))
    round_ = Round.objects.get()
    listed = MemberRating.objects.filter(round=round_, status=MemberStatus.LISTED)
    assert listed.count() == 30 and not listed.exclude(step=Step.DECIDED).exists()
    assert listed.get(member=members[0]).final_grade == Grade.FAILED
    for deciding in {r.deciding_id for r in listed}:
        grades = list(listed.filter(deciding_id=deciding).values_list("final_grade", flat=True))
        assert grades.count(Grade.EXCELLENT) <= excellent_allowed(grades.count(Grade.GOOD), 2020)
    organizations = OrganizationRating.objects.filter(round=round_)
    assert organizations.count() == 4 and not organizations.exclude(step=Step.DECIDED).exists()
    report = report_actions.create_report(
        None,
        organization=tree["city"],
        kind=kinds.kind_by_code("yearly"),
        period=year_period(2020),
        document_date=date(2021, 1, 10),
    )
    text = " ".join(p for s in content(report)["sections"] for p in s["paragraphs"])
    good = listed.filter(final_grade__in=[Grade.EXCELLENT, Grade.GOOD]).count()
    assert "Kết quả đánh giá, xếp loại chất lượng năm 2020:" in text
    assert f"{good}/30 đảng viên hoàn thành tốt nhiệm vụ trở lên" in text
    assert "/2 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên" in text
