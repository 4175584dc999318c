"""The work records' home page: the kinds of records, and what the user may do with them."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from dangvu.accounts.scope import INSPECT, WRITE, scope_for


@login_required
def home(request) -> HttpResponse:
    scope = scope_for(request.user)
    return render(request, "work/home.html", {"can_write": scope.can(WRITE), "can_inspect": scope.can(INSPECT)})
