"""Word documents of reports: docxtpl fills the report kind's template with a report's content.

A template is checked before it is accepted and before it is used: every variable it names must be one the
content provides, and `f.<indicator key>` must name a registered indicator; otherwise the administrator gets
a message naming the unknown placeholder instead of a broken document.
"""

import functools
import io
import zipfile
from pathlib import Path
from typing import Any

import jinja2
from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage

from dangvu.core import archives
from dangvu.core.errors import RuleViolation

from . import charts, sandbox
from .content import content as report_content
from .content import table
from .default_template import PATH as DEFAULT_PATH
from .figures import shown
from .indicators import REGISTRY
from .models import DocumentTemplate, ReportKind

# The variables a template may use, with what they hold (shown on the template page).
VARIABLES = {
    "header": "đầu văn bản: header.superior, header.issuer, header.number, header.place_date, "
    "header.issuer_short, header.superior_short, header.organization, header.committee",
    "doc_type": "tên loại văn bản: BÁO CÁO",
    "summary": "trích yếu",
    "sections": "các phần: s.number, s.heading, s.level, s.paragraphs",
    "table": "bảng số liệu: row.number, row.label, row.value, row.previous, row.year_earlier",
    "charts": "biểu đồ: c.image, c.title",
    "signer": "người ký: signer.post, signer.name",
    "period": "kỳ báo cáo: period.label, period.next_label, period.from, period.to",
    "previous_period": "tên kỳ trước",
    "year_earlier_period": "tên cùng kỳ năm trước",
    "document_date": "ngày văn bản (YYYY-MM-DD)",
    "organization": "tổ chức: organization.name, organization.code",
    "f": "giá trị một chỉ tiêu theo mã, ví dụ f.inspection.organizations",
}
# What each variable holds, as the check at upload knows it: None a value, a dict the fields of a record,
# a one-item list a list of that; `f` is the figures by indicator key.
_ROW = {"number": None, "label": None, "value": None, "previous": None, "year_earlier": None}
SHAPES = {
    "header": dict.fromkeys(
        ("superior", "issuer", "number", "place_date", "issuer_short", "superior_short", "organization", "committee")
    ),
    "doc_type": None,
    "summary": None,
    "sections": [{"number": None, "heading": None, "level": None, "paragraphs": [None]}],
    "table": [_ROW],
    "charts": [{"image": None, "title": None}],
    "signer": {"post": None, "name": None},
    "period": dict.fromkeys(("label", "next_label", "from", "to")),
    "previous_period": None,
    "year_earlier_period": None,
    "document_date": None,
    "organization": {"name": None, "code": None},
    "f": sandbox.Figures(),
}
assert set(SHAPES) == set(VARIABLES)
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# The document properties docxtpl fills as Jinja too.
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


def shipped_template() -> bytes:
    return Path(DEFAULT_PATH).read_bytes()


def current_template(kind: ReportKind) -> tuple[bytes, DocumentTemplate | None]:
    """The template in use for a kind: the latest upload, or the one shipped with the system."""
    uploaded = DocumentTemplate.objects.filter(kind=kind).order_by("-uploaded_at", "-id").first()
    if uploaded is not None:
        return bytes(uploaded.content), uploaded
    return shipped_template(), None


def _sources(template: DocxTemplate) -> list[str]:
    """Every text docxtpl fills as Jinja, as it fills it: the body, headers, footers, footnotes and the
    document's properties (title, subject …)."""
    template.init_docx()
    parts = [template.patch_xml(template.get_xml())]
    for uri in (template.HEADER_URI, template.FOOTER_URI):
        parts += [template.patch_xml(template.get_part_xml(part)) for _, part in template.get_headers_footers(uri)]
    parts += [
        template.patch_xml(part.blob.decode("utf-8"))
        for part in template.docx.part.package.parts
        if part.content_type == FOOTNOTES
    ]
    properties = template.docx.core_properties
    parts += [getattr(properties, name) or "" for name in PROPERTIES]
    return [sandbox.paragraphs(part) for part in parts]


def template_errors(content: bytes) -> list[str]:
    """Why a template cannot be used (empty when it can); the answer for the same bytes is remembered."""
    return list(_template_errors(bytes(content)))


@functools.lru_cache(maxsize=32)
def _template_errors(content: bytes) -> tuple[str, ...]:
    return tuple(_find_template_errors(content))


def _find_template_errors(content: bytes) -> list[str]:
    if not zipfile.is_zipfile(io.BytesIO(content)):
        return ["Tệp không phải văn bản Word (.docx)."]
    try:
        problem = archives.inflation_problem(zipfile.ZipFile(io.BytesIO(content)), "mẫu Word", len(content))
    except archives.DAMAGED:
        problem = archives.damaged_message("mẫu Word")
    if problem:
        return [problem]
    parser = sandbox.parser()
    errors: list[str] = []
    try:
        for source in _sources(DocxTemplate(io.BytesIO(content))):
            try:
                tree = parser.parse(source)
            except jinja2.TemplateSyntaxError as exc:
                return [f"Mẫu viết sai cú pháp ở đoạn “{sandbox.paragraph_text(source, exc.lineno)}”: {exc.message}."]
            errors += sandbox.check(tree, source, SHAPES, REGISTRY)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is the uploader's mistake, said plainly
        return [f"Không đọc được mẫu Word: {exc}."]
    return list(dict.fromkeys(errors))


def _nested(flat: dict[str, Any]) -> dict[str, Any]:
    """{"inspection.organizations": 22} as {"inspection": {"organizations": 22}} for f.inspection.organizations."""
    tree: dict[str, Any] = {}
    for key, value in flat.items():
        node = tree
        *path, last = key.split(".")
        for part in path:
            node = node.setdefault(part, {})
        node[last] = value
    return tree


def _render_failure(exc: Exception) -> str:
    if isinstance(exc, sandbox.TemplateLimit):
        return str(exc)
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return f"Mẫu Word làm một việc không được phép: {exc}"
    return f"Không điền được mẫu Word: {exc}."


def render(content: dict[str, Any], template: bytes, *, checked: bool = False) -> bytes:
    """The .docx of a report's content filled into a template (checked first unless the caller just did)."""
    errors = [] if checked else template_errors(template)
    if errors:
        raise RuleViolation({"template": errors})
    document = DocxTemplate(io.BytesIO(template))
    context = dict(content)
    context["table"] = table(content["figures"])
    context["f"] = _nested({k: shown(v["value"]) for k, v in content["figures"].items()})
    context["charts"] = [
        {"title": spec["title"], "image": InlineImage(document, io.BytesIO(charts.render(spec)), width=Cm(15))}
        for spec in content.get("charts", [])
    ]
    budget = sandbox.Budget()
    try:
        document.render(sandbox.bounded(context, budget), jinja_env=sandbox.environment(budget), autoescape=True)
    except (sandbox.TemplateLimit, jinja2.TemplateError) as exc:
        raise RuleViolation({"template": [_render_failure(exc)]}) from exc
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def render_report(report) -> bytes:
    """An issued report's fixed document; a draft's document from today's records and the current template."""
    if report.is_fixed and report.document:
        return bytes(report.document)
    template, _ = current_template(report.kind)
    return render(report_content(report), template)
