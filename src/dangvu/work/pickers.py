"""Choosing a programme's item or an inspection by what it is about, never by its number.

An item shows as "Kiểm tra Chi bộ Tổ dân phố số 1 — tháng 3/2025 — <content> — <programme>", an inspection as
"Kiểm tra Chi bộ … — từ 05/03/2025 — <content> — <performing organization>", with the kind as the note. Each word
typed must be found in the subject's name, the performing organization's name, the content or the decision
number, diacritics ignored and "đ" as "d" everywhere ("dai hoi" finds "Đại hội": the names as the organization
and person pickers match them, the texts by their folded copies kept by `work.search`); a year of four digits
matches the programme's year or the inspection's start, a date dd/mm/yyyy the inspection's start.
"""

from abc import abstractmethod
from datetime import datetime

from django.db.models import Q, QuerySet

from dangvu.accounts.scope import READ
from dangvu.core.pickers import Option, PickerField, Source
from dangvu.core.text import fold, nfc
from dangvu.core.web import parse_id

from .models import Oversight, OversightSubject, ProgrammeItem

SHORT = 90  # characters of the content shown in a label


def _short(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SHORT else text[: SHORT - 1].rstrip() + "…"


def _words(text: str) -> list[tuple[str, str]]:
    """The words typed, each as typed (for the content) and folded (for the names), eight at most."""
    raw = nfc(text).split()
    return list(dict.fromkeys((w, fold(w)) for w in raw))[:8]


def _named(prefix: str, folded: str) -> Q:
    """An organization or person (through `prefix`) whose folded name holds a word starting with `folded`."""
    return Q(**{f"{prefix}name_folded__startswith": folded}) | Q(**{f"{prefix}name_folded__contains": f" {folded}"})


def _day(word: str):
    try:
        return datetime.strptime(word, "%d/%m/%Y").date()
    except ValueError:
        return None


class _WorkSource(Source):
    kind = "record"
    model = None
    org_field = "organization"

    def __init__(self, capability: str = READ):
        self.capability = capability

    def offered(self, scope) -> QuerySet:
        return scope.restrict(self.model.objects.all(), self.org_field, self.capability)

    def value_of(self, obj) -> str:
        return str(getattr(obj, "pk", obj))

    def get(self, scope, values: list[str]) -> dict:
        ids = [i for i in (parse_id(v) for v in values) if i]
        return {str(o.pk): o for o in self.offered(scope).filter(pk__in=ids)} if ids else {}

    @abstractmethod
    def word(self, raw: str, folded: str) -> Q:
        """The records one typed word matches (`raw` as typed, `folded` without diacritics)."""

    @abstractmethod
    def ordered(self, found: QuerySet) -> QuerySet:
        """The matches in the order the list shows them."""

    def search(self, scope, text: str, limit: int) -> list:
        words = _words(text)
        if not words:
            return []
        found = self.offered(scope)
        for raw, folded in words:
            found = found.filter(self.word(raw, folded))
        return list(self.ordered(found)[:limit])


class ProgrammeItemSource(_WorkSource):
    """The items of the inspection and supervision programmes of the organizations in scope."""

    url_name = "work_programme_item_pick"
    noun = "nội dung chương trình"
    more_hint = "gõ thêm tên tổ chức, đảng viên được kiểm tra hoặc năm"
    placeholder = "Gõ tên tổ chức, đảng viên được kiểm tra, nội dung hoặc năm"
    model = ProgrammeItem
    org_field = "programme__organization"

    def word(self, raw: str, folded: str) -> Q:
        found = (
            _named("subject_organization__", folded)
            | _named("subject_member__person__", folded)
            | _named("programme__organization__", folded)
            | Q(search_text__contains=folded)
            | Q(programme__search_text__contains=folded)
        )
        if len(raw) == 4 and raw.isascii() and raw.isdigit():
            found |= Q(programme__year=int(raw))
        return found

    def ordered(self, found: QuerySet) -> QuerySet:
        return found.order_by("-programme__year", "planned_month", "pk")

    def options(self, scope, objects: list) -> list[Option]:
        items = {
            i.pk: i
            for i in ProgrammeItem.objects.filter(pk__in=[o.pk for o in objects]).select_related(
                "programme__organization", "subject_organization", "subject_member__person"
            )
        }
        options = []
        for obj in objects:
            item = items.get(obj.pk, obj)
            subject = item.subject_organization or (item.subject_member.person if item.subject_member else "")
            programme = item.programme
            path = [f"tháng {item.planned_month}/{programme.year}"]
            if item.content:
                path.append(_short(item.content))
            path.append(f"{programme.title} ({programme.organization})")
            options.append(
                Option(
                    value=str(item.pk),
                    name=f"{item.get_activity_display()} {subject}",
                    path=tuple(path),
                    note=item.get_kind_display(),
                )
            )
        return options


class OversightSource(_WorkSource):
    """The inspections and supervisions recorded by the organizations in scope."""

    url_name = "work_oversight_pick"
    noun = "cuộc kiểm tra, giám sát"
    more_hint = "gõ thêm tên tổ chức, đảng viên được kiểm tra hoặc ngày bắt đầu"
    placeholder = "Gõ tên tổ chức, đảng viên được kiểm tra, nội dung hoặc ngày bắt đầu (ngày/tháng/năm)"
    model = Oversight

    def word(self, raw: str, folded: str) -> Q:
        subjects = OversightSubject.objects.filter(
            _named("organization__", folded) | _named("member__person__", folded)
        ).values("oversight_id")
        found = Q(pk__in=subjects) | _named("organization__", folded) | Q(search_text__contains=folded)
        if len(raw) == 4 and raw.isascii() and raw.isdigit():
            found |= Q(start_date__year=int(raw))
        day = _day(raw)
        if day is not None:
            found |= Q(start_date=day)
        return found

    def ordered(self, found: QuerySet) -> QuerySet:
        return found.order_by("-start_date", "-pk")

    def options(self, scope, objects: list) -> list[Option]:
        rows = {
            o.pk: o
            for o in Oversight.objects.filter(pk__in=[o.pk for o in objects])
            .select_related("organization")
            .prefetch_related("subjects__organization", "subjects__member__person")
        }
        options = []
        for obj in objects:
            oversight = rows.get(obj.pk, obj)
            subjects = [
                str(s.organization or s.member.person)  # in the order recorded, on every database
                for s in sorted(oversight.subjects.all(), key=lambda s: s.pk)
            ]
            subject = ", ".join(subjects[:3]) + (f" và {len(subjects) - 3} đối tượng khác" if len(subjects) > 3 else "")
            path = [f"từ {oversight.start_date:%d/%m/%Y}", _short(oversight.content), str(oversight.organization)]
            note = oversight.get_kind_display()
            if oversight.decision_number:
                note += f", số {oversight.decision_number}"
            options.append(
                Option(
                    value=str(oversight.pk),
                    name=f"{oversight.get_activity_display()} {subject}".strip(),
                    path=tuple(path),
                    note=note,
                )
            )
        return options


def programme_item_field(label: str) -> PickerField:
    return PickerField(ProgrammeItemSource(), label=label, required=False)


def oversight_field(label: str) -> PickerField:
    return PickerField(OversightSource(), label=label, required=False)
