"""The meetings, key tasks and news of the Phủ Lý 2020 demo, built through the actions like real use.

`load_meetings_and_news(rng, ctx)` is the demo step: the conference of 08/10/2020 with the guests of the
article, the 9-month report presented by the chief of the office (the issued report, created here if the
reports step has not issued one), the conclusion by Phạm Chí Thống with the key tasks of the last three
months (some done on time, some late, one still open at the end of 2020), its conclusion notice numbered
from the register, monthly cell meetings of 2020 with attendance (bulk), the article of 09/10/2020 drafted
from the meeting and published, and a few other articles so that "Các tin khác" is real.

`build_conference` and `record_key_tasks` are what the tests use with their own small tree.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from dangvu.members.models import EventType, MemberEvent, Person, Placement
from dangvu.organizations.models import Organization, Sector

from . import actions, planning, rolls
from .models import GuestRole, Kind, Meeting, PartOfDay, Presence

if TYPE_CHECKING:
    from dangvu.reports.models import Report

CONFERENCE_DAY = date(2020, 10, 8)
CONFERENCE_TITLE = (
    "Hội nghị sơ kết công tác xây dựng Đảng 9 tháng đầu năm, triển khai nhiệm vụ trọng tâm 3 tháng cuối năm 2020"
)
# The groups the article names after the four people, in its order.
GUEST_GROUPS = [
    "các đồng chí trong BTV Thành ủy",
    "Thường trực HĐND, lãnh đạo UBND thành phố",
    "các đồng chí trong BCH Đảng bộ thành phố",
    "các đồng chí bí thư các chi bộ trực thuộc Đảng bộ",
    "các đồng chí Bí thư, Chủ tịch UBND các phường, xã",
]
CONCLUSION = (
    "đã đánh giá cao những kết quả đã đạt được và nghiêm túc chỉ ra những mặt còn tồn tại, hạn chế cần khắc "
    "phục trong thời gian tới.\n"
    "Đồng chí nhấn mạnh 3 tháng cuối năm là thời gian nước rút, các cấp ủy, tổ chức đảng cần bám sát nhiệm vụ "
    "chính trị, tập trung hoàn thành các chỉ tiêu đã đề ra."
)
MINUTES = (
    "Hội nghị nghe đồng chí Chánh Văn phòng Thành ủy trình bày báo cáo sơ kết công tác xây dựng Đảng 9 tháng "
    "đầu năm 2020. Các đại biểu thảo luận, làm rõ kết quả đạt được, khó khăn, vướng mắc và đề xuất giải pháp "
    "với Thường trực Thành ủy. Đồng chí Phó Bí thư Thường trực Thành ủy phát biểu kết luận hội nghị."
)


@dataclass
class TaskPlan:
    """A key task of the conclusion, what became of it by the end of 2020, and its sub-tasks."""

    title: str
    due: date
    done: date | None  # None: still open on 31/12/2020
    progress: int  # the last reported percentage when not done
    lead_key: str  # demo person key of the lead
    children: tuple[tuple[str, int, date, date | None], ...] = ()  # title, weight, due, done


KEY_TASKS = [
    TaskPlan(
        "Tập trung chỉ đạo, hướng dẫn tuyên truyền và tổ chức các hoạt động thiết thực kỷ niệm các ngày "
        "lễ, ngày truyền thống của đất nước, của địa phương và các ngành",
        date(2020, 12, 31),
        None,
        0,
        "propaganda_head_2020",
        children=(
            (
                "Kỷ niệm 90 năm Ngày truyền thống ngành Tổ chức xây dựng Đảng (14/10/1930 – 14/10/2020)",
                2,
                date(2020, 10, 14),
                date(2020, 10, 13),
            ),
            (
                "Kỷ niệm 90 năm Ngày thành lập Mặt trận Dân tộc thống nhất Việt Nam (18/11/1930 – 18/11/2020)",
                2,
                date(2020, 11, 18),
                date(2020, 11, 18),
            ),
            (
                "Kỷ niệm 76 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 – 22/12/2020)",
                1,
                date(2020, 12, 22),
                date(2020, 12, 21),
            ),
        ),
    ),
    TaskPlan(
        "Tổng kết các nghị quyết chuyên đề về phát triển KT-XH giai đoạn 2016 - 2020",
        date(2020, 11, 30),
        date(2020, 12, 15),
        100,
        "deputy_2020",
    ),
    TaskPlan(
        "MTTQ và các tổ chức chính trị - xã hội tiếp tục đổi mới nội dung, phương thức hoạt động, phát huy "
        "tốt vai trò giám sát, phản biện xã hội",
        date(2020, 12, 15),
        None,
        80,
        "mobilization_head",
    ),
    TaskPlan(
        "Tập trung phát triển kinh tế, hoàn thành các chỉ tiêu phát triển kinh tế - xã hội năm 2020",
        date(2020, 12, 31),
        date(2020, 12, 28),
        100,
        "deputy_2020",
    ),
]


def build_conference(
    actor,
    *,
    city: Organization,
    guests: list[Person],
    presenter: Person | None,
    concluder: Person,
    chair: Person | None = None,
    report=None,
    groups: list[str] = GUEST_GROUPS,
    today: date | None = None,
) -> Meeting:
    """The review conference of 08/10/2020 as it happened: guests, the report presented, the conclusion."""
    meeting = actions.create_meeting(
        actor,
        organization=city,
        kind=Kind.REVIEW,
        title=CONFERENCE_TITLE,
        date=CONFERENCE_DAY,
        part_of_day=PartOfDay.MORNING,
        start_time=time(7, 30),
        chair=chair,
        today=today,
    )
    for person in guests:
        actions.add_guest(actor, meeting, person=person)
    for label in groups:
        actions.add_guest(actor, meeting, group_label=label, role=GuestRole.INVITEE)
    actions.add_agenda_item(
        actor,
        meeting,
        title="Báo cáo sơ kết công tác xây dựng Đảng 9 tháng đầu năm, nhiệm vụ trọng tâm 3 tháng cuối năm 2020",
        presenter=presenter,
        report=report,
    )
    actions.add_agenda_item(actor, meeting, title="Thảo luận")
    actions.add_agenda_item(actor, meeting, title="Phát biểu kết luận hội nghị", presenter=concluder)
    actions.record_outcome(actor, meeting, minutes=MINUTES, conclusion=CONCLUSION, concluded_by=concluder, today=today)
    return meeting


def record_key_tasks(
    actor,
    meeting: Meeting,
    leads: dict[str, Person | None],
    assignees: list[Organization],
    *,
    today: date | None = None,
) -> list:
    """The key tasks of the conclusion, assigned on the conference day, and their progress through 2020."""
    from dangvu.tasks import actions as task_actions
    from dangvu.tasks.actions import Assignee

    created = []
    for plan in KEY_TASKS:
        people = [Assignee(person=leads[plan.lead_key])] if leads.get(plan.lead_key) else []
        support = [Assignee(organization=org, role="support") for org in assignees]
        task = task_actions.create_task(
            actor,
            organization=meeting.organization,
            title=plan.title,
            source_meeting=meeting,
            due_on=plan.due,
            assignees=people + support,
            today=today,
        )
        for title, weight, due, done in plan.children:
            child = task_actions.create_task(
                actor,
                organization=meeting.organization,
                title=title,
                parent=task,
                weight=weight,
                due_on=due,
                assigned_on=meeting.date,
                today=today,
            )
            if done:
                task_actions.report_progress(
                    actor,
                    child,
                    percent=50,
                    reported_on=meeting.date,
                    note="Đã xây dựng kế hoạch, phân công thực hiện.",
                    today=today,
                )
                task_actions.report_progress(
                    actor, child, percent=100, reported_on=done, note="Đã tổ chức xong.", today=today
                )
        if not plan.children:
            task_actions.report_progress(
                actor,
                task,
                percent=30,
                reported_on=date(2020, 10, 30),
                note="Đã ban hành kế hoạch triển khai.",
                today=today,
            )
            if plan.done:
                task_actions.report_progress(
                    actor, task, percent=100, reported_on=plan.done, note="Đã hoàn thành.", today=today
                )
            else:
                task_actions.report_progress(
                    actor,
                    task,
                    percent=plan.progress,
                    reported_on=date(2020, 12, 20),
                    note="Đang tiếp tục thực hiện.",
                    today=today,
                )
        created.append(task)
    return created


# What the office wrote in the 9-month report's narrative sections (the figures come from the records); the
# wording is the article's own, its spelling corrected.
REPORT_NARRATIVES = {
    "political_tasks": (
        "9 tháng đầu năm Thành ủy Phủ Lý đã tập trung chỉ đạo công tác phòng chống dịch bệnh Covid-19 trên địa "
        "bàn thành phố. Chỉ đạo nhiệm vụ phát triển kinh tế - xã hội đạt được nhiều kết quả tích cực. Triển khai "
        "công tác bầu trưởng thôn, tổ trưởng tổ dân phố; tuyển dụng giáo viên THCS, giáo viên tiểu học, giáo viên "
        "mầm non đảm bảo đúng quy định; tổ chức tốt các hoạt động văn hóa, văn nghệ, thể dục thể thao; các chính "
        "sách đảm bảo an sinh xã hội được triển khai kịp thời; an ninh chính trị, trật tự an toàn xã hội được giữ "
        "vững."
    ),
    "shortcomings": (
        "Do dịch bệnh Covid-19 diễn biến phức tạp đã ảnh hưởng không nhỏ đến tiến độ và kết quả thực hiện các "
        "nhiệm vụ, kế hoạch đã đề ra từ đầu năm. Công tác tuyên truyền, vận động cán bộ, đảng viên và nhân dân "
        "thực hiện chủ trương, đường lối của Đảng, chính sách pháp luật của Nhà nước có nơi, có việc hiệu quả "
        "chưa cao."
    ),
    "key_tasks": (
        "Tập trung tuyên truyền thực hiện các nhiệm vụ chính trị của tỉnh, thành phố, tuyên truyền Đại hội đại "
        "biểu toàn quốc lần thứ XIII của Đảng. Tổ chức học tập, quán triệt, triển khai thực hiện hiệu quả Nghị "
        "quyết Đại hội Đảng bộ tỉnh lần thứ XX và Nghị quyết Đại hội Đảng bộ thành phố lần thứ 23. Rà soát quy "
        "hoạch, kiện toàn các chức danh cán bộ lãnh đạo quản lý. Rà soát các chỉ tiêu kinh tế, khai thác nguồn "
        "thu ngân sách để thu đúng, đủ, kịp thời, tạo nguồn thu ổn định, bền vững."
    ),
}


def nine_month_report(actor, city: Organization) -> "Report":
    """The issued 9-month report of the city (Báo cáo sơ kết 9 tháng), issued on 08/10/2020 if not yet."""
    from dangvu.reports import actions as report_actions
    from dangvu.reports import register
    from dangvu.reports.kinds import kind_by_code
    from dangvu.reports.models import FIXED_STATUSES, Report
    from dangvu.reports.periods import first_months

    period = first_months(2020, 9)
    kind = kind_by_code("interim-9")
    found = (
        Report.objects.filter(
            organization=city, kind=kind, period_start=period.start, period_end=period.end, status__in=FIXED_STATUSES
        )
        .order_by("-id")
        .first()
    )
    if found:
        return found
    report = report_actions.create_report(
        actor, organization=city, kind=kind, period=period, document_date=CONFERENCE_DAY
    )
    # The office numbered its reports of the 2020–2025 term on paper before the system (44 so far), so the
    # register continues from there and the 9-month report is "Số 45-BC/TU", as in the office's records.
    register.continue_from(actor, city, "BC", CONFERENCE_DAY, 44)
    for slot, text in REPORT_NARRATIVES.items():
        report_actions.write_narrative(actor, report, slot, text)
    report_actions.approve(actor, report)
    return report_actions.issue(actor, report)


# Cell meetings of 2020 ----------------------------------------------------------------------------------

EXCUSES = ["Đi công tác", "Ốm, có đơn xin phép", "Việc gia đình, đã báo chi bộ", "Trực cơ quan", "Đi học"]


def _rolls(cells: list[Organization], year: int) -> tuple[dict, dict[int, date]]:
    """Each cell's placements overlapping the year, and the members exempted by then, in two queries."""
    placements: dict[int, list[tuple[date, date, int, int]]] = {}
    rows = Placement.objects.filter(
        organization__in=cells, valid_from__lte=date(year, 12, 31), valid_to__gt=date(year, 1, 1)
    ).values_list("organization_id", "valid_from", "valid_to", "member__person_id", "member_id")
    for org_id, start, end, person_id, member_id in rows:
        placements.setdefault(org_id, []).append((start, end, person_id, member_id))
    exempted = dict(MemberEvent.objects.filter(type=EventType.EXEMPTED).values_list("member_id", "date"))
    return placements, exempted


THEMES = [
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Quán triệt Nghị quyết Đại hội Đảng bộ thành phố lần thứ 23",
    "Nâng cao vai trò tiên phong, gương mẫu của đảng viên",
    "Phòng, chống dịch Covid-19 tại khu dân cư",
]


def _roll(rng: random.Random, placements: list, exempted: dict, on: date) -> list:
    lines = []
    for start, end, person_id, member_id in placements:
        if not (start <= on < end) or (member_id in exempted and exempted[member_id] <= on):
            continue
        draw = rng.random()
        if draw < 0.88:
            lines.append(rolls.RollLine(person_id, Presence.PRESENT))
        elif draw < 0.93:
            lines.append(rolls.RollLine(person_id, Presence.LATE))
        elif draw < 0.98:
            lines.append(rolls.RollLine(person_id, Presence.ABSENT_EXCUSED, rng.choice(EXCUSES)))
        else:
            lines.append(rolls.RollLine(person_id, Presence.ABSENT_UNEXCUSED))
    return lines


def cell_meetings(rng: random.Random, actor, cells: list[Organization], year: int = 2020) -> int:
    """The monthly meetings of each cell in `year` (a few missed) and a thematic meeting in most quarters,
    with a realistic roll, recorded in bulk."""
    placements, exempted = _rolls(cells, year)
    records = []
    for cell in cells:
        day = rng.randint(3, 10)
        for month in range(1, 13):
            on = date(year, month, day)
            if not cell.is_active(on) or rng.random() < 0.01:
                continue
            if month % 3 == 0 and rng.random() < 0.9:
                themed = on + timedelta(days=rng.randint(7, 14))
                lines = _roll(rng, placements.get(cell.pk, []), exempted, themed)
                if lines and cell.is_active(themed):
                    records.append(
                        rolls.CellMeetingRecord(
                            cell,
                            themed,
                            f"Sinh hoạt chuyên đề quý {month // 3}/{year}: {rng.choice(THEMES)}",
                            kind=Kind.CELL_THEMATIC,
                            lines=lines,
                        )
                    )
            lines = _roll(rng, placements.get(cell.pk, []), exempted, on)
            if lines:
                records.append(rolls.CellMeetingRecord(cell, on, planning.monthly_title(month, year), lines=lines))
    return rolls.record_cell_meetings(actor, records)


# News ---------------------------------------------------------------------------------------------------

CATEGORIES = [
    ("hoat-dong-dang-bo", "Hoạt động của Đảng bộ", 1),
    ("xay-dung-dang", "Xây dựng Đảng", 2),
    ("co-so", "Tin cơ sở", 3),
]

OTHER_ARTICLES = [
    (
        datetime(2020, 9, 18, 9, 0),
        "co-so",
        "Đảng bộ phường Quang Trung học tập, quán triệt Nghị quyết Đại hội Đảng bộ thành phố lần thứ 23",
        "Chiều ngày 17/9/2020, Đảng ủy phường Quang Trung tổ chức hội nghị học tập, quán triệt Nghị quyết Đại hội "
        "Đảng bộ thành phố lần thứ 23, nhiệm kỳ 2020 - 2025 cho cán bộ, đảng viên trong Đảng bộ.",
        "Tại hội nghị, các đảng viên được nghe quán triệt những nội dung cơ bản của Nghị quyết, các mục tiêu, "
        "chỉ tiêu và giải pháp chủ yếu của nhiệm kỳ.\nĐảng ủy phường yêu cầu các chi bộ xây dựng chương trình "
        "hành động, đưa Nghị quyết vào cuộc sống.",
        "Đảng ủy phường Quang Trung",
    ),
    (
        datetime(2020, 9, 30, 15, 0),
        "xay-dung-dang",
        "Thành ủy Phủ Lý tổ chức lớp bồi dưỡng lý luận chính trị cho đảng viên mới",
        "Từ ngày 21/9 đến ngày 29/9/2020, Trung tâm Chính trị thành phố tổ chức lớp bồi dưỡng lý luận chính trị "
        "cho đảng viên mới năm 2020.",
        "Các học viên được nghiên cứu những nội dung cơ bản về Đảng Cộng sản Việt Nam, Điều lệ Đảng và nhiệm vụ "
        "của người đảng viên.\nKết thúc lớp học, các học viên đều đạt yêu cầu.",
        "Thành ủy Phủ Lý",
    ),
    (
        datetime(2020, 11, 7, 10, 0),
        "xay-dung-dang",
        "Thành phố Phủ Lý trao Huy hiệu Đảng đợt 7/11/2020",
        "Sáng ngày 7/11/2020, các đảng bộ, chi bộ trực thuộc Thành ủy Phủ Lý tổ chức lễ trao Huy hiệu Đảng cho "
        "các đảng viên đủ tuổi đảng.",
        "Phát biểu tại buổi lễ, đại diện lãnh đạo Thành ủy chúc mừng các đồng chí được trao Huy hiệu Đảng và "
        "mong các đồng chí tiếp tục giữ gìn phẩm chất người đảng viên, là tấm gương cho thế hệ trẻ noi theo.",
        "Thành ủy Phủ Lý",
    ),
    (
        datetime(2020, 11, 18, 16, 0),
        "hoat-dong-dang-bo",
        "Phủ Lý kỷ niệm 90 năm Ngày thành lập Mặt trận Dân tộc thống nhất Việt Nam",
        "Sáng ngày 18/11/2020, Ủy ban MTTQ thành phố Phủ Lý tổ chức lễ kỷ niệm 90 năm Ngày thành lập Mặt trận Dân "
        "tộc thống nhất Việt Nam.",
        "Buổi lễ ôn lại truyền thống vẻ vang của Mặt trận qua 90 năm xây dựng và phát triển, biểu dương các tập "
        "thể, cá nhân có thành tích tiêu biểu trong phong trào thi đua yêu nước.",
        "Thành ủy Phủ Lý",
    ),
]
DRAFT_ARTICLE = (
    "Dự thảo: Thành ủy Phủ Lý tổng kết công tác năm 2020",
    "Bản nháp chưa duyệt, không được hiện trên trang tin công khai.",
)


def _categories():
    from dangvu.news.models import Category

    return {
        slug: Category.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})[0]
        for slug, name, order in CATEGORIES
    }


def _publish(actor, article, moment: datetime):
    from dangvu.news import actions as news_actions

    news_actions.submit_for_review(actor, article)
    return news_actions.publish(actor, article, at=timezone.make_aware(moment))


def articles(actor, meeting: Meeting, organizations: dict[str, Organization]) -> list:
    """The article of 09/10/2020 drafted from the conference, the other articles, and one draft."""
    from dangvu.news import actions as news_actions

    categories = _categories()
    city = meeting.organization
    published = [news_actions.create_from_meeting(actor, meeting, category=categories["hoat-dong-dang-bo"])]
    _publish(actor, published[0], datetime(2020, 10, 9, 8, 0))
    for moment, category, title, lead, body, author in OTHER_ARTICLES:
        owner = organizations.get("pl-quangtrung", city) if author.startswith("Đảng ủy phường") else city
        article = news_actions.create_article(
            actor, organization=owner, title=title, lead=lead, body=body, author=author, category=categories[category]
        )
        published.append(_publish(actor, article, moment))
    news_actions.create_article(
        actor,
        organization=city,
        title=DRAFT_ARTICLE[0],
        lead=DRAFT_ARTICLE[1],
        author="Thành ủy Phủ Lý",
        category=categories["hoat-dong-dang-bo"],
    )
    return published


# The demo step ------------------------------------------------------------------------------------------

ARTICLE_PEOPLE = [
    "article:tran_thanh_son",
    "article:pham_thi_thuy",
    "article:nguyen_anh_chuc",
    "article:pham_chi_thong",
]


def load_meetings_and_news(rng: random.Random, ctx) -> None:
    """Meetings, key tasks and news of 2020: the conference of 08/10/2020 and what came of it."""
    city = ctx.orgs["phuly"]
    guests = [ctx.persons[key] for key in ARTICLE_PEOPLE]
    # In the order it happened: the cells met all year, and the report issued on 08/10/2020 counts the
    # meetings of January to September (the later ones do not touch its figures).
    cells = [ctx.orgs[c.org.code] for c in ctx.cells if c.org.code in ctx.orgs]
    held = cell_meetings(rng, ctx.actor, cells, 2020)
    report = nine_month_report(ctx.actor, city)
    meeting = build_conference(
        ctx.actor,
        city=city,
        guests=guests,
        presenter=ctx.persons.get("office_chief_2020"),
        concluder=ctx.persons["article:pham_chi_thong"],
        chair=ctx.persons["article:nguyen_anh_chuc"],
        report=report,
    )
    wards = [
        ctx.orgs[spec.code]
        for spec in sorted(ctx.org_specs, key=lambda s: s.code)
        if spec.sector == Sector.WARD_COMMUNE
    ][:3]
    record_key_tasks(ctx.actor, meeting, ctx.persons, wards)
    actions.issue_conclusion_notice(ctx.actor, meeting, on=date(2020, 10, 12))
    published = articles(ctx.actor, meeting, ctx.orgs)
    ctx.log(
        f"  1 hội nghị sơ kết, {len(KEY_TASKS)} nhiệm vụ trọng tâm, {held} buổi sinh hoạt chi bộ, "
        f"{len(published)} tin đã đăng"
    )
