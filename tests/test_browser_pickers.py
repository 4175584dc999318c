"""In a real browser (Chromium, phone-sized): a cell picked by typing part of its name, by keyboard, kept with its
full path when the form comes back with an error; a filter picked the same way keeps its bookmarkable address."""

from datetime import date

import pytest

from browser_support import login, pick
from dangvu.members.models import Member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def chosen_text(page) -> str:
    return " ".join(page.locator("[data-picker] .picker-chosen").first.inner_text().split())


def test_a_cell_is_picked_by_typing_and_kept_through_an_error(page, live_server, users, tree):
    login(page, live_server, "u-office")
    page.goto(f"{live_server.url}/dang-vien/them/")
    box = page.locator("#id_m-organization")
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "false"
    assert page.locator("label[for=id_m-organization]").inner_text().startswith("Chi bộ sinh hoạt")
    box.type("to dan pho", delay=20)
    listbox = page.locator("#id_m-organization-list")
    listbox.locator("[role=option]").first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    texts = listbox.locator("[role=option]").all_inner_texts()
    assert len(texts) == 2 and all("Đảng bộ phường Quang Trung" in t for t in texts)
    box.press("Escape")  # Esc closes the list and keeps the text
    assert listbox.is_hidden() and box.input_value() == "to dan pho"
    pick(page, "id_m-organization", "so 2 quang", "Chi bộ tổ dân phố số 2", keyboard=True)
    assert "Chi bộ tổ dân phố số 2 — Đảng bộ phường Quang Trung — Thành ủy Phủ Lý" in chosen_text(page)
    assert box.input_value() == ""
    # a phone-width screen: no sideways scrolling with the list open
    box.type("chi bo", delay=20)
    listbox.locator("[role=option]").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    box.press("Escape")
    box.fill("")

    page.fill("[name=p-family_name]", "Hà")
    page.fill("[name=p-given_name]", "Ngân")
    page.select_option("[name=p-gender]", label="Nữ")
    page.fill("[name=p-citizen_id]", "035190000456")
    page.fill("[name=m-admitted_on]", "2020-01-01")
    with page.expect_navigation():
        page.click("button:has-text('Lưu')")  # the birth date is missing: the form comes back
    assert page.locator("#id_p-birth_date ~ .errorlist, .field:has(#id_p-birth_date) .errorlist").count() == 1
    assert "Chi bộ tổ dân phố số 2 — Đảng bộ phường Quang Trung — Thành ủy Phủ Lý" in chosen_text(page)
    page.fill("[name=p-birth_date]", "1990-02-03")
    with page.expect_navigation():
        page.click("button:has-text('Lưu')")
    member = Member.objects.get(person__citizen_id="035190000456")
    assert member.organization == tree["cell_b"]


def test_a_filter_is_picked_by_typing_and_its_address_is_the_old_one(page, live_server, users, tree, make_member):
    make_member(tree["cell_b"], family="Trần", middle="Văn", given="Bình", birth=date(1975, 3, 3))
    make_member(tree["school"], family="Trần", middle="Thị", given="Lụa", gender="female", birth=date(1985, 3, 3))
    login(page, live_server, "u-office")
    page.goto(f"{live_server.url}/dang-vien/")
    pick(page, "id_to_chuc", "truong thpt", "Chi bộ Trường THPT Phủ Lý")
    with page.expect_navigation():
        page.click("button:has-text('Lọc')")
    assert page.url.endswith("/dang-vien/?q=&to_chuc=thpt&trang_thai=&gioi_tinh=&tuoi=&nam_vao_dang=&sap_xep=ten")
    table = page.inner_text("#member-table")
    assert "Trần Thị Lụa" in table and "Trần Văn Bình" not in table
    # the chosen one is removed with its button, and the list shows everyone again
    page.click("button[aria-label='Bỏ chọn Chi bộ Trường THPT Phủ Lý']")
    with page.expect_navigation():
        page.click("button:has-text('Lọc')")
    assert "to_chuc=" not in page.url
    assert "Trần Văn Bình" in page.inner_text("#member-table")


def test_without_javascript_the_box_is_searched_when_the_form_is_sent(browser, live_server, users, tree):
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    try:
        login(page, live_server, "u-office")
        page.goto(f"{live_server.url}/dang-vien/?to_chuc=quangtrung")  # a bookmark: the chosen one shows
        assert "Đảng bộ phường Quang Trung — Thành ủy Phủ Lý" in chosen_text(page)
        page.fill("#id_to_chuc", "to dan pho")
        with page.expect_navigation():
            page.click("button:has-text('Lọc')")
        assert "Có 2 tổ chức khớp “to dan pho”" in page.inner_text(".messages")
        page.check("[data-picker-candidates] label:has-text('Chi bộ tổ dân phố số 2') input")
        with page.expect_navigation():
            page.click("button:has-text('Lọc')")
        assert "Chi bộ tổ dân phố số 2 — Đảng bộ phường Quang Trung" in chosen_text(page)
        assert "to_chuc=qt-cb2" in page.url
    finally:
        context.close()


def test_an_inspection_of_two_organizations_and_a_member_picked_by_name(page, live_server, users, tree):
    from dangvu.work.models import Oversight

    login(page, live_server, "u-inspection")
    page.goto(f"{live_server.url}/cong-tac/kiem-tra-giam-sat/them/")
    page.select_option("[name=activity]", "inspection")
    page.select_option("[name=kind]", "signs_of_violation")
    pick(page, "id_organization", "thanh pho phu", "Đảng bộ thành phố Phủ Lý")
    page.select_option("[name=body]", "standing")
    page.fill("[name=start_date]", "2020-04-01")
    page.fill("[name=content]", "Dấu hiệu vi phạm")
    pick(page, "id_subject_organizations", "quang trung", "Đảng bộ phường Quang Trung")
    pick(page, "id_subject_organizations", "thpt", "Chi bộ Trường THPT Phủ Lý", keyboard=True)
    pick(page, "id_subject_members", "le thi hoa", "Lê Thị Hoa")
    chosen = page.locator("[data-picker]:has(#id_subject_organizations) .picker-chosen .picker-item")
    assert chosen.count() == 2
    # one too many, removed again with its button
    pick(page, "id_subject_organizations", "so 2", "Chi bộ tổ dân phố số 2")
    assert chosen.count() == 3
    page.click("button[aria-label='Bỏ chọn Chi bộ tổ dân phố số 2']")
    assert chosen.count() == 2
    with page.expect_navigation():
        page.click("button[type=submit]:has-text('Lưu')")
    oversight = Oversight.objects.get()
    subjects = oversight.subjects.select_related("organization", "member__person")
    assert {s.organization.code for s in subjects if s.organization_id} == {"quangtrung", "thpt"}
    assert [s.member.person.full_name for s in subjects if s.member_id] == ["Lê Thị Hoa"]


def test_discipline_picks_its_inspection_by_typing_and_a_listed_picker_reads_its_list(page, live_server, users, tree):
    from dangvu.work import actions as work_actions
    from dangvu.work.models import Activity, Discipline, OversightKind, PerformingBody

    member = users["own_member"]
    oversight = work_actions.create_oversight(
        None,
        activity=Activity.INSPECTION,
        kind=OversightKind.REGULAR,
        organization=tree["city"],
        body=PerformingBody.STANDING,
        start_date=date(2020, 3, 2),
        content="Chấp hành Điều lệ",
        subject_organizations=[tree["ward"]],
    )
    login(page, live_server, "u-inspection")
    page.goto(f"{live_server.url}/cong-tac/ky-luat/them/")
    assert page.locator("#id_oversight").get_attribute("role") == "combobox"
    pick(page, "id_oversight", "quang trung", "Kiểm tra Đảng bộ phường Quang Trung")
    chosen = " ".join(page.locator("[data-name=oversight] .picker-chosen").inner_text().split())
    assert "Kiểm tra Đảng bộ phường Quang Trung — từ 02/03/2020 — Chấp hành Điều lệ" in chosen
    pick(page, "id_organization", "phu ly", "Phủ Lý")
    page.select_option("#id_body", "inspection_committee")
    page.fill("#id_decided_on", "2021-03-01")
    page.fill("#id_decision_number", "7-QĐ")
    page.select_option("#id_form", "reprimand")
    pick(page, "id_subject_member", "le thi hoa", "Lê Thị Hoa")
    page.fill("#id_reason", "Vi phạm")
    with page.expect_navigation():
        page.click("main button:has-text('Lưu')")
    assert Discipline.objects.get(decision_number="7-QĐ").oversight == oversight
    assert member.person.full_name in page.content()
    page.context.clear_cookies()
    login(page, live_server, "u-office")
    page.goto(f"{live_server.url}/nhiem-vu/giao/")  # lead people: the office holders' list, nobody else
    box = page.locator("#id_lead_people")
    assert box.get_attribute("role") == "combobox"
    box.type("le thi hoa", delay=20)  # a member, holding no post
    page.locator("#id_lead_people-list").wait_for(state="attached")
    page.wait_for_timeout(600)
    assert page.locator("#id_lead_people-list [role=option]").count() == 0


def test_course_participants_and_the_elected_are_picked_by_typing(page, live_server, users, tree, make_member):
    """Two quần chúng added to a course at once by the type-ahead over the course's list; an election recorded
    with two rows whose members are picked by typing."""
    from dangvu.admission import actions as admission_actions
    from dangvu.organizations.models import Position
    from dangvu.work import actions as work_actions
    from dangvu.work.models import CongressKind, CongressStatus, CourseKind, CourseParticipant

    for family, given, birth in (("Trần", "Một", date(1999, 1, 1)), ("Lò", "Hai", date(2000, 2, 2))):
        admission_actions.register(
            None,
            person={"family_name": family, "given_name": given, "gender": "male", "birth_date": birth},
            organization=tree["cell_a"],
            listed_on=date(2020, 1, 6),
        )
    course = work_actions.create_course(
        None,
        kind=CourseKind.AWARENESS,
        title="Lớp nhận thức",
        organizer=tree["city"],
        start_date=date(2020, 5, 18),
        end_date=date(2020, 5, 22),
    )
    login(page, live_server, "u-office")
    page.goto(f"{live_server.url}/cong-tac/lop/{course.pk}/hoc-vien/them/")
    pick(page, "id_people", "tran mot", "Trần Một")
    pick(page, "id_people", "lo hai 2000", "Lò Hai", keyboard=True)
    assert page.locator("[data-name=people] .picker-chosen .picker-item").count() == 2
    with page.expect_navigation():
        page.click("main button:has-text('Lưu')")
    assert set(CourseParticipant.objects.filter(course=course).values_list("person__given_name", flat=True)) == {
        "Một",
        "Hai",
    }

    chair = make_member(tree["cell_b"], family="Hà", middle="Văn", given="Bầu", birth=date(1970, 1, 1))
    congress = work_actions.create_congress(
        None,
        organization=tree["ward"],
        term="2020–2025",
        ordinal=5,
        kind=CongressKind.ALL_MEMBERS,
        status=CongressStatus.HELD,
        held_start=date(2020, 5, 10),
    )
    page.goto(f"{live_server.url}/cong-tac/dai-hoi/{congress.pk}/bau-cu/")
    page.fill("#id_on", "2020-05-10")
    pick(page, "id_dong-0-person", "ha van bau", "Hà Văn Bầu")
    page.select_option("#id_dong-0-body", "permanent")
    page.select_option("#id_dong-0-post", "secretary")
    pick(page, "id_dong-1-person", "le thi hoa", "Lê Thị Hoa")
    page.select_option("#id_dong-1-body", "executive")
    page.select_option("#id_dong-1-post", "member")
    with page.expect_navigation():
        page.click("main button:has-text('Lưu')")
    held = set(
        Position.objects.filter(organization=tree["ward"], term="2020–2025").values_list("person", "body", "post")
    )
    assert held == {(chair.person.pk, "permanent", "secretary"), (users["own_member"].person.pk, "executive", "member")}
