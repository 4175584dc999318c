"""Candidates for admission (quần chúng ưu tú) and their dated steps up to official membership.

One `Candidate` row holds the whole path: each step's date and document, in the order the Charter sets.
The `step` field says where the candidate stands now (for lists and filters); the actions in `actions.py`
are the only writers, and each checks the step's rules on the step's own date.
"""

from django.db import models
from django.db.models import Q

from dangvu.members.models import Member, Person
from dangvu.organizations.models import Organization


class Step(models.TextChoices):
    LISTED = "listed", "Quần chúng ưu tú"
    IN_CLASS = "in_class", "Đã cử đi học lớp bồi dưỡng"
    CERTIFIED = "certified", "Có giấy chứng nhận"
    APPLIED = "applied", "Có đơn xin vào Đảng"
    INTRODUCED = "introduced", "Có người giới thiệu"
    RESOLVED = "resolved", "Chi bộ đã có nghị quyết"
    ADMITTED = "admitted", "Có quyết định kết nạp"
    PROBATION = "probation", "Đảng viên dự bị"
    OFFICIAL = "official", "Đảng viên chính thức"
    REJECTED = "rejected", "Không kết nạp"
    WITHDRAWN = "withdrawn", "Rút khỏi danh sách"
    STRUCK_OFF = "struck_off", "Không công nhận chính thức (xóa tên)"


# The path in order; the three endings are outside it.
PATH = [
    Step.LISTED,
    Step.IN_CLASS,
    Step.CERTIFIED,
    Step.APPLIED,
    Step.INTRODUCED,
    Step.RESOLVED,
    Step.ADMITTED,
    Step.PROBATION,
    Step.OFFICIAL,
]
ENDINGS = [Step.REJECTED, Step.WITHDRAWN, Step.STRUCK_OFF]
CLOSED = [Step.OFFICIAL, *ENDINGS]


class UnionKind(models.TextChoices):
    NONE = "", "Hai đảng viên chính thức"
    YOUTH_UNION = "youth_union", "Ban Chấp hành Đoàn cơ sở và một đảng viên chính thức"
    TRADE_UNION = "trade_union", "Ban Chấp hành Công đoàn cơ sở và một đảng viên chính thức"


class ReadmissionGround(models.TextChoices):
    """Why a person who asks to be admitted again left the Party (`core.rules` "readmission.excluded_grounds"
    lists those never re-admitted under the rules in force)."""

    LEFT_ACTIVITY = "left_activity", "Tự bỏ sinh hoạt đảng"
    RESIGNED = "resigned", "Tự nguyện xin ra khỏi Đảng"
    RESIGNED_HARDSHIP = "resigned_hardship", "Xin ra khỏi Đảng vì lý do gia đình đặc biệt khó khăn"
    DISUNITY = "disunity", "Gây mất đoàn kết nội bộ nghiêm trọng"
    CORRUPTION = "corruption", "Bị kết án hình sự về tội tham nhũng"
    SERIOUS_CRIME = "serious_crime", "Bị kết án hình sự về tội phạm nghiêm trọng trở lên"
    MINOR_CRIME = "minor_crime", "Bị kết án hình sự về tội phạm ít nghiêm trọng (đã được xóa án tích)"
    OTHER = "other", "Lý do khác (xóa tên, kỷ luật khai trừ không thuộc các trường hợp trên)"


class Candidate(models.Model):
    """A person on the way into the Party in one cell: every step with its date and document."""

    person = models.ForeignKey(
        Person, verbose_name="Người vào Đảng", on_delete=models.PROTECT, related_name="candidacies"
    )
    organization = models.ForeignKey(
        Organization, verbose_name="Chi bộ", on_delete=models.PROTECT, related_name="candidates"
    )
    step = models.CharField("Bước", max_length=12, choices=Step.choices, default=Step.LISTED, db_index=True)
    step_on = models.DateField("Ngày của bước hiện tại")

    listed_on = models.DateField("Ngày đưa vào danh sách quần chúng ưu tú")
    class_sent_on = models.DateField("Ngày cử đi học lớp bồi dưỡng nhận thức về Đảng", null=True, blank=True)
    certificate_number = models.CharField("Số giấy chứng nhận", max_length=40, blank=True)
    certificate_on = models.DateField("Ngày cấp giấy chứng nhận", null=True, blank=True)
    course_participant = models.ForeignKey(
        "work.CourseParticipant",
        verbose_name="Học viên lớp",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    applied_on = models.DateField("Ngày đơn xin vào Đảng", null=True, blank=True)
    introduced_on = models.DateField("Ngày giới thiệu", null=True, blank=True)
    union_kind = models.CharField("Hình thức giới thiệu", max_length=12, choices=UnionKind.choices, blank=True)
    union_reference = models.CharField("Nghị quyết giới thiệu của Đoàn/Công đoàn", max_length=120, blank=True)
    resolution_on = models.DateField("Ngày chi bộ xét kết nạp (nghị quyết)", null=True, blank=True)
    resolution_number = models.CharField("Số nghị quyết của chi bộ", max_length=60, blank=True)
    official_members = models.PositiveSmallIntegerField("Đảng viên chính thức của chi bộ", null=True, blank=True)
    exempted_present = models.PositiveSmallIntegerField(
        "Đảng viên miễn sinh hoạt có mặt biểu quyết",
        default=0,
        help_text="Được tính thêm vào số đảng viên chính thức khi tính tỷ lệ tán thành.",
    )
    votes_for = models.PositiveSmallIntegerField("Số tán thành", null=True, blank=True)
    over_age_approval = models.CharField("Văn bản chấp thuận kết nạp trên 60 tuổi", max_length=120, blank=True)
    decision_number = models.CharField("Số quyết định kết nạp", max_length=60, blank=True)
    decision_on = models.DateField("Ngày quyết định kết nạp", null=True, blank=True)
    decision_by = models.ForeignKey(
        Organization,
        verbose_name="Cấp ủy quyết định",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The ceremony is due within 30 working days of the day the cell received the decision; a later one only
    # with the written approval of the committee directly above (`core.rules` "admission.ceremony_*").
    decision_received_on = models.DateField("Ngày chi bộ nhận quyết định kết nạp", null=True, blank=True)
    late_ceremony_approval = models.CharField(
        "Văn bản đồng ý tổ chức lễ kết nạp quá hạn của cấp ủy cấp trên", max_length=120, blank=True
    )
    ceremony_on = models.DateField("Ngày lễ kết nạp", null=True, blank=True)
    recognition_number = models.CharField("Số quyết định công nhận chính thức", max_length=60, blank=True)
    recognition_on = models.DateField("Ngày quyết định công nhận chính thức", null=True, blank=True)
    ended_on = models.DateField("Ngày kết thúc", null=True, blank=True)
    end_decision_number = models.CharField("Số văn bản", max_length=60, blank=True)
    end_reason = models.CharField("Lý do", max_length=300, blank=True)
    # Kết nạp lại: the ground the person left on, the provincial standing committee's written consent, and for
    # a minor crime the day the record was cleared. Empty ground: a first admission.
    readmission_ground = models.CharField(
        "Lý do đã ra khỏi Đảng (kết nạp lại)", max_length=20, choices=ReadmissionGround.choices, blank=True
    )
    readmission_consent = models.CharField(
        "Văn bản đồng ý của Ban Thường vụ tỉnh ủy (số, ngày)", max_length=120, blank=True
    )
    record_cleared_on = models.DateField("Ngày được xóa án tích", null=True, blank=True)
    # A member admitted again keeps the membership of the first admission: each candidacy links to it.
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.PROTECT, related_name="candidacies")

    class Meta:
        ordering = ["-listed_on", "person__sort_key"]
        indexes = [
            models.Index(fields=["organization", "step"]),
            models.Index(fields=["step", "decision_on"]),
            models.Index(fields=["step", "ceremony_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=~Q(step__in=["rejected", "withdrawn", "struck_off"]),
                name="one_open_candidacy_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.full_name} ({self.organization.name})"

    @property
    def is_open(self) -> bool:
        return self.step not in CLOSED

    @property
    def position(self) -> int:
        """Index of the step on the path (-1 for an ending)."""
        return PATH.index(self.step) if self.step in PATH else -1


class Introducer(models.Model):
    """Người giới thiệu: an official member vouching for the candidate, and since when they work together."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="introducers")
    member = models.ForeignKey(
        Member, verbose_name="Đảng viên giới thiệu", on_delete=models.PROTECT, related_name="introduced"
    )
    together_since = models.DateField("Cùng công tác, sinh sống với người vào Đảng từ ngày")

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["candidate", "member"], name="introducer_once_per_candidate")]

    def __str__(self) -> str:
        return f"{self.member.person.full_name} giới thiệu {self.candidate.person.full_name}"
