"""The demo step of meetings, tasks and news (`load_meetings_and_news`) on a small tree shaped like the demo's:
the conference with its guests, the issued report on its agenda, the key tasks as they stood at the end of
2020, the conclusion notice, the cell meetings of 2020, the published article drafted from the meeting with
real "Các tin khác", and one draft that never shows."""

import random
from datetime import date
from types import SimpleNamespace

import pytest

import test_meetings_conference as world
from dangvu.accounts.scope import Scope
from dangvu.meetings import attendance, queries
from dangvu.meetings.demo import ARTICLE_PEOPLE, load_meetings_and_news
from dangvu.meetings.models import Attendance, Kind, Meeting
from dangvu.news import actions as news_actions
from dangvu.news.models import Article
from dangvu.organizations.models import Sector
from dangvu.tasks import queries as task_queries

pytestmark = pytest.mark.django_db
people = world.people


@pytest.fixture
def loaded(tree, people, make_member):
    for n, cell in enumerate(("cell_a", "cell_a", "cell_b", "school")):
        make_member(tree[cell], given=f"Thành{n}")
    keys = dict(zip(ARTICLE_PEOPLE, ("son", "thuy", "chuc", "thong"), strict=True))
    ctx = SimpleNamespace(
        actor=None,
        log=lambda message: None,
        orgs={
            "phuly": tree["city"],
            "pl-quangtrung": tree["ward"],
            "qt-cb1": tree["cell_a"],
            "qt-cb2": tree["cell_b"],
            "thpt": tree["school"],
        },
        persons={
            **{key: people[name] for key, name in keys.items()},
            "office_chief_2020": people["chief"],
            "deputy_2020": people["chuc"],
            "mobilization_head": people["thong"],
        },
        org_specs=[
            SimpleNamespace(code="pl-quangtrung", sector=Sector.WARD_COMMUNE),
            SimpleNamespace(code="thpt", sector=Sector.SCHOOL),
        ],
        cells=[SimpleNamespace(org=SimpleNamespace(code=code)) for code in ("qt-cb1", "qt-cb2", "thpt")],
    )
    load_meetings_and_news(random.Random(2020), ctx)
    return ctx


class Admin:
    is_superuser = True
    is_authenticated = True


def test_the_demo_conference_and_what_came_of_it(tree, loaded):
    conference = Meeting.objects.get(kind=Kind.REVIEW)
    assert conference.notice_number == "01-TB/TU"
    assert [line.name for line in queries.guest_lines(conference)][:4] == [
        "Trần Thanh Sơn",
        "Phạm Thị Thủy",
        "Nguyễn Anh Chức",
        "Phạm Chí Thống",
    ]
    item = conference.agenda_items.get(report__isnull=False)
    assert item.report.status == "issued" and item.presenter.full_name == "Lê Văn Hòa"
    report = task_queries.period_report(Scope(user=Admin()), tree["city"], date(2020, 10, 1), date(2020, 12, 31))
    assert (report.assigned, report.done_on_time, report.done_late, report.overdue) == (4, 2, 1, 1)


def test_the_demo_cell_meetings_of_2020(tree, loaded):
    monthly = Meeting.objects.filter(kind=Kind.CELL_MONTHLY, date__year=2020)
    assert 30 <= monthly.count() <= 36  # three cells, a month missed now and then
    assert Meeting.objects.filter(kind=Kind.CELL_THEMATIC).exists()
    assert Attendance.objects.filter(meeting__in=monthly).count() >= monthly.count()
    totals = attendance.totals(None, tree["city"], date(2020, 1, 1), date(2020, 12, 31))
    assert totals.meetings > 30 and 50 < totals.share_present <= 100


def test_the_demo_article_is_published_clean_with_other_news(client, loaded):
    article = Article.objects.get(source_meeting__kind=Kind.REVIEW)
    assert article.status == "published" and news_actions.check(article) == []
    page = client.get(f"/tin-tuc/{article.pk}-{article.slug}/").content.decode()
    assert "Thứ Sáu, 09/10/2020" in page
    others = page.split("Các tin khác", 1)[1]
    published = Article.objects.public().exclude(pk=article.pk)
    assert published.count() == 4 and all(other.title in others for other in published)
    draft = Article.objects.get(status="draft")
    assert draft.title not in page
    assert client.get(f"/tin-tuc/{draft.pk}-{draft.slug}/").status_code == 404
