"""The site root: the home page (public news for visitors), the RSS feed and the sitemap."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.site_home, name="home"),
    path("rss.xml", views.LatestNewsFeed(), name="news_rss"),
    path("sitemap.xml", views.sitemap, name="news_sitemap"),
]
