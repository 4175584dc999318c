"""Kết nạp lại (issue 16 §7): at least 36 months after leaving, once, never on the excluded grounds of the rules
in force, with the provincial standing committee's consent; the membership opens again, probationary, and its
Party age counts less the time without activity."""

from datetime import date

import pytest
from django.urls import reverse

from dangvu.admission import actions
from dangvu.admission.models import ReadmissionGround, Step
from dangvu.core.errors import RuleViolation
from dangvu.members import actions as member_actions
from dangvu.members.models import EventType, LeftReason, Placement, Status
from dangvu.members.rules import add_months
from dangvu.organizations.models import OPEN_END
from dangvu.work import queries as work_queries
from test_admission_support import walk

pytest_plugins = ["test_admission_support"]  # the `cell` fixture

CONSENT = "125-CV/TU ngày 10/11/2019"


@pytest.fixture
def former(cell, make_member):
    """A member of cell A admitted 01/03/1990, struck off on 01/05/2015."""
    member = make_member(
        cell["cell"],
        family="Lê",
        middle="Văn",
        given="Cũ",
        birth=date(1968, 4, 1),
        admitted=date(1990, 3, 1),
        official=date(1991, 3, 1),
    )
    return member_actions.leave(
        None, member, on=date(2015, 5, 1), reason=LeftReason.STRUCK_OFF, decision_number="12-QĐ/ĐU"
    )


def _list(cell, member, ground=ReadmissionGround.OTHER, consent=CONSENT, on=date(2019, 12, 2), **extra):
    return actions.register(
        None,
        person=member.person,
        organization=cell["cell"],
        listed_on=on,
        readmission_ground=ground,
        readmission_consent=consent,
        **extra,
    )


def test_the_excluded_grounds_and_the_consent(cell, former):
    with pytest.raises(RuleViolation) as caught:
        _list(cell, former, ground=ReadmissionGround.LEFT_ACTIVITY, consent="")
    errors = caught.value.errors
    assert "tự bỏ sinh hoạt đảng" in errors["readmission_ground"][0]
    assert "Quy định 29-QĐ/TW" in errors["readmission_ground"][0]  # the rules in force on 02/12/2019
    assert errors["readmission_consent"] == ["Cần ghi văn bản đồng ý của Ban Thường vụ tỉnh ủy, thành ủy (số, ngày)."]
    for ground in (ReadmissionGround.CORRUPTION, ReadmissionGround.SERIOUS_CRIME, ReadmissionGround.DISUNITY):
        with pytest.raises(RuleViolation):
            _list(cell, former, ground=ground)
    # without the ground a person who left is still told where to go
    with pytest.raises(RuleViolation) as caught:
        actions.register(None, person=former.person, organization=cell["cell"], listed_on=date(2019, 12, 2))
    assert "Kết nạp lại" in caught.value.errors["person"][0]


def test_a_resignation_only_for_a_family_hardship(cell, make_member):
    member = make_member(
        cell["cell"], given="Xin", birth=date(1970, 1, 1), admitted=date(1995, 1, 1), official=date(1996, 1, 1)
    )
    member_actions.leave(None, member, on=date(2015, 1, 5), reason=LeftReason.RESIGNED)
    with pytest.raises(RuleViolation) as caught:
        _list(cell, member, ground=ReadmissionGround.OTHER)
    assert "chọn lý do xin ra khỏi Đảng" in caught.value.errors["readmission_ground"][0]
    with pytest.raises(RuleViolation):
        _list(cell, member, ground=ReadmissionGround.RESIGNED)
    assert _list(cell, member, ground=ReadmissionGround.RESIGNED_HARDSHIP).step == Step.LISTED


def test_thirty_six_months_after_leaving_and_sixty_after_a_minor_crime(cell, make_member):
    member = make_member(
        cell["cell"], given="Gần", birth=date(1970, 1, 1), admitted=date(1995, 1, 1), official=date(1996, 1, 1)
    )
    member_actions.leave(None, member, on=date(2017, 6, 1), reason=LeftReason.STRUCK_OFF)
    with pytest.raises(RuleViolation) as caught:
        _list(cell, member)
    assert caught.value.errors["listed_on"] == [
        "Nguyễn Văn Gần ra khỏi Đảng ngày 01/06/2017: chỉ xét kết nạp lại sau ít nhất 36 tháng (từ ngày 01/06/2020)."
    ]
    assert _list(cell, member, on=date(2020, 6, 1)).step == Step.LISTED
    other = make_member(
        cell["cell_b"], given="Án", birth=date(1970, 1, 1), admitted=date(1995, 1, 1), official=date(1996, 1, 1)
    )
    member_actions.leave(None, other, on=date(2010, 6, 1), reason=LeftReason.STRUCK_OFF)
    with pytest.raises(RuleViolation) as caught:
        _list(cell, other, ground=ReadmissionGround.MINOR_CRIME, record_cleared_on=date(2016, 1, 4))
    assert "sau 60 tháng (từ ngày 04/01/2021)" in caught.value.errors["record_cleared_on"][0]


def test_readmission_opens_the_membership_again_once(cell, former, users, client):
    candidate = _list(cell, former)
    candidate = walk(cell, Step.OFFICIAL, candidate=candidate)
    former.refresh_from_db()
    left_on, readmitted = date(2015, 5, 1), date(2020, 6, 1)
    assert former.status == Status.OFFICIAL and former.left_on is None
    assert former.admitted_on == date(1990, 3, 1)  # the first admission stays
    assert former.party_age_from == date(1990, 3, 1) + (readmitted - left_on)
    assert former.official_on == date(2021, 6, 15)  # 12 months of probation from the ceremony, like a first one
    assert list(
        Placement.objects.filter(member=former).order_by("valid_from").values_list("valid_from", "valid_to")
    ) == [(date(1990, 3, 1), left_on), (readmitted, OPEN_END)]
    assert former.events.filter(type=EventType.READMITTED, date=readmitted, decision_number="120-QĐ/ĐU").exists()
    assert candidate.member == former
    client.force_login(users["office"])
    page = client.get(reverse("member_detail", args=[former.pk])).content.decode()
    assert f"Tuổi đảng tính từ:</strong> {former.party_age_from:%d/%m/%Y}" in page
    # Party age less the five years out: the 30-year badge comes then, not on 01/03/2020.
    reached = add_months(former.party_age_from, 12 * 30)
    assert reached == date(2025, 4, 2)
    due = work_queries.badges_proposed(cell["city"].pk, date(2025, 5, 19))
    assert [(d.member, d.years, d.reached_on) for d in due] == [(former, 30, reached)]
    assert work_queries.badges_proposed(cell["city"].pk, date(2020, 5, 19)) == []
    # Once only.
    member_actions.leave(None, former, on=date(2022, 3, 1), reason=LeftReason.STRUCK_OFF)
    with pytest.raises(RuleViolation) as caught:
        _list(cell, former, on=date(2025, 6, 2))
    assert "chỉ kết nạp lại một lần" in caught.value.errors["person"][0]


def test_the_member_page_offers_readmission(cell, former, users, client):
    client.force_login(users["office"])
    page = client.get(reverse("member_detail", args=[former.pk])).content.decode()
    url = reverse("admission_readmission", args=[former.pk])
    assert url in page
    form_page = client.get(url).content.decode()
    assert "Không xem xét kết nạp lại" in form_page  # the rules in force are shown
    refused = client.post(
        url,
        {
            "organization": cell["cell"].code,
            "listed_on": "02/12/2019",
            "readmission_ground": "left_activity",
            "readmission_consent": CONSENT,
        },
    )
    assert refused.status_code == 200 and "tự bỏ sinh hoạt đảng" in refused.content.decode()
    done = client.post(
        url,
        {
            "organization": cell["cell"].code,
            "listed_on": "02/12/2019",
            "readmission_ground": "other",
            "readmission_consent": CONSENT,
        },
    )
    assert done.status_code == 302
    candidate = former.person.candidacies.get()
    assert candidate.readmission_consent == CONSENT
    detail = client.get(reverse("admission_candidate_detail", args=[candidate.pk])).content.decode()
    assert "Kết nạp lại" in detail and CONSENT in detail
