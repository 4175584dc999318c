"""What an uploaded office file may hold before it is opened, and the lengths the database keeps: a zip bomb, a
sheet of more rows than an import takes, a damaged archive and a Word template bomb are refused with a
Vietnamese reason before anything is parsed; a text longer than its field is a row error in the dry run
(as the database would refuse it), never a server error at the write."""

import io
import zipfile

import pytest

from dangvu.members.excel import reader
from dangvu.reports import word
from test_members_excel import counts, import_bytes, row, users, workbook_bytes  # noqa: F401 - users is a fixture

pytestmark = pytest.mark.django_db


def _with_part(content: bytes, name: str, data: bytes) -> bytes:
    buffer = io.BytesIO(content)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_parsed(tmp_path, users):  # noqa: F811
    bomb = _with_part(workbook_bytes([row(1)]), "xl/media/pad.bin", b"\0" * (30 * 1024 * 1024))
    assert len(bomb) < 200_000  # 30 MB of zeros compress a thousand times
    before = counts()
    result = import_bytes(tmp_path, bomb, users["office"])
    assert result.file_error.startswith("Tệp 'danh-sach.xlsx' có cấu trúc bất thường")
    assert "giải nén ra 31 MB" in result.file_error
    assert counts() == before
    assert reader.archives.inflation_problem(zipfile.ZipFile(io.BytesIO(workbook_bytes([row(1)]))), "x", 1) is None


def test_rows_are_counted_across_the_reading_chunks(tmp_path, users, monkeypatch):  # noqa: F811
    rows = [row(serial) for serial in range(1, 3001)]  # over 1 MB of sheet XML: several chunks
    content = workbook_bytes(rows)
    sheet = zipfile.ZipFile(io.BytesIO(content)).getinfo("xl/worksheets/sheet1.xml")
    assert sheet.file_size > 1 << 20
    monkeypatch.setattr(reader, "MAX_ROWS", 3001)  # the header and the 3,000 rows: accepted
    assert import_bytes(tmp_path, content, users["office"], dry_run=True).file_error == ""
    monkeypatch.setattr(reader, "MAX_ROWS", 3000)
    result = import_bytes(tmp_path, content, users["office"], dry_run=True)
    assert "có hơn 3.000 dòng, quá số dòng một lần nhập nhận được" in result.file_error


def test_a_damaged_archive_is_said_to_be_damaged(tmp_path, users):  # noqa: F811
    content = bytearray(workbook_bytes([row(1)]))
    start = content.index(b"xl/worksheets/sheet1.xml") + 40  # inside the sheet's compressed data
    content[start : start + 200] = bytes(200)
    result = import_bytes(tmp_path, bytes(content), users["office"])
    assert "bị hỏng" in result.file_error, result.file_error


def test_a_text_longer_than_its_field_is_a_row_error_in_the_dry_run(tmp_path, users):  # noqa: F811
    before = counts()
    result = import_bytes(tmp_path, workbook_bytes([row(1, **{"Họ": "Nguyễn" * 7})]), users["office"], dry_run=True)
    messages = {(p.row, p.column): p.message for p in result.problems}
    assert messages[(2, "Họ (A)")] == "Họ dài 42 ký tự, quá 40 ký tự cho phép."
    result = import_bytes(tmp_path, workbook_bytes([row(1, **{"Họ": "x" * 32767})]), users["office"])
    assert not result.written and counts() == before


def test_a_word_template_bomb_is_refused():
    from dangvu.reports.default_template import PATH

    template = PATH.read_bytes()
    assert word.template_errors(template) == []
    bomb = _with_part(template, "word/media/pad.bin", b"\0" * (30 * 1024 * 1024))
    (message,) = word.template_errors(bomb)
    assert message.startswith("Tệp 'mẫu Word' có cấu trúc bất thường")
