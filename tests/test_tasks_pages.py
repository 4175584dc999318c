"""Key task pages: giving a task with assignees (who get notices), reporting progress with evidence, the rule
on the task page, the overdue and due-soon page, the period report; scope, audit and bad input on every form."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import test_meetings_conference as world
from dangvu.accounts import actions as account_actions
from dangvu.accounts.models import Role
from dangvu.core.models import AuditEvent
from dangvu.meetings.models import Notice
from dangvu.tasks import actions, progress
from dangvu.tasks.models import SourceKind, Status, Task

pytestmark = pytest.mark.django_db
people, conference, key_tasks = world.people, world.conference, world.key_tasks


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def users(tree):
    def user(name, role, org):
        account = account_actions.create_user(None, username=name, password="x-Very-long-1")
        account_actions.grant_mandate(None, account, role=role, organization=org, valid_from=date(2015, 1, 1))
        return account

    return {
        "office": user("vanphong", Role.OFFICE, tree["city"]),
        "leader": user("lanhdao", Role.LEADER, tree["city"]),
        "ward": user("phuong", Role.OFFICE, tree["ward"]),
        "outsider": user("truong", Role.OFFICE, tree["school"]),
    }


def give(tree, title="Rà soát quy hoạch cán bộ", due=date(2020, 12, 31), lead="ward"):
    return actions.create_task(
        None,
        organization=tree["city"],
        title=title,
        source_kind=SourceKind.RESOLUTION,
        source_document="Nghị quyết số 05-NQ/TU",
        assigned_on=date(2020, 10, 8),
        due_on=due,
        assignees=[actions.Assignee(organization=tree[lead])],
    )


def test_give_a_task_from_the_meeting_notifies_the_assignees(client, tree, users, conference):
    client.force_login(users["office"])
    response = client.post(
        "/nhiem-vu/giao/",
        {
            "organization": tree["city"].code,
            "title": "Tổ chức học tập Nghị quyết Đại hội",
            "source_kind": "conclusion",
            "source_meeting": conference.pk,
            "assigned_on": "08/10/2020",
            "due_on": "30/11/2020",
            "weight": 1,
            "lead_organizations": [tree["ward"].code],
            "support_organizations": [tree["school"].code],
        },
    )
    task = Task.objects.get(title="Tổ chức học tập Nghị quyết Đại hội")
    assert response.status_code == 302 and task.due_on == date(2020, 11, 30)
    assert {(a.organization_id, a.role) for a in task.assignments.all()} == {
        (tree["ward"].pk, "lead"),
        (tree["school"].pk, "support"),
    }
    assert AuditEvent.objects.get(action="task.create").actor == users["office"]
    notices = Notice.objects.filter(title__contains="Tổ chức học tập Nghị quyết Đại hội")
    assert {n.recipient_organization_id for n in notices} == {tree["ward"].pk, tree["school"].pk}
    client.force_login(users["ward"])
    assert "Tổ chức học tập Nghị quyết Đại hội" in client.get("/hoi-nghi/thong-bao/").content.decode()
    assert client.get(f"/nhiem-vu/{task.pk}/").status_code == 200


@pytest.mark.parametrize(
    "data, message",
    [
        ({"due_on": "01/10/2020"}, "Hạn hoàn thành không được trước ngày giao."),
        ({"title": ""}, "Trường này là bắt buộc"),
        ({"weight": "0"}, "Nhập số từ 1 trở lên"),
        ({"source_kind": "resolution", "source_document": ""}, "Ghi số, tên văn bản căn cứ"),
        ({"source_meeting": ""}, "cần chọn hội nghị"),
        ({"assigned_on": "2020-13-45"}, "Ngày không hợp lệ (ngày/tháng/năm)"),
        ({"assigned_on": "10/13/2020"}, "Ngày không hợp lệ (ngày/tháng/năm)"),
        ({"lead_organizations": ["99999"]}, "Không tìm thấy tổ chức “99999” trong phạm vi của bạn."),
    ],
)
def test_bad_input_on_the_task_form_shows_a_message(client, tree, users, conference, data, message):
    client.force_login(users["office"])
    form = {
        "organization": tree["city"].code,
        "title": "Nhiệm vụ",
        "source_kind": "conclusion",
        "source_meeting": conference.pk,
        "assigned_on": "2020-10-08",
        "due_on": "2020-12-31",
        "weight": 1,
        **data,
    }
    response = client.post("/nhiem-vu/giao/", form)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Task.objects.exists()


def test_report_progress_with_evidence_and_the_rule_on_the_page(client, tree, users):
    task = give(tree)
    child_a = actions.create_task(None, organization=tree["city"], title="Phần của phường", parent=task, weight=3)
    child_b = actions.create_task(None, organization=tree["city"], title="Phần của trường", parent=task)
    actions.add_assignee(None, child_a, actions.Assignee(organization=tree["ward"]))
    client.force_login(users["ward"])  # the assigned ward reports, though the city gave the task
    evidence = SimpleUploadedFile("bien-ban.pdf", b"%PDF evidence", "application/pdf")
    response = client.post(
        f"/nhiem-vu/{child_a.pk}/tien-do/",
        {"percent": 100, "reported_on": "2020-11-20", "note": "Đã xong", "evidence": evidence},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.progress == pytest.approx(75)
    page = client.get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert progress.RULE_TEXT in page and "75,0%" in page
    update = child_a.updates.get()
    download = client.get(f"/nhiem-vu/{child_a.pk}/minh-chung/{update.pk}/")
    assert b"".join(download.streaming_content) == b"%PDF evidence"
    # The parent's progress is not entered by hand, even through the page.
    client.force_login(users["office"])
    response = client.post(f"/nhiem-vu/{task.pk}/tien-do/", {"percent": 10, "reported_on": "2020-11-20"})
    assert response.status_code == 200 and "không nhập tay" in response.content.decode()
    # The ward may not report on the part it does not carry.
    client.force_login(users["ward"])
    assert (
        client.post(f"/nhiem-vu/{child_b.pk}/tien-do/", {"percent": 10, "reported_on": "2020-11-20"}).status_code == 403
    )
    event = AuditEvent.objects.get(action="task.progress")
    assert event.actor == users["ward"] and event.after["progress"] == 100


@pytest.mark.parametrize(
    "data, message",
    [
        ({"percent": "150"}, "Nhập số không quá 100"),
        ({"percent": "abc"}, "Nhập một số nguyên"),
        ({"reported_on": "2020-10-01"}, "trước ngày giao nhiệm vụ"),
        ({"reported_on": "2099-01-01"}, "không được ở tương lai"),
        ({"evidence": SimpleUploadedFile("virus.exe", b"MZ", "application/octet-stream")}, "Chỉ nhận tệp PDF"),
    ],
)
def test_bad_input_on_the_progress_form_shows_a_message(client, tree, users, data, message):
    task = give(tree)
    client.force_login(users["office"])
    response = client.post(f"/nhiem-vu/{task.pk}/tien-do/", {"percent": 50, "reported_on": "2020-11-01", **data})
    assert response.status_code == 200 and message in response.content.decode()
    assert not task.updates.exists()


def test_scope_of_the_task_pages(client, tree, users):
    task = give(tree)
    client.force_login(users["outsider"])
    assert client.get(f"/nhiem-vu/{task.pk}/").status_code == 404
    assert client.post(f"/nhiem-vu/{task.pk}/tien-do/", {"percent": 10}).status_code == 404
    assert task.title not in client.get("/nhiem-vu/").content.decode()
    client.force_login(users["leader"])
    assert client.get(f"/nhiem-vu/{task.pk}/").status_code == 200
    assert client.post(f"/nhiem-vu/{task.pk}/sua/", {"title": "X", "weight": 1}).status_code == 403
    assert client.post(f"/nhiem-vu/{task.pk}/huy/", {"reason": "x"}).status_code == 403
    task.refresh_from_db()
    assert task.title == "Rà soát quy hoạch cán bộ" and task.status == Status.NOT_STARTED


def test_edit_and_cancel_need_reasons(client, tree, users):
    task = give(tree)
    client.force_login(users["office"])
    form = {"title": task.title, "weight": 1, "due_on": "2021-01-31", "source_document": task.source_document}
    response = client.post(f"/nhiem-vu/{task.pk}/sua/", form)
    assert response.status_code == 200 and "Đổi hạn hoàn thành cần ghi lý do" in response.content.decode()
    response = client.post(f"/nhiem-vu/{task.pk}/sua/", {**form, "reason": "Theo Kết luận số 12-KL/TU"})
    task.refresh_from_db()
    assert response.status_code == 302 and task.due_on == date(2021, 1, 31)
    assert AuditEvent.objects.get(action="task.update").reason == "Theo Kết luận số 12-KL/TU"
    assert client.post(f"/nhiem-vu/{task.pk}/huy/", {"reason": ""}).status_code == 200
    client.post(f"/nhiem-vu/{task.pk}/huy/", {"reason": "Không còn phù hợp"})
    task.refresh_from_db()
    assert task.status == Status.CANCELLED


def test_overdue_and_due_soon_page_and_period_report(client, tree, users, conference, key_tasks):
    give(tree, title="Sắp đến hạn", due=date(2020, 12, 10))
    client.force_login(users["office"])
    for task in key_tasks[1:]:  # progress reported by the system itself (no author) shows as such
        page = client.get(f"/nhiem-vu/{task.pk}/").content.decode()
        assert "% · Hệ thống" in page and task.title in page
    page = client.get("/nhiem-vu/den-han/?to_chuc=phuly&ngay=2020-12-01&so_ngay=14").content.decode()
    overdue, soon = page.split("<h2>Sắp đến hạn trong")
    assert "Tổng kết các nghị quyết chuyên đề" in overdue  # due 30/11, done only on 15/12
    assert "Sắp đến hạn" in soon and "Tổng kết các nghị quyết chuyên đề" not in soon
    report = client.get("/nhiem-vu/bao-cao/?to_chuc=phuly&tu=2020-10-01&den=2020-12-31").content.decode()
    cards = [part.split("</div>")[0] for part in report.split('class="stat">')[1:]]
    assert cards[:4] == ["5", "2", "1", "2"]  # assigned, on time, late, overdue
    response = client.get("/nhiem-vu/bao-cao/?to_chuc=phuly&tu=abc&den=2020-12-31")
    assert response.status_code == 200 and "không đúng dạng" in response.content.decode()
    client.force_login(users["outsider"])
    response = client.get("/nhiem-vu/den-han/?to_chuc=phuly")
    assert response.status_code == 200 and "Không tìm thấy tổ chức" in response.content.decode()
    assert "Tổng kết các nghị quyết chuyên đề" not in response.content.decode()


def test_a_dissolved_organization_keeps_its_tasks_and_meetings(client, tree, users, conference, key_tasks):
    """The district level ended in 2025: the city's 2020 tasks and meetings stay in its reports and lists."""
    from dangvu.organizations import actions as org_actions

    for child in ("ward", "school"):
        org_actions.move(None, tree[child], tree["province"], on=date(2025, 7, 1))
    org_actions.dissolve(None, tree["city"], on=date(2025, 7, 1))
    client.force_login(users["office"])
    report = client.get("/nhiem-vu/bao-cao/?to_chuc=phuly&tu=2020-10-01&den=2020-12-31").content.decode()
    assert "Không tìm thấy tổ chức" not in report
    assert [part.split("</div>")[0] for part in report.split('class="stat">')[1:]][:4] == ["4", "2", "1", "1"]
    assert key_tasks[1].title in client.get("/nhiem-vu/?to_chuc=phuly").content.decode()
    assert conference.title in client.get("/hoi-nghi/?to_chuc=phuly").content.decode()


def test_due_reminders_reach_the_assignees_once(tree, users):
    from io import StringIO

    from django.core.management import CommandError, call_command

    give(tree, title="Quá hạn rồi", due=date(2020, 11, 30))
    give(tree, title="Sắp đến hạn", due=date(2020, 12, 5), lead="school")
    give(tree, title="Còn xa", due=date(2021, 3, 1))
    out = StringIO()
    call_command("remind_due_tasks", "--date", "01/12/2020", "--days", "7", stdout=out)
    assert "Đã gửi 2 thông báo nhắc hạn." in out.getvalue()
    titles = set(Notice.objects.filter(title__regex=r"^(Quá hạn|Sắp đến hạn):").values_list("title", flat=True))
    assert titles == {"Quá hạn: Quá hạn rồi – hạn 30/11/2020", "Sắp đến hạn: Sắp đến hạn – hạn 05/12/2020"}
    call_command("remind_due_tasks", "--date", "2020-12-01", stdout=out)
    assert "Đã gửi 0 thông báo nhắc hạn." in out.getvalue()
    with pytest.raises(CommandError, match="không đúng dạng"):
        call_command("remind_due_tasks", "--date", "31/02/2020")
    with pytest.raises(CommandError, match="từ 0 đến 365"):
        call_command("remind_due_tasks", "--days", "-1")


def test_a_notice_reads_as_of_its_record_not_the_day_it_was_recorded(client, tree, users):
    give(tree, title="Kiện toàn chi ủy")  # assigned on 08/10/2020, recorded today
    client.force_login(users["ward"])
    page = client.get("/hoi-nghi/thong-bao/").content.decode()
    assert "Kiện toàn chi ủy" in page and '<td data-label="Ngày">08/10/2020</td>' in page
    assert timezone.localdate().strftime("%d/%m/%Y") not in page
