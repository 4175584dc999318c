"""Every page carries a Content-Security-Policy that allows scripts from the site's own files only (no inline
script, no eval), forbids framing, and a Referrer-Policy; no template holds an inline script or an on…= handler
that the policy would block; in a real browser the pages run their scripts under the policy without a single
violation (the dues sheet's "Điền đủ số phải đóng" button, htmx, the report charts as data: images)."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from test_browser_foundation import login

SOURCE = Path(__file__).resolve().parent.parent / "src" / "dangvu"


def _directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_pages_carry_the_policy_and_the_referrer_policy(client, users):
    for url, who in [("/dang-nhap/", None), ("/tong-quan/", "office"), ("/tin-tuc/", None)]:
        if who:
            client.force_login(users[who])
        response = client.get(url)
        assert response.status_code == 200, url
        policy = _directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], url  # no 'unsafe-inline', no 'unsafe-eval'
        assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_no_template_holds_an_inline_script():
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|javascript:", re.IGNORECASE)
    found = [
        f"{path.relative_to(SOURCE)}: {match.group(0)}"
        for path in SOURCE.rglob("*.html")
        for match in inline.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_scripts_run_under_the_policy_without_violation(page, live_server, users, tree):
    from dangvu.accounts.scope import scope_for
    from dangvu.dues import actions

    office = scope_for(users["office"])
    actions.set_basis(
        office, users["own_member"], kind="insured_salary", amount=5_200_000, first_month=date(2025, 12, 1)
    )
    actions.compute_month(office, tree["ward"], date(2026, 2, 1))
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    login(page, live_server, "u-cell_secretary")
    page.goto(f"{live_server.url}{reverse('dues_sheet', args=[tree['cell_a'].code])}?thang=02/2026")
    paid = page.locator(f"input[name='l{users['own_member'].pk}-paid']")
    assert paid.input_value() == ""
    page.get_by_role("button", name="Điền đủ số phải đóng").click()
    assert paid.input_value() == "52000"
    for url in ["/tong-quan/", "/dang-vien/", "/to-chuc/", "/tin-tuc/"]:
        page.goto(f"{live_server.url}{url}")
    assert violations == []
