"""A report's life: a draft recomputed on each view, approved, issued with a fixed snapshot that never
changes, corrected only by a report that supersedes it; narratives keep their history; bad input is refused
with a Vietnamese message."""

from datetime import date

import pytest
from django.http import Http404

from dangvu.core.errors import RuleViolation
from dangvu.reports import actions, kinds, placeholders
from dangvu.reports.content import content
from dangvu.reports.models import Narrative, Status
from dangvu.reports.periods import Period, first_months, parse_period
from reports_support import REPORT_DAY, inspect, issued, nine_month_report

pytestmark = pytest.mark.django_db


def figure(report, key):
    return content(report)["figures"][key]["value"]


def paragraphs(report, slot):
    return next(s for s in content(report)["sections"] if s["slot"] == slot)["paragraphs"]


def test_a_draft_is_recomputed_and_an_issued_report_is_fixed(tree, make_member):
    city = tree["city"]
    report = nine_month_report(city)
    assert figure(report, "members.admitted") == 0
    make_member(tree["cell_a"], admitted=date(2020, 5, 5), official=None)
    assert figure(report, "members.admitted") == 1
    inspect(city, [tree["ward"]], on=date(2020, 3, 3))
    assert figure(report, "inspection.organizations") == 1

    report = issued(report)
    assert report.status == Status.ISSUED and report.register_entry.label == "01-BC/TU"
    make_member(tree["cell_a"], admitted=date(2020, 6, 6), official=None)
    inspect(city, [tree["school"]], on=date(2020, 4, 4))
    report.refresh_from_db()
    assert figure(report, "members.admitted") == 1
    assert figure(report, "inspection.organizations") == 1
    assert content(report)["header"]["number"] == "01-BC/TU"

    report.summary = "sửa"
    with pytest.raises(PermissionError):
        report.save()
    with pytest.raises(RuleViolation, match="ban hành"):
        actions.write_narrative(None, report, "shortcomings", "Thêm sau khi ban hành")


def test_narratives_keep_their_history(tree):
    report = nine_month_report(tree["city"])
    actions.write_narrative(None, report, "shortcomings", "Dịch Covid-19 ảnh hưởng tiến độ.")
    actions.write_narrative(None, report, "shortcomings", "Dịch Covid-19 ảnh hưởng tiến độ.")  # unchanged: no version
    actions.write_narrative(None, report, "shortcomings", "Dịch Covid-19  ảnh hưởng\nCông tác tuyên truyền chưa cao.")
    assert Narrative.objects.filter(report=report, slot="shortcomings").count() == 2
    assert paragraphs(report, "shortcomings") == ["Dịch Covid-19 ảnh hưởng", "Công tác tuyên truyền chưa cao."]
    with pytest.raises(RuleViolation, match="không có mục"):
        actions.write_narrative(None, report, "no-such-slot", "x")


def test_a_correction_supersedes_and_takes_a_new_number(tree):
    report = nine_month_report(tree["city"])
    actions.write_narrative(None, report, "key_tasks", "Tổng kết các nghị quyết chuyên đề.")
    report = issued(report)
    correction = actions.supersede(None, report)
    assert correction.status == Status.DRAFT and correction.supersedes == report
    assert paragraphs(correction, "key_tasks") == ["Tổng kết các nghị quyết chuyên đề."]
    with pytest.raises(RuleViolation, match="đang soạn"):
        actions.supersede(None, report)
    correction = issued(correction)
    report.refresh_from_db()
    assert report.status == Status.SUPERSEDED
    assert correction.register_entry.label == "02-BC/TU"
    with pytest.raises(RuleViolation):
        actions.supersede(None, report)


def test_the_lifecycle_goes_in_order(tree):
    report = nine_month_report(tree["city"])
    with pytest.raises(RuleViolation, match="Dự thảo"):
        actions.issue(None, report)
    actions.approve(None, report)
    with pytest.raises(RuleViolation, match="Đã duyệt"):
        actions.write_narrative(None, report, "overview", "x")
    actions.reopen(None, report)
    actions.write_narrative(None, report, "overview", "Đánh giá chung.")


def test_bad_periods_are_refused_with_a_message():
    with pytest.raises(RuleViolation) as empty:
        parse_period("", "")
    assert empty.value.messages == ["Chưa nhập ngày bắt đầu kỳ báo cáo.", "Chưa nhập ngày kết thúc kỳ báo cáo."]
    with pytest.raises(RuleViolation, match="trước ngày bắt đầu"):
        parse_period("2020-10-01", "2020-09-30")
    with pytest.raises(RuleViolation, match="không phải ngày hợp lệ"):
        parse_period("2020-02-30", "2020-09-30")
    nine = first_months(2020, 9)
    assert (nine.label, nine.next_label, nine.previous().label) == (
        "9 tháng đầu năm 2020",
        "3 tháng cuối năm 2020",
        "từ ngày 01/04/2019 đến ngày 31/12/2019",
    )
    assert nine.year_earlier() == Period(date(2019, 1, 1), date(2019, 9, 30))
    assert Period(date(2020, 2, 1), date(2020, 2, 29)).year_earlier() == Period(date(2019, 2, 1), date(2019, 2, 28))


def test_bad_report_input(tree, users, other_tree):
    kind = kinds.kind_by_code("interim-9")
    nine = first_months(2020, 9)
    with pytest.raises(Http404):
        actions.create_report(
            users["office"], organization=other_tree["province"], kind=kind, period=nine, document_date=REPORT_DAY
        )
    with pytest.raises(RuleViolation, match="trước ngày bắt đầu kỳ"):
        actions.create_report(
            users["office"], organization=tree["city"], kind=kind, period=nine, document_date=date(2019, 12, 1)
        )
    with pytest.raises(RuleViolation, match=r"\{inspection\.organisations\}"):
        actions.create_report(
            users["office"],
            organization=tree["city"],
            kind=kind,
            period=nine,
            document_date=REPORT_DAY,
            summary="kiểm tra {inspection.organisations} tổ chức",
        )
    report = actions.create_report(
        users["office"], organization=tree["city"], kind=kind, period=nine, document_date=REPORT_DAY
    )
    assert report.created_by == users["office"]


def test_sentences_of_a_kind_only_take_known_placeholders(tree, users):
    section = kinds.kind_by_code("monthly").sections.exclude(text="").first()
    with pytest.raises(RuleViolation) as unknown:
        actions.update_section(users["admin"], section, heading="Kiểm tra", text="kiểm tra {kiem_tra} tổ chức")
    assert "{kiem_tra}" in unknown.value.messages[0]
    with pytest.raises(RuleViolation, match="quản trị"):
        actions.update_section(users["office"], section, heading="Kiểm tra", text="{inspection.members}")
    actions.update_section(
        users["admin"],
        section,
        heading="Kiểm tra",
        text="kiểm tra {inspection.members} đảng viên (cùng kỳ {inspection.members:year_earlier})",
    )
    assert placeholders.unknown_in(section.text) == []
