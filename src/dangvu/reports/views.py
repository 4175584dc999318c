"""Pages of the reports: indicators and the records behind them, consolidation upward, the document register,
and the helpers the report and template pages share (views_reports.py, views_templates.py)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from dangvu.accounts.scope import WRITE, scope_for
from dangvu.core.errors import RuleViolation
from dangvu.core.web import add_violation, attachment, paginate, query_without_page
from dangvu.organizations.models import Organization
from dangvu.organizations.pickers import organization_filter
from dangvu.organizations.queries import name_on

from . import forms, periods, queries, register
from .indicators import GROUPS, REGISTRY
from .indicators.base import name_rows
from .models import Status
from .periods import Period

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def period_query(org, period) -> str:
    return urlencode({"to_chuc": org.code, "tu": period.start.isoformat(), "den": period.end.isoformat()})


def read_period(scope, form) -> tuple[Organization | None, Period | None]:
    """The organization and period of a PeriodForm (None, None while the form is not filled or has errors)."""
    if not form.is_bound or not form.is_valid():
        return None, None
    org = form.cleaned_data["to_chuc"]
    period = form.cleaned_data.get("period")
    try:
        if form.cleaned_data.get("ky") == "term":
            period = periods.congress_term(org, form.cleaned_data.get("den") or timezone.localdate())
        periods.counted_part(org, period)  # an organization that had ended before the period: refused
    except RuleViolation as exc:
        add_violation(form, exc)
        return org, None
    return org, period


def download(content: bytes, name: str, content_type: str) -> HttpResponse:
    return attachment(content, name, content_type)


# Home and indicators ------------------------------------------------------------------------------------------


@login_required
def home(request) -> HttpResponse:
    scope = scope_for(request.user)
    status = request.GET.get("trang_thai", "")
    rows = paginate(request, queries.reports(scope, status=status if status in Status.values else ""))
    return render(
        request,
        "reports/home.html",
        {
            "page": rows,
            "statuses": Status.choices,
            "status": status,
            "query": query_without_page(request),
            "can_write": scope.can(WRITE),
        },
    )


@login_required
def indicators(request) -> HttpResponse:
    """Every indicator with its definition; with an organization and a period, their values beside the previous
    period and the same period a year earlier, each figure linking to the records behind it."""
    scope = scope_for(request.user)
    form = forms.PeriodForm(request.GET or None, scope=scope)
    org, period = read_period(scope, form)
    rows = []
    if org is not None and period is not None:
        found = queries.indicator_figures(scope, org, period)
        rows = [found[key] for key in REGISTRY]
    return render(
        request,
        "reports/indicators.html",
        {
            "form": form,
            "org": org,
            "period": period,
            "rows": rows,
            "notice": periods.counted_part(org, period)[1] if org and period else "",
            "groups": [(g, [i for i in REGISTRY.values() if i.group == g]) for g in GROUPS],
            "query": period_query(org, period) if org and period else "",
            "org_name": name_on(org, period.end).name if org and period else "",
        },
    )


@login_required
def indicator_records(request, key) -> HttpResponse:
    scope = scope_for(request.user)
    form = forms.PeriodForm(request.GET or None, scope=scope)
    org, period = read_period(scope, form)
    if org is None or period is None:
        raise Http404("Thiếu tổ chức hoặc kỳ báo cáo.")
    found = queries.indicator_records(scope, org, key, period)
    page = paginate(request, found.rows, 100)
    return render(
        request,
        "reports/records.html",
        {
            "found": found,
            "page": page,
            "rows": name_rows([found.indicator.to_row(r) for r in page], period.end),
            "query": query_without_page(request),
            "org_name": name_on(org, period.end).name,
            "back": period_query(org, period),
        },
    )


@login_required
def consolidation(request) -> HttpResponse:
    scope = scope_for(request.user)
    form = forms.PeriodForm(request.GET or None, scope=scope)
    org, period = read_period(scope, form)
    result = queries.consolidation(scope, org, period) if org and period else None
    return render(
        request,
        "reports/consolidation.html",
        {
            "form": form,
            "result": result,
            "query": period_query(org, period) if org and period else "",
            "org_name": name_on(org, period.end).name if org and period else "",
        },
    )


# The register -------------------------------------------------------------------------------------------------


@login_required
def register_page(request) -> HttpResponse:
    scope = scope_for(request.user)
    org, picker = organization_filter(
        request, scope, label="Cơ quan ban hành", params=request.POST if request.method == "POST" else request.GET
    )
    form = forms.RegisterContinueForm(request.POST or None)
    if request.method == "POST" and org is not None:
        scope.require(org.pk, WRITE)
        if form.is_valid():
            try:
                register.continue_from(request.user, org, **form.cleaned_data)
            except RuleViolation as exc:
                add_violation(form, exc)
            else:
                messages.success(request, "Đã ghi số cuối cùng đã cấp; văn bản tiếp theo nhận số kế tiếp.")
                return redirect(f"{request.path}?to_chuc={org.code}")
    page = paginate(request, register.entries(scope, org), 100) if org else None
    return render(
        request,
        "reports/register.html",
        {
            "org": org,
            "page": page,
            "form": form,
            "query": query_without_page(request),
            "can_write": org is not None and scope.covers(org.pk, WRITE),
            "org_picker": picker,
        },
    )
