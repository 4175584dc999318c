"""Transfer pages: the list (outgoing and incoming), a transfer's journey with its next steps, the request from
a member's page, an arrival from outside, the due list, the register, and the letter as Word or PDF. Thin:
parse, call a query or an action, render; a rule broken shows on the form.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from dangvu.accounts.scope import WRITE, require_capability, scope_for
from dangvu.core.errors import RuleViolation
from dangvu.core.pickers import filter_pick
from dangvu.core.web import add_violation, attachment, paginate, parse_year, query_without_page
from dangvu.members import queries as member_queries
from dangvu.members.forms import PersonForm
from dangvu.organizations.models import Organization
from dangvu.organizations.pickers import OrganizationSource

from . import actions, dues_month, forms, queries, rules
from .models import OPEN_STATES, STAYING_KINDS, State

# slug: (title, form class, the states it applies to)
STEPS = {
    "cap-giay": ("Cấp giấy giới thiệu sinh hoạt đảng", forms.IssueForm, [State.REQUESTED]),
    "giao-giay": ("Giao giấy cho đảng viên", forms.DateForm, [State.ISSUED]),
    "tiep-nhan": ("Tiếp nhận đảng viên", forms.DateForm, [State.ISSUED, State.IN_TRANSIT]),
    "da-gui": ("Đã gửi đến tổ chức đảng ngoài hệ thống", forms.DateForm, [State.ISSUED, State.IN_TRANSIT]),
    "tra-lai": ("Giấy bị trả lại", forms.NoteForm, [State.ISSUED, State.IN_TRANSIT]),
    "qua-han": ("Giấy quá hạn xuất trình", forms.CancelForm, [State.ISSUED, State.IN_TRANSIT]),
    "thay-giay": ("Giấy viết sai: cấp giấy mới", forms.ReissueForm, [State.ISSUED, State.IN_TRANSIT]),
    "huy": ("Hủy đề nghị", forms.CancelForm, [State.REQUESTED]),
    "tro-ve": ("Trở về sinh hoạt tại nơi đi", forms.DateForm, [State.RECEIVED, State.SENT_OUTSIDE]),
}


def _actor_org(slug: str, transfer, today):
    """The organization whose writer may take the step."""
    if slug == "cap-giay":
        return rules.issuer_for(transfer.kind, transfer.source, transfer.destination, today).pk
    if slug in ("tiep-nhan",):
        return transfer.destination_id
    if slug in ("huy", "tro-ve"):
        return transfer.source_id
    if slug == "tra-lai" and transfer.destination_id:
        return transfer.destination_id
    return transfer.issuer_id


def available_steps(scope, transfer, today) -> list[tuple[str, str]]:
    steps = []
    for slug, (title, _, states) in STEPS.items():
        if transfer.state not in states:
            continue
        if slug == "tiep-nhan" and transfer.destination_id is None:
            continue
        if slug == "da-gui" and transfer.destination_id is not None:
            continue
        if slug == "qua-han" and (transfer.present_due is None or today <= transfer.present_due):
            continue
        if slug == "tro-ve" and transfer.kind not in STAYING_KINDS:
            continue
        if transfer.source_id is None and slug != "tra-lai":
            continue
        if scope.covers(_actor_org(slug, transfer, today), WRITE):
            steps.append((slug, title))
    return steps


@login_required
def transfer_list(request) -> HttpResponse:
    scope = scope_for(request.user)
    picked = filter_pick(request.GET, scope, OrganizationSource(), label="Tổ chức (gồm cả cấp dưới)")
    organization = picked.value
    if picked.problem:
        messages.warning(request, picked.problem)
    direction = request.GET.get("huong", "")
    state = request.GET.get("tinh_trang", "")
    found = queries.transfer_list(scope, organization=organization, state=state, direction=direction)
    return render(
        request,
        "transfers/list.html",
        {
            "page": paginate(request, found, 50),
            "params": request.GET,
            "query": query_without_page(request),
            "states": State.choices,
            "can_write": scope.can(WRITE),
            "org_picker": picked.field,
        },
    )


@login_required
def transfer_detail(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    transfer = queries.get_transfer(scope, pk)
    today = timezone.localdate()
    steps = available_steps(scope, transfer, today)
    deadlines = []
    if transfer.source_id:
        deadlines.append(
            ("Hạn đề nghị chuyển sinh hoạt", rules.request_deadline(transfer.decision_on, transfer.requested_on, today))
        )
    if transfer.issued_on:
        deadlines.append(
            (
                "Hạn xuất trình giấy tại nơi đến",
                rules.present_deadline(
                    transfer.issued_on, transfer.received_on or (None if transfer.is_open else transfer.ended_on), today
                ),
            )
        )
    return render(
        request,
        "transfers/detail.html",
        {
            "t": transfer,
            "steps": steps,
            "deadlines": deadlines,
            "regulations": queries.applied_rules(transfer),
            "open": transfer.state in OPEN_STATES,
        },
    )


@login_required
def transfer_request(request, member_pk) -> HttpResponse:
    scope = scope_for(request.user)
    member = member_queries.get_member(scope, member_pk)
    scope.require(member.organization_id, WRITE)
    today = timezone.localdate()
    form = forms.RequestForm(request.POST or None, initial={"requested_on": today}, scope=scope)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            transfer = actions.request(
                scope,
                member,
                kind=data["kind"],
                decision_on=data["decision_on"],
                destination=data["destination"],
                destination_unit=data["destination_unit"],
                decision_number=data["decision_number"],
                reason=data["reason"],
                requested_on=data["requested_on"],
                temporary_until=data["temporary_until"],
            )
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            deadline = rules.request_deadline(transfer.decision_on, transfer.requested_on, today)
            if deadline.late:
                messages.warning(
                    request, f"Đề nghị muộn {-deadline.remaining} ngày làm việc so với hạn {deadline.due:%d/%m/%Y}."
                )
            messages.success(request, "Đã ghi đề nghị chuyển sinh hoạt đảng.")
            return redirect("transfers_detail", pk=transfer.pk)
    return render(
        request,
        "transfers/form.html",
        {
            "title": f"Đề nghị chuyển sinh hoạt đảng: {member.person.full_name}",
            "forms": [form],
            "back": ("member_detail", member.pk),
        },
    )


def _run(slug, scope, transfer, data):
    if slug == "cap-giay":
        return actions.issue_letter(
            scope,
            transfer,
            on=data["on"],
            profile_number=data["profile_number"],
            book_number=data["book_number"],
            dues_paid_to=data["dues_paid_to"],
            dues_confirmed=data["dues_confirmed"],
        )
    if slug == "giao-giay":
        return actions.hand_over(scope, transfer, on=data["on"])
    if slug == "tiep-nhan":
        return actions.receive(scope, transfer, on=data["on"])
    if slug == "da-gui":
        return actions.send_outside(scope, transfer, on=data["on"])
    if slug == "tra-lai":
        return actions.return_letter(scope, transfer, on=data["on"], note=data["note"])
    if slug == "qua-han":
        return actions.expire(scope, transfer, note=data["note"])
    if slug == "thay-giay":
        return actions.reissue(
            scope,
            transfer,
            on=data["on"],
            note=data["note"],
            profile_number=data["profile_number"],
            book_number=data["book_number"],
            dues_paid_to=data["dues_paid_to"],
            dues_confirmed=data["dues_confirmed"],
        )
    if slug == "huy":
        return actions.cancel(scope, transfer, note=data["note"])
    return actions.end_stay(scope, transfer, on=data["on"])


@login_required
def transfer_step(request, pk, slug) -> HttpResponse:
    if slug not in STEPS:
        raise Http404("Không có bước này.")
    scope = scope_for(request.user)
    transfer = queries.get_transfer(scope, pk)
    today = timezone.localdate()
    scope.require(_actor_org(slug, transfer, today), WRITE)
    title, form_class, _ = STEPS[slug]
    initial = {"on": today}
    letter = slug in ("cap-giay", "thay-giay")
    found = dues_month.book(transfer.member, today) if letter else None
    if letter:
        initial.update(
            profile_number=transfer.profile_number,
            book_number=transfer.book_number,
            dues_paid_to=found.paid_to if found.paid_to else transfer.dues_paid_to,
        )
    form = form_class(request.POST or None, initial=initial)
    if letter:  # where the month comes from, on the day the letter is to be issued
        on = form.cleaned_data.get("on") if form.is_bound and form.is_valid() else None
        if on and on != today:
            found = dues_month.book(transfer.member, on)
        form.fields["dues_paid_to"].help_text = dues_month.explained(found)
    if request.method == "POST" and form.is_valid():
        try:
            done = _run(slug, scope, transfer, form.cleaned_data)
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(request, f"Đã ghi: {title.lower()}.")
            return redirect("transfers_detail", pk=done.pk)
    return render(
        request,
        "transfers/form.html",
        {
            "title": f"{title}: {transfer.member.person.full_name}",
            "forms": [form],
            "back": ("transfers_detail", transfer.pk),
            "dues_owed": found.owed_text() if found else "",
        },
    )


@login_required
def arrival(request) -> HttpResponse:
    scope = require_capability(scope_for(request.user), WRITE, "tiếp nhận đảng viên")
    person_form = PersonForm(request.POST or None, prefix="p")
    form = forms.ArrivalForm(request.POST or None, prefix="t", scope=scope)
    if request.method == "POST" and all([person_form.is_valid(), form.is_valid()]):
        data = form.cleaned_data
        try:
            transfer = actions.receive_from_outside(
                scope,
                person=person_form.cleaned_data,
                destination=data["destination"],
                on=data["on"],
                admitted_on=data["admitted_on"],
                official_on=data["official_on"],
                source_unit=data["source_unit"],
                letter_number=data["letter_number"],
                issued_on=data["issued_on"],
                card_number=data["card_number"],
                dues_paid_to=data["dues_paid_to"],
            )
        except RuleViolation as violation:
            from dangvu.core.web import split_violation

            split_violation(person_form, form, violation)
        else:
            messages.success(request, f"Đã tiếp nhận {transfer.member.person.full_name}.")
            return redirect("transfers_detail", pk=transfer.pk)
    return render(
        request,
        "transfers/form.html",
        {
            "title": "Tiếp nhận đảng viên từ ngoài hệ thống",
            "forms": [person_form, form],
            "back": ("transfers_list", None),
        },
    )


@login_required
def due(request) -> HttpResponse:
    scope = scope_for(request.user)
    today = timezone.localdate()
    return render(request, "transfers/due.html", {"rows": queries.due_list(scope, today), "today": today})


@login_required
def letter_register(request, code, year) -> HttpResponse:
    scope = scope_for(request.user)
    issuer = scope.restrict(Organization.objects.filter(code=code), "pk").first()
    if issuer is None or parse_year(str(year)) is None:
        raise Http404("Không tìm thấy tổ chức hoặc năm.")
    return render(
        request,
        "transfers/register.html",
        {
            "issuer": issuer,
            "year": year,
            **queries.register(scope, issuer, year),
        },
    )


@login_required
def letter_document(request, pk, fmt) -> HttpResponse:
    from . import letters

    if fmt not in ("docx", "pdf"):
        raise Http404("Không có định dạng này.")
    scope = scope_for(request.user)
    transfer = queries.get_transfer(scope, pk)
    if not transfer.letter_number:
        raise Http404("Chưa cấp giấy.")
    try:
        content = letters.letter_docx(transfer) if fmt == "docx" else letters.letter_pdf(transfer)
    except RuleViolation as violation:
        messages.error(request, " ".join(violation.messages))
        return redirect("transfers_detail", pk=transfer.pk)
    letters.record_read(scope, transfer, fmt)
    types = {
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf": "application/pdf",
    }
    return attachment(content, f"giay-gioi-thieu-{transfer.letter_number}.{fmt}", types[fmt])
