"""News articles (tin tức), their editing workflow, proofreading and the public news pages."""

from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "dangvu.news"
    verbose_name = "Tin tức"
