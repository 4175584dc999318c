"""`dangvu report`: the indicators of an organization for a period, as JSON or a table, and optionally the
report's Word and PDF documents as a draft would show them (nothing is saved or numbered)."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dangvu.core.errors import RuleViolation
from dangvu.organizations.models import Organization
from dangvu.organizations.queries import name_on

from ... import kinds
from ...figures import figures, shown
from ...models import Report
from ...periods import parse_date, parse_period


class Command(BaseCommand):
    help = "Tính các chỉ tiêu của một tổ chức đảng trong một kỳ (và xuất báo cáo Word, PDF nếu cần)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--org", required=True, help="mã tổ chức, ví dụ phuly")
        parser.add_argument("--from", dest="start", required=True, help="ngày bắt đầu YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="ngày kết thúc YYYY-MM-DD")
        parser.add_argument("--format", choices=["json", "text"], default="json")
        parser.add_argument("--compare", action="store_true", help="kèm kỳ trước và cùng kỳ năm trước")
        parser.add_argument("--kind", default="interim-9", help="loại báo cáo khi xuất Word/PDF")
        parser.add_argument("--date", dest="document_date", help="ngày văn bản YYYY-MM-DD (mặc định: ngày cuối kỳ)")
        parser.add_argument("--docx", help="ghi văn bản Word (dự thảo) vào tệp này")
        parser.add_argument("--pdf", help="ghi văn bản PDF (dự thảo) vào tệp này")

    def handle(self, *args, **options) -> None:
        try:
            period = parse_period(options["start"], options["end"])
            document_date = parse_date(options["document_date"], "date", "Ngày văn bản") or period.end
        except RuleViolation as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        organization = Organization.objects.filter(code=options["org"]).first()
        if organization is None:
            raise CommandError(f"Không có tổ chức đảng mã “{options['org']}”.")
        found = figures(organization, period, compare=options["compare"])
        names = name_on(organization, period.end)
        result = {
            "organization": {
                "code": organization.code,
                "name": names.name,
                "committee": names.committee_name,
                "kind": organization.kind,
            },
            "period": period.as_dict(),
            "indicators": {key: figure.value for key, figure in found.items()},
        }
        if options["compare"]:
            result["previous"] = {
                "period": period.previous().as_dict(),
                "indicators": {k: f.previous for k, f in found.items()},
            }
            result["year_earlier"] = {
                "period": period.year_earlier().as_dict(),
                "indicators": {k: f.year_earlier for k, f in found.items()},
            }
        if options["docx"] or options["pdf"]:
            self._documents(organization, period, document_date, options)
        if options["format"] == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(f"{names.name} – {period.label}")
            for figure in found.values():
                extra = (
                    f"  (kỳ trước {shown(figure.previous)}, cùng kỳ {shown(figure.year_earlier)})"
                    if (options["compare"])
                    else ""
                )
                self.stdout.write(f"{figure.key:40} {shown(figure.value):>10}  {figure.indicator.label}{extra}")

    def _documents(self, organization, period, document_date, options):
        from ... import pdf, word
        from ...content import build, default_signer

        try:
            kind = kinds.kind_by_code(options["kind"])
        except Exception as exc:  # noqa: BLE001
            raise CommandError(f"Không có loại báo cáo “{options['kind']}”.") from exc
        post, name = default_signer(organization, document_date)
        draft = Report(
            organization=organization,
            kind=kind,
            period_start=period.start,
            period_end=period.end,
            document_date=document_date,
            summary=kind.summary_template,
            signer_post=post,
            signer_name=name,
        )
        template, _ = word.current_template(kind)
        try:
            document = word.render(build(draft), template)
            if options["docx"]:
                Path(options["docx"]).write_bytes(document)
            if options["pdf"]:
                Path(options["pdf"]).write_bytes(pdf.docx_to_pdf(document))
        except RuleViolation as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        print(f"Đã ghi văn bản dự thảo {options['docx'] or ''} {options['pdf'] or ''}".rstrip(), file=sys.stderr)
