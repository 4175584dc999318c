"""The reports pages: indicators with definitions and the records behind each figure, a report taken through
its lifecycle in the browser's forms, consolidation with differences highlighted, templates, the register;
scope (404 outside it, 403 for reading-only users) and bad input without a 500."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from dangvu.reports.models import Report, Status
from reports_support import inspect, issued, nine_month_report

pytestmark = pytest.mark.django_db
NINE = "ky=nine_months&nam=2020"


@pytest.fixture
def office(client, users):
    client.force_login(users["office"])
    return client


@pytest.fixture
def inspected(tree, make_member):
    """The ward inspected twice (March, June), the school once (April), and one in October."""
    city = tree["city"]
    inspect(city, [tree["ward"]], on=date(2020, 3, 2))
    inspect(city, [tree["school"]], on=date(2020, 4, 14))
    inspect(city, [tree["ward"]], on=date(2020, 6, 20))
    inspect(city, [tree["cell_b"]], on=date(2020, 10, 1))
    return tree


def test_the_indicator_page_lists_every_definition(office):
    page = office.get("/bao-cao/chi-tieu/").content.decode()
    for label, definition in [
        ("Tổ chức đảng được kiểm tra", "một tổ chức được kiểm tra nhiều lần chỉ tính một"),
        ("Tổng số đảng viên", "vào ngày cuối kỳ"),
        ("Nhiệm kỳ đại hội", "congress.term"),
    ]:
        assert label in page and definition in page


def test_each_figure_links_to_the_records_behind_it(office, inspected):
    page = office.get(f"/bao-cao/chi-tieu/?to_chuc=phuly&{NINE}").content.decode()
    link = "/bao-cao/chi-tieu/inspection.organizations/?to_chuc=phuly&amp;tu=2020-01-01&amp;den=2020-09-30"
    assert f'<a href="{link}">2</a>' in page
    records = office.get(link.replace("&amp;", "&")).content.decode()
    assert "Tổ chức đảng được kiểm tra: 2" in records
    for name, day in [
        ("Đảng bộ phường Quang Trung", "02/03/2020"),
        ("Chi bộ Trường THPT Phủ Lý", "14/04/2020"),
        ("Đảng bộ phường Quang Trung", "20/06/2020"),
    ]:
        assert f'<td data-label="Ngày">{day}</td><td data-label="Đối tượng">{name}</td>' in records
    assert "01/10/2020" not in records


def test_the_figures_read_as_vietnamese_numbers_with_a_dash_where_there_is_none(office, inspected):
    page = office.get(f"/bao-cao/chi-tieu/?to_chuc=phuly&{NINE}").content.decode()
    assert "None" not in page and "<code>meetings.attendance_share</code>" not in page
    assert '<td data-label="Kỳ trước" class="num">—</td>' in page


def test_the_figure_filter():
    from dangvu.core.templatetags.numbers import figure

    assert [figure(4911), figure(1_910), figure(93.3), figure(12), figure(None), figure("67/67")] == [
        "4.911",
        "1.910",
        "93,3",
        "12",
        "—",
        "67/67",
    ]


def test_scope_and_bad_input_on_the_indicator_pages(client, users, office, other_tree, tree):
    outside = office.get(f"/bao-cao/chi-tieu/?to_chuc=namdinh&{NINE}")  # the field says so; nothing is shown
    assert outside.status_code == 200
    assert "Không tìm thấy tổ chức “namdinh” trong phạm vi của bạn." in outside.content.decode()
    assert "Nam Định" not in outside.content.decode()
    assert office.get(f"/bao-cao/chi-tieu/members.total/?to_chuc=namdinh&{NINE}").status_code == 404
    assert office.get(f"/bao-cao/chi-tieu/khong-co/?to_chuc=phuly&{NINE}").status_code == 404
    reversed_dates = office.get("/bao-cao/chi-tieu/?to_chuc=phuly&tu=2020-10-01&den=2020-09-30")
    assert reversed_dates.status_code == 200 and "trước ngày bắt đầu" in reversed_dates.content.decode()
    empty = office.get("/bao-cao/chi-tieu/?to_chuc=phuly&tu=&den=")
    assert empty.status_code == 200 and "Chưa nhập ngày bắt đầu kỳ báo cáo." in empty.content.decode()
    client.force_login(users["cell_secretary"])  # mandated at a cell: the city is out of sight
    for page in ("chi-tieu", "tong-hop"):
        answer = client.get(f"/bao-cao/{page}/?to_chuc=phuly&{NINE}").content.decode()
        assert "Không tìm thấy tổ chức “phuly” trong phạm vi của bạn." in answer
        assert "Đảng bộ thành phố Phủ Lý" not in answer


def test_a_report_through_its_lifecycle_in_the_pages(office, client, users, inspected):
    created = office.post(
        "/bao-cao/lap/",
        {"to_chuc": "phuly", "loai": "interim-9", "ky": "nine_months", "nam": "2020", "ngay_van_ban": "2020-10-08"},
    )
    report = Report.objects.get()
    assert created.status_code == 302 and created["Location"] == f"/bao-cao/{report.pk}/"
    page = office.get(f"/bao-cao/{report.pk}/").content.decode()
    assert "THÀNH ỦY PHỦ LÝ" in page and "Phủ Lý, ngày 08 tháng 10 năm 2020" in page
    assert 'href="/bao-cao/chi-tieu/inspection.organizations/?to_chuc=phuly' in page
    office.post(f"/bao-cao/{report.pk}/noi-dung/shortcomings/", {"text": "Công tác tuyên truyền có nơi chưa cao."})
    assert "Công tác tuyên truyền có nơi chưa cao." in office.get(f"/bao-cao/{report.pk}/").content.decode()

    client.force_login(users["leader"])  # reads, cannot approve
    assert client.get(f"/bao-cao/{report.pk}/").status_code == 200
    assert client.post(f"/bao-cao/{report.pk}/duyet/").status_code == 403

    client.force_login(users["office"])
    client.post(f"/bao-cao/{report.pk}/duyet/")
    issued_page = client.post(f"/bao-cao/{report.pk}/ban-hanh/", follow=True).content.decode()
    assert "Đã ban hành báo cáo số 01-BC/TU." in issued_page and "Số 01-BC/TU" in issued_page
    again = client.post(f"/bao-cao/{report.pk}/ban-hanh/", follow=True)
    assert again.status_code == 200 and "không được sửa" in again.content.decode()
    word = client.get(f"/bao-cao/{report.pk}/word/")
    assert word["Content-Type"].startswith("application/vnd.openxmlformats")
    assert Document(io.BytesIO(word.content)).tables[0].rows[0].cells[0].paragraphs[3].text == "Số 01-BC/TU"
    assert client.get("/bao-cao/").content.decode().count(f"/bao-cao/{report.pk}/") >= 1


def test_bad_report_input_in_the_pages(office, other_tree):
    outside = office.post(
        "/bao-cao/lap/",
        {"to_chuc": "namdinh", "loai": "interim-9", "ky": "nine_months", "nam": "2020", "ngay_van_ban": "2020-10-08"},
    )
    assert outside.status_code == 200  # a field error, with what was entered kept (no 404 page)
    text = outside.content.decode()
    assert "Không tìm thấy tổ chức “namdinh” trong phạm vi của bạn." in text
    assert 'value="2020-10-08"' in text and "Nam Định" not in text
    typed = office.post(
        "/bao-cao/lap/",
        {
            "to_chuc_tim": "thanh pho phu ly",
            "loai": "interim-9",
            "ky": "nine_months",
            "nam": "2020",
            "ngay_van_ban": "2019-10-08",
        },
    )
    assert 'name="to_chuc" value="phuly" checked' in typed.content.decode()  # found by name, kept with the error
    backwards = office.post(
        "/bao-cao/lap/",
        {
            "to_chuc": "phuly",
            "loai": "interim-9",
            "tu": "2020-10-01",
            "den": "2020-09-30",
            "ngay_van_ban": "2020-10-08",
        },
    )
    assert backwards.status_code == 200 and "trước ngày bắt đầu" in backwards.content.decode()
    early = office.post(
        "/bao-cao/lap/",
        {"to_chuc": "phuly", "loai": "interim-9", "ky": "nine_months", "nam": "2020", "ngay_van_ban": "2019-10-08"},
    )
    assert early.status_code == 200 and "trước ngày bắt đầu kỳ báo cáo" in early.content.decode()
    assert not Report.objects.exists()


def test_consolidation_shows_what_the_records_do_not_support(office, tree, inspected):
    ward_report = issued(nine_month_report(tree["ward"]))
    school_report = issued(nine_month_report(tree["school"]))
    assert ward_report.snapshot["figures"]["inspection.organizations"]["value"] == 0
    # After the ward issued its report, an inspection of its cell in the period is recorded.
    inspect(tree["ward"], [tree["cell_a"]], on=date(2020, 9, 1))
    page = office.get(f"/bao-cao/tong-hop/?to_chuc=phuly&{NINE}").content.decode()
    assert "2/2 tổ chức trực thuộc đã ban hành báo cáo" in page
    # the inspection counts in four of the ward's figures: inspected organizations, those inspected by the
    # ward itself, and the same two of inspection and supervision together
    assert "4 số liệu báo cáo không khớp dữ liệu" in page
    assert '<tr class="differs">' in page and "Tổ chức đảng được kiểm tra" in page
    assert f'href="/bao-cao/{ward_report.pk}/"' in page and f'href="/bao-cao/{school_report.pk}/"' in page


def test_templates_can_be_downloaded_and_a_bad_upload_is_explained(client, users):
    client.force_login(users["admin"])
    downloaded = client.get("/bao-cao/mau/interim-9/word/")
    document = Document(io.BytesIO(downloaded.content))
    document.add_paragraph("{{ so_lieu_la }}")
    edited = io.BytesIO()
    document.save(edited)
    upload = SimpleUploadedFile("mau.docx", edited.getvalue())
    answer = client.post("/bao-cao/mau/interim-9/tai-len/", {"file": upload})
    assert answer.status_code == 200 and "{{ so_lieu_la }}" in answer.content.decode()
    client.force_login(users["office"])
    assert client.get("/bao-cao/mau/interim-9/tai-len/").status_code == 403
    assert "Báo cáo sơ kết 9 tháng" in client.get("/bao-cao/mau/").content.decode()


def test_the_register_page(office, tree):
    issued(nine_month_report(tree["city"]))
    page = office.get("/bao-cao/so-van-ban/?to_chuc=phuly").content.decode()
    assert "01-BC/TU" in page
    office.post(
        "/bao-cao/so-van-ban/", {"to_chuc": "phuly", "type_code": "BC", "on": "2020-10-08", "last_number": "44"}
    )
    report = issued(nine_month_report(tree["city"]))
    assert report.register_entry.label == "45-BC/TU" and report.status == Status.ISSUED


def test_reports_of_other_organizations_are_out_of_sight(client, users, other_tree, tree):
    outside = issued(nine_month_report(other_tree["province"]))
    inside = nine_month_report(tree["city"])
    client.force_login(users["office"])
    for url in [f"/bao-cao/{outside.pk}/", f"/bao-cao/{outside.pk}/word/", f"/bao-cao/{outside.pk}/pdf/"]:
        assert client.get(url).status_code == 404
    assert client.post(f"/bao-cao/{outside.pk}/thay-the/").status_code == 404
    listing = client.get("/bao-cao/").content.decode()
    assert f'href="/bao-cao/{outside.pk}/"' not in listing and f'href="/bao-cao/{inside.pk}/"' in listing
    client.force_login(users["cell_secretary"])
    assert client.get(f"/bao-cao/{inside.pk}/").status_code == 404


def test_records_show_the_names_borne_on_their_date(office, inspected, tree):
    from dangvu.organizations import actions as org_actions
    from dangvu.organizations.actions import NameSpec

    org_actions.rename(
        None,
        tree["ward"],
        on=date(2020, 5, 1),
        names=NameSpec("Đảng bộ phường Quang Trung mới", "Đảng ủy phường Quang Trung mới", "Đảng ủy"),
    )
    page = office.get("/bao-cao/chi-tieu/inspection.organizations/?to_chuc=phuly&tu=2020-01-01&den=2020-09-30")
    text = page.content.decode()
    assert '<td data-label="Ngày">02/03/2020</td><td data-label="Đối tượng">Đảng bộ phường Quang Trung</td>' in text
    assert '<td data-label="Ngày">20/06/2020</td><td data-label="Đối tượng">Đảng bộ phường Quang Trung mới</td>' in text
