"""Inspection and supervision pages: list, counts of a subtree over a period, detail, create, edit, delete,
import from Excel; yearly programmes with planned vs done."""

from datetime import date
from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from dangvu.accounts.scope import INSPECT, require_capability, scope_for
from dangvu.core.rules import rule

from .. import actions, excel, queries
from ..actions.oversight import OVERSIGHT_FIELDS, OversightRow
from ..forms import OversightForm, ProgrammeEditForm, ProgrammeForm, ProgrammeItemForm
from ..models import Activity, OversightKind, PerformingBody, ProgrammeItem
from .common import (
    Filters,
    bound,
    delete_page,
    delete_record,
    edit_page,
    import_page,
    initial_of,
    list_page,
    save_page,
    submit,
    xlsx_response,
)


@login_required
def oversight_list(request) -> HttpResponse:
    scope = scope_for(request.user)
    flt = Filters(request, scope)
    qs = queries.oversights(
        scope,
        organization=flt.organization,
        activity=flt.choice("hoat_dong", Activity.choices),
        kind=flt.choice("loai", OversightKind.choices),
        body=flt.choice("chu_the", PerformingBody.choices),
        start=flt.start,
        end=flt.end,
    ).prefetch_related("subjects__organization", "subjects__member__person")
    return list_page(
        request,
        "work/oversight_list.html",
        qs,
        {
            "activities": Activity.choices,
            "kinds": OversightKind.choices,
            "bodies": PerformingBody.choices,
            "can_write": scope.can(INSPECT),
            "org_picker": flt.picker,
        },
    )


@login_required
def oversight_counts(request) -> HttpResponse:
    """Distinct subjects of a subtree in a period, by activity and kind: the report figures, with their records."""
    scope = scope_for(request.user)
    flt = Filters(request, scope)
    rows, org = [], flt.organization
    start, end = flt.start or date(date.today().year, 1, 1), flt.end or date.today()
    if org is not None:
        for activity, label in Activity.choices:
            total = queries.oversight_subject_counts(scope, org, start, end, activity)
            rows.append((label, "Tất cả", total))
            for kind in queries.rules.allowed_kinds(activity, end):
                counts = queries.oversight_subject_counts(scope, org, start, end, activity, (kind,))
                rows.append((label, OversightKind(kind).label, counts))
    return render(
        request,
        "work/oversight_counts.html",
        {
            "rows": rows,
            "organization": org,
            "start": start,
            "end": end,
            "params": request.GET,
            "org_picker": flt.picker,
        },
    )


@login_required
def oversight_detail(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    oversight = queries.get_oversight(scope, pk)
    return render(
        request,
        "work/oversight_detail.html",
        {
            "oversight": oversight,
            "subjects": oversight.subjects.select_related("organization", "member__person", "member__organization"),
            "disciplines": oversight.disciplines.all(),
            "regulation": rule("oversight.kinds", oversight.start_date),
            "can_write": scope.covers(oversight.organization_id, INSPECT),
        },
    )


@login_required
def oversight_create(request) -> HttpResponse:
    scope = scope_for(request.user)
    require_capability(scope, INSPECT, "ghi kiểm tra, giám sát")
    initial = {"activity": request.GET.get("hoat_dong", "")}
    form = OversightForm(bound(request), scope=scope, initial=initial)
    return save_page(
        request,
        form,
        partial(actions.create_oversight, request.user),
        to=lambda oversight: reverse("work_oversight_detail", args=[oversight.pk]),
        success="Đã ghi.",
        title="Ghi cuộc kiểm tra, giám sát",
        cancel_url=reverse("work_oversight_list"),
    )


@login_required
def oversight_edit(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    oversight = queries.get_oversight(scope, pk)
    scope.require(oversight.organization_id, INSPECT)
    subjects = list(oversight.subjects.select_related("organization", "member__person"))
    initial = initial_of(oversight, OVERSIGHT_FIELDS) | {
        "subject_organizations": [s.organization for s in subjects if s.organization_id],
        "subject_members": [s.member.person for s in subjects if s.member_id],
    }
    form = OversightForm(bound(request), scope=scope, initial=initial)
    return edit_page(request, oversight, form, actions.update_oversight, "work_oversight_detail")


@login_required
def oversight_delete(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    oversight = queries.get_oversight(scope, pk)
    scope.require(oversight.organization_id, INSPECT)
    return delete_record(request, oversight, actions.delete_oversight, "work_oversight_detail", "work_oversight_list")


@login_required
def oversight_import(request) -> HttpResponse:
    scope = scope_for(request.user)
    require_capability(scope, INSPECT, "ghi kiểm tra, giám sát")

    def run(rows):
        items = []
        for _, data in rows:
            data = dict(data)
            codes, ids = data.pop("organization_codes", []), data.pop("member_ids", [])
            data.setdefault("violations_found", False)
            items.append(OversightRow(data=data, organization_codes=codes, member_ids=ids))
        return actions.import_oversights(request.user, items, lines=[n for n, _ in rows])

    return import_page(
        request,
        title="Nhập kiểm tra, giám sát từ Excel",
        spec=excel.OVERSIGHT_SHEET,
        run=run,
        template_url=reverse("work_oversight_template"),
        back_url=reverse("work_oversight_list"),
        intro="Mỗi dòng một cuộc kiểm tra hoặc giám sát, với các đối tượng của nó.",
    )


@login_required
def oversight_template(request) -> HttpResponse:
    return xlsx_response(excel.template(excel.OVERSIGHT_SHEET), "mau-nhap-kiem-tra-giam-sat.xlsx")


# Programmes ----------------------------------------------------------------------------------------------


@login_required
def programme_list(request) -> HttpResponse:
    scope = scope_for(request.user)
    flt = Filters(request, scope)
    qs = queries.programmes(scope, organization=flt.organization, year=flt.start.year if flt.start else None)
    return list_page(
        request, "work/programme_list.html", qs, {"can_write": scope.can(INSPECT), "org_picker": flt.picker}
    )


@login_required
def programme_detail(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    programme = queries.get_programme(scope, pk)
    can_write = scope.covers(programme.organization_id, INSPECT)
    form = ProgrammeItemForm(bound(request), scope=scope)
    if request.method == "POST":
        scope.require(programme.organization_id, INSPECT)
        response = submit(
            request,
            form,
            partial(actions.add_programme_item, request.user, programme),
            to=reverse("work_programme_detail", args=[pk]),
            success="Đã thêm nội dung.",
        )
        if response is not None:
            return response
    progress = queries.programme_progress(programme)
    return render(
        request,
        "work/programme_detail.html",
        {
            "programme": programme,
            "progress": progress,
            "form": form,
            "can_write": can_write,
            "done": sum(1 for p in progress if p.is_done),
        },
    )


@login_required
def programme_create(request) -> HttpResponse:
    scope = scope_for(request.user)
    require_capability(scope, INSPECT, "lập chương trình kiểm tra, giám sát")
    form = ProgrammeForm(bound(request), scope=scope, initial={"year": date.today().year})
    return save_page(
        request,
        form,
        partial(actions.create_programme, request.user),
        to=lambda programme: reverse("work_programme_detail", args=[programme.pk]),
        success=None,
        title="Lập chương trình kiểm tra, giám sát",
        cancel_url=reverse("work_programme_list"),
    )


@login_required
def programme_edit(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    programme = queries.get_programme(scope, pk)
    scope.require(programme.organization_id, INSPECT)
    form = ProgrammeEditForm(
        bound(request),
        initial={"title": programme.title, "decision_number": programme.decision_number, "note": programme.note},
    )
    return edit_page(request, programme, form, actions.update_programme, "work_programme_detail")


@login_required
def programme_delete(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    programme = queries.get_programme(scope, pk)
    scope.require(programme.organization_id, INSPECT)
    return delete_record(request, programme, actions.delete_programme, "work_programme_detail", "work_programme_list")


@login_required
def programme_item_remove(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    item = get_object_or_404(ProgrammeItem.objects.select_related("programme"), pk=pk)
    queries.get_programme(scope, item.programme_id)
    scope.require(item.programme.organization_id, INSPECT)
    back = reverse("work_programme_detail", args=[item.programme_id])
    return delete_page(
        request, item, lambda: actions.remove_programme_item(request.user, item), back, back, f"nội dung “{item}”"
    )


def _pick(request, source):
    from dangvu.core.pickers import options_response

    return options_response(scope_for(request.user), source, request.GET)


@login_required
def programme_item_pick(request) -> HttpResponse:
    """Tìm nội dung chương trình to choose: the JSON the picker's type-ahead list reads, within the scope."""
    from ..pickers import ProgrammeItemSource

    return _pick(request, ProgrammeItemSource())


@login_required
def oversight_pick(request) -> HttpResponse:
    """Tìm cuộc kiểm tra, giám sát to choose: the JSON the picker's type-ahead list reads, within the scope."""
    from ..pickers import OversightSource

    return _pick(request, OversightSource())
