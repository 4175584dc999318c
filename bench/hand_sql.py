"""Every report indicator in one hand-written SQL statement (PostgreSQL): the yardstick the indicators
(`dangvu.reports.figures.values`, one grouped query per indicator through the ORM) are timed against.

`hand_values(ids, period)` answers what `figures.values(ids, period)` answers, {key: {organization id: value}}
for every key of the registry, from one statement returning rows (key, ancestor id, number, share, label).
`same(orm, hand, ids)` lists the differences between two such answers, a key one of them lacks among them.
`uncovered()` lists the registry's keys that the statement neither computes (`SQL_KEYS`) nor leaves to Python
by name (`OUTSIDE_SQL`): a new indicator must be written here, or excluded with its reason, before the
comparison passes.

The statement implements the definitions of `dangvu.reports.indicators` (base.py, registry_members.py,
registry_work.py, registry_health.py), `dangvu.reports.terms`, `dangvu.meetings.indicators`/`attendance`,
`dangvu.rating.indicators`/`figures` and `dangvu.dues.indicators`:

- a stock (organizations, members, cells and their sizes, ratings, dues lines) is counted in the subtree as
  the tree stood on the period's last day: the closure rows (`organizations_ancestry`) valid on that day
  (CTE `sub`, NOT MATERIALIZED: written out in each branch, so that each branch joins the table itself as
  the indicators' queries do, with its statistics, hash joins and parallel workers; a materialized CTE scan
  had no statistics, led to merge joins and sorts and kept every branch serial);
- a dated record (a member event, an inspection or supervision, a discipline decision, a class and its
  participants) is counted inside the subtree on its own day (`indicators.base.ON_RECORD_DAY`): joined to the
  closure row valid on the record's date (CTE `dated`: the asked ancestors' rows valid on some day of the
  period, the day's condition in the join), so that a record of a cell that has moved out or ended since
  still counts where the cell was; the other end of a transfer is outside the subtree when no closure row
  valid on the transfer's day puts it inside (`indicators.base.outside_subtree`);
- the events and the oversights are read from their (type, date) and date ranges for every scope: the
  indicators read a province's own facts by their `province` column (`indicators.base.within_province`),
  which this statement does not use (the variants tried, arms chosen at run time, made communes 15 times
  slower), so from a province up it reads more;
- subjects are counted DISTINCT per subtree, except where a constraint makes the rows unique (one closure
  row per ancestor and descendant on a day, one placement per member on a day, one congress per
  organization and term, one dues line per member and month); the rating counts are of rating rows, as the
  indicators count them;
- the facts of one table are read once for all the indicators they feed (events of six types, the 22
  inspection and supervision figures, the two discipline counts, the course figures, the four cell-meeting
  figures, the three cell-size warnings, a rating table's counts per grade, the dues lines of the period):
  one row per ancestor with a COUNT(…) FILTER (…) per indicator, turned into (key, ancestor, value) rows by
  a LATERAL VALUES list (measured faster here than DISTINCT (key, ancestor, subject) then COUNT(*));
- the inspection and supervision figures by level: "own" is an oversight performed by the ancestor itself
  (closure row of depth 0, on the oversight's day), "below" by an organization under it (depth > 0);
  supervision.thematic.* keeps the thematic kind, the others every kind; oversight.* both activities;
- members.total adds up the cells' kept open placements (`members_registeredcount`; reading the 5.6
  million placements valid on the day took 0.8–0.9 s for the country), corrected by the placements begun or
  ended after the last day, each part joined to the closure rows by itself;
- the rule "registered in a cell on the event's date" is the event's `registered` column, kept by the
  database's triggers (as the indicators read it; probing the placements for each admission and recognition
  took half a second of the country's events); the transfer's other end is checked in the counts' FILTER,
  so on the subtree's events only, not in WHERE, where it was checked on every event of the period;
- congress.term is the latest held congress opened by the last day, else the executive committee's term
  (`terms`, one row per asked organization, materialized once); congress.round is the term of the latest
  round begun by the last day, a round beginning at the earliest congress (held or planned) of the
  grassroots organizations of the subtree for its term, else congress.term (`rounds`; between two terms whose
  rounds began on the same day the indicator keeps the first its query returns, this one the smaller term);
  congress.grassroots_held counts the held congresses per ancestor and term, then keeps the ancestor's round;
- members.badges_proposed: on each award day of the period, the members placed in the subtree that day (by
  the tree of that day), not left by then, whose party age reached a badge year after the previous award
  day and by that one, and who had no award event of that badge before it; one count per member and badge
  year. The rules of the day (the award days, the badge years) come from `dangvu.core.rules` and the text
  an award event carries from `dangvu.work.queries.badge_label`, as parameters: they are the regulation's
  values, not records;
- health.*: the cells (chi bộ cơ sở and trực thuộc) of the subtree on the last day with their placements
  valid that day, the officials among them (official by that day) and whether a cell committee term is valid
  that day, judged by the thresholds of `dangvu.core.rules` in force that day (parameters);
- rating.*: the ratings of the rounds of the last day's year, of members listed for rating in the subtree's
  cells and of the organizations of the subtree other than the ancestor itself (its own grade is its
  superior's figure), by level (the kind recorded on the rating); a count per grade, and rating.*_good_or_better
  and the share of it (excellent and good); the three sentences are written in Python from the tallies the
  statement returns (`OUTSIDE_SQL`);
- dues.*: the lines of the cells of the subtree for the months whose first day lies in the period (paid
  sums, members owing); the share up to date reads the lines of the last day's month and, for each, whether
  the member owes for that month or an earlier one anywhere;
- the cell meetings are added up per cell first, then the cells' sums up the closure rows;
- a share is a float computed by the database as Python computes it (100 × part / whole in IEEE double) and
  rounded here with Python's `round(…, 1)`, so that halves round exactly as the indicators round them
  (PostgreSQL's numeric `round` breaks ties away from zero, Python's float `round` does not).

Run as a bench script (`uv run python bench/scale.py`), bench/ is on sys.path: `from hand_sql import …`.
"""

from collections import Counter
from datetime import date
from typing import Any

from django.db import connection

# What a key holds when the statement returns no row for an organization: a count is 0, a share has no
# whole (None), a label is empty.
COUNT, SHARE, LABEL = 0, None, ""

# Member events: type → (key, the rule beyond type and period).
REGISTERED = "e.registered"  # registered in a cell on the event's date
OUTSIDE = """(e.other_organization_id IS NULL OR NOT EXISTS (SELECT 1 FROM organizations_ancestry inside
    WHERE inside.ancestor_id = up.ancestor_id AND inside.descendant_id = e.other_organization_id
      AND inside.valid_from <= e.date AND inside.valid_to > e.date))"""
EVENTS = {
    "admitted": ("members.admitted", REGISTERED),
    "recognized_official": ("members.recognized_official", REGISTERED),
    "transferred_in": ("members.transferred_in", OUTSIDE),
    "transferred_out": ("members.transferred_out", OUTSIDE),
    "left": ("members.left", "TRUE"),
    "badge_awarded": ("members.badges_awarded", "TRUE"),
}

# Inspection and supervision: key → (subject column, condition over the oversight `o` and its closure row
# `up` on the oversight's day).
_ACTIVITIES = {
    "inspection": "o.activity = 'inspection'",
    "supervision": "o.activity = 'supervision'",
    "oversight": "TRUE",
}
_LEVELS = {"": "TRUE", "own.": "up.depth = 0", "below.": "up.depth > 0"}
OVERSIGHT = {
    f"{name}.{level}{subject}s": (subject, f"{activity} AND {at}")
    for name, activity in _ACTIVITIES.items()
    for level, at in _LEVELS.items()
    for subject in ("organization", "member")
}
OVERSIGHT |= {
    f"supervision.thematic.{subject}s": (subject, "o.activity = 'supervision' AND o.kind = 'thematic'")
    for subject in ("organization", "member")
}

CELL_KINDS = "('cell', 'grassroots_cell')"
GRASSROOTS = "('grassroots_committee', 'grassroots_cell')"
NOT_ATTENDED = "('absent', 'dropped')"  # class participants marked absent or withdrawn did not attend

# Rating: the grades in order, and the levels of the organizations rated (by the kind on the rating).
GRADES = ("excellent", "good", "complete", "failed")
GOOD_OR_BETTER = ("excellent", "good")
RATING_MEASURES = ("listed", "rated", *GRADES, "good_or_better")  # the counts of `RATING_COUNTS`, by name
RATING_LEVELS = {
    "grassroots": "('grassroots_committee', 'grassroots_cell', 'commune')",
    "cells": "('cell', 'sub_committee')",
}
RATING_SUBJECTS = ("members", *RATING_LEVELS)
UNSETTLED = "{0}.due > 0 AND ({0}.paid IS NULL OR {0}.paid < {0}.due)"  # a dues line not paid in full

# Every key the statement writes, and what it holds where the statement has no row.
SQL_KEYS: dict[str, Any] = {
    "grassroots.total": COUNT,
    "members.total": COUNT,
    **{key: COUNT for key, _rule in EVENTS.values()},
    "congress.term": LABEL,
    "congress.round": LABEL,
    "congress.grassroots_held": COUNT,
    **dict.fromkeys(OVERSIGHT, COUNT),
    "discipline.organizations": COUNT,
    "discipline.members": COUNT,
    "course.awareness.classes": COUNT,
    "course.new_member_theory.classes": COUNT,
    "course.awareness.participants": COUNT,
    "members.badges_proposed": COUNT,
    "health.cells_below_minimum": COUNT,
    "health.cells_without_committee": COUNT,
    "health.grassroots_cells_large": COUNT,
    "meetings.cell_meetings": COUNT,
    "meetings.attendance_share": SHARE,
    "meetings.absences_excused": COUNT,
    "meetings.absences_unexcused": COUNT,
    **{f"rating.{subject}_{measure}": COUNT for subject in RATING_SUBJECTS for measure in RATING_MEASURES},
    **{f"rating.{subject}_good_share": SHARE for subject in RATING_SUBJECTS},
    "dues.collected": COUNT,
    "dues.members_owing": COUNT,
    "dues.up_to_date_share": SHARE,
}

# The registry's keys the statement does not compute, each with why and what gives it instead. Only what
# cannot be written as SQL in reason belongs here.
OUTSIDE_SQL: dict[str, str] = {
    f"rating.{subject}_phrase": (
        "a sentence of the review (“50/53 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên (94,3 %)”) with the "
        "grade's name of the year (`rating.rules.YearRules`) and Vietnamese number formatting: written in Python "
        "by `rating.figures.phrase` from the counts the statement returns (rating.*_rated and the grades)"
    )
    for subject in RATING_SUBJECTS
}


def _on_day(alias: str, day: str) -> str:
    """SQL: the dated row `alias` (valid_from included, valid_to excluded) was in force on `day`."""
    return f"{alias}.valid_from <= {day} AND {alias}.valid_to > {day}"


def _unpivot(source: str, pairs: list[tuple[str, str]]) -> str:
    """(key, ancestor, number, share, label) rows from one row per ancestor of `source` with a count per key."""
    values = ", ".join(f"('{key}', {column})" for key, column in pairs)
    return f"""SELECT k.key, s.ancestor_id, k.n, NULL, NULL
FROM {source} s CROSS JOIN LATERAL (VALUES {values}) k(key, n)"""


EVENT_COUNTS = ",\n           ".join(
    f"COUNT(DISTINCT e.member_id) FILTER (WHERE e.type = '{kind}' AND {rule}) AS n_{kind}"
    for kind, (_key, rule) in EVENTS.items()
)
OVERSIGHT_COLUMNS = {key: f"n{number}" for number, key in enumerate(OVERSIGHT)}
OVERSIGHT_COUNTS = ",\n           ".join(
    f"COUNT(DISTINCT s.{subject}_id) FILTER (WHERE {where}) AS {OVERSIGHT_COLUMNS[key]}"
    for key, (subject, where) in OVERSIGHT.items()
)
GOOD = f"r.final_grade IN ({', '.join(f"'{grade}'" for grade in GOOD_OR_BETTER)})"
GRADE_COUNTS = ", ".join(f"COUNT(*) FILTER (WHERE r.final_grade = {grade!r}) AS {grade}" for grade in GRADES)
RATING_COUNTS = f"""COUNT(*) AS listed, COUNT(*) FILTER (WHERE r.final_grade <> '') AS rated, {GRADE_COUNTS},
           COUNT(*) FILTER (WHERE {GOOD}) AS good_or_better,
           (100 * COUNT(*) FILTER (WHERE {GOOD}))::float8
           / NULLIF(COUNT(*) FILTER (WHERE r.final_grade <> ''), 0)::float8 AS good_share"""


SQL = f"""
WITH sub AS NOT MATERIALIZED (
    -- the subtrees of a stock: one closure row per (ancestor, descendant) valid on the period's last day,
    -- written out in each branch so that the planner sees the table's statistics and can run each branch
    -- in parallel
    SELECT ancestor_id, descendant_id FROM organizations_ancestry
    WHERE ancestor_id = ANY(%(ids)s) AND {_on_day("organizations_ancestry", "%(end)s")}
),
dated AS NOT MATERIALIZED (
    -- the subtrees of dated records: the closure rows valid on some day of the period, joined to a record
    -- with the condition that they were valid on its day
    SELECT ancestor_id, descendant_id, depth, valid_from, valid_to FROM organizations_ancestry
    WHERE ancestor_id = ANY(%(ids)s) AND valid_from <= %(end)s AND valid_to > %(start)s
),
terms AS MATERIALIZED (
    -- (a few rows, computed once)
    -- congress.term: the latest held congress opened by the last day, else the executive committee's term
    SELECT o.id, COALESCE(
        (SELECT c.term FROM work_congress c
         WHERE c.organization_id = o.id AND c.status = 'held' AND c.held_start <= %(end)s
         ORDER BY c.held_start DESC LIMIT 1),
        (SELECT t.term FROM organizations_committeeterm t
         WHERE t.organization_id = o.id AND t.body = 'executive' AND {_on_day("t", "%(end)s")}
         ORDER BY t.valid_from DESC LIMIT 1), '') AS label
    FROM (SELECT DISTINCT unnest(%(ids)s::int[]) AS id) o
),
rounds AS MATERIALIZED (
    -- congress.round: the term whose round began last by the last day, a round beginning at the earliest
    -- congress (held or planned) of the subtree's grassroots organizations for the term; else congress.term
    SELECT t.id, COALESCE(
        (SELECT c.term FROM work_congress c
         JOIN organizations_ancestry up ON up.descendant_id = c.organization_id
         JOIN organizations_organization g ON g.id = c.organization_id
         WHERE up.ancestor_id = t.id AND {_on_day("up", "%(end)s")} AND g.kind IN {GRASSROOTS}
         GROUP BY c.term
         HAVING MIN(COALESCE(c.held_start, c.planned_start)) <= %(end)s
         ORDER BY MIN(COALESCE(c.held_start, c.planned_start)) DESC, c.term LIMIT 1), t.label) AS label
    FROM terms t
),
held AS NOT MATERIALIZED (
    -- congress.grassroots_held: the held congresses of grassroots organizations counted per ancestor and term
    -- first, then kept where the term is the ancestor's round; one congress per organization and term (a
    -- unique constraint): COUNT(*) is COUNT(DISTINCT organization)
    SELECT up.ancestor_id, c.term, COUNT(*) AS n
    FROM work_congress c
    JOIN sub up ON up.descendant_id = c.organization_id
    JOIN organizations_organization g ON g.id = c.organization_id
    WHERE g.kind IN {GRASSROOTS} AND c.status = 'held' AND c.held_start <= %(end)s
      AND c.term IN (SELECT label FROM rounds WHERE label <> '')
    GROUP BY up.ancestor_id, c.term
),
members AS NOT MATERIALIZED (
    -- one placement per member on a day: the placements valid on the last day are each cell's open placements
    -- (kept by the database's triggers in members_registeredcount) less those begun after it, plus the closed
    -- ones still valid on it; each part joined to the closure rows by itself, so that a small subtree probes
    -- its cells' rows by index and the country hashes them (measured against the placements of the day:
    -- the same for a province, 0.3 s instead of 0.9 s for the country two months back, 0.9 s instead of 0.8 s
    -- six years back)
    SELECT ancestor_id, SUM(n) AS n FROM (
        SELECT up.ancestor_id, SUM(k.registered) AS n
        FROM members_registeredcount k JOIN sub up ON up.descendant_id = k.organization_id
        GROUP BY up.ancestor_id
        UNION ALL
        SELECT up.ancestor_id, -COUNT(*)
        FROM members_placement p JOIN sub up ON up.descendant_id = p.organization_id
        WHERE p.valid_to = '9999-12-31' AND p.valid_from > %(end)s
        GROUP BY up.ancestor_id
        UNION ALL
        SELECT up.ancestor_id, COUNT(*)
        FROM members_placement p JOIN sub up ON up.descendant_id = p.organization_id
        WHERE p.valid_to > %(end)s AND p.valid_to < '9999-12-31' AND p.valid_from <= %(end)s
        GROUP BY up.ancestor_id
    ) parts
    GROUP BY ancestor_id
),
events AS NOT MATERIALIZED (
    -- the six event indicators from one read of the covering (type, date) index, each event in the subtree
    -- that held its cell on its date; the rules are checked in the filters, on the subtree's events only
    SELECT up.ancestor_id,
           {EVENT_COUNTS}
    FROM members_memberevent e
    JOIN dated up ON up.descendant_id = e.organization_id AND {_on_day("up", "e.date")}
    WHERE e.type IN ({", ".join(f"'{kind}'" for kind in EVENTS)})
      AND e.date >= %(start)s AND e.date <= %(end)s
    GROUP BY up.ancestor_id
),
oversight AS NOT MATERIALIZED (
    -- every inspection and supervision figure from one read of the period's subjects, each oversight in the
    -- subtree that held its performing organization on its first day (at depth 0: the ancestor itself)
    SELECT up.ancestor_id,
           {OVERSIGHT_COUNTS}
    FROM work_oversight o
    JOIN dated up ON up.descendant_id = o.organization_id AND {_on_day("up", "o.start_date")}
    JOIN work_oversightsubject s ON s.oversight_id = o.id
    WHERE o.start_date >= %(start)s AND o.start_date <= %(end)s
    GROUP BY up.ancestor_id
),
discipline AS NOT MATERIALIZED (
    SELECT up.ancestor_id, COUNT(DISTINCT d.subject_organization_id) AS organizations,
           COUNT(DISTINCT d.subject_member_id) AS members
    FROM work_discipline d
    JOIN dated up ON up.descendant_id = d.organization_id AND {_on_day("up", "d.decided_on")}
    WHERE d.decided_on >= %(start)s AND d.decided_on <= %(end)s
    GROUP BY up.ancestor_id
),
courses AS NOT MATERIALIZED (
    SELECT up.ancestor_id, c.id, c.kind
    FROM work_course c
    JOIN dated up ON up.descendant_id = c.organizer_id AND {_on_day("up", "c.start_date")}
    WHERE c.kind IN ('awareness', 'new_member_theory') AND c.start_date >= %(start)s AND c.start_date <= %(end)s
),
due AS MATERIALIZED (
    -- members.badges_proposed: for each (award day, previous award day, badge year, award text) of the rules,
    -- the members admitted in its window, read by the admission index (a month's margin each side, as dates,
    -- then the exact test), not left by the day, without an award event of that badge before it. Computed
    -- once, whatever the subtrees: joined on the window's bounds, the planner could not tell how few members
    -- they hold, started from the closure rows and took 0.8 s for the country at 20,000 members.
    SELECT b.day, m.id
    FROM unnest(%(badge_days)s::date[], %(badge_previous)s::date[], %(badge_years)s::int[],
                %(badge_texts)s::text[]) b(day, previous, years, text)
    CROSS JOIN LATERAL (
        SELECT m.id FROM members_member m
        WHERE m.admitted_on > (b.previous - make_interval(years => b.years, months => 1))::date
          AND m.admitted_on <= (b.day - make_interval(years => b.years) + interval '1 month')::date
          AND (m.admitted_on + make_interval(years => b.years))::date > b.previous
          AND (m.admitted_on + make_interval(years => b.years))::date <= b.day
          AND (m.left_on IS NULL OR m.left_on > b.day)
          AND NOT EXISTS (SELECT 1 FROM members_memberevent w WHERE w.member_id = m.id
                          AND w.type = 'badge_awarded' AND w.date < b.day AND w.detail = b.text)
        OFFSET 0) m
),
badges AS NOT MATERIALIZED (
    -- a member has one placement on a day: one row per member and badge year of a day
    SELECT up.ancestor_id, COUNT(*) AS n
    FROM due d
    JOIN members_placement p ON p.member_id = d.id AND {_on_day("p", "d.day")}
    JOIN organizations_ancestry up
      ON up.descendant_id = p.organization_id AND up.ancestor_id = ANY(%(ids)s) AND {_on_day("up", "d.day")}
    GROUP BY up.ancestor_id
),
cell_sizes AS NOT MATERIALIZED (
    -- health.*: each cell of the subtrees on the last day, its placements that day, the officials among them
    -- and whether it had a cell committee that day
    SELECT c.id, c.kind, COUNT(p.id) AS members, COUNT(p.id) FILTER (WHERE m.official_on <= %(end)s) AS officials,
           EXISTS (SELECT 1 FROM organizations_committeeterm t WHERE t.organization_id = c.id
                   AND t.body = 'cell_committee' AND {_on_day("t", "%(end)s")}) AS committee
    FROM organizations_organization c
    LEFT JOIN members_placement p ON p.organization_id = c.id AND {_on_day("p", "%(end)s")}
    LEFT JOIN members_member m ON m.id = p.member_id
    WHERE c.kind IN {CELL_KINDS} AND c.id IN (SELECT descendant_id FROM sub)
    GROUP BY c.id, c.kind
),
health AS NOT MATERIALIZED (
    SELECT up.ancestor_id,
           COUNT(*) FILTER (WHERE c.officials < %(min_officials)s) AS below_minimum,
           COUNT(*) FILTER (WHERE c.officials >= %(committee_from)s AND NOT c.committee) AS without_committee,
           COUNT(*) FILTER (WHERE c.kind = 'grassroots_cell' AND c.members >= %(grassroots_from)s) AS large
    FROM cell_sizes c JOIN sub up ON up.descendant_id = c.id
    GROUP BY up.ancestor_id
),
member_ratings AS NOT MATERIALIZED (
    SELECT up.ancestor_id, {RATING_COUNTS}
    FROM rating_memberrating r
    JOIN rating_round rd ON rd.id = r.round_id
    JOIN sub up ON up.descendant_id = r.cell_id
    WHERE rd.year = %(year)s AND r.status = 'listed'
    GROUP BY up.ancestor_id
),
organization_ratings AS NOT MATERIALIZED (
    -- an organization's own rating is its superior's figure, not its subtree's
    SELECT up.ancestor_id, CASE {
    " ".join(f"WHEN r.kind IN {kinds} THEN '{level}'" for level, kinds in RATING_LEVELS.items())
} END AS level,
           {RATING_COUNTS}
    FROM rating_organizationrating r
    JOIN rating_round rd ON rd.id = r.round_id
    JOIN sub up ON up.descendant_id = r.organization_id
    WHERE rd.year = %(year)s AND r.organization_id <> up.ancestor_id
      AND r.kind IN ({", ".join(kinds.strip("()") for kinds in RATING_LEVELS.values())})
    GROUP BY up.ancestor_id, 2
),
dues AS NOT MATERIALIZED (
    -- the cells' dues lines of the months whose first day lies in the period
    SELECT up.ancestor_id, COALESCE(SUM(l.paid), 0) AS collected,
           COUNT(DISTINCT l.member_id) FILTER (WHERE {UNSETTLED.format("l")}) AS owing
    FROM dues_line l JOIN sub up ON up.descendant_id = l.organization_id
    WHERE l.month >= %(start)s AND l.month <= %(end)s
    GROUP BY up.ancestor_id
),
dues_month AS NOT MATERIALIZED (
    -- the lines of the last day's month, and whether the member owes for it or an earlier month, anywhere;
    -- one line per member and month (a unique constraint)
    SELECT up.ancestor_id,
           (100 * COUNT(*) FILTER (WHERE NOT EXISTS (
                SELECT 1 FROM dues_line b WHERE b.member_id = l.member_id AND b.month <= l.month
                AND {UNSETTLED.format("b")})))::float8 / COUNT(*)::float8 AS share
    FROM dues_line l JOIN sub up ON up.descendant_id = l.organization_id
    WHERE l.month = date_trunc('month', %(end)s::date)::date
    GROUP BY up.ancestor_id
),
meetings AS NOT MATERIALIZED (
    -- the held cell meetings added up per cell first, then the cells' sums up the closure rows
    SELECT up.ancestor_id, SUM(m.meetings) AS meetings, SUM(m.roll) AS roll, SUM(m.present) AS present,
           SUM(m.excused) AS excused, SUM(m.unexcused) AS unexcused
    FROM (SELECT organization_id, COUNT(*) AS meetings, SUM(roll_count) AS roll,
                 SUM(present_count) AS present, SUM(excused_count) AS excused, SUM(unexcused_count) AS unexcused
          FROM meetings_meeting
          WHERE kind IN ('cell_monthly', 'cell_thematic') AND status = 'held'
            AND date >= %(start)s AND date <= %(end)s AND organization_id IN (SELECT descendant_id FROM sub)
          GROUP BY organization_id) m
    JOIN sub up ON up.descendant_id = m.organization_id
    GROUP BY up.ancestor_id
)
-- one closure row per ancestor and descendant on a day: COUNT(*) is exact
SELECT 'grassroots.total', up.ancestor_id, COUNT(*), NULL::float8, NULL::text
FROM sub up JOIN organizations_organization o ON o.id = up.descendant_id
WHERE o.kind IN {GRASSROOTS}
GROUP BY up.ancestor_id
UNION ALL
SELECT 'members.total', ancestor_id, n, NULL, NULL FROM members
UNION ALL
{_unpivot("events", [(key, f"n_{kind}") for kind, (key, _rule) in EVENTS.items()])}
UNION ALL
SELECT 'congress.term', id, NULL, NULL, label FROM terms
UNION ALL
SELECT 'congress.round', id, NULL, NULL, label FROM rounds
UNION ALL
SELECT 'congress.grassroots_held', h.ancestor_id, h.n, NULL, NULL
FROM held h JOIN rounds r ON r.id = h.ancestor_id AND r.label = h.term
UNION ALL
{_unpivot("oversight", list(OVERSIGHT_COLUMNS.items()))}
UNION ALL
{_unpivot("discipline", [("discipline.organizations", "organizations"), ("discipline.members", "members")])}
UNION ALL
-- a course has one organizer: COUNT(*) is exact
SELECT 'course.' || kind || '.classes', ancestor_id, COUNT(*), NULL, NULL FROM courses GROUP BY kind, ancestor_id
UNION ALL
SELECT 'course.awareness.participants', c.ancestor_id, COUNT(DISTINCT p.person_id), NULL, NULL
FROM courses c JOIN work_courseparticipant p ON p.course_id = c.id
WHERE c.kind = 'awareness' AND p.result NOT IN {NOT_ATTENDED}
GROUP BY c.ancestor_id
UNION ALL
SELECT 'members.badges_proposed', ancestor_id, n, NULL, NULL FROM badges
UNION ALL
{
    _unpivot(
        "health",
        [
            ("health.cells_below_minimum", "below_minimum"),
            ("health.cells_without_committee", "without_committee"),
            ("health.grassroots_cells_large", "large"),
        ],
    )
}
UNION ALL
{
    _unpivot(
        "meetings",
        [
            ("meetings.cell_meetings", "meetings"),
            ("meetings.absences_excused", "excused"),
            ("meetings.absences_unexcused", "unexcused"),
        ],
    )
}
UNION ALL
SELECT 'meetings.attendance_share', ancestor_id, NULL, (100 * present)::float8 / roll::float8, NULL
FROM meetings WHERE roll > 0
UNION ALL
{_unpivot("member_ratings", [(f"rating.members_{measure}", measure) for measure in RATING_MEASURES])}
UNION ALL
SELECT 'rating.members_good_share', ancestor_id, NULL, good_share, NULL FROM member_ratings
UNION ALL
SELECT 'rating.' || k.level || '_' || k.measure, k.ancestor_id, k.v, NULL, NULL
FROM organization_ratings s CROSS JOIN LATERAL (VALUES
    {", ".join(f"(s.ancestor_id, s.level, '{measure}', s.{measure})" for measure in RATING_MEASURES)}
) k(ancestor_id, level, measure, v)
UNION ALL
SELECT 'rating.' || level || '_good_share', ancestor_id, NULL, good_share, NULL FROM organization_ratings
UNION ALL
{_unpivot("dues", [("dues.collected", "collected"), ("dues.members_owing", "owing")])}
UNION ALL
SELECT 'dues.up_to_date_share', ancestor_id, NULL, share, NULL FROM dues_month
"""


def _registry():
    """The indicator registry, with the other apps' indicators the reports app added when Django started."""
    from dangvu.reports.indicators import REGISTRY

    return REGISTRY


def uncovered() -> list[str]:
    """The registry's keys neither computed by the statement nor excluded from it by name, and the keys the
    statement or the exclusions name that the registry does not have (each prefixed by what it lacks)."""
    registry = _registry()
    missing = [f"not written: {key}" for key in registry if key not in SQL_KEYS and key not in OUTSIDE_SQL]
    extra = [f"not in the registry: {key}" for key in [*SQL_KEYS, *OUTSIDE_SQL] if key not in registry]
    return missing + extra


def _rules(period) -> dict[str, Any]:
    """The regulation's values the statement takes as parameters: the award days of the period with the
    previous award day and the badge years of each, the text an award event carries, the cell-size
    thresholds of the last day."""
    from dangvu.core import rules
    from dangvu.work.queries import badge_label
    from dangvu.work.rules import previous_award_date

    award_days = sorted(
        date(year, month, day)
        for year in range(period.start.year, period.end.year + 1)
        for month, day in rules.param("badge.award_days", date(year, 1, 1))
        if period.start <= date(year, month, day) <= period.end
    )
    milestones = [(day, years) for day in award_days for years in rules.param("badge.years", day)]
    return {
        "badge_days": [day for day, _years in milestones],
        "badge_years": [years for _day, years in milestones],
        "badge_previous": [previous_award_date(day) for day, _years in milestones],
        "badge_texts": [badge_label(years) for _day, years in milestones],
        "min_officials": rules.rule("cell.min_official_members", period.end).value,
        "committee_from": rules.rule("cell.committee_threshold", period.end).value,
        "grassroots_from": rules.rule("grassroots.committee_threshold", period.end).value,
    }


def _phrases(result: dict[str, dict[int, Any]], ids: list[int], year: int) -> None:
    """The rating sentences (`OUTSIDE_SQL`), written by the rating's own text rule from the statement's
    counts."""
    from dangvu.rating.figures import Tally, phrase

    for subject in RATING_SUBJECTS:
        for pk in ids:
            grades = Counter({grade: result[f"rating.{subject}_{grade}"][pk] for grade in GRADES})
            tally = Tally(grades, result[f"rating.{subject}_listed"][pk])
            result[f"rating.{subject}_phrase"][pk] = phrase(tally, subject, year)


def hand_values(ids: list[int], period) -> dict[str, dict[int, Any]]:
    """{indicator key: {organization id: value}} for the keys of `SQL_KEYS`, from one SQL statement, and of
    `OUTSIDE_SQL`, from its numbers; a key of neither is not in the answer (`same` reports it)."""
    result = {key: dict.fromkeys(ids, SQL_KEYS.get(key, LABEL)) for key in [*SQL_KEYS, *OUTSIDE_SQL]}
    if not ids:
        return {key: {} for key in result}
    with connection.cursor() as cursor:
        cursor.execute(
            SQL, {"ids": list(ids), "start": period.start, "end": period.end, "year": period.end.year, **_rules(period)}
        )
        rows = cursor.fetchall()
    for key, pk, number, share, label in rows:
        kind = SQL_KEYS[key]  # (a key the statement writes and SQL_KEYS does not name fails here)
        if kind is SHARE:
            value = None if share is None else round(share, 1)  # as the indicators round: Python's float round
        elif kind is LABEL:
            value = label
        else:
            value = int(number)
        result[key][pk] = value
    _phrases(result, list(ids), period.end.year)
    return result


def same(orm: dict, hand: dict, ids) -> list[str]:
    """The (key, id) pairs where the two answers differ, readable; empty when they agree everywhere. A key or
    an organization one answer lacks is a difference; values are compared as they are (no value stands for
    another: a share of no whole is None, never 0)."""
    differences = []
    for key in sorted(set(orm) | set(hand)):
        if key not in hand:
            differences.append(f"{key}: not computed by the hand SQL (write it, or exclude it in OUTSIDE_SQL)")
            continue
        if key not in orm:
            differences.append(f"{key}: computed by the hand SQL, not in the ORM's answer")
            continue
        for pk in ids:
            left, right = orm[key].get(pk, "(missing)"), hand[key].get(pk, "(missing)")
            if left != right:
                differences.append(f"{key} [{pk}]: ORM {left!r} ≠ SQL {right!r}")
    return differences
