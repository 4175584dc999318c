"""Pickers: one form field and widget for choosing a record (an organization, a person) by typing part of its
name, never its code or number.

Without JavaScript the widget is a search box beside the chosen records, shown as checked radio buttons
(checkboxes when several may be chosen). A text typed in the box is searched when the form is sent: one match
is taken, several are listed under the box to pick from (the field says how many), none gives a field error;
what was typed stays in the box. A query string naming only the value (`?to_chuc=phuly`, a bookmark) is read as
before. With `picker.js` the same box becomes a type-ahead list over the source's JSON endpoint, used with the
arrow keys, Enter and Esc; a pick replaces the chosen record (or adds one).

Every lookup goes through a `Source` with the user's scope: a value outside it is refused with the message an
unknown one gets. The field returns the record (a list of records when `multiple`), and after a form comes back
with errors the chosen record shows with its full label, the typed text that found it spent.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.urls import reverse

from .text import nfc

TEXT_SUFFIX = "_tim"  # the search box's parameter: "to_chuc_tim" beside "to_chuc"
LISTED_SUFFIX = "_da_tim"  # the text whose matches the form listed to pick from
MAX_TEXT = 200
MAX_VALUES = 200
LIMIT = 20  # matches offered at a time (the endpoint and the list of a form sent without script)


@dataclass(frozen=True)
class Option:
    """One record as a picker shows it: its name, what it lies under (nearest first), and a note (its kind,
    that it has ended)."""

    value: str
    name: str
    path: tuple[str, ...] = ()
    note: str = ""
    ended: bool = False

    @property
    def label(self) -> str:
        return " — ".join((self.name, *self.path))

    def as_json(self) -> dict:
        return {
            "value": self.value,
            "name": self.name,
            "path": list(self.path),
            "label": self.label,
            "note": self.note,
            "ended": self.ended,
        }


class Source(ABC):
    """What a picker chooses from: the interface every source (organizations, people, work records) implements,
    each lookup within a scope; `params` are the query string that makes the endpoint (`url_name`) answer with
    the same restrictions."""

    url_name = ""
    kind = ""  # what is picked, for the page's markup (data-kind): "organization", "person", "record"
    noun = "mục"  # "tổ chức", "người"
    more_hint = "gõ thêm chữ để thu hẹp"
    placeholder = "Gõ vài chữ của tên (không cần dấu)"
    where = "trong phạm vi của bạn"

    def params(self) -> dict[str, str]:
        return {}

    def url(self) -> str:
        """The type-ahead endpoint ("" when the source is a list only the form knows: then the text typed is
        searched when the form is sent, as without script)."""
        if not self.url_name:
            return ""
        query = urlencode(self.params())
        return reverse(self.url_name) + (f"?{query}" if query else "")

    @abstractmethod
    def value_of(self, obj) -> str:
        """The value a record is sent as (its code or id)."""

    @abstractmethod
    def search(self, scope, text: str, limit: int) -> list:
        """Records matching every word typed, best first, `limit` at most."""

    def exact(self, scope, text: str) -> Any:
        """The record the text names exactly (a code, a CCCD), or None."""
        return None

    def best(self, scope, text: str, matches: list) -> Any:
        """Among several matches of a text sent with a form, the one it plainly names (or None: the form lists
        them to pick from)."""
        return None

    @abstractmethod
    def get(self, scope, values: list[str]) -> dict[str, Any]:
        """The records of these values that this source offers."""

    def refusal(self, scope, value: str) -> str:
        """Why a value `get` did not give is refused (the same words for unknown and out of scope)."""
        return f"Không tìm thấy {self.noun} đã chọn {self.where}."

    @abstractmethod
    def options(self, scope, objects: list) -> list[Option]:
        """The records as the labelled options the picker shows."""


class Lists:
    """The lists a form's picker may offer, by name, for the type-ahead of a list only the form knows
    (`?danh_sach=<name>:<argument>`: a meeting's people, a cell's deciding committees). Each reader gives, for
    the user's scope and the argument (a meeting's or a candidate's number), the records the form lists, or
    raises Http404 / PermissionDenied / ValueError when the user may not see them. The apps register theirs."""

    def __init__(self):
        self.readers: dict = {}

    def register(self, name: str, reader) -> None:
        self.readers[name] = reader

    def read(self, scope, key: str, none) -> Any:
        """The records of the list `key` ("hoi-nghi:12"); `none` (an empty queryset) when it cannot be read or
        seen."""
        from django.core.exceptions import PermissionDenied
        from django.http import Http404

        name, _, arg = (key or "").partition(":")
        reader = self.readers.get(name)
        if reader is None:
            return none
        try:
            return reader(scope, arg)
        except (Http404, PermissionDenied, ValueError, TypeError, OverflowError):
            return none


@dataclass
class Picked:
    """What a picker's inputs sent: the chosen values, the search box's text (None when it was not sent), and
    the text whose matches the form had listed."""

    values: list[str] = field(default_factory=list)
    text: str | None = None
    listed: str = ""


@dataclass
class Outcome:
    """What a field found when it was cleaned, for the widget to show: the chosen records, the matches to pick
    from, the text left in the box."""

    chosen: list[Option]
    candidates: list[Option]
    text: str
    more: bool = False


def _list(data, name: str) -> list:
    if hasattr(data, "getlist"):
        return data.getlist(name)
    value = data.get(name)
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


class PickerWidget(forms.Widget):
    template_name = "core/widgets/picker.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.source: Source | None = None
        self.scope = None
        self.multiple = False
        self.outcome: Outcome | None = None

    def value_from_datadict(self, data, files, name) -> Picked:
        values = [v.strip() for v in _list(data, name) if isinstance(v, str) and v.strip()]
        text, listed = data.get(name + TEXT_SUFFIX), data.get(name + LISTED_SUFFIX)
        return Picked(
            values=values[:MAX_VALUES],
            text=text if isinstance(text, str) else None,
            listed=nfc(listed)[:MAX_TEXT] if isinstance(listed, str) else "",
        )

    def value_omitted_from_data(self, data, files, name) -> bool:
        return name not in data and name + TEXT_SUFFIX not in data

    def use_required_attribute(self, initial) -> bool:
        return False  # the browser cannot tell a filled picker: the server says what is missing

    def get_context(self, name, value, attrs) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        picked = value if isinstance(value, Picked) else Picked()
        outcome, source = self.outcome, self.source
        assert source is not None, "a picker's widget is given its field's source"
        if outcome is None:
            found = source.get(self.scope, picked.values) if picked.values else {}
            objects = [found[v] for v in dict.fromkeys(picked.values) if v in found]
            outcome = Outcome(
                source.options(self.scope, objects if self.multiple else objects[-1:]), [], nfc(picked.text or "")
            )
        widget = context["widget"]
        widget.update(
            {
                "chosen": outcome.chosen,
                "candidates": outcome.candidates,
                "text": outcome.text,
                "more": outcome.more,
                "text_name": name + TEXT_SUFFIX,
                "listed_name": name + LISTED_SUFFIX,
                "url": source.url(),
                "multiple": self.multiple,
                "input_type": "checkbox" if self.multiple else "radio",
                "required": self.is_required,
                "invalid": widget["attrs"].get("aria-invalid") == "true",
                "described_by": widget["attrs"].get("aria-describedby", ""),
                "noun": source.noun,
                "kind": source.kind,
                "placeholder": widget["attrs"].pop("placeholder", source.placeholder),
            }
        )
        return context


class PickerField(forms.Field):
    """A record (or, with `multiple`, records) chosen by typing part of its name. The form gives it the scope
    (`bind_scope`) before it is cleaned or shown."""

    widget = PickerWidget

    def __init__(self, source: Source, *, multiple: bool = False, limit: int = LIMIT, **kwargs):
        super().__init__(**kwargs)
        self.source, self.multiple, self.limit = source, multiple, limit
        self.widget.source, self.widget.multiple = source, multiple

    def use(self, source: Source) -> None:
        """Choose from another source (a list a view computes: a meeting's people, a cell's members)."""
        self.source = self.widget.source = source

    @property
    def scope(self) -> Any:
        return self.widget.scope  # type: ignore[misc]  # Django's Field makes it an instance

    @scope.setter
    def scope(self, scope) -> None:
        self.widget.scope = scope

    def prepare_value(self, value) -> Picked:
        if isinstance(value, Picked):
            return value
        if value in (None, "", [], ()):
            return Picked()
        items = value if isinstance(value, (list, tuple)) else [value]
        return Picked(values=[v if isinstance(v, str) else self.source.value_of(v) for v in items])

    def has_changed(self, initial, data) -> bool:
        return self.prepare_value(initial).values != self.prepare_value(data).values

    def clean(self, value) -> Any:
        if self.scope is None:
            raise RuntimeError("A picker is cleaned with the user's scope: call bind_scope(form, scope).")
        picked = self.prepare_value(value)
        source, scope, noun = self.source, self.scope, self.source.noun
        text = nfc(picked.text or "")[:MAX_TEXT]
        values = list(dict.fromkeys(picked.values))
        if not self.multiple:
            values = values[-1:]
        found = source.get(scope, values) if values else {}
        errors = [source.refusal(scope, v) for v in values if v not in found]
        chosen = [found[v] for v in values if v in found]
        candidates, more = [], False
        if text and picked.listed == text:  # the matches of this text were listed and picked from: it is spent
            text = ""
        elif text:
            exact = source.exact(scope, text)
            matches = [exact] if exact is not None else source.search(scope, text, self.limit + 1)
            best = source.best(scope, text, matches) if len(matches) > 1 else None
            matches = [best] if best is not None else matches
            if len(matches) == 1:
                keep = [o for o in chosen if source.value_of(o) != source.value_of(matches[0])]
                chosen = (keep if self.multiple else []) + matches
                text = ""
            elif not matches:
                errors.append(f"Không tìm thấy {noun} nào khớp “{text}” {source.where}.")
            else:
                more = len(matches) > self.limit
                candidates = matches[: self.limit]
                many = f"hơn {self.limit}" if more else str(len(candidates))
                pick = "đánh dấu những" if self.multiple else "chọn một"
                errors.append(
                    f"Có {many} {noun} khớp “{text}”: {pick} {noun} trong danh sách dưới ô tìm, "
                    f"hoặc {source.more_hint}."
                )
        if not errors and not chosen and self.required:
            errors.append(
                str(self.error_messages.get("required_pick") or f"Chưa chọn {noun}: gõ vài chữ của tên để tìm.")
            )
        self.widget.outcome = Outcome(source.options(scope, chosen), source.options(scope, candidates), text, more)
        if errors:
            raise ValidationError(errors)
        return chosen if self.multiple else (chosen[0] if chosen else None)


def bind_scope(form: forms.BaseForm, scope) -> None:
    """Give every picker of a form the scope its lookups go through."""
    for bound in form.fields.values():
        if isinstance(bound, PickerField):
            bound.scope = scope


class ScopedPickerForm(forms.Form):
    """A form whose pickers look up within `scope` (a keyword of the constructor)."""

    def __init__(self, *args, scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope = scope
        bind_scope(self, scope)


@dataclass
class FilterPick:
    """A picker of a list page's filters, read from the query string: the record chosen (None when none or when
    it could not be read), the bound field to show, and the problem to tell."""

    value: object
    field: forms.BoundField
    problem: str


def filter_pick(
    params,
    scope,
    source: Source,
    *,
    name: str = "to_chuc",
    label: str = "Tổ chức",
    multiple: bool = False,
    initial=None,
) -> FilterPick:
    """The picker `name` of a filter form (GET), read from `params` within the scope. A value that cannot be
    read is not an error of the page: the list shows without it and the field says why. `initial` is what the
    page shows when the query string names nothing (the user's own organization, say)."""
    asked = name in params or name + TEXT_SUFFIX in params
    form = forms.Form(params if asked or initial is None else None, initial={name: initial})
    form.fields[name] = PickerField(source, label=label, required=False, multiple=multiple)
    bind_scope(form, scope)
    if not form.is_bound:
        return FilterPick(value=initial, field=form[name], problem="")
    value = form.cleaned_data.get(name) if form.is_valid() else None
    errors = [str(error) for error in form.errors.get(name) or []]
    return FilterPick(value=value, field=form[name], problem=" ".join(errors))


def picked_filter(
    request, scope, source: Source, *, name: str = "to_chuc", label: str = "Tổ chức", default=None, params=None
) -> tuple[Any, forms.BoundField]:
    """A list page's picker from its query string (or `params`), what could not be read told as a warning: the
    record chosen (else `default`) and the bound field to show."""
    picked = filter_pick(
        request.GET if params is None else params, scope, source, name=name, label=label, initial=default
    )
    if picked.problem:
        messages.warning(request, picked.problem)
    return (default if picked.value is None else picked.value), picked.field


def options_response(scope, source: Source, params) -> JsonResponse:
    """The endpoint's answer: the matches of `q` (at most `LIMIT`), and whether there are more."""
    text = nfc(params.get("q", ""))[:MAX_TEXT]
    exact = source.exact(scope, text) if text else None
    found = [exact] if exact is not None else (source.search(scope, text, LIMIT + 1) if text else [])
    options = source.options(scope, found[:LIMIT])
    return JsonResponse(
        {"results": [o.as_json() for o in options], "more": len(found) > LIMIT, "q": text},
        json_dumps_params={"ensure_ascii": False},
    )
