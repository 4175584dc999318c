"""Congress pages: list, overview of a subtree for a term, detail with the elected committee, create, edit,
delete, record the election, import from Excel."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from dangvu.accounts.scope import WRITE, require_capability, scope_for
from dangvu.core.errors import RuleViolation
from dangvu.core.text import fold, nfc
from dangvu.core.web import parse_date
from dangvu.members.models import Member
from dangvu.organizations.models import Body, Post

from .. import actions, excel, queries
from ..actions.congresses import CONGRESS_FIELDS
from ..forms import CongressForm, ElectionForm
from ..models import CongressKind, CongressStatus
from .common import (
    Filters,
    bound,
    delete_record,
    edit_page,
    import_page,
    initial_of,
    list_page,
    save_page,
    xlsx_response,
)


@login_required
def congress_list(request):
    scope = scope_for(request.user)
    flt = Filters(request, scope)
    year = flt.start.year if flt.start else None
    qs = queries.congresses(
        scope,
        organization=flt.organization,
        term=request.GET.get("nhiem_ky", ""),
        status=flt.choice("tinh_trang", CongressStatus.choices),
        kind=flt.choice("hinh_thuc", CongressKind.choices),
        year=year,
    )
    return list_page(
        request,
        "work/congress_list.html",
        qs,
        {
            "statuses": CongressStatus.choices,
            "kinds": CongressKind.choices,
            "can_write": scope.can(WRITE),
            "org_picker": flt.picker,
        },
    )


@login_required
def congress_overview(request):
    scope = scope_for(request.user)
    flt = Filters(request, scope)
    term = nfc(request.GET.get("nhiem_ky", "")) or "2020–2025"
    on = parse_date(request.GET.get("ngay", "")) or timezone.localdate()
    overview = None
    if flt.organization is not None:
        overview = queries.congress_overview(scope, flt.organization, term, on)
    return render(
        request,
        "work/congress_overview.html",
        {
            "overview": overview,
            "term": term,
            "on": on,
            "params": request.GET,
            "org_picker": flt.picker,
        },
    )


@login_required
def congress_detail(request, pk):
    scope = scope_for(request.user)
    congress = queries.get_congress(scope, pk)
    return render(
        request,
        "work/congress_detail.html",
        {
            "congress": congress,
            "positions": queries.elected_positions(congress),
            "can_write": scope.covers(congress.organization_id, WRITE),
        },
    )


@login_required
def congress_create(request):
    scope = scope_for(request.user)
    require_capability(scope, WRITE, "ghi đại hội")
    form = CongressForm(bound(request), scope=scope, initial={"term": "2020–2025"})
    return save_page(
        request,
        form,
        partial(actions.create_congress, request.user),
        to=lambda congress: reverse("work_congress_detail", args=[congress.pk]),
        success=lambda congress: f"Đã ghi {congress}.",
        title="Ghi đại hội",
        cancel_url=reverse("work_congress_list"),
    )


@login_required
def congress_edit(request, pk):
    scope = scope_for(request.user)
    congress = queries.get_congress(scope, pk)
    scope.require(congress.organization_id, WRITE)
    form = CongressForm(bound(request), scope=scope, initial=initial_of(congress, CONGRESS_FIELDS))
    return edit_page(request, congress, form, actions.update_congress, "work_congress_detail")


@login_required
def congress_delete(request, pk):
    scope = scope_for(request.user)
    congress = queries.get_congress(scope, pk)
    scope.require(congress.organization_id, WRITE)
    return delete_record(request, congress, actions.delete_congress, "work_congress_detail", "work_congress_list")


BODY_WORDS = {fold(label): value for value, label in Body.choices} | {
    "bch": Body.EXECUTIVE,
    "btv": Body.STANDING,
    "ubkt": Body.INSPECTION_COMMITTEE,
    "thuong truc": Body.PERMANENT,
    "chi uy": Body.CELL_COMMITTEE,
}
POST_WORDS = {fold(label): value for value, label in Post.choices} | {
    "chu nhiem": Post.INSPECTION_CHAIR,
    "pho chu nhiem": Post.INSPECTION_DEPUTY,
    "uy vien": Post.MEMBER,
    "pho bi thu thuong truc": Post.STANDING_DEPUTY_SECRETARY,
    "pho bi thu tt": Post.STANDING_DEPUTY_SECRETARY,
}


def parse_elected(scope, text: str) -> tuple[list[tuple], list[str]]:
    """Lines "CCCD; cơ quan; chức danh" → (person, body, post); a message for each line that cannot be read."""
    elected, problems = [], []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.replace("\t", ";").split(";")]
        if len(parts) != 3:
            problems.append(f"Dòng {number}: cần ba phần: số CCCD; cơ quan; chức danh.")
            continue
        cid, body_text, post_text = parts
        member = (
            scope.restrict(Member.objects.filter(person__citizen_id=cid), "organization")
            .select_related("person")
            .first()
        )
        body, post = BODY_WORDS.get(fold(body_text)), POST_WORDS.get(fold(post_text))
        if member is None:
            problems.append(f"Dòng {number}: không tìm thấy đảng viên có số CCCD {cid}.")
        if body is None:
            problems.append(f"Dòng {number}: không rõ cơ quan '{body_text}' (BCH, BTV, Thường trực, UBKT, Chi ủy).")
        if post is None:
            problems.append(f"Dòng {number}: không rõ chức danh '{post_text}'.")
        if member and body and post:
            elected.append((member.person, body, post))
    return elected, problems


@login_required
def congress_election(request, pk):
    scope = scope_for(request.user)
    congress = queries.get_congress(scope, pk)
    scope.require(congress.organization_id, WRITE)
    form = ElectionForm(bound(request), initial={"on": congress.held_end or congress.held_start})

    def record(lines, on, decision_number):
        elected, problems = parse_elected(scope, lines)
        if problems:
            raise RuleViolation({"lines": problems})
        return actions.record_election(request.user, congress, elected, on, decision_number=decision_number)

    back = reverse("work_congress_detail", args=[pk])
    return save_page(
        request,
        form,
        record,
        to=back,
        success=lambda created: f"Đã ghi {len(created)} chức danh nhiệm kỳ {congress.term}.",
        title=f"Kết quả bầu cử: {congress}",
        cancel_url=back,
        intro="Ghi Ban Chấp hành do đại hội bầu và, tại phiên họp thứ nhất, Ban Thường vụ, Bí thư, "
        "Phó Bí thư, Ủy ban Kiểm tra và Chủ nhiệm. Chức vụ của nhiệm kỳ trước ở các cơ quan "
        "này kết thúc vào ngày bầu.",
    )


@login_required
def congress_import(request):
    scope = scope_for(request.user)
    require_capability(scope, WRITE, "ghi đại hội")

    def run(rows):
        return actions.import_congresses(request.user, [data for _, data in rows], lines=[n for n, _ in rows])

    return import_page(
        request,
        title="Nhập đại hội từ Excel",
        spec=excel.CONGRESS_SHEET,
        run=run,
        template_url=reverse("work_congress_template"),
        back_url=reverse("work_congress_list"),
        intro="Mỗi dòng một đại hội của một tổ chức cho một nhiệm kỳ.",
    )


@login_required
def congress_template(request):
    return xlsx_response(excel.template(excel.CONGRESS_SHEET), "mau-nhap-dai-hoi.xlsx")
