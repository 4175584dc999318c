"""Congress pages: list, overview of a subtree for a term, detail with the elected committee, create, edit,
delete, record the election, import from Excel."""

import re
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from dangvu.accounts.scope import WRITE, require_capability, scope_for
from dangvu.core.errors import RuleViolation
from dangvu.core.text import nfc
from dangvu.core.web import parse_date

from .. import actions, excel, queries
from ..actions.congresses import CONGRESS_FIELDS
from ..forms import CongressForm, ElectedRows, ElectionForm
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
    show_violation,
    xlsx_response,
)


@login_required
def congress_list(request) -> HttpResponse:
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
def congress_overview(request) -> HttpResponse:
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
def congress_detail(request, pk) -> HttpResponse:
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
def congress_create(request) -> HttpResponse:
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
def congress_edit(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    congress = queries.get_congress(scope, pk)
    scope.require(congress.organization_id, WRITE)
    form = CongressForm(bound(request), scope=scope, initial=initial_of(congress, CONGRESS_FIELDS))
    return edit_page(request, congress, form, actions.update_congress, "work_congress_detail")


@login_required
def congress_delete(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    congress = queries.get_congress(scope, pk)
    scope.require(congress.organization_id, WRITE)
    return delete_record(request, congress, actions.delete_congress, "work_congress_detail", "work_congress_list")


MAX_ROWS = 200  # as ElectedRows takes at most
ROWS = 10  # rows of elected posts offered at a time ("Thêm dòng" adds as many)
ROW_PREFIX = "dong"


def _rows_data(post, more: bool):
    """The POST with the rows' count the form had (the highest row sent, at least ROWS; ROWS more when asked),
    so that the rows are read without trusting a management form."""
    data = post.copy()
    sent = [int(m.group(1)) for m in (re.match(rf"{ROW_PREFIX}-(\d{{1,3}})-", key) for key in post) if m]
    total = max([ROWS, *(i + 1 for i in sent)]) + (ROWS if more else 0)
    data.update({f"{ROW_PREFIX}-TOTAL_FORMS": str(min(total, MAX_ROWS)), f"{ROW_PREFIX}-INITIAL_FORMS": "0"})
    return data


@login_required
def congress_election(request, pk) -> HttpResponse:
    """Kết quả bầu cử: each elected post a row (the member picked by name, the body, the post)."""
    scope = scope_for(request.user)
    congress = queries.get_congress(scope, pk)
    scope.require(congress.organization_id, WRITE)
    posted = request.method == "POST"
    more = posted and "them_dong" in request.POST
    form = ElectionForm(bound(request), initial={"on": congress.held_end or congress.held_start})
    if posted:
        rows = ElectedRows(_rows_data(request.POST, more), prefix=ROW_PREFIX, form_kwargs={"scope": scope})
    else:
        rows = ElectedRows(prefix=ROW_PREFIX, form_kwargs={"scope": scope}, initial=[{}] * ROWS)
    back = reverse("work_congress_detail", args=[pk])
    if posted and not more and all([form.is_valid(), rows.is_valid()]):
        elected = rows.elected()
        if not elected:
            form.add_error(None, "Chưa ghi người trúng cử nào: chọn người, cơ quan và chức danh ở các dòng dưới.")
        else:
            try:
                created = actions.record_election(
                    request.user,
                    congress,
                    elected,
                    form.cleaned_data["on"],
                    decision_number=form.cleaned_data["decision_number"],
                )
            except RuleViolation as violation:
                show_violation(form, violation)
            else:
                messages.success(request, f"Đã ghi {len(created)} chức danh nhiệm kỳ {congress.term}.")
                return redirect(back)
    return render(
        request,
        "work/election.html",
        {
            "title": f"Kết quả bầu cử: {congress}",
            "forms": [form],
            "rows": rows,
            "cancel_url": back,
            "intro": "Ghi Ban Chấp hành do đại hội bầu và, tại phiên họp thứ nhất, Ban Thường vụ, Bí thư, Phó Bí thư, "
            "Ủy ban Kiểm tra và Chủ nhiệm: mỗi dòng một chức danh (một người trúng cử Ban Chấp hành và "
            "Ban Thường vụ ghi hai dòng). Chức vụ của nhiệm kỳ trước ở các cơ quan này kết thúc vào ngày bầu.",
        },
    )


@login_required
def congress_import(request) -> HttpResponse:
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
def congress_template(request) -> HttpResponse:
    return xlsx_response(excel.template(excel.CONGRESS_SHEET), "mau-nhap-dai-hoi.xlsx")
