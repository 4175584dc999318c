"""Pages of the report kinds: their sentences with placeholders, and the Word templates an administrator
downloads, edits in Word and uploads again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from dangvu.accounts.scope import scope_for
from dangvu.core.errors import RuleViolation
from dangvu.core.web import add_violation

from . import actions, forms, kinds, placeholders, word
from .indicators import REGISTRY
from .models import ReportKind, SectionTemplate
from .views import DOCX, download


@login_required
def kind_list(request) -> HttpResponse:
    kinds.ensure_defaults()
    scope = scope_for(request.user)
    return render(
        request,
        "reports/kinds.html",
        {
            "kinds": ReportKind.objects.prefetch_related("sections", "document_templates"),
            "is_admin": scope.is_admin,
            "variables": word.VARIABLES,
            "words": placeholders.WORDS,
            "indicators": REGISTRY.values(),
        },
    )


def _kind(code: str) -> ReportKind:
    kinds.ensure_defaults()
    return get_object_or_404(ReportKind, code=code)


def _admin_only(request):
    if not scope_for(request.user).is_admin:
        raise PermissionDenied("Chỉ quản trị hệ thống được sửa mẫu báo cáo.")


@login_required
def kind_edit(request, code) -> HttpResponse:
    _admin_only(request)
    kind = _kind(code)
    form = forms.KindForm(request.POST or None, initial={"name": kind.name, "summary_template": kind.summary_template})
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_kind(request.user, kind, **form.cleaned_data)
        except RuleViolation as exc:
            add_violation(form, exc)
        else:
            messages.success(request, "Đã lưu loại báo cáo.")
            return redirect("reports:kinds")
    return render(
        request, "reports/form.html", {"form": form, "title": f"Sửa {kind.name}", "words": placeholders.WORDS}
    )


@login_required
def section_edit(request, code, section_id) -> HttpResponse:
    _admin_only(request)
    section = get_object_or_404(SectionTemplate, pk=section_id, kind=_kind(code))
    form = forms.SectionForm(request.POST or None, initial={"heading": section.heading, "text": section.text})
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_section(request.user, section, **form.cleaned_data)
        except RuleViolation as exc:
            add_violation(form, exc)
        else:
            messages.success(request, "Đã lưu câu mẫu.")
            return redirect("reports:kinds")
    return render(
        request,
        "reports/form.html",
        {
            "form": form,
            "title": f"Sửa mục “{section.heading}”",
            "words": placeholders.WORDS,
            "indicators": REGISTRY.values(),
        },
    )


@login_required
def template_download(request, code) -> HttpResponse:
    kind = _kind(code)
    content, uploaded = word.current_template(kind)
    return download(content, uploaded.file_name if uploaded else f"mau-{kind.code}.docx", DOCX)


@login_required
def template_upload(request, code) -> HttpResponse:
    _admin_only(request)
    kind = _kind(code)
    form = forms.TemplateUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            actions.upload_template(request.user, kind, upload.read(), upload.name)
        except RuleViolation as exc:
            add_violation(form, exc)
        else:
            messages.success(request, f"Đã dùng mẫu mới cho {kind.name}.")
            return redirect("reports:kinds")
    return render(
        request,
        "reports/form.html",
        {"form": form, "title": f"Tải lên mẫu Word cho {kind.name}", "multipart": True, "variables": word.VARIABLES},
    )
