"""Tables of key tasks (nhiệm vụ trọng tâm): the task, its assignees, its progress updates.

A task's `progress` is a cache written only by `dangvu.tasks.progress`: for a task with applicable sub-tasks
it is their weighted average, for any other task the percentage of its last progress update. "Overdue" is not
stored: it is derived from the due date and the status (`Task.state_on`).
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from dangvu.members.models import Person
from dangvu.organizations.models import Organization


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Chưa thực hiện"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Hoàn thành"
    CANCELLED = "cancelled", "Hủy bỏ"


class State(models.TextChoices):
    """What a user sees: the stored status, with "overdue" derived from the due date."""

    NOT_STARTED = "not_started", "Chưa thực hiện"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Hoàn thành"
    DONE_LATE = "done_late", "Hoàn thành muộn"
    OVERDUE = "overdue", "Quá hạn"
    CANCELLED = "cancelled", "Hủy bỏ"


class SourceKind(models.TextChoices):
    CONCLUSION = "conclusion", "Kết luận hội nghị"
    RESOLUTION = "resolution", "Nghị quyết"
    DOCUMENT = "document", "Văn bản khác"


class Task(models.Model):
    """A key task, assigned by an organization (its owner) to organizations or people."""

    organization = models.ForeignKey(
        Organization, verbose_name="Tổ chức giao", on_delete=models.PROTECT, related_name="tasks"
    )
    parent = models.ForeignKey(
        "self", verbose_name="Thuộc nhiệm vụ", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    title = models.CharField("Tên nhiệm vụ", max_length=500)
    description = models.TextField("Nội dung", blank=True)
    source_kind = models.CharField("Căn cứ", max_length=12, choices=SourceKind.choices, default=SourceKind.CONCLUSION)
    source_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name="Hội nghị kết luận",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    source_document = models.CharField(
        "Văn bản căn cứ", max_length=200, blank=True, help_text="Ví dụ: Nghị quyết số 05-NQ/TU"
    )
    assigned_on = models.DateField("Ngày giao")
    due_on = models.DateField("Hạn hoàn thành", null=True, blank=True)
    weight = models.PositiveSmallIntegerField("Trọng số", default=1)
    not_applicable = models.BooleanField("Không áp dụng", default=False)
    status = models.CharField("Tình trạng", max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    done_on = models.DateField("Ngày hoàn thành", null=True, blank=True)
    progress = models.FloatField("Tiến độ (%)", default=0)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Nhiệm vụ"
        verbose_name_plural = "Nhiệm vụ"
        ordering = ["order", "id"]
        indexes = [
            models.Index(fields=["organization", "due_on"]),
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["assigned_on"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(progress__gte=0) & Q(progress__lte=100), name="progress_0_100"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="weight_at_least_1"),
            models.CheckConstraint(condition=~Q(status="done") | Q(done_on__isnull=False), name="done_has_date"),
        ]

    def __str__(self) -> str:
        return self.title

    def state_on(self, day: date) -> str:
        """The task's state as of a day: done (on time or late), overdue, or its stored status."""
        if self.status == Status.CANCELLED:
            return State.CANCELLED
        if self.status == Status.DONE and self.done_on and self.done_on <= day:
            return State.DONE_LATE if self.due_on and self.done_on > self.due_on else State.DONE
        if self.due_on and self.due_on < day:
            return State.OVERDUE
        if self.status == Status.DONE:  # done after `day`: as of `day` it was still being worked on
            return State.IN_PROGRESS
        return self.status


class AssigneeRole(models.TextChoices):
    LEAD = "lead", "Chủ trì"
    SUPPORT = "support", "Phối hợp"


class Assignment(models.Model):
    """Who carries a task: an organization or a person, as lead (chủ trì) or in support (phối hợp)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="task_assignments"
    )
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="task_assignments")
    role = models.CharField("Vai trò", max_length=8, choices=AssigneeRole.choices, default=AssigneeRole.LEAD)

    class Meta:
        ordering = ["task", "role", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(organization__isnull=False) & Q(person__isnull=True))
                | (Q(organization__isnull=True) & Q(person__isnull=False)),
                name="assignee_is_organization_or_person",
            ),
        ]

    def __str__(self) -> str:
        who = self.organization or self.person
        return f"{who} ({self.get_role_display()})"


def evidence_path(instance, filename: str) -> str:
    return f"tasks/{instance.task_id}/{filename}"


class ProgressUpdate(models.Model):
    """Báo cáo tiến độ: who reported, when, how far (percent), a note, and an evidence file."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_on = models.DateField("Ngày báo cáo")
    percent = models.PositiveSmallIntegerField("Tiến độ (%)")
    note = models.TextField("Ghi chú", blank=True)
    evidence = models.FileField("Tài liệu minh chứng", upload_to=evidence_path, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["task", "-reported_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(percent__lte=100), name="percent_at_most_100")]

    def __str__(self) -> str:
        return f"{self.task}: {self.percent}% ({self.reported_on:%d/%m/%Y})"
