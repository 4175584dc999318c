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
from jinja2 import meta, nodes

from dangvu.core.errors import RuleViolation

from . import charts
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
FIGURES_NAME = "f"


def shipped_template() -> bytes:
    return Path(DEFAULT_PATH).read_bytes()


def current_template(kind: ReportKind) -> tuple[bytes, DocumentTemplate | None]:
    """The template in use for a kind: the latest upload, or the one shipped with the system."""
    uploaded = DocumentTemplate.objects.filter(kind=kind).order_by("-uploaded_at", "-id").first()
    if uploaded is not None:
        return bytes(uploaded.content), uploaded
    return shipped_template(), None


def _attribute_chain(node: nodes.Getattr) -> tuple[str | None, list[str]]:
    parts = []
    while isinstance(node, nodes.Getattr):
        parts.append(node.attr)
        node = node.node
    return (node.name if isinstance(node, nodes.Name) else None), list(reversed(parts))


def _figure_keys_used(tree: nodes.Template) -> list[str]:
    """The indicator keys written as f.<key> (the longest attribute chain under `f`)."""
    keys = []
    for node in tree.find_all(nodes.Getattr):
        root, parts = _attribute_chain(node)
        if root == FIGURES_NAME:
            keys.append(".".join(parts))
    # a.b.c also yields a.b and a: keep only chains not extended by a longer one
    return [k for k in keys if not any(other.startswith(k + ".") for other in keys)]


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
        template = DocxTemplate(io.BytesIO(content))
        template.init_docx()
        xml = template.patch_xml(template.get_xml())
        for part in (*template.get_headers_footers(template.HEADER_URI),
                     *template.get_headers_footers(template.FOOTER_URI)):
            xml += template.patch_xml(template.get_part_xml(part[1]))
        tree = jinja2.Environment().parse(xml)
    except jinja2.TemplateSyntaxError as exc:
        return [f"Mẫu viết sai cú pháp ở dòng {exc.lineno}: {exc.message}."]
    except Exception as exc:  # noqa: BLE001 - any unreadable file is the uploader's mistake, said plainly
        return [f"Không đọc được mẫu Word: {exc}."]
    errors = []
    for name in sorted(meta.find_undeclared_variables(tree) - set(VARIABLES)):
        errors.append(f"Mẫu có chỗ điền không xác định: {{{{ {name} }}}}.")
    for key in _figure_keys_used(tree):
        if key not in REGISTRY:
            errors.append(f"Mẫu có chỉ tiêu không xác định: {{{{ f.{key} }}}} (không có chỉ tiêu mã “{key}”).")
    return errors


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
    document.render(context, autoescape=True)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def render_report(report) -> bytes:
    """An issued report's fixed document; a draft's document from today's records and the current template."""
    if report.is_fixed and report.document:
        return bytes(report.document)
    template, _ = current_template(report.kind)
    return render(report_content(report), template)
