"""The proofreader finds each fault of the seed article (SEED-FACTS.md) and nothing in the corrected text."""

from datetime import date

import pytest

from dangvu.news.proofread import proofread, proper_runs, syllable_key

# shared/seed/phu-ly-2020-10-09.txt, byte for byte (its double spaces are a no-break space and a space).
SEED_ARTICLE = (
    "Thứ 6 Ngày 09/10/2020\n"
    "\n"
    "Thành ủy Phủ Lý sơ kết công tác xây dựng Đảng 9 tháng đầu năm, triển khai nhiệm vụ trọng tâm 3 "
    "tháng cuối năm 2020.\n"
    "\n"
    "Sáng ngày 8/10/2020 Thành ủy Phủ Lý tổ chức Hội nghị sơ kết công tác xây dựng Đảng 9 tháng đầu "
    "năm, triển khai nhiệm vụ trọng tâm 3 tháng cuối năm 2020.\n"
    "\n"
    "Sáng ngày 8/10/2020 Thành ủy Phủ Lý tổ chức Hội nghị sơ kết công tác xây dựng Đảng 9 tháng đầu "
    "năm, triển khai nhiệm vụ\u00a0 trọng tâm 3 tháng cuối năm 2020.\n"
    "\n"
    "Dự hội nghị có đồng chí Trần Thanh Sơn - Phó Trưởng Ban Tổ chức Tỉnh ủy; đồng chí Phạm Thị Thủy"
    " - Phó Ban Dân vận Tỉnh ủy; đồng chí Nguyễn Anh Chức - Ủy\u00a0viên BTV Tỉnh ủy, Bí thư Thành ủy, "
    "Chủ tịch HĐND thành phố; đồng chí Phạm Chí Thống - Phó Bí thư TT Thành ủy; các đồng chí trong "
    "BTV Thành ủy; Thường trực HĐND, lãnh đạo UBND thành phố; các đồng chí trong BCH đảng bộ Thành "
    "phố, các đồng chí bí thư các chi bộ trực thuộc Đảng bộ; các đồng chí Bí thư, Chủ tịch UBND các "
    "phường xã…\n"
    "\n"
    "Đồng chí Nguyễn Anh Chức - Ủy viên BTV Tỉnh ủy, Bí thư Thành ủy, Chủ tịch HĐND thành phố phát "
    "biểu tại hội nghị\n"
    "\n"
    "Tại hội nghị đồng chí Chánh văn phòng Thành ủy đã báo cáo kết quả nổi bật mà Đảng bộ thành phố "
    "đã đạt được trong tháng 9 tháng đầu năm. Theo đó, 9 tháng đầu năm, BCH Đảng bộ Thành phố, BTV "
    "thành ủy đã bán sát sự chỉ đạo của Tỉnh, tập trung lãnh đạo, chỉ đạo quyết liệt, có trọng tâm, "
    "trọng điểm và triển khai thực hiện có hiệu quả các nhiệm vụ chính trị của Đảng bộ Thành phố. "
    "Công tác xây dựng Đảng được các cấp ủy Đảng quan tâm, chỉ đạo sâu sát có nhiều chuyển biến tích"
    " cực; hoạt động của chính quyền, MTTQ và các đoàn thể từ thành phố đến cơ sở từng bước đi vào "
    "thực chất, bám sát nhiệm vụ chính trị của địa phương. Tập trung lãnh đạo, chỉ đạo 67/67 tổ chức"
    " cơ sở Đảng trực thuộc Đảng bộ Thành phố tổ chức thành công Đại hội nhiệm kỳ 2020- 2025. Đại "
    "hội Đảng bộ thành phố lần thứ 23 nhiệm kỳ 2020 - 2025 được tổ chức từ ngày 26 - 28/7/2020 diễn "
    "ra thành công tốt đẹp, được Tỉnh ủy - HĐND - UBND Tỉnh đánh giá cao đồng thời tạo khí thế phấn "
    "khởi, sự đồng thuận trong cán bộ, đảng viên và nhân dân Thành phố. Tại Hội nghị BCH đảng bộ lần"
    " thứ nhất đã bầu các chức danh Bí thư, phó bí thư, chủ nhiệm UBKT, ủy viên UBKT…Tập trung lãnh "
    "đạo, chỉ đạo kiện toàn cấp ủy, kiện toàn lãnh đạo quản lý các phòng, ban và phường xã. Trong 9 "
    "tháng đầu năm 2020 cấp ủy các cấp tiến hành kiểm\u00a0 tra 22 tổ chức Đảng và 20 đảng viên, giám sát"
    " chuyên đề 19 tổ chức Đảng và 7 đảng viên. Tổ chức 2 lớp bồi dưỡng kết nạp Đảng cho 120 quần "
    "chúng ưu tú, 1 lớp lý luận chính trị cho đảng viên mới.\n"
    "\n"
    "9 tháng đầu năm Thành ủy Phủ Lý đã tập trung chỉ đạo công tác phòng chống dịch bệnh Covid 19 "
    "trên địa bàn Thành phố. Chỉ đạo nhiệm vụ phát triển kinh tế - xã hội đạt được nhiều kết quả "
    "tích cực. Triển khai công tác bầu trưởng thôn, tổ trưởng tổ dân phố; tuyển dụng giáo viên THCS,"
    " giáo viên Tiểu học, giáo viên mầm non cho các đơn vị sự nghiệp Giáo dục đào tạo đảm bảo đúng "
    "quy định; Tổ chức tốt các hoạt động văn hoá, văn nghệ, thể dục thể thao; Các chính sách đảm bảo"
    " an sinh xã hội được triển khai kịp thời; An ninh chính trị, trật tự an toàn xã hội được giữ "
    "vững, đời sống nhân dân ổn định và ngày càng được nâng lên.\n"
    "\n"
    "Tuy nhiên do dịch bệnh covid 19 diễn biến phức tạp đã ảnh hưởng không nhỏ đến tiến độ và kết "
    "quả thực hiện các nhiệm vụ, kế hoạch đã đề ra từ đầu năm. Công tác tuyên truyền, vận động cán "
    "bộ, Đảng viên và nhân dân trên địa bàn thực hiện chủ trương, đường lối của Đảng, chính sách "
    "pháp luật của nhà nước có nơi, có việc hiệu quả chưa cao.\n"
    "\n"
    "3 tháng cuối năm Thành ủy Phủ Lý tập trung tuyên truyền thực hiện các nhiệm vụ chính trị của "
    "Tỉnh, thành phố, tuyên truyền đại hội đại biểu toàn quốc lần thứ 13 của Đảng. Tổ chức học tập, "
    "quán triệt, triển khai thực hiện hiệu quả các Nghị quyết, chỉ thị của TW, Tỉnh, và Thành phố "
    "nhất là Nghị quyết Đại hội Đảng bộ Tỉnh lần thứ 20 và nghị quyết Đại hội Đảng bộ Thành phố lần "
    "thứ 23. Rà soát quy hoạch, kiện toàn các chức danh cán bộ lãnh đạo quản lý các phòng ban chuyên"
    " môn, các đơn vị trường học. Rà soát các chỉ tiêu kinh tế, khai thác nguồn thu nhân sách để có "
    "biện pháp thu đúng, đủ, kịp thời đi đôi với nuôi dưỡng, tạo nguồn thu ổn định bền vữn. Giữ vững"
    " an ninh chính trị, TT ATXH, duy trì tốt công tác cải cách thủ tục hành chính…\n"
    "\n"
    "Tại hội nghị, các đại biểu đã tập trung thảo luận làm rõ hơn những kết quả đạt được và khó khăn"
    " đang gặp phải; đề xuất với TT thành ủy các giải pháp thực hiện trong thời gian tới.\n"
    "\n"
    "Phát biểu kết luận Hội nghị, đồng chí\u00a0Phạm Chí Thống - Phó Bí thư TT Thành ủy đã đánh giá cao "
    "những kết quả đã đạt được và nghiêm túc chỉ ra những mặt còn tồn tại hạn chế cần khắc phục "
    "trong thời gian tới. Đồng chí\u00a0yêu cầu 3 tháng cuối năm Thành phố cần tập trung thực hiện tốt "
    "một số nhiệm vụ trọng tâm cụ thể là: Tập trung chỉ đạo, hướng dẫn tuyên truyền và tổ chức các "
    "hoạt động thiết thực kỷ niệm các ngày lễ, ngày truyền thống của đất nước của địa phương và các "
    "ngành; Tổng kết các nghị quyết chuyên đề về phát triển KT- XH giai đoạn 2016 - 2020; MTTQ\u00a0và "
    "các tổ chức chính trị xã hội tiếp tục đổi mới nội dung phương thức hoạt động, phát huy tốt vai "
    "trò trong giám sát, phản biện xã hội. Tập trung phát triển kinh tế, hoàn thành các chỉ tiêu "
    "phát triển kinh tế xã hội./.\n"
    "\n"
    "Thành ủy Phủ lý\n"
    "\n"
    "Các tin khác"
)
REGISTRY = [
    "Thành ủy Phủ Lý",
    "Đảng bộ thành phố Phủ Lý",
    "Đảng bộ tỉnh Hà Nam",
    "Tỉnh ủy Hà Nam",
    "phường Quang Trung",
    "phường Liêm Chính",
    "Trần Thanh Sơn",
    "Phạm Thị Thủy",
    "Nguyễn Anh Chức",
    "Phạm Chí Thống",
]


def seed_text() -> str:
    return SEED_ARTICLE


def corrected(text: str) -> str:
    """The seed article with its faults fixed, and nothing else changed."""
    paragraphs = text.split("\n\n")
    repeated = [
        i for i in range(1, len(paragraphs)) if " ".join(paragraphs[i].split()) == " ".join(paragraphs[i - 1].split())
    ]
    for i in reversed(repeated):
        del paragraphs[i]
    text = "\n\n".join(paragraphs)
    for wrong, right in [
        ("nhiệm vụ\u00a0 trọng tâm", "nhiệm vụ trọng tâm"),
        ("nhiệm vụ  trọng tâm", "nhiệm vụ trọng tâm"),
        ("kiểm\u00a0 tra", "kiểm tra"),
        ("kiểm  tra", "kiểm tra"),
        ("bán sát", "bám sát"),
        ("nhân sách", "ngân sách"),
        ("bền vữn", "bền vững"),
        ("Thành ủy Phủ lý", "Thành ủy Phủ Lý"),
    ]:
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
    text = (
        "BTV Thành ủy, HĐND, UBND, TT, MTTQ, KT-XH, THCS và UBKT họp ngày 26 - 28/7/2020; "
        "phòng chống dịch Covid 19, nhiệm kỳ 2020- 2025."
    )
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


@pytest.mark.django_db
def test_the_registry_of_a_dissolved_organization_still_checks_its_articles(tree):
    from dangvu.news import actions
    from dangvu.organizations import actions as org_actions

    for child in ("ward", "school"):
        org_actions.move(None, tree[child], tree["province"], on=date(2025, 7, 1))
    org_actions.dissolve(None, tree["city"], on=date(2025, 7, 1))
    article = actions.create_article(
        None, organization=tree["city"], title="Tin cũ", body="Nội dung.", author="Thành ủy Phủ lý"
    )
    assert [w.suggestion for w in actions.check(article)] == ["Phủ Lý"]


@pytest.fixture
def no_dictionary(monkeypatch, tmp_path):
    """A machine without the hunspell-vi package (the proofreader reads the word list once per process)."""
    from dangvu.news import proofread as module

    monkeypatch.setattr(module, "DICTIONARY", tmp_path / "vi_VN.dic")
    module.syllables.cache_clear()
    yield
    module.syllables.cache_clear()


def test_without_the_dictionary_the_other_checks_run_and_the_user_is_told(no_dictionary):
    from dangvu.news.proofread import dictionary_notice

    warnings = proofread(seed_text(), REGISTRY)
    assert kinds(warnings) == [
        "confusion",
        "confusion",
        "double_space",
        "double_space",
        "registry_name",
        "repeated_paragraph",
    ]
    assert "hunspell-vi" in dictionary_notice() and "chưa kiểm tra được chính tả" in dictionary_notice()


def test_with_the_dictionary_there_is_no_notice():
    from dangvu.news.proofread import dictionary_notice

    assert dictionary_notice() == ""
