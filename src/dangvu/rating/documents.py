"""The rating's documents: the member's self-assessment form (Mẫu 2A/2B/2C) filled from the rating, the
organization's report (Mẫu 01) pre-filled with the year's figures from the records, the decision listing the
grades (Word, by docxtpl from the templates of `document_templates`)."""

import io
from datetime import date

from django.db.models import Q
from docxtpl import DocxTemplate

from dangvu.core.text import long_date, number, short_date
from dangvu.organizations.models import Position
from dangvu.organizations.queries import name_on
from dangvu.reports.content import default_signer, header
from dangvu.reports.figures import shown, values_of
from dangvu.reports.periods import year as year_period

from . import figures
from .document_templates import DECISION, MEMBER_FORM, ORGANIZATION_REPORT
from .models import MemberRating, OrganizationRating, Round
from .rules import YearRules, rule_day


def _render(path, context: dict) -> bytes:
    document = DocxTemplate(str(path))
    document.render(context, autoescape=True)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()] or ["…"]


def _decision_text(rating) -> str:
    if not rating.decision_number:
        return ""
    return (
        f"Theo Quyết định (Thông báo) số {rating.decision_number} ngày {short_date(rating.decision_on)} của "
        f"{rating.decision_body}."
    )


def member_form(rating: MemberRating) -> bytes:
    year_rules = YearRules(rating.round.year)
    person, member = rating.member.person, rating.member
    day = rating.self_on or rule_day(rating.round.year)
    posts = Position.objects.filter(Q(valid_from__lte=day, valid_to__gt=day), person=person).select_related(
        "organization"
    )
    post_text = "; ".join(
        p.label or f"{p.get_post_display()} {p.get_body_display()} {p.organization.name}" for p in posts
    )
    place = name_on(rating.cell, day)
    votes = f" (tán thành {rating.votes_for}/{rating.present} đảng viên dự họp)" if rating.present is not None else ""
    context = {
        "form_code": year_rules.forms.get(rating.form, rating.form).split(":")[0],
        "form_label": year_rules.forms.get(rating.form, "").split(": ", 1)[-1],
        "place_date": f"{(place.place if place else '') or rating.cell.name}, {long_date(day)}",
        "year": rating.round.year,
        "m": {
            "name": person.full_name,
            "birth": short_date(person.birth_date),
            "party_post": post_text or "Đảng viên",
            "occupation": person.occupation or "…",
            "cell": rating.cell.name,
            "admitted": short_date(member.admitted_on),
            "official": short_date(member.official_on) or "…",
        },
        "r": {
            "strengths": _lines(rating.self_strengths),
            "weaknesses": _lines(rating.self_weaknesses),
            "remedies": _lines(rating.self_remedies),
            "plan": _lines(rating.self_plan),
            "self_grade": year_rules.grade_label(rating.self_grade) or "…",
            "score": f" ({rating.score} điểm)" if rating.score is not None else "",
            "cell_comment": _lines(rating.cell_comment),
            "proposed": year_rules.grade_label(rating.proposed_grade) or "…",
            "votes": votes,
            "final": year_rules.grade_label(rating.final_grade) or "…",
            "decision": _decision_text(rating),
        },
    }
    return _render(MEMBER_FORM, context)


# The records Mẫu 01 quotes, by indicator key.
REPORT_FACTS = [
    ("members.total", "Đảng viên cuối năm"),
    ("members.admitted", "Kết nạp đảng viên mới"),
    ("members.recognized_official", "Công nhận đảng viên chính thức"),
    ("meetings.cell_meetings", "Buổi sinh hoạt chi bộ đã tổ chức"),
    ("meetings.attendance_share", "Tỷ lệ đảng viên dự sinh hoạt (%)"),
    ("inspection.organizations", "Tổ chức đảng được kiểm tra"),
    ("inspection.members", "Đảng viên được kiểm tra"),
    ("supervision.thematic.organizations", "Tổ chức đảng được giám sát chuyên đề"),
    ("discipline.members", "Đảng viên bị kỷ luật"),
    ("rating.members_phrase", "Kết quả xếp loại đảng viên"),
]


def task_figures(organization, year: int) -> tuple[int, int]:
    """Key tasks assigned to the organization falling due in the year, and those done by the year's end."""
    from dangvu.tasks.models import Status, Task

    tasks = (
        Task.objects.filter(assignments__organization=organization, due_on__year=year)
        .exclude(status=Status.CANCELLED)
        .distinct()
    )
    return tasks.count(), tasks.filter(status=Status.DONE, done_on__lte=rule_day(year)).count()


def organization_report(rating: OrganizationRating) -> bytes:
    year = rating.round.year
    year_rules = YearRules(year)
    organization = rating.organization
    found = values_of(organization, year_period(year), [key for key, _ in REPORT_FACTS])
    facts = [(label, shown(found.get(key))) for key, label in REPORT_FACTS if key in found]
    assigned, done = task_figures(organization, year)
    facts.append(("Nhiệm vụ trọng tâm được giao / đã hoàn thành", f"{number(assigned)} / {number(done)}"))
    day = rating.self_on or rule_day(year)
    post, name = default_signer(organization, day)
    context = {
        "header": header(organization, day, f"     -BC/{organization.committee_code or ''}"),
        "organization": name_on(organization, day).name,
        "year": year,
        "facts": [{"number": i, "label": label, "value": value} for i, (label, value) in enumerate(facts, 1)],
        "r": {
            "results": _lines(rating.self_results),
            "weaknesses": _lines(rating.self_weaknesses),
            "plan": _lines(rating.self_plan),
            "self_grade": year_rules.grade_label(rating.self_grade, organization=True) or "…",
        },
        "signer": {"post": post, "name": name},
    }
    return _render(ORGANIZATION_REPORT, context)


def decision(round_: Round, deciding, scope) -> bytes:
    """The deciding body's decision with the list of what it decided in the round (members, then organizations)."""
    from . import queries

    year = round_.year
    year_rules = YearRules(year)
    members = queries.member_ratings(scope, round_).filter(deciding=deciding).exclude(final_grade="")
    organizations = queries.organization_ratings(scope, round_).filter(deciding=deciding).exclude(final_grade="")
    latest = max([*members, *organizations], key=lambda r: (r.decision_on or date.min, r.pk), default=None)
    day = latest.decision_on if latest else rule_day(year)
    rows = [
        {"name": r.member.person.full_name, "unit": r.cell.name, "grade": year_rules.grade_label(r.final_grade)}
        for r in members
    ]
    rows += [
        {"name": r.organization.name, "unit": "", "grade": year_rules.grade_label(r.final_grade, True)}
        for r in organizations
    ]
    tally_members, tally_orgs = figures.Tally(), figures.Tally()
    for r in members:
        tally_members.grades[r.final_grade] += 1
    for r in organizations:
        tally_orgs.grades[r.final_grade] += 1
    phrases = []
    for subject, tally in (("members", tally_members), ("grassroots", tally_orgs)):
        if tally.rated:
            phrases += [
                f"{row['count']} {figures.SUBJECTS['members'] if subject == 'members' else 'tổ chức đảng'} "
                f"“{row['label']}”"
                for row in figures.grade_rows(tally, year, subject != "members")
                if row["count"]
            ]
    post, name = default_signer(deciding, day)
    context = {
        "header": header(deciding, day, latest.decision_number if latest else ""),
        "year": year,
        "regulation": round_.regulation,
        "member_count": len(members),
        "organization_count": len(organizations),
        "phrases": phrases or ["chưa có kết quả xếp loại"],
        "rows": [{"number": i, **row} for i, row in enumerate(rows, 1)],
        "signer": {"post": post, "name": name},
    }
    return _render(DECISION, context)
