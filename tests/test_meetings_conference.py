"""The conference of 08/10/2020: guests in protocol order with the titles of that day, overrides, groups, the
conclusion notice numbered from the register. Its fixtures serve the news and task tests too."""

from datetime import date

import pytest

from dangvu.core.errors import RuleViolation
from dangvu.core.models import AuditEvent
from dangvu.demo.steps import record_person
from dangvu.meetings import actions, queries
from dangvu.meetings.demo import build_conference, record_key_tasks
from dangvu.meetings.models import Kind, Status
from dangvu.organizations import actions as org_actions
from dangvu.organizations.models import Body, Post

pytestmark = pytest.mark.django_db

ATTESTED = (date(2020, 10, 8), date(2020, 10, 10))
EXPECTED_GUESTS = [
    ("Trần Thanh Sơn", "Phó Trưởng Ban Tổ chức Tỉnh ủy"),
    ("Phạm Thị Thủy", "Phó Ban Dân vận Tỉnh ủy"),
    ("Nguyễn Anh Chức", "Ủy viên BTV Tỉnh ủy, Bí thư Thành ủy, Chủ tịch HĐND thành phố"),
    ("Phạm Chí Thống", "Phó Bí thư TT Thành ủy"),
]


def _post(person, org, body, post, start=ATTESTED[0], end=ATTESTED[1], **extra):
    org_actions.assign_position(
        None, person=person, organization=org, body=body, post=post, valid_from=start, valid_to=end, **extra
    )


@pytest.fixture
def people(tree):
    """The four officials of the article with the posts it gives them, and an invented chief of the office."""
    province, city = tree["province"], tree["city"]

    def person(family, middle, given):
        return record_person(None, family_name=family, middle_name=middle, given_name=given)

    son, thuy = person("Trần", "Thanh", "Sơn"), person("Phạm", "Thị", "Thủy")
    chuc, thong = person("Nguyễn", "Anh", "Chức"), person("Phạm", "Chí", "Thống")
    chief = person("Lê", "Văn", "Hòa")
    # Entered in an order different from the article's, to prove the protocol order is computed.
    _post(thong, city, Body.PERMANENT, Post.STANDING_DEPUTY_SECRETARY, term="2020–2025")
    _post(chuc, city, Body.STATE, Post.COUNCIL_CHAIR)
    _post(chuc, city, Body.PERMANENT, Post.SECRETARY, term="2020–2025")
    _post(chuc, province, Body.STANDING, Post.MEMBER)
    _post(thuy, province, Body.DEPARTMENT, Post.DEPUTY_HEAD, department="Ban Dân vận", label="Phó Ban Dân vận Tỉnh ủy")
    _post(son, province, Body.DEPARTMENT, Post.DEPUTY_HEAD, department="Ban Tổ chức")
    _post(chief, city, Body.DEPARTMENT, Post.HEAD, start=date(2019, 11, 1), end=None, department="Văn phòng")
    return {"son": son, "thuy": thuy, "chuc": chuc, "thong": thong, "chief": chief}


@pytest.fixture
def conference(tree, people):
    guests = [people["chuc"], people["thong"], people["thuy"], people["son"]]
    return build_conference(
        None,
        city=tree["city"],
        guests=guests,
        presenter=people["chief"],
        concluder=people["thong"],
        chair=people["chuc"],
    )


@pytest.fixture
def key_tasks(tree, people, conference):
    leads = {
        "propaganda_head_2020": people["chief"],
        "deputy_2020": people["chuc"],
        "mobilization_head": people["thong"],
    }
    return record_key_tasks(None, conference, leads, [tree["ward"]])


def test_guests_in_protocol_order_with_the_titles_of_that_day(conference):
    lines = queries.guest_lines(conference)
    people = [(line.name, line.titles) for line in lines if not line.is_group]
    assert people == EXPECTED_GUESTS
    assert [line.from_superior for line in lines[:4]] == [True, True, False, False]
    assert [line.name for line in lines[4:]][0] == "các đồng chí trong BTV Thành ủy"


def test_titles_follow_the_position_records_and_the_meeting_override(conference, people, tree):
    # A title held after the meeting's day does not appear; one recorded for that day does.
    _post(people["thong"], tree["province"], Body.EXECUTIVE, Post.MEMBER, start=date(2020, 10, 15), end=None)
    assert (
        dict((n, t) for n, t, *_ in [(x.name, x.titles) for x in queries.guest_lines(conference)])["Phạm Chí Thống"]
        == "Phó Bí thư TT Thành ủy"
    )
    guest = conference.guests.get(person=people["son"])
    actions.update_guest(None, guest, titles_override="Phó Trưởng Ban Thường trực Ban Tổ chức Tỉnh ủy")
    assert queries.guest_lines(conference)[0].titles == "Phó Trưởng Ban Thường trực Ban Tổ chức Tỉnh ủy"
    actions.update_guest(None, guest, titles_override="")
    assert queries.guest_lines(conference)[0].titles == "Phó Trưởng Ban Tổ chức Tỉnh ủy"
    assert AuditEvent.objects.filter(action="meeting.guest_update").count() == 2


def test_guest_input_is_checked(conference, people):
    with pytest.raises(RuleViolation, match="đã có trong danh sách"):
        actions.add_guest(None, conference, person=people["son"])
    with pytest.raises(RuleViolation, match="không cả hai"):
        actions.add_guest(None, conference, person=people["chief"], group_label="Các đồng chí")
    with pytest.raises(RuleViolation, match="không cả hai"):
        actions.add_guest(None, conference)


def test_meeting_input_is_checked(tree):
    with pytest.raises(RuleViolation) as caught:
        actions.create_meeting(
            None, organization=tree["city"], kind=Kind.CELL_MONTHLY, title="  ", date=date(2020, 3, 5)
        )
    assert "title" in caught.value.errors and "kind" in caught.value.errors
    with pytest.raises(RuleViolation, match="chưa thể ghi là đã tổ chức"):
        actions.create_meeting(
            None,
            organization=tree["city"],
            kind=Kind.CONFERENCE,
            title="Hội nghị",
            date=date(2020, 3, 5),
            status=Status.HELD,
            today=date(2020, 3, 1),
        )
    with pytest.raises(RuleViolation, match="không hoạt động"):
        actions.create_meeting(
            None, organization=tree["city"], kind=Kind.CONFERENCE, title="Hội nghị", date=date(2005, 3, 5)
        )


def test_conclusion_notice_takes_the_next_number_of_the_register(conference, key_tasks):
    from dangvu.meetings.models import Notice
    from dangvu.reports.models import RegisterEntry

    number = actions.issue_conclusion_notice(None, conference, on=date(2020, 10, 12))
    assert number == "01-TB/TU"
    entry = RegisterEntry.objects.get(type_code="TB")
    assert (entry.object_type, entry.object_id) == ("meetings.meeting", str(conference.pk))
    with pytest.raises(RuleViolation, match="đã có Thông báo kết luận"):
        actions.issue_conclusion_notice(None, conference, on=date(2020, 10, 12))
    assert Notice.objects.filter(title__contains="01-TB/TU").exists()
    context = queries.conclusion_notice_context(conference)
    assert context["issuer"] == "THÀNH ỦY PHỦ LÝ" and context["signer_post"] == "PHÓ BÍ THƯ"
    assert context["place_date"] == "Phủ Lý, ngày 12 tháng 10 năm 2020"


def test_the_key_tasks_of_the_conclusion_stand_as_planned_at_the_end_of_2020(tree, key_tasks):
    from dangvu.accounts.scope import Scope
    from dangvu.tasks import queries as task_queries

    class Admin:
        is_superuser = True

    report = task_queries.period_report(Scope(user=Admin()), tree["city"], date(2020, 10, 1), date(2020, 12, 31))
    assert (report.assigned, report.done_on_time, report.done_late, report.overdue) == (4, 2, 1, 1)
    commemorations = key_tasks[0]
    commemorations.refresh_from_db()
    assert commemorations.progress == 100 and commemorations.done_on == date(2020, 12, 21)
