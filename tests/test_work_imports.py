"""Excel imports of congresses, course participants and inspections: all or nothing, with an error report that
names every bad line in Vietnamese; templates that download and import back."""

from datetime import date
from io import BytesIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dangvu.core.models import AuditEvent
from dangvu.members.models import Person
from dangvu.work import actions
from dangvu.work.models import Congress, CourseKind, CourseParticipant, Oversight


def workbook(sheet: str, rows: list[list]) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    out = BytesIO()
    book.save(out)
    return SimpleUploadedFile("du-lieu.xlsx", out.getvalue())


CONGRESS_HEADER = [
    "Mã tổ chức",
    "Nhiệm kỳ",
    "Lần thứ",
    "Hình thức",
    "Tình trạng",
    "Ngày khai mạc",
    "Ngày bế mạc",
    "Ngày dự kiến bắt đầu",
]


@pytest.fixture
def office(client, users):
    client.force_login(users["office"])
    return client


def report(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_congress_import_all_or_nothing(office, tree):
    url = reverse("work_congress_import")
    bad = workbook(
        "Đại hội",
        [
            CONGRESS_HEADER,
            ["quangtrung", "2020-2025", 5, "Đại hội đảng viên", "Đã tổ chức", "10/05/2020", "10/05/2020", None],
            ["thpt", "2020–2025", "bảy", "Đại hội đảng viên", "Đã tổ chức", "31/02/2020", None, None],
            ["khongco", "2020–2025", 1, "Đại hội đại biểu", "Đã tổ chức", date(2020, 6, 1), None, None],
            ["qt-cb1", "2020–2025", 1, "Hội nghị", "Dự kiến", None, None, None],
            ["quangtrung", "2020–2025", 5, "Đại hội đảng viên", "Đã tổ chức", "11/05/2020", None, None],
        ],
    )
    text = report(office.post(url, {"file": bad}))
    assert "Dòng 3, cột Lần thứ (C)" in text and "không phải một ngày" in text
    assert "Dòng 5, cột Hình thức (D)" in text
    assert "Không có dòng nào được ghi" in text
    assert Congress.objects.count() == 0
    # Cells read; now the rules: an unknown code and a second congress for the same term.
    bad = workbook(
        "Đại hội",
        [
            CONGRESS_HEADER,
            ["quangtrung", "2020-2025", 5, "Đại hội đảng viên", "Đã tổ chức", "10/05/2020", "10/05/2020", None],
            ["khongco", "2020–2025", 1, "Đại hội đại biểu", "Đã tổ chức", date(2020, 6, 1), None, None],
            ["quangtrung", "2020–2025", 5, "Đại hội đảng viên", "Đã tổ chức", "11/05/2020", None, None],
        ],
    )
    text = report(office.post(url, {"file": bad}))
    assert "Dòng 3: Không có tổ chức mã" in text and "Dòng 4: Đảng bộ phường Quang Trung đã có đại hội" in text
    assert Congress.objects.count() == 0
    good = workbook(
        "Đại hội",
        [
            ["Danh sách đại hội năm 2020"],
            CONGRESS_HEADER,
            ["quangtrung", "2020-2025", 5, "Đại hội đảng viên", "Đã tổ chức", "10/05/2020", "10/05/2020", None],
            [],
            ["thpt", "2020–2025", 7, "dai hoi dang vien", "du kien", None, None, "05/10/2020"],
        ],
    )
    response = office.post(url, {"file": good})
    assert response.status_code == 302
    assert set(Congress.objects.values_list("organization__code", "status")) == {
        ("quangtrung", "held"),
        ("thpt", "planned"),
    }
    assert AuditEvent.objects.filter(action="congress.import").exists()
    assert AuditEvent.objects.filter(action="congress.create").count() == 2


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("a.xlsx", b""), "rỗng"),
        (SimpleUploadedFile("a.csv", b"ma,nhiem ky\nquangtrung,2020"), "không phải bảng tính Excel"),
        (None, "Chưa chọn tệp"),
    ],
)
def test_bad_files(office, upload, message):
    data = {"file": upload} if upload is not None else {}
    assert message in report(office.post(reverse("work_congress_import"), data))


def test_missing_column_and_wrong_sheet(office):
    text = report(
        office.post(
            reverse("work_congress_import"),
            {"file": workbook("Đại hội", [["Mã tổ chức", "Nhiệm kỳ"], ["quangtrung", "2020–2025"]])},
        )
    )
    assert "thiếu cột: Hình thức, Tình trạng" in text
    book = openpyxl.Workbook()
    book.active.title = "Trang 1"
    book.create_sheet("Trang 2")
    out = BytesIO()
    book.save(out)
    text = report(office.post(reverse("work_congress_import"), {"file": SimpleUploadedFile("b.xlsx", out.getvalue())}))
    assert "Không tìm thấy trang tính" in text


def test_template_downloads_and_reads_back(office):
    for name in ("work_congress_template", "work_participant_template", "work_oversight_template"):
        response = office.get(reverse(name))
        assert response.status_code == 200
        book = openpyxl.load_workbook(BytesIO(response.content))
        assert book.sheetnames[1] == "Hướng dẫn"
    text = report(
        office.post(
            reverse("work_congress_import"),
            {"file": SimpleUploadedFile("m.xlsx", office.get(reverse("work_congress_template")).content)},
        )
    )
    assert "không có dòng dữ liệu" in text


PARTICIPANT_HEADER = ["Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Kết quả", "Số giấy chứng nhận"]


def test_participant_import(office, tree, make_member, users):
    course = actions.create_course(
        None,
        kind=CourseKind.NEW_MEMBER_THEORY,
        title="Lớp đảng viên mới",
        organizer=tree["city"],
        start_date=date(2021, 3, 1),
        end_date=date(2021, 3, 10),
    )
    member = make_member(tree["cell_a"], given="Mới", birth=date(1996, 1, 1), admitted=date(2020, 9, 1), official=None)
    url = reverse("work_participant_import", args=[course.pk])
    people_before = Person.objects.count()
    bad = workbook(
        "Học viên",
        [
            PARTICIPANT_HEADER,
            [None, None, None, member.person.citizen_id, "Đạt", "05/LLCT"],
            ["Lê Văn Quần", "Nam", "02/03/1998", "035098777777", "Đạt", ""],  # not a member: not for this class
            ["Trần Thị Mai", "Nữ", None, None, "", ""],  # unknown person without CCCD or birth date
            [None, None, None, member.person.citizen_id, "Không đạt", "06/LLCT"],  # twice, and no pass
            ["Phạm Văn Tư", "Nam", "02/03/1998", 35098777777, "Giỏi", ""],  # CCCD lost its zero; bad result
        ],
    )
    text = report(office.post(url, {"file": bad}))
    assert "Dòng 6, cột Kết quả (E)" in text
    assert CourseParticipant.objects.count() == 0 and Person.objects.count() == people_before
    bad = workbook(
        "Học viên",
        PARTICIPANT_HEADER
        and [
            PARTICIPANT_HEADER,
            [None, None, None, member.person.citizen_id, "Đạt", "05/LLCT"],
            ["Lê Văn Quần", "Nam", "02/03/1998", "035098777777", "Đạt", ""],
            ["Trần Thị Mai", "Nữ", None, None, "", ""],
            [None, None, None, member.person.citizen_id, "Không đạt", "06/LLCT"],
        ],
    )
    text = report(office.post(url, {"file": bad}))
    assert "Dòng 3: Lê Văn Quần chưa là đảng viên" in text
    assert "Dòng 4: Người chưa có trong hệ thống: cần số CCCD." in text
    assert "Dòng 5: " in text and "trùng với dòng 2" in text and "Chỉ học viên có kết quả đạt" in text
    assert CourseParticipant.objects.count() == 0 and Person.objects.count() == people_before
    good = workbook("Học viên", [PARTICIPANT_HEADER, [None, None, None, member.person.citizen_id, "Đạt", "05/LLCT"]])
    assert office.post(url, {"file": good}).status_code == 302
    assert CourseParticipant.objects.get().person == member.person


def test_awareness_import_creates_candidates(office, tree):
    course = actions.create_course(
        None,
        kind=CourseKind.AWARENESS,
        title="Lớp nhận thức",
        organizer=tree["city"],
        start_date=date(2020, 5, 18),
        end_date=date(2020, 5, 22),
    )
    rows = [
        ["Họ", "Tên đệm", "Tên", "Giới tính", "Ngày sinh", "Số CCCD", "Kết quả", "Số giấy chứng nhận"],
        ["Lê", "Văn", "Quần", "Nam", "02/03/1998", "035098777777", "Đạt", "01/GCN"],
        ["Đỗ", "Thị", "Hà", "Nữ", date(1999, 4, 4), "035199888888", "Vắng", ""],
    ]
    assert (
        office.post(
            reverse("work_participant_import", args=[course.pk]), {"file": workbook("Học viên", rows)}
        ).status_code
        == 302
    )
    assert sorted(p.person.full_name for p in course.participants.all()) == ["Lê Văn Quần", "Đỗ Thị Hà"]
    assert AuditEvent.objects.filter(action="person.create").count() == 2


OVERSIGHT_HEADER = [
    "Hoạt động",
    "Loại",
    "Mã tổ chức tiến hành",
    "Chủ thể",
    "Ngày bắt đầu",
    "Nội dung",
    "Tổ chức được kiểm tra, giám sát",
    "Đảng viên được kiểm tra, giám sát",
    "Có vi phạm",
    "Vi phạm",
]


def test_oversight_import(client, users, tree, make_member):
    client.force_login(users["inspection"])
    member = make_member(tree["cell_a"], given="Kiểm")
    url = reverse("work_oversight_import")
    cid = member.person.citizen_id
    # The columns before the subjects: an inspection on signs of violation, a regular one.
    signs = ["Kiểm tra", "Khi có dấu hiệu vi phạm", "phuly", "UBKT", "02/03/2020", "Dấu hiệu"]
    regular = ["Kiểm tra", "Thường xuyên, theo chương trình", "phuly", "BTV", "02/03/2020", "Định kỳ"]
    rows = [
        [*signs, "quangtrung", cid, "Có", "Vi phạm quy chế"],
        ["Giám sát", "Tài chính đảng", "phuly", "BTV", "02/03/2020", "Chuyên đề", "thpt", None, "Không", None],
        [*regular, "khongco", None, "Không", None],
    ]
    # A cell that cannot be read is reported by row and column.
    bad = workbook("Kiểm tra, giám sát", [OVERSIGHT_HEADER, *rows, [*regular, "thpt", None, "Có lẽ", None]])
    text = report(client.post(url, {"file": bad}))
    assert "Dòng 5, cột Có vi phạm" in text
    # Rows that break a rule: each one reported, none written.
    bad = workbook("Kiểm tra, giám sát", [OVERSIGHT_HEADER, *rows])
    text = report(client.post(url, {"file": bad}))
    assert "Dòng 3: Loại giám sát không hợp lệ" in text and "Dòng 4: Không có tổ chức mã" in text
    assert Oversight.objects.count() == 0
    good = workbook(
        "Kiểm tra, giám sát", [OVERSIGHT_HEADER, [*signs, "quangtrung, thpt", cid, "Có", "Vi phạm quy chế"]]
    )
    assert client.post(url, {"file": good}).status_code == 302
    assert Oversight.objects.get().subjects.count() == 3
    assert AuditEvent.objects.filter(action="oversight.import", actor=users["inspection"]).exists()
    # The leader may not import.
    client.force_login(users["leader"])
    assert client.post(url, {"file": good}).status_code == 403
