"""Helpers for the admission tests (no tests here): a cell of seven official members and a candidate walked
through the pipeline, step by step, through the actions."""

from datetime import date

import pytest

from dangvu.admission import actions
from dangvu.admission.models import Step
from dangvu.core.workdays import load_holidays

# One candidate's path in 2020–2021; tests override single dates.
PATH = {
    "listed": date(2019, 12, 2),
    "class": date(2020, 2, 10),
    "certificate": date(2020, 3, 20),
    "application": date(2020, 4, 1),
    "introducers": date(2020, 4, 15),
    "resolution": date(2020, 5, 12),
    "decision": date(2020, 6, 1),
    "ceremony": date(2020, 6, 15),
    "recognition": date(2021, 6, 25),
}
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh"]


@pytest.fixture
def cell(tree, make_member):
    """Cell A with seven official members (admitted 2005, official 2006) and one probationary member."""
    load_holidays()
    members = [make_member(tree["cell_a"], given=name, birth=date(1975, 1, 1 + i)) for i, name in enumerate(GIVEN)]
    probationary = make_member(
        tree["cell_a"], family="Đỗ", given="Mới", birth=date(1998, 1, 1), admitted=date(2019, 12, 1), official=None
    )
    return {"cell": tree["cell_a"], "members": members, "probationary": probationary, **tree}


PERSON = {
    "family_name": "Phạm",
    "middle_name": "Minh",
    "given_name": "Tuấn",
    "gender": "male",
    "birth_date": date(2000, 5, 12),
}


def walk(cell, until: Step, actor=None, person: dict | None = None, candidate=None, **dates):
    """A candidate of cell A recorded through every step up to and including `until` (from the listing, or
    from an already listed `candidate`)."""
    on = {**PATH, **dates}
    members = cell["members"]
    if candidate is None:
        candidate = actions.register(
            actor, person={**PERSON, **(person or {})}, organization=cell["cell"], listed_on=on["listed"]
        )
    steps = [
        (Step.IN_CLASS, lambda c: actions.send_to_class(actor, c, on=on["class"])),
        (Step.CERTIFIED, lambda c: actions.record_certificate(actor, c, number="GCN-15/2020", on=on["certificate"])),
        (Step.APPLIED, lambda c: actions.record_application(actor, c, on=on["application"])),
        (
            Step.INTRODUCED,
            lambda c: actions.record_introducers(
                actor,
                c,
                on=on["introducers"],
                introducers=[(members[0], date(2018, 1, 2)), (members[1], date(2017, 5, 1))],
            ),
        ),
        (
            Step.RESOLVED,
            lambda c: actions.record_resolution(actor, c, on=on["resolution"], votes_for=6, number="05-NQ/CB"),
        ),
        (
            Step.ADMITTED,
            lambda c: actions.record_decision(actor, c, number="120-QĐ/ĐU", on=on["decision"], by=cell["ward"]),
        ),
        (Step.PROBATION, lambda c: actions.record_ceremony(actor, c, on=on["ceremony"])),
        (Step.OFFICIAL, lambda c: actions.recognize(actor, c, number="88-QĐ/ĐU", on=on["recognition"])),
    ]
    for step, do in steps:
        if until == Step.LISTED:
            break
        candidate = do(candidate)
        if step == until:
            break
    return candidate
