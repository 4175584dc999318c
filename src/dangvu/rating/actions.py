"""Every change of a rating round: opening it, each member's and organization's steps, the decisions.

Each action takes the caller's `Scope` (None is the system itself: the demo, a command), checks it first,
collects every error with a Vietnamese message before writing, writes, and records an audit event, all in one
transaction. The steps go in order: self-assessment, the cell's proposal (members), the competent committee's
decision; a step may be recorded again to correct it until the step after it is recorded. A decision covers
a list of ratings of one deciding body, so the cap on "xuất sắc" is judged over what that body decides.
Errors are keyed by form field ("on", "grade", "number", …) and, in a decision, by "r<rating id>".
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from dangvu.accounts.scope import WRITE, Scope
from dangvu.core import audit
from dangvu.core.errors import RuleViolation
from dangvu.core.text import nfc
from dangvu.organizations.models import Ancestry, Organization
from dangvu.rating.audit_actions import RatingAudit
from dangvu.work.models import Discipline

from . import roster, rules
from .models import GRADE_ORDER, MemberRating, MemberStatus, OrganizationRating, Round, Step

Errors = dict[str, list[str]]


def _require(scope: Scope | None, organization_id: int, capability: str = WRITE) -> None:
    if scope is not None:
        scope.require(organization_id, capability)


def _actor(scope: Scope | None):
    return scope.user if scope is not None else None


def _add(errors: Errors, field: str, message: str | list[str]) -> None:
    if message:
        errors.setdefault(field, []).extend([message] if isinstance(message, str) else message)


def _raise_if(errors: Errors) -> None:
    if errors:
        raise RuleViolation(errors)


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def _date_errors(
    on: date | None, year: int, today: date, what: str, after: date | None = None, after_what: str = ""
) -> list[str]:
    """A step's date: given, not in the future, within the rated year or the first months after it."""
    if on is None:
        return [f"Cần ghi ngày {what}."]
    if on > today:
        return [f"Ngày {on:%d/%m/%Y} ở tương lai."]
    if on.year not in (year, year + 1):
        return [f"Ngày {what} ({on:%d/%m/%Y}) không thuộc đợt đánh giá năm {year}."]
    if after is not None and on < after:
        return [f"Ngày {what} ({on:%d/%m/%Y}) trước ngày {after_what} ({after:%d/%m/%Y})."]
    return []


def _grade_errors(grade: str, what: str) -> list[str]:
    if not grade:
        return [f"Cần chọn mức {what}."]
    if grade not in GRADE_ORDER:
        return [f"Mức xếp loại “{grade}” không hợp lệ."]
    return []


def _open_errors(round_: Round) -> list[str]:
    if round_.closed_on is not None:
        return [f"Đợt đánh giá năm {round_.year} đã kết thúc ngày {round_.closed_on:%d/%m/%Y}."]
    return []


# Opening a round ------------------------------------------------------------------------------------------


@transaction.atomic
def open_round(
    scope: Scope | None,
    *,
    organization: Organization | None,
    year: int | None,
    cutoff_on: date | None = None,
    self_due: date | None = None,
    cell_due: date | None = None,
    decision_due: date | None = None,
    today: date | None = None,
) -> Round:
    """Mở đợt đánh giá, xếp loại: the rule of the year is chosen by the year, the lists are made at once."""
    today = _today(today)
    errors: Errors = {}
    if organization is None:
        raise RuleViolation("Chưa chọn đảng bộ.", "organization")
    _require(scope, organization.pk)
    if year is None:
        _add(errors, "year", "Cần ghi năm đánh giá.")
    elif not 1990 <= year <= today.year:
        _add(errors, "year", f"Năm {year} không hợp lệ: chỉ đánh giá các năm đến {today.year}.")
    else:
        cutoff_on = cutoff_on or min(date(year, 12, 1), today)
        if cutoff_on > today:
            _add(errors, "cutoff_on", f"Ngày chốt danh sách {cutoff_on:%d/%m/%Y} ở tương lai.")
        elif cutoff_on.year != year:
            _add(errors, "cutoff_on", f"Ngày chốt danh sách phải thuộc năm {year}.")
        if not organization.is_active(cutoff_on):
            _add(errors, "organization", f"{organization.name} không hoạt động ngày {cutoff_on:%d/%m/%Y}.")
        related = (
            Ancestry.objects.filter(ancestor_id=organization.pk)
            .values("descendant_id")
            .union(Ancestry.objects.filter(descendant_id=organization.pk).values("ancestor_id"))
        )
        clash = Round.objects.filter(year=year, organization_id__in=[r["descendant_id"] for r in related]).first()
        if clash is not None:
            _add(
                errors,
                "organization",
                f"Đã có đợt đánh giá năm {year} của {clash.organization.name}, trùng phạm vi với đợt này.",
            )
        for field, due in (("self_due", self_due), ("cell_due", cell_due), ("decision_due", decision_due)):
            if due is not None and due < cutoff_on:
                _add(errors, field, f"Hạn {due:%d/%m/%Y} trước ngày chốt danh sách.")
    _raise_if(errors)
    year_rules = rules.YearRules(year)
    round_ = Round.objects.create(
        organization=organization,
        year=year,
        version=year_rules.version,
        regulation=year_rules.regulation[:300],
        cutoff_on=cutoff_on,
        opened_on=today,
        self_due=self_due,
        cell_due=cell_due,
        decision_due=decision_due,
    )
    members, organizations = roster.populate(round_)
    audit.record(
        _actor(scope),
        RatingAudit.RATING_OPEN,
        round_,
        organization=organization,
        object_label=f"{round_}: {members} đảng viên, {organizations} tổ chức",
    )
    return round_


@transaction.atomic
def close_round(scope: Scope | None, round_: Round, *, on: date | None = None, today: date | None = None) -> Round:
    today = _today(today)
    _require(scope, round_.organization_id)
    on = on or today
    if round_.closed_on is not None:
        raise RuleViolation(_open_errors(round_), "")
    if on > today or on < round_.cutoff_on:
        raise RuleViolation(f"Ngày kết thúc {on:%d/%m/%Y} không hợp lệ.", "on")
    before = audit.snapshot(round_)
    round_.closed_on = on
    round_.save(update_fields=["closed_on"])
    audit.record(_actor(scope), RatingAudit.RATING_CLOSE, round_, before=before, organization=round_.organization)
    return round_


# Facts the rules need ---------------------------------------------------------------------------------------


def member_disciplines(member_ids: Iterable[int], year: int) -> dict[int, list[tuple[date, str]]]:
    """The (date, form) of each member's discipline decisions in the year; `member_ids` a list or a subquery."""
    found: dict[int, list[tuple[date, str]]] = {}
    rows = Discipline.objects.filter(subject_member_id__in=member_ids, decided_on__year=year).order_by("decided_on")
    for item in rows:
        found.setdefault(item.subject_member_id, []).append((item.decided_on, item.get_form_display()))
    return found


def organization_disciplines(org_ids: list[int], year: int) -> dict[int, list[tuple[date, str]]]:
    found: dict[int, list[tuple[date, str]]] = {}
    rows = Discipline.objects.filter(subject_organization_id__in=org_ids, decided_on__year=year)
    for item in rows.order_by("decided_on"):
        found.setdefault(item.subject_organization_id, []).append((item.decided_on, item.get_form_display()))
    return found


# Member steps -------------------------------------------------------------------------------------------------


def _member_name(rating: MemberRating) -> str:
    return rating.member.person.full_name


def _member_open(rating: MemberRating) -> list[str]:
    errors = _open_errors(rating.round)
    if rating.status != MemberStatus.LISTED:
        errors.append(f"{_member_name(rating)}: {rating.get_status_display().lower()}.")
    return errors


def _write(scope, rating, action: RatingAudit, before: dict, organization) -> None:
    rating.save()
    audit.record(
        _actor(scope),
        action,
        rating,
        before=before,
        organization=organization,
        object_label=f"{rating}: {rating.get_step_display()}",
    )


@transaction.atomic
def record_self_assessment(
    scope: Scope | None,
    rating: MemberRating,
    *,
    on: date | None,
    form: str,
    strengths: str = "",
    weaknesses: str = "",
    remedies: str = "",
    plan: str = "",
    grade: str = "",
    score: int | None = None,
    today: date | None = None,
) -> MemberRating:
    """Bản tự kiểm điểm: the form's fields and the member's own grade."""
    today = _today(today)
    _require(scope, rating.cell_id)
    year = rating.round.year
    errors: Errors = {}
    _add(errors, "", _member_open(rating))
    if rating.step not in (Step.LISTED, Step.SELF):
        _add(
            errors,
            "",
            f"{_member_name(rating)} đã được chi bộ đề xuất xếp loại: không sửa bản tự kiểm điểm sau bước này.",
        )
    _add(errors, "on", _date_errors(on, year, today, "tự kiểm điểm"))
    _add(errors, "form", rules.form_errors(form, year))
    _add(errors, "grade", _grade_errors(grade, "tự xếp loại"))
    _add(errors, "score", rules.score_errors(grade, score, year))
    _raise_if(errors)
    before = audit.snapshot(rating)
    rating.self_on, rating.form, rating.self_grade, rating.score = on, form, grade, score
    rating.self_strengths, rating.self_weaknesses = nfc(strengths).strip(), nfc(weaknesses).strip()
    rating.self_remedies, rating.self_plan = nfc(remedies).strip(), nfc(plan).strip()
    rating.step = Step.SELF
    _write(scope, rating, RatingAudit.RATING_MEMBER_SELF, before, rating.cell)
    return rating


def _registered_in_cell(rating: MemberRating) -> int:
    return MemberRating.objects.filter(
        round_id=rating.round_id, cell_id=rating.cell_id, status__in=[MemberStatus.LISTED, MemberStatus.EXEMPTED]
    ).count()


@transaction.atomic
def record_cell_proposal(
    scope: Scope | None,
    rating: MemberRating,
    *,
    meeting_on: date | None,
    grade: str,
    comment: str = "",
    present: int | None = None,
    votes_for: int | None = None,
    self_remedied: bool = False,
    today: date | None = None,
) -> MemberRating:
    """Chi bộ họp nhận xét, đề xuất mức xếp loại, with the votes (the cell secretary records it)."""
    today = _today(today)
    _require(scope, rating.cell_id)
    year = rating.round.year
    errors: Errors = {}
    _add(errors, "", _member_open(rating))
    if rating.step == Step.LISTED:
        _add(
            errors,
            "",
            f"{_member_name(rating)} chưa có bản tự kiểm điểm: chi bộ đề xuất sau khi đảng viên tự kiểm điểm.",
        )
    elif rating.step == Step.DECIDED:
        _add(errors, "", f"{_member_name(rating)} đã có quyết định xếp loại: không sửa đề xuất của chi bộ.")
    _add(errors, "on", _date_errors(meeting_on, year, today, "chi bộ họp", rating.self_on, "tự kiểm điểm"))
    _add(errors, "grade", _grade_errors(grade, "đề xuất"))
    for field, messages in rules.vote_errors(present, votes_for, _registered_in_cell(rating)).items():
        _add(errors, field, messages)
    if grade in GRADE_ORDER:
        found = member_disciplines([rating.member_id], year).get(rating.member_id, [])
        _add(errors, "grade", rules.discipline_errors(grade, found, year, _member_name(rating), self_remedied))
        _add(errors, "grade", rules.score_errors(grade, rating.score, year))
    _raise_if(errors)
    before = audit.snapshot(rating)
    rating.meeting_on, rating.proposed_grade, rating.cell_comment = meeting_on, grade, nfc(comment).strip()
    rating.present, rating.votes_for, rating.self_remedied = present, votes_for, self_remedied
    rating.step = Step.PROPOSED
    _write(scope, rating, RatingAudit.RATING_MEMBER_PROPOSAL, before, rating.cell)
    return rating


def _decision_errors(number: str, on: date | None, year: int, today: date) -> Errors:
    errors: Errors = {}
    if not nfc(number).strip():
        _add(errors, "number", "Cần ghi số quyết định (hoặc thông báo) xếp loại.")
    _add(errors, "on", _date_errors(on, year, today, "quyết định"))
    return errors


@dataclass(frozen=True)
class _Subject:
    """What differs between deciding members' and organizations' grades."""

    model: type
    related: tuple[str, ...]
    subject_id: str
    organization: bool
    audit_action: RatingAudit
    none_message: str
    name: Callable
    disciplines: Callable
    step_errors: Callable


def _decide(
    scope: Scope | None,
    subject: _Subject,
    round_: Round,
    deciding: Organization,
    grades: dict[int, str],
    number: str,
    on: date | None,
    body: str,
    today: date | None,
) -> list:
    today = _today(today)
    _require(scope, deciding.pk)
    year = round_.year
    errors = _decision_errors(number, on, year, today)
    _add(errors, "", _open_errors(round_))
    ratings = {
        r.pk: r
        for r in subject.model.objects.filter(round=round_, pk__in=list(grades)).select_related(
            "round", "deciding", *subject.related
        )
    }
    if not grades:
        _add(errors, "", subject.none_message)
    found = subject.disciplines([getattr(r, subject.subject_id) for r in ratings.values()], year)
    for pk, grade in grades.items():
        rating = ratings.get(pk)
        field = f"r{pk}"
        if rating is None:
            _add(errors, field, "Không có trong danh sách đánh giá của đợt này.")
            continue
        name = subject.name(rating)
        if rating.deciding_id != deciding.pk:
            _add(errors, field, f"{name}: việc xếp loại thuộc {rating.deciding.name}, không thuộc {deciding.name}.")
        _add(errors, field, subject.step_errors(rating, name, on))
        _add(errors, field, _grade_errors(grade, "xếp loại"))
        if grade in GRADE_ORDER:
            _add(
                errors,
                field,
                rules.discipline_errors(
                    grade,
                    found.get(getattr(rating, subject.subject_id), []),
                    year,
                    name,
                    rating.self_remedied,
                    subject.organization,
                ),
            )
            _add(errors, field, rules.score_errors(grade, getattr(rating, "score", None), year))
    if not errors:
        current = dict(
            subject.model.objects.filter(round=round_, deciding=deciding)
            .exclude(final_grade="")
            .values_list("pk", "final_grade")
        )
        current.update(grades)
        _add(errors, "", rules.cap_errors(Counter(current.values()), year, deciding.name, subject.organization))
    _raise_if(errors)
    body = nfc(body).strip() or f"Ban Thường vụ {deciding.name}"
    changed = []
    for pk, grade in grades.items():
        rating = ratings[pk]
        before = audit.snapshot(rating)
        rating.final_grade, rating.decision_number, rating.decision_on = grade, nfc(number).strip(), on
        rating.decision_body, rating.step = body[:120], Step.DECIDED
        _write(scope, rating, subject.audit_action, before, deciding)
        changed.append(rating)
    return changed


def _member_decision_errors(rating: MemberRating, name: str, on: date | None) -> list[str]:
    errors = _member_open(rating)
    if rating.step in (Step.LISTED, Step.SELF):
        errors.append(f"{name}: chi bộ chưa họp đề xuất mức xếp loại.")
    elif on is not None and rating.meeting_on and on < rating.meeting_on:
        errors.append(f"{name}: ngày quyết định trước ngày chi bộ họp ({rating.meeting_on:%d/%m/%Y}).")
    return errors


MEMBERS = _Subject(
    MemberRating,
    ("member__person",),
    "member_id",
    False,
    RatingAudit.RATING_MEMBER_DECISION,
    "Chưa có đảng viên nào trong quyết định.",
    _member_name,
    member_disciplines,
    _member_decision_errors,
)


@transaction.atomic
def decide_members(
    scope: Scope | None,
    round_: Round,
    *,
    deciding: Organization,
    grades: dict[int, str],
    number: str,
    on: date | None,
    body: str = "",
    today: date | None = None,
) -> list[MemberRating]:
    """Cấp ủy có thẩm quyền quyết định xếp loại đảng viên: the final grade of each rating id in `grades`."""
    return _decide(scope, MEMBERS, round_, deciding, grades, number, on, body, today)


# Organization steps ----------------------------------------------------------------------------------------------


@transaction.atomic
def record_organization_self_assessment(
    scope: Scope | None,
    rating: OrganizationRating,
    *,
    on: date | None,
    grade: str,
    results: str = "",
    weaknesses: str = "",
    plan: str = "",
    self_remedied: bool = False,
    today: date | None = None,
) -> OrganizationRating:
    """Báo cáo kiểm điểm của tập thể (Mẫu 01) and its own grade."""
    today = _today(today)
    _require(scope, rating.organization_id)
    year = rating.round.year
    errors: Errors = {}
    _add(errors, "", _open_errors(rating.round))
    if rating.step == Step.DECIDED:
        _add(errors, "", f"{rating.organization.name} đã có quyết định xếp loại: không sửa bản tự kiểm điểm.")
    _add(errors, "on", _date_errors(on, year, today, "kiểm điểm"))
    _add(errors, "grade", _grade_errors(grade, "tự xếp loại"))
    _raise_if(errors)
    before = audit.snapshot(rating)
    rating.self_on, rating.self_grade, rating.self_remedied = on, grade, self_remedied
    rating.self_results, rating.self_weaknesses = nfc(results).strip(), nfc(weaknesses).strip()
    rating.self_plan, rating.step = nfc(plan).strip(), Step.SELF
    _write(scope, rating, RatingAudit.RATING_ORGANIZATION_SELF, before, rating.organization)
    return rating


def _organization_decision_errors(rating: OrganizationRating, name: str, on: date | None) -> list[str]:
    if rating.step == Step.LISTED:
        return [f"{name} chưa có báo cáo tự kiểm điểm."]
    if on is not None and rating.self_on and on < rating.self_on:
        return [f"{name}: ngày quyết định trước ngày kiểm điểm ({rating.self_on:%d/%m/%Y})."]
    return []


ORGANIZATIONS = _Subject(
    OrganizationRating,
    ("organization",),
    "organization_id",
    True,
    RatingAudit.RATING_ORGANIZATION_DECISION,
    "Chưa có tổ chức đảng nào trong quyết định.",
    lambda rating: rating.organization.name,
    organization_disciplines,
    _organization_decision_errors,
)


@transaction.atomic
def decide_organizations(
    scope: Scope | None,
    round_: Round,
    *,
    deciding: Organization,
    grades: dict[int, str],
    number: str,
    on: date | None,
    body: str = "",
    today: date | None = None,
) -> list[OrganizationRating]:
    """Cấp ủy cấp trên quyết định xếp loại tổ chức đảng (a grassroots committee for its cells)."""
    return _decide(scope, ORGANIZATIONS, round_, deciding, grades, number, on, body, today)
