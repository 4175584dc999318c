"""Fixtures and helpers of the reports tests: a small city built through actions with the demo's work
records (the article's figures: 22/20 inspected, 19/7 under thematic supervision, 2 classes for 120
candidates, 1 new-member class), and a quick way to take a report through its lifecycle."""

import io
import random
from datetime import date

from docx import Document

from dangvu.organizations import actions as org_actions
from dangvu.organizations.actions import NameSpec
from dangvu.organizations.models import Body, Kind, Post
from dangvu.reports import actions, kinds
from dangvu.reports.periods import Period
from dangvu.work import actions as work_actions
from dangvu.work.demo import load_work_records
from dangvu.work.models import Activity, OversightKind, PerformingBody

NINE_MONTHS = Period(date(2020, 1, 1), date(2020, 9, 30))
REPORT_DAY = date(2020, 10, 8)
TODAY = date(2026, 11, 1)


def build_small_city(tree, make_member) -> dict:
    """Phủ Lý with 16 grassroots organizations, 55 members and the demo's work records of 2019–2021."""
    on = date(2010, 1, 1)
    grassroots, cells = [tree["ward"], tree["school"]], [tree["cell_a"], tree["cell_b"]]
    for n in range(14):
        committee = org_actions.establish(
            None,
            code=f"dbcs{n}",
            kind=Kind.GRASSROOTS_COMMITTEE,
            parent=tree["city"],
            on=on,
            committee_code="ĐU",
            names=NameSpec(f"Đảng bộ cơ sở số {n}", f"Đảng ủy cơ sở số {n}", "Đảng ủy"),
        )
        grassroots.append(committee)
        for k in range(2):
            cells.append(
                org_actions.establish(
                    None,
                    code=f"dbcs{n}-cb{k}",
                    kind=Kind.CELL,
                    parent=committee,
                    on=on,
                    committee_code="CB",
                    names=NameSpec(f"Chi bộ {k + 1} đảng bộ {n}", "Chi bộ", "Chi bộ"),
                )
            )
    units = cells + [tree["school"]]
    members = [
        make_member(
            units[n % len(units)],
            given=f"Viên{n}",
            admitted=date(2000 + n % 10, 3, 1),
            official=date(2001 + n % 10, 3, 1),
        )
        for n in range(50)
    ]
    members += [
        make_member(
            units[n], given=f"Mới{n}", birth=date(1995, 2, 2), admitted=date(2019, 8, 1), official=date(2020, 8, 1)
        )
        for n in range(5)
    ]
    org_actions.assign_position(
        None,
        person=members[3].person,
        organization=tree["city"],
        body=Body.PERMANENT,
        post=Post.SECRETARY,
        valid_from=date(2015, 7, 16),
        term="2015–2020",
    )
    ctx = {"phuly": tree["city"], "grassroots": grassroots, "cells": cells, "members": members}
    result = load_work_records(random.Random(2020), ctx)
    return {**tree, "grassroots": grassroots, "cells": cells, "members": members, "work": result}


def inspect(
    org,
    subjects=(),
    members=(),
    *,
    on,
    activity=Activity.INSPECTION,
    kind=OversightKind.REGULAR,
    body=PerformingBody.INSPECTION_COMMITTEE,
):
    return work_actions.create_oversight(
        None,
        activity=activity,
        kind=kind,
        organization=org,
        body=body,
        start_date=on,
        content="Việc chấp hành Điều lệ Đảng",
        subject_organizations=list(subjects),
        subject_members=list(members),
        today=TODAY,
    )


def nine_month_report(organization, actor=None, *, document_date=REPORT_DAY, period=NINE_MONTHS):
    return actions.create_report(
        actor,
        organization=organization,
        kind=kinds.kind_by_code("interim-9"),
        period=period,
        document_date=document_date,
    )


def issued(report, actor=None):
    actions.approve(actor, report)
    return actions.issue(actor, report)


def docx_text(content: bytes) -> str:
    """Every paragraph of a .docx, its tables' cells included, one per line."""
    document = Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(p.text for p in cell.paragraphs)
    return "\n".join(lines)
