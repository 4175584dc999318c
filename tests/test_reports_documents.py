"""The documents are real: the Word file reopens with the Party's header, number and date line in Times New
Roman on A4 with the guideline's margins; LibreOffice converts it and the PDF holds the figures; an uploaded
template with an unknown placeholder is refused with a message naming it."""

import io
import json
import shutil
import subprocess
import warnings
from datetime import date

import pytest
from docx import Document

from dangvu.core.errors import RuleViolation
from dangvu.reports import actions, charts, kinds, pdf, word
from dangvu.reports.models import DocumentTemplate
from reports_support import docx_text, inspect, issued, nine_month_report

pytestmark = pytest.mark.django_db
FONT = "Times New Roman"


@pytest.fixture
def report(tree, make_member):
    city = tree["city"]
    for n in range(3):
        make_member(
            tree["cell_a"], given=f"Mới{n}", birth=date(1996, 1, 1), admitted=date(2020, 4 + n, 2), official=None
        )
    inspect(city, [tree["ward"], tree["school"]], on=date(2020, 5, 5))
    draft = nine_month_report(city)
    actions.update_report(None, draft, signer_post="Phó Bí thư", signer_name="Phạm Chí Thống")
    actions.write_narrative(None, draft, "key_tasks", "Tập trung phát triển kinh tế.")
    return issued(draft)


def runs_with(document, text):
    for paragraph in [
        *document.paragraphs,
        *(p for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs),
    ]:
        if paragraph.text == text:
            return paragraph.runs
    raise AssertionError(f"no paragraph {text!r}")


def test_the_word_document_follows_the_format(report):
    document = Document(io.BytesIO(bytes(report.document)))
    section = document.sections[0]
    sizes = [
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    ]
    assert [round(size.mm) for size in sizes] == [210, 297, 20, 20, 30, 15]
    for line in [
        "ĐẢNG BỘ TỈNH HÀ NAM",
        "THÀNH ỦY PHỦ LÝ",
        "Số 01-BC/TU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Phủ Lý, ngày 08 tháng 10 năm 2020",
        "BÁO CÁO",
        "T/M BAN THƯỜNG VỤ",
        "PHÓ BÍ THƯ",
        "Phạm Chí Thống",
        "- Lưu Văn phòng Thành ủy.",
    ]:
        runs = runs_with(document, line)
        assert runs and all(run.font.name == FONT for run in runs), line
    assert all(r.font.bold for r in runs_with(document, "THÀNH ỦY PHỦ LÝ"))
    assert all(r.font.italic for r in runs_with(document, "Phủ Lý, ngày 08 tháng 10 năm 2020"))
    text = docx_text(bytes(report.document))
    assert "kiểm tra 2 tổ chức Đảng" in text and "trong kỳ kết nạp 3 đảng viên" in text
    assert "III. NHIỆM VỤ TRỌNG TÂM 3 THÁNG CUỐI NĂM 2020" in text and "Tập trung phát triển kinh tế." in text
    figures = document.tables[-1]
    assert [c.text for c in figures.rows[0].cells][:3] == ["STT", "Chỉ tiêu", "9 tháng đầu năm 2020"]
    admitted = next(r for r in figures.rows if r.cells[1].text == "Kết nạp đảng viên")
    assert [c.text for c in admitted.cells[2:]] == ["3", "0", "0"]
    assert len(document.inline_shapes) == 2  # the charts
    admissions = report.snapshot["charts"][0]
    assert admissions["labels"][:4] == ["1/20", "2/20", "3/20", "4/20"]
    assert admissions["series"][0]["values"] == [0, 0, 0, 1, 1, 1, 0, 0, 0]


def test_libreoffice_converts_it_and_the_pdf_holds_the_figures(report, tmp_path):
    # `make test` installs LibreOffice and poppler (scripts/system-packages.sh): their absence is a failure.
    assert shutil.which("soffice") and shutil.which("pdftotext"), "LibreOffice and pdftotext are not installed"
    target = tmp_path / "bao-cao.pdf"
    target.write_bytes(pdf.docx_to_pdf(bytes(report.document)))
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, check=True, text=True).stdout
    for expected in [
        "ĐẢNG BỘ TỈNH HÀ NAM",
        "THÀNH ỦY PHỦ LÝ",
        "Số 01-BC/TU",
        "Phủ Lý, ngày 08 tháng 10 năm 2020",
        "kiểm tra 2 tổ chức Đảng",
        "kết nạp 3 đảng viên",
    ]:
        assert expected in " ".join(text.split()), expected
    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True).stdout
    assert "LiberationSerif" in fonts or "Tinos" in fonts


def test_a_missing_libreoffice_gets_a_clear_message(monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(pdf.ConversionError, match="chưa cài LibreOffice"):
        pdf.docx_to_pdf(b"...")


def edited_template(extra: str) -> bytes:
    """The shipped template as an administrator downloads it, with one paragraph added in Word."""
    document = Document(io.BytesIO(word.shipped_template()))
    document.add_paragraph(extra)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_an_uploaded_template_with_unknown_placeholders_is_refused(tree, users):
    kind = kinds.kind_by_code("interim-9")
    for extra, named in [
        ("Người lập: {{ nguoi_lap }}", "{{ nguoi_lap }}"),
        ("Kiểm tra: {{ f.inspection.organisations }}", "f.inspection.organisations"),
        ("Hỏng: {% for x in %}", "cú pháp"),
    ]:
        with pytest.raises(RuleViolation) as refused:
            actions.upload_template(users["admin"], kind, edited_template(extra), "mau.docx")
        assert named in " ".join(refused.value.messages)
    with pytest.raises(RuleViolation, match="không phải văn bản Word"):
        actions.upload_template(users["admin"], kind, b"not a zip", "mau.docx")
    with pytest.raises(RuleViolation, match="quản trị"):
        actions.upload_template(users["office"], kind, word.shipped_template(), "mau.docx")
    assert not DocumentTemplate.objects.exists()


def test_an_edited_template_is_used_for_the_next_documents(tree, users):
    kind = kinds.kind_by_code("interim-9")
    actions.upload_template(
        users["admin"], kind, edited_template("Tổng số tổ chức cơ sở đảng: {{ f.grassroots.total }}."), "mau-moi.docx"
    )
    content, uploaded = word.current_template(kind)
    assert uploaded.file_name == "mau-moi.docx" and word.template_errors(content) == []
    report = issued(nine_month_report(tree["city"]))
    assert "Tổng số tổ chức cơ sở đảng: 2." in docx_text(bytes(report.document))


def test_charts_draw_every_vietnamese_letter():
    # Debian's first Liberation fonts (installed with chromium) lack "ớ": a chart drawn with them shows boxes,
    # and matplotlib says so with a warning, an error here.
    labels = ["Kiểm tra\ntổ chức", "Giám sát CĐ\nđảng viên", charts.VIETNAMESE_LETTERS]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        image = charts._render.__wrapped__(
            json.dumps({"labels": labels, "series": [{"name": "Kỷ luật ưu tiên", "values": [1, 2, 3]}]})
        )
    assert image.startswith(b"\x89PNG")


def test_a_worker_starts_without_matplotlib():
    """The URL map and every view load without importing matplotlib (a worker's first request would pay ~2 s)."""
    import subprocess
    import sys

    code = (
        "import os, sys, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'dangvu.settings'); "
        "django.setup(); import dangvu.urls; print('matplotlib' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
