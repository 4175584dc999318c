"""The public RSS feed and sitemap at the site root ("rss.xml", "sitemap.xml")."""

from django.urls import path

from . import views

urlpatterns = [
    path("rss.xml", views.LatestNewsFeed(), name="news_rss"),
    path("sitemap.xml", views.sitemap, name="news_sitemap"),
]
