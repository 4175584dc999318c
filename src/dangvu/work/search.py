"""The folded texts the work pickers search (`search_text` of programmes, their items and oversights): what a
clerk may type of a content or a decision number, lowercase and without diacritics ("đ" as "d", by
`core.text.fold`), so that "dai hoi" finds "Đại hội" on every database. The actions keep them row by row
(`keep`); the scale generator writes them with its rows (`oversight_text`); migration 0006 filled the rows
written before."""

from dangvu.core.text import fold

from .models import Oversight, Programme, ProgrammeItem


def programme_text(title: str) -> str:
    return fold(title)


def item_text(content: str) -> str:
    return fold(content)


def oversight_text(content: str, decision_number: str) -> str:
    return fold(f"{content} {decision_number}")


def keep(obj) -> None:
    """Set the folded text of a programme, an item or an oversight from its fields (before it is saved)."""
    if isinstance(obj, Programme):
        obj.search_text = programme_text(obj.title)
    elif isinstance(obj, ProgrammeItem):
        obj.search_text = item_text(obj.content)
    elif isinstance(obj, Oversight):
        obj.search_text = oversight_text(obj.content, obj.decision_number)
