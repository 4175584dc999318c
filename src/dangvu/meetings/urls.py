"""URL patterns of the meeting pages (prefix "hoi-nghi/")."""

app_name = "meetings"
urlpatterns: list = []
