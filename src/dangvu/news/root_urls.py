"""The public RSS feed and sitemap at the site root ("rss.xml", "sitemap.xml")."""

urlpatterns: list = []
