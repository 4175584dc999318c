"""Recording many members' rating results at once: the Excel import, the demo and the benchmark.

`record_results` judges every row by the same rule functions as the step actions (dates, grades, the
discipline bar, the score bands, votes, the step order, the cap on "xuất sắc" per deciding body over what
that body will have decided), checks the scope once per cell and deciding body, and either raises one
`BatchViolation` listing every (row, field, message) or writes everything in one transaction with
`bulk_update`, with one audit event per rating changed. A row may carry any prefix of the steps: the
self-assessment, the cell's proposal, the decision; what it leaves empty stays as recorded.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from dangvu.accounts.scope import WRITE, Scope
from dangvu.core import audit
from dangvu.core.models import AuditEvent
from dangvu.core.text import nfc
from dangvu.members.bulk import BatchViolation, RowError

from . import rules
from .actions import _date_errors, _grade_errors, member_disciplines
from .models import GRADE_ORDER, MemberRating, MemberStatus, Round, Step
from .rules import YearRules

WRITE_CHUNK = 2000
FIELDS = ["step", "form", "self_on", "self_grade", "score", "meeting_on", "proposed_grade", "present", "votes_for",
          "cell_comment", "final_grade", "decision_number", "decision_on", "decision_body", "self_remedied"]


@dataclass
class Result:
    """One row of results for a member of the round (fields left None keep what is recorded)."""

    rating_id: int
    self_on: date | None = None
    self_grade: str = ""
    form: str = ""
    score: int | None = None
    meeting_on: date | None = None
    proposed_grade: str = ""
    present: int | None = None
    votes_for: int | None = None
    comment: str = ""
    final_grade: str = ""
    decision_number: str = ""
    decision_on: date | None = None
    decision_body: str = ""
    self_remedied: bool = False


def _allowed(scope: Scope | None, ids: set[int]) -> set[int]:
    if scope is None or scope.is_admin:
        return ids
    return {pk for pk in ids if scope.covers(pk, WRITE)}


def _apply(rating: MemberRating, item: Result, year: int, today: date, disciplined: list,
           errors: list[tuple[str, str]]) -> None:
    """Judge one row against the rating as recorded and put its values on the rating (not saved)."""
    def add(field: str, messages: list[str]) -> None:
        errors.extend((field, m) for m in messages)

    name = rating.member.person.full_name
    if rating.status != MemberStatus.LISTED:
        add("", [f"{name}: {rating.get_status_display().lower()}."])
        return
    if rating.step == Step.DECIDED and (item.self_grade or item.proposed_grade) and not item.final_grade:
        add("", [f"{name} đã có quyết định xếp loại: chỉ sửa được cùng với quyết định mới."])
    if item.self_grade or item.self_on:
        add("self_on", _date_errors(item.self_on, year, today, "tự kiểm điểm"))
        add("self_grade", _grade_errors(item.self_grade, "tự xếp loại"))
        form = item.form or rating.form
        add("form", rules.form_errors(form, year))
        add("score", rules.score_errors(item.self_grade, item.score, year))
        rating.self_on, rating.self_grade, rating.form, rating.score = item.self_on, item.self_grade, form, item.score
        rating.step = max(rating.step, Step.SELF, key=_STEPS.index)
    if item.proposed_grade or item.meeting_on:
        if not rating.self_grade:
            add("proposed_grade", [f"{name} chưa có bản tự kiểm điểm: chi bộ đề xuất sau khi đảng viên tự kiểm điểm."])
        add("meeting_on", _date_errors(item.meeting_on, year, today, "chi bộ họp", rating.self_on, "tự kiểm điểm"))
        add("proposed_grade", _grade_errors(item.proposed_grade, "đề xuất"))
        if item.present is None or item.votes_for is None or item.votes_for > item.present:
            for field, messages in rules.vote_errors(item.present, item.votes_for, item.present or 0).items():
                add(field, messages)
        if item.proposed_grade in GRADE_ORDER:
            add("proposed_grade", rules.discipline_errors(item.proposed_grade, disciplined, year, name,
                                                          item.self_remedied))
        rating.meeting_on, rating.proposed_grade = item.meeting_on, item.proposed_grade
        rating.present, rating.votes_for, rating.self_remedied = item.present, item.votes_for, item.self_remedied
        rating.cell_comment = nfc(item.comment).strip() or rating.cell_comment
        rating.step = max(rating.step, Step.PROPOSED, key=_STEPS.index)
    if item.final_grade or item.decision_number or item.decision_on:
        if not rating.proposed_grade:
            add("final_grade", [f"{name}: chi bộ chưa họp đề xuất mức xếp loại."])
        if not nfc(item.decision_number).strip():
            add("decision_number", ["Cần ghi số quyết định (hoặc thông báo) xếp loại."])
        add("decision_on", _date_errors(item.decision_on, year, today, "quyết định", rating.meeting_on,
                                        "chi bộ họp"))
        add("final_grade", _grade_errors(item.final_grade, "xếp loại"))
        if item.final_grade in GRADE_ORDER:
            add("final_grade", rules.discipline_errors(item.final_grade, disciplined, year, name,
                                                       rating.self_remedied))
            add("final_grade", rules.score_errors(item.final_grade, rating.score, year))
        rating.final_grade, rating.decision_number = item.final_grade, nfc(item.decision_number).strip()
        rating.decision_on = item.decision_on
        rating.decision_body = (nfc(item.decision_body).strip() or f"Ban Thường vụ {rating.deciding.name}")[:120]
        rating.step = Step.DECIDED


_STEPS = [Step.LISTED, Step.SELF, Step.PROPOSED, Step.DECIDED]


@transaction.atomic
def record_results(scope: Scope | None, round_: Round, results: Sequence[Result], *, reason: str = "",
                   today: date | None = None) -> int:
    """Write every row or none; the number of ratings changed."""
    today = today or timezone.localdate()
    year = round_.year
    problems: list[RowError] = []
    if round_.closed_on is not None:
        problems.append(RowError(0, "", f"Đợt đánh giá năm {year} đã kết thúc ngày {round_.closed_on:%d/%m/%Y}."))
    ids = [item.rating_id for item in results]
    ratings = {r.pk: r for r in MemberRating.objects.filter(round=round_, pk__in=ids)
               .select_related("member__person", "deciding", "cell")}
    cells_ok = _allowed(scope, {r.cell_id for r in ratings.values()})
    deciding_ok = _allowed(scope, {r.deciding_id for r in ratings.values()})
    disciplines = member_disciplines([r.member_id for r in ratings.values()], year)
    seen: set[int] = set()
    changed = []
    for index, item in enumerate(results):
        rating = ratings.get(item.rating_id)
        if rating is None:
            problems.append(RowError(index, "", "Không có trong danh sách đánh giá của đợt này."))
            continue
        if item.rating_id in seen:
            problems.append(RowError(index, "", f"{rating.member.person.full_name} có hai dòng trong tệp."))
            continue
        seen.add(item.rating_id)
        if rating.cell_id not in cells_ok:
            problems.append(RowError(index, "", f"Bạn không có quyền ghi kết quả của {rating.cell.name} "
                                                f"({rating.member.person.full_name})."))
            continue
        if item.final_grade and rating.deciding_id not in deciding_ok:
            problems.append(RowError(index, "final_grade", f"Việc xếp loại {rating.member.person.full_name} thuộc "
                                                           f"{rating.deciding.name}: bạn không có quyền quyết định."))
            continue
        before = {name: getattr(rating, name) for name in FIELDS}
        found: list[tuple[str, str]] = []
        _apply(rating, item, year, today, disciplines.get(rating.member_id, []), found)
        problems.extend(RowError(index, field, message) for field, message in found)
        if {name: getattr(rating, name) for name in FIELDS} != before:
            changed.append((rating, before))
    if not problems:
        _cap_problems(round_, [r for r, _ in changed], problems, results)
    if problems:
        raise BatchViolation(problems)
    _write(scope, round_, changed, reason)
    return len(changed)


def _cap_problems(round_: Round, changed: list[MemberRating], problems: list[RowError], results) -> None:
    """The cap on "xuất sắc" over what each deciding body will have decided once the batch is written."""
    touched = {r.deciding_id for r in changed if r.final_grade}
    if not touched:
        return
    final = dict(MemberRating.objects.filter(round=round_, deciding_id__in=touched).exclude(final_grade="")
                 .values_list("pk", "deciding_id"))
    grades = dict(MemberRating.objects.filter(pk__in=final).values_list("pk", "final_grade"))
    names = {}
    for rating in changed:
        if rating.final_grade:
            final[rating.pk], grades[rating.pk] = rating.deciding_id, rating.final_grade
            names[rating.deciding_id] = rating.deciding.name
    by_body: dict[int, Counter] = {}
    for pk, deciding in final.items():
        by_body.setdefault(deciding, Counter())[grades[pk]] += 1
    first_row = {item.rating_id: index for index, item in enumerate(results)}
    for deciding, counts in by_body.items():
        if deciding in names:
            index = min(first_row[r.pk] for r in changed if r.deciding_id == deciding and r.final_grade)
            problems.extend(RowError(index, "final_grade", m)
                            for m in rules.cap_errors(counts, round_.year, names[deciding]))


def _write(scope: Scope | None, round_: Round, changed: list[tuple[MemberRating, dict]], reason: str) -> None:
    actor = scope.user if scope is not None else None
    actor_id = actor.pk if getattr(actor, "pk", None) else None
    address = audit.client_address.get()
    ratings = [r for r, _ in changed]
    for start in range(0, len(ratings), WRITE_CHUNK):
        MemberRating.objects.bulk_update(ratings[start:start + WRITE_CHUNK], FIELDS)
    year_rules = YearRules(round_.year)
    events = [
        AuditEvent(actor_id=actor_id, action="rating.member.import", object_type="rating.memberrating",
                   object_id=str(r.pk), object_label=f"{r.member.person.full_name} ({round_.year}): "
                   f"{year_rules.grade_label(r.final_grade or r.proposed_grade or r.self_grade)}"[:300],
                   organization_id=r.deciding_id if r.final_grade else r.cell_id,
                   before={k: str(v) if isinstance(v, date) else v for k, v in before.items()},
                   after={k: str(v) if isinstance(v, date) else v for k, v in audit.snapshot(r, FIELDS).items()},
                   reason=reason[:500], client_address=address)
        for r, before in changed
    ]
    AuditEvent.objects.bulk_create(events, batch_size=WRITE_CHUNK)
