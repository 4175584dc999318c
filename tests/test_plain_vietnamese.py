"""Every list page of the access matrix, for every role, and every page with its parameters for the
administrator (the forms and detail pages of the other province's objects), reads as Vietnamese: no raw audit
action key, no literal "None", no English select placeholder."""

import re

import pytest
from django.urls import reverse

from dangvu.core.audit_labels import ACTION_LABELS
from test_access_matrix import LIST_PAGES, PATTERNS, ROLES, out_of_scope_kwargs, world  # noqa: F401

pytestmark = pytest.mark.django_db
TEXT_NODE = re.compile(r">([^<>]+)<")
ENGLISH = ["- Select an option -", "---------", "None None"]


def leaks(html: str) -> list[str]:
    html = re.sub(r"<(script|style|code)\b.*?</\1>", "", html, flags=re.S)
    found = [word for word in ENGLISH if word in html]
    for text in TEXT_NODE.findall(html):
        text = text.strip()
        if text == "None" or text in ACTION_LABELS:
            found.append(text)
    return found


@pytest.mark.parametrize("role", ROLES)
def test_list_pages_read_as_vietnamese(client, users, world, role):  # noqa: F811
    client.force_login(users[role])
    problems = []
    for name in LIST_PAGES:
        response = client.get(reverse(name), follow=True)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            problems += [f"{reverse(name)}: {leak}" for leak in leaks(response.content.decode())]
    assert problems == []


def test_every_page_reads_as_vietnamese_for_the_administrator(client, users, world):  # noqa: F811
    client.force_login(users["admin"])
    kwargs = out_of_scope_kwargs(world)
    problems, read = [], 0
    for name, _route, params in PATTERNS:
        if name.startswith("admin") or name == "logout" or (params and name not in kwargs):
            continue
        url = reverse(name, kwargs=kwargs[name]) if params else reverse(name)
        response = client.get(url, follow=True)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            read += 1
            problems += [f"{url}: {leak}" for leak in leaks(response.content.decode())]
    assert read > 100 and problems == []
