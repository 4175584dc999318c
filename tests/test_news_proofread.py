"""The proofreader finds each fault of the seed article (SEED-FACTS.md) and nothing in the corrected text."""

from pathlib import Path

import pytest

from dangvu.news.proofread import proofread, proper_runs, syllable_key

SEED = Path("/work/shared/seed/phu-ly-2020-10-09.txt")
REGISTRY = ["Thành ủy Phủ Lý", "Đảng bộ thành phố Phủ Lý", "Đảng bộ tỉnh Hà Nam", "Tỉnh ủy Hà Nam",
            "phường Quang Trung", "phường Liêm Chính", "Trần Thanh Sơn", "Phạm Thị Thủy", "Nguyễn Anh Chức",
            "Phạm Chí Thống"]


def seed_text() -> str:
    if SEED.exists():
        return SEED.read_text(encoding="utf-8")
    pytest.fail(f"Bài gốc không có ở {SEED}")


def corrected(text: str) -> str:
    """The seed article with its faults fixed, and nothing else changed."""
    paragraphs = text.split("\n\n")
    repeated = [i for i in range(1, len(paragraphs)) if " ".join(paragraphs[i].split()) ==
                " ".join(paragraphs[i - 1].split())]
    for i in reversed(repeated):
        del paragraphs[i]
    text = "\n\n".join(paragraphs)
    for wrong, right in [("nhiệm vụ\u00a0 trọng tâm", "nhiệm vụ trọng tâm"), ("nhiệm vụ  trọng tâm",
                         "nhiệm vụ trọng tâm"), ("kiểm\u00a0 tra", "kiểm tra"), ("kiểm  tra", "kiểm tra"),
                         ("bán sát", "bám sát"), ("nhân sách", "ngân sách"), ("bền vữn", "bền vững"),
                         ("Thành ủy Phủ lý", "Thành ủy Phủ Lý")]:
        text = text.replace(wrong, right)
    return text


def kinds(warnings):
    return sorted(w.kind for w in warnings)


def test_each_fault_of_the_seed_article_is_found():
    warnings = proofread(seed_text(), REGISTRY)
    by_kind = {}
    for w in warnings:
        by_kind.setdefault(w.kind, []).append(w)
    assert len(by_kind["repeated_paragraph"]) == 1
    assert by_kind["repeated_paragraph"][0].excerpt.startswith("Sáng ngày 8/10/2020 Thành ủy Phủ Lý tổ chức")
    spaces = [w.excerpt for w in by_kind["double_space"]]
    assert len(spaces) == 2
    assert any("nhiệm vụ␣␣trọng tâm" in e for e in spaces) and any("kiểm␣␣tra" in e for e in spaces)
    confusions = {w.message for w in by_kind["confusion"]}
    assert confusions == {"«bán sát» có thể là «bám sát».", "«nhân sách» có thể là «ngân sách»."}
    [not_a_syllable] = by_kind["not_a_syllable"]
    assert "«vữn»" in not_a_syllable.message and "vững" in not_a_syllable.suggestion
    [name] = by_kind["registry_name"]
    assert name.message == "«Phủ lý» viết khác danh mục: «Phủ Lý»." and name.excerpt == "Thành ủy Phủ lý"
    assert len(warnings) == 7


def test_the_corrected_article_gives_no_warning():
    text = corrected(seed_text())
    assert text != seed_text()
    assert proofread(text, REGISTRY) == []


def test_abbreviations_numbers_and_loan_words_are_accepted():
    text = ("BTV Thành ủy, HĐND, UBND, TT, MTTQ, KT-XH, THCS và UBKT họp ngày 26 - 28/7/2020; "
            "phòng chống dịch Covid 19, nhiệm kỳ 2020- 2025.")
    assert proofread(text, REGISTRY) == []


def test_old_and_new_tone_placement_are_the_same_syllable():
    assert syllable_key("hoá") == syllable_key("hóa") and syllable_key("thuỷ") == syllable_key("Thủy")
    assert proofread("Văn hoá, văn hóa, thủy lợi, thuỷ lợi.", []) == []


def test_a_registry_name_is_checked_only_where_it_is_written_as_a_name():
    assert proper_runs("Thành ủy Phủ Lý") == ["Phủ Lý"]
    # "liêm chính" in lower case is an ordinary word, not the ward of Liêm Chính misspelt.
    assert proofread("Xây dựng chính quyền liêm chính, phường Liêm Chính.", REGISTRY) == []
    warnings = proofread("Đồng chí Phạm Chí thống dự họp tại Phường Liêm chính.", REGISTRY)
    assert [w.suggestion for w in warnings] == ["Phạm Chí Thống", "Liêm Chính"]
    assert kinds(proofread("Thanh ủy Phu Ly", REGISTRY)) == ["registry_name"]


def test_a_heading_in_capitals_and_short_repeated_lines_are_not_faults():
    text = "THÀNH ỦY PHỦ LÝ\n\nCác tin khác\n\nCác tin khác"
    assert proofread(text, REGISTRY) == []
