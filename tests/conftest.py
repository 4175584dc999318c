"""Shared fixtures: a small tree built through actions, like real use, and users with mandates."""

from datetime import date

import pytest

from dangvu.organizations import actions as org_actions
from dangvu.organizations.actions import NameSpec
from dangvu.organizations.models import Kind


@pytest.fixture
def tree(db):
    """Province > city > ward committee > two cells, and an agency grassroots cell; established 2010."""
    on = date(2010, 1, 1)

    def make(code, kind, name, parent=None, short="", locality="", committee_code="ĐU", place=""):
        return org_actions.establish(
            None,
            code=code,
            kind=kind,
            parent=parent,
            on=on,
            committee_code=committee_code,
            names=NameSpec(
                name=name,
                committee_name=short and f"{short} {place}".strip(),
                committee_short=short,
                locality=locality,
                place=place,
            ),
        )

    province = make(
        "hanam",
        Kind.PROVINCE,
        "Đảng bộ tỉnh Hà Nam",
        short="Tỉnh ủy",
        locality="tỉnh",
        committee_code="TU",
        place="Hà Nam",
    )
    city = make(
        "phuly",
        Kind.DISTRICT,
        "Đảng bộ thành phố Phủ Lý",
        province,
        short="Thành ủy",
        locality="thành phố",
        committee_code="TU",
        place="Phủ Lý",
    )
    ward = make(
        "quangtrung",
        Kind.GRASSROOTS_COMMITTEE,
        "Đảng bộ phường Quang Trung",
        city,
        short="Đảng ủy",
        locality="phường",
        place="phường Quang Trung",
    )
    cell_a = make("qt-cb1", Kind.CELL, "Chi bộ tổ dân phố số 1", ward, short="Chi bộ", committee_code="CB")
    cell_b = make("qt-cb2", Kind.CELL, "Chi bộ tổ dân phố số 2", ward, short="Chi bộ", committee_code="CB")
    school = make("thpt", Kind.GRASSROOTS_CELL, "Chi bộ Trường THPT Phủ Lý", city, short="Chi bộ", committee_code="CB")
    return {"province": province, "city": city, "ward": ward, "cell_a": cell_a, "cell_b": cell_b, "school": school}


@pytest.fixture
def make_member(db):
    """Create a member through the action with valid defaults; keyword arguments override them."""
    from dangvu.members import actions as member_actions

    counter = {"n": 0}

    def make(
        organization,
        *,
        family="Nguyễn",
        middle="Văn",
        given="An",
        gender="male",
        birth=date(1980, 5, 17),
        admitted=date(2005, 3, 10),
        official=date(2006, 3, 10),
        actor=None,
        **person,
    ):
        counter["n"] += 1
        serial = f"{counter['n']:06d}"
        digit = "0" if gender == "male" else "1"
        if birth.year >= 2000:
            digit = "2" if gender == "male" else "3"
        cid = person.pop("citizen_id", f"035{digit}{birth.year % 100:02d}{serial}")
        card_number = person.pop("card_number", None)
        return member_actions.create_member(
            actor,
            organization=organization,
            admitted_on=admitted,
            official_on=official,
            card_number=card_number,
            person={
                "family_name": family,
                "middle_name": middle,
                "given_name": given,
                "gender": gender,
                "birth_date": birth,
                "citizen_id": cid,
                **person,
            },
        )

    return make


@pytest.fixture
def other_tree(db):
    """A second province, out of scope for every user mandated in `tree`."""
    on = date(2010, 1, 1)
    province = org_actions.establish(
        None,
        code="namdinh",
        kind=Kind.PROVINCE,
        on=on,
        committee_code="TU",
        names=NameSpec("Đảng bộ tỉnh Nam Định", "Tỉnh ủy Nam Định", "Tỉnh ủy"),
    )
    cell = org_actions.establish(
        None,
        code="nd-cb1",
        kind=Kind.GRASSROOTS_CELL,
        parent=province,
        on=on,
        names=NameSpec("Chi bộ Trường THCS Nam Định", "Chi bộ", "Chi bộ"),
    )
    return {"province": province, "cell": cell}


@pytest.fixture
def users(db, tree, make_member):
    """One user per role, mandated at the city (the cell secretary at cell A, the member on own profile)."""
    from dangvu.accounts import actions as account_actions
    from dangvu.accounts.models import Role

    own = make_member(
        tree["cell_a"],
        family="Lê",
        middle="Thị",
        given="Hoa",
        gender="female",
        birth=date(1990, 1, 2),
        admitted=date(2015, 6, 1),
        official=date(2016, 6, 1),
    )
    made = {}
    for role, org in [
        (Role.OFFICE, tree["city"]),
        (Role.INSPECTION, tree["city"]),
        (Role.LEADER, tree["city"]),
        (Role.CELL_SECRETARY, tree["cell_a"]),
        (Role.MEMBER, tree["cell_a"]),
        (Role.ADMIN, tree["province"]),
    ]:
        user = account_actions.create_user(None, username=f"u-{role}", password="mat-khau-1")
        account_actions.grant_mandate(
            None,
            user,
            role=role,
            organization=org,
            valid_from=date(2015, 1, 1),
            person=own.person if role == Role.MEMBER else None,
        )
        made[role.value] = user
    made["own_member"] = own
    return made


def pytest_configure(config):
    """Fast password hashing: the tests create many users; the hash strength is not what they test."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SECURE_SSL_REDIRECT = False  # the test server speaks plain HTTP on loopback


@pytest.fixture(scope="session")
def browser():
    """The system's Chromium driven by Playwright (never a downloaded browser)."""
    import os
    import shutil

    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()
