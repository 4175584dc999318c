"""Tables of meetings (hội nghị, sinh hoạt chi bộ): the meeting, its agenda, guests, attendance roll, and the
in-app notices the meetings and key tasks send.

A guest's titles are not stored: they are read from the position records on the meeting's date, unless the
meeting overrides them (`Guest.titles_override`). Attendance figures are counted from `Attendance` rows by
`dangvu.meetings.queries`; nothing here stores a figure.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from dangvu.members.models import Person
from dangvu.organizations.models import Organization


class Kind(models.TextChoices):
    CONFERENCE = "conference", "Hội nghị"
    EXECUTIVE = "executive", "Hội nghị Ban Chấp hành"
    STANDING = "standing", "Hội nghị Ban Thường vụ"
    REVIEW = "review", "Hội nghị sơ kết, tổng kết"
    CELL_MONTHLY = "cell_monthly", "Sinh hoạt chi bộ định kỳ"
    CELL_THEMATIC = "cell_thematic", "Sinh hoạt chi bộ chuyên đề"
    CONGRESS_SESSION = "congress_session", "Phiên họp đại hội"


CELL_KINDS = (Kind.CELL_MONTHLY, Kind.CELL_THEMATIC)


class PartOfDay(models.TextChoices):
    MORNING = "morning", "Sáng"
    AFTERNOON = "afternoon", "Chiều"
    EVENING = "evening", "Tối"
    FULL_DAY = "full_day", "Cả ngày"


class Status(models.TextChoices):
    PLANNED = "planned", "Dự kiến"
    HELD = "held", "Đã tổ chức"
    CANCELLED = "cancelled", "Hoãn, hủy"


class Meeting(models.Model):
    """One meeting convened by an organization: a conference, a committee meeting or a cell meeting."""

    organization = models.ForeignKey(
        Organization, verbose_name="Tổ chức triệu tập", on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField("Loại", max_length=20, choices=Kind.choices)
    title = models.CharField("Tên hội nghị, nội dung", max_length=300)
    date = models.DateField("Ngày")
    part_of_day = models.CharField("Buổi", max_length=10, choices=PartOfDay.choices, default=PartOfDay.MORNING)
    start_time = models.TimeField("Giờ bắt đầu", null=True, blank=True)
    venue = models.CharField("Địa điểm", max_length=200, blank=True)
    chair = models.ForeignKey(
        Person, verbose_name="Chủ trì", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    secretary = models.ForeignKey(
        Person, verbose_name="Thư ký", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField("Tình trạng", max_length=10, choices=Status.choices, default=Status.PLANNED)
    minutes = models.TextField("Biên bản", blank=True)
    conclusion = models.TextField("Kết luận", blank=True)
    concluded_by = models.ForeignKey(
        Person, verbose_name="Người kết luận", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agenda_sent_at = models.DateTimeField("Đã gửi chương trình lúc", null=True, blank=True)
    notice_number = models.CharField("Số thông báo kết luận", max_length=40, blank=True)
    notice_date = models.DateField("Ngày thông báo kết luận", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The roll's counts, kept by `rolls.count_rolls` whenever roll lines are written: the attendance figures
    # add these up instead of reading every roll line (millions a year for a province).
    roll_count = models.IntegerField(default=0, editable=False)
    present_count = models.IntegerField(default=0, editable=False)
    late_count = models.IntegerField(default=0, editable=False)
    excused_count = models.IntegerField(default=0, editable=False)
    unexcused_count = models.IntegerField(default=0, editable=False)

    class Meta:
        verbose_name = "Hội nghị"
        verbose_name_plural = "Hội nghị"
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["organization", "date"]),
            models.Index(fields=["kind", "date"]),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d/%m/%Y})"

    @property
    def is_cell_meeting(self) -> bool:
        return self.kind in CELL_KINDS


class AgendaItem(models.Model):
    """One item of the agenda: what is presented, by whom, and the document it rests on."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField("Thứ tự", default=1)
    title = models.CharField("Nội dung", max_length=300)
    presenter = models.ForeignKey(
        Person, verbose_name="Người trình bày", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    document_label = models.CharField("Văn bản", max_length=200, blank=True, help_text="Ví dụ: Báo cáo số 45-BC/TU")
    report = models.ForeignKey(
        "reports.Report",
        verbose_name="Báo cáo trình bày",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    attachment = models.FileField("Tài liệu gửi kèm", upload_to="meetings/%Y/", blank=True)

    class Meta:
        ordering = ["meeting", "order", "id"]

    def __str__(self) -> str:
        return self.title


class GuestRole(models.TextChoices):
    GUEST = "guest", "Đại biểu khách mời"
    INVITEE = "invitee", "Thành phần triệu tập"


class Guest(models.Model):
    """A person or a group (e.g. "các đồng chí trong BTV Thành ủy") invited to or attending a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guests")
    role = models.CharField("Vai trò", max_length=10, choices=GuestRole.choices, default=GuestRole.GUEST)
    person = models.ForeignKey(
        Person, verbose_name="Đồng chí", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    group_label = models.CharField("Hoặc thành phần (nhóm)", max_length=300, blank=True)
    titles_override = models.CharField(
        "Chức danh ghi riêng cho hội nghị này",
        max_length=300,
        blank=True,
        help_text="Để trống: lấy chức danh từ hồ sơ chức vụ tại ngày họp.",
    )
    attended = models.BooleanField("Có mặt", default=True)
    order = models.PositiveSmallIntegerField("Thứ tự nhập", default=0)

    class Meta:
        ordering = ["meeting", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(group_label="")) | (Q(person__isnull=True) & ~Q(group_label="")),
                name="guest_is_person_or_group",
            ),
        ]

    def __str__(self) -> str:
        return self.person.full_name if self.person_id else self.group_label


class Presence(models.TextChoices):
    PRESENT = "present", "Có mặt"
    LATE = "late", "Đến muộn"
    ABSENT_EXCUSED = "absent_excused", "Vắng có lý do"
    ABSENT_UNEXCUSED = "absent_unexcused", "Vắng không lý do"


PRESENT_STATES = (Presence.PRESENT, Presence.LATE)


class Attendance(models.Model):
    """One person on a meeting's roll, with whether they came."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    status = models.CharField("Tình hình dự họp", max_length=16, choices=Presence.choices, default=Presence.PRESENT)
    reason = models.CharField("Lý do vắng", max_length=300, blank=True)

    class Meta:
        ordering = ["meeting", "person__sort_key"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="one_roll_line_per_person")]
        indexes = [models.Index(fields=["meeting", "status"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_status_display()}"


class Notice(models.Model):
    """An in-app notice (thông báo trong hệ thống) to a person or to an organization's office."""

    recipient_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="notices"
    )
    recipient_organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="notices"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # The day of the record the notice is about (the task's assignment, the conclusion notice, the agenda sent),
    # which the inbox shows: a 2020 meeting's notice reads as of 2020 even when it was recorded later.
    dated = models.DateField("Ngày", null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient_person", "read_at"]),
            models.Index(fields=["recipient_organization", "read_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient_person__isnull=False) | Q(recipient_organization__isnull=False),
                name="notice_has_recipient",
            ),
        ]

    def __str__(self) -> str:
        return self.title
