"""Rating rounds (đợt kiểm điểm, đánh giá, xếp loại) and the ratings of members and organizations in them.

A `Round` covers one year and one organization's subtree, under the rule of that year (its `version`, read
from `dangvu.core.rules` when the round is opened). Opening it lists who is rated: a `MemberRating` for every
member registered in a cell of the subtree on the cut-off date, an `OrganizationRating` for every
grassroots organization, sub-committee and cell. Each rating carries its steps in order: the
self-assessment, (for members) the cell meeting's comment and proposed grade with its votes, and the
competent committee's decision with the final grade. `actions.py` is the only writer.
"""

from django.db import models

from dangvu.members.models import Member
from dangvu.organizations.models import Organization


class Grade(models.TextChoices):
    """The four ordered levels; their names under each rule come from `rules.grade_label`."""

    EXCELLENT = "excellent", "Hoàn thành xuất sắc nhiệm vụ"
    GOOD = "good", "Hoàn thành tốt nhiệm vụ"
    COMPLETE = "complete", "Hoàn thành nhiệm vụ"
    FAILED = "failed", "Không hoàn thành nhiệm vụ"


# Highest first: the order of the levels, for "at most" and "and above".
GRADE_ORDER = [Grade.EXCELLENT, Grade.GOOD, Grade.COMPLETE, Grade.FAILED]


class Round(models.Model):
    """Đợt đánh giá, xếp loại chất lượng of one year over one organization's subtree."""

    organization = models.ForeignKey(
        Organization, verbose_name="Đảng bộ", on_delete=models.PROTECT, related_name="rating_rounds"
    )
    year = models.PositiveSmallIntegerField("Năm đánh giá")
    version = models.CharField("Phiên bản quy định", max_length=8)
    regulation = models.CharField("Quy định áp dụng", max_length=300)
    cutoff_on = models.DateField("Ngày chốt danh sách")
    opened_on = models.DateField("Ngày mở đợt")
    self_due = models.DateField("Hạn tự kiểm điểm", null=True, blank=True)
    cell_due = models.DateField("Hạn chi bộ họp đánh giá", null=True, blank=True)
    decision_due = models.DateField("Hạn quyết định xếp loại", null=True, blank=True)
    closed_on = models.DateField("Ngày kết thúc đợt", null=True, blank=True)

    class Meta:
        ordering = ["-year", "organization__sort_key"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="one_round_per_year")]

    def __str__(self) -> str:
        return f"Đánh giá, xếp loại năm {self.year}: {self.organization.name}"


class MemberStatus(models.TextChoices):
    LISTED = "listed", "Thuộc diện đánh giá"
    EXEMPTED = "exempted", "Miễn công tác và sinh hoạt (không xếp loại)"
    LEFT = "left", "Đã ra khỏi Đảng (không xếp loại)"


class Step(models.TextChoices):
    LISTED = "listed", "Chưa tự kiểm điểm"
    SELF = "self", "Đã tự kiểm điểm"
    PROPOSED = "proposed", "Chi bộ đã đề xuất"
    DECIDED = "decided", "Đã quyết định xếp loại"


class MemberRating(models.Model):
    """The rating of one member in a round: the self-assessment, the cell's proposal, the decision."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="member_ratings")
    member = models.ForeignKey(Member, verbose_name="Đảng viên", on_delete=models.PROTECT, related_name="ratings")
    cell = models.ForeignKey(Organization, verbose_name="Chi bộ", on_delete=models.PROTECT, related_name="+")
    deciding = models.ForeignKey(
        Organization, verbose_name="Cấp ủy quyết định xếp loại", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField("Diện", max_length=10, choices=MemberStatus.choices, default=MemberStatus.LISTED)
    step = models.CharField("Bước", max_length=10, choices=Step.choices, default=Step.LISTED, db_index=True)

    form = models.CharField("Mẫu bản kiểm điểm", max_length=4, blank=True)
    self_on = models.DateField("Ngày tự kiểm điểm", null=True, blank=True)
    self_strengths = models.TextField("Ưu điểm, kết quả thực hiện nhiệm vụ", blank=True)
    self_weaknesses = models.TextField("Hạn chế, khuyết điểm và nguyên nhân", blank=True)
    self_remedies = models.TextField("Kết quả khắc phục hạn chế, khuyết điểm đã được chỉ ra", blank=True)
    self_plan = models.TextField("Phương hướng, biện pháp khắc phục", blank=True)
    self_grade = models.CharField("Tự xếp loại", max_length=10, choices=Grade.choices, blank=True)
    score = models.PositiveSmallIntegerField("Điểm (thang 100)", null=True, blank=True)

    meeting_on = models.DateField("Ngày chi bộ họp đánh giá", null=True, blank=True)
    cell_comment = models.TextField("Nhận xét của chi bộ", blank=True)
    proposed_grade = models.CharField("Chi bộ đề xuất xếp loại", max_length=10, choices=Grade.choices, blank=True)
    present = models.PositiveSmallIntegerField("Số đảng viên dự họp", null=True, blank=True)
    votes_for = models.PositiveSmallIntegerField("Số tán thành mức đề xuất", null=True, blank=True)

    decision_number = models.CharField("Số quyết định, thông báo", max_length=60, blank=True)
    decision_on = models.DateField("Ngày quyết định", null=True, blank=True)
    decision_body = models.CharField("Cơ quan quyết định", max_length=120, blank=True)
    final_grade = models.CharField("Xếp loại", max_length=10, choices=Grade.choices, blank=True, db_index=True)
    self_remedied = models.BooleanField("Vi phạm tự phát hiện, đã khắc phục xong hậu quả", default=False)

    class Meta:
        ordering = ["cell__sort_key", "member__sort_key"]
        constraints = [models.UniqueConstraint(fields=["round", "member"], name="rated_once_per_round")]
        indexes = [models.Index(fields=["round", "cell", "step"]), models.Index(fields=["round", "deciding"])]

    def __str__(self) -> str:
        return f"{self.member.person.full_name} ({self.round.year})"


class OrganizationRating(models.Model):
    """The rating of one organization in a round: its self-assessment (Mẫu 01) and the superior's decision."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="organization_ratings")
    organization = models.ForeignKey(
        Organization, verbose_name="Tổ chức đảng", on_delete=models.PROTECT, related_name="ratings"
    )
    kind = models.CharField("Loại hình", max_length=24)
    deciding = models.ForeignKey(
        Organization, verbose_name="Cấp quyết định xếp loại", on_delete=models.PROTECT, related_name="+"
    )
    step = models.CharField("Bước", max_length=10, choices=Step.choices, default=Step.LISTED, db_index=True)

    self_on = models.DateField("Ngày kiểm điểm", null=True, blank=True)
    self_results = models.TextField("Kết quả thực hiện nhiệm vụ", blank=True)
    self_weaknesses = models.TextField("Hạn chế, khuyết điểm và nguyên nhân", blank=True)
    self_plan = models.TextField("Phương hướng, biện pháp khắc phục", blank=True)
    self_grade = models.CharField("Tự xếp loại", max_length=10, choices=Grade.choices, blank=True)

    decision_number = models.CharField("Số quyết định", max_length=60, blank=True)
    decision_on = models.DateField("Ngày quyết định", null=True, blank=True)
    decision_body = models.CharField("Cơ quan quyết định", max_length=120, blank=True)
    final_grade = models.CharField("Xếp loại", max_length=10, choices=Grade.choices, blank=True, db_index=True)
    self_remedied = models.BooleanField("Vi phạm tự phát hiện, đã khắc phục xong hậu quả", default=False)

    class Meta:
        ordering = ["organization__sort_key"]
        constraints = [models.UniqueConstraint(fields=["round", "organization"], name="org_rated_once_per_round")]
        indexes = [models.Index(fields=["round", "deciding"])]

    def __str__(self) -> str:
        return f"{self.organization.name} ({self.round.year})"
