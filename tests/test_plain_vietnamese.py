"""Every page reads as Vietnamese for every role: the list pages of the access matrix, and every page with its
parameters (the forms and detail pages of the other province's objects) for the administrator and for each
role mandated there too (office, inspection, leader, cell secretary, member), so that the pages and choices only
a role sees are read: no raw audit action key or stored value ("cell_monthly", "meetings.attendance_share"), no
literal "None" or "True", no English select placeholder, in the text or in what a field shows (placeholder,
title)."""

import re

import pytest
from django.urls import reverse

from dangvu.core.audit_labels import ACTION_LABELS
from test_access_matrix import LIST_PAGES, PATTERNS, ROLES, out_of_scope_kwargs, world  # noqa: F401

pytestmark = pytest.mark.django_db
TEXT_NODE = re.compile(r">([^<>]+)<")
SHOWN_ATTRIBUTE = re.compile(r'\b(?:placeholder|title|aria-label|alt)="([^"]*)"')
ENGLISH = [
    "- Select an option -",
    "---------",
    "None None",
    "object at 0x",
    "<QuerySet",
    "Traceback",
    "mm/yyyy",
    "dd/mm",
]  # date formats are "ngày/tháng/năm", "tháng/năm"
# A key or a stored value shown as it is: "cell_monthly", "meetings.attendance_share", "True".
IDENTIFIER = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[a-z][a-z_]*(?:\.[a-z][a-z_]*)+")
RAW = {"None", "True", "False", "null", "undefined", "NaN"}
# English a user would read: a text of plain ASCII holding one of these words.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|of|for|with|from|is|are|this|that|please|select|choose|enter|required|field|submit|save|cancel|"
    r"delete|edit|add|search|next|previous|page|total|name|date|status|yes|no|back|login|logout|password|"
    r"username|email|error|warning|upload|download|export|import|report|settings|currently|change|clear|"
    r"file|none|unknown|invalid|valid|value|choice|option|list|view|show|hide|close|open|new|create|update)\b",
    re.I,
)


def leaks(html: str) -> list[str]:
    html = re.sub(r"<(script|style|code)\b.*?</\1>", "", html, flags=re.S)
    found = [word for word in ENGLISH if word in html]
    for text in TEXT_NODE.findall(html) + SHOWN_ATTRIBUTE.findall(html):
        text = text.strip()
        raw = text in RAW or text in ACTION_LABELS
        key = IDENTIFIER.fullmatch(text) and not text.endswith((".xlsx", ".docx"))
        english = text.isascii() and re.search(r"[A-Za-z]{2}", text) and ENGLISH_WORDS.search(text)
        if raw or key or english:
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


def read_every_page(client, world) -> tuple[int, list[str]]:  # noqa: F811
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
    return read, problems


def test_every_page_reads_as_vietnamese_for_the_administrator(client, users, world):  # noqa: F811
    client.force_login(users["admin"])
    read, problems = read_every_page(client, world)
    assert read > 100 and problems == []


# Where each role is mandated in the other province too, so that its objects' pages open for the role.
ROLE_PLACES = {
    "office": "province",
    "inspection": "province",
    "leader": "province",
    "cell_secretary": "org",
    "member": "org",
}
PAGES_READ = {"office": 130, "inspection": 70, "leader": 60, "cell_secretary": 90, "member": 35}  # read today:
# 144, 80, 69, 107, 45


@pytest.mark.parametrize("role", ROLES)
def test_every_page_reads_as_vietnamese_for_each_role(client, users, world, role):  # noqa: F811
    from datetime import date

    from dangvu.accounts import actions as account_actions

    account_actions.grant_mandate(
        None,
        users[role],
        role=role,
        organization=world[ROLE_PLACES[role]],
        valid_from=date(2015, 1, 1),
        person=world["member"].person if role == "member" else None,
    )
    client.force_login(users[role])
    read, problems = read_every_page(client, world)
    assert read > PAGES_READ[role] and problems == [], (read, problems)
