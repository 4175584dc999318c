"""URL patterns of the key task pages (prefix "nhiem-vu/")."""

app_name = "tasks"
urlpatterns: list = []
