"""The rating pages: opening a round, progress per cell, a cell secretary proposing for their cell only, the
committee deciding, organizations' self-assessment and decision, the documents (Word opened by python-docx and
LibreOffice) and the book (Excel), with bad input answered in Vietnamese and nothing written."""

import io
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from dangvu.core.models import AuditEvent
from dangvu.rating import actions
from dangvu.rating.models import Grade, MemberRating, Round, Step
from dangvu.reports import pdf
from rating_support import add_members, org_rating_of, propose, rating_of
from reports_support import docx_text

TODAY = date(2026, 2, 1)


@pytest.fixture
def round_(tree, make_member, users):
    add_members(make_member, tree["cell_a"], 2)
    add_members(make_member, tree["cell_b"], 2)
    return actions.open_round(None, organization=tree["city"], year=2020, today=TODAY)


def _own(round_, tree, users):
    return MemberRating.objects.filter(round=round_, cell=tree["cell_a"]).exclude(member=users["own_member"]).first()


def test_office_opens_a_round_by_year_and_bad_input_is_explained(client, tree, make_member, users):
    add_members(make_member, tree["cell_a"], 1)
    client.force_login(users["office"])
    response = client.post("/xep-loai/mo-dot/", {"organization": "phuly", "year": "2035"})
    assert response.status_code == 200 and "Năm 2035 không hợp lệ" in response.content.decode()
    response = client.post("/xep-loai/mo-dot/", {"organization": "phuly", "year": "2023", "cutoff_on": "2022-12-01"})
    assert "phải thuộc năm 2023" in response.content.decode() and not Round.objects.exists()
    response = client.post("/xep-loai/mo-dot/", {"organization": "phuly", "year": "2023"}, follow=True)
    page = response.content.decode()
    assert "Quy định 124-QĐ/TW ngày 04/10/2023" in page and "Chi bộ tổ dân phố số 1" in page
    assert Round.objects.get().version == "2023"


def test_the_round_is_opened_for_a_party_committee_picked_by_name(client, tree, make_member, users, other_tree):
    """No select of bare names: the đảng bộ is typed ("quang trung") and shown with its path; cells, ended
    and organizations outside the user's writing scope are refused in Vietnamese, nothing opened."""
    add_members(make_member, tree["cell_a"], 1)
    client.force_login(users["office"])
    page = client.get("/xep-loai/mo-dot/").content.decode()
    assert 'select name="organization"' not in page and 'name="organization_tim"' in page
    refused = {
        "qt-cb1": "Chi bộ tổ dân phố số 1 là chi bộ trực thuộc: ở đây chỉ chọn",
        other_tree["province"].code: "Không tìm thấy tổ chức",
        "khong-co": "Không tìm thấy tổ chức",
    }
    for code, message in refused.items():
        response = client.post("/xep-loai/mo-dot/", {"organization": code, "year": "2023"})
        assert response.status_code == 200 and message in response.content.decode(), code
    assert not Round.objects.exists()
    response = client.post("/xep-loai/mo-dot/", {"organization_tim": "phuong quang trung", "year": "2023"})
    assert response.status_code == 302
    assert Round.objects.get().organization == tree["ward"]
    found = client.get(
        "/tim/to-chuc/",
        {
            "q": "quang trung",
            "quyen": "write",
            "hoat_dong": "1",
            "loai": "province,district,commune,grassroots_committee,grassroots_cell,sub_committee",
        },
    ).json()["results"]
    assert [r["label"] for r in found] == ["Đảng bộ phường Quang Trung — Thành ủy Phủ Lý"]


def test_cell_secretary_sees_and_proposes_for_own_cell_only(client, tree, users, round_):
    client.force_login(users["cell_secretary"])
    page = client.get(f"/xep-loai/{round_.pk}/").content.decode()
    assert "Chi bộ tổ dân phố số 1" in page and "Chi bộ tổ dân phố số 2" not in page
    assert "Quyết định xếp loại đảng viên" not in page
    rating = _own(round_, tree, users)
    response = client.post(
        f"/xep-loai/dang-vien/{rating.pk}/tu-kiem-diem/",
        {"on": "2020-11-20", "form": "02", "strengths": "Hoàn thành tốt công việc.", "grade": "good"},
    )
    assert response.status_code == 302
    response = client.post(
        f"/xep-loai/dang-vien/{rating.pk}/chi-bo/",
        {"meeting_on": "2020-12-05", "grade": "good", "present": "2", "votes_for": "3"},
    )
    assert "Số tán thành (3) lớn hơn số dự họp (2)." in response.content.decode()
    assert MemberRating.objects.get(pk=rating.pk).step == Step.SELF
    response = client.post(
        f"/xep-loai/dang-vien/{rating.pk}/chi-bo/",
        {"meeting_on": "2020-12-05", "grade": "good", "present": "3", "votes_for": "3", "comment": "Thống nhất."},
    )
    assert response.status_code == 302 and MemberRating.objects.get(pk=rating.pk).step == Step.PROPOSED
    other = MemberRating.objects.filter(round=round_, cell=tree["cell_b"]).first()
    assert client.get(f"/xep-loai/dang-vien/{other.pk}/chi-bo/").status_code == 404
    assert client.get(f"/xep-loai/{round_.pk}/chi-bo/{tree['cell_b'].pk}/").status_code == 404
    assert client.get(f"/xep-loai/{round_.pk}/quyet-dinh/{tree['ward'].pk}/").status_code == 404
    assert (
        client.post(
            f"/xep-loai/{round_.pk}/quyet-dinh/{tree['ward'].pk}/",
            {"number": "1", "on": "2020-12-20", f"r{rating.pk}": "excellent"},
        ).status_code
        == 404
    )
    assert MemberRating.objects.get(pk=rating.pk).final_grade == ""
    assert AuditEvent.objects.filter(action="rating.member.proposal", actor=users["cell_secretary"]).count() == 1


def test_the_committee_decides_on_the_page(client, tree, users, round_):
    ratings = [
        propose(round_, r.member, Grade.GOOD, today=TODAY)
        for r in MemberRating.objects.filter(round=round_, cell__in=[tree["cell_a"], tree["cell_b"]])
    ]
    client.force_login(users["office"])
    url = f"/xep-loai/{round_.pk}/quyet-dinh/{tree['ward'].pk}/"
    form = client.get(url).content.decode()
    assert "chi bộ đề xuất: Hoàn thành tốt nhiệm vụ" in form
    grades = {f"r{r.pk}": "excellent" for r in ratings}
    response = client.post(url, {"number": "12-QĐ/ĐU", "on": "2020-12-20", **grades})
    assert "không quá 20% số “hoàn thành tốt”" in response.content.decode()
    assert not MemberRating.objects.filter(round=round_).exclude(final_grade="").exists()
    grades = {f"r{r.pk}": "good" for r in ratings}
    response = client.post(url, {"number": "12-QĐ/ĐU", "on": "2020-12-20", **grades}, follow=True)
    assert "Đã ghi quyết định 12-QĐ/ĐU" in response.content.decode()
    assert MemberRating.objects.filter(round=round_, final_grade=Grade.GOOD).count() == len(ratings)
    page = client.get(f"/xep-loai/{round_.pk}/").content.decode()
    assert f"{len(ratings)}/{len(ratings) + 1} đảng viên hoàn thành tốt nhiệm vụ trở lên" not in page
    assert "đảng viên hoàn thành tốt nhiệm vụ trở lên (100,0 %)" in page
    assert "Còn 0" not in page


def test_organization_self_assessment_and_decision_pages(client, tree, users, round_):
    client.force_login(users["office"])
    ward = org_rating_of(round_, tree["ward"])
    response = client.post(f"/xep-loai/to-chuc/{ward.pk}/tu-kiem-diem/", {"on": "2020-12-10", "grade": ""})
    assert "Cần chọn mức xếp loại." in response.content.decode()
    response = client.post(
        f"/xep-loai/to-chuc/{ward.pk}/tu-kiem-diem/",
        {"on": "2020-12-10", "grade": "good", "results": "Lãnh đạo hoàn thành các chỉ tiêu.\nKết nạp đảng viên."},
    )
    assert response.status_code == 302
    response = client.post(
        f"/xep-loai/{round_.pk}/quyet-dinh-to-chuc/{tree['city'].pk}/",
        {"number": "45-QĐ/TU", "on": "2020-12-30", f"r{ward.pk}": "good"},
    )
    assert response.status_code == 302 and org_rating_of(round_, tree["ward"]).final_grade == Grade.GOOD
    client.force_login(users["cell_secretary"])
    assert client.get(f"/xep-loai/to-chuc/{ward.pk}/tu-kiem-diem/").status_code == 404


def test_documents_open_in_word_readers_with_the_records(client, tree, users, round_, tmp_path):
    rating = propose(round_, _own(round_, tree, users).member, Grade.GOOD, today=TODAY)
    actions.decide_members(
        None,
        round_,
        deciding=tree["ward"],
        grades={rating.pk: Grade.GOOD},
        number="12-QĐ/ĐU",
        on=date(2020, 12, 20),
        today=TODAY,
    )
    ward = org_rating_of(round_, tree["ward"])
    actions.record_organization_self_assessment(
        None, ward, on=date(2020, 12, 10), grade=Grade.GOOD, results="Hoàn thành các chỉ tiêu.", today=TODAY
    )
    client.force_login(users["office"])
    name = rating.member.person.full_name
    form = client.get(f"/xep-loai/dang-vien/{rating.pk}/ban-kiem-diem.docx")
    text = docx_text(form.content)
    assert "BẢN KIỂM ĐIỂM CÁ NHÂN" in text and name in text and "Hoàn thành công việc được giao." in text
    assert "Xếp loại: Hoàn thành tốt nhiệm vụ" in text and "12-QĐ/ĐU" in text
    report = docx_text(client.get(f"/xep-loai/to-chuc/{ward.pk}/bao-cao.docx").content)
    assert "Kiểm điểm tập thể Đảng bộ phường Quang Trung năm 2020" in report
    assert "Kết quả xếp loại đảng viên" in report and "1/1 đảng viên hoàn thành tốt nhiệm vụ trở lên" in report
    decision = client.get(f"/xep-loai/{round_.pk}/quyet-dinh/{tree['ward'].pk}/van-ban.docx").content
    text = docx_text(decision)
    assert "QUYẾT ĐỊNH" in text and "1 đảng viên “Hoàn thành tốt nhiệm vụ”" in text and name in text
    target = tmp_path / "ban-kiem-diem.pdf"
    target.write_bytes(pdf.docx_to_pdf(form.content))
    printed = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, check=True, text=True).stdout
    assert name in " ".join(printed.split())
    assert AuditEvent.objects.filter(action="rating.export.member_form", actor=users["office"]).exists()


def test_the_book_lists_what_the_scope_allows(client, tree, users, round_):
    client.force_login(users["cell_secretary"])
    response = client.get(f"/xep-loai/{round_.pk}/so-xep-loai.xlsx")
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    cells = [row[3] for row in book["Đảng viên"].iter_rows(min_row=2, values_only=True)]
    assert cells and set(cells) == {"Chi bộ tổ dân phố số 1"}
    assert AuditEvent.objects.filter(action="rating.export.book", actor=users["cell_secretary"]).exists()
    assert rating_of(round_, users["own_member"]).cell == tree["cell_a"]
