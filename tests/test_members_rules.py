"""Member rules: citizen ID, admission age counted in months, official date, uniqueness, audit."""

from datetime import date

import pytest

from dangvu.core.errors import RuleViolation
from dangvu.core.models import AuditEvent
from dangvu.members import rules
from dangvu.members.models import Member


def test_citizen_id_checks_length_province_century_gender_and_year():
    assert rules.citizen_id_errors("035080001234", date(1980, 5, 1), "male") == []
    assert rules.citizen_id_errors("035180001234", date(1980, 5, 1), "female") == []
    assert rules.citizen_id_errors("035201001234", date(2001, 5, 1), "male") == []
    assert "12 chữ số" in rules.citizen_id_errors("03508000123", None, "")[0]
    assert "12 chữ số" in rules.citizen_id_errors("03508000123a", None, "")[0]
    assert "Mã tỉnh '003'" in rules.citizen_id_errors("003080001234", None, "")[0]
    assert "phải là '0'" in rules.citizen_id_errors("035180001234", date(1980, 5, 1), "male")[0]
    assert "phải là '2'" in rules.citizen_id_errors("035001001234", date(2001, 5, 1), "male")[0]
    assert "năm sinh 1980" in rules.citizen_id_errors("035081001234", date(1980, 5, 1), "male")[0]


def test_admission_age_counts_months_and_a_birthday_on_the_day():
    birth = date(2002, 10, 8)
    assert rules.admission_age_errors(birth, date(2020, 10, 8)) == []
    assert "chưa đủ 18 tuổi" in rules.admission_age_errors(birth, date(2020, 10, 7))[0]
    assert "17 tuổi 11 tháng" in rules.admission_age_errors(birth, date(2020, 9, 30))[0]
    old = date(1960, 3, 15)
    assert rules.admission_age_errors(old, date(2020, 3, 15)) == []
    assert "quá 60 tuổi" in rules.admission_age_errors(old, date(2020, 4, 15))[0]
    assert rules.admission_age_errors(old, date(2020, 4, 15), over_age_approval="15-CV/TU") == []


def test_official_date_is_at_least_twelve_months_after_admission():
    assert rules.official_date_errors(date(2019, 1, 31), date(2020, 1, 31)) == []
    assert "sớm nhất 31/01/2020" in rules.official_date_errors(date(2019, 1, 31), date(2020, 1, 30))[0]
    assert rules.add_months(date(2019, 1, 31), 1) == date(2019, 2, 28)
    assert rules.months_between(date(2000, 1, 31), date(2000, 2, 29)) == 0


@pytest.mark.django_db
def test_create_member_refuses_duplicates_future_dates_and_records_audit(tree, make_member):
    first = make_member(tree["cell_a"], citizen_id="035080000001", birth=date(1980, 1, 1))
    assert AuditEvent.objects.filter(action="member.create", object_id=str(first.pk)).count() == 1
    with pytest.raises(RuleViolation) as caught:
        make_member(tree["cell_a"], citizen_id="035080000001", birth=date(1980, 1, 1))
    assert "đã thuộc về Nguyễn Văn An" in str(caught.value)
    with pytest.raises(RuleViolation) as caught:
        make_member(tree["cell_a"], admitted=date(2099, 1, 1), official=None)
    assert "tương lai" in str(caught.value)
    with pytest.raises(RuleViolation) as caught:
        make_member(tree["ward"])
    assert "không phải chi bộ" in str(caught.value)
    assert Member.objects.count() == 1


@pytest.mark.django_db
def test_card_numbers_are_unique_and_only_for_official_members(tree, make_member):
    from dangvu.members import actions

    make_member(tree["cell_a"], card_number="35.001234")
    member = make_member(tree["cell_a"], given="Bình")
    with pytest.raises(RuleViolation, match="đã cấp cho"):
        actions.update_membership(None, member, official_on=member.official_on, card_number="35.001234")
    with pytest.raises(RuleViolation, match="chính thức"):
        make_member(tree["cell_b"], given="Cúc", official=None, card_number="35.009999")


@pytest.mark.django_db
def test_audit_events_cannot_be_changed_or_deleted(tree):
    event = AuditEvent.objects.first()
    with pytest.raises(PermissionError):
        event.reason = "sửa"
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
