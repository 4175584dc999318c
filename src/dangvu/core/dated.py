"""Rows valid from one day until (not including) another: names, parent links, placements, posts."""

from datetime import date


def cut_at(row, on: date) -> date:
    """End a dated row (`valid_from`, `valid_to`) at `on`, deleting it when it began that very day, so that a
    later row can take over from `on`. Answers the day the row used to end."""
    end = row.valid_to
    if row.valid_from == on:
        row.delete()
    else:
        row.valid_to = on
        row.save(update_fields=["valid_to"])
    return end
