"""A helper the meeting, task and news pages share: run an action from a valid form, show its rule
violations on the form, or redirect with a message when it succeeded."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.shortcuts import redirect

from dangvu.core.errors import RuleViolation
from dangvu.core.web import DateField, add_violation


def submit(request, form: forms.Form, run: Callable[[dict], object], success: str, target: Callable[[object], str]):
    """On a POST with a valid form: call `run(cleaned_data)`; a RuleViolation goes onto the form (None is
    returned and the page shows the form again), success redirects to `target(result)` with a message."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = run(form.cleaned_data)
    except RuleViolation as violation:
        add_violation(form, violation)
        return None
    messages.success(request, success)
    return redirect(target(result))


# Vietnamese writes day/month/year; the browser's date picker sends ISO. Never month/day/year.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def date_field(label: str, *, required: bool = True) -> DateField:
    """A date field that reads "2020-10-08" and "08/10/2020", with the browser's date picker."""
    return DateField(label=label, required=required, input_formats=DATE_INPUT_FORMATS)


def integer_field(label: str, *, min_value: int | None = None, max_value: int | None = None,
                  **kwargs) -> forms.IntegerField:
    """A whole-number field whose messages read naturally in Vietnamese."""
    messages = {"invalid": "Nhập một số nguyên."}
    if min_value is not None:
        messages["min_value"] = f"Nhập số từ {min_value} trở lên."
    if max_value is not None:
        messages["max_value"] = f"Nhập số không quá {max_value}."
    return forms.IntegerField(label=label, min_value=min_value, max_value=max_value, error_messages=messages,
                              **kwargs)
