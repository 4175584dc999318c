"""The application as bench/pages.py serves it through gunicorn: the site, and one page more — an empty
logged-in page (the base template with its navigation, the session, the user and the scope, nothing of its
own), the ceiling the main pages are compared with."""

import os

from django.http import HttpResponse

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")

from django.conf import settings  # noqa: E402

settings.ROOT_URLCONF = "bench_site"

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

from django.contrib.auth.decorators import login_required  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.urls import path  # noqa: E402

from dangvu.urls import urlpatterns as site  # noqa: E402

EMPTY_PAGE = "/_do-hieu-nang/trang-trong/"


@login_required
def empty(request) -> HttpResponse:
    return render(request, "base.html", {})


urlpatterns = [path(EMPTY_PAGE.strip("/") + "/", empty), *site]
