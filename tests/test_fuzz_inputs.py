"""Malformed input never answers 500: every list page of the access matrix with every query parameter the views
read set to hostile values ("²", huge integers, year 0001 and 9999 dates, the open-end sentinel …), every URL
with an integer part given integers beyond the database's range, and the date fields of the forms given dates
out of 1930–2100, for an administrator and a cell secretary. The failures are collected and listed together."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from test_access_matrix import LIST_PAGES, PATTERNS, out_of_scope_kwargs, world  # noqa: F401 - world is a fixture

pytestmark = pytest.mark.django_db

SOURCE = Path(__file__).resolve().parent.parent / "src" / "dangvu"
# Every query parameter a view reads (request.GET.get("…")), found in the source so a new one is fuzzed too.
PARAMETERS = sorted(
    {
        name
        for path in SOURCE.rglob("*.py")
        for name in re.findall(r"""GET\.get(?:list)?\(["']([a-z_]+)["']""", path.read_text(encoding="utf-8"))
    }
    | {"ky", "nam", "trang", "page", "to_chuc", "ngay", "tu", "den"}
)
CORPUS = [
    "²",
    "١٢",
    "abc",
    "-1",
    "0",
    "99999999999999999999",
    "3000000000",
    "9999-12-31",
    "0001-01-01",
    "31/02/2020",
    "2020-13-45",
    "1-1-1",
    "' OR 1=1 --",
    "%00",
    "\u202e",
    "x" * 3000,
]
HUGE_IDS = [10**20, 2**63, 2**31]


def _failures(client, urls) -> tuple[int, list[str]]:
    client.raise_request_exception = False
    failed = []
    for url in urls:
        if client.get(url).status_code >= 500:
            failed.append(url)
    return len(urls), failed


@pytest.mark.parametrize("role", ["admin", "cell_secretary"])
def test_hostile_query_values_never_answer_500(client, users, world, role):  # noqa: F811
    client.force_login(users[role])
    urls = []
    for name in LIST_PAGES:
        base = reverse(name)
        for value in CORPUS:
            urls.append(base + "?" + "&".join(f"{p}={value}" for p in PARAMETERS))
    tried, failed = _failures(client, urls)
    assert tried > 500 and not failed, f"{len(failed)} of {tried} answered 500: {failed[:20]}"


def test_integers_beyond_the_database_never_answer_500(client, users, world):  # noqa: F811
    client.force_login(users["admin"])
    kwargs = out_of_scope_kwargs(world)
    urls = []
    for name, _route, _params in PATTERNS:
        if name not in kwargs:
            continue
        for huge in HUGE_IDS:
            values = {k: (huge if isinstance(v, int) else v) for k, v in kwargs[name].items()}
            if values != kwargs[name]:
                urls.append(reverse(name, kwargs=values))
    tried, failed = _failures(client, urls)
    assert tried > 50 and not failed, f"{len(failed)} of {tried} answered 500: {failed[:20]}"


def test_a_nul_character_in_the_address_answers_the_vietnamese_400_page(client, users, world):  # noqa: F811
    client.force_login(users["admin"])
    client.raise_request_exception = False
    response = client.get("/dang-vien/" + "?q=a%00b")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()
    assert client.get("/dang-vien/" + "?q=ab").status_code == 200


POST_CORPUS = [
    "²",
    "99999999999999999999",
    "-1",
    "9999-12-31",
    "0001-01-01",
    "31/02/2020",
    "x" * 3000,
    "' OR 1=1 --",
    "\u202e",
    "a\x00b",
    "",
]


class _FormFields(HTMLParser):
    """The names of the fields of every form with method post on a page."""

    def __init__(self):
        super().__init__()
        self.forms: list[set[str]] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._inside = True
            self.forms.append(set())
        elif (
            self._inside
            and tag in ("input", "select", "textarea")
            and attrs.get("name")
            and (attrs.get("type") not in ("file", "submit", "hidden") or attrs["name"] != "csrfmiddlewaretoken")
        ):
            self.forms[-1].add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False


def _form_pages(world) -> list[str]:  # noqa: F811 - the fixture's value, passed on
    kwargs = out_of_scope_kwargs(world)
    urls = []
    for name, _route, params in PATTERNS:
        if name.startswith("admin") or name in ("logout",):
            continue
        if params and name not in kwargs:
            continue
        urls.append(reverse(name, kwargs=kwargs[name]) if params else reverse(name))
    return urls


def test_hostile_form_values_never_answer_500(client, users, world):  # noqa: F811
    """Every form of every page the administrator opens (every form there is), posted with every field set to
    each hostile value."""
    client.force_login(users["admin"])
    client.raise_request_exception = False
    tried, failed = 0, []
    for url in _form_pages(world):
        page = client.get(url)
        if page.status_code != 200 or "text/html" not in page.get("Content-Type", ""):
            continue
        parser = _FormFields()
        parser.feed(page.content.decode())
        for fields in parser.forms:
            fields.discard("csrfmiddlewaretoken")
            for value in POST_CORPUS:
                tried += 1
                if client.post(url, {name: value for name in fields}).status_code >= 500:
                    failed.append(f"{url} {value[:20]!r}")
    assert tried > 200 and not failed, f"{len(failed)} of {tried} answered 500: {failed[:20]}"


def test_a_nul_character_in_a_posted_text_is_taken_out_and_the_text_kept(rf):
    from django.core.exceptions import SuspiciousOperation

    from dangvu.core.middleware import NullCharacterMiddleware

    seen = {}
    middleware = NullCharacterMiddleware(lambda request: seen.setdefault("post", request.POST))
    middleware(rf.post("/dang-vien/them/", {"family_name": "Ng\x00ô", "note\x00": ["a\x00", "b"]}))
    assert seen["post"]["family_name"] == "Ngô" and seen["post"].getlist("note") == ["a", "b"]
    with pytest.raises(SuspiciousOperation):
        middleware(rf.get("/dang-vien/?q=a%00b"))
