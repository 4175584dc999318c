"""URL patterns of the work records pages (prefix "cong-tac/")."""

app_name = "work"
urlpatterns: list = []
