"""URL patterns of the admission pipeline, under "ket-nap/"."""

urlpatterns: list = []
