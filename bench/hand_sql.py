"""Every report indicator in one hand-written SQL statement (PostgreSQL): the yardstick the indicators
(`dangvu.reports.figures.values`, one grouped query per indicator through the ORM) are timed against.

`hand_values(ids, period)` answers what `figures.values(ids, period)` answers, {key: {organization id: value}}
for every key of the registry, from one statement returning rows (key, ancestor id, number, share, label).
`same(orm, hand, ids)` lists the differences between two such answers.

The statement implements the definitions of `dangvu.reports.indicators` (base.py, registry_members.py,
registry_work.py), `dangvu.reports.terms` and `dangvu.meetings.indicators`/`attendance`:

- the subtree of an organization is its closure rows (`organizations_ancestry`) valid on the period's last
  day (CTE `sub`, NOT MATERIALIZED: written out in each branch, so that each branch joins the table itself as
  the indicators' queries do, with its statistics, hash joins and parallel workers; a materialized CTE scan
  had no statistics, led to merge joins and sorts and kept every branch serial);
- the events are read from the (type, date) index for every scope: the indicators read a province's own
  events by their `province` column (`indicators.base.within_province`), which this statement does not use (the
  variants tried, arms chosen at run time, made communes 15 times slower), so from a province up it reads more;
- facts belong to the period by their date and to a subtree by their organization; subjects are counted
  DISTINCT per subtree, except where a constraint makes the rows unique (one closure row per ancestor and
  descendant on a day, one placement per member on a day, one congress per organization and term);
- the facts of one table are read once for all the indicators they feed (events of six types, the four
  oversight counts, the two discipline counts, the course figures, the four cell-meeting figures): one row
  per ancestor with a COUNT(DISTINCT …) FILTER (…) per indicator, turned into (key, ancestor, value) rows by
  a LATERAL VALUES list (measured faster here than DISTINCT (key, ancestor, subject) then COUNT(*));
- members.total adds up the cells' kept open placements (`members_registeredcount`; reading the 5.6
  million placements valid on the day took 0.8–0.9 s for the country), corrected by the placements begun or
  ended after the last day, each part joined to the closure rows by itself;
- the rule "registered in a cell on the event's date" is the event's `registered` column, kept by the
  database's triggers (as the indicators read it; probing the placements for each admission and recognition
  took half a second of the country's events); "the other end of a transfer lay outside the subtree" (a NOT
  EXISTS on the closure rows) is checked in the counts' FILTER, so on the subtree's events only, not in
  WHERE, where it was checked on every event of the period in the country before the join;
- congress.grassroots_held counts the held congresses per ancestor and term, then keeps the ancestor's term
  (`terms`, one row per asked organization, materialized once); the cell meetings are added up per cell
  first, then the cells' sums up the closure rows;
- the attendance share is a float computed by the database as Python computes it (100 × present / roll in
  IEEE double) and rounded here with Python's `round(…, 1)`, so that halves round exactly as the indicator
  rounds them (PostgreSQL's numeric `round` breaks ties away from zero, Python's float `round` does not).

Run as a bench script (`uv run python bench/scale.py`), bench/ is on sys.path: `from hand_sql import …`.
"""

from typing import Any

from django.db import connection

ADMITTED, RECOGNIZED = "admitted", "recognized_official"
TRANSFERRED_IN, TRANSFERRED_OUT = "transferred_in", "transferred_out"
EVENT_KEYS = {
    ADMITTED: "members.admitted",
    RECOGNIZED: "members.recognized_official",
    TRANSFERRED_IN: "members.transferred_in",
    TRANSFERRED_OUT: "members.transferred_out",
    "left": "members.left",
    "badge_awarded": "members.badges_awarded",
}
GRASSROOTS = "('grassroots_committee', 'grassroots_cell')"
SHARE = "meetings.attendance_share"

# an admission or recognition counts when the member was registered in a cell on its date
REGISTERED = "e.registered"
# a transfer counts when its other end is empty or lay outside the ancestor's subtree
OUTSIDE = """(e.other_organization_id IS NULL OR NOT EXISTS (SELECT 1 FROM sub inside
    WHERE inside.ancestor_id = up.ancestor_id AND inside.descendant_id = e.other_organization_id))"""
EVENT_RULES = {ADMITTED: REGISTERED, RECOGNIZED: REGISTERED, TRANSFERRED_IN: OUTSIDE, TRANSFERRED_OUT: OUTSIDE}
EVENT_COUNTS = ", ".join(
    f"COUNT(DISTINCT e.member_id) FILTER (WHERE e.type = '{t}' AND {EVENT_RULES.get(t, 'TRUE')}) AS n_{t}"
    for t in EVENT_KEYS)

SQL = f"""
WITH sub AS NOT MATERIALIZED (
    -- the subtrees: one closure row per (ancestor, descendant) valid on the period's last day, written out
    -- in each branch so that the planner sees the table's statistics and can run each branch in parallel
    SELECT ancestor_id, descendant_id FROM organizations_ancestry
    WHERE ancestor_id = ANY(%(ids)s) AND valid_from <= %(end)s AND valid_to > %(end)s
),
terms AS MATERIALIZED (
    -- (a few rows, computed once)
    -- congress.term: the latest held congress opened by the last day, else the executive committee's term
    SELECT o.id, COALESCE(
        (SELECT c.term FROM work_congress c
         WHERE c.organization_id = o.id AND c.status = 'held' AND c.held_start <= %(end)s
         ORDER BY c.held_start DESC LIMIT 1),
        (SELECT t.term FROM organizations_committeeterm t
         WHERE t.organization_id = o.id AND t.body = 'executive' AND t.valid_from <= %(end)s
           AND t.valid_to > %(end)s
         ORDER BY t.valid_from DESC LIMIT 1)) AS label
    FROM (SELECT DISTINCT unnest(%(ids)s::int[]) AS id) o
),
held AS NOT MATERIALIZED (
    -- congress.grassroots_held: the held congresses of grassroots organizations counted per ancestor and term
    -- first, then kept where the term is the ancestor's; one congress per organization and term (a unique
    -- constraint): COUNT(*) is COUNT(DISTINCT organization)
    SELECT up.ancestor_id, c.term, COUNT(*) AS n
    FROM work_congress c
    JOIN sub up ON up.descendant_id = c.organization_id
    JOIN organizations_organization g ON g.id = c.organization_id
    WHERE g.kind IN {GRASSROOTS} AND c.status = 'held' AND c.held_start <= %(end)s
      AND c.term IN (SELECT label FROM terms WHERE label <> '')
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
    -- the six event indicators from one read of the covering (type, date) index; the rules are checked in the
    -- filters, on the subtree's events only (in WHERE they would be checked on every event of the period)
    SELECT up.ancestor_id,
           {EVENT_COUNTS}
    FROM members_memberevent e
    JOIN sub up ON up.descendant_id = e.organization_id
    WHERE e.type IN ({", ".join(f"'{t}'" for t in EVENT_KEYS)})
      AND e.date >= %(start)s AND e.date <= %(end)s
    GROUP BY up.ancestor_id
),
oversight AS NOT MATERIALIZED (
    SELECT up.ancestor_id,
           COUNT(DISTINCT s.organization_id) FILTER (WHERE o.activity = 'inspection') AS inspected_organizations,
           COUNT(DISTINCT s.member_id) FILTER (WHERE o.activity = 'inspection') AS inspected_members,
           COUNT(DISTINCT s.organization_id) FILTER (WHERE o.activity = 'supervision') AS supervised_organizations,
           COUNT(DISTINCT s.member_id) FILTER (WHERE o.activity = 'supervision') AS supervised_members
    FROM work_oversight o
    JOIN sub up ON up.descendant_id = o.organization_id
    JOIN work_oversightsubject s ON s.oversight_id = o.id
    WHERE o.activity IN ('inspection', 'supervision') AND o.start_date >= %(start)s AND o.start_date <= %(end)s
      AND (o.activity = 'inspection' OR o.kind = 'thematic')
    GROUP BY up.ancestor_id
),
discipline AS NOT MATERIALIZED (
    SELECT up.ancestor_id, COUNT(DISTINCT d.subject_organization_id) AS organizations,
           COUNT(DISTINCT d.subject_member_id) AS members
    FROM work_discipline d
    JOIN sub up ON up.descendant_id = d.organization_id
    WHERE d.decided_on >= %(start)s AND d.decided_on <= %(end)s
    GROUP BY up.ancestor_id
),
courses AS NOT MATERIALIZED (
    SELECT up.ancestor_id, c.id, c.kind
    FROM work_course c
    JOIN sub up ON up.descendant_id = c.organizer_id
    WHERE c.kind IN ('awareness', 'new_member_theory') AND c.start_date >= %(start)s AND c.start_date <= %(end)s
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
SELECT 'congress.grassroots_held', h.ancestor_id, h.n, NULL, NULL
FROM held h JOIN terms t ON t.id = h.ancestor_id AND t.label = h.term
UNION ALL
SELECT 'members.total', ancestor_id, n, NULL, NULL FROM members
UNION ALL
SELECT k.key, e.ancestor_id, k.n, NULL, NULL
FROM events e CROSS JOIN LATERAL (VALUES {", ".join(f"('{k}', e.n_{t})" for t, k in EVENT_KEYS.items())}) k(key, n)
UNION ALL
SELECT 'congress.term', id, NULL, NULL, label FROM terms
UNION ALL
SELECT k.key, o.ancestor_id, k.n, NULL, NULL
FROM oversight o CROSS JOIN LATERAL (VALUES
    ('inspection.organizations', o.inspected_organizations), ('inspection.members', o.inspected_members),
    ('supervision.thematic.organizations', o.supervised_organizations),
    ('supervision.thematic.members', o.supervised_members)) k(key, n)
UNION ALL
SELECT k.key, d.ancestor_id, k.n, NULL, NULL
FROM discipline d CROSS JOIN LATERAL (VALUES
    ('discipline.organizations', d.organizations), ('discipline.members', d.members)) k(key, n)
UNION ALL
-- a course has one organizer: COUNT(*) is exact
SELECT 'course.' || kind || '.classes', ancestor_id, COUNT(*), NULL, NULL FROM courses GROUP BY kind, ancestor_id
UNION ALL
SELECT 'course.awareness.participants', c.ancestor_id, COUNT(DISTINCT p.person_id), NULL, NULL
FROM courses c JOIN work_courseparticipant p ON p.course_id = c.id
WHERE c.kind = 'awareness'
GROUP BY c.ancestor_id
UNION ALL
SELECT k.key, m.ancestor_id, k.n, k.share, NULL
FROM meetings m CROSS JOIN LATERAL (VALUES
    ('meetings.cell_meetings', m.meetings, NULL),
    ('{SHARE}', NULL, CASE WHEN m.roll > 0 THEN (100 * m.present)::float8 / m.roll::float8 END),
    ('meetings.absences_excused', m.excused, NULL),
    ('meetings.absences_unexcused', m.unexcused, NULL)) k(key, n, share)
"""


def _registry():
    """The indicator registry with the cell-meeting indicators, as the reports app builds it."""
    from dangvu.meetings import indicators as meetings
    from dangvu.reports.indicators import REGISTRY

    meetings.register()  # what ReportsConfig.ready() already did; a second call changes nothing
    return REGISTRY


def _default(key: str, registry) -> Any:
    item = registry[key]
    if key == SHARE:
        return None  # no roll line: no share
    return 0 if item.numeric else ""


def hand_values(ids: list[int], period) -> dict[str, dict[int, Any]]:
    """{indicator key: {organization id: value}} for every indicator, from one SQL statement."""
    registry = _registry()
    result = {key: {pk: _default(key, registry) for pk in ids} for key in registry}
    if not ids:
        return result
    with connection.cursor() as cursor:
        cursor.execute(SQL, {"ids": list(ids), "start": period.start, "end": period.end})
        rows = cursor.fetchall()
    for key, pk, number, share, label in rows:
        if key == SHARE:
            value = None if share is None else round(share, 1)  # as AttendanceStats.share_present rounds
        elif registry[key].numeric:
            value = int(number)
        else:
            value = label or ""  # no congress and no committee term: no label
        result[key][pk] = value
    return result


def _comparable(value: Any, numeric: bool, key: str) -> Any:
    if isinstance(value, float):
        return round(value, 1)
    if value is None and key != SHARE:
        return 0 if numeric else ""
    return value


def same(orm: dict, hand: dict, ids) -> list[str]:
    """The (key, id) pairs where the two answers differ, readable; empty when they agree everywhere.
    Missing values are 0 (numbers) or "" (labels); shares are compared rounded to one decimal."""
    registry = _registry()
    differences = []
    for key in sorted(set(registry) | set(orm) | set(hand)):
        numeric = registry[key].numeric if key in registry else True
        default = None if key == SHARE else (0 if numeric else "")
        for pk in ids:
            left = _comparable(orm.get(key, {}).get(pk, default), numeric, key)
            right = _comparable(hand.get(key, {}).get(pk, default), numeric, key)
            if left != right:
                differences.append(f"{key} [{pk}]: ORM {left!r} ≠ SQL {right!r}")
    return differences
