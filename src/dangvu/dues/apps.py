"""Party dues (đảng phí): what each member owes each month, collection by the cell, remittance up the tree."""

from django.apps import AppConfig


class DuesConfig(AppConfig):
    name = "dangvu.dues"
    verbose_name = "Đảng phí"

    def ready(self):
        from dangvu.members import panels

        from . import views_member

        panels.register(views_member.member_panel)
