"""Importing rating results from the book: every row or none, the errors named by row and column in Vietnamese,
the error copy of the user's file, the scope of each row, the cap judged over the whole file. The import runs
through the member import's runs (`members.excel.jobs`, kind "rating"): a dry run and its confirmation, a large
book in the background with its progress in Vietnamese, a run whose worker died."""

import html
import io
import os
import time
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from dangvu.core.models import AuditEvent
from dangvu.members.excel import jobs
from dangvu.rating import actions
from dangvu.rating.models import Grade, MemberRating, Step
from rating_support import add_members

TODAY = date(2026, 2, 1)


@pytest.fixture(autouse=True)
def import_dir(settings, tmp_path):
    settings.DANGVU_IMPORT_DIR = tmp_path / "imports"
    settings.DANGVU_IMPORT_INLINE_BYTES = 10_000_000


@pytest.fixture
def round_(tree, make_member, users):
    add_members(make_member, tree["cell_a"], 5)
    add_members(make_member, tree["cell_b"], 5)
    return actions.open_round(None, organization=tree["city"], year=2023, today=TODAY)


def _book(client, round_) -> Workbook:
    return load_workbook(io.BytesIO(client.get(f"/xep-loai/{round_.pk}/so-xep-loai.xlsx").content))


def _fill(sheet, grade_of, *, number="20-QĐ/ĐU") -> None:
    """Fill every listed row: self-assessment, the cell's proposal and the decision, with `grade_of(row)`."""
    headers = [c.value for c in sheet[1]]
    col = {h: i + 1 for i, h in enumerate(headers)}
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, col["Diện"]).value:
            continue
        grade = grade_of(row)
        for header, value in (
            ("Ngày tự kiểm điểm", "20/11/2023"),
            ("Tự xếp loại", grade),
            ("Ngày chi bộ họp", "05/12/2023"),
            ("Chi bộ đề xuất", grade),
            ("Dự họp", 5),
            ("Tán thành", 5),
            ("Xếp loại", grade),
            ("Số quyết định", number),
            ("Ngày quyết định", "20/12/2023"),
        ):
            sheet.cell(row, col[header]).value = value


def _post(client, round_, book: Workbook, *, dry_run: bool = False):
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "ket-qua.xlsx"
    data = {"file": buffer, **({"dry_run": "on"} if dry_run else {})}
    return client.post(f"/xep-loai/{round_.pk}/nhap-ket-qua/", data, follow=True)


def _page(response) -> str:
    return html.unescape(response.content.decode())


def _good_book(client, round_) -> Workbook:
    book = _book(client, round_)
    _fill(book["Đảng viên"], lambda row: "Hoàn thành xuất sắc nhiệm vụ" if row == 2 else "Hoàn thành tốt nhiệm vụ")
    return book


def test_a_filled_book_is_imported_whole(client, users, round_):
    client.force_login(users["office"])
    response = _post(client, round_, _good_book(client, round_))
    assert response.redirect_chain[0][0].startswith("/xep-loai/nhap-ket-qua/")
    page = _page(response)
    assert "Đã nhập xong 11 dòng" in page and 'id="updated-count">11<' in page
    assert "Lê Thị Hoa" in page and "Đã quyết định xếp loại" in page  # the first rows written
    decided = MemberRating.objects.filter(round=round_, step=Step.DECIDED)
    assert decided.count() == 11 and decided.filter(final_grade=Grade.EXCELLENT).count() == 1
    assert AuditEvent.objects.filter(action="rating.member.import", actor=users["office"]).count() == 11


def test_a_dry_run_writes_nothing_until_confirmed(client, users, round_):
    client.force_login(users["office"])
    response = _post(client, round_, _good_book(client, round_), dry_run=True)
    page = _page(response)
    assert "Kiểm tra xong: tệp không có lỗi." in page and "Ghi dữ liệu này" in page
    assert 'id="updated-count">11<' in page and "Hoàn thành xuất sắc nhiệm vụ" in page
    assert not MemberRating.objects.filter(round=round_).exclude(step=Step.LISTED).exists()
    assert not AuditEvent.objects.filter(action="rating.member.import").exists()
    job_url = response.redirect_chain[-1][0]
    confirmed = client.post(job_url + "ghi/", follow=True)
    assert "Đã nhập xong 11 dòng" in _page(confirmed)
    assert MemberRating.objects.filter(round=round_, step=Step.DECIDED).count() == 11
    assert client.post(confirmed.redirect_chain[-1][0] + "ghi/").status_code == 403  # written runs are not again
    again = _page(_post(client, round_, _good_book(client, round_)))
    assert "Đã nhập xong 11 dòng" in again and 'id="updated-count">0<' in again  # nothing left to change


def test_errors_are_listed_and_nothing_is_written(client, users, round_):
    client.force_login(users["office"])
    book = _book(client, round_)
    sheet = book["Đảng viên"]
    _fill(sheet, lambda row: "Hoàn thành xuất sắc nhiệm vụ" if row < 6 else "Hoàn thành tốt nhiệm vụ")
    sheet.cell(3, 8).value = "Tốt lắm"  # not a grade
    sheet.cell(4, 13).value = 9  # more votes than present
    response = _post(client, round_, book)
    page = _page(response)
    assert "chưa có dữ liệu nào được ghi" in page
    assert "'Tốt lắm' không phải một mức xếp loại" in page and "Tự xếp loại (H)" in page
    assert not MemberRating.objects.filter(round=round_).exclude(step=Step.LISTED).exists()
    sheet.cell(3, 8).value = "Hoàn thành xuất sắc nhiệm vụ"
    sheet.cell(4, 13).value = 5
    response = _post(client, round_, book)
    page = _page(response)
    assert "không quá 20% số “hoàn thành tốt”" in page and "Xếp loại (N)" in page  # 4 excellent for 7 good
    assert not MemberRating.objects.filter(round=round_).exclude(step=Step.LISTED).exists()
    copy = load_workbook(io.BytesIO(client.get(response.redirect_chain[-1][0] + "tep-loi/").content))
    assert copy.sheetnames[0] == "Danh sách lỗi"
    assert any("không quá 20%" in str(c.value) for c in copy["Danh sách lỗi"]["D"])


def test_the_error_copy_marks_the_rows(client, users, round_):
    client.force_login(users["office"])
    book = _book(client, round_)
    book["Đảng viên"].cell(2, 7).value = "31/02/2023"
    response = _post(client, round_, book)
    assert "Tải tệp báo lỗi (.xlsx)" in _page(response)
    download = client.get(response.redirect_chain[-1][0] + "tep-loi/")
    assert download["Content-Disposition"] == 'attachment; filename="loi-ket-qua.xlsx"'
    copy = load_workbook(io.BytesIO(download.content))
    assert copy.sheetnames[0] == "Danh sách lỗi"
    errors = [c.value for c in copy["Đảng viên"][2] if c.value and "không phải một ngày" in str(c.value)]
    assert errors


def test_rows_outside_the_scope_are_refused(client, users, round_, tree):
    client.force_login(users["cell_secretary"])
    book = _book(client, round_)  # the secretary's book lists cell A only
    sheet = book["Đảng viên"]
    other = MemberRating.objects.filter(round=round_, cell=tree["cell_b"]).first()
    sheet.append([other.pk])
    _fill(sheet, lambda row: "Hoàn thành tốt nhiệm vụ")
    page = _page(_post(client, round_, book))
    assert "Bạn không có quyền ghi kết quả của Chi bộ tổ dân phố số 2" in page
    assert "bạn không có quyền quyết định" in page  # the secretary proposes, the committee decides
    assert not MemberRating.objects.filter(round=round_).exclude(step=Step.LISTED).exists()


def test_a_run_is_its_users_and_its_rounds(client, users, round_, tree):
    client.force_login(users["office"])
    job_url = _post(client, round_, _good_book(client, round_), dry_run=True).redirect_chain[-1][0]
    client.force_login(users["cell_secretary"])  # writes in cell A, but the run is the office's
    for suffix in ("", "tien-do/", "tep-loi/"):
        assert client.get(job_url + suffix).status_code == 404
    assert client.post(job_url + "ghi/").status_code == 404
    client.force_login(users["member"])
    assert client.get(f"/xep-loai/{round_.pk}/nhap-ket-qua/").status_code in (403, 404)
    assert not MemberRating.objects.filter(round=round_).exclude(step=Step.LISTED).exists()


def test_files_that_are_not_workbooks_get_a_message(client, users, round_):
    client.force_login(users["office"])
    upload = io.BytesIO(b"\xd0\xcf\x11\xe0old excel")
    upload.name = "cu.xls"
    page = _page(client.post(f"/xep-loai/{round_.pk}/nhap-ket-qua/", {"file": upload}, follow=True))
    assert "Không nhập được tệp." in page and "Excel 97–2003" in page
    response = client.post(f"/xep-loai/{round_.pk}/nhap-ket-qua/", {})
    assert response.status_code == 400 and "Hãy chọn tệp Excel cần nhập." in _page(response)
    empty = Workbook()
    empty.active.title = "Đảng viên"
    empty.active.append(["Mã phiếu", "Họ và tên"])
    assert "không có dòng kết quả nào" in _page(_post(client, round_, empty))


def test_the_run_reports_its_phases_in_vietnamese(users, round_, tmp_path, client):
    from dangvu.accounts.scope import scope_for
    from dangvu.rating.excel import import_results

    client.force_login(users["office"])
    path = tmp_path / "so.xlsx"
    _good_book(client, round_).save(path)
    seen = []
    result = import_results(
        scope_for(users["office"]),
        round_,
        path,
        "so.xlsx",
        progress=lambda phase, done, total: seen.append((phase, done, total)),
    )
    assert result.written and result.updated == 11
    phases = list(dict.fromkeys(phase for phase, _, _ in seen))
    assert phases == ["read", "rating.check", "write"]
    assert ("read", 11, 11) in seen and ("rating.check", 11, 11) in seen
    assert all(jobs.PHASES[p] != p and "Đang" in jobs.PHASES[p] for p in phases)
    assert "đối chiếu với danh sách đánh giá" in jobs.PHASES["rating.check"]


@pytest.mark.django_db(transaction=True)
def test_a_large_book_runs_in_the_background_with_progress(client, settings, users, round_):
    settings.DANGVU_IMPORT_INLINE_BYTES = 0
    client.force_login(users["office"])
    response = _post(client, round_, _good_book(client, round_))
    job_url = response.redirect_chain[-1][0]
    deadline = time.monotonic() + 60  # generous: the suite may share two cores with other work
    while time.monotonic() < deadline:
        poll = client.get(job_url + "tien-do/")
        if poll.get("HX-Refresh") == "true":
            break
        assert 'hx-trigger="every 1s"' in poll.content.decode()
        assert "Đang" in _page(poll)
        time.sleep(0.05)
    assert poll.get("HX-Refresh") == "true"
    assert "Đã nhập xong 11 dòng" in _page(client.get(job_url))
    assert MemberRating.objects.filter(round=round_, step=Step.DECIDED).count() == 11


def test_a_run_whose_worker_died_is_marked_failed(client, users, round_):
    client.force_login(users["office"])
    job = jobs._new_job(users["office"], "ket-qua.xlsx", dry_run=False, kind="rating", params={"round_id": round_.pk})
    _good_book(client, round_).save(job.upload_path)
    job.status, job.phase, job.done, job.total = "running", "rating.check", 4, 11
    job.save()
    job.heartbeat_path.touch()
    job_url = f"/xep-loai/nhap-ket-qua/{job.id}/"
    assert "Đang đối chiếu với danh sách đánh giá" in _page(client.get(job_url + "tien-do/"))
    old = job.heartbeat_path.stat().st_mtime - jobs.STALE_AFTER - 1
    os.utime(job.heartbeat_path, (old, old))
    assert client.get(job_url + "tien-do/").get("HX-Refresh") == "true"
    assert "Lượt nhập đã dừng giữa chừng" in _page(client.get(job_url))
    assert "Đã nhập xong 11 dòng" in _page(_post(client, round_, _good_book(client, round_)))
