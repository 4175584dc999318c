"""What the meeting, task and news pages share: their date and number fields, and (from core.web) `submit`, which
runs an action from a valid form, shows its rule violations on the form, or redirects with a message."""

from django import forms

from dangvu.core.web import DateField, submit  # noqa: F401 - the pages of these apps submit through it


def date_field(label: str, *, required: bool = True) -> DateField:
    """A date field that reads "2020-10-08" and "08/10/2020", with the browser's date picker."""
    return DateField(label=label, required=required)


def integer_field(
    label: str, *, min_value: int | None = None, max_value: int | None = None, **kwargs
) -> forms.IntegerField:
    """A whole-number field whose messages read naturally in Vietnamese."""
    messages = {"invalid": "Nhập một số nguyên."}
    if min_value is not None:
        messages["min_value"] = f"Nhập số từ {min_value} trở lên."
    if max_value is not None:
        messages["max_value"] = f"Nhập số không quá {max_value}."
    return forms.IntegerField(label=label, min_value=min_value, max_value=max_value, error_messages=messages, **kwargs)
