"""Tables of the year's Party work records: congresses (đại hội), courses (lớp bồi dưỡng), inspections and
supervisions (kiểm tra, giám sát) with their yearly programmes, discipline decisions (kỷ luật).

Report figures are counted from these rows by `dangvu.work.queries`; nothing here stores a figure. Invariants
that the database can hold are constraints here; the rules judged by date live in `dangvu.work.rules`.
"""

from django.db import models
from django.db.models import Q

from dangvu.members.models import Member, Person
from dangvu.organizations.models import Organization, Position

# Congresses --------------------------------------------------------------------------------------------


class CongressKind(models.TextChoices):
    ALL_MEMBERS = "all_members", "Đại hội đảng viên"
    DELEGATES = "delegates", "Đại hội đại biểu"


class CongressStatus(models.TextChoices):
    PLANNED = "planned", "Dự kiến"
    HELD = "held", "Đã tổ chức"
    POSTPONED = "postponed", "Hoãn"


class Congress(models.Model):
    """Đại hội: one congress of an organization for a term ("nhiệm kỳ 2020–2025", stored, never derived)."""

    organization = models.ForeignKey(
        Organization, verbose_name="Tổ chức đảng", on_delete=models.PROTECT, related_name="congresses"
    )
    term = models.CharField("Nhiệm kỳ", max_length=20, help_text="2020–2025")
    ordinal = models.PositiveSmallIntegerField("Lần thứ", null=True, blank=True)
    kind = models.CharField("Hình thức", max_length=12, choices=CongressKind.choices)
    status = models.CharField(
        "Tình trạng", max_length=10, choices=CongressStatus.choices, default=CongressStatus.PLANNED
    )
    planned_start = models.DateField("Ngày dự kiến bắt đầu", null=True, blank=True)
    planned_end = models.DateField("Ngày dự kiến kết thúc", null=True, blank=True)
    held_start = models.DateField("Ngày khai mạc", null=True, blank=True)
    held_end = models.DateField("Ngày bế mạc", null=True, blank=True)
    delegates = models.PositiveIntegerField("Số đại biểu (đảng viên) dự", null=True, blank=True)
    note = models.TextField("Ghi chú", blank=True)

    class Meta:
        verbose_name = "Đại hội"
        verbose_name_plural = "Đại hội"
        ordering = ["-held_start", "-planned_start", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "term"], name="one_congress_per_term"),
            models.CheckConstraint(
                condition=~Q(status="held") | Q(held_start__isnull=False), name="held_congress_has_date"
            ),
        ]
        indexes = [models.Index(fields=["term", "status", "held_start"])]

    def __str__(self) -> str:
        ordinal = f" lần thứ {self.ordinal}" if self.ordinal else ""
        return f"Đại hội {self.organization}{ordinal}, nhiệm kỳ {self.term}"


# Courses -----------------------------------------------------------------------------------------------


class CourseKind(models.TextChoices):
    AWARENESS = "awareness", "Bồi dưỡng nhận thức về Đảng"
    NEW_MEMBER_THEORY = "new_member_theory", "Bồi dưỡng lý luận chính trị cho đảng viên mới"
    OTHER = "other", "Lớp khác"


class Course(models.Model):
    """Lớp bồi dưỡng: an awareness class, a new-member political-theory class or another course."""

    kind = models.CharField("Loại lớp", max_length=20, choices=CourseKind.choices)
    title = models.CharField("Tên lớp", max_length=300)
    organizer = models.ForeignKey(
        Organization, verbose_name="Đơn vị tổ chức", on_delete=models.PROTECT, related_name="courses"
    )
    start_date = models.DateField("Ngày khai giảng")
    end_date = models.DateField("Ngày bế giảng")
    venue = models.CharField("Địa điểm", max_length=300, blank=True)
    note = models.TextField("Ghi chú", blank=True)

    class Meta:
        verbose_name = "Lớp bồi dưỡng"
        verbose_name_plural = "Lớp bồi dưỡng"
        ordering = ["-start_date", "id"]
        indexes = [models.Index(fields=["kind", "start_date"])]

    def __str__(self) -> str:
        return self.title


class CourseResult(models.TextChoices):
    PENDING = "", "Chưa có kết quả"
    PASSED = "passed", "Đạt"
    FAILED = "failed", "Không đạt"
    ABSENT = "absent", "Vắng"
    WITHDRAWN = "dropped", "Bỏ học"


class CourseParticipant(models.Model):
    """Học viên: a candidate or a member attending a course, with the result and the certificate number."""

    course = models.ForeignKey(Course, verbose_name="Lớp", on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        Person, verbose_name="Học viên", on_delete=models.PROTECT, related_name="course_participations"
    )
    result = models.CharField("Kết quả", max_length=8, choices=CourseResult.choices, blank=True)
    certificate_number = models.CharField("Số giấy chứng nhận", max_length=40, blank=True)
    note = models.CharField("Ghi chú", max_length=300, blank=True)

    class Meta:
        verbose_name = "Học viên"
        verbose_name_plural = "Học viên"
        ordering = ["course", "person__sort_key"]
        constraints = [models.UniqueConstraint(fields=["course", "person"], name="one_seat_per_person")]

    def __str__(self) -> str:
        return f"{self.person} – {self.course}"


# Inspection and supervision ----------------------------------------------------------------------------


class Activity(models.TextChoices):
    INSPECTION = "inspection", "Kiểm tra"
    SUPERVISION = "supervision", "Giám sát"


class OversightKind(models.TextChoices):
    """Kinds of both activities; which kinds belong to which activity is a rule (`oversight.kinds`)."""

    REGULAR = "regular", "Thường xuyên, theo chương trình"
    SIGNS_OF_VIOLATION = "signs_of_violation", "Khi có dấu hiệu vi phạm"
    LOWER_INSPECTION_WORK = "lower_inspection_work", "Việc thực hiện nhiệm vụ kiểm tra, giám sát của cấp dưới"
    PARTY_FINANCE = "party_finance", "Tài chính đảng"
    THEMATIC = "thematic", "Chuyên đề"


class PerformingBody(models.TextChoices):
    """The body of an organization that inspects, supervises or decides a discipline."""

    EXECUTIVE = "executive", "Cấp ủy (Ban Chấp hành)"
    STANDING = "standing", "Ban Thường vụ"
    INSPECTION_COMMITTEE = "inspection_committee", "Ủy ban Kiểm tra"
    CELL = "cell", "Chi bộ"


class Programme(models.Model):
    """Chương trình kiểm tra, giám sát: the yearly programme of one body, with its planned items."""

    organization = models.ForeignKey(
        Organization,
        verbose_name="Tổ chức đảng",
        on_delete=models.PROTECT,
        related_name="oversight_programmes",
    )
    body = models.CharField("Chủ thể", max_length=24, choices=PerformingBody.choices)
    year = models.PositiveSmallIntegerField("Năm")
    title = models.CharField("Tên chương trình", max_length=300)
    decision_number = models.CharField("Số văn bản", max_length=60, blank=True)
    note = models.TextField("Ghi chú", blank=True)
    search_text = models.TextField("Tên để tìm (không dấu)", blank=True, default="", editable=False)  # work.search

    class Meta:
        verbose_name = "Chương trình kiểm tra, giám sát"
        verbose_name_plural = "Chương trình kiểm tra, giám sát"
        ordering = ["-year", "organization__sort_key", "body"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "body", "year"], name="one_programme_per_body_year")
        ]

    def __str__(self) -> str:
        return self.title


class ProgrammeItem(models.Model):
    """A planned inspection or supervision of a programme: subject, kind and planned month."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="items")
    activity = models.CharField("Hoạt động", max_length=12, choices=Activity.choices)
    kind = models.CharField("Loại", max_length=24, choices=OversightKind.choices)
    subject_organization = models.ForeignKey(
        Organization,
        verbose_name="Tổ chức được kiểm tra, giám sát",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject_member = models.ForeignKey(
        Member,
        verbose_name="Đảng viên được kiểm tra, giám sát",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    planned_month = models.PositiveSmallIntegerField("Tháng dự kiến")
    content = models.TextField("Nội dung", blank=True)
    search_text = models.TextField("Nội dung để tìm (không dấu)", blank=True, default="", editable=False)

    class Meta:
        verbose_name = "Nội dung trong chương trình"
        verbose_name_plural = "Nội dung trong chương trình"
        ordering = ["programme", "planned_month", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(subject_organization__isnull=True) ^ Q(subject_member__isnull=True),
                name="programme_item_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(planned_month__gte=1, planned_month__lte=12), name="programme_item_month"
            ),
        ]

    def __str__(self) -> str:
        subject = self.subject_organization or self.subject_member
        return f"{self.get_activity_display()} {subject} (tháng {self.planned_month})"


class Oversight(models.Model):
    """Một cuộc kiểm tra hoặc giám sát (`activity`) by a body of an organization, of one or more subjects.

    Period rule: an activity belongs to a period when its `start_date` falls in it (see `queries`).
    """

    activity = models.CharField("Hoạt động", max_length=12, choices=Activity.choices)
    kind = models.CharField("Loại", max_length=24, choices=OversightKind.choices)
    organization = models.ForeignKey(
        Organization,
        verbose_name="Tổ chức đảng tiến hành",
        on_delete=models.PROTECT,
        related_name="oversights",
    )
    body = models.CharField("Chủ thể tiến hành", max_length=24, choices=PerformingBody.choices)
    start_date = models.DateField("Ngày bắt đầu")
    end_date = models.DateField("Ngày kết thúc", null=True, blank=True)
    decision_number = models.CharField("Số quyết định, kế hoạch", max_length=60, blank=True)
    content = models.TextField("Nội dung")
    conclusion = models.TextField("Kết luận", blank=True)
    violations_found = models.BooleanField("Có vi phạm", default=False)
    violations = models.TextField("Vi phạm phát hiện", blank=True)
    follow_up = models.TextField("Kiến nghị, xử lý sau kiểm tra, giám sát", blank=True)
    search_text = models.TextField(
        "Nội dung, số quyết định để tìm (không dấu)", blank=True, default="", editable=False
    )  # kept by work.search
    programme_item = models.ForeignKey(
        ProgrammeItem,
        verbose_name="Theo chương trình",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="oversights",
    )
    # The province the performing organization lies in now, kept by the database as for member events
    # (members migration 0008, work migration 0005), so that a province's report reads its own oversights.
    province = models.ForeignKey(
        Organization, null=True, blank=True, editable=False, db_index=False, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "Cuộc kiểm tra, giám sát"
        verbose_name_plural = "Kiểm tra, giám sát"
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["activity", "kind", "start_date"]),
            models.Index(fields=["organization", "start_date"]),
            # The oversight indicators read an activity's records of a period, with their organization, kind
            # and id (to join their subjects), from this index alone.
            models.Index(fields=["activity", "start_date", "organization", "kind", "id"], name="work_oversight_period"),
        ]

    def __str__(self) -> str:
        return f"{self.get_activity_display()} {self.get_kind_display().lower()} ({self.start_date:%d/%m/%Y})"


class OversightSubject(models.Model):
    """Đối tượng: one organization or one member that an inspection or supervision was about."""

    oversight = models.ForeignKey(Oversight, on_delete=models.CASCADE, related_name="subjects")
    organization = models.ForeignKey(
        Organization,
        verbose_name="Tổ chức đảng",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="oversight_subjects",
    )
    member = models.ForeignKey(
        Member,
        verbose_name="Đảng viên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="oversight_subjects",
    )
    note = models.CharField("Ghi chú", max_length=300, blank=True)

    class Meta:
        verbose_name = "Đối tượng kiểm tra, giám sát"
        verbose_name_plural = "Đối tượng kiểm tra, giám sát"
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=True) ^ Q(member__isnull=True), name="oversight_one_subject"
            ),
            models.UniqueConstraint(fields=["oversight", "organization"], name="oversight_subject_org_once"),
            models.UniqueConstraint(fields=["oversight", "member"], name="oversight_subject_member_once"),
        ]

    def __str__(self) -> str:
        return str(self.organization or self.member)


# Discipline --------------------------------------------------------------------------------------------


class DisciplineForm(models.TextChoices):
    """Hình thức kỷ luật; which forms apply to whom is a rule (`discipline.forms.*`)."""

    REPRIMAND = "reprimand", "Khiển trách"
    WARNING = "warning", "Cảnh cáo"
    DISMISSAL = "dismissal", "Cách chức"
    EXPULSION = "expulsion", "Khai trừ"
    DISSOLUTION = "dissolution", "Giải tán"


class Discipline(models.Model):
    """Quyết định kỷ luật of an organization or a member by a deciding body, with its effect on the record."""

    organization = models.ForeignKey(
        Organization,
        verbose_name="Tổ chức đảng quyết định",
        on_delete=models.PROTECT,
        related_name="discipline_decisions",
    )
    body = models.CharField("Cấp quyết định", max_length=24, choices=PerformingBody.choices)
    subject_organization = models.ForeignKey(
        Organization,
        verbose_name="Tổ chức đảng bị kỷ luật",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disciplines",
    )
    subject_member = models.ForeignKey(
        Member,
        verbose_name="Đảng viên bị kỷ luật",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disciplines",
    )
    member_status = models.CharField(
        "Đảng viên lúc kỷ luật",
        max_length=14,
        blank=True,
        help_text="Chính thức hoặc dự bị, vào ngày quyết định",
    )
    form = models.CharField("Hình thức kỷ luật", max_length=12, choices=DisciplineForm.choices)
    position = models.ForeignKey(
        Position,
        verbose_name="Chức vụ bị cách",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField("Ngày quyết định")
    decision_number = models.CharField("Số quyết định", max_length=60)
    reason = models.TextField("Nội dung vi phạm, lý do")
    oversight = models.ForeignKey(
        Oversight,
        verbose_name="Qua kiểm tra",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="disciplines",
    )
    member_event = models.ForeignKey(
        "members.MemberEvent", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    regulation = models.CharField("Quy định áp dụng", max_length=300, blank=True)
    note = models.TextField("Ghi chú", blank=True)

    class Meta:
        verbose_name = "Quyết định kỷ luật"
        verbose_name_plural = "Kỷ luật"
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(subject_organization__isnull=True) ^ Q(subject_member__isnull=True),
                name="discipline_one_subject",
            ),
        ]
        indexes = [models.Index(fields=["decided_on"])]

    def __str__(self) -> str:
        subject = self.subject_organization or self.subject_member
        return f"{self.get_form_display()} {subject} ({self.decided_on:%d/%m/%Y})"
