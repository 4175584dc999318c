"""Party dues (đảng phí) tables: the dated basis of a member's amount, exemption and reduction decisions,
the monthly line of each member (due, paid), strike-off proposals for unpaid months, remittances up the tree,
and the shares kept per level that an installation records.

A month is stored as the date of its first day.
"""

from django.conf import settings
from django.db import models

from dangvu.members.models import Member
from dangvu.organizations.models import OPEN_END, Organization


class BasisKind(models.TextChoices):
    INSURED_SALARY = "insured_salary", "Tiền lương làm căn cứ đóng BHXH"
    ALLOWANCE = "allowance", "Trợ cấp ốm đau, thai sản (BHXH chi trả)"
    PENSION = "pension", "Lương hưu"
    SOCIAL_PENSION = "social_pension", "Trợ cấp hưu trí xã hội"
    STUDENT = "student", "Học sinh, sinh viên"
    OTHER = "other", "Khác (số tiền cố định)"


class Basis(models.Model):
    """Căn cứ đóng đảng phí: what a member's amount is computed from, from one month on."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="dues_bases")
    kind = models.CharField("Đối tượng", max_length=16, choices=BasisKind.choices)
    amount = models.PositiveBigIntegerField(
        "Số tiền (đồng)", default=0, help_text="Tiền lương, trợ cấp, lương hưu; hoặc số tiền cố định"
    )
    valid_from = models.DateField("Từ tháng")
    valid_to = models.DateField(default=OPEN_END)
    note = models.CharField("Ghi chú", max_length=200, blank=True)

    class Meta:
        ordering = ["member", "valid_from"]
        indexes = [models.Index(fields=["member", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} từ {self.valid_from:%m/%Y}"


class DecisionKind(models.TextChoices):
    EXEMPTION = "exemption", "Miễn đóng đảng phí"
    REDUCTION = "reduction", "Giảm đảng phí"


class DecisionReason(models.TextChoices):
    POOR_HOUSEHOLD = "poor", "Hộ nghèo"
    NEAR_POOR_HOUSEHOLD = "near_poor", "Hộ cận nghèo"
    GRAVE_ILLNESS = "grave_illness", "Mắc bệnh hiểm nghèo"
    SOCIAL_PENSION = "social_pension", "Hưởng trợ cấp hưu trí xã hội"
    HARDSHIP = "hardship", "Hoàn cảnh khó khăn khác"


class Decision(models.Model):
    """A dated decision exempting a member from dues, or reducing them by a percentage, for some months."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="dues_decisions")
    kind = models.CharField("Loại", max_length=10, choices=DecisionKind.choices)
    percent = models.PositiveSmallIntegerField("Mức giảm (%)", help_text="100 khi miễn")
    number = models.CharField("Số quyết định", max_length=60)
    decided_on = models.DateField("Ngày quyết định")
    reason = models.CharField("Lý do", max_length=16, choices=DecisionReason.choices)
    detail = models.CharField("Ghi chú", max_length=200, blank=True)
    first_month = models.DateField("Từ tháng")
    last_month = models.DateField("Đến hết tháng", null=True, blank=True)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["member", "first_month"]

    def __str__(self) -> str:
        what = "Miễn" if self.kind == DecisionKind.EXEMPTION else f"Giảm {self.percent}%"
        until = f" đến hết {self.last_month:%m/%Y}" if self.last_month else ""
        return f"{what} từ {self.first_month:%m/%Y}{until} (QĐ {self.number})"


class Method(models.TextChoices):
    CASH = "cash", "Tiền mặt"
    PORTAL = "portal", "Cổng Dịch vụ công"


class Line(models.Model):
    """One member's month: the amount due (computed, with how) and what was paid, at the cell that collects it."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="dues_lines")
    month = models.DateField()
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    due = models.PositiveBigIntegerField(default=0)
    regulation = models.CharField(max_length=8)  # the `dues.regulation` key: "342" or "01"
    explanation = models.CharField(max_length=300)
    paid = models.PositiveBigIntegerField(null=True, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    method = models.CharField(max_length=8, choices=Method.choices, blank=True)
    reference = models.CharField(max_length=60, blank=True)  # the portal's transaction code

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "month"], name="dues_line_member_month")]
        indexes = [models.Index(fields=["organization", "month"])]

    def __str__(self) -> str:
        return f"Đảng phí tháng {self.month:%m/%Y} (đảng viên #{self.member_id})"

    @property
    def settled(self) -> bool:
        return self.due == 0 or (self.paid is not None and self.paid >= self.due)


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", "Chi bộ đã đề nghị"
    DECIDED = "decided", "Đã quyết định xóa tên"
    WITHDRAWN = "withdrawn", "Rút đề nghị"


class StrikeOffProposal(models.Model):
    """The cell's proposal to strike off a member who left three months of a year unpaid without good reason."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="dues_proposals")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    unpaid_months = models.CharField(max_length=120)  # "01/2026, 02/2026, 04/2026"
    proposed_on = models.DateField()
    status = models.CharField(max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED)
    decided_on = models.DateField(null=True, blank=True)
    decision_number = models.CharField(max_length=60, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-proposed_on", "id"]

    def __str__(self) -> str:
        return f"Đề nghị xóa tên năm {self.year} (đảng viên #{self.member_id})"


class Remittance(models.Model):
    """Dues a level sent to the level above for a month or a quarter, and the receipt the level above records."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField()
    period_months = models.PositiveSmallIntegerField(default=1)  # 1 (month) or 3 (quarter)
    amount = models.PositiveBigIntegerField()
    sent_on = models.DateField()
    received_on = models.DateField(null=True, blank=True)
    receipt_number = models.CharField(max_length=60, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["period_start", "organization"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "period_start", "period_months"], name="dues_remittance_period"
            )
        ]

    def __str__(self) -> str:
        return f"Nộp đảng phí từ tháng {self.period_start:%m/%Y}: {self.amount} đồng"


class KeptShare(models.Model):
    """The share of dues an organization kind keeps, as this installation applies it from a date, with its
    source; it wins over the default of the rules module (`dues.kept_share`)."""

    kind = models.CharField(max_length=24)
    share = models.DecimalField(max_digits=4, decimal_places=3)
    valid_from = models.DateField()
    source = models.CharField("Căn cứ", max_length=300)

    class Meta:
        ordering = ["kind", "valid_from"]

    def __str__(self) -> str:
        return f"Tỷ lệ trích giữ lại {self.kind} từ {self.valid_from:%d/%m/%Y}: {self.share}"
