"""URL patterns of the news pages (prefix "tin-tuc/"): the public list and articles, and the editors' pages."""

app_name = "news"
urlpatterns: list = []
