"""The error an action raises when a rule is broken: a Vietnamese message, optionally per field."""


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
