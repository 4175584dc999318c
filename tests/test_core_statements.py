"""Statements compiled once per shape read what their querysets read, with any values; a builder that uses a
value other than as a parameter is refused."""

from datetime import date, timedelta

import pytest
from django.db.models import F

from dangvu.core.statements import compiled, rows
from dangvu.organizations.models import Organization, OrganizationName

pytestmark = pytest.mark.django_db
built = []


def names_between(kinds, *, start, end, organizations, text):
    """Names of some kinds of organization valid from a day in a range, of some organizations, but one name:
    every kind of value (dates, a tuple of ids, a string) and a shape (the kinds)."""
    built.append(kinds)
    return (
        OrganizationName.objects.filter(
            valid_from__gte=start, valid_from__lte=end, organization__kind__in=kinds, organization_id__in=organizations
        )
        .exclude(name=text)
        .order_by("organization_id")
        .values_list("organization_id", "name")
    )


def orm(kinds, **values):
    return list(names_between(kinds, **values))


def test_a_compiled_statement_reads_what_its_queryset_reads_with_other_values(tree):
    everything = tuple(tree[key].pk for key in ("province", "city", "ward", "cell_a", "school"))
    asked = [
        dict(start=date(2009, 1, 1), end=date(2011, 1, 1), organizations=everything, text="Đảng bộ tỉnh Hà Nam"),
        dict(start=date(2010, 1, 1), end=date(2010, 1, 1), organizations=everything[:3], text=""),
        dict(start=date(2010, 1, 2), end=date(2020, 1, 1), organizations=everything, text=""),
        dict(
            start=date(2009, 1, 1), end=date(2011, 1, 1), organizations=everything[::-1], text="Chi bộ tổ dân phố số 1"
        ),
    ]
    kinds = ("province", "district", "grassroots_committee", "cell", "grassroots_cell")
    built.clear()
    found = [rows(compiled(names_between, kinds, **values)) for values in asked]
    assert found == [orm(kinds, **values) for values in asked]
    assert [len(f) for f in found] == [4, 3, 0, 4]  # the values were used: not one answer for all
    # built twice for each shape (5 ids, 3 ids) to trace the values, then once for each answer by the ORM
    assert built.count(kinds) == 2 * 2 + len(asked)
    fewer = everything[:2]
    assert rows(compiled(names_between, kinds, **{**asked[0], "organizations": fewer})) == orm(
        kinds, **{**asked[0], "organizations": fewer}
    )  # another number of ids: another statement
    assert rows(compiled(names_between, ("cell",), **asked[1])) == orm(("cell",), **asked[1])


def a_day_later(*, on):
    return Organization.objects.filter(established_on__lte=on + timedelta(days=1)).values_list("pk")


def one_more(*, pk):
    return Organization.objects.filter(pk__gt=pk + 1).values_list("pk")


def containing(*, text):
    return OrganizationName.objects.filter(name__contains=text).values_list("pk")  # the pattern "%text%"


def depends_on_the_year(*, on):
    return Organization.objects.filter(established_on__lte=on).values_list("pk", F("pk") + on.year)


def test_a_value_used_other_than_as_a_parameter_is_refused(tree):
    with pytest.raises(ValueError, match="changes with its values"):
        compiled(a_day_later, on=date(2020, 1, 1))
    with pytest.raises(ValueError, match="changes with its values"):
        compiled(one_more, pk=3)
    with pytest.raises(ValueError, match="changes with its values"):
        compiled(containing, text="Chi bộ")
    with pytest.raises(ValueError, match="changes with its values"):
        compiled(depends_on_the_year, on=date(2020, 1, 1))
    with pytest.raises(TypeError):
        compiled(one_more, pk=None)
    with pytest.raises(TypeError):
        compiled(one_more, pk=True)
