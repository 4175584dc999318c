"""Every change of a news article: writing it (by hand or drafted from a meeting), its images, and its
workflow draft → in review (after proofreading) → published → withdrawn. Editing needs a writing mandate over
the article's organization; publishing and withdrawing need an office or administrator mandate there. Each
action records an audit event.

Text is normalized to NFC but its spacing is kept as written, so that the proofreader can point at a double
space instead of the system hiding it.
"""

import unicodedata
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from dangvu.accounts.scope import PUBLISH, scope_of
from dangvu.core import audit
from dangvu.core.audit import snapshot
from dangvu.core.errors import RuleViolation
from dangvu.core.text import fold, nfc
from dangvu.core.web import IMAGE_HINT, IMAGE_KINDS, IMAGE_TYPES, upload_problem
from dangvu.meetings.models import Meeting
from dangvu.meetings.models import Status as MeetingStatus
from dangvu.members.actions import require_write
from dangvu.news.audit_actions import NewsAudit
from dangvu.organizations.models import Organization

from . import drafting, proofread, queries
from .models import Article, ArticleImage, Category, Status

MAX_IMAGE_MB = 10
TEXT_FIELDS = ["title", "lead", "body", "author"]


def clean_text(value: str | None, *, multiline: bool = True) -> str:
    """NFC, Windows line ends removed, lines' ends trimmed; inner spacing kept for the proofreader."""
    text = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        return " ".join(text.split())
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def can_publish(actor, organization_id: int) -> bool:
    """Publishing is a capability of the roles in ROLE_CAPABILITIES, over their current subtree."""
    scope = scope_of(actor)
    return scope is None or scope.covers_now(organization_id, PUBLISH)


def require_publish(actor, organization_id: int) -> None:
    require_write(actor, organization_id)
    if not can_publish(actor, organization_id):
        raise PermissionDenied("Chỉ cán bộ văn phòng hoặc quản trị được đăng, gỡ tin.")


def article_errors(data: dict) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not data.get("title"):
        errors["title"] = ["Tiêu đề không được để trống."]
    if not data.get("author"):
        errors["author"] = ["Ghi tác giả hoặc cơ quan ký tin."]
    if not data.get("lead") and not data.get("body"):
        errors["body"] = ["Tin bài chưa có nội dung."]
    category = data.get("category")
    if category is not None and not isinstance(category, Category):
        errors["category"] = ["Chuyên mục không hợp lệ."]
    return errors


def _raise_if(errors):
    if errors:
        raise RuleViolation(errors)


def make_slug(title: str) -> str:
    return slugify(fold(title))[:200] or "tin"


@transaction.atomic
def create_article(
    actor,
    *,
    organization: Organization,
    title: str,
    lead: str = "",
    body: str = "",
    author: str = "",
    category: Category | None = None,
    source_meeting: Meeting | None = None,
) -> Article:
    """Viết tin: a new draft article of an organization."""
    require_write(actor, organization.pk)
    data = {
        "title": clean_text(title, multiline=False),
        "lead": clean_text(lead),
        "body": clean_text(body),
        "author": clean_text(author, multiline=False),
        "category": category,
    }
    _raise_if(article_errors(data))
    article = Article.objects.create(
        organization=organization,
        slug=make_slug(data["title"]),
        source_meeting=source_meeting,
        created_by=actor if getattr(actor, "pk", None) else None,
        **data,
    )
    audit.record(actor, NewsAudit.ARTICLE_CREATE, article, organization=organization)
    return article


@transaction.atomic
def create_from_meeting(actor, meeting: Meeting, *, category: Category | None = None) -> Article:
    """Soạn tin từ hội nghị: a draft article written from a held meeting (see `drafting`)."""
    require_write(actor, meeting.organization_id)
    if meeting.status != MeetingStatus.HELD:
        raise RuleViolation("Hội nghị chưa tổ chức: chưa soạn được tin.")
    draft = drafting.draft_from_meeting(meeting)
    category = category or Category.objects.order_by("order", "id").first()
    return create_article(
        actor,
        organization=meeting.organization,
        title=draft.title,
        lead=draft.lead,
        body=draft.body_text,
        author=draft.author,
        category=category,
        source_meeting=meeting,
    )


@transaction.atomic
def update_article(actor, article: Article, **changes) -> Article:
    """Sửa tin: only a draft or an article in review; a published one is withdrawn first."""
    require_write(actor, article.organization_id)
    unknown = set(changes) - {*TEXT_FIELDS, "category"}
    if unknown:
        raise RuleViolation(f"Không sửa được: {', '.join(sorted(unknown))}.")
    if article.status not in (Status.DRAFT, Status.REVIEW):
        raise RuleViolation("Tin đã đăng hoặc đã gỡ: chuyển về bản nháp trước khi sửa.")
    for name in TEXT_FIELDS:
        if name in changes:
            changes[name] = clean_text(changes[name], multiline=name in ("lead", "body"))
    merged = {name: changes.get(name, getattr(article, name)) for name in [*TEXT_FIELDS, "category"]}
    _raise_if(article_errors(merged))
    before = snapshot(article, [*TEXT_FIELDS, "category"])
    for name, value in merged.items():
        setattr(article, name, value)
    article.slug = make_slug(article.title)
    if article.status == Status.REVIEW:  # the text changed after proofreading: proofread again
        article.status, article.proofread_at = Status.DRAFT, None
    article.save()
    audit.record(
        actor,
        NewsAudit.ARTICLE_UPDATE,
        article,
        before=before,
        after=snapshot(article, [*TEXT_FIELDS, "category"]),
        organization=article.organization,
    )
    return article


def check(article: Article) -> list[proofread.Warning]:
    """The proofreader's warnings on an article, with the registry's names of its organization."""
    return proofread.proofread(article.full_text(), queries.registry_names(article))


def _transition(actor, article: Article, action: NewsAudit, to: str, *, reason: str = "", **extra) -> Article:
    before = {"status": article.status}
    article.status = to
    for name, value in extra.items():
        setattr(article, name, value)
    article.save()
    audit.record(
        actor,
        action,
        article,
        before=before,
        after={"status": to, **{k: str(v) for k, v in extra.items()}},
        organization=article.organization,
        reason=reason,
    )
    return article


@transaction.atomic
def submit_for_review(actor, article: Article) -> list[proofread.Warning]:
    """Gửi duyệt: proofread the article and put it in review; returns the warnings to look at."""
    require_write(actor, article.organization_id)
    if article.status != Status.DRAFT:
        raise RuleViolation("Chỉ bản nháp mới gửi duyệt được.")
    warnings = check(article)
    _transition(
        actor,
        article,
        NewsAudit.ARTICLE_SUBMIT,
        Status.REVIEW,
        proofread_at=timezone.now(),
        proofread_warnings=len(warnings),
    )
    return warnings


@transaction.atomic
def publish(actor, article: Article, *, at: datetime | None = None, accept_warnings: bool = False) -> Article:
    """Đăng tin: from review, after proofreading. Remaining warnings must be accepted explicitly."""
    require_publish(actor, article.organization_id)
    if article.status != Status.REVIEW:
        raise RuleViolation("Tin phải qua bước soát lỗi, chờ duyệt trước khi đăng.")
    warnings = check(article)
    if warnings and not accept_warnings:
        listed = "; ".join(w.message.rstrip(".") for w in warnings[:5]) + ("…" if len(warnings) > 5 else "")
        raise RuleViolation(
            {"accept_warnings": [f"Còn {len(warnings)} cảnh báo soát lỗi: {listed}. Sửa tin, hoặc xác nhận vẫn đăng."]}
        )
    return _transition(
        actor,
        article,
        NewsAudit.ARTICLE_PUBLISH,
        Status.PUBLISHED,
        published_at=at or timezone.now(),
        proofread_at=timezone.now(),
        proofread_warnings=len(warnings),
    )


@transaction.atomic
def withdraw(actor, article: Article, *, reason: str) -> Article:
    """Gỡ tin: the article leaves the public pages at once."""
    require_publish(actor, article.organization_id)
    if article.status != Status.PUBLISHED:
        raise RuleViolation("Chỉ tin đã đăng mới gỡ được.")
    if not nfc(reason):
        raise RuleViolation("Ghi lý do gỡ tin.", "reason")
    return _transition(actor, article, NewsAudit.ARTICLE_WITHDRAW, Status.WITHDRAWN, reason=nfc(reason))


@transaction.atomic
def return_to_draft(actor, article: Article) -> Article:
    """Trả về bản nháp: to edit an article in review or a withdrawn one."""
    require_write(actor, article.organization_id)
    if article.status not in (Status.REVIEW, Status.WITHDRAWN):
        raise RuleViolation("Tin đang là bản nháp hoặc đang đăng: gỡ tin trước.")
    return _transition(actor, article, NewsAudit.ARTICLE_TO_DRAFT, Status.DRAFT, proofread_at=None)


@transaction.atomic
def add_image(actor, article: Article, *, image, caption: str = "") -> ArticleImage:
    require_write(actor, article.organization_id)
    if article.status not in (Status.DRAFT, Status.REVIEW):
        raise RuleViolation("Chỉ thêm ảnh vào bản nháp hoặc tin chờ duyệt.")
    if image is None:
        raise RuleViolation("Chưa chọn ảnh.", "image")
    problem = upload_problem(image, max_mb=MAX_IMAGE_MB, types=IMAGE_TYPES, kinds=IMAGE_KINDS, hint=IMAGE_HINT)
    if problem:
        raise RuleViolation(problem, "image")
    last = article.images.order_by("-order").first()
    row = ArticleImage.objects.create(
        article=article,
        image=image,
        caption=clean_text(caption, multiline=False),
        order=(last.order + 1) if last else 1,
    )
    audit.record(
        actor,
        NewsAudit.ARTICLE_IMAGE_ADD,
        row,
        after=snapshot(row),
        organization=article.organization,
        object_label=f"{article}: {row.caption or row.image.name}",
    )
    return row


@transaction.atomic
def remove_image(actor, image: ArticleImage) -> None:
    article = image.article
    require_write(actor, article.organization_id)
    if article.status not in (Status.DRAFT, Status.REVIEW):
        raise RuleViolation("Chỉ bỏ ảnh của bản nháp hoặc tin chờ duyệt.")
    audit.record(
        actor,
        NewsAudit.ARTICLE_IMAGE_REMOVE,
        image,
        before=snapshot(image),
        after={},
        organization=article.organization,
        object_label=f"{article}: {image.caption}",
    )
    image.delete()
