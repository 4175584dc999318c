"""News pages. Public (no login): the list, a category, an article with its date line and "Các tin khác", its
images, the RSS feed and the sitemap; only published articles ever appear, anything else answers 404.
Editors (login, scoped): the list, writing and editing, proofreading, the workflow, images, drafting from a
meeting."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangvu.accounts.scope import WRITE, require_capability, scope_for
from dangvu.core.errors import RuleViolation
from dangvu.core.text import weekday
from dangvu.core.web import paginate, query_without_page, stored_file
from dangvu.meetings.queries import get_meeting
from dangvu.meetings.web import submit

from . import actions, forms, proofread, queries
from .models import ArticleImage, Status


def date_line(moment) -> str:
    """ "Thứ Sáu, 09/10/2020": the weekday and date of publication, in the site's time zone."""
    day = timezone.localdate(moment)
    return f"{weekday(day)}, {day:%d/%m/%Y}"


# Public pages -----------------------------------------------------------------------------------------


def _with_date_lines(page):
    for article in page:
        article.date_line = date_line(article.published_at)
    return page


def _public(request, template: str, context: dict):
    """A public page: the categories and the committee's name in the header, titles and feed link."""
    return render(
        request,
        template,
        {
            "categories": queries.public_categories(),
            "site_name": queries.site_committee() or "Tin tức",
            **context,
        },
    )


def public_list(request) -> HttpResponse:
    """Tin tức: the public news home, also the site's home page for visitors."""
    page = _with_date_lines(paginate(request, queries.public_articles(), queries.PUBLIC_PAGE_SIZE))
    return _public(request, "news/public/list.html", {"page": page, "query": "", "heading": "Tin tức"})


def site_home(request) -> HttpResponse:
    """The site's home: the dashboard for a signed-in user, the committee's public news for a visitor."""
    if request.user.is_authenticated:
        return redirect("dashboard")
    return public_list(request)


def public_category(request, slug) -> HttpResponse:
    category = queries.public_category(slug)
    page = _with_date_lines(
        paginate(request, queries.public_articles().filter(category=category), queries.PUBLIC_PAGE_SIZE)
    )
    return _public(
        request,
        "news/public/list.html",
        {
            "page": page,
            "query": "",
            "heading": category.name,
            "category": category,
        },
    )


def public_article(request, pk, slug="") -> HttpResponse:
    article = queries.public_article(pk)
    if slug != article.slug:
        return redirect("news_article", pk=article.pk, slug=article.slug, permanent=True)
    return _public(
        request,
        "news/public/article.html",
        {
            "article": article,
            "date_line": date_line(article.published_at),
            "images": article.images.all(),
            "others": queries.other_articles(article),
        },
    )


def public_image(request, pk) -> HttpResponseBase:
    image = get_object_or_404(ArticleImage, pk=pk, article__in=queries.public_articles())
    response = stored_file(image.image, as_attachment=False, missing="Không có ảnh.")
    response["Cache-Control"] = "public, max-age=3600"  # a published article's image
    return response


class LatestNewsFeed(Feed):
    def title(self) -> str:
        committee = queries.site_committee()
        return f"Tin tức · {committee}" if committee else "Tin tức"

    def description(self) -> str:
        committee = queries.site_committee()
        return f"Tin tức mới đăng của {committee}" if committee else "Tin tức mới đăng"

    def link(self) -> str:
        return reverse("news_list")

    def items(self) -> QuerySet:
        return queries.public_articles()[:30]

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.lead

    def item_link(self, item) -> str:
        return reverse("news_article", args=[item.pk, item.slug])

    def item_pubdate(self, item) -> datetime | None:
        return item.published_at

    def item_author_name(self, item) -> str:
        return item.author

    def item_categories(self, item) -> list[str]:
        return [item.category.name] if item.category_id else []


def sitemap(request) -> HttpResponse:
    base = request.build_absolute_uri("/").rstrip("/")
    urls = [(base + reverse("news_list"), None)]
    urls += [(base + reverse("news_category", args=[c.slug]), None) for c in queries.public_categories()]
    urls += [
        (base + reverse("news_article", args=[a.pk, a.slug]), timezone.localdate(a.updated_at))
        for a in queries.public_articles()[:50000]
    ]
    return render(request, "news/sitemap.xml", {"urls": urls}, content_type="application/xml; charset=utf-8")


# Editors' pages ---------------------------------------------------------------------------------------


@login_required
def admin_list(request) -> HttpResponse:
    scope = scope_for(request.user)
    status = request.GET.get("trang_thai", "")
    if status and status not in Status.values:
        messages.warning(request, "Trạng thái không hợp lệ: bỏ qua.")
        status = ""
    articles = queries.editor_list(scope, status=status, text=request.GET.get("q", "").strip())
    return render(
        request,
        "news/admin/list.html",
        {
            "page": paginate(request, articles, 30),
            "query": query_without_page(request),
            "params": request.GET,
            "statuses": Status.choices,
            "can_write": scope.can(WRITE),
        },
    )


@login_required
def admin_create(request) -> HttpResponse:
    scope = require_capability(scope_for(request.user), WRITE, "viết tin")
    form = forms.ArticleForm(request.POST or None, scope=scope)
    done = submit(
        request,
        form,
        lambda data: actions.create_article(request.user, **data),
        "Đã lưu bản nháp.",
        lambda article: reverse("news_admin_detail", args=[article.pk]),
    )
    return done or render(request, "news/admin/form.html", {"title": "Viết tin", "form": form})


@login_required
@require_POST
def admin_from_meeting(request, meeting_pk) -> HttpResponse:
    scope = scope_for(request.user)
    meeting = get_meeting(scope, meeting_pk)
    scope.require(meeting.organization_id, WRITE)
    try:
        article = actions.create_from_meeting(request.user, meeting)
    except RuleViolation as violation:
        for message in violation.messages:
            messages.error(request, message)
        return redirect("meetings_detail", pk=meeting.pk)
    messages.success(request, "Đã soạn bản nháp tin từ hội nghị: hãy đọc lại, sửa và gửi duyệt.")
    return redirect("news_admin_detail", pk=article.pk)


def _editable(request, pk):
    scope = scope_for(request.user)
    article = queries.get_article(scope, pk)
    if not scope.covers(article.organization_id, WRITE):  # seen (or it would be 404 already), not writable
        raise PermissionDenied("Bạn không có quyền thay đổi dữ liệu của tổ chức này.")
    return scope, article


@login_required
def admin_detail(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    article = queries.get_article(scope, pk)
    can_write = scope.covers(article.organization_id, WRITE)
    warnings = actions.check(article) if article.status in (Status.DRAFT, Status.REVIEW) else []
    notes = []
    if article.source_meeting_id and article.status == Status.DRAFT:
        from .drafting import draft_from_meeting

        notes = draft_from_meeting(article.source_meeting).notes
    return render(
        request,
        "news/admin/detail.html",
        {
            "article": article,
            "can_write": can_write,
            "can_publish": can_write and actions.can_publish(request.user, article.organization_id),
            "warnings": warnings,
            "notes": notes,
            "dictionary_notice": proofread.dictionary_notice(),
            "publish_form": forms.PublishForm(),
            "withdraw_form": forms.ReasonForm(),
            "image_form": forms.ImageForm(),
            "images": article.images.all(),
            "date_line": date_line(article.published_at) if article.published_at else "",
        },
    )


@login_required
def admin_edit(request, pk) -> HttpResponse:
    _, article = _editable(request, pk)
    form = forms.ArticleForm(
        request.POST or None,
        editing=True,
        initial={
            "category": article.category,
            "title": article.title,
            "lead": article.lead,
            "body": article.body,
            "author": article.author,
        },
    )
    done = submit(
        request,
        form,
        lambda data: actions.update_article(request.user, article, **data),
        "Đã lưu.",
        lambda _: reverse("news_admin_detail", args=[article.pk]),
    )
    return done or render(
        request, "news/admin/form.html", {"title": f"Sửa tin «{article.title}»", "form": form, "article": article}
    )


def _run(request, article, function, success: str, **kwargs):
    try:
        result = function(request.user, article, **kwargs)
    except RuleViolation as violation:
        for message in violation.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
        return result
    return None


@login_required
@require_POST
def admin_submit(request, pk) -> HttpResponse:
    _, article = _editable(request, pk)
    warnings = _run(request, article, actions.submit_for_review, "Đã soát lỗi và gửi duyệt.")
    if warnings:
        messages.warning(request, f"Soát lỗi có {len(warnings)} cảnh báo: xem danh sách dưới đây.")
    return redirect("news_admin_detail", pk=article.pk)


@login_required
@require_POST
def admin_publish(request, pk) -> HttpResponse:
    _, article = _editable(request, pk)
    form = forms.PublishForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("news_admin_detail", pk=article.pk)
    _run(
        request,
        article,
        actions.publish,
        "Đã đăng tin.",
        at=form.cleaned_data["published_at"],
        accept_warnings=form.cleaned_data["accept_warnings"],
    )
    return redirect("news_admin_detail", pk=article.pk)


@login_required
@require_POST
def admin_withdraw(request, pk) -> HttpResponse:
    _, article = _editable(request, pk)
    form = forms.ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Ghi lý do gỡ tin.")
    else:
        _run(request, article, actions.withdraw, "Đã gỡ tin.", reason=form.cleaned_data["reason"])
    return redirect("news_admin_detail", pk=article.pk)


@login_required
@require_POST
def admin_to_draft(request, pk) -> HttpResponse:
    _, article = _editable(request, pk)
    _run(request, article, actions.return_to_draft, "Đã chuyển về bản nháp.")
    return redirect("news_admin_detail", pk=article.pk)


@login_required
@require_POST
def admin_image_add(request, pk) -> HttpResponse:
    _, article = _editable(request, pk)
    form = forms.ImageForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    else:
        _run(request, article, actions.add_image, "Đã thêm ảnh.", **form.cleaned_data)
    return redirect("news_admin_detail", pk=article.pk)


@login_required
@require_POST
def admin_image_remove(request, pk, image_pk) -> HttpResponse:
    _, article = _editable(request, pk)
    image = get_object_or_404(article.images, pk=image_pk)
    try:
        actions.remove_image(request.user, image)
    except RuleViolation as violation:
        for message in violation.messages:
            messages.error(request, message)
    return redirect("news_admin_detail", pk=article.pk)


@login_required
def admin_image(request, pk, image_pk) -> HttpResponseBase:
    scope = scope_for(request.user)
    article = queries.get_article(scope, pk)
    image = get_object_or_404(article.images, pk=image_pk)
    return stored_file(image.image, as_attachment=False, missing="Không có ảnh.")
