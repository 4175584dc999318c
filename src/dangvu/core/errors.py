"""The error an action raises when a rule is broken: a Vietnamese message, optionally per field; the rule of
text lengths every writer shares."""

from django.core.exceptions import FieldDoesNotExist


class RuleViolation(Exception):
    """A user's input breaks a rule. `errors` maps a field name (or "" for the whole record) to messages."""

    def __init__(self, errors: dict[str, list[str]] | str, field: str = ""):
        if isinstance(errors, str):
            errors = {field: [errors]}
        self.errors = errors
        super().__init__("; ".join(m for msgs in errors.values() for m in msgs))

    @property
    def messages(self) -> list[str]:
        return [m for msgs in self.errors.values() for m in msgs]


class Unavailable(RuleViolation):
    """A step the server cannot do now, through no fault of the input (a program not installed, every PDF
    conversion slot busy): a view may show it as a message; one that does not, answers the 503 page with it."""


def length_errors(model, data: dict) -> dict[str, list[str]]:
    """Field errors of the texts in `data` longer than their model field allows (its max_length): one rule
    for forms, actions and imports, so that an import's check finds what the database would refuse."""
    errors: dict[str, list[str]] = {}
    for name, value in data.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        limit = getattr(field, "max_length", None)
        if limit and isinstance(value, str) and len(value) > limit:
            label = str(field.verbose_name)
            errors[name] = [f"{label[:1].upper()}{label[1:]} dài {len(value)} ký tự, quá {limit} ký tự cho phép."]
    return errors


def add_errors(errors: dict[str, list[str]], more: dict[str, list[str]]) -> dict[str, list[str]]:
    """Add the messages of `more` to `errors`, field by field; answers `errors`."""
    for field, messages in more.items():
        errors.setdefault(field, []).extend(messages)
    return errors
