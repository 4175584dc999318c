"""The account pages: managers list, create and manage accounts and roles of their subtree; every user
changes their own password, sees their own roles and turns on the second factor. Thin: the work is in
`actions` and `queries`."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangvu.accounts.scope import ACCOUNTS, require_capability, scope_for
from dangvu.core.errors import RuleViolation
from dangvu.core.web import add_violation

from . import actions, forms, gate, queries
from .models import SecurityPolicy


def _manager_scope(request):
    return require_capability(scope_for(request.user), ACCOUNTS, "quản lý tài khoản")


@login_required
def user_list(request) -> HttpResponse:
    scope = scope_for(request.user)
    if not scope.can(ACCOUNTS):
        return redirect("staff_me")  # the menu's "Tài khoản" is one's own account for everyone else
    text = request.GET.get("q", "")[:100]
    return render(
        request,
        "staff/user_list.html",
        {
            "accounts": queries.user_list(scope, text)[:500],
            "q": text,
            "today": timezone.localdate(),
            "is_admin": scope.is_admin,
        },
    )


@login_required
def user_create(request) -> HttpResponse:
    scope = _manager_scope(request)
    form = forms.UserCreateForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, password = actions.do_create_user(
                scope,
                organization=data["organization"],
                username=data["username"],
                full_name=data["full_name"],
                person=data["person"],
            )
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            return render(
                request, "staff/one_time_password.html", {"account": user, "password": password, "created": True}
            )
    return render(request, "staff/user_create.html", {"form": form}, status=400 if form.errors else 200)


def _detail(request, scope, account, grant_form=None, end_errors=None, status=200):
    today = timezone.localdate()
    return render(
        request,
        "staff/user_detail.html",
        {
            "account": account,
            "today": today,
            "mandates": queries.mandates_of(account),
            "can_manage": queries.can_manage_user(scope, account) and account.pk != request.user.pk,
            "grant_form": grant_form or forms.GrantForm(scope=scope, initial={"valid_from": today}),
            "end_form": forms.EndMandateForm(initial={"on": today}),
            "end_errors": end_errors or [],
            "has_otp": gate.has_device(account),
        },
        status=status,
    )


@login_required
def user_detail(request, pk) -> HttpResponse:
    scope = _manager_scope(request)
    return _detail(request, scope, queries.get_user(scope, pk))


@login_required
@require_POST
def mandate_grant(request, pk) -> HttpResponse:
    scope = _manager_scope(request)
    account = queries.get_user(scope, pk)
    form = forms.GrantForm(request.POST, scope=scope)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_grant_mandate(
                scope,
                account,
                role=data["role"],
                organization=data["organization"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
            )
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(request, "Đã giao quyền.")
            return redirect("staff_user_detail", pk=account.pk)
    return _detail(request, scope, account, grant_form=form, status=400)


@login_required
@require_POST
def mandate_end(request, pk, mandate_pk) -> HttpResponse:
    scope = _manager_scope(request)
    account = queries.get_user(scope, pk)
    mandate = queries.get_mandate(scope, account, mandate_pk)
    form = forms.EndMandateForm(request.POST)
    if form.is_valid():
        try:
            actions.do_end_mandate(scope, mandate, on=form.cleaned_data["on"])
        except RuleViolation as violation:
            return _detail(request, scope, account, end_errors=violation.messages, status=400)
        messages.success(request, "Đã kết thúc quyền.")
        return redirect("staff_user_detail", pk=account.pk)
    return _detail(request, scope, account, end_errors=["Ngày kết thúc không hợp lệ."], status=400)


@login_required
@require_POST
def user_active(request, pk) -> HttpResponse:
    scope = _manager_scope(request)
    account = queries.get_user(scope, pk)
    active = request.POST.get("active") == "1"
    try:
        actions.do_set_active(scope, account, active=active)
    except RuleViolation as violation:
        return _detail(request, scope, account, end_errors=violation.messages, status=400)
    messages.success(request, "Đã mở lại tài khoản." if active else "Đã khóa tài khoản.")
    return redirect("staff_user_detail", pk=account.pk)


@login_required
@require_POST
def password_reset(request, pk) -> HttpResponse:
    scope = _manager_scope(request)
    account = queries.get_user(scope, pk)
    try:
        password = actions.do_reset_password(scope, account)
    except RuleViolation as violation:
        return _detail(request, scope, account, end_errors=violation.messages, status=400)
    return render(request, "staff/one_time_password.html", {"account": account, "password": password})


@login_required
@require_POST
def otp_remove(request, pk) -> HttpResponse:
    scope = _manager_scope(request)
    account = queries.get_user(scope, pk)
    actions.do_remove_otp(scope, account)
    messages.success(request, "Đã tắt xác thực hai lớp của tài khoản này.")
    return redirect("staff_user_detail", pk=account.pk)


@login_required
def me(request) -> HttpResponse:
    scope = scope_for(request.user)
    return render(
        request,
        "staff/me.html",
        {
            "mandates": queries.mandates_of(request.user),
            "today": timezone.localdate(),
            "has_otp": gate.has_device(request.user),
            "can_manage": scope.can(ACCOUNTS),
        },
    )


@login_required
def password_change(request) -> HttpResponse:
    scope = scope_for(request.user)
    form = forms.PasswordChangeForm(request.POST or None)
    forced = request.session.get(gate.SESSION_KEY) == gate.PASSWORD
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_change_own_password(scope, **data)
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            update_session_auth_hash(request, request.user)
            if forced:
                gate.passed(request, gate.PASSWORD)
            messages.success(request, "Đã đổi mật khẩu.")
            return redirect("dashboard")
    return render(
        request, "staff/password_change.html", {"form": form, "forced": forced}, status=400 if form.errors else 200
    )


@login_required
def otp_verify(request) -> HttpResponse:
    """The second step of a login: the code of the user's authenticator app."""
    from django_otp import login as otp_login
    from django_otp.plugins.otp_totp.models import TOTPDevice

    form = forms.TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].replace(" ", "")
        device = next(
            (d for d in TOTPDevice.objects.filter(user=request.user, confirmed=True) if d.verify_token(token)), None
        )
        if device is not None:
            otp_login(request, device)
            gate.passed(request, gate.OTP)
            return redirect("dashboard")
        form.add_error("token", "Mã xác thực không đúng hoặc đã hết hạn: nhập mã 6 số đang hiện trên ứng dụng.")
    return render(request, "staff/otp_verify.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def otp_setup(request) -> HttpResponse:
    """Turn on the second factor: a new secret shown as a QR code and as text, confirmed by a right code."""
    import segno

    scope = scope_for(request.user)
    device = actions.do_start_otp_device(scope)
    form = forms.TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_confirm_otp_device(scope, device, form.cleaned_data["token"])
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            if request.session.get(gate.SESSION_KEY) == gate.OTP_SETUP:
                gate.passed(request, gate.OTP_SETUP)
            messages.success(request, "Đã bật xác thực hai lớp: từ lần đăng nhập sau, nhập thêm mã trên ứng dụng.")
            return redirect("staff_me")
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "staff/otp_setup.html",
        {
            "form": form,
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "qr": segno.make(device.config_url).svg_inline(scale=4),
            "required": request.session.get(gate.SESSION_KEY) == gate.OTP_SETUP,
        },
        status=400 if form.errors else 200,
    )


@login_required
def policy(request) -> HttpResponse:
    scope = _manager_scope(request)
    if not scope.is_admin:
        raise PermissionDenied("Chỉ quản trị hệ thống được thay đổi chính sách đăng nhập.")
    current = SecurityPolicy.current()
    form = forms.PolicyForm(request.POST or None, initial={"require_otp_for_staff": current.require_otp_for_staff})
    if request.method == "POST" and form.is_valid():
        actions.do_set_security_policy(scope, require_otp_for_staff=form.cleaned_data["require_otp_for_staff"])
        messages.success(request, "Đã lưu chính sách đăng nhập.")
        return redirect("staff_user_list")
    return render(request, "staff/policy.html", {"form": form})
