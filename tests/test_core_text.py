"""Vietnamese text functions: NFC, folding for search, alphabetical order, dates and numbers."""

import unicodedata
from datetime import date

from dangvu.core.text import fold, long_date, nfc, number, short_date, sort_key, weekday


def test_nfc_joins_decomposed_text_and_collapses_spaces():
    decomposed = unicodedata.normalize("NFD", "Nguyễn  Văn   Đức ")
    assert nfc(decomposed) == "Nguyễn Văn Đức"
    assert len(nfc(decomposed)) == len("Nguyễn Văn Đức")


def test_fold_drops_diacritics_and_counts_d_stroke_as_d():
    assert fold("Nguyễn Văn Đức") == "nguyen van duc"
    assert fold("ĐẢNG BỘ PHƯỜNG LƯƠNG KHÁNH THIỆN") == "dang bo phuong luong khanh thien"
    assert fold(unicodedata.normalize("NFD", "Thủy")) == "thuy"


def test_alphabet_order_letters_before_tones():
    names = ["Ư", "U", "Ơn", "Ôn", "On", "Đa", "Da", "Dũng", "Ánh", "Ảnh", "Anh", "An", "Ân", "Ba"]
    assert sorted(names, key=sort_key) == [
        "An",
        "Anh",
        "Ảnh",
        "Ánh",
        "Ân",
        "Ba",
        "Da",
        "Dũng",
        "Đa",
        "On",
        "Ôn",
        "Ơn",
        "U",
        "Ư",
    ]


def test_people_sort_by_given_then_middle_then_family_name():
    people = [("Trần", "Văn", "An"), ("Nguyễn", "Văn", "An"), ("Lê", "Thị", "An"), ("Bùi", "Văn", "Bình")]
    ordered = sorted(people, key=lambda p: sort_key(p[2], p[1], p[0]))
    assert ordered == [("Lê", "Thị", "An"), ("Nguyễn", "Văn", "An"), ("Trần", "Văn", "An"), ("Bùi", "Văn", "Bình")]


def test_sort_keys_are_digits_so_every_collation_agrees():
    key = sort_key("Đức", "Văn", "Nguyễn")
    assert key.isdigit()


def test_dates_and_numbers_the_vietnamese_way():
    assert long_date(date(2020, 10, 8)) == "ngày 08 tháng 10 năm 2020"
    assert long_date(date(2020, 2, 3)) == "ngày 03 tháng 02 năm 2020"
    assert long_date(date(2020, 12, 25)) == "ngày 25 tháng 12 năm 2020"
    assert weekday(date(2020, 10, 9)) == "Thứ Sáu"
    assert weekday(date(2020, 10, 11)) == "Chủ nhật"
    assert short_date(date(2020, 10, 9)) == "09/10/2020"
    assert number(1050) == "1.050"
    assert number(5_600_000) == "5.600.000"
    assert number(12.5, 1) == "12,5"


def test_templates_group_thousands_the_vietnamese_way():
    from django.template import Context, Template

    rendered = Template("{% load humanize %}{{ n|intcomma }} {{ n }}").render(Context({"n": 8303}))
    assert rendered == "8.303 8303"  # plain integers (ids, years) stay ungrouped


def test_select_placeholders_are_vietnamese():
    """A blank choice of a model field reads "— Chọn —", not Django's untranslated "- Select an option -"."""
    from django.utils import translation

    from dangvu.members.models import Member

    with translation.override("vi"):
        field = Member._meta.get_field("left_reason").formfield()
        assert str(list(field.choices)[0][1]) == "— Chọn —"


def test_the_compiled_messages_are_those_of_the_po_file(tmp_path):
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    source = Path(__file__).resolve().parents[1] / "src" / "dangvu" / "locale"
    shutil.copytree(source, tmp_path / "locale")
    subprocess.run(
        [sys.executable, str(Path(__file__).resolve().parents[1] / "scripts" / "compile_messages.py"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    mo = "vi/LC_MESSAGES/django.mo"
    assert (tmp_path / "locale" / mo).read_bytes() == (source / mo).read_bytes()


def test_numbers_in_names_are_ordered_by_their_value():
    names = [
        "Chi bộ tổ dân phố số 10",
        "Chi bộ tổ dân phố số 2",
        "Chi bộ thôn An",
        "Chi bộ thôn 1A",
        "Chi bộ tổ dân phố số 1",
        "Chi bộ thôn 1",
        "Chi bộ thôn 01",
    ]
    assert sorted(names, key=sort_key) == [
        "Chi bộ thôn 1",
        "Chi bộ thôn 01",
        "Chi bộ thôn 1A",
        "Chi bộ thôn An",
        "Chi bộ tổ dân phố số 1",
        "Chi bộ tổ dân phố số 2",
        "Chi bộ tổ dân phố số 10",
    ]
    assert sort_key("Chi bộ thôn 1") != sort_key("Chi bộ thôn 2")  # no longer one key for every number
