"""Tables of news (tin tức): categories, articles with their workflow status, and their images.

Only an article whose status is "published" and whose publication time has come is ever shown publicly;
`Article.objects.public()` is the one place that says so.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from dangvu.organizations.models import Organization


class Category(models.Model):
    """Chuyên mục: a section of the news pages."""

    slug = models.SlugField("Mã", max_length=80, unique=True)
    name = models.CharField("Tên chuyên mục", max_length=120)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)

    class Meta:
        verbose_name = "Chuyên mục"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    DRAFT = "draft", "Bản nháp"
    REVIEW = "review", "Chờ duyệt"
    PUBLISHED = "published", "Đã đăng"
    WITHDRAWN = "withdrawn", "Đã gỡ"


class ArticleQuerySet(models.QuerySet):
    def public(self) -> models.QuerySet:
        """What the public may see: published articles whose publication time has come."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())


class Article(models.Model):
    """A news article of an organization (tin bài), written by an author or signed by a body."""

    organization = models.ForeignKey(
        Organization, verbose_name="Đơn vị đăng tin", on_delete=models.PROTECT, related_name="articles"
    )
    category = models.ForeignKey(
        Category, verbose_name="Chuyên mục", null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    title = models.CharField("Tiêu đề", max_length=300)
    slug = models.SlugField(max_length=200, allow_unicode=False)
    lead = models.TextField("Sapô (đoạn mở đầu)", blank=True)
    body = models.TextField("Nội dung", blank=True, help_text="Mỗi đoạn một dòng.")
    author = models.CharField("Tác giả hoặc cơ quan ký tin", max_length=200)
    status = models.CharField("Trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField("Thời điểm đăng", null=True, blank=True)
    source_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name="Soạn từ hội nghị",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    proofread_at = models.DateTimeField("Soát lỗi lúc", null=True, blank=True)
    proofread_warnings = models.PositiveIntegerField("Số cảnh báo khi soát lỗi", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "Tin bài"
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "published_at"]),
            models.Index(fields=["organization", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    def paragraphs(self) -> list[str]:
        return [line.strip() for line in self.body.splitlines() if line.strip()]

    def full_text(self) -> str:
        """Title, lead, body and signature as paragraphs: what the proofreader reads."""
        return "\n\n".join(p for p in [self.title, self.lead, self.body, self.author] if p)


def image_path(instance, filename: str) -> str:
    return f"news/{instance.article_id}/{filename}"


class ArticleImage(models.Model):
    """An image of an article with its caption."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField("Ảnh", upload_to=image_path)
    caption = models.CharField("Chú thích", max_length=300, blank=True)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)

    class Meta:
        ordering = ["article", "order", "id"]

    def __str__(self) -> str:
        return self.caption or self.image.name
