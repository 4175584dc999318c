"""Course pages: list, detail with the participants, create, edit, delete, add and grade participants,
import a participant list from Excel."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from dangvu.accounts.scope import WRITE, require_capability, scope_for
from dangvu.members.pickers import limit_people

from .. import actions, excel, queries
from ..actions.courses import COURSE_FIELDS, ParticipantRow
from ..forms import CourseForm, ParticipantForm, ParticipantResultForm
from ..models import CourseKind, CourseParticipant
from .common import (
    Filters,
    bound,
    delete_page,
    delete_record,
    edit_page,
    import_page,
    initial_of,
    list_page,
    save_page,
    xlsx_response,
)


@login_required
def course_list(request) -> HttpResponse:
    scope = scope_for(request.user)
    flt = Filters(request, scope)
    qs = queries.courses(
        scope, organization=flt.organization, kind=flt.choice("loai", CourseKind.choices), start=flt.start, end=flt.end
    )
    return list_page(
        request,
        "work/course_list.html",
        qs,
        {"kinds": CourseKind.choices, "can_write": scope.can(WRITE), "org_picker": flt.picker},
    )


@login_required
def course_detail(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    course = queries.get_course(scope, pk)
    return render(
        request,
        "work/course_detail.html",
        {
            "course": course,
            "participants": course.participants.select_related("person", "person__membership"),
            "can_write": scope.covers(course.organizer_id, WRITE),
            "form": ParticipantForm(),
        },
    )


@login_required
def course_create(request) -> HttpResponse:
    scope = scope_for(request.user)
    require_capability(scope, WRITE, "mở lớp")
    form = CourseForm(bound(request), scope=scope)
    return save_page(
        request,
        form,
        partial(actions.create_course, request.user),
        to=lambda course: reverse("work_course_detail", args=[course.pk]),
        success=lambda course: f"Đã ghi {course}.",
        title="Mở lớp bồi dưỡng",
        cancel_url=reverse("work_course_list"),
    )


@login_required
def course_edit(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    course = queries.get_course(scope, pk)
    scope.require(course.organizer_id, WRITE)
    form = CourseForm(bound(request), scope=scope, initial=initial_of(course, COURSE_FIELDS))
    return edit_page(request, course, form, actions.update_course, "work_course_detail")


@login_required
def course_delete(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    course = queries.get_course(scope, pk)
    scope.require(course.organizer_id, WRITE)
    return delete_record(request, course, actions.delete_course, "work_course_detail", "work_course_list")


@login_required
def participant_add(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    course = queries.get_course(scope, pk)
    scope.require(course.organizer_id, WRITE)
    form = ParticipantForm(bound(request), scope=scope)
    limit_people(form, queries.course_people(scope), "people", where="trong phạm vi của bạn", key=f"lop:{pk}")
    back = reverse("work_course_detail", args=[pk])
    return save_page(
        request,
        form,
        partial(actions.enrol_people, request.user, course),
        to=back,
        success=lambda added: "Đã thêm " + ", ".join(p.person.full_name for p in added) + ".",
        title=f"Thêm học viên: {course}",
        cancel_url=back,
        intro="Người đã có trong hệ thống: gõ họ tên để tìm và chọn, chọn được nhiều người. Quần chúng chưa "
        "có trong hệ thống: ghi đủ họ tên, giới tính, ngày sinh và số CCCD.",
    )


def _participant(request, pk):
    scope = scope_for(request.user)
    participant = get_object_or_404(CourseParticipant.objects.select_related("course", "person"), pk=pk)
    queries.get_course(scope, participant.course_id)  # 404 outside the scope
    scope.require(participant.course.organizer_id, WRITE)
    return participant


@login_required
def participant_edit(request, pk) -> HttpResponse:
    participant = _participant(request, pk)
    course = participant.course
    form = ParticipantResultForm(
        bound(request),
        initial={
            "result": participant.result,
            "certificate_number": participant.certificate_number,
            "note": participant.note,
        },
    )
    back = reverse("work_course_detail", args=[course.pk])
    return save_page(
        request,
        form,
        partial(actions.update_participant, request.user, participant),
        to=back,
        title=f"Kết quả: {participant.person.full_name}",
        cancel_url=back,
    )


@login_required
def participant_remove(request, pk) -> HttpResponse:
    participant = _participant(request, pk)
    back = reverse("work_course_detail", args=[participant.course_id])
    return delete_page(
        request,
        participant,
        lambda: actions.remove_participant(request.user, participant),
        back,
        back,
        f"học viên {participant.person.full_name}",
    )


def participant_rows(rows: list[tuple[int, dict]]) -> list[ParticipantRow]:
    out = []
    for _, data in rows:
        data = dict(data)
        full = data.pop("full_name", "")
        if full and not data.get("given_name"):
            data["family_name"], data["middle_name"], data["given_name"] = excel.split_full_name(full)
        values = {"family_name": "", "given_name": ""}
        values.update({k: v if v is not None or k == "birth_date" else "" for k, v in data.items()})
        out.append(ParticipantRow(**values))
    return out


@login_required
def participant_import(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    course = queries.get_course(scope, pk)
    scope.require(course.organizer_id, WRITE)

    def run(rows):
        return actions.import_participants(request.user, course, participant_rows(rows), lines=[n for n, _ in rows])

    return import_page(
        request,
        title=f"Nhập học viên: {course}",
        spec=excel.PARTICIPANT_SHEET,
        run=run,
        template_url=reverse("work_participant_template"),
        back_url=reverse("work_course_detail", args=[pk]),
        intro="Mỗi dòng một học viên. Quần chúng chưa có trong hệ thống được tạo mới từ họ tên, "
        "giới tính, ngày sinh và số CCCD.",
    )


@login_required
def participant_template(request) -> HttpResponse:
    return xlsx_response(excel.template(excel.PARTICIPANT_SHEET), "mau-nhap-hoc-vien.xlsx")
