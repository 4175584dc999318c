"""Record pages: issue, report and reissue a Party card; the official members without a card; the data-health
page of a subtree. Thin: parse, call a query or an action, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from dangvu.accounts.scope import WRITE, scope_for
from dangvu.core.errors import RuleViolation
from dangvu.core.pickers import filter_pick
from dangvu.core.web import add_violation, attachment
from dangvu.members import queries as member_queries
from dangvu.organizations.pickers import OrganizationSource, organization_filter
from dangvu.organizations.queries import roots_for
from dangvu.records.audit_actions import RecordsAudit

from . import actions, forms, queries


def _form_page(request, title, form, back_pk, run=None, done: str = ""):
    """A form page for a member: on a valid POST `run(data)` is the action; its rule violations show on the
    form; success goes back to the member's page with the `done` message (formatted with the data)."""
    if run is not None and request.method == "POST" and form.is_valid():
        try:
            run(form.cleaned_data)
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(request, done.format(**form.cleaned_data))
            return redirect("member_detail", pk=back_pk)
    return render(request, "transfers/form.html", {"title": title, "forms": [form], "back": ("member_detail", back_pk)})


@login_required
def card_issue(request, member_pk) -> HttpResponse:
    from dangvu.transfers.rules import district_of

    scope = scope_for(request.user)
    member = member_queries.get_member(scope, member_pk)
    scope.require(member.organization_id, WRITE)
    today = timezone.localdate()
    form = forms.CardForm(
        request.POST or None, initial={"on": today, "by": district_of(member.organization, today)}, scope=scope
    )
    return _form_page(
        request,
        f"Cấp thẻ đảng viên: {member.person.full_name}",
        form,
        member.pk,
        lambda data: actions.issue_card(
            scope, member, number=data["number"], on=data["on"], by=data["by"], decision_number=data["decision_number"]
        ),
        "Đã ghi cấp thẻ số {number}.",
    )


@login_required
def card_report(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    card = queries.get_card(scope, pk)
    scope.require(card.member.organization_id, WRITE)
    form = forms.ReportForm(request.POST or None, initial={"on": timezone.localdate()})
    return _form_page(
        request,
        f"Báo mất, hỏng thẻ số {card.number}",
        form,
        card.member_id,
        lambda data: actions.report_card(scope, card, **data),
        f"Đã ghi báo thẻ số {card.number}.",
    )


@login_required
def card_reissue(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    card = queries.get_card(scope, pk)
    scope.require(card.member.organization_id, WRITE)
    form = forms.CardForm(request.POST or None, initial={"on": timezone.localdate(), "by": card.issued_by}, scope=scope)
    return _form_page(
        request,
        f"Cấp lại thẻ thay thẻ số {card.number}",
        form,
        card.member_id,
        lambda data: actions.reissue_card(
            scope, card, number=data["number"], on=data["on"], by=data["by"], decision_number=data["decision_number"]
        ),
        "Đã ghi cấp lại thẻ số {number}.",
    )


def _organization(request, scope, strict: bool = False):
    """The organization asked for (picked, or ?to_chuc=code), else the user's first root, with a warning (a
    document asked for an organization out of sight is a 404 instead: `strict`); and the picker to show."""
    if strict:
        picked = filter_pick(request.GET, scope, OrganizationSource(), initial=roots_for(scope).first())
        if picked.problem:
            raise Http404("Không tìm thấy tổ chức.")
        return picked.value, picked.field
    return organization_filter(request, scope, first_root=True)


def _note_ended(request, organization) -> None:
    """These pages read today's tree: an organization that ended has nothing under it any more."""
    if organization is not None and organization.dissolved_on:
        messages.warning(
            request,
            f"{organization.name} đã kết thúc ngày {organization.dissolved_on:%d/%m/%Y}: "
            "trang này theo cây tổ chức hiện nay, hãy chọn tổ chức kế tục.",
        )


@login_required
def without_card(request) -> HttpResponse:
    scope = scope_for(request.user)
    organization, picker = _organization(request, scope)
    rows = queries.without_card(scope, organization) if organization else []
    return render(
        request,
        "records/without_card.html",
        {"organization": organization, "rows": rows, "params": request.GET, "org_picker": picker},
    )


@login_required
def health(request) -> HttpResponse:
    scope = scope_for(request.user)
    organization, picker = _organization(request, scope)
    _note_ended(request, organization)
    found = queries.health(scope, organization, timezone.localdate()) if organization else None
    return render(
        request,
        "records/health.html",
        {"organization": organization, "found": found, "params": request.GET, "org_picker": picker},
    )


@login_required
def record_edit(request, member_pk) -> HttpResponse:
    from . import histories

    scope = scope_for(request.user)
    member = member_queries.get_member(scope, member_pk)
    scope.require(member.organization_id, WRITE)
    record = queries.record_of(scope, member)
    initial = {}
    if record is not None:
        initial = {name: getattr(record, name) for name in actions.RECORD_TEXT}
        initial.update({kind: histories.lines(kind, getattr(record, kind)) for kind in histories.KINDS})
    form = forms.RecordForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        f"Bổ sung hồ sơ: {member.person.full_name}",
        form,
        member.pk,
        lambda data: actions.update_record(scope, member, data),
        "Đã lưu hồ sơ.",
    )


def _file(content: bytes, name: str, fmt: str) -> HttpResponse:
    from . import documents

    if fmt == "pdf":
        content = documents.as_pdf(content)
    types = {
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf": "application/pdf",
    }
    return attachment(content, f"{name}.{fmt}", types[fmt])


def _format(fmt: str) -> str:
    if fmt not in ("docx", "pdf"):
        raise Http404("Không có định dạng này.")
    return fmt


@login_required
def member_sheet(request, member_pk, fmt) -> HttpResponse:
    from dangvu.core import audit

    from . import documents

    fmt = _format(fmt)
    scope = scope_for(request.user)
    member = member_queries.get_member(scope, member_pk)
    content = documents.member_sheet(member, timezone.localdate(), member_queries.timeline(member))
    audit.record(
        request.user,
        RecordsAudit.RECORD_SHEET_READ,
        member,
        after={"format": fmt},
        organization=member.organization,
        object_label=f"Phiếu đảng viên {member.person.full_name}",
    )
    try:
        return _file(content, f"phieu-dang-vien-{member.pk}", fmt)
    except RuleViolation as violation:
        messages.error(request, " ".join(violation.messages))
        return redirect("member_detail", pk=member.pk)


@login_required
def member_book(request, fmt) -> HttpResponse:
    from dangvu.core import audit

    from . import documents

    fmt = _format(fmt)
    scope = scope_for(request.user)
    organization, _picker = _organization(request, scope, strict=True)
    which = request.GET.get("so", "dang-sinh-hoat")
    if organization is None or which not in queries.BOOKS:
        raise Http404("Không có sổ này.")
    cells = queries.book(scope, organization, which)
    audit.record(
        request.user,
        RecordsAudit.RECORD_BOOK_READ,
        organization,
        after={"format": fmt, "book": which},
        organization=organization,
        object_label=f"{queries.BOOKS[which]} {organization.name}",
    )
    try:
        return _file(
            documents.member_book(organization, timezone.localdate(), which, cells),
            f"so-danh-sach-{organization.code}-{which}",
            fmt,
        )
    except RuleViolation as violation:
        messages.error(request, " ".join(violation.messages))
        return redirect("records_crosscheck")


@login_required
def crosscheck(request) -> HttpResponse:
    from . import crosscheck as check

    scope = scope_for(request.user)
    organization, picker = _organization(request, scope)
    _note_ended(request, organization)
    lines = check.cross_check(scope, organization) if organization else []
    today = timezone.localdate()
    return render(
        request,
        "records/crosscheck.html",
        {
            "organization": organization,
            "lines": lines,
            "params": request.GET,
            "books": queries.BOOKS.items(),
            "org_picker": picker,
            "quarter": check.quarter_label(today),
            "today": today,
            "disagreements": sum(1 for line in lines if not line.agrees),
        },
    )
