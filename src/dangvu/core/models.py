"""Audit events: who changed or read what, when, from where, before and after, and why."""

from typing import Never

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One recorded change or export. Written only by `core.audit.record`; never edited or deleted."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(max_length=300, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    reason = models.CharField(max_length=500, blank=True)
    client_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["organization", "at"]),
            models.Index(fields=["actor", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.action} {self.object_label}"

    def save(self, *args, **kwargs) -> None:
        if self.pk:
            raise PermissionError("Nhật ký thay đổi không được sửa.")
        super().save(*args, **kwargs)

    @property
    def action_label(self) -> str:
        from .audit_labels import action_label

        return action_label(self.action)

    @property
    def object_type_label(self) -> str:
        from .audit_labels import object_label

        return object_label(self.object_type)

    @property
    def actor_name(self) -> str:
        if self.actor is None:
            return "Hệ thống"
        return self.actor.first_name or self.actor.username

    def delete(self, *args, **kwargs) -> Never:
        raise PermissionError("Nhật ký thay đổi không được xóa.")


class Holiday(models.Model):
    """A public holiday (ngày nghỉ lễ), kept as data per year because Tết moves every year."""

    day = models.DateField(unique=True)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"
