"""Exemption from activities (miễn công tác và sinh hoạt đảng) only for old age or poor health, with the cell's
decision, and the return from it (trở lại sinh hoạt): the member's status and the kept counts follow, the
event says why, and a wrong step is refused in Vietnamese with nothing written."""

from datetime import date

import pytest
from django.urls import reverse

from dangvu.core.errors import RuleViolation
from dangvu.members import actions, tally
from dangvu.members.models import EventType, MemberEvent, Status

pytestmark = pytest.mark.django_db


def test_exemption_for_age_or_health_and_the_return(tree, make_member):
    member = make_member(tree["cell_a"], given="Thọ")
    with pytest.raises(
        RuleViolation,
        match="Chỉ miễn công tác và sinh hoạt đảng vì tuổi cao hoặc sức khỏe yếu "
        r"\(Điều lệ Đảng \(2011\), Điều 7\)",
    ):
        actions.exempt(None, member, on=date(2021, 3, 1), reason="busy")
    with pytest.raises(RuleViolation, match="không được miễn"):
        actions.end_exemption(None, member, on=date(2021, 3, 1))
    actions.exempt(
        None, member, on=date(2021, 3, 1), reason="health", decision_number="05-NQ/CB", detail="Đơn ngày 20/02/2021"
    )
    member.refresh_from_db()
    assert member.status == Status.EXEMPTED
    assert tally.counts_of(tree["ward"].pk)["exempted"] == 1
    event = MemberEvent.objects.get(member=member, type=EventType.EXEMPTED)
    assert event.detail == "Sức khỏe yếu; Đơn ngày 20/02/2021" and event.decision_number == "05-NQ/CB"
    with pytest.raises(RuleViolation, match="phải từ ngày được miễn \\(01/03/2021\\)"):
        actions.end_exemption(None, member, on=date(2021, 2, 1))
    actions.end_exemption(None, member, on=date(2023, 9, 1), decision_number="12-NQ/CB")
    member.refresh_from_db()
    assert member.status == Status.OFFICIAL
    assert tally.counts_of(tree["ward"].pk)["exempted"] == 0
    assert MemberEvent.objects.get(member=member, type=EventType.EXEMPTION_ENDED).date == date(2023, 9, 1)


def test_the_pages_ask_the_reason_and_offer_the_return(client, users, tree, make_member):
    member = make_member(tree["cell_a"], given="Thọ")
    client.force_login(users["office"])
    url = reverse("member_event", args=[member.pk, "mien-sinh-hoat"])
    page = client.post(url, {"date": "2021-03-01", "decision_number": ""}).content.decode()
    assert "Lý do" in page and "Trường này là bắt buộc" in page
    member.refresh_from_db()
    assert member.status == Status.OFFICIAL
    response = client.post(url, {"date": "2021-03-01", "decision_number": "05-NQ/CB", "reason": "age"})
    assert response.status_code == 302
    detail = client.get(reverse("member_detail", args=[member.pk])).content.decode()
    assert "Trở lại sinh hoạt" in detail and "Tuổi cao" in detail
    back = client.post(
        reverse("member_event", args=[member.pk, "tro-lai-sinh-hoat"]),
        {"date": "2022-01-10", "decision_number": "02-NQ/CB"},
    )
    assert back.status_code == 302
    member.refresh_from_db()
    assert member.status == Status.OFFICIAL
