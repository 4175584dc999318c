"""Benchmark of the reports on the demo data (not a test): all indicators of the city for the 9 months of
2020, the Word document of the 9-month report, and its PDF. Prints the median of several runs of each.

    uv run dangvu load_demo          # once, into an empty database
    uv run python bench/reports.py [--runs 5] [--org phuly]

Targets (issue 4): indicators < 0.5 s, Word < 2 s, PDF < 10 s.
"""

import argparse
import os
import sys
from datetime import date

from harness import timed

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")

import django  # noqa: E402

django.setup()

from dangvu.organizations.models import Organization  # noqa: E402
from dangvu.reports import charts, figures, kinds, pdf, word  # noqa: E402
from dangvu.reports.content import build, default_signer  # noqa: E402
from dangvu.reports.models import Report  # noqa: E402
from dangvu.reports.periods import first_months  # noqa: E402

TARGETS = {"indicators": 0.5, "indicators + comparisons": None, "word": 2.0, "pdf": 10.0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--org", default="phuly")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    city = Organization.objects.filter(code=args.org).first()
    if city is None:
        print(f"Không có tổ chức mã {args.org}: chạy `dangvu load_demo` trước.", file=sys.stderr)
        return 1
    period = first_months(2020, 9)
    kind = kinds.kind_by_code("interim-9")
    post, name = default_signer(city, date(2020, 10, 8))
    draft = Report(
        organization=city,
        kind=kind,
        period_start=period.start,
        period_end=period.end,
        document_date=date(2020, 10, 8),
        summary=kind.summary_template,
        signer_post=post,
        signer_name=name,
    )
    template, _ = word.current_template(kind)

    results = {}
    results["indicators"], values = timed(lambda: figures.values_of(city, period), args.runs)
    results["indicators + comparisons"], _ = timed(lambda: figures.figures(city, period), args.runs)

    def word_cold():
        charts.clear_cache()  # every run draws its charts, as the first download of a draft does
        return word.render(build(draft), template)

    results["word"], document = timed(word_cold, args.runs)
    results["pdf"], _ = timed(lambda: pdf.docx_to_pdf(document), max(1, args.runs // 2))

    print(
        f"{city.name}, {period.label}: {len(values)} chỉ tiêu; "
        f"kiểm tra {values['inspection.organizations']} tổ chức, {values['inspection.members']} đảng viên"
    )
    failed = False
    for label, seconds in results.items():
        target = TARGETS[label]
        verdict = "" if target is None else ("  ok" if seconds < target else f"  QUÁ {target} s")
        failed |= target is not None and seconds >= target
        print(f"{label:28} median {seconds:7.3f} s{'' if target is None else f'  (target < {target} s)'}{verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
