"""Every report indicator in one hand-written SQL statement (PostgreSQL): the yardstick the indicators
(`dangvu.reports.figures.values`, one grouped query per indicator through the ORM) are timed against.

`hand_values(ids, period)` answers what `figures.values(ids, period)` answers, {key: {organization id: value}}
for every key of the registry, from one statement returning rows (key, ancestor id, number, share, label).
`same(orm, hand, ids)` lists the differences between two such answers.

The statement implements the definitions of `dangvu.reports.indicators` (base.py, registry_members.py,
registry_work.py), `dangvu.reports.terms` and `dangvu.meetings.indicators`/`attendance`:

- the subtree of an organization is its closure rows (`organizations_ancestry`) valid on the period's last
  day, read once (CTE `sub`) and shared by every indicator;
- facts belong to the period by their date and to a subtree by their organization; subjects are counted
  DISTINCT per subtree, except where a constraint makes the rows unique (one closure row per ancestor and
  descendant on a day, one placement per member on a day, one congress per organization and term);
- the facts of one table are read once for all the indicators they feed (events of six types, the four
  oversight counts, the two discipline counts, the course figures, the four cell-meeting figures): one row
  per ancestor with a COUNT(DISTINCT …) FILTER (…) per indicator, turned into (key, ancestor, value) rows by
  a LATERAL VALUES list (measured faster here than DISTINCT (key, ancestor, subject) then COUNT(*));
- members.total is a count per cell of the subtree from the covering placement index (an index-only probe per
  cell), added up: faster than joining every placement row to the closure rows, at every scope;
- the rule "registered in a cell on the event's date" is an index-only probe of the (member, valid_from)
  covering placement index per admission or recognition; the rule "the other end of a transfer lay outside
  the subtree" is an anti-join with the same closure rows `sub`;
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

SQL = f"""
WITH sub AS MATERIALIZED (
    -- the subtrees: one closure row per (ancestor, descendant) valid on the period's last day
    SELECT ancestor_id, descendant_id FROM organizations_ancestry
    WHERE ancestor_id = ANY(%(ids)s) AND valid_from <= %(end)s AND valid_to > %(end)s
),
terms AS MATERIALIZED (
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
members AS (
    -- one placement per member on a day: a count per cell from the covering index, added up
    SELECT up.ancestor_id, SUM(here.n) AS n
    FROM sub up CROSS JOIN LATERAL (
        SELECT COUNT(*) AS n FROM members_placement p
        WHERE p.organization_id = up.descendant_id AND p.valid_to > %(end)s AND p.valid_from <= %(end)s) here
    GROUP BY up.ancestor_id
),
events AS (
    -- the six event indicators from one read of the covering (type, date) index
    SELECT up.ancestor_id,
           {", ".join(f"COUNT(DISTINCT e.member_id) FILTER (WHERE e.type = '{t}') AS n_{t}" for t in EVENT_KEYS)}
    FROM members_memberevent e
    JOIN sub up ON up.descendant_id = e.organization_id
    -- a transfer counts when its other end is empty or lay outside the ancestor's subtree
    LEFT JOIN sub inside ON e.type IN ('{TRANSFERRED_IN}', '{TRANSFERRED_OUT}')
         AND inside.ancestor_id = up.ancestor_id AND inside.descendant_id = e.other_organization_id
    WHERE e.type IN ({", ".join(f"'{t}'" for t in EVENT_KEYS)})
      AND e.date >= %(start)s AND e.date <= %(end)s
      AND inside.ancestor_id IS NULL
      -- an admission or recognition counts when the member was registered in a cell on its date
      AND (e.type NOT IN ('{ADMITTED}', '{RECOGNIZED}') OR EXISTS (
           SELECT 1 FROM members_placement p
           WHERE p.member_id = e.member_id AND p.valid_from <= e.date AND p.valid_to > e.date))
    GROUP BY up.ancestor_id
),
oversight AS (
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
discipline AS (
    SELECT up.ancestor_id, COUNT(DISTINCT d.subject_organization_id) AS organizations,
           COUNT(DISTINCT d.subject_member_id) AS members
    FROM work_discipline d
    JOIN sub up ON up.descendant_id = d.organization_id
    WHERE d.decided_on >= %(start)s AND d.decided_on <= %(end)s
    GROUP BY up.ancestor_id
),
courses AS MATERIALIZED (
    SELECT up.ancestor_id, c.id, c.kind
    FROM work_course c
    JOIN sub up ON up.descendant_id = c.organizer_id
    WHERE c.kind IN ('awareness', 'new_member_theory') AND c.start_date >= %(start)s AND c.start_date <= %(end)s
),
meetings AS (
    SELECT up.ancestor_id,
           COUNT(*) FILTER (WHERE m.roll_count > 0) AS meetings,
           SUM(m.roll_count) AS roll, SUM(m.present_count) AS present,
           SUM(m.excused_count) AS excused, SUM(m.unexcused_count) AS unexcused
    FROM meetings_meeting m
    JOIN sub up ON up.descendant_id = m.organization_id
    WHERE m.kind IN ('cell_monthly', 'cell_thematic') AND m.status = 'held'
      AND m.date >= %(start)s AND m.date <= %(end)s
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
SELECT k.key, e.ancestor_id, k.n, NULL, NULL
FROM events e CROSS JOIN LATERAL (VALUES {", ".join(f"('{k}', e.n_{t})" for t, k in EVENT_KEYS.items())}) k(key, n)
UNION ALL
SELECT 'congress.term', id, NULL, NULL, label FROM terms
UNION ALL
-- one congress per organization and term: COUNT(*) is COUNT(DISTINCT organization)
SELECT 'congress.grassroots_held', t.id, COUNT(*), NULL, NULL
FROM terms t
JOIN sub up ON up.ancestor_id = t.id
JOIN organizations_organization g ON g.id = up.descendant_id AND g.kind IN {GRASSROOTS}
JOIN work_congress c ON c.organization_id = up.descendant_id AND c.term = t.label
WHERE t.label <> '' AND c.status = 'held' AND c.held_start <= %(end)s
GROUP BY t.id
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
