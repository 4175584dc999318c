"""The Phủ Lý 2020 demo: the 2020 tree and today's, the members and their rules, the article's officials,
the demo users, and the same data from the same seed.

The demo is loaded once for the module (about half a minute) inside a transaction that is rolled back at the
end, so the other test modules still start from an empty database.
"""

import hashlib
import io
import json
import unicodedata
from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from docx import Document

from dangvu.accounts.scope import WRITE, scope_for
from dangvu.core.text import ALPHABET, LETTER_MARKS, fold
from dangvu.demo import loader
from dangvu.members.models import LeftReason, Member, MemberEvent, Person, Status
from dangvu.members.rules import add_months, admission_age_errors, citizen_id_errors
from dangvu.organizations import queries
from dangvu.organizations.models import Body, Organization, Post, Sector
from dangvu.reports import figures as report_figures
from dangvu.reports.models import Report
from dangvu.reports.models import Status as ReportStatus
from dangvu.reports.periods import Period
from reports_support import REPORT_DAY, docx_text

pytestmark = pytest.mark.django_db

SEPT_30, CONFERENCE, REORGANIZED = date(2020, 9, 30), date(2020, 10, 8), date(2025, 7, 1)
# The 21 wards and communes of 2020 (shared/domain/SEED-FACTS.md).
WARDS = [
    "phường Quang Trung",
    "phường Lương Khánh Thiện",
    "phường Lê Hồng Phong",
    "phường Minh Khai",
    "phường Hai Bà Trưng",
    "phường Trần Hưng Đạo",
    "phường Lam Hạ",
    "phường Liêm Chính",
    "phường Thanh Châu",
    "phường Châu Sơn",
    "phường Thanh Tuyền",
    "xã Phù Vân",
    "xã Liêm Chung",
    "xã Tiên Tân",
    "xã Tiên Hiệp",
    "xã Tiên Hải",
    "xã Kim Bình",
    "xã Liêm Tuyền",
    "xã Liêm Tiết",
    "xã Đinh Xá",
    "xã Trịnh Xá",
]
ARTICLE_TITLES = {
    "Trần Thanh Sơn": "Phó Trưởng Ban Tổ chức Tỉnh ủy",
    "Phạm Thị Thủy": "Phó Ban Dân vận Tỉnh ủy",
    "Nguyễn Anh Chức": "Ủy viên BTV Tỉnh ủy, Bí thư Thành ủy, Chủ tịch HĐND thành phố",
    "Phạm Chí Thống": "Phó Bí thư TT Thành ủy",
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield loader.load()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def org(code: str) -> Organization:
    return Organization.objects.get(code=code)


def person_named(full_name: str) -> Person:
    family, *middle, given = full_name.split()
    return Person.objects.get(family_name=family, middle_name=" ".join(middle), given_name=given)


# The tree --------------------------------------------------------------------------------------------------


def test_67_grassroots_organizations_under_the_city_on_30_09_2020(demo):
    city = org("phuly")
    grassroots = list(queries.grassroots(city, SEPT_30))
    assert len(grassroots) == 67
    wards = [o for o in grassroots if o.sector == Sector.WARD_COMMUNE]
    assert sorted(queries.name_on(o, SEPT_30).name for o in wards) == sorted(f"Đảng bộ {w}" for w in WARDS)
    assert all(o.kind == "grassroots_committee" for o in wards)
    others = Counter(o.sector for o in grassroots if o.sector != Sector.WARD_COMMUNE)
    assert sum(others.values()) == 46
    assert {Sector.AGENCY, Sector.SCHOOL, Sector.HEALTH, Sector.ENTERPRISE, Sector.ARMED_FORCES} <= set(others)
    assert {o.kind for o in grassroots} == {"grassroots_committee", "grassroots_cell"}
    cells = queries.subtree(city, SEPT_30).filter(kind="cell")
    assert 300 <= cells.count() <= 600
    assert queries.name_on(city, SEPT_30).committee_name == "Thành ủy Phủ Lý"
    assert queries.name_on(city, date(2005, 1, 1)).name == "Đảng bộ thị xã Phủ Lý"
    assert queries.name_on(org("hanam"), SEPT_30).committee_name == "Tỉnh ủy Hà Nam"


def test_the_2025_reorganization_keeps_the_2020_tree(demo):
    city, province = org("phuly"), org("hanam")
    assert city.dissolved_on == REORGANIZED and province.dissolved_on == REORGANIZED
    assert queries.grassroots(city).count() == 0
    new_wards = Organization.objects.filter(code__startswith="nb-", kind="commune")
    assert sorted(queries.name_on(w).name for w in new_wards) == sorted(
        f"Đảng bộ phường {p}" for p in ("Phủ Lý", "Hà Nam", "Phù Vân", "Châu Sơn", "Liêm Tuyền")
    )
    # the 21 wards' and communes' committees ended, merged into the new wards' committees; the 46 other
    # grassroots organizations went under the new wards
    old_wards = Organization.objects.filter(
        code__in=[s.code for s in loader.plan()[0] if s.sector == Sector.WARD_COMMUNE]
    )
    assert len(old_wards) == 21 and {w.dissolved_on for w in old_wards} == {REORGANIZED}
    assert all(w.lineage_events.filter(type="merge", date=REORGANIZED).exists() for w in old_wards)
    today = {w.code: queries.grassroots(w).count() for w in new_wards}
    assert all(count > 0 for count in today.values()) and sum(today.values()) == 46
    cell = org("pl-quangtrung-tdp01")
    assert [o.code for o in queries.ancestors(cell, SEPT_30)] == ["hanam", "phuly", "pl-quangtrung"]
    assert [o.code for o in queries.ancestors(cell)] == ["ninhbinh", "nb-phuly"]
    assert queries.grassroots(org("ninhbinh")).count() == 46
    assert queries.grassroots(province, SEPT_30).count() == 67
    assert queries.grassroots(city, SEPT_30).count() == 67
    assert city.lineage_events.filter(type="dissolve", date=REORGANIZED).exists()
    assert province.lineage_events.filter(type="merge", date=REORGANIZED).exists()


# Members ---------------------------------------------------------------------------------------------------


def test_about_eight_thousand_members_with_their_histories(demo):
    total = Member.objects.count()
    assert 7_500 <= total <= 9_000
    in_2020 = queries.member_counts([org("phuly")], SEPT_30)[org("phuly").pk]
    assert 5_000 <= in_2020 < total
    statuses = Counter(Member.objects.values_list("status", flat=True))
    assert all(statuses[s] > 0 for s in Status.values)
    reasons = Counter(Member.objects.exclude(left_reason="").values_list("left_reason", flat=True))
    for reason in (LeftReason.DECEASED, LeftReason.TRANSFERRED_OUT, LeftReason.STRUCK_OFF):
        assert reasons[reason] > 0
    years = sorted(Member.objects.values_list("admitted_on__year", flat=True))
    assert 1960 <= years[0] < 1970 and years[-1] == 2026


def test_the_kept_member_counts_are_those_of_the_records(demo):
    """After the whole demo history (bulk admissions, transfers, leaving, the 2025 reorganization), the counts
    the tree and the dashboard read equal a count of the placements of today."""
    from django.utils import timezone

    orgs = list(Organization.objects.all())
    kept = {pk: n for pk, n in queries.member_counts(orgs).items() if n}
    counted = {pk: n for pk, n in queries.member_counts(orgs, timezone.localdate()).items() if n}
    assert kept == counted
    assert (
        sum(kept[o.pk] for o in orgs if o.parent_id is None and o.pk in kept)
        == Member.objects.exclude(status="left").count()
    )


def test_every_member_passes_the_rules(demo):
    members = list(Member.objects.select_related("person"))
    for member in members:
        person = member.person
        assert citizen_id_errors(person.citizen_id, person.birth_date, person.gender) == [], person
        assert admission_age_errors(person.birth_date, member.admitted_on, member.over_age_approval) == [], person
        if member.official_on:
            assert member.official_on >= add_months(member.admitted_on, 12)
        assert member.card_number is None or member.official_on is not None
        assert (member.status == Status.LEFT) == (member.left_on is not None)
    ids = [m.person.citizen_id for m in members]
    assert len(set(ids)) == len(ids) and all(ids)
    assert sum(cid.startswith("035") for cid in ids) / len(ids) > 0.8
    cards = [m.card_number for m in members if m.card_number]
    assert len(set(cards)) == len(cards)
    assert len(cards) >= Member.objects.exclude(official_on=None).count() - 200  # the invented members' cards


def test_names_have_their_real_frequencies_and_genders(demo):
    people = list(Person.objects.filter(membership__isnull=False).values_list("family_name", "middle_name", "gender"))
    share = Counter(family for family, _, _ in people)
    for family, low, high in (("Nguyễn", 34, 42), ("Trần", 8.5, 13.5), ("Lê", 7, 12), ("Phạm", 5, 9)):
        assert low <= 100 * share[family] / len(people) <= high, family
    assert all(gender == "female" for _, middle, gender in people if middle.startswith("Thị"))
    assert all(gender == "male" for _, middle, gender in people if middle == "Văn")
    for full_name in ARTICLE_TITLES:
        assert Person.objects.filter(name_folded=fold(full_name)).count() == 1


def _first_letter(name: str) -> int:
    char = name[0].lower()
    if char == "đ":
        return ALPHABET.index("đ")
    base, *marks = unicodedata.normalize("NFD", char)
    return ALPHABET.index(unicodedata.normalize("NFC", base + "".join(m for m in marks if m in LETTER_MARKS)))


def test_people_sort_by_given_name_and_search_without_diacritics(demo):
    givens = list(Person.objects.filter(membership__isnull=False).values_list("given_name", flat=True))
    letters = [_first_letter(g) for g in givens]
    assert letters == sorted(letters)
    last_d = max(i for i, g in enumerate(givens) if g.startswith("D"))
    first_dd = min(i for i, g in enumerate(givens) if g.startswith("Đ"))
    assert last_d < first_dd
    found = Person.objects.filter(name_folded__startswith="nguyen van ")
    assert found.count() > 100
    assert {(p.family_name, p.middle_name) for p in found} == {("Nguyễn", "Văn")}


# Officials -------------------------------------------------------------------------------------------------


def test_the_four_officials_of_the_article_have_their_titles_and_nothing_else(demo):
    for full_name, title in ARTICLE_TITLES.items():
        person = person_named(full_name)
        assert queries.titles(person, CONFERENCE) == title
        assert queries.titles(person, date(2020, 10, 9)) == title
        assert person.birth_date is None and person.citizen_id is None and person.gender == ""
        assert not Member.objects.filter(person=person).exists()
        assert queries.titles(person, date(2026, 1, 1)) == ""


def test_the_city_committee_of_both_terms(demo):
    city = org("phuly")

    def holders(on, body, post):
        return [p.person for p in queries.positions_of(city, on).filter(body=body, post=post)]

    earlier = holders(date(2018, 1, 1), Body.PERMANENT, Post.SECRETARY)
    assert len(earlier) == 1 and earlier[0].full_name not in ARTICLE_TITLES
    assert holders(CONFERENCE, Body.PERMANENT, Post.SECRETARY) == [person_named("Nguyễn Anh Chức")]
    for on in (date(2018, 1, 1), CONFERENCE):
        assert len(holders(on, Body.PERMANENT, Post.STANDING_DEPUTY_SECRETARY)) == 1
        assert len(holders(on, Body.PERMANENT, Post.DEPUTY_SECRETARY)) == 1
        assert len(holders(on, Body.INSPECTION_COMMITTEE, Post.INSPECTION_CHAIR)) == 1
        assert len(holders(on, Body.INSPECTION_COMMITTEE, Post.MEMBER)) >= 2
        assert len(holders(on, Body.STANDING, Post.MEMBER)) >= 8
    office = queries.positions_of(city, CONFERENCE).get(body=Body.DEPARTMENT, post=Post.HEAD, department="Văn phòng")
    assert "Chánh Văn phòng Thành ủy" in queries.titles(office.person, CONFERENCE)
    assert Member.objects.filter(person=office.person).exists()  # an invented member, not a real official
    assert not queries.positions_of(city).exists()  # the city's posts ended with it


# Users and determinism -------------------------------------------------------------------------------------


def test_one_demo_user_per_role(demo):
    roles = {}
    for username, password, _role, _scope in demo.logins:
        user = authenticate(username=username, password=password)
        assert user is not None, username
        roles[username] = user.mandates.get().role
    assert roles == {
        "admin": "admin",
        "vanphong": "office",
        "kiemtra": "inspection",
        "lanhdao": "leader",
        "bithuchibo": "cell_secretary",
        "dangvien": "member",
    }
    office = scope_for(authenticate(username="vanphong", password="demo-vanphong-2020"))
    # Phủ Lý ended on 01/07/2025: its office reads its history, and changes only what ended inside it; a cell
    # that went on under a Ninh Bình ward is read-only to it
    assert office.covers(org("pl-quangtrung-tdp01").pk) and not office.covers(org("pl-quangtrung-tdp01").pk, WRITE)
    assert office.covers(org("phuly").pk, WRITE)
    assert not office.covers(org("nb-phuly").pk)
    secretary = authenticate(username="bithuchibo", password="demo-bithuchibo-2020").mandates.get()
    assert queries.titles(secretary.person, date(2023, 1, 1)).startswith("Bí thư")
    member = authenticate(username="dangvien", password="demo-dangvien-2020").mandates.get()
    assert member.person.membership.organization == member.organization


def test_loading_again_does_nothing_and_prints_the_logins(demo):
    before = Organization.objects.count()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "không nạp lại" in out.getvalue() and "demo-admin-2020" in out.getvalue()
    assert Organization.objects.count() == before


def _digest(names: list[str]) -> str:
    return hashlib.sha256("\n".join(names).encode()).hexdigest()


def test_the_same_seed_gives_the_same_members(demo):
    _, _, first = loader.plan(loader.DEFAULT_SEED)
    _, _, second = loader.plan(loader.DEFAULT_SEED)
    sample = slice(0, None, 37)
    planned = [f"{p.full_name} {p.person['citizen_id']}" for p in first][sample]
    assert _digest(planned) == _digest([f"{p.full_name} {p.person['citizen_id']}" for p in second][sample])
    # The planned members are recorded first, in plan order (later steps add admissions after them).
    recorded = [
        f"{m.person.full_name} {m.person.citizen_id}"
        for m in Member.objects.select_related("person").order_by("pk")[: len(first)]
    ][sample]
    assert _digest(recorded) == _digest(planned)
    _, _, other = loader.plan(loader.DEFAULT_SEED + 1)
    assert _digest([f"{p.full_name} {p.person['citizen_id']}" for p in other][sample]) != _digest(planned)


# The golden report: the 9-month report of Thành ủy Phủ Lý for 01/01–30/09/2020, dated 08/10/2020, shows every
# figure of SEED-FACTS.md computed from the records, from the command and from the Word document, and is headed
# "ĐẢNG BỘ TỈNH HÀ NAM / THÀNH ỦY PHỦ LÝ" although both ended in 2025. (Here, so the demo loads once.) -----------


def test_the_figures_from_the_command(demo):
    out = io.StringIO()
    call_command(
        "report", "--org", "phuly", "--from", "2020-01-01", "--to", "2020-09-30", "--format", "json", stdout=out
    )
    data = json.loads(out.getvalue())
    figures = data["indicators"]
    assert data["organization"]["name"] == "Đảng bộ thành phố Phủ Lý"
    assert (figures["congress.grassroots_held"], figures["grassroots.total"]) == (67, 67)
    assert figures["congress.term"] == "2020–2025"
    assert (figures["inspection.organizations"], figures["inspection.members"]) == (22, 20)
    assert (figures["supervision.thematic.organizations"], figures["supervision.thematic.members"]) == (19, 7)
    assert (figures["course.awareness.classes"], figures["course.awareness.participants"]) == (2, 120)
    assert figures["course.new_member_theory.classes"] == 1
    # badges are awarded on 03/02 and 19/05 of the period (the demo's badge step), each counted once
    assert (
        figures["members.badges_awarded"]
        == MemberEvent.objects.filter(type="badge_awarded", date__range=(date(2020, 1, 1), SEPT_30)).count()
        > 0
    )


def test_the_report_the_demo_issued_holds_the_figures(demo):
    city = Organization.objects.get(code="phuly")
    report = Report.objects.filter(
        organization=city, status=ReportStatus.ISSUED, period_start=date(2020, 1, 1), period_end=date(2020, 9, 30)
    ).first()
    if report is None:
        pytest.fail("the demo issues the city's 9-month report (meetings.demo.nine_month_report)")
    figures = {key: figure["value"] for key, figure in report.snapshot["figures"].items()}
    assert (figures["inspection.organizations"], figures["supervision.thematic.organizations"]) == (22, 19)
    assert report.document_date == REPORT_DAY and report.register_entry.term == "2020–2025"
    assert "kiểm tra 22 tổ chức Đảng và 20 đảng viên" in docx_text(bytes(report.document))


def test_the_issued_snapshot_equals_the_live_figures(demo):
    """The demo records the year in the order it happened: the report issued on 08/10/2020 was computed from
    the records of then (the cell meetings included), and the whole later history (to the 2025 reform) leaves
    its period's figures as they were."""
    city = Organization.objects.get(code="phuly")
    report = Report.objects.get(
        organization=city, status=ReportStatus.ISSUED, period_start=date(2020, 1, 1), period_end=date(2020, 9, 30)
    )
    live = report_figures.figures(city, Period(date(2020, 1, 1), SEPT_30))
    # (the rating figures count the year's rating, which the cells held in December, after the report,
    # and the dues figures: the demo enters 2020's dues book after the report too)
    later = {key for key in live if key.startswith(("rating.", "dues."))}
    assert {key: figure.as_dict() for key, figure in live.items() if key not in later} == {
        key: value for key, value in report.snapshot["figures"].items() if key not in later
    }
    assert len(live) - len(later) > 40
    assert report.snapshot["figures"]["meetings.cell_meetings"]["value"] > 4000


def test_the_word_document_of_the_issued_report(demo):
    city = Organization.objects.get(code="phuly")
    assert city.dissolved_on == date(2025, 7, 1) and Organization.objects.get(code="hanam").dissolved_on
    report = Report.objects.get(
        organization=city, status=ReportStatus.ISSUED, period_start=date(2020, 1, 1), period_end=date(2020, 9, 30)
    )
    document = Document(io.BytesIO(bytes(report.document)))
    left = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs]
    right = [p.text for p in document.tables[0].rows[0].cells[1].paragraphs if p.text]
    assert left == ["ĐẢNG BỘ TỈNH HÀ NAM", "THÀNH ỦY PHỦ LÝ", "*", "Số 45-BC/TU"]
    assert right == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Phủ Lý, ngày 08 tháng 10 năm 2020"]
    text = docx_text(bytes(report.document))
    for fragment in [
        "67/67 tổ chức cơ sở Đảng trực thuộc tổ chức thành công Đại hội nhiệm kỳ 2020–2025",
        "kiểm tra 22 tổ chức Đảng và 20 đảng viên",
        "giám sát chuyên đề 19 tổ chức Đảng và 7 đảng viên",
        "Tổ chức 2 lớp bồi dưỡng kết nạp Đảng cho 120 quần chúng ưu tú, 1 lớp lý luận chính trị cho đảng viên mới",
    ]:
        assert fragment in text


def test_the_2020_rating_of_every_grassroots_organization(demo):
    from dangvu.rating.models import MemberStatus, Round, Step
    from dangvu.reports.indicators import REGISTRY
    from dangvu.reports.periods import year as year_period

    round_ = Round.objects.get(year=2020)
    assert round_.version == "2018" and "132-QĐ/TW" in round_.regulation
    assert not round_.member_ratings.filter(status=MemberStatus.LISTED).exclude(step=Step.DECIDED).exists()
    city = round_.organization
    phrase = REGISTRY["rating.grassroots_phrase"].compute(city, year_period(2020))
    assert phrase.split("/")[1].startswith("67 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên")

    def value(key):
        return REGISTRY[f"rating.grassroots_{key}"].compute(city, year_period(2020))

    # the sentence's count is the good or better, the excellent and the good together
    assert value("good_or_better") == int(phrase.split("/")[0]) == value("excellent") + value("good")
    assert 50 <= value("good_or_better") < 67 and value("good") < value("good_or_better")


def test_the_dues_of_2020_and_of_2026(demo):
    from django.db.models import Sum

    from dangvu.dues import queries as dues_queries
    from dangvu.dues.models import BasisKind, Decision, Line
    from dangvu.reports.indicators import REGISTRY
    from dangvu.reports.periods import Period

    city, cell = org("phuly"), org(loader.steps.DEMO_CELL)
    year_2020 = Line.objects.filter(month__year=2020)
    assert year_2020.filter(organization=cell, month=date(2020, 9, 1)).exists()
    kinds = Counter(
        Member.objects.filter(dues_bases__valid_from=date(2020, 1, 1)).values_list("dues_bases__kind", flat=True)
    )
    assert kinds[BasisKind.INSURED_SALARY] and kinds[BasisKind.PENSION] and kinds[BasisKind.OTHER]
    assert Decision.objects.count() == 6
    collected = REGISTRY["dues.collected"].compute(city, Period(date(2020, 1, 1), date(2020, 12, 31)))
    assert collected == year_2020.aggregate(total=Sum("paid"))["total"] > 0
    january, february = Line.objects.filter(month=date(2026, 1, 1)), Line.objects.filter(month=date(2026, 2, 1))
    assert january.exists() and set(january.values_list("regulation", flat=True)) == {"342"}
    assert set(february.values_list("regulation", flat=True)) == {"01"}
    assert february.filter(method="portal").exists()
    from django.contrib.auth import get_user_model

    secretary = scope_for(get_user_model().objects.get(username="bithuchibo"))
    behind = [a for a in dues_queries.arrears(secretary, cell, 2020) if a.alert]
    assert behind and [m.month for m in behind[0].months] == [9, 10, 11]


def test_the_letters_state_the_dues_books_month(demo):
    """Letters the city issued, in 2020 and in 2026, state the month of the dues book on their day; a letter
    of before the book (December 2019), or of a day nothing was paid yet, keeps its issue month, of no source."""
    from dangvu.transfers.models import DuesSource, Transfer

    issued = Transfer.objects.filter(issuer__isnull=False, issued_on__isnull=False)
    assert issued.filter(issued_on__year=2026).count() == 3
    from_book = issued.filter(dues_source=DuesSource.BOOK)
    assert from_book.filter(issued_on__year=2020).count() >= 0.8 * issued.filter(issued_on__year=2020).count()
    assert set(issued.exclude(dues_source=DuesSource.BOOK).values_list("dues_source", "dues_book_month")) == {
        ("", None)
    }
    for letter in from_book:
        assert letter.dues_paid_to == letter.dues_book_month <= letter.issued_on.replace(day=1), letter
    behind = issued.exclude(dues_owed="")
    assert all(
        letter.dues_paid_to < min(letter.member.dues_lines.filter(paid__isnull=True).values_list("month", flat=True))
        for letter in behind
    )
