"""Tables of the reports app: the document register, report kinds and their sections, reports with their
narrative history and issued snapshots, and the Word templates administrators upload.

Issued things never change: a register entry is written once; an issued report keeps its snapshot and its
document, and can only be marked superseded by a corrected report.
"""

from typing import Never

from django.conf import settings
from django.db import models

from dangvu.organizations.models import Organization


class Immutable(models.Model):
    """A row written once and never edited or deleted."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk and not self._state.adding:
            raise PermissionError("Bản ghi đã vào sổ, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs) -> Never:
        raise PermissionError("Bản ghi đã vào sổ, không được xóa.")


# The document register ---------------------------------------------------------------------------------------


class TypeCode(models.TextChoices):
    """Document type codes of the number ("45-BC/TU")."""

    NQ = "NQ", "Nghị quyết"
    QD = "QĐ", "Quyết định, quy định"
    CT = "CT", "Chỉ thị"
    KL = "KL", "Kết luận"
    QC = "QC", "Quy chế"
    TB = "TB", "Thông báo"
    HD = "HD", "Hướng dẫn"
    KH = "KH", "Kế hoạch"
    BC = "BC", "Báo cáo"
    CTR = "CTr", "Chương trình"
    TTR = "TTr", "Tờ trình"
    CV = "CV", "Công văn"
    BB = "BB", "Biên bản"


class RegisterCounter(models.Model):
    """The last number given in one run of the register: per issuer, document type and congress term.

    The row is locked (SELECT … FOR UPDATE) while the next number is taken, so two issues never share one.
    """

    issuer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    type_code = models.CharField(max_length=8, choices=TypeCode.choices)
    term = models.CharField(max_length=20, blank=True, help_text="Nhiệm kỳ, ví dụ 2020–2025")
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "type_code", "term"], name="one_counter_per_run")]

    def __str__(self) -> str:
        return f"{self.issuer} {self.type_code} {self.term}: {self.last_number}"


class RegisterEntry(Immutable):
    """A numbered outgoing document (sổ đăng ký văn bản đi): "Số 45-BC/TU" of 08/10/2020."""

    issuer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    type_code = models.CharField(max_length=8, choices=TypeCode.choices)
    term = models.CharField(max_length=20, blank=True)
    number = models.PositiveIntegerField()
    issuer_code = models.CharField(max_length=16, help_text="TU, HU, ĐU … as written in the number")
    issued_on = models.DateField()
    summary = models.CharField("Trích yếu", max_length=500, blank=True)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["issuer", "type_code", "term", "number"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "type_code", "term", "number"], name="one_number_per_run")
        ]

    def __str__(self) -> str:
        return f"Số {self.label}"

    @property
    def label(self) -> str:
        """ "45-BC/TU"; numbers below 10 take a leading zero ("01-BC/TU")."""
        return f"{self.number:02d}-{self.type_code}/{self.issuer_code}"


# Report kinds and their templates ----------------------------------------------------------------------------


class ReportKind(models.Model):
    """A kind of periodic report: monthly, interim review (6 or 9 months), yearly review."""

    code = models.SlugField(max_length=32, unique=True)
    name = models.CharField(max_length=120)
    period_preset = models.CharField(max_length=16, help_text="month, six_months, nine_months, year")
    summary_template = models.CharField(
        "Trích yếu", max_length=500, help_text="Có thể dùng {period}, {year}, {next_period} …"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class SectionTemplate(models.Model):
    """One numbered section of a kind: heading, sentences with indicator placeholders, and a narrative slot
    where the office writes its own paragraphs in the page."""

    kind = models.ForeignKey(ReportKind, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField()
    level = models.PositiveSmallIntegerField(default=1, help_text="1: I., II.; 2: 1., 2.; 3: a), b)")
    heading = models.CharField(max_length=300)
    text = models.TextField(blank=True, help_text="Câu có chỗ điền chỉ tiêu, ví dụ {inspection.organizations}")
    narrative_slot = models.SlugField(max_length=40, blank=True)
    narrative_hint = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["kind", "order"]
        constraints = [models.UniqueConstraint(fields=["kind", "order"], name="one_section_per_place")]

    def __str__(self) -> str:
        return self.heading


class DocumentTemplate(models.Model):
    """A Word template (docxtpl) for a report kind, uploaded by an administrator. The latest upload is the one
    in use; earlier ones stay as history. Without any upload the template shipped with the system is used."""

    kind = models.ForeignKey(ReportKind, on_delete=models.CASCADE, related_name="document_templates")
    content = models.BinaryField()
    file_name = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.file_name


# Reports ------------------------------------------------------------------------------------------------------


class Status(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    APPROVED = "approved", "Đã duyệt"
    ISSUED = "issued", "Đã ban hành"
    SUPERSEDED = "superseded", "Đã được thay thế"


FIXED_STATUSES = (Status.ISSUED, Status.SUPERSEDED)


class Report(models.Model):
    """A periodic report of an organization. While a draft its figures are recomputed on each view; issuing
    fixes figures, text and the Word document in `snapshot` and `document`, which never change again."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    kind = models.ForeignKey(ReportKind, on_delete=models.PROTECT, related_name="reports")
    period_start = models.DateField()
    period_end = models.DateField()
    document_date = models.DateField("Ngày văn bản")
    summary = models.CharField("Trích yếu", max_length=500)
    signer_post = models.CharField("Chức vụ người ký", max_length=60, blank=True)
    signer_name = models.CharField("Người ký", max_length=120, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(null=True, blank=True)
    register_entry = models.OneToOneField(
        RegisterEntry, null=True, blank=True, on_delete=models.PROTECT, related_name="report"
    )
    snapshot = models.JSONField(null=True, blank=True)
    document = models.BinaryField(null=True, blank=True)
    supersedes = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )

    class Meta:
        ordering = ["-period_end", "organization", "-id"]
        indexes = [models.Index(fields=["organization", "period_start", "period_end", "status"])]

    def __str__(self) -> str:
        number = f" số {self.register_entry.label}" if self.register_entry_id else ""
        dates = f"{self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y}"
        return f"{self.kind.name}{number} – {self.organization} ({dates})"

    def save(self, *args, **kwargs) -> None:
        if self.pk and not self._state.adding:
            stored = Report.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored in FIXED_STATUSES and not (
                stored == Status.ISSUED
                and self.status == Status.SUPERSEDED
                and set(kwargs.get("update_fields") or ()) == {"status"}
            ):
                raise PermissionError("Báo cáo đã ban hành không được sửa; hãy lập báo cáo thay thế.")
        super().save(*args, **kwargs)

    @property
    def is_fixed(self) -> bool:
        return self.status in FIXED_STATUSES

    def delete(self, *args, **kwargs) -> None:
        if self.is_fixed:
            raise PermissionError("Báo cáo đã ban hành không được xóa.")
        super().delete(*args, **kwargs)


class Narrative(Immutable):
    """One version of a paragraph the office writes in a report's narrative slot; the latest one counts."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="narratives")
    slot = models.SlugField(max_length=40)
    text = models.TextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "slot", "-written_at", "-id"]
        indexes = [models.Index(fields=["report", "slot", "-id"])]

    def __str__(self) -> str:
        return f"Lời văn “{self.slot}” của báo cáo #{self.report_id}"

    def delete(self, *args, **kwargs) -> Never:
        # A draft report can be deleted with its history; a single version cannot.
        raise PermissionError("Lịch sử nội dung không được xóa.")
