"""Loading the Phủ Lý 2020 demo: the steps in order, in one transaction, reproducible from a seed.

`load(seed)` builds everything through the actions; `plan(seed)` computes, without any database, the
organizations, cells and members that `load(seed)` records, so two runs can be compared. A part of the
system that brings its own demo records appends a step to `STEPS` (see `steps.py`).
"""

import random
import time
from collections.abc import Callable
from typing import TextIO

from django.db import transaction

from dangvu.admission.demo import load_admissions
from dangvu.dues.demo import load_dues
from dangvu.meetings.demo import load_meetings_and_news
from dangvu.organizations.models import Organization
from dangvu.rating.demo import load_ratings
from dangvu.records.demo import load_cards
from dangvu.transfers.demo import load_transfers

from . import orgdata, people, steps
from .steps import Context

DEFAULT_SEED = 2020

Step = Callable[[random.Random, Context], None]
STEPS: list[Step] = [
    steps.organizations,
    steps.members,
    steps.member_histories,
    steps.article_people,
    steps.city_committee,
    steps.work_records,
    steps.grassroots_leaders,
    steps.badges,
    load_admissions,
    load_meetings_and_news,
    load_ratings,
    steps.reorganization_2025,
    load_dues,
    steps.users,
    load_transfers,
    load_cards,
]

# The logins `users` creates, for the table printed when the demo is already loaded.
DEMO_LOGINS = ["admin", "vanphong", "kiemtra", "lanhdao", "bithuchibo", "dangvien"]


def step_random(seed: int, step: Step | str) -> random.Random:
    """The generator of one step: the same for the same seed and step, whatever the other steps draw."""
    name = step if isinstance(step, str) else step.__name__
    return random.Random(f"{seed}:{name}")


def plan(seed: int = DEFAULT_SEED) -> tuple[list[orgdata.OrgSpec], list[orgdata.CellSpec], list[people.MemberPlan]]:
    """What `load(seed)` records for organizations, cells and members, computed without a database."""
    org_specs, cells = orgdata.organization_specs(step_random(seed, steps.organizations))
    return org_specs, cells, people.member_plans(step_random(seed, steps.members), cells)


def is_loaded() -> bool:
    """The database already holds organizations (the demo or real data): loading must not run."""
    return Organization.objects.exists()


def load(seed: int = DEFAULT_SEED, stdout: TextIO | None = None) -> Context:
    """Build the demo data set in an empty database; all of it, or nothing if a step fails."""
    ctx = Context(seed=seed, stdout=stdout)
    with transaction.atomic():
        for step in STEPS:
            started, cpu = time.monotonic(), time.process_time()
            ctx.log(f"{step.__doc__.splitlines()[0] if step.__doc__ else step.__name__}")
            step(step_random(seed, step), ctx)
            ctx.log(f"  ({time.monotonic() - started:.1f} s, CPU {time.process_time() - cpu:.1f} s)")
    return ctx


def logins_table(logins: list[tuple[str, str, str, str]]) -> str:
    """The demo logins as a plain-text table."""
    header = ("Tên đăng nhập", "Mật khẩu", "Vai trò", "Phạm vi")
    rows = [header, *logins]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    line = "+".join("-" * (w + 2) for w in widths)
    text = [f"+{line}+"]
    for n, row in enumerate(rows):
        text.append("| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |")
        if n == 0:
            text.append(f"+{line}+")
    text.append(f"+{line}+")
    return "\n".join(text)
