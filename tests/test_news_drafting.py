"""Drafting the article from the conference: the guests with exactly their titles of that day in protocol order,
the figures of the issued 9-month report (from its snapshot, never recomputed), the conclusion and its key tasks,
the signature; and a draft written after the position records change shows the new titles."""

from datetime import date

import pytest

import test_meetings_conference as world
from dangvu.meetings import actions as meeting_actions
from dangvu.meetings.demo import KEY_TASKS, nine_month_report
from dangvu.members import actions as member_actions
from dangvu.news import actions, drafting
from dangvu.news.proofread import proofread
from dangvu.news.queries import registry_names
from dangvu.organizations import actions as org_actions
from dangvu.organizations.models import Body, Post

pytestmark = pytest.mark.django_db
people, conference, key_tasks = world.people, world.conference, world.key_tasks
EXPECTED_GUESTS = world.EXPECTED_GUESTS


@pytest.fixture
def reported(tree, people, conference, key_tasks):
    """The conference with the issued 9-month report on its agenda, presented by the chief of the office."""
    member_actions.create_member(
        None,
        person={
            "family_name": "Đỗ",
            "middle_name": "Văn",
            "given_name": "An",
            "gender": "male",
            "birth_date": date(1980, 1, 1),
        },
        organization=tree["cell_a"],
        admitted_on=date(2010, 5, 1),
        official_on=date(2011, 5, 1),
    )
    report = nine_month_report(None, tree["city"])
    item = conference.agenda_items.get(presenter=people["chief"])
    item.report, item.document_label = report, f"Báo cáo số {report.register_entry.label}"
    item.save()
    return report


def guests_paragraph(draft):
    return next(p for p in draft.body if p.startswith("Dự hội nghị có"))


def test_the_draft_names_the_guests_with_their_titles_of_that_day_in_order(conference):
    draft = drafting.draft_from_meeting(conference)
    expected = "; ".join(f"đồng chí {name} - {titles}" for name, titles in EXPECTED_GUESTS)
    assert guests_paragraph(draft).startswith(f"Dự hội nghị có {expected}; các đồng chí trong BTV Thành ủy;")
    assert draft.title == (
        "Thành ủy Phủ Lý sơ kết công tác xây dựng Đảng 9 tháng đầu năm, triển khai nhiệm vụ "
        "trọng tâm 3 tháng cuối năm 2020"
    )
    assert draft.lead == (
        "Sáng ngày 8/10/2020 Thành ủy Phủ Lý tổ chức Hội nghị sơ kết công tác xây dựng Đảng "
        "9 tháng đầu năm, triển khai nhiệm vụ trọng tâm 3 tháng cuối năm 2020."
    )
    assert draft.author == "Thành ủy Phủ Lý"


def test_the_draft_carries_the_issued_report_figures_and_the_key_tasks(tree, conference, reported):
    draft = drafting.draft_from_meeting(conference)
    text = draft.body_text
    assert f"Báo cáo số {reported.register_entry.label}" in text
    assert "đồng chí Lê Văn Hòa - Chánh Văn phòng Thành ủy đã trình bày" in text
    figures = reported.snapshot["figures"]
    members = figures["members.total"]["value"]
    assert members == 1
    assert f"toàn Đảng bộ có {members} đảng viên" in text
    assert "Theo báo cáo, 9 tháng đầu năm 2020," in text
    # Records added after the issue do not change the figures quoted: the snapshot is what counts.
    member_actions.create_member(
        None,
        person={"family_name": "Vũ", "given_name": "Bình", "gender": "female", "birth_date": date(1985, 2, 2)},
        organization=tree["cell_b"],
        admitted_on=date(2015, 5, 1),
        official_on=date(2016, 5, 1),
    )
    assert "toàn Đảng bộ có 1 đảng viên" in drafting.draft_from_meeting(conference).body_text
    order = [
        next(i for i, p in enumerate(draft.body) if p.startswith(start))
        for start in (
            "Dự hội nghị có",
            "Tại hội nghị, đồng chí Lê Văn Hòa",
            "Theo báo cáo",
            "Tại hội nghị, các đại biểu đã tập trung thảo luận",
            "Phát biểu kết luận hội nghị",
            "Đồng chí yêu cầu",
        )
    ]
    assert order == sorted(order)
    conclusion = next(p for p in draft.body if p.startswith("Phát biểu kết luận hội nghị"))
    assert conclusion.startswith(
        "Phát biểu kết luận hội nghị, đồng chí Phạm Chí Thống - Phó Bí thư TT Thành ủy đã đánh giá cao"
    )
    tasks = draft.body[-1]
    for plan in KEY_TASKS:
        assert plan.title in tasks
    assert tasks.index(KEY_TASKS[0].title) < tasks.index(KEY_TASKS[-1].title) and tasks.endswith("./.")


def test_a_new_draft_follows_the_changed_position_records(conference, people, tree):
    before = guests_paragraph(drafting.draft_from_meeting(conference))
    assert "đồng chí Phạm Chí Thống - Phó Bí thư TT Thành ủy;" in before
    # The records are completed: on that day he also chaired the UBKT.
    org_actions.assign_position(
        None,
        person=people["thong"],
        organization=tree["city"],
        body=Body.INSPECTION_COMMITTEE,
        post=Post.INSPECTION_CHAIR,
        valid_from=date(2020, 8, 1),
        valid_to=date(2021, 1, 1),
    )
    after = guests_paragraph(drafting.draft_from_meeting(conference))
    assert "đồng chí Phạm Chí Thống - Phó Bí thư TT Thành ủy, Chủ nhiệm UBKT Thành ủy;" in after
    assert after != before


def test_the_drafted_article_proofreads_clean_and_is_saved_as_a_draft(conference, key_tasks):
    article = actions.create_from_meeting(None, conference)
    assert article.status == "draft" and article.source_meeting == conference
    assert proofread(article.full_text(), registry_names(article)) == []
    assert article.author == "Thành ủy Phủ Lý"


def test_a_meeting_not_yet_held_cannot_be_drafted(tree):
    planned = meeting_actions.create_meeting(
        None, organization=tree["city"], kind="conference", title="Hội nghị Ban Chấp hành", date=date(2020, 12, 20)
    )
    from dangvu.core.errors import RuleViolation

    with pytest.raises(RuleViolation, match="chưa tổ chức"):
        actions.create_from_meeting(None, planned)


def test_the_issued_report_is_linked_through_the_agenda_form(client, tree, users, conference, people):
    from dangvu.core.errors import RuleViolation
    from dangvu.reports import actions as report_actions
    from dangvu.reports.kinds import kind_by_code
    from dangvu.reports.periods import first_months

    issued = nine_month_report(None, tree["city"])
    draft = report_actions.create_report(
        None,
        organization=tree["city"],
        kind=kind_by_code("interim-6"),
        period=first_months(2020, 6),
        document_date=date(2020, 7, 5),
    )
    client.force_login(users["office"])
    response = client.post(
        f"/hoi-nghi/{conference.pk}/chuong-trinh/",
        {"title": "Báo cáo 6 tháng", "presenter": people["chief"].pk, "report": draft.pk},
    )
    assert response.status_code == 200 and "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    with pytest.raises(RuleViolation, match="đã ban hành"):
        meeting_actions.add_agenda_item(None, conference, title="Báo cáo 6 tháng", report=draft)
    response = client.post(
        f"/hoi-nghi/{conference.pk}/chuong-trinh/",
        {"title": "Báo cáo sơ kết 9 tháng", "presenter": people["chief"].pk, "report": issued.pk},
    )
    assert response.status_code == 302
    item = conference.agenda_items.get(report=issued)
    assert item.document_label == f"Báo cáo số {issued.register_entry.label}"
    assert "Theo báo cáo, 9 tháng đầu năm 2020," in drafting.draft_from_meeting(conference).body_text
