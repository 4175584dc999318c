"""URL patterns of the reports pages (prefix "bao-cao/")."""


app_name = "reports"

urlpatterns: list = []
