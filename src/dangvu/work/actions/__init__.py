"""Every change of the work records: congresses, courses, inspection and supervision with their programmes,
discipline and badges. Each action takes the acting user first, checks scope and rules, writes and records an
audit event in one transaction."""

from .badges import award_badge, record_badges
from .congresses import create_congress, delete_congress, import_congresses, record_election, update_congress
from .courses import (
    ParticipantRow,
    add_participant,
    create_course,
    delete_course,
    enrol,
    enrol_people,
    import_participants,
    remove_participant,
    update_course,
    update_participant,
)
from .discipline import decide_discipline, delete_discipline, update_discipline
from .oversight import (
    OversightRow,
    add_programme_item,
    create_oversight,
    create_programme,
    delete_oversight,
    delete_programme,
    import_oversights,
    remove_programme_item,
    update_oversight,
    update_programme,
)

__all__ = [
    "OversightRow",
    "ParticipantRow",
    "add_participant",
    "add_programme_item",
    "award_badge",
    "create_congress",
    "create_course",
    "create_oversight",
    "create_programme",
    "decide_discipline",
    "delete_congress",
    "delete_course",
    "delete_discipline",
    "delete_oversight",
    "enrol",
    "enrol_people",
    "import_congresses",
    "delete_programme",
    "import_oversights",
    "import_participants",
    "record_badges",
    "record_election",
    "remove_participant",
    "remove_programme_item",
    "update_congress",
    "update_course",
    "update_discipline",
    "update_oversight",
    "update_participant",
    "update_programme",
]
