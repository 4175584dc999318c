"""The access matrix: every URL pattern, every role, and objects outside the user's scope answer 403 or 404.

Each URL with parameters needs an entry in OUT_OF_SCOPE_KWARGS that names an object of the other province
(out of every test user's scope); a new page without an entry fails `test_every_url_is_in_the_matrix`.
List pages (no parameters) must answer and must not show the other province's data.
"""

from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

PUBLIC = {"login", "logout", "home"}
PUBLIC_PREFIXES = ("news_public", "rss", "sitemap")
SENTINELS = ["Chi bộ Trường THCS Nam Định", "Ngoạiphạmvi"]


def all_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            yield from all_patterns(item, prefix + str(item.pattern))
        elif isinstance(item, URLPattern) and item.name:
            yield item.name, prefix + str(item.pattern), list(item.pattern.converters)


def is_public(name: str) -> bool:
    return name in PUBLIC or name.startswith(PUBLIC_PREFIXES) or name.startswith("admin")


@pytest.fixture
def world(other_tree, make_member):
    member = make_member(other_tree["cell"], family="Ngoạiphạmvi", middle="Văn", given="Xa")
    return {"org": other_tree["cell"], "province": other_tree["province"], "member": member}


def out_of_scope_kwargs(world) -> dict[str, dict]:
    """URL parameters naming an object outside every test user's scope, per URL name."""
    member, org = world["member"], world["org"]
    return {
        "organization_children": {"code": org.code},
        "organization_detail": {"code": org.code},
        "organization_change": {"code": org.code, "kind": "doi-ten"},
        "position_create": {"code": org.code},
        "member_detail": {"pk": member.pk},
        "member_edit": {"pk": member.pk},
        "member_event": {"pk": member.pk, "kind": "chuyen-sinh-hoat"},
    }


ROLES = ["office", "inspection", "leader", "cell_secretary", "member"]


def test_every_url_is_in_the_matrix(world):
    known = out_of_scope_kwargs(world)
    missing = [name for name, route, params in all_patterns() if params and not is_public(name)
               and name not in known]
    assert not missing, f"Add these URLs to the access matrix: {missing}"


@pytest.mark.parametrize("role", ROLES)
def test_objects_outside_the_scope_answer_403_or_404(client, users, world, role):
    from django.urls import reverse

    client.force_login(users[role])
    for name, kwargs in out_of_scope_kwargs(world).items():
        url = reverse(name, kwargs=kwargs)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (403, 404), f"{role} {method.upper()} {url}: {response.status_code}"


@pytest.mark.parametrize("role", ROLES)
def test_list_pages_never_show_what_lies_outside_the_scope(client, users, world, role):
    from django.urls import reverse

    client.force_login(users[role])
    for name, route, params in all_patterns():
        if params or is_public(name):
            continue
        response = client.get(reverse(name))
        assert response.status_code in (200, 302, 403, 405), f"{role} {route}: {response.status_code}"
        body = response.content.decode(errors="replace")
        for sentinel in SENTINELS:
            assert sentinel not in body, f"{role} sees {sentinel} on {route}"


def test_anonymous_users_are_sent_to_login(client, world):
    from django.urls import reverse

    kwargs = out_of_scope_kwargs(world)
    for name, _route, params in all_patterns():
        if is_public(name):
            continue
        url = reverse(name, kwargs=kwargs[name]) if params else reverse(name)
        response = client.get(url)
        assert response.status_code in (302, 403, 404), f"anonymous {url}: {response.status_code}"
        if response.status_code == 302:
            assert "/dang-nhap/" in response["Location"]


def test_administrator_reaches_everything(client, users, world):
    from django.urls import reverse

    client.force_login(users["admin"])
    assert client.get(reverse("member_detail", kwargs={"pk": world["member"].pk})).status_code == 200
    assert "Ngoạiphạmvi" in client.get(reverse("member_list"), {"q": "ngoaiphamvi"}).content.decode()


def test_a_mandate_outside_its_dates_gives_no_access(client, users, tree, make_member):
    from dangvu.accounts import actions

    member = make_member(tree["cell_b"], given="Bình")
    user = actions.create_user(None, username="expired", password="x-12345678")
    actions.grant_mandate(None, user, role="office", organization=tree["city"], valid_from=date(2015, 1, 1),
                          valid_to=date(2020, 1, 1))
    client.force_login(user)
    assert client.get(f"/dang-vien/{member.pk}/").status_code == 404
