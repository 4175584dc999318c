"""The batch write of rating results (`rating.bulk.record_results`, behind the book import and the demo): every
row judged in Python, then all written in a few statements in one transaction. Good rows land with the same
fields, steps and audit events as the step actions give; bad rows get their Vietnamese message with their
index and field, and nothing is written; a failure while writing leaves every rating as it was."""

from datetime import date

import pytest

from dangvu.core import audit
from dangvu.core.models import AuditEvent
from dangvu.members.bulk import BatchViolation, RowError
from dangvu.rating import actions, bulk
from dangvu.rating.bulk import Result, record_results
from dangvu.rating.models import Grade, MemberRating, Step
from dangvu.work import actions as work_actions
from dangvu.work.models import DisciplineForm, PerformingBody
from rating_support import add_members, propose, rating_of

TODAY = date(2026, 2, 1)
SELF_ON, MEETING_ON, DECIDED_ON = date(2023, 11, 20), date(2023, 12, 5), date(2023, 12, 20)
WARD_BODY = "Ban Thường vụ Đảng bộ phường Quang Trung"
RULE_2023 = "Quy định 124-QĐ/TW ngày 04/10/2023; Hướng dẫn 25-HD/BTCTW ngày 10/11/2023"


@pytest.fixture
def world(tree, make_member):
    cell_a = add_members(make_member, tree["cell_a"], 5)
    cell_b = add_members(make_member, tree["cell_b"], 5)
    round_ = actions.open_round(None, organization=tree["city"], year=2023, today=TODAY)
    return {"round": round_, "a": [rating_of(round_, m) for m in cell_a], "b": [rating_of(round_, m) for m in cell_b]}


def full(rating, grade, *, number="20-QĐ/ĐU", **changes) -> Result:
    """A row carrying all three steps for one rating."""
    values = dict(
        rating_id=rating.pk,
        self_on=SELF_ON,
        self_grade=grade,
        meeting_on=MEETING_ON,
        proposed_grade=grade,
        present=5,
        votes_for=5,
        comment=" Chi bộ thống nhất. ",
        final_grade=grade,
        decision_number=number,
        decision_on=DECIDED_ON,
    )
    values.update(changes)
    return Result(**values)


def stored(rating) -> dict:
    return MemberRating.objects.filter(pk=rating.pk).values(*bulk.FIELDS).get()


def test_good_rows_are_written_with_their_steps_and_one_audit_event_each(world):
    a, b = world["a"], world["b"]
    rows = [
        Result(rating_id=a[0].pk, self_on=SELF_ON, self_grade=Grade.GOOD, form="2B"),  # the self-assessment only
        Result(
            rating_id=a[1].pk,
            self_on=SELF_ON,
            self_grade=Grade.GOOD,
            meeting_on=MEETING_ON,
            proposed_grade=Grade.COMPLETE,
            present=5,
            votes_for=4,
        ),  # and the cell's proposal
        full(a[2], Grade.EXCELLENT, decision_body="  Ban Thường vụ Đảng ủy phường  "),
        *[full(r, Grade.GOOD) for r in a[3:] + b],
    ]
    assert record_results(None, world["round"], rows, reason="Nhập tệp ket-qua.xlsx", today=TODAY) == 10

    first = stored(a[0])
    assert first == {
        **first,
        "step": Step.SELF,
        "self_on": SELF_ON,
        "self_grade": Grade.GOOD,
        "form": "2B",
        "proposed_grade": "",
        "final_grade": "",
    }
    second = stored(a[1])
    assert (second["step"], second["proposed_grade"], second["present"], second["votes_for"]) == (
        Step.PROPOSED,
        Grade.COMPLETE,
        5,
        4,
    )
    assert second["form"] == "2A" and second["final_grade"] == "" and second["cell_comment"] == ""
    third = stored(a[2])
    assert third == {
        **third,
        "step": Step.DECIDED,
        "final_grade": Grade.EXCELLENT,
        "decision_number": "20-QĐ/ĐU",
        "decision_on": DECIDED_ON,
        "decision_body": "Ban Thường vụ Đảng ủy phường",
        "cell_comment": "Chi bộ thống nhất.",
        "meeting_on": MEETING_ON,
    }
    assert stored(b[4])["decision_body"] == WARD_BODY  # the deciding committee's standing committee by default

    events = AuditEvent.objects.filter(action="rating.member.import")
    assert events.count() == 10 and {e.reason for e in events} == {"Nhập tệp ket-qua.xlsx"}
    event = events.get(object_id=str(a[2].pk))
    assert event.object_type == "rating.memberrating" and event.organization_id == a[2].deciding_id
    assert event.object_label == "Nguyễn Văn Cường (2023): Hoàn thành xuất sắc nhiệm vụ"
    assert event.before["step"] == Step.LISTED and event.before["final_grade"] == ""
    assert event.after["step"] == Step.DECIDED and event.after["decision_on"] == "2023-12-20"
    assert events.get(object_id=str(a[0].pk)).organization_id == a[0].cell_id  # not decided: the cell's record


def test_rows_that_change_nothing_are_not_written_again(world):
    rows = [full(r, Grade.GOOD) for r in world["a"]]
    assert record_results(None, world["round"], rows, today=TODAY) == 5
    assert record_results(None, world["round"], rows, today=TODAY) == 0
    assert AuditEvent.objects.filter(action="rating.member.import").count() == 5


def test_bad_rows_get_their_messages_and_nothing_is_written(world, tree):
    a, b = world["a"], world["b"]
    work_actions.decide_discipline(
        None,
        organization=tree["ward"],
        body=PerformingBody.INSPECTION_COMMITTEE,
        decided_on=date(2023, 6, 1),
        form=DisciplineForm.REPRIMAND,
        decision_number="07-QĐ/UBKT",
        reason="Vi phạm quy chế làm việc",
        subject_member=b[0].member,
        today=TODAY,
    )
    rows = [
        full(a[0], Grade.GOOD),  # a good row among the bad ones: not written either
        Result(rating_id=999_999, self_on=SELF_ON, self_grade=Grade.GOOD),
        full(a[0], Grade.GOOD),
        Result(rating_id=a[1].pk, self_on=date(2026, 3, 1), self_grade="", form="2C", score=80),
        Result(rating_id=a[2].pk, meeting_on=MEETING_ON, proposed_grade=Grade.GOOD, present=5, votes_for=6),
        full(a[3], Grade.GOOD, number=" ", decision_on=date(2023, 12, 1)),
        full(a[4], Grade.GOOD, present=None),
        full(b[0], Grade.GOOD),
    ]
    with pytest.raises(BatchViolation) as caught:
        record_results(None, world["round"], rows, today=TODAY)
    discipline = (
        f"Nguyễn Văn An bị kỷ luật khiển trách ngày 01/06/2023: theo {RULE_2023}, Điều 12, mức cao nhất được "
        "xếp là “Không hoàn thành nhiệm vụ”."
    )
    assert caught.value.rows == [
        RowError(1, "", "Không có trong danh sách đánh giá của đợt này."),
        RowError(2, "", "Nguyễn Văn An có hai dòng trong tệp."),
        RowError(3, "self_on", "Ngày 01/03/2026 ở tương lai."),
        RowError(3, "self_grade", "Cần chọn mức tự xếp loại."),
        RowError(3, "form", "Mẫu “2C” không có trong quy định năm 2023: chọn 2A, 2B."),
        RowError(3, "score", "Quy định áp dụng cho năm 2023 không chấm điểm: bỏ trống ô điểm."),
        RowError(
            4,
            "proposed_grade",
            "Nguyễn Văn Cường chưa có bản tự kiểm điểm: chi bộ đề xuất sau khi đảng viên tự kiểm điểm.",
        ),
        RowError(4, "votes_for", "Số tán thành (6) lớn hơn số dự họp (5)."),
        RowError(5, "decision_number", "Cần ghi số quyết định (hoặc thông báo) xếp loại."),
        RowError(5, "decision_on", "Ngày quyết định (01/12/2023) trước ngày chi bộ họp (05/12/2023)."),
        RowError(6, "present", "Cần ghi số đảng viên dự họp."),
        RowError(7, "proposed_grade", discipline),
        RowError(7, "final_grade", discipline),
    ]
    assert not MemberRating.objects.filter(round=world["round"]).exclude(step=Step.LISTED).exists()
    assert not AuditEvent.objects.filter(action="rating.member.import").exists()


def test_the_cell_meeting_cannot_count_more_present_than_the_cell_has(world):
    """As the step action judges it: the cell of five members cannot have six at its meeting."""
    with pytest.raises(BatchViolation) as caught:
        record_results(None, world["round"], [full(world["a"][0], Grade.GOOD, present=6, votes_for=6)], today=TODAY)
    assert caught.value.rows == [RowError(0, "present", "Số dự họp (6) lớn hơn số đảng viên của chi bộ (5).")]


def test_a_decided_rating_is_changed_only_with_a_new_decision(world):
    rating = world["a"][0]
    record_results(None, world["round"], [full(rating, Grade.GOOD)], today=TODAY)
    again = Result(rating_id=rating.pk, self_on=SELF_ON, self_grade=Grade.COMPLETE)
    with pytest.raises(BatchViolation) as caught:
        record_results(None, world["round"], [again], today=TODAY)
    assert caught.value.rows == [
        RowError(0, "", "Nguyễn Văn An đã có quyết định xếp loại: chỉ sửa được cùng với quyết định mới.")
    ]
    assert stored(rating)["self_grade"] == Grade.GOOD


def test_the_cap_counts_what_the_body_decided_before_and_in_the_file(world):
    """Two excellent decided by the actions for five good, then one more in the file: over a fifth."""
    a, b = world["a"], world["b"]
    for r in a[:2]:
        propose(world["round"], r.member, Grade.EXCELLENT, today=TODAY)
    for r in b:
        propose(world["round"], r.member, Grade.GOOD, today=TODAY)
    actions.decide_members(
        None,
        world["round"],
        deciding=a[0].deciding,
        number="19-QĐ/ĐU",
        on=DECIDED_ON,
        grades={a[0].pk: Grade.EXCELLENT, **{r.pk: Grade.GOOD for r in b}},
        today=TODAY,
    )
    rows = [full(a[3], Grade.GOOD), full(a[2], Grade.EXCELLENT)]
    with pytest.raises(BatchViolation) as caught:
        record_results(None, world["round"], rows, today=TODAY)
    assert caught.value.rows == [
        RowError(
            0,
            "final_grade",
            (
                "Đảng bộ phường Quang Trung xếp loại 2 đảng viên “Hoàn thành xuất sắc nhiệm vụ” trong khi chỉ có 6 "
                f"“Hoàn thành tốt nhiệm vụ”: theo {RULE_2023}, Điều 12, số “xuất sắc” không quá 20% số "
                "“hoàn thành tốt” (tối đa 1)."
            ),
        )
    ]
    assert stored(a[3])["step"] == Step.LISTED and stored(a[2])["step"] == Step.LISTED


def test_many_rows_are_written_in_chunks(world, monkeypatch):
    monkeypatch.setattr(bulk, "WRITE_CHUNK", 3)
    ratings = world["a"] + world["b"]
    assert record_results(None, world["round"], [full(r, Grade.GOOD) for r in ratings], today=TODAY) == 10
    assert set(MemberRating.objects.filter(round=world["round"]).values_list("step", flat=True)) == {Step.DECIDED}
    assert AuditEvent.objects.filter(action="rating.member.import").count() == 10


def test_a_failure_while_writing_leaves_every_rating_as_it_was(world, monkeypatch):
    """The ratings are updated before the audit events are written: when the audit write fails, the update is
    rolled back with it (one transaction)."""
    ratings = world["a"] + world["b"]
    before = [stored(r) for r in ratings]

    def broken(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(audit, "record_many", broken)
    with pytest.raises(RuntimeError):
        record_results(None, world["round"], [full(r, Grade.GOOD) for r in ratings], today=TODAY)
    assert [stored(r) for r in ratings] == before
    assert not AuditEvent.objects.filter(action="rating.member.import").exists()
