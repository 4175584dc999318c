"""Admission pages: scope (404 out of sight, 403 seen but not writable), audit of every change, Vietnamese
messages for every bad input of every form with nothing changed, the due list, the regulations shown."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

import test_admission_support as support
from dangvu.admission import actions
from dangvu.admission.models import Candidate, Step
from dangvu.core import rules as party_rules
from dangvu.core.models import AuditEvent
from dangvu.members.rules import add_months

pytest_plugins = ["test_admission_support"]  # the `cell` fixture


def client_for(client, users, role):
    client.force_login(users[role])
    return client


def url(candidate, slug=""):
    return f"/ket-nap/{candidate.pk}/{slug + '/' if slug else ''}"


@pytest.fixture
def outsider_candidate(other_tree):
    return actions.register(
        None,
        person={"family_name": "Trịnh", "given_name": "Xa", "gender": "male", "birth_date": date(1999, 1, 1)},
        organization=other_tree["cell"],
        listed_on=date(2020, 1, 6),
    )


def test_list_and_detail_are_scoped(client, users, cell, outsider_candidate):
    mine = support.walk(cell, Step.RESOLVED)
    c = client_for(client, users, "office")
    page = c.get("/ket-nap/").content.decode()
    assert "Phạm Minh Tuấn" in page and "Trịnh Xa" not in page
    assert c.get(url(mine)).status_code == 200
    assert c.get(url(outsider_candidate)).status_code == 404
    assert c.post(url(outsider_candidate, "hoc-lop"), {"on": "2020-02-01"}).status_code == 404
    assert Candidate.objects.get(pk=outsider_candidate.pk).step == Step.LISTED


def test_cell_secretary_sees_only_the_own_cell(client, users, cell):
    mine = support.walk(cell, Step.LISTED)
    other = actions.register(
        None,
        person={"family_name": "Lý", "given_name": "Bé", "gender": "female", "birth_date": date(2000, 2, 2)},
        organization=cell["cell_b"],
        listed_on=date(2020, 1, 6),
    )
    c = client_for(client, users, "cell_secretary")
    assert c.post(url(mine, "hoc-lop"), {"on": "2020-02-10"}).status_code == 302
    assert c.get(url(other)).status_code == 404
    assert "Lý Bé" not in c.get("/ket-nap/").content.decode()


def test_read_only_users_see_but_cannot_change(client, users, cell):
    candidate = support.walk(cell, Step.LISTED)
    for role in ("leader", "inspection"):
        c = client_for(client, users, role)
        page = c.get(url(candidate)).content.decode()
        assert "Phạm Minh Tuấn" in page and 'id="next-step"' not in page
        assert c.post(url(candidate, "hoc-lop"), {"on": "2020-02-10"}).status_code == 403
        assert c.get("/ket-nap/them/").status_code == 403
    assert Candidate.objects.get().step == Step.LISTED
    assert client_for(client, users, "member").get(url(candidate)).status_code == 404


def test_listing_a_candidate_through_the_page_is_audited(client, users, cell):
    c = client_for(client, users, "office")
    response = c.post(
        "/ket-nap/them/",
        {
            "p-family_name": "Hoàng",
            "p-middle_name": "Thu",
            "p-given_name": "Trang",
            "p-gender": "female",
            "p-birth_date": "2001-08-19",
            "c-organization": cell["cell"].code,
            "c-listed_on": "2020-01-06",
        },
    )
    candidate = Candidate.objects.get()
    assert response.status_code == 302 and response["Location"] == url(candidate)
    event = AuditEvent.objects.get(action="candidate.register")
    assert event.actor == users["office"] and event.organization == cell["cell"]
    c.post(url(candidate, "hoc-lop"), {"on": "2020-02-10"})
    assert AuditEvent.objects.get(action="candidate.class").actor == users["office"]


@pytest.mark.parametrize(
    "data, field, message",
    [
        (
            {"p-family_name": "", "p-given_name": "Trang", "p-gender": "female", "p-birth_date": "2001-08-19"},
            "p-family_name",
            "bắt buộc",
        ),
        (
            {
                "p-family_name": "Hoàng",
                "p-given_name": "Trang",
                "p-gender": "female",
                "p-birth_date": "2001-08-19",
                "p-citizen_id": "12345",
            },
            "p-citizen_id",
            "phải gồm đúng 12 chữ số",
        ),
        (
            {
                "p-family_name": "Hoàng",
                "p-given_name": "Trang",
                "p-gender": "female",
                "p-birth_date": "2001-08-19",
                "c-listed_on": "2099-01-01",
            },
            "c-listed_on",
            "ở tương lai",
        ),
        (
            {"p-family_name": "Hoàng", "p-given_name": "Trang", "p-gender": "female", "p-birth_date": "ngày sinh"},
            "p-birth_date",
            "Ngày không hợp lệ",
        ),
    ],
)
def test_bad_candidate_input_changes_nothing(client, users, cell, data, field, message):
    c = client_for(client, users, "office")
    form = {"c-organization": cell["cell"].code, "c-listed_on": "2020-01-06", **data}
    events = AuditEvent.objects.count()
    response = c.post("/ket-nap/them/", form)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Candidate.objects.exists() and AuditEvent.objects.count() == events


def test_a_ward_is_not_a_cell(client, users, cell):
    c = client_for(client, users, "office")
    response = c.post(
        "/ket-nap/them/",
        {
            "p-family_name": "Hoàng",
            "p-given_name": "Trang",
            "p-gender": "female",
            "p-birth_date": "2001-08-19",
            "c-organization": cell["ward"].code,
            "c-listed_on": "2020-01-06",
        },
    )
    assert "ở đây chỉ chọn chi bộ trực thuộc, chi bộ cơ sở." in response.content.decode()
    assert not Candidate.objects.exists()


def _ids(cell, *indexes):
    return [cell["members"][i].pk for i in indexes]


# (the step the candidate is at, the form, the data posted, the message expected)
BAD_STEPS = [
    (Step.LISTED, "hoc-lop", {"on": ""}, "bắt buộc"),
    (Step.LISTED, "hoc-lop", {"on": "2019-11-01"}, "trước ngày đưa vào danh sách quần chúng ưu tú"),
    (Step.LISTED, "hoc-lop", {"on": "2099-11-01"}, "ở tương lai"),
    (Step.LISTED, "don", {"on": "2020-04-01"}, "không thể ghi đơn xin vào Đảng lúc này"),
    (Step.IN_CLASS, "chung-nhan", {"on": "2020-03-20", "number": ""}, "Cần ghi số giấy chứng nhận"),
    (Step.IN_CLASS, "chung-nhan", {"on": "20/13/2020", "number": "GCN-1"}, "Ngày không hợp lệ (ngày/tháng/năm)"),
    (Step.CERTIFIED, "don", {"on": "2020-03-01"}, "trước ngày cấp giấy chứng nhận"),
    (
        Step.APPLIED,
        "gioi-thieu",
        {"on": "2020-04-15", "introducer_1": 0, "since_1": "2017-01-01"},
        "Cần đúng 2 đảng viên chính thức giới thiệu; đã ghi 1",
    ),
    (
        Step.APPLIED,
        "gioi-thieu",
        {"on": "2020-04-15", "introducer_1": 0, "since_1": "2019-04-16", "introducer_2": 1, "since_2": "2017-01-01"},
        "mới cùng công tác với người vào Đảng 11 tháng",
    ),
    (
        Step.APPLIED,
        "gioi-thieu",
        {"on": "2020-04-15", "introducer_1": 0, "since_1": "", "introducer_2": 1, "since_2": "2017-01-01"},
        "Cần ghi ngày bắt đầu",
    ),
    (
        Step.APPLIED,
        "gioi-thieu",
        {"on": "2020-04-15", "union_kind": "youth_union", "introducer_1": 0, "since_1": "2017-01-01"},
        "Cần ghi số, ngày nghị quyết giới thiệu",
    ),
    (Step.INTRODUCED, "nghi-quyet", {"on": "2020-05-12", "votes_for": "5"}, "cần ít nhất 6 (hai phần ba)"),
    (Step.INTRODUCED, "nghi-quyet", {"on": "2020-05-12", "votes_for": "nhiều"}, "Nhập một số nguyên"),
    (Step.INTRODUCED, "nghi-quyet", {"on": "2020-05-12", "votes_for": "9"}, "Số tán thành 9 không hợp lệ"),
    (
        Step.INTRODUCED,
        "nghi-quyet",
        {"on": "2020-05-12", "votes_for": "6", "exempted_present": "1"},
        "Chi bộ có 0 đảng viên được miễn công tác",
    ),
    (Step.RESOLVED, "quyet-dinh", {"on": "2020-06-01", "number": "", "by": "ward"}, "bắt buộc"),
    (
        Step.RESOLVED,
        "quyet-dinh",
        {"on": "2020-05-01", "number": "1-QĐ", "by": "ward"},
        "trước ngày nghị quyết của chi bộ",
    ),
    (
        Step.RESOLVED,
        "quyet-dinh",
        {"on": "2020-06-01", "number": "1-QĐ", "by": "cell_b"},
        "Không tìm thấy tổ chức đã chọn trong số cấp ủy cấp trên của chi bộ.",
    ),
    (
        Step.RESOLVED,
        "quyet-dinh",
        {"on": "2020-06-01", "number": "1-QĐ", "by_tim": "tinh khac"},
        "Không tìm thấy tổ chức nào khớp “tinh khac” trong số cấp ủy cấp trên của chi bộ.",
    ),
    (Step.ADMITTED, "le-ket-nap", {"on": "2020-05-30"}, "trước ngày quyết định kết nạp"),
    (Step.PROBATION, "cong-nhan", {"on": "2021-06-01", "number": "2-QĐ"}, "Chưa hết 12 tháng dự bị"),
    (Step.PROBATION, "cong-nhan", {"on": "2021-07-01", "number": ""}, "bắt buộc"),
    (Step.PROBATION, "xoa-ten", {"on": "2021-07-01", "number": "3-QĐ", "reason": ""}, "bắt buộc"),
    (
        Step.PROBATION,
        "khong-ket-nap",
        {"on": "2021-07-01", "reason": "Không đủ"},
        "chỉ dừng được trước khi có quyết định kết nạp",
    ),
    (Step.RESOLVED, "rut-ten", {"on": "2020-05-13", "reason": ""}, "bắt buộc"),
    (Step.RESOLVED, "khong-ket-nap", {"on": "2020-05-01", "reason": "Cấp ủy không đồng ý"}, "trước bước gần nhất"),
]


@pytest.mark.parametrize("at, slug, data, message", BAD_STEPS)
def test_every_bad_step_input_shows_a_message_and_changes_nothing(client, users, cell, at, slug, data, message):
    candidate = support.walk(cell, at)
    data = dict(data)
    for key in ("introducer_1", "introducer_2"):
        if key in data:
            data[key] = cell["members"][data[key]].person_id
    if "by" in data:
        data["by"] = cell[data["by"]].code
    before = Candidate.objects.values().get(pk=candidate.pk)
    events = AuditEvent.objects.count()
    response = client_for(client, users, "office").post(url(candidate, slug), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Candidate.objects.values().get(pk=candidate.pk) == before
    assert AuditEvent.objects.count() == events


def test_unknown_step_is_404(client, users, cell):
    candidate = support.walk(cell, Step.LISTED)
    assert client_for(client, users, "office").get(url(candidate, "khong-co")).status_code == 404


def test_late_ceremony_is_recorded_and_flagged_on_the_page(client, users, cell):
    candidate = support.walk(
        cell,
        Step.ADMITTED,
        listed=date(2020, 6, 1),
        **{
            "class": date(2020, 7, 1),
            "certificate": date(2020, 8, 1),
            "application": date(2020, 9, 1),
            "introducers": date(2020, 10, 1),
            "resolution": date(2020, 12, 1),
            "decision": date(2021, 1, 15),
        },
    )
    c = client_for(client, users, "office")
    refused = c.post(url(candidate, "le-ket-nap"), {"on": "2021-03-08"}).content.decode()
    assert "cần ghi văn bản đồng ý của cấp ủy cấp trên trực tiếp" in refused
    assert Candidate.objects.get().step == Step.ADMITTED
    response = c.post(url(candidate, "le-ket-nap"), {"on": "2021-03-08", "late_approval": "15-CV/ĐU"}, follow=True)
    page = response.content.decode()
    assert "Lễ kết nạp muộn 1 ngày làm việc so với hạn 05/03/2021" in page
    assert "Cấp ủy cấp trên đồng ý tổ chức lễ quá hạn: 15-CV/ĐU" in page
    assert Candidate.objects.get().step == Step.PROBATION


def test_detail_names_the_regulations_applied_and_the_unconfirmed_ones(client, users, cell, monkeypatch):
    candidate = support.walk(cell, Step.PROBATION)
    page = client_for(client, users, "office").get(url(candidate)).content.decode()
    assert "Quy định 29-QĐ/TW ngày 25/07/2016" in page  # a 2020 admission, judged by the 2016 rules
    assert "chưa xác nhận" not in page
    patched = [
        party_rules.Rule(r.key, r.value, r.regulation, r.valid_from, r.valid_to, r.description, True)
        if r.key == "admission.ceremony_working_days"
        else r
        for r in party_rules.RULES
    ]
    monkeypatch.setattr(party_rules, "RULES", patched)
    page = client_for(client, users, "office").get(url(candidate)).content.decode()
    assert "chưa xác nhận" in page


def test_due_list(client, users, cell, outsider_candidate):
    today = timezone.localdate()

    def path(decision, ceremony=None):
        start = decision - timedelta(days=200)
        dates = {
            "listed": start,
            "class": start + timedelta(days=10),
            "certificate": start + timedelta(days=20),
            "application": start + timedelta(days=30),
            "introducers": start + timedelta(days=40),
            "resolution": start + timedelta(days=50),
            "decision": decision,
        }
        if ceremony:
            dates["ceremony"] = ceremony
        return dates

    to_hold = support.walk(cell, Step.ADMITTED, person={"given_name": "Hẹn"}, **path(today - timedelta(days=3)))
    ending_ceremony = add_months(today, -12) + timedelta(days=10)
    ending = support.walk(
        cell,
        Step.PROBATION,
        person={"given_name": "Sắp", "citizen_id": ""},
        **path(ending_ceremony - timedelta(days=5), ending_ceremony),
    )
    late_ceremony = today - timedelta(days=800)
    late = support.walk(
        cell, Step.PROBATION, person={"given_name": "Chậm"}, **path(late_ceremony - timedelta(days=5), late_ceremony)
    )
    page = client_for(client, users, "cell_secretary").get("/ket-nap/den-han/").content.decode()
    ceremonies = page.split('id="due-ceremonies"')[1].split("</table>")[0]
    probations = page.split('id="due-probations"')[1].split("</table>")[0]
    overdue = page.split('id="due-late"')[1].split("</table>")[0]
    assert to_hold.person.full_name in ceremonies and "ngày làm việc" in ceremonies
    assert ending.person.full_name in probations
    assert late.person.full_name in overdue and "Trịnh Xa" not in page
    bad = client_for(client, users, "office").get("/ket-nap/den-han/?so_ngay=abc").content.decode()
    assert "Số ngày &#x27;abc&#x27; không hợp lệ" in bad or "Số ngày 'abc' không hợp lệ" in bad


def test_list_filters(client, users, cell):
    support.walk(cell, Step.OFFICIAL)
    c = client_for(client, users, "office")
    assert "Phạm Minh Tuấn" in c.get("/ket-nap/?buoc=official&nam=2021&to_chuc=quangtrung").content.decode()
    assert "Phạm Minh Tuấn" not in c.get("/ket-nap/?buoc=listed").content.decode()
    assert "Phạm Minh Tuấn" not in c.get("/ket-nap/?nam=2023").content.decode()
    assert "Phạm Minh Tuấn" not in c.get("/ket-nap/?to_chuc=qt-cb2").content.decode()
    page = c.get("/ket-nap/?nam=abc&to_chuc=khong-co").content.decode()
    assert "Năm &#x27;abc&#x27; không hợp lệ" in page
    assert "Không tìm thấy tổ chức “khong-co” trong phạm vi của bạn." in page


def test_the_deciding_committee_is_picked_by_name_among_the_committees_above_the_cell(
    client, users, cell, outsider_candidate
):
    """No select of bare names: the committee is typed ("quang trung") and shown with its path; the type-ahead
    answers over the committees above the candidate's cell, even those above a cell secretary's own scope, and
    over nothing for a candidate the user may not record."""
    candidate = support.walk(cell, Step.RESOLVED)
    c = client_for(client, users, "cell_secretary")
    page = c.get(url(candidate)).content.decode()
    assert 'select name="by"' not in page and 'name="by_tim"' in page
    assert f"danh_sach=cap-uy-ket-nap%3A{candidate.pk}" in page
    found = c.get("/tim/to-chuc/", {"danh_sach": f"cap-uy-ket-nap:{candidate.pk}", "q": "phu ly"}).json()["results"]
    # the city committee, above the secretary's cell, by its own name first, then the ward lying under it
    assert [r["value"] for r in found] == ["phuly", "quangtrung"]
    assert found[0]["label"] == "Đảng bộ thành phố Phủ Lý — Tỉnh ủy Hà Nam"
    found = c.get("/tim/to-chuc/", {"danh_sach": f"cap-uy-ket-nap:{candidate.pk}", "q": "to dan pho"}).json()
    assert found["results"] == []  # cells decide nothing
    for key in (
        f"cap-uy-ket-nap:{outsider_candidate.pk}",
        "cap-uy-ket-nap:²",
        "cap-uy-ket-nap:99999999999999999999",
        "khong-co:1",
        "",
    ):
        answer = c.get("/tim/to-chuc/", {"danh_sach": key, "q": "dang bo"})
        assert answer.status_code == 200 and answer.json()["results"] == [], key
    response = c.post(
        url(candidate, "quyet-dinh"), {"number": "120-QĐ/ĐU", "on": "2020-06-01", "by_tim": "quang trung"}
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.step == Step.ADMITTED and candidate.decision_by == cell["ward"]
