"""Recording many members' rating results at once: the Excel import, the demo and the benchmark.

`record_results` judges every row in Python by the same rule functions as the step actions (dates, grades, the
discipline bar, the score bands, the votes against the cell's members, the step order, the cap on "xuất sắc"
per deciding body over what that body will have decided), checks the scope once per cell and deciding body,
and either raises one `BatchViolation` listing every (row, field, message) or writes everything in one
transaction: the ratings by one prepared UPDATE run over the whole batch (`core.batch.update_rows`), then one
audit event per rating changed, inserted in a few statements. The recorded ratings are read as plain values
in chunks (no model instance per row: a province's book is 100,000 rows). A row may carry any prefix of the
steps: the self-assessment, the cell's proposal, the decision; what it leaves empty stays as recorded.
The book import judges (`judge_results`) and writes (`write_results`) apart, so that its dry run judges alone.
"""

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from dangvu.accounts.scope import WRITE, Scope
from dangvu.core import audit
from dangvu.core.batch import update_rows
from dangvu.core.text import nfc
from dangvu.members.bulk import BatchViolation, RowError
from dangvu.members.models import join_name
from dangvu.organizations.models import Organization
from dangvu.rating.audit_actions import RatingAudit

from . import rules
from .actions import _date_errors, _grade_errors, member_disciplines
from .models import GRADE_ORDER, MemberRating, MemberStatus, Round, Step
from .rules import YearRules

WRITE_CHUNK = 2000
CHECK_PHASE = "rating.check"  # the progress phase of judging (its label: rating/apps.py)
READ_CHUNK = 900  # ids per query, below SQLite's oldest limit on bound variables
FIELDS = [
    "step",
    "form",
    "self_on",
    "self_grade",
    "score",
    "meeting_on",
    "proposed_grade",
    "present",
    "votes_for",
    "cell_comment",
    "final_grade",
    "decision_number",
    "decision_on",
    "decision_body",
    "self_remedied",
]


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


@dataclass(slots=True)
class _Recorded:
    """A rating as recorded, read as plain values, with the names its messages use; `_apply` puts a row's
    values on it. The attributes after the names are `FIELDS`, in that order."""

    pk: int
    member_id: int
    cell_id: int
    deciding_id: int
    status: str
    name: str
    step: str
    form: str
    self_on: date | None
    self_grade: str
    score: int | None
    meeting_on: date | None
    proposed_grade: str
    present: int | None
    votes_for: int | None
    cell_comment: str
    final_grade: str
    decision_number: str
    decision_on: date | None
    decision_body: str
    self_remedied: bool
    cell_name: str = ""
    deciding_name: str = ""

    def values(self) -> list:
        return [getattr(self, name) for name in FIELDS]

    @property
    def grade_now(self) -> str:
        """The furthest step's grade: decided, else proposed, else the member's own."""
        return self.final_grade or self.proposed_grade or self.self_grade


def _read(round_: Round, ids: list[int]) -> dict[int, _Recorded]:
    """The round's ratings among `ids`, in chunks of ids, with the names of their members, cells and bodies."""
    found: dict[int, _Recorded] = {}
    unique = list(dict.fromkeys(ids))
    columns = [
        "pk",
        "member_id",
        "cell_id",
        "deciding_id",
        "status",
        "member__person__family_name",
        "member__person__middle_name",
        "member__person__given_name",
        *FIELDS,
    ]
    for start in range(0, len(unique), READ_CHUNK):
        rows = (
            MemberRating.objects.filter(round=round_, pk__in=unique[start : start + READ_CHUNK])
            .order_by()
            .values_list(*columns)
        )
        for pk, member_id, cell_id, deciding_id, status, family, middle, given, *values in rows:
            found[pk] = _Recorded(
                pk, member_id, cell_id, deciding_id, status, join_name(family, middle, given), *values
            )
    names = dict(
        Organization.objects.filter(
            pk__in={r.cell_id for r in found.values()} | {r.deciding_id for r in found.values()}
        ).values_list("pk", "name")
    )
    for rating in found.values():
        rating.cell_name, rating.deciding_name = names[rating.cell_id], names[rating.deciding_id]
    return found


def _registered(round_: Round) -> dict[int, int]:
    """The members of each cell in the round (listed or exempted): the most who can attend its meeting."""
    return dict(
        MemberRating.objects.filter(round=round_, status__in=[MemberStatus.LISTED, MemberStatus.EXEMPTED])
        .order_by()
        .values_list("cell_id")
        .annotate(n=Count("pk"))
    )


def _allowed(scope: Scope | None, ids: set[int]) -> set[int]:
    if scope is None or scope.is_admin:
        return ids
    return {pk for pk in ids if scope.covers(pk, WRITE)}


def _apply(
    rating: _Recorded,
    item: Result,
    year: int,
    today: date,
    disciplined: list,
    registered: int,
    errors: list[tuple[str, str]],
) -> None:
    """Judge one row against the rating as recorded and put its values on the rating (not written)."""

    def add(field: str, messages: list[str]) -> None:
        errors.extend((field, m) for m in messages)

    name = rating.name
    if rating.status != MemberStatus.LISTED:
        add("", [f"{name}: {MemberStatus(rating.status).label.lower()}."])
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
        for field, messages in rules.vote_errors(item.present, item.votes_for, registered).items():
            add(field, messages)
        if item.proposed_grade in GRADE_ORDER:
            add(
                "proposed_grade",
                rules.discipline_errors(item.proposed_grade, disciplined, year, name, item.self_remedied),
            )
        rating.meeting_on, rating.proposed_grade = item.meeting_on, item.proposed_grade
        rating.present, rating.votes_for, rating.self_remedied = item.present, item.votes_for, item.self_remedied
        rating.cell_comment = nfc(item.comment).strip() or rating.cell_comment
        rating.step = max(rating.step, Step.PROPOSED, key=_STEPS.index)
    if item.final_grade or item.decision_number or item.decision_on:
        if not rating.proposed_grade:
            add("final_grade", [f"{name}: chi bộ chưa họp đề xuất mức xếp loại."])
        if not nfc(item.decision_number).strip():
            add("decision_number", ["Cần ghi số quyết định (hoặc thông báo) xếp loại."])
        add("decision_on", _date_errors(item.decision_on, year, today, "quyết định", rating.meeting_on, "chi bộ họp"))
        add("final_grade", _grade_errors(item.final_grade, "xếp loại"))
        if item.final_grade in GRADE_ORDER:
            add("final_grade", rules.discipline_errors(item.final_grade, disciplined, year, name, rating.self_remedied))
            add("final_grade", rules.score_errors(item.final_grade, rating.score, year))
        rating.final_grade, rating.decision_number = item.final_grade, nfc(item.decision_number).strip()
        rating.decision_on = item.decision_on
        rating.decision_body = (nfc(item.decision_body).strip() or f"Ban Thường vụ {rating.deciding_name}")[:120]
        rating.step = Step.DECIDED


_STEPS = [Step.LISTED, Step.SELF, Step.PROPOSED, Step.DECIDED]


@dataclass
class Change:
    """A rating the batch changes: as it will be written, its values before, and the batch row it came from."""

    rating: _Recorded
    before: list
    index: int


Progress = Callable[[str, int, int | None], None]
PROGRESS_EVERY = 2000  # rows judged between two reports


def _quiet(_phase: str, _done: int, _total: int | None) -> None:
    pass


@transaction.atomic
def record_results(
    scope: Scope | None, round_: Round, results: Sequence[Result], *, reason: str = "", today: date | None = None
) -> int:
    """Write every row or none; the number of ratings changed."""
    changed = judge_results(scope, round_, results, today=today)
    write_results(scope, round_, changed, reason)
    return len(changed)


def judge_results(
    scope: Scope | None,
    round_: Round,
    results: Sequence[Result],
    *,
    today: date | None = None,
    progress: Progress = _quiet,
) -> list[Change]:
    """The ratings the rows change, judged, not written; `BatchViolation` with every row's problems. Run it in
    the transaction that writes them (`write_results`), so what was judged is what is written."""
    today = today or timezone.localdate()
    year = round_.year
    problems: list[RowError] = []
    if round_.closed_on is not None:
        problems.append(RowError(0, "", f"Đợt đánh giá năm {year} đã kết thúc ngày {round_.closed_on:%d/%m/%Y}."))
    progress(CHECK_PHASE, 0, len(results))
    ratings = _read(round_, [item.rating_id for item in results])
    cells_ok = _allowed(scope, {r.cell_id for r in ratings.values()})
    deciding_ok = _allowed(scope, {r.deciding_id for r in ratings.values()})
    disciplines = member_disciplines(MemberRating.objects.filter(round=round_).values("member_id"), year)
    registered = _registered(round_)
    seen: set[int] = set()
    changed: list[Change] = []
    for index, item in enumerate(results):
        if index % PROGRESS_EVERY == 0:
            progress(CHECK_PHASE, index, len(results))
        rating = ratings.get(item.rating_id)
        if rating is None:
            problems.append(RowError(index, "", "Không có trong danh sách đánh giá của đợt này."))
            continue
        if item.rating_id in seen:
            problems.append(RowError(index, "", f"{rating.name} có hai dòng trong tệp."))
            continue
        seen.add(item.rating_id)
        if rating.cell_id not in cells_ok:
            problems.append(
                RowError(index, "", f"Bạn không có quyền ghi kết quả của {rating.cell_name} ({rating.name}).")
            )
            continue
        if item.final_grade and rating.deciding_id not in deciding_ok:
            problems.append(
                RowError(
                    index,
                    "final_grade",
                    f"Việc xếp loại {rating.name} thuộc {rating.deciding_name}: bạn không có quyền quyết định.",
                )
            )
            continue
        before = rating.values()
        found: list[tuple[str, str]] = []
        _apply(
            rating, item, year, today, disciplines.get(rating.member_id, []), registered.get(rating.cell_id, 0), found
        )
        problems.extend(RowError(index, field, message) for field, message in found)
        if rating.values() != before:
            changed.append(Change(rating, before, index))
    progress(CHECK_PHASE, len(results), len(results))
    if not problems:
        _cap_problems(round_, changed, problems)
    if problems:
        raise BatchViolation(problems)
    return changed


def _cap_problems(round_: Round, changed: list[Change], problems: list[RowError]) -> None:
    """The cap on "xuất sắc" over what each deciding body will have decided once the batch is written, told
    on the first row of the batch that the body decides."""
    first_row: dict[int, int] = {}
    names: dict[int, str] = {}
    for change in changed:
        rating = change.rating
        if rating.final_grade and rating.deciding_id not in first_row:
            first_row[rating.deciding_id], names[rating.deciding_id] = change.index, rating.deciding_name
    if not first_row:
        return
    final = {
        pk: (deciding, grade)
        for pk, deciding, grade in MemberRating.objects.filter(round=round_, deciding_id__in=list(first_row))
        .exclude(final_grade="")
        .order_by()
        .values_list("pk", "deciding_id", "final_grade")
    }
    final.update((c.rating.pk, (c.rating.deciding_id, c.rating.final_grade)) for c in changed if c.rating.final_grade)
    counts: dict[int, Counter] = {}
    for deciding, grade in final.values():
        counts.setdefault(deciding, Counter())[grade] += 1
    for deciding, index in sorted(first_row.items(), key=lambda pair: pair[1]):
        problems.extend(
            RowError(index, "final_grade", m) for m in rules.cap_errors(counts[deciding], round_.year, names[deciding])
        )


def _plain(values: list) -> dict:
    """FIELDS' values as the audit trail keeps them (dates as text)."""
    return {name: str(v) if isinstance(v, date) else v for name, v in zip(FIELDS, values, strict=True)}


def write_results(scope: Scope | None, round_: Round, changed: list[Change], reason: str) -> None:
    """Write the judged changes and their audit events (inside the transaction that judged them)."""
    update_rows(MemberRating, FIELDS, ([*c.rating.values(), c.rating.pk] for c in changed), chunk_size=WRITE_CHUNK)
    actor = scope.user if scope is not None else None
    labels = {"": "", **dict(YearRules(round_.year).grade_choices())}
    audit.record_many(
        audit.event(
            actor,
            RatingAudit.RATING_MEMBER_IMPORT,
            object_type="rating.memberrating",
            object_id=str(c.rating.pk),
            object_label=f"{c.rating.name} ({round_.year}): {labels[c.rating.grade_now]}",
            organization=c.rating.deciding_id if c.rating.final_grade else c.rating.cell_id,
            before=_plain(c.before),
            after=_plain(c.rating.values()),
            reason=reason,
        )
        for c in changed
    )
