"""Choosing a person by name: the picker's source over the people the user may name (members of the subtree,
people its organizations recorded, holders of its posts), or over its members only.

Each person shows with their year of birth and where they belong: "Nguyễn Văn An — sinh năm 1980 — Chi bộ Tổ
dân phố số 1 — Đảng bộ phường Quang Trung" (the cell labelled as every organization chooser labels it), and
their standing (đảng viên chính thức, dự bị, người ngoài danh sách đảng viên). Each word typed must start a
word of the name (diacritics ignored); a year of four digits matches the year of birth; a CCCD typed whole
names its holder, within the scope only.
"""

from django.db.models import Case, CharField, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Concat

from dangvu.core.pickers import Lists, Option, PickerField, Source
from dangvu.core.text import fold
from dangvu.core.web import parse_id
from dangvu.organizations.pickers import CAPABILITIES, describe

from .models import Person, Status
from .people import people_in_scope


class PersonSource(Source):
    url_name = "person_pick"
    kind = "person"
    noun = "người"
    more_hint = "gõ thêm tên đệm hoặc năm sinh"
    placeholder = "Gõ họ tên hoặc một phần (không cần dấu), có thể thêm năm sinh"

    def __init__(self, capability: str = "write", members_only: bool = False):
        self.capability = capability if capability in CAPABILITIES else "write"
        self.members_only = members_only
        if members_only:
            self.noun = "đảng viên"

    @classmethod
    def from_params(cls, params) -> "PersonSource":
        return cls(params.get("quyen") or "write", params.get("dang_vien") == "1")

    def params(self) -> dict[str, str]:
        params = {} if self.capability == "write" else {"quyen": self.capability}
        if self.members_only:
            params["dang_vien"] = "1"
        return params

    def offered(self, scope) -> QuerySet:
        if self.members_only:
            return scope.restrict(
                Person.objects.filter(membership__isnull=False), "membership__organization", self.capability
            )
        return people_in_scope(scope, self.capability)

    def matching(self, scope, text: str) -> QuerySet:
        words = list(dict.fromkeys(fold(text).split()))[:8]
        if not words:
            return Person.objects.none()
        found = self.offered(scope).alias(padded=Concat(Value(" "), F("name_folded"), output_field=CharField()))
        for word in words:
            if len(word) == 4 and word.isdigit():
                year = int(word)
                found = found.filter(Q(birth_date__year=year) | Q(birth_year=year))
            else:
                found = found.filter(name_folded__contains=word, padded__contains=f" {word}")
        return found

    def value_of(self, obj) -> str:
        return str(obj.pk)

    def search(self, scope, text: str, limit: int) -> list[Person]:
        gone = Case(When(membership__status=Status.LEFT, then=Value(1)), default=Value(0), output_field=IntegerField())
        return list(self.matching(scope, text).annotate(gone=gone).order_by("gone", "sort_key", "pk")[:limit])

    def exact(self, scope, text: str) -> Person | None:
        """The holder of the CCCD typed whole."""
        digits = text.strip()
        if len(digits) == 12 and digits.isascii() and digits.isdigit():
            return self.offered(scope).filter(citizen_id=digits).first()
        return None

    def best(self, scope, text: str, matches: list) -> Person | None:
        """The only match whose full name is the text."""
        folded = " ".join(fold(text).split())
        named = [p for p in matches if p.name_folded == folded]
        return named[0] if len(named) == 1 else None

    def get(self, scope, values: list[str]) -> dict[str, Person]:
        ids = [i for i in (parse_id(v) for v in values) if i]
        return {str(p.pk): p for p in self.offered(scope).filter(pk__in=ids)} if ids else {}

    def options(self, scope, objects: list) -> list[Option]:
        people = Person.objects.filter(pk__in=[p.pk for p in objects]).select_related(
            "membership__organization", "recorded_by"
        )
        by_pk = {p.pk: p for p in people}
        places = {}
        for person in people:
            member = getattr(person, "membership", None)
            places[person.pk] = member.organization if member else person.recorded_by
        described = describe(scope, [o for o in {o.pk: o for o in places.values() if o}.values()], self.capability)
        options = []
        for obj in objects:
            person = by_pk.get(obj.pk, obj)
            member = getattr(person, "membership", None)
            year = person.birth_date.year if person.birth_date else person.birth_year
            path = [f"sinh năm {year}"] if year else []
            place = places.get(person.pk)
            if place is not None:
                path += [described[place.pk].name, *described[place.pk].path]
            elif person.workplace:
                path.append(person.workplace)
            if member is None:
                note = "Người ngoài danh sách đảng viên"
            elif member.status == Status.LEFT:
                note = member.get_status_display()
            else:
                note = f"Đảng viên {member.get_status_display().lower()}"
            options.append(Option(value=str(person.pk), name=person.full_name, path=tuple(path), note=note))
        return options


# The lists a form's person picker may offer (meetings, tasks, admission register theirs).
LISTS = Lists()
register_list = LISTS.register


def listed_people(scope, key: str) -> QuerySet:
    """The people of the list `key` ("hoi-nghi:12") for the endpoint; none when it cannot be read or seen."""
    return LISTS.read(scope, key, Person.objects.none())


class ListedPersonSource(PersonSource):
    """The people of a list a view computes (a meeting's office-holders, a cell's members, the people in
    scope): only they are offered and found, as the select they replace listed them. With a `key` naming the
    list (see `LISTS`) the endpoint answers over the same list; without one the text typed is searched when the
    form is sent."""

    def __init__(
        self, people: QuerySet, noun: str = "người", where: str = "trong danh sách có thể chọn", key: str = ""
    ):
        super().__init__("read")
        self.people, self.noun, self.where, self.key = people, noun, where, key
        self.url_name = "person_pick" if key else ""

    def params(self) -> dict[str, str]:
        return {"danh_sach": self.key} if self.key else {}

    def offered(self, scope) -> QuerySet:
        return self.people

    def value_of(self, obj) -> str:
        return str(getattr(obj, "pk", obj))


def listed_person_field(label: str, *, multiple: bool = False, required: bool = False, **kwargs) -> PickerField:
    """A person picker whose list the form gives later (`limit_people`)."""
    return PickerField(
        ListedPersonSource(Person.objects.none()), label=label, multiple=multiple, required=required, **kwargs
    )


def limit_people(
    form, people: QuerySet, *names: str, noun: str = "người", where: str = "trong danh sách có thể chọn", key: str = ""
) -> None:
    """Let the pickers `names` of a form choose among `people` only (`where` says which people, in messages;
    `key` names the registered list the type-ahead reads)."""
    for name in names:
        if name in form.fields:
            form.fields[name].use(ListedPersonSource(people, noun, where, key))


def person_field(
    label: str,
    *,
    capability: str = "write",
    members_only: bool = False,
    multiple: bool = False,
    required: bool = True,
    **kwargs,
) -> PickerField:
    """A form field choosing a person the user may name, by name (see `PersonSource`)."""
    return PickerField(
        PersonSource(capability, members_only), label=label, multiple=multiple, required=required, **kwargs
    )
