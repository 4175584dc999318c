"""The rating's documents for download: the member's form, the organization's report, the decision (Word),
and the rating book (Excel). Every download of personal data is recorded in the audit trail."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from dangvu.accounts.scope import scope_for
from dangvu.core import audit
from dangvu.rating.audit_actions import RatingAudit

from . import documents, excel, queries
from .views import _deciding

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, kind: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def member_form(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    rating = queries.get_member_rating(scope, pk)
    content = documents.member_form(rating)
    audit.record(
        request.user,
        RatingAudit.RATING_EXPORT_MEMBER_FORM,
        rating,
        organization=rating.cell,
        object_label=f"Bản kiểm điểm {rating}",
    )
    return _download(content, DOCX, f"ban-kiem-diem-{rating.round.year}-{rating.member_id}.docx")


@login_required
def organization_report(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    rating = queries.get_organization_rating(scope, pk)
    return _download(
        documents.organization_report(rating),
        DOCX,
        f"bao-cao-kiem-diem-{rating.round.year}-{rating.organization.code}.docx",
    )


@login_required
def decision(request, pk, deciding_id) -> HttpResponse:
    scope = scope_for(request.user)
    round_ = queries.get_round(scope, pk)
    deciding = _deciding(scope, round_, deciding_id)
    content = documents.decision(round_, deciding, scope)
    audit.record(
        request.user,
        RatingAudit.RATING_EXPORT_DECISION,
        round_,
        organization=deciding,
        object_label=f"Quyết định xếp loại năm {round_.year}: {deciding.name}",
    )
    return _download(content, DOCX, f"quyet-dinh-xep-loai-{round_.year}-{deciding.code}.docx")


@login_required
def book(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    round_ = queries.get_round(scope, pk)
    content = excel.book(scope, round_)
    audit.record(
        request.user,
        RatingAudit.RATING_EXPORT_BOOK,
        round_,
        organization=round_.organization,
        object_label=f"Sổ xếp loại {round_}",
    )
    return _download(content, XLSX, f"so-xep-loai-{round_.year}.xlsx")
