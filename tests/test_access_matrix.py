"""The access matrix: every URL pattern, every role, and objects outside the user's scope answer 403 or 404.

Each URL with parameters needs an entry in `out_of_scope_kwargs` that names an object of the other province
(out of every test user's scope); a new page without an entry fails `test_every_url_is_in_the_matrix`.
List pages (no parameters) must answer and must not show the other province's data, even when their filters
name it (Excel exports are read cell by cell). Create forms and imports filled in validly for the other province
write nothing (the administrator's succeed: the refusals are the scope's); URLs pairing an own object with a
foreign part answer 404; own forms naming the other province's people or records reveal and link nothing.
Report template kinds are shared reference data, not an organization's: only administrators change them.
The public news pages show published articles only: a draft (of any province) answers 404 there.
"""

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

PUBLIC = {"login", "logout", "home", "favicon"}
# The public news pages: open to everyone, but only for published articles.
PUBLIC_NEWS = {
    "news_list",
    "news_category",
    "news_image",
    "news_article",
    "news_article_short",
    "news_rss",
    "news_sitemap",
}
# Report template kinds (bao-cao/mau/<code>/…) are shared reference data, not an organization's: every user
# may read them (and download the Word template); only administrators may change them.
TEMPLATE_KINDS = {"reports:kind_edit", "reports:section_edit", "reports:template_download", "reports:template_upload"}
# A person's own notice: only its recipient opens it, an administrator included.
PERSONAL = {"meetings_notice_open"}
SENTINEL = "Ngoạiphạmvi"  # in the name of every object built in the other province
SENTINELS = ["Chi bộ Trường THCS Nam Định", "Đảng bộ tỉnh Nam Định", SENTINEL]
ROLES = ["office", "inspection", "leader", "cell_secretary", "member"]
# A 1×1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cf"
    "c0f01f0005000201a5f6cd620000000049454e44ae426082"
)


def all_patterns(resolver=None, prefix="", namespace=""):
    """(name, route, parameters) of every named URL pattern; names in a namespace come as "ns:name"."""
    resolver = resolver or get_resolver()
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            inner = f"{namespace}{item.namespace}:" if item.namespace else namespace
            yield from all_patterns(item, prefix + str(item.pattern), inner)
        elif isinstance(item, URLPattern) and item.name:
            yield namespace + item.name, prefix + str(item.pattern), list(item.pattern.converters)


PATTERNS = list(all_patterns())
LIST_PAGES = [
    name for name, _route, params in PATTERNS if not params and name not in PUBLIC and name not in PUBLIC_NEWS
]


def is_public(name: str) -> bool:
    return name in PUBLIC or name in PUBLIC_NEWS or name.startswith("admin")


@pytest.fixture
def world(settings, tmp_path, other_tree, make_member, users):
    """One object of every kind a URL names, in the other province, built through each app's actions."""
    from dangvu.admission import actions as admission_actions
    from dangvu.meetings import actions as meeting_actions
    from dangvu.meetings import planning as meeting_planning
    from dangvu.meetings.models import Kind as MeetingKind
    from dangvu.meetings.models import Notice
    from dangvu.members.excel import jobs
    from dangvu.news import actions as news_actions
    from dangvu.news.models import Category
    from dangvu.organizations import actions as org_actions
    from dangvu.organizations.models import Body, Post
    from dangvu.reports import actions as report_actions
    from dangvu.reports import kinds
    from dangvu.reports.periods import Period
    from dangvu.tasks import actions as task_actions
    from dangvu.tasks.models import SourceKind
    from dangvu.work import actions as work_actions
    from dangvu.work.models import (
        Activity,
        CongressKind,
        CongressStatus,
        CourseKind,
        OversightKind,
        PerformingBody,
    )

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DANGVU_IMPORT_DIR = tmp_path / "imports"
    settings.DANGVU_IMPORT_INLINE_BYTES = 10_000_000
    province, org = other_tree["province"], other_tree["cell"]
    today = timezone.localdate()
    member = make_member(org, family=SENTINEL, middle="Văn", given="Xa")
    org_actions.assign_position(
        None,
        person=member.person,
        organization=province,
        body=Body.EXECUTIVE,
        post=Post.MEMBER,
        valid_from=date(2020, 10, 16),
        term="2020–2025",
    )
    candidate = admission_actions.register(
        None,
        person={
            "family_name": SENTINEL,
            "middle_name": "Thị",
            "given_name": "Quần",
            "gender": "female",
            "birth_date": date(1998, 4, 4),
        },
        organization=org,
        listed_on=date(2020, 1, 6),
    )
    congress = work_actions.create_congress(
        None,
        organization=org,
        term="2020–2025",
        kind=CongressKind.ALL_MEMBERS,
        status=CongressStatus.HELD,
        held_start=date(2020, 5, 10),
        note=f"Đại hội {SENTINEL}",
    )
    course = work_actions.create_course(
        None,
        kind=CourseKind.AWARENESS,
        title=f"Lớp nhận thức {SENTINEL}",
        organizer=province,
        start_date=date(2020, 5, 18),
        end_date=date(2020, 5, 22),
    )
    participant = work_actions.add_participant(None, course, candidate.person)
    oversight = work_actions.create_oversight(
        None,
        activity=Activity.INSPECTION,
        kind=OversightKind.REGULAR,
        organization=province,
        body=PerformingBody.INSPECTION_COMMITTEE,
        start_date=date(2020, 3, 2),
        content=f"Kiểm tra {SENTINEL}",
        subject_organizations=[org],
        subject_members=[member],
    )
    programme = work_actions.create_programme(
        None,
        organization=province,
        body=PerformingBody.INSPECTION_COMMITTEE,
        year=2020,
        title=f"Chương trình {SENTINEL}",
    )
    item = work_actions.add_programme_item(
        None,
        programme,
        activity=Activity.SUPERVISION,
        kind=OversightKind.THEMATIC,
        subject_organization=org,
        planned_month=9,
        content=f"Giám sát {SENTINEL}",
    )
    discipline = work_actions.decide_discipline(
        None,
        organization=province,
        body=PerformingBody.INSPECTION_COMMITTEE,
        decided_on=date(2020, 6, 1),
        form="reprimand",
        decision_number="1-QĐ/UBKT",
        reason=f"Vi phạm {SENTINEL}",
        subject_member=member,
    )
    report = report_actions.create_report(
        None,
        organization=province,
        kind=kinds.kind_by_code("interim-9"),
        period=Period(date(2020, 1, 1), date(2020, 9, 30)),
        document_date=date(2020, 10, 8),
        summary=f"Báo cáo {SENTINEL}",
    )
    report_actions.write_narrative(None, report, "shortcomings", f"Hạn chế {SENTINEL}.")
    meeting = meeting_actions.create_meeting(
        None,
        organization=org,
        kind=MeetingKind.CELL_MONTHLY,
        title=f"Sinh hoạt chi bộ {SENTINEL}",
        date=today + timedelta(days=30),
        part_of_day="afternoon",
    )
    agenda_item = meeting_actions.add_agenda_item(
        None,
        meeting,
        title=f"Nội dung {SENTINEL}",
        attachment=SimpleUploadedFile("tai-lieu.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    )
    guest = meeting_actions.add_guest(None, meeting, group_label=f"Đại diện {SENTINEL}")
    from dangvu.members.models import Person

    outsider = Person.objects.create(family_name=SENTINEL, given_name="Khách", gender="male", recorded_by=org)
    meeting_planning.send_agenda(None, meeting)
    notice = Notice.objects.get(recipient_person=member.person)
    conference = meeting_actions.create_meeting(
        None, organization=province, kind=MeetingKind.CONFERENCE, title=f"Hội nghị {SENTINEL}", date=date(2020, 10, 9)
    )
    meeting_actions.record_outcome(None, conference, conclusion=f"Kết luận {SENTINEL}.", concluded_by=member.person)
    meeting_actions.issue_conclusion_notice(None, conference, on=date(2020, 10, 12))
    task = task_actions.create_task(
        None,
        organization=province,
        title=f"Nhiệm vụ {SENTINEL}",
        source_kind=SourceKind.RESOLUTION,
        source_document="Nghị quyết số 01-NQ/TU",
        assigned_on=date(2020, 10, 8),
        due_on=date(2020, 12, 31),
        assignees=[task_actions.Assignee(organization=org)],
    )
    update = task_actions.report_progress(
        None,
        task,
        percent=50,
        note=f"Tiến độ {SENTINEL}",
        reported_on=date(2020, 11, 2),
        evidence=SimpleUploadedFile("minh-chung.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    )
    category = Category.objects.create(slug="hoat-dong", name="Hoạt động", order=1)
    article = news_actions.create_article(
        None,
        organization=province,
        title=f"Tin {SENTINEL} chưa đăng",
        lead="Sapô của tin.",
        body="Nội dung tin.",
        author="Tỉnh ủy Nam Định",
        category=category,
    )
    image = news_actions.add_image(
        None, article, image=SimpleUploadedFile("a.png", PNG, "image/png"), caption=f"Ảnh {SENTINEL}"
    )
    job = jobs.start(users["admin"], SimpleUploadedFile("danh-sach.xlsx", _workbook()), dry_run=True)
    section = report.kind.sections.filter(narrative_slot="shortcomings").get()
    from dangvu.transfers import actions as transfer_actions

    transfer = transfer_actions.request(
        transfer_actions.SYSTEM,
        member,
        kind="official_other",
        destination_unit=f"Đảng bộ {SENTINEL}",
        decision_on=date(2020, 8, 3),
        requested_on=date(2020, 8, 4),
    )
    transfer_actions.issue_letter(transfer_actions.SYSTEM, transfer, on=date(2020, 8, 5), dues_paid_to=date(2020, 8, 1))
    from dangvu.records import actions as record_actions

    card = record_actions.issue_card(
        transfer_actions.SYSTEM, member, number="036000999", on=date(2020, 11, 7), by=province
    )
    from dangvu.rating import actions as rating_actions

    rating_round = rating_actions.open_round(None, organization=province, year=2020)
    account = _foreign_account(org)
    tree_job = jobs.start(
        users["admin"],
        SimpleUploadedFile(
            "cay.xlsx",
            xlsx("Tổ chức", [["Mã tổ chức", "Tên tổ chức", "Loại tổ chức"], ["nd-moi", SENTINEL, "Loại sai"]]),
        ),
        dry_run=True,
        kind="tree",
    )
    rating_job = jobs.start(
        users["admin"],
        SimpleUploadedFile(
            "so-xep-loai.xlsx",
            xlsx("Đảng viên", [["Mã phiếu", "Tự xếp loại"], [rating_round.member_ratings.get().pk, "Sai"]]),
        ),
        dry_run=True,
        kind="rating",
        params={"round_id": rating_round.pk},
    )
    return {
        "transfer": transfer,
        "card": card,
        "org": org,
        "province": province,
        "member": member,
        "candidate": candidate,
        "congress": congress,
        "course": course,
        "participant": participant,
        "oversight": oversight,
        "programme": programme,
        "item": item,
        "discipline": discipline,
        "report": report,
        "meeting": meeting,
        "conference": conference,
        "agenda_item": agenda_item,
        "guest": guest,
        "outsider": outsider,
        "notice": notice,
        "task": task,
        "update": update,
        "category": category,
        "article": article,
        "image": image,
        "job": job,
        "section": section,
        "account": account,
        "rating_round": rating_round,
        "member_rating": rating_round.member_ratings.get(),
        "organization_rating": rating_round.organization_ratings.get(),
        "tree_job": tree_job,
        "rating_job": rating_job,
        **_dues_world(users, org, member),
    }


def _foreign_account(org):
    """An account of the other province, with a role at its cell."""
    from dangvu.accounts import actions as account_actions

    account = account_actions.create_user(
        None, username="ngoai-pham-vi", password="mat-khau-1", full_name=f"Cán bộ {SENTINEL}"
    )
    account_actions.grant_mandate(None, account, role="cell_secretary", organization=org, valid_from=date(2015, 1, 1))
    return account


def _dues_world(users, org, member) -> dict:
    """The other province's dues: three months unpaid with the cell's strike-off proposal, a remittance."""
    from dangvu.accounts.scope import scope_for
    from dangvu.dues import actions as dues_actions

    system = scope_for(users["admin"])
    dues_actions.set_basis(system, member, kind="other", amount=10_000, first_month=date(2026, 1, 1))
    for month in (1, 2, 3):
        dues_actions.compute_month(system, org, date(2026, month, 1))
    proposal = dues_actions.propose_strike_off(system, member, year=2026, today=date(2026, 6, 1))
    remittance = dues_actions.record_remittance(
        system,
        org,
        period_start=date(2026, 1, 1),
        period_months=1,
        amount=7_000,
        sent_on=date(2026, 2, 5),
        today=date(2026, 6, 1),
    )
    return {"dues_proposal": proposal, "dues_remittance": remittance}


def xlsx(sheet: str, rows: list[list]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def members_sheet(**values) -> bytes:
    """The members workbook with one line (given by field names); the other cells left empty."""
    from dangvu.members.excel.columns import COLUMNS, SHEET_NAME

    return xlsx(
        SHEET_NAME, [[column.header for column in COLUMNS], [values.get(column.field, "") for column in COLUMNS]]
    )


def _workbook() -> bytes:
    """A members sheet with one bad line (so the run has an error copy to download)."""
    return members_sheet(family_name=SENTINEL, given_name="Lỗi")


def out_of_scope_kwargs(world) -> dict[str, dict]:
    """URL parameters naming an object outside every test user's scope, per URL name."""
    w = world
    member, org, meeting, task, article, report = (
        w["member"],
        w["org"],
        w["meeting"],
        w["task"],
        w["article"],
        w["report"],
    )
    job = {"job_id": w["job"].id}  # the administrator's import run: nobody else's
    return {
        # organizations, members
        "organization_children": {"code": org.code},
        "organization_detail": {"code": org.code},
        "organization_change": {"code": org.code, "kind": "doi-ten"},
        "position_create": {"code": org.code},
        "member_detail": {"pk": member.pk},
        "member_edit": {"pk": member.pk},
        "member_event": {"pk": member.pk, "kind": "chuyen-sinh-hoat"},
        "work_badge_member": {"pk": member.pk},
        "admission_readmission": {"member_pk": member.pk},
        "outsider_edit": {"pk": w["outsider"].pk},
        "members_excel_job": job,
        "members_excel_progress": job,
        "members_excel_confirm": job,
        "members_excel_error_file": job,
        # admission
        "admission_candidate_detail": {"pk": w["candidate"].pk},
        "admission_candidate_step": {"pk": w["candidate"].pk, "slug": "hoc-lop"},
        # work records
        "work_congress_detail": {"pk": w["congress"].pk},
        "work_congress_edit": {"pk": w["congress"].pk},
        "work_congress_delete": {"pk": w["congress"].pk},
        "work_congress_election": {"pk": w["congress"].pk},
        "work_course_detail": {"pk": w["course"].pk},
        "work_course_edit": {"pk": w["course"].pk},
        "work_course_delete": {"pk": w["course"].pk},
        "work_participant_add": {"pk": w["course"].pk},
        "work_participant_import": {"pk": w["course"].pk},
        "work_participant_edit": {"pk": w["participant"].pk},
        "work_participant_remove": {"pk": w["participant"].pk},
        "work_oversight_detail": {"pk": w["oversight"].pk},
        "work_oversight_edit": {"pk": w["oversight"].pk},
        "work_oversight_delete": {"pk": w["oversight"].pk},
        "work_programme_detail": {"pk": w["programme"].pk},
        "work_programme_edit": {"pk": w["programme"].pk},
        "work_programme_delete": {"pk": w["programme"].pk},
        "work_programme_item_remove": {"pk": w["item"].pk},
        "work_discipline_detail": {"pk": w["discipline"].pk},
        "work_discipline_edit": {"pk": w["discipline"].pk},
        "work_discipline_delete": {"pk": w["discipline"].pk},
        # reports (the indicator's records are asked for the other province: see QUERIES)
        "reports:records": {"key": "members.total"},
        "reports:detail": {"pk": report.pk},
        "reports:edit": {"pk": report.pk},
        "reports:narrative": {"pk": report.pk, "slot": "shortcomings"},
        "reports:narrative_history": {"pk": report.pk, "slot": "shortcomings"},
        "reports:docx": {"pk": report.pk},
        "reports:pdf": {"pk": report.pk},
        "reports:lifecycle": {"pk": report.pk, "step": "duyet"},
        # meetings
        "meetings_notice_open": {"notice_pk": w["notice"].pk},
        "meetings_detail": {"pk": meeting.pk},
        "meetings_edit": {"pk": meeting.pk},
        "meetings_agenda_add": {"pk": meeting.pk},
        "meetings_agenda_remove": {"pk": meeting.pk, "item_pk": w["agenda_item"].pk},
        "meetings_attachment": {"pk": meeting.pk, "item_pk": w["agenda_item"].pk},
        "meetings_guest_add": {"pk": meeting.pk},
        "meetings_guest_edit": {"pk": meeting.pk, "guest_pk": w["guest"].pk},
        "meetings_roll": {"pk": meeting.pk},
        "meetings_outcome": {"pk": w["conference"].pk},
        "meetings_send_agenda": {"pk": meeting.pk},
        "meetings_conclusion_notice": {"pk": w["conference"].pk},
        "meetings_notice_document": {"pk": w["conference"].pk},
        "meetings_cancel": {"pk": meeting.pk},
        # tasks
        "tasks_detail": {"pk": task.pk},
        "tasks_edit": {"pk": task.pk},
        "tasks_assign": {"pk": task.pk},
        "tasks_progress": {"pk": task.pk},
        "tasks_cancel": {"pk": task.pk},
        "tasks_evidence": {"pk": task.pk, "update_pk": w["update"].pk},
        # news: the editors' pages
        "news_admin_from_meeting": {"meeting_pk": w["conference"].pk},
        "news_admin_detail": {"pk": article.pk},
        "news_admin_edit": {"pk": article.pk},
        "news_admin_submit": {"pk": article.pk},
        "news_admin_publish": {"pk": article.pk},
        "news_admin_withdraw": {"pk": article.pk},
        "news_admin_to_draft": {"pk": article.pk},
        "news_admin_image_add": {"pk": article.pk},
        "news_admin_image": {"pk": article.pk, "image_pk": w["image"].pk},
        "news_admin_image_remove": {"pk": article.pk, "image_pk": w["image"].pk},
        # transfers
        "transfers_request": {"member_pk": member.pk},
        "transfers_register": {"code": w["province"].code, "year": 2020},
        "transfers_detail": {"pk": w["transfer"].pk},
        "transfers_letter": {"pk": w["transfer"].pk, "fmt": "docx"},
        "transfers_step": {"pk": w["transfer"].pk, "slug": "giao-giay"},
        "records_card_issue": {"member_pk": member.pk},
        "records_card_report": {"pk": w["card"].pk},
        "records_card_reissue": {"pk": w["card"].pk},
        "records_edit": {"member_pk": member.pk},
        "records_sheet": {"member_pk": member.pk, "fmt": "docx"},
        "records_book": {"fmt": "docx"},
        # rating
        "rating_round": {"pk": w["rating_round"].pk},
        "rating_book": {"pk": w["rating_round"].pk},
        "rating_import": {"pk": w["rating_round"].pk},
        "rating_cell": {"pk": w["rating_round"].pk, "cell_id": org.pk},
        "rating_decide_members": {"pk": w["rating_round"].pk, "deciding_id": org.pk},
        "rating_decide_organizations": {"pk": w["rating_round"].pk, "deciding_id": w["province"].pk},
        "rating_decision_docx": {"pk": w["rating_round"].pk, "deciding_id": org.pk},
        "rating_member_step": {"pk": w["member_rating"].pk, "slug": "chi-bo"},
        "rating_member_form": {"pk": w["member_rating"].pk},
        "rating_organization_self": {"pk": w["organization_rating"].pk},
        "rating_organization_report": {"pk": w["organization_rating"].pk},
        # the rating book's import runs: the administrator's only
        **{
            name: {"job_id": w["rating_job"].id}
            for name in (
                "rating_import_job",
                "rating_import_progress",
                "rating_import_confirm",
                "rating_import_error_file",
            )
        },
        # the organization tree's import runs: the administrator's only
        **{
            name: {"job_id": w["tree_job"].id}
            for name in ("tree_excel_job", "tree_excel_progress", "tree_excel_confirm", "tree_excel_error_file")
        },
        # accounts
        **{
            name: {"pk": w["account"].pk}
            for name in (
                "staff_user_detail",
                "staff_mandate_grant",
                "staff_user_active",
                "staff_password_reset",
                "staff_otp_remove",
            )
        },
        "staff_mandate_end": {"pk": w["account"].pk, "mandate_pk": w["account"].mandates.get().pk},
        # dues
        "dues_basis": {"pk": member.pk},
        "dues_decision": {"pk": member.pk},
        "dues_propose": {"pk": member.pk},
        "dues_proposal": {"pk": w["dues_proposal"].pk},
        "dues_receipt": {"pk": w["dues_remittance"].pk},
        **{
            name: {"code": org.code}
            for name in (
                "dues_compute",
                "dues_sheet",
                "dues_sheet_docx",
                "dues_sheet_pdf",
                "dues_sheet_xlsx",
                "dues_arrears",
                "dues_remittance",
            )
        },
    }


# Query strings some out-of-scope URLs need to name their object (here: the other province).
QUERIES = {"reports:records": "to_chuc=namdinh&ky=nine_months&nam=2020", "records_book": "to_chuc=namdinh"}


def out_of_scope_urls(world) -> list[tuple[str, str]]:
    urls = []
    for name, kwargs in out_of_scope_kwargs(world).items():
        url = reverse(name, kwargs=kwargs)
        urls.append((name, f"{url}?{QUERIES[name]}" if name in QUERIES else url))
    return urls


def template_kind_kwargs(world) -> dict[str, dict]:
    code = world["report"].kind.code
    return {
        "reports:kind_edit": {"code": code},
        "reports:section_edit": {"code": code, "section_id": world["section"].pk},
        "reports:template_download": {"code": code},
        "reports:template_upload": {"code": code},
    }


def public_draft_urls(world) -> list[str]:
    """The public addresses of the other province's draft article and its image."""
    article = world["article"]
    return [
        reverse("news_article", kwargs={"pk": article.pk, "slug": article.slug}),
        reverse("news_article_short", kwargs={"pk": article.pk}),
        reverse("news_image", kwargs={"pk": world["image"].pk}),
    ]


def public_list_urls(world) -> list[str]:
    return [
        reverse("home"),
        reverse("news_list"),
        reverse("news_rss"),
        reverse("news_sitemap"),
        reverse("news_category", kwargs={"slug": world["category"].slug}),
    ]


def filter_query(world) -> str:
    """Filters of the list pages naming the other province and its objects."""
    w = world
    return (
        f"to_chuc=namdinh&q=ngoaiphamvi&hoi_nghi={w['meeting'].pk}&cha={w['task'].pk}"
        f"&kiem_tra={w['oversight'].pk}&ky=nine_months&nam=2020&tu=2020-01-01&den=2020-12-31"
    )


def response_text(response) -> str:
    """What a user reads in a response: a page, a feed, or the cells of an Excel file."""
    body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    if "spreadsheetml" in response.get("Content-Type", ""):
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    return body.decode(errors="replace")


def assert_no_sentinel(response, who: str, url: str) -> None:
    body = response_text(response)
    for sentinel in SENTINELS:
        assert sentinel not in body, f"{who} sees {sentinel} on {url}"


def write_attempts(world) -> list[tuple[str, dict, object]]:
    """(page, a valid form naming the other province, a count that a success raises)."""
    from dangvu.admission.models import Candidate
    from dangvu.meetings.models import Meeting
    from dangvu.members.models import Member
    from dangvu.news.models import Article
    from dangvu.rating.models import Round
    from dangvu.reports.models import RegisterCounter, Report
    from dangvu.tasks.models import Task
    from dangvu.work.models import Congress, Course, Discipline, Oversight, Programme

    province, cell = world["province"], world["org"]
    title = f"Tạo ở tỉnh khác {SENTINEL}"
    return [
        (
            "member_create",
            {
                "p-family_name": "Đinh",
                "p-given_name": "Mới",
                "p-gender": "male",
                "p-birth_date": "1990-02-02",
                "p-citizen_id": "035090654321",
                "m-organization": cell.code,
                "m-admitted_on": "2020-01-01",
            },
            Member.objects.count,
        ),
        (
            "admission_candidate_create",
            {
                "p-family_name": "Đinh",
                "p-given_name": "Ưu",
                "p-gender": "female",
                "p-birth_date": "2001-08-19",
                "c-organization": cell.code,
                "c-listed_on": "2020-01-06",
            },
            Candidate.objects.count,
        ),
        (
            "work_congress_create",
            {
                "organization": "namdinh",
                "term": "2020–2025",
                "kind": "delegates",
                "status": "held",
                "held_start": "2020-10-14",
                "held_end": "2020-10-16",
                "ordinal": "20",
                "delegates": "",
                "note": title,
            },
            Congress.objects.count,
        ),
        (
            "work_course_create",
            {
                "kind": "awareness",
                "title": title,
                "organizer": "namdinh",
                "start_date": "2020-06-01",
                "end_date": "2020-06-05",
                "venue": "",
                "note": "",
            },
            Course.objects.count,
        ),
        (
            "work_oversight_create",
            {
                "activity": "inspection",
                "kind": "signs_of_violation",
                "organization": "namdinh",
                "body": "inspection_committee",
                "start_date": "2020-04-01",
                "end_date": "",
                "content": title,
                "subject_organizations": "nd-cb1",
                "conclusion": "",
                "violations": "",
                "follow_up": "",
                "decision_number": "",
                "programme_item": "",
            },
            Oversight.objects.count,
        ),
        (
            "work_programme_create",
            {
                "organization": "namdinh",
                "body": "standing",
                "year": "2021",
                "title": title,
                "decision_number": "",
                "note": "",
            },
            Programme.objects.count,
        ),
        (
            "work_discipline_create",
            {
                "organization": "namdinh",
                "body": "inspection_committee",
                "decided_on": "2020-07-01",
                "decision_number": "2-QĐ/UBKT",
                "form": "reprimand",
                "subject_organization": "",
                "subject_member": world["member"].person.pk,
                "position": "",
                "reason": title,
                "oversight": "",
                "note": "",
            },
            Discipline.objects.count,
        ),
        (
            "reports:create",
            {
                "to_chuc": "namdinh",
                "loai": "interim-9",
                "ky": "nine_months",
                "nam": "2021",
                "ngay_van_ban": "2021-10-08",
            },
            Report.objects.count,
        ),
        (
            "meetings_create",
            {
                "organization": province.code,
                "kind": "standing",
                "title": title,
                "date": "2020-11-10",
                "part_of_day": "morning",
                "status": "planned",
                "venue": "",
            },
            Meeting.objects.count,
        ),
        (
            "meetings_plan_year",
            {"organization": cell.code, "year": timezone.localdate().year + 1, "day": 15, "part_of_day": "afternoon"},
            Meeting.objects.count,
        ),
        (
            "tasks_create",
            {
                "organization": province.code,
                "title": title,
                "source_kind": "resolution",
                "source_document": "Nghị quyết số 02-NQ/TU",
                "assigned_on": "08/10/2020",
                "due_on": "30/11/2020",
                "weight": 1,
                "lead_organizations": [cell.code],
            },
            Task.objects.count,
        ),
        (
            "news_admin_create",
            {
                "organization": province.code,
                "title": title,
                "lead": "Sapô.",
                "body": "Nội dung.",
                "author": "Tỉnh ủy Nam Định",
            },
            Article.objects.count,
        ),
        (
            "reports:register",
            {"to_chuc": "namdinh", "type_code": "BC", "on": "2020-10-08", "last_number": "44"},
            RegisterCounter.objects.filter(issuer=province, last_number=44).count,
        ),
        ("rating_round_create", {"organization": province.code, "year": "2021"}, Round.objects.count),
        # imports
        (
            "work_congress_import",
            {
                "file": SimpleUploadedFile(
                    "dai-hoi.xlsx",
                    xlsx(
                        "Đại hội",
                        [
                            [
                                "Mã tổ chức",
                                "Nhiệm kỳ",
                                "Lần thứ",
                                "Hình thức",
                                "Tình trạng",
                                "Ngày khai mạc",
                                "Ngày bế mạc",
                            ],
                            ["namdinh", "2015–2020", 19, "Đại hội đại biểu", "Đã tổ chức", "14/10/2015", "16/10/2015"],
                        ],
                    ),
                )
            },
            Congress.objects.count,
        ),
        (
            "members_excel_import",
            {
                "dry_run": "",
                "file": SimpleUploadedFile(
                    "dang-vien.xlsx",
                    members_sheet(
                        family_name="Đinh",
                        middle_name="Văn",
                        given_name="Nhập",
                        gender="Nam",
                        birth_date="02/02/1985",
                        citizen_id="035085765432",
                        organization="nd-cb1",
                        admitted_on="01/03/2010",
                    ),
                ),
            },
            Member.objects.count,
        ),
    ]


def test_every_url_is_in_the_matrix(world):
    known = set(out_of_scope_kwargs(world)) | TEMPLATE_KINDS
    missing = [name for name, _route, params in PATTERNS if params and not is_public(name) and name not in known]
    assert not missing, f"Add these URLs to the access matrix: {missing}"
    stale = known - {name for name, _route, _params in PATTERNS}
    assert not stale, f"These URLs are gone: {stale}"
    for name, url in out_of_scope_urls(world):  # each names what it should (reversing raised otherwise)
        assert url.startswith("/"), name


@pytest.mark.parametrize("role", ROLES)
def test_objects_outside_the_scope_answer_403_or_404(client, users, world, role):
    client.force_login(users[role])
    leaks = []
    for _name, url in out_of_scope_urls(world):
        for method, refused in (("get", (403, 404, 405)), ("post", (403, 404))):  # 405: a POST-only page
            response = getattr(client, method)(url)
            if response.status_code not in refused:
                leaks.append(f"{method.upper()} {url}: {response.status_code}")
    assert not leaks, f"{role} reaches objects outside the scope: {leaks}"
    # The other province's objects are all still there, unchanged.
    world["report"].refresh_from_db()
    assert world["report"].status == "draft"
    assert type(world["article"]).objects.get(pk=world["article"].pk).status == "draft"
    assert type(world["congress"]).objects.filter(pk=world["congress"].pk).exists()


@pytest.mark.parametrize("role", ["admin", *ROLES])
def test_nobody_writes_into_the_other_province(client, users, world, role):
    """The create forms, filled in validly for the other province: only the administrator's succeed (which
    shows the forms are valid, so the refusals are the scope's)."""
    client.force_login(users[role])
    for name, data, count in write_attempts(world):
        before = count()
        response = client.post(reverse(name), data)
        added = count() - before
        if role == "admin":
            assert response.status_code == 302 and added, f"admin POST {name}: {response.status_code}"
        else:  # a refused form is shown again (200) with its errors; an import run shows its result page
            allowed = (200, 302, 400, 403, 404) if name.endswith("import") else (200, 400, 403, 404)
            assert response.status_code in allowed and not added, (
                f"{role} POST {name}: {response.status_code}, {added} added"
            )


@pytest.fixture
def own(tree):
    """A meeting, a task, an article and a course of the users' own city."""
    from dangvu.meetings import actions as meeting_actions
    from dangvu.news import actions as news_actions
    from dangvu.tasks import actions as task_actions
    from dangvu.work import actions as work_actions

    city = tree["city"]
    return {
        "meeting": meeting_actions.create_meeting(
            None,
            organization=city,
            kind="standing",
            title="Hội nghị Thường vụ",
            date=timezone.localdate() + timedelta(days=30),
        ),
        "task": task_actions.create_task(
            None,
            organization=city,
            title="Nhiệm vụ của thành phố",
            source_kind="resolution",
            source_document="Nghị quyết số 03-NQ/TU",
            assigned_on=date(2020, 10, 8),
            due_on=date(2020, 12, 31),
            assignees=[task_actions.Assignee(organization=city)],
        ),
        "article": news_actions.create_article(
            None, organization=city, title="Tin của thành phố", lead="Sapô.", body="Nội dung.", author="Thành ủy Phủ Lý"
        ),
        "course": work_actions.create_course(
            None,
            kind="awareness",
            title="Lớp nhận thức thành phố",
            organizer=city,
            start_date=date(2020, 5, 18),
            end_date=date(2020, 5, 22),
        ),
    }


@pytest.mark.parametrize("role", ROLES)
def test_an_own_object_does_not_open_the_way_to_a_foreign_part(client, users, world, own, role):
    """URLs naming two objects: an own meeting, task or article with the other province's agenda item, guest,
    progress update or image answer 404, and leave the foreign part as it was."""
    from dangvu.meetings.models import AgendaItem, Guest
    from dangvu.news.models import ArticleImage

    meeting, task, article = own["meeting"], own["task"], own["article"]
    pairs = [
        ("meetings_agenda_remove", {"pk": meeting.pk, "item_pk": world["agenda_item"].pk}),
        ("meetings_attachment", {"pk": meeting.pk, "item_pk": world["agenda_item"].pk}),
        ("meetings_guest_edit", {"pk": meeting.pk, "guest_pk": world["guest"].pk}),
        ("tasks_evidence", {"pk": task.pk, "update_pk": world["update"].pk}),
        ("news_admin_image", {"pk": article.pk, "image_pk": world["image"].pk}),
        ("news_admin_image_remove", {"pk": article.pk, "image_pk": world["image"].pk}),
    ]
    client.force_login(users[role])
    leaks = []
    for name, kwargs in pairs:
        url = reverse(name, kwargs=kwargs)
        for method, refused in (("get", (403, 404, 405)), ("post", (403, 404))):
            response = getattr(client, method)(url, {"titles_override": SENTINEL, "attended": ""})
            if response.status_code not in refused:
                leaks.append(f"{method.upper()} {url}: {response.status_code}")
    assert not leaks, f"{role} reaches the other province through an own object: {leaks}"
    assert AgendaItem.objects.filter(pk=world["agenda_item"].pk).exists()
    assert ArticleImage.objects.filter(pk=world["image"].pk).exists()
    guest = Guest.objects.get(pk=world["guest"].pk)
    assert guest.titles_override != SENTINEL and guest.attended


@pytest.mark.parametrize("role", ROLES)
def test_forms_in_the_scope_reveal_nothing_of_the_other_province(client, users, world, own, role):
    """Forms of the user's own organizations, with a field naming a person or an object of the other province
    (by CCCD or by number): the answer shows nothing of it and links nothing to it."""
    from dangvu.meetings.models import AgendaItem, Guest, Meeting
    from dangvu.tasks.models import Assignment, Task
    from dangvu.work.models import CourseParticipant, Discipline, Oversight

    course, meeting, task = own["course"], own["meeting"], own["task"]
    person, conference = world["member"].person, world["conference"]
    cid = world["member"].person.citizen_id
    candidate_cid = "035198000777"
    world["candidate"].person.citizen_id = candidate_cid
    world["candidate"].person.save(update_fields=["citizen_id"])
    attempts = [
        (
            reverse("work_discipline_create"),
            {
                "organization": "phuly",
                "body": "inspection_committee",
                "decided_on": "2020-07-01",
                "decision_number": "3-QĐ/UBKT",
                "form": "reprimand",
                "subject_member_tim": cid,
                "position": "",
                "reason": "Vi phạm",
                "oversight": world["oversight"].pk,
                "note": "",
            },
        ),
        (
            reverse("work_oversight_create"),
            {
                "activity": "inspection",
                "kind": "signs_of_violation",
                "organization": "phuly",
                "body": "inspection_committee",
                "start_date": "2020-04-01",
                "content": "Kiểm tra",
                "subject_members_tim": cid,
                "programme_item": world["item"].pk,
            },
        ),
        (reverse("work_participant_add", args=[course.pk]), {"citizen_id": cid}),
        (reverse("work_participant_add", args=[course.pk]), {"citizen_id": candidate_cid}),
        (reverse("meetings_guest_add", args=[meeting.pk]), {"person": person.pk, "role": "guest", "attended": "on"}),
        (
            reverse("meetings_agenda_add", args=[meeting.pk]),
            {"title": "Báo cáo tình hình", "presenter": person.pk, "report": world["report"].pk},
        ),
        (
            reverse("meetings_create"),
            {
                "organization": meeting.organization.code,
                "kind": "standing",
                "title": "Hội nghị mời chủ trì",
                "date": "2020-11-10",
                "part_of_day": "morning",
                "status": "planned",
                "chair": person.pk,
            },
        ),
        (reverse("tasks_assign", args=[task.pk]), {"organization": world["org"].code, "role": "lead"}),
        (reverse("tasks_assign", args=[task.pk]), {"person": person.pk, "role": "support"}),
        (
            reverse("tasks_create"),
            {
                "organization": task.organization.code,
                "title": "Theo kết luận",
                "source_kind": "conclusion",
                "source_meeting": conference.pk,
                "assigned_on": "13/10/2020",
                "due_on": "30/11/2020",
                "weight": 1,
                "lead_organizations": [task.organization.code],
            },
        ),
    ]
    client.force_login(users[role])
    for url, data in attempts:
        response = client.post(url, data)
        assert response.status_code in (200, 302, 400, 403, 404), f"{role} POST {url}: {response.status_code}"
        if response.status_code == 302:
            response = client.get(response["Location"])
        assert_no_sentinel(response, role, f"POST {url} naming {data}")
    foreign = [world["member"].person, world["candidate"].person]
    assert not CourseParticipant.objects.filter(course=course, person__in=foreign).exists()
    assert not Discipline.objects.filter(subject_member=world["member"]).exclude(pk=world["discipline"].pk).exists()
    assert not Oversight.objects.filter(organization=task.organization).exists()
    assert not Guest.objects.filter(meeting=meeting, person=person).exists()
    assert not AgendaItem.objects.filter(meeting=meeting).exists()
    assert not Meeting.objects.filter(chair=person).exists()
    assert not Assignment.objects.filter(task=task).exclude(organization=task.organization).exists()
    assert not Task.objects.filter(source_meeting=conference).exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_change_report_templates(client, users, world, role):
    kind = world["report"].kind
    section = world["section"]
    before = (kind.name, kind.summary_template, section.heading, section.text, kind.document_templates.count())
    client.force_login(users[role])
    data = {
        "name": SENTINEL,
        "summary_template": SENTINEL,
        "heading": SENTINEL,
        "text": SENTINEL,
        "file": SimpleUploadedFile("mau.docx", b"PK not a template"),
    }
    for name, kwargs in template_kind_kwargs(world).items():
        url = reverse(name, kwargs=kwargs)
        response = client.post(url, data)
        if name == "reports:template_download":  # reading the shared template changes nothing
            assert response.status_code in (200, 405), f"{role} POST {url}: {response.status_code}"
        else:
            assert response.status_code in (403, 404), f"{role} POST {url}: {response.status_code}"
    kind.refresh_from_db()
    section.refresh_from_db()
    assert (kind.name, kind.summary_template, section.heading, section.text, kind.document_templates.count()) == before


@pytest.mark.parametrize("role", ROLES)
def test_list_pages_never_show_what_lies_outside_the_scope(client, users, world, role):
    client.force_login(users[role])
    query = filter_query(world)
    for name in LIST_PAGES:
        for url in (reverse(name), f"{reverse(name)}?{query}"):
            response = client.get(url)
            assert response.status_code in (200, 302, 403, 404, 405), f"{role} {url}: {response.status_code}"
            assert_no_sentinel(response, role, url)
    for url in public_draft_urls(world):
        assert client.get(url).status_code == 404, f"{role} reads a draft at {url}"
    for url in public_list_urls(world):
        assert_no_sentinel(client.get(url), role, url)


def test_anonymous_users_are_sent_to_login(client, world):
    urls = [url for _name, url in out_of_scope_urls(world)]
    urls += [reverse(name) for name in LIST_PAGES]
    urls += [reverse(name, kwargs=kwargs) for name, kwargs in template_kind_kwargs(world).items()]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), f"anonymous {url}: {response.status_code}"
        if response.status_code == 302:
            assert "/dang-nhap/" in response["Location"]


def test_the_public_news_pages_show_no_draft(client, users, world, tree):
    """A draft is 404 on the public pages for anyone: the other province's and one of the users' own."""
    from dangvu.news import actions as news_actions

    own = news_actions.create_article(
        None,
        organization=tree["city"],
        title="Bản nháp Ngoạiphạmvi của thành phố",
        lead="Sapô.",
        body="Nội dung.",
        author="Thành ủy Phủ Lý",
    )
    urls = public_draft_urls(world) + [
        reverse("news_article_short", kwargs={"pk": own.pk}),
        reverse("news_article", kwargs={"pk": own.pk, "slug": own.slug}),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, f"anonymous reads a draft at {url}"
    for url in public_list_urls(world):
        response = client.get(url)
        assert response.status_code in (200, 302, 404), url  # 404: a category with nothing published
        assert_no_sentinel(response, "anonymous", url)
    client.force_login(users["office"])  # its editors preview a draft on the editing pages, not the public ones
    for url in urls[-2:]:
        assert client.get(url).status_code == 404, f"office reads its own draft at the public {url}"


def test_administrator_reaches_everything(client, users, world):
    client.force_login(users["admin"])
    for name, url in out_of_scope_urls(world):
        if name in PERSONAL:
            continue
        response = client.get(url)
        assert response.status_code in (200, 302, 405), f"admin GET {url}: {response.status_code}"
        if response.status_code == 302:
            assert "/dang-nhap/" not in response["Location"], f"admin GET {url}: sent to login"
    for name, kwargs in template_kind_kwargs(world).items():
        url = reverse(name, kwargs=kwargs)
        assert client.get(url).status_code == 200, f"admin GET {url}"
    # The other province's objects do show on the lists (so the other roles' not seeing them means something).
    for name in (
        "member_list",
        "members_excel_export",
        "admission_candidate_list",
        "work_course_list",
        "work_oversight_list",
        "work_programme_list",
        "work_discipline_list",
        "meetings_list",
        "tasks_list",
        "news_admin_list",
        "audit_list",
    ):
        assert SENTINEL in response_text(client.get(reverse(name))), f"admin does not see {SENTINEL} on {name}"
    assert SENTINEL in client.get(reverse("reports:register"), {"to_chuc": "namdinh"}).content.decode()


def test_a_mandate_outside_its_dates_gives_no_access(client, users, tree, make_member):
    from dangvu.accounts import actions

    member = make_member(tree["cell_b"], given="Bình")
    user = actions.create_user(None, username="expired", password="x-12345678")
    actions.grant_mandate(
        None, user, role="office", organization=tree["city"], valid_from=date(2015, 1, 1), valid_to=date(2020, 1, 1)
    )
    client.force_login(user)
    assert client.get(f"/dang-vien/{member.pk}/").status_code == 404


def _person_picker_forms() -> set[str]:
    """The project's forms that pick a person: those declaring a person picker, and those that add one when
    built (the position form's, whose source the members app gives)."""
    import importlib
    import pkgutil

    from django import forms

    import dangvu
    from dangvu.core.pickers import PickerField
    from dangvu.members.pickers import PersonSource

    for module in pkgutil.walk_packages(dangvu.__path__, "dangvu."):
        if module.name.endswith(".forms"):
            importlib.import_module(module.name)
    found, todo = {"dangvu.organizations.forms.PositionForm"}, [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            fields = getattr(sub, "base_fields", {}).values()
            if sub.__module__.startswith("dangvu.") and any(
                isinstance(f, PickerField) and isinstance(f.source, PersonSource) for f in fields
            ):
                found.add(f"{sub.__module__}.{sub.__qualname__}")
    return found


def _links(person) -> dict[str, int]:
    """How many rows of every table point at a person."""
    counts = {}
    for relation in type(person)._meta.related_objects:
        if relation.one_to_many or relation.one_to_one:
            model = relation.related_model
            counts[f"{model.__name__}.{relation.field.name}"] = model._base_manager.filter(
                **{relation.field.name: person}
            ).count()
    return counts


def _person_forms(html: str, url: str):
    """(action, fields sent as the form holds them, names of its person pickers) of each POST form of a page
    that picks a person."""
    from lxml import html as lxml_html

    page = lxml_html.fromstring(html)
    for form in page.forms:
        names = [div.get("data-name") for div in form.xpath(".//*[@data-picker][@data-kind='person']")]
        if (form.method or "").lower() == "post" and names:
            yield form.action or url, dict(form.form_values()), names


@pytest.fixture
def own_person_pages(tree, users, own):
    """The pages of the users' own objects whose forms pick a person, beside the create forms of the list."""
    from dangvu.admission import actions as admission_actions
    from dangvu.meetings import actions as meeting_actions
    from dangvu.work import actions as work_actions

    city, meeting = tree["city"], own["meeting"]
    held = meeting_actions.create_meeting(
        None, organization=city, kind="conference", title="Hội nghị đã họp", date=date(2020, 10, 9)
    )
    congress = work_actions.create_congress(
        None,
        organization=tree["ward"],
        term="2020–2025",
        kind="all_members",
        status="held",
        held_start=date(2020, 5, 10),
    )
    programme = work_actions.create_programme(
        None, organization=city, body="inspection_committee", year=2020, title="Chương trình của thành phố"
    )
    candidate = admission_actions.register(
        None,
        person={"family_name": "Phạm", "given_name": "Tuấn", "gender": "male", "birth_date": date(2000, 5, 12)},
        organization=tree["cell_a"],
        listed_on=date(2019, 12, 2),
    )
    admission_actions.send_to_class(None, candidate, on=date(2020, 2, 10))
    admission_actions.record_certificate(None, candidate, number="GCN-1", on=date(2020, 3, 20))
    admission_actions.record_application(None, candidate, on=date(2020, 4, 1))
    pages = [
        ("meetings_edit", {"pk": meeting.pk}),
        ("meetings_agenda_add", {"pk": meeting.pk}),
        ("meetings_guest_add", {"pk": meeting.pk}),
        ("meetings_outcome", {"pk": held.pk}),
        ("tasks_edit", {"pk": own["task"].pk}),
        ("tasks_assign", {"pk": own["task"].pk}),
        ("work_participant_add", {"pk": own["course"].pk}),
        ("work_congress_election", {"pk": congress.pk}),
        ("work_programme_detail", {"pk": programme.pk}),
        ("admission_candidate_detail", {"pk": candidate.pk}),
        ("position_create", {"code": city.code}),
        ("position_create", {"code": tree["cell_a"].code}),
    ]
    return [reverse(name, kwargs=kwargs) for name, kwargs in pages] + [reverse(name) for name in LIST_PAGES]


def test_every_form_that_picks_a_person_refuses_one_outside_the_scope(
    client, users, world, own_person_pages, monkeypatch
):
    """Each writing role opens every form that picks a person (the create forms of the list pages and those of
    its own objects), fills it as the page holds it with the other province's member in every person picker and
    sends it: the answer is the form again with the Vietnamese refusal, nothing is written and nothing points at
    that person. Every form of the project that picks a person is among those sent."""
    from django import forms

    from dangvu.core.models import AuditEvent

    cleaned: set[str] = set()
    full_clean = forms.BaseForm.full_clean

    def recording(form):
        cleaned.add(f"{type(form).__module__}.{type(form).__qualname__}")
        return full_clean(form)

    monkeypatch.setattr(forms.BaseForm, "full_clean", recording)
    foreign = world["member"].person
    links = _links(foreign)
    problems, sent = [], 0
    for role in ("office", "inspection", "cell_secretary"):
        client.force_login(users[role])
        for url in own_person_pages:
            page = client.get(url)
            if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
                continue
            for action, data, names in _person_forms(page.content.decode(), url):
                for name in names:
                    data[name] = str(foreign.pk)
                    data.pop(f"{name}_tim", None)
                events = AuditEvent.objects.count()
                response = client.post(action, data)
                sent += 1
                if AuditEvent.objects.count() != events:
                    problems.append(f"{role} POST {action} {names}: written")
                body = response.content.decode(errors="replace")
                shown = response.status_code in (200, 400)  # the form again, with its errors
                if not (shown or response.status_code in (403, 404)) or (shown and "đã chọn" not in body):
                    problems.append(f"{role} POST {action} {names}: {response.status_code}")
                assert_no_sentinel(response, role, action)
    assert not problems, problems
    assert _links(foreign) == links
    missing = _person_picker_forms() - cleaned
    assert sent > 10 and not missing, f"Forms picking a person that no page of the test sent: {missing}"
