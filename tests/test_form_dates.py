"""Every date of every form is read by one field (`core.web.DateField`): 30/09/2020 or 2020-09-30, never
month/day/year, within 1930–2100, so the open-end sentinel 31/12/9999 and the year 0001 get a Vietnamese field
error and change nothing (a rename dated 9999-12-31 once gave an organization two current names)."""

import importlib
import inspect
import pkgutil
from datetime import date

import pytest
from django import forms
from django.urls import reverse

import dangvu
from dangvu.core.web import DateField
from dangvu.organizations.models import OrganizationName


def _form_classes():
    for module_info in pkgutil.walk_packages(dangvu.__path__, "dangvu."):
        if not module_info.name.rsplit(".", 1)[-1].startswith(("forms", "web", "pickers")):
            continue
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def test_every_date_field_of_every_form_is_the_bounded_one():
    classes = list(_form_classes())
    assert len(classes) > 30
    loose = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in classes
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.DateField) and not isinstance(field, DateField)
    ]
    assert loose == []


def test_the_field_reads_vietnamese_and_iso_days_within_bounds():
    field = DateField(label="Ngày")
    assert field.clean("30/09/2020") == field.clean("2020-09-30") == date(2020, 9, 30)
    for value in ("9999-12-31", "31/12/9999", "0001-01-01", "1929-12-31"):
        with pytest.raises(forms.ValidationError, match="Ngày phải trong khoảng 01/01/1930 – 31/12/2100"):
            field.clean(value)
    with pytest.raises(forms.ValidationError, match="Ngày không hợp lệ"):
        field.clean("09/30/2020")  # month/day/year is no Vietnamese date


@pytest.mark.django_db
def test_a_rename_dated_at_the_open_end_is_refused_and_changes_nothing(client, users, tree):
    client.force_login(users["office"])
    url = reverse("organization_change", args=[tree["cell_a"].code, "doi-ten"])
    before = list(OrganizationName.objects.filter(organization=tree["cell_a"]).values_list("name", "valid_to"))
    for day in ("9999-12-31", "0001-01-01"):
        response = client.post(url, {"date": day, "decision_number": "12-QĐ/ĐU", "name": "Chi bộ mới"})
        assert response.status_code == 200
        assert "Ngày phải trong khoảng 01/01/1930 – 31/12/2100" in response.content.decode()
    assert list(OrganizationName.objects.filter(organization=tree["cell_a"]).values_list("name", "valid_to")) == before
    response = client.post(url, {"date": "2021-03-01", "decision_number": "12-QĐ/ĐU", "name": "Chi bộ mới"})
    assert response.status_code == 302
