"""An organization that has ended is shown as it stood on its last day, with a notice naming its successors; the
dashboard of a user whose organizations have all ended counts that day, not the empty counts of today."""

from datetime import date

import pytest
from django.utils import timezone

from dangvu.accounts import actions as account_actions
from dangvu.accounts.models import Role
from dangvu.organizations import actions

pytestmark = pytest.mark.django_db
MERGED = date(2024, 1, 1)


@pytest.fixture
def merged_school(tree, make_member):
    make_member(tree["school"], given="Bình")
    make_member(tree["school"], given="Cúc", gender="female")
    # (a cell's members go to a cell: the school's cell merges into the ward's first cell)
    actions.merge(None, [tree["school"]], tree["cell_a"], on=MERGED, decision_number="15-QĐ/TU")
    user = account_actions.create_user(None, username="vp-truong", password="x-Very-long-1")
    account_actions.grant_mandate(
        None, user, role=Role.OFFICE, organization=tree["school"], valid_from=date(2015, 1, 1)
    )
    return user


def test_the_page_of_an_ended_organization_shows_its_last_day_and_successors(client, users, merged_school):
    client.force_login(users["office"])
    page = client.get("/to-chuc/thpt/").content.decode()
    assert "đã kết thúc hoạt động từ ngày 01/01/2024" in page and "ngày cuối cùng, 31/12/2023" in page
    assert 'href="/to-chuc/qt-cb1/">Chi bộ tổ dân phố số 1</a>' in page
    assert "Số liệu ngày 31/12/2023." in page
    assert '<div class="stat">2</div>' in page or ">2<" in page
    earlier = client.get("/to-chuc/thpt/", {"ngay": "2020-06-30"}).content.decode()
    assert "Số liệu ngày 30/06/2020." in earlier


def test_the_dashboard_of_an_ended_organization_counts_its_last_day(client, merged_school):
    client.force_login(merged_school)
    page = client.get("/tong-quan/").content.decode()
    assert "Số liệu ngày 31/12/2023." in page and 'id="ended-notice"' in page
    assert '<div class="stat">2</div>' in page  # the two members of that day, not today's 0


def test_a_working_organization_says_it_counts_today(client, users, tree):
    client.force_login(users["office"])
    today = timezone.localdate().strftime("%d/%m/%Y")
    for url in ("/tong-quan/", "/to-chuc/phuly/"):
        page = client.get(url).content.decode()
        assert f"Số liệu ngày {today}." in page and 'id="ended-notice"' not in page, url
