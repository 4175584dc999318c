"""Key tasks (nhiệm vụ trọng tâm), their assignees, progress and sub-tasks."""

from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "dangvu.tasks"
    verbose_name = "Nhiệm vụ trọng tâm"
