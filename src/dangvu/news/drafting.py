"""Drafting a news article from a meeting ("Soạn tin từ hội nghị"), the way a communications officer writes it:

- the title from the meeting ("Thành ủy Phủ Lý sơ kết công tác xây dựng Đảng 9 tháng đầu năm, …");
- the lead ("Sáng ngày 8/10/2020 Thành ủy Phủ Lý tổ chức Hội nghị …");
- the guests ("Dự hội nghị có đồng chí … - <titles of that day>; …"), superior bodies' guests first, then by
  rank, then the groups;
- for each presented document that is an issued report, its main figures, taken from the report's fixed
  snapshot (the sentences of its sections with figures), never recomputed;
- the discussion, when the agenda had one;
- the conclusion, by whom, and the key tasks it set;
- the signature: the convening committee's name on the meeting's date.

The officer edits the draft and publishes it; nothing here is stored until `actions.create_from_meeting`.
"""

from dataclasses import dataclass, field

from dangvu.meetings.models import CELL_KINDS, Kind, Meeting, PartOfDay
from dangvu.meetings.queries import committee_name, guest_lines, person_titles

PART_WORDS = {
    PartOfDay.MORNING: "Sáng ngày",
    PartOfDay.AFTERNOON: "Chiều ngày",
    PartOfDay.EVENING: "Tối ngày",
    PartOfDay.FULL_DAY: "Ngày",
}


@dataclass
class Draft:
    title: str
    lead: str
    body: list[str]
    author: str
    notes: list[str] = field(default_factory=list)  # what the officer should know (not part of the text)

    @property
    def body_text(self) -> str:
        return "\n\n".join(self.body)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…", "./.")) else text + "."


def meeting_word(meeting: Meeting) -> str:
    if meeting.kind in CELL_KINDS:
        return "buổi sinh hoạt"
    if meeting.kind == Kind.CONGRESS_SESSION:
        return "đại hội"
    return "hội nghị"


def _event_phrase(meeting: Meeting) -> str:
    """The meeting as the object of "tổ chức": "Hội nghị sơ kết …" stays, other titles start lowercase."""
    title = meeting.title.strip().rstrip(".")
    return title if title.startswith(("Hội nghị", "Đại hội")) else _lower_first(title)


def title_for(meeting: Meeting, committee: str) -> str:
    """ "Thành ủy Phủ Lý sơ kết công tác …" from "Hội nghị sơ kết công tác …"."""
    title = meeting.title.strip().rstrip(".")
    for word in ("Hội nghị ", "Hội nghị: "):
        if title.startswith(word):
            return f"{committee} {title[len(word) :].strip()}"
    return f"{committee} tổ chức {_lower_first(title)}"


def lead_for(meeting: Meeting, committee: str) -> str:
    day = f"{meeting.date.day}/{meeting.date.month}/{meeting.date.year}"
    when = f"{PART_WORDS.get(meeting.part_of_day, 'Ngày')} {day}"
    if meeting.venue:
        when = f"{when}, tại {meeting.venue},"
    return f"{when} {committee} tổ chức {_event_phrase(meeting)}."


def person_phrase(name: str, titles: str) -> str:
    return f"đồng chí {name} - {titles}" if titles else f"đồng chí {name}"


def guests_paragraph(meeting: Meeting) -> str:
    parts = []
    for line in guest_lines(meeting):
        parts.append(line.name if line.is_group else person_phrase(line.name, line.titles))
    if not parts:
        return ""
    return f"Dự {meeting_word(meeting)} có {'; '.join(parts)}."


def report_sentences(snapshot: dict) -> list[str]:
    """The sentences of an issued report's sections that carry its figures (the computed part of each
    section, before the office's own paragraphs)."""
    sentences = []
    for section in snapshot.get("sections", []):
        paragraphs = section.get("paragraphs", [])
        segments = section.get("segments")
        if segments is not None:
            computed = [
                p
                for p, segs in zip(paragraphs, segments, strict=False)
                if len(segs) > 1 or any("key" in s for s in segs)
            ]
        else:
            computed = (
                paragraphs[: len(paragraphs) - section.get("written", 0)]
                if "written" in section
                else [p for p in paragraphs if any(ch.isdigit() for ch in p)]
            )
        sentences += [_sentence(p) for p in computed if p.strip()]
    return sentences


def _document_phrase(item) -> str:
    """ "Báo cáo số 45-BC/TU sơ kết công tác …" for an issued report, else the document as the agenda names it."""
    report = item.report
    if report is not None and report.snapshot and report.register_entry_id:
        return f"Báo cáo số {report.register_entry.label} {report.snapshot.get('summary', '')}".strip()
    return f"{item.document_label}: {_lower_first(item.title)}" if item.title else item.document_label


def report_paragraphs(meeting: Meeting, notes: list[str]) -> list[str]:
    """For each agenda item resting on a document: who presented it, and an issued report's figures."""
    from dangvu.reports.models import FIXED_STATUSES

    out = []
    items = meeting.agenda_items.select_related("presenter", "report", "report__register_entry")
    for item in items.exclude(document_label="", report__isnull=True):
        document = _document_phrase(item)
        if item.presenter_id:
            who = person_phrase(item.presenter.full_name, person_titles(item.presenter, meeting))
            out.append(f"Tại {meeting_word(meeting)}, {who} đã trình bày {document}.")
        else:
            out.append(f"{_upper_first(meeting_word(meeting))} nghe trình bày {document}.")
        report = item.report
        if report is None:
            continue
        if report.status not in FIXED_STATUSES or not report.snapshot:
            notes.append(f"{item.document_label or item.title}: báo cáo chưa ban hành nên chưa đưa số liệu vào tin.")
            continue
        sentences = report_sentences(report.snapshot)
        if sentences:
            period = report.snapshot.get("period", {}).get("label", "")
            opening = f"Theo báo cáo, {period}, " if period else "Theo báo cáo, "
            out.append(opening + _lower_first(sentences[0]) + "".join(" " + s for s in sentences[1:]))
    return out


DISCUSSION = (
    "Tại {word}, các đại biểu đã tập trung thảo luận, làm rõ những kết quả đạt được, khó khăn, vướng "
    "mắc và đề xuất các giải pháp thực hiện trong thời gian tới."
)


def discussion_paragraph(meeting: Meeting) -> str:
    """The usual sentence on the discussion, when the agenda had one."""
    if meeting.agenda_items.filter(title__istartswith="Thảo luận").exists():
        return DISCUSSION.format(word=meeting_word(meeting))
    return ""


def conclusion_paragraphs(meeting: Meeting) -> list[str]:
    paragraphs = [p.strip() for p in meeting.conclusion.split("\n") if p.strip()]
    tasks = list(meeting.tasks.filter(parent__isnull=True, not_applicable=False).order_by("order", "id"))
    out = []
    if meeting.concluded_by_id:
        who = person_phrase(meeting.concluded_by.full_name, person_titles(meeting.concluded_by, meeting))
        first = _sentence(paragraphs[0]) if paragraphs else "đã phát biểu kết luận."
        out.append(f"Phát biểu kết luận {meeting_word(meeting)}, {who} {_lower_first(first)}")
        out += [_sentence(p) for p in paragraphs[1:]]
    else:
        out += [_sentence(p) for p in paragraphs]
    if tasks:
        items = "; ".join(_upper_first(t.title.strip().rstrip(".;")) for t in tasks)
        subject = "Đồng chí" if meeting.concluded_by_id else "Hội nghị"
        out.append(f"{subject} yêu cầu tập trung thực hiện tốt một số nhiệm vụ trọng tâm, cụ thể là: {items}./.")
    return out


def draft_from_meeting(meeting: Meeting) -> Draft:
    """The article a communications officer would write about a held meeting."""
    committee = committee_name(meeting)
    notes: list[str] = []
    body = [
        p
        for p in [
            guests_paragraph(meeting),
            *report_paragraphs(meeting, notes),
            discussion_paragraph(meeting),
            *conclusion_paragraphs(meeting),
        ]
        if p
    ]
    if not meeting.conclusion:
        notes.append("Hội nghị chưa ghi kết luận.")
    return Draft(
        title=title_for(meeting, committee), lead=lead_for(meeting, committee), body=body, author=committee, notes=notes
    )
