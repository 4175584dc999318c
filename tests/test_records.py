"""Party cards (official members only, lost or damaged then reissued) and the data-health page of a subtree."""

from datetime import date

import pytest
from django.urls import reverse

from dangvu.accounts.scope import scope_for
from dangvu.core.errors import RuleViolation
from dangvu.core.models import AuditEvent
from dangvu.members.models import EventType
from dangvu.records import actions, queries
from dangvu.records.models import CardState
from dangvu.transfers import actions as transfer_actions

TODAY = date(2026, 1, 15)


@pytest.fixture
def office(users):
    return scope_for(users["office"])


def test_cards_only_for_official_members_then_lost_and_reissued(office, tree, make_member):
    probationer = make_member(tree["cell_a"], given="Dự", admitted=date(2025, 9, 1), official=None)
    with pytest.raises(RuleViolation) as raised:
        actions.issue_card(office, probationer, number="035009001", on=date(2025, 10, 1), by=tree["city"], today=TODAY)
    assert "chỉ đảng viên chính thức được cấp thẻ" in raised.value.errors["on"][0]
    member = make_member(tree["cell_a"], given="Chính")
    assert member in queries.without_card(office, tree["city"])
    card = actions.issue_card(
        office,
        member,
        number="035009002",
        on=date(2020, 11, 7),
        by=tree["city"],
        decision_number="QĐ 80-QĐ/TU",
        today=TODAY,
    )
    member.refresh_from_db()
    assert member.card_number == "035009002" and member not in queries.without_card(office, tree["city"])
    assert member.events.filter(type=EventType.CARD_ISSUED).count() == 1
    with pytest.raises(RuleViolation):  # one valid card at a time
        actions.issue_card(office, member, number="035009003", on=date(2021, 1, 4), by=tree["city"], today=TODAY)
    with pytest.raises(RuleViolation):  # a card is reissued only once reported
        actions.reissue_card(office, card, number="035009003", on=date(2021, 1, 4), by=tree["city"], today=TODAY)
    with pytest.raises(RuleViolation) as raised:
        actions.report_card(office, card, state="lost", on=date(2021, 1, 3), note="", today=TODAY)
    assert "note" in raised.value.errors
    actions.report_card(office, card, state="lost", on=date(2021, 1, 3), note="Mất khi đi công tác", today=TODAY)
    with pytest.raises(RuleViolation) as raised:  # the number of the lost card is not given again
        actions.reissue_card(office, card, number="035009002", on=date(2021, 1, 4), by=tree["city"], today=TODAY)
    assert "đã được cấp" in raised.value.errors["number"][0]
    fresh = actions.reissue_card(office, card, number="035009003", on=date(2021, 1, 4), by=tree["city"], today=TODAY)
    card.refresh_from_db()
    member.refresh_from_db()
    assert card.state == CardState.LOST and fresh.replaces == card and member.card_number == "035009003"
    assert list(
        AuditEvent.objects.filter(object_type="records.partycard").order_by("id").values_list("action", flat=True)
    ) == ["card.issue", "card.lost", "card.reissue"]


def test_a_cell_below_the_city_cannot_decide_a_card(office, tree, make_member):
    member = make_member(tree["cell_a"], given="Bình")
    with pytest.raises(RuleViolation) as raised:
        actions.issue_card(office, member, number="035009010", on=date(2020, 11, 7), by=tree["cell_b"], today=TODAY)
    assert "by" in raised.value.errors


def test_the_data_health_page_lists_what_to_clean_with_links(client, users, tree, make_member):
    w = tree
    no_cid = make_member(w["cell_a"], family="Hoàng", given="Vắng", citizen_id=None, card_number="035001111")
    twin_a = make_member(
        w["cell_a"], family="Ngô", middle="Văn", given="Trùng", birth=date(1970, 2, 2), card_number="035001112"
    )
    twin_b = make_member(
        w["school"], family="Ngô", middle="Văn", given="Trùng", birth=date(1970, 2, 2), card_number="035001113"
    )
    late = make_member(w["cell_b"], family="Lý", given="Muộn", admitted=date(2023, 3, 1), official=None)
    transfer = transfer_actions.request(
        transfer_actions.SYSTEM,
        twin_a,
        kind="official_internal",
        destination=w["cell_b"],
        decision_on=date(2025, 10, 1),
        requested_on=date(2025, 10, 2),
    )
    transfer_actions.issue_letter(
        transfer_actions.SYSTEM, transfer, on=date(2025, 10, 3), dues_paid_to=date(2025, 10, 1)
    )
    found = queries.health(scope_for(users["office"]), w["city"], TODAY)
    by_check = {key: rows for key, _label, rows in found["by_check"]}
    assert [f.member for f in by_check["no_citizen_id"]] == [no_cid]
    assert {f.member for f in by_check["duplicate"]} == {twin_a, twin_b}
    assert users["own_member"] in {f.member for f in by_check["no_card"]}
    assert [f.member for f in by_check["probation_over"]] == [late]
    assert [f.member for f in by_check["transfer_overdue"]] == [twin_a]
    # Cell A has 3 official members (Hoa of the fixture, Vắng, Trùng); cell B 0, the school 1.
    assert {f.organization.code for f in by_check["small_cell"]} == {"qt-cb2", "thpt"}
    client.force_login(users["office"])
    page = client.get(reverse("records_health") + "?to_chuc=phuly").content.decode()
    assert reverse("member_edit", args=[no_cid.pk]) in page
    assert reverse("transfers_detail", args=[transfer.pk]) in page
    assert reverse("member_event", args=[late.pk, "cong-nhan-chinh-thuc"]) in page
    assert "Chi bộ dưới số đảng viên chính thức tối thiểu" in page
    assert "0 đảng viên chính thức, dưới 3 (" in page  # cell B, with the rule's value and regulation
    other = client.get(reverse("records_health") + "?to_chuc=namdinh")
    assert other.status_code == 200 and "Không tìm thấy tổ chức" in other.content.decode()
    assert client.get(reverse("records_without_card")).status_code == 200


def _docx_text(content: bytes) -> str:
    import io

    from docx import Document

    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_record_form_reads_each_history_line_and_the_phieu_dang_vien_shows_it(client, users, tree, make_member):
    member = make_member(
        tree["cell_a"], family="Tạ", middle="Quang", given="Huy", card_number="035002222", hometown="Kim Bảng, Hà Nam"
    )
    client.force_login(users["office"])
    url = reverse("records_edit", args=[member.pk])
    bad = client.post(
        url,
        {
            "place_of_birth": "Hà Nam",
            "work_history": "03/2005 - 13/2010: Giáo viên\nlung tung",
            "awards": "2019: Giấy khen",
        },
    )
    page = bad.content.decode()
    assert bad.status_code == 200 and "Dòng 1" in page and "Dòng 2" in page
    assert not member.person.__class__.objects.filter(record__isnull=False).exists()
    good = client.post(
        url,
        {
            "place_of_birth": "Xã Thanh Sơn, huyện Kim Bảng, Hà Nam",
            "permanent_residence": "Phường Quang Trung, Phủ Lý",
            "profile_number": "LL-035-777",
            "work_history": "03/2005 - 08/2015: Giáo viên Trường THCS Thanh Sơn\n"
            "09/2015 - nay: Chuyên viên UBND phường",
            "training": "09/2001 - 06/2005: Đại học Sư phạm Hà Nội, cử nhân Toán",
            "family": "Vợ | Nguyễn Thị Lan | 1982 | Giáo viên, Phủ Lý",
            "awards": "2019: Giấy khen của UBND thành phố",
        },
    )
    assert good.status_code == 302
    sheet = client.get(reverse("records_sheet", args=[member.pk, "docx"]))
    text = _docx_text(sheet.content)
    for expected in (
        "PHIẾU ĐẢNG VIÊN",
        "Tạ Quang Huy",
        "Số lý lịch: LL-035-777",
        "Số thẻ: 035002222",
        "Xã Thanh Sơn, huyện Kim Bảng, Hà Nam",
        "Chuyên viên UBND phường",
        "nay",
        "Nguyễn Thị Lan",
        "Giấy khen của UBND thành phố",
        "Kết nạp",
    ):
        assert expected in text, expected
    edit = client.get(url).content.decode()
    assert "09/2015 - nay: Chuyên viên UBND phường" in edit


def test_member_books_and_the_cross_check_finds_a_planted_discrepancy(client, users, tree, make_member):
    import subprocess

    from dangvu.members import actions as member_actions
    from dangvu.members.models import LeftReason, Placement
    from dangvu.organizations.models import OPEN_END
    from dangvu.records import crosscheck

    w = tree
    first = make_member(w["cell_b"], family="An", given="Một", admitted=date(2001, 1, 5))
    second = make_member(w["cell_b"], family="Bùi", given="Hai", admitted=date(1999, 1, 5))
    gone = make_member(w["cell_b"], family="Cao", given="Ba")
    dead = make_member(w["cell_b"], family="Đào", given="Bốn")
    member_actions.leave(None, gone, on=date(2020, 5, 4), reason=LeftReason.STRUCK_OFF)
    member_actions.leave(None, dead, on=date(2020, 6, 4), reason=LeftReason.DECEASED)
    scope = scope_for(users["office"])
    cells = dict(queries.book(scope, w["ward"], "dang-sinh-hoat"))
    assert [(r.number, r.member) for r in cells[w["cell_b"]]] == [(1, second), (2, first)]
    assert [r.member for _c, rows in queries.book(scope, w["ward"], "ra-khoi-dang") for r in rows] == [gone]
    assert [r.member for _c, rows in queries.book(scope, w["ward"], "tu-tran") for r in rows] == [dead]
    assert all(line.agrees for line in crosscheck.cross_check(scope, w["city"]))
    # Planted: a placement moved by hand to cell A while the member's list (and the counts) still say cell B.
    Placement.objects.filter(member=first, valid_to=OPEN_END).update(organization=w["cell_a"])
    lines = {line.organization.code: line for line in crosscheck.cross_check(scope, w["city"])}
    assert not lines["qt-cb2"].agrees and not lines["qt-cb1"].agrees
    assert lines["qt-cb2"].listed == 2 and lines["qt-cb2"].booked == 1
    assert [(d.member, d.listed_in, d.booked_in) for d in lines["qt-cb2"].differences] == [
        (first, w["cell_b"], w["cell_a"])
    ]
    assert lines["quangtrung"].agrees  # the move stayed inside the ward: its totals still agree
    client.force_login(users["office"])
    page = client.get(reverse("records_crosscheck") + "?to_chuc=quangtrung").content.decode()
    assert "2 tổ chức có chênh lệch" in page and "An Văn Một" in page
    word = client.get(reverse("records_book", args=["docx"]) + "?to_chuc=quangtrung&so=tu-tran")
    assert "SỔ DANH SÁCH ĐẢNG VIÊN ĐÃ TỪ TRẦN" in _docx_text(word.content)
    assert "Đào Văn Bốn" in _docx_text(word.content)
    pdf = client.get(reverse("records_book", args=["pdf"]) + "?to_chuc=quangtrung")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    assert "SỔ DANH SÁCH ĐẢNG VIÊN" in text and "Bùi Văn Hai" in text
    assert client.get(reverse("records_book", args=["docx"]) + "?to_chuc=namdinh").status_code == 404


def test_the_data_health_page_warns_of_cells_that_should_elect_a_committee_or_become_a_committee(
    client, users, tree, make_member
):
    """Cell A with 9 official members and no cell committee recorded; the school (a grassroots cell) with 30
    members: both on the data-health page with their rules (cell.committee_threshold, grassroots.committee_threshold),
    the same cells as the data-health figures."""
    from dangvu.reports.indicators import REGISTRY
    from dangvu.reports.periods import Period

    for n in range(8):  # with Hoa of the fixture: 9 official members
        make_member(tree["cell_a"], given=f"Chín{n}", birth=date(1970, 1, 1 + n))
    for n in range(30):
        make_member(
            tree["school"],
            given=f"Ba mươi{n}",
            birth=date(1971, 1, 1 + n % 28),
            admitted=date(2019, 3, 1),
            official=date(2020, 3, 1) if n % 4 == 0 else None,
        )  # 8 official
    found = queries.health(scope_for(users["office"]), tree["city"], TODAY)
    by_check = {key: rows for key, _label, rows in found["by_check"]}
    assert [f.organization for f in by_check["cell_needs_committee"]] == [tree["cell_a"]]
    assert "9 đảng viên chính thức, chưa ghi chi ủy" in by_check["cell_needs_committee"][0].detail
    assert [f.organization for f in by_check["large_grassroots_cell"]] == [tree["school"]]
    assert by_check["large_grassroots_cell"][0].detail.startswith("30 đảng viên, từ 30 trở lên (Quy định")
    day = Period(TODAY, TODAY)
    assert REGISTRY["health.cells_without_committee"].compute(tree["city"], day) == 1
    assert REGISTRY["health.grassroots_cells_large"].compute(tree["city"], day) == 1
    client.force_login(users["office"])
    page = client.get(reverse("records_health") + "?to_chuc=phuly").content.decode()
    assert "Chi bộ đủ điều kiện bầu chi ủy nhưng chưa ghi chi ủy" in page
    assert "Chi bộ cơ sở từ 30 đảng viên trở lên" in page
