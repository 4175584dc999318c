"""Every list page of the access matrix, for every role, reads as Vietnamese: no raw audit action key, no literal
"None", no English select placeholder."""

import re

import pytest
from django.urls import reverse

from dangvu.core.audit_labels import ACTION_LABELS
from test_access_matrix import LIST_PAGES, ROLES, world  # noqa: F401  (the fixture)

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
