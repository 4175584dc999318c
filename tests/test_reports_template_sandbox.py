"""An uploaded Word template cannot run code: the classic Jinja escapes are refused at upload with the reason in
Vietnamese, and a template that got past the check (stored before it existed) is filled in a sandbox with a
budget, so a download answers a message instead of running a command or hanging the server."""

import io
import time

import pytest
from docx import Document

from dangvu.core.errors import RuleViolation
from dangvu.reports import actions, content, kinds, sandbox, word
from dangvu.reports.models import DocumentTemplate
from reports_support import docx_text, nine_month_report


def edited(*paragraphs: str, header: str = "", title: str = "") -> bytes:
    """The shipped template as an administrator edits it in Word: paragraphs added, a page header, a title."""
    document = Document(io.BytesIO(word.shipped_template()))
    for text in paragraphs:
        document.add_paragraph(text)
    if header:
        document.sections[0].header.add_paragraph(header)
    if title:
        document.core_properties.title = title
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def refusal(template: bytes) -> str:
    errors = word.template_errors(template)
    assert errors
    return " ".join(errors)


POPEN = (
    "{% for c in header.__class__.__mro__[1].__subclasses__() %}{% if c.__name__=='Popen' %}"
    "{{ c(['touch', '/tmp/pwned'],stdout=-1).communicate()[0] }}{% endif %}{% endfor %}"
)
PAYLOADS = [
    (POPEN, "__class__"),
    ("{{ header.__class__ }}", "“__class__” bắt đầu bằng “_”"),
    ("{{ header['__class__'] }}", "“__class__” bắt đầu bằng “_”"),
    ("{{ header|attr('__class__') }}", "bộ lọc “attr” không được phép"),
    ("{{ lipsum.__globals__['os'].popen('id').read() }}", "{{ lipsum }}"),
    ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "{{ cycler }}"),
    ("{{ joiner }}{{ namespace }}", "{{ joiner }}"),
    ("{{ self.__init__.__globals__ }}", "{{ self }}"),
    ("{{ self._TemplateReference__context }}", "{{ self }}"),
    ("{{ config.SECRET_KEY }}", "{{ config }}"),
    ("{{ request }}", "{{ request }}"),
    ("{{ figures }}", "{{ figures }}"),
    ("{% for i in range(10**9) %}x{% endfor %}", "{{ range }}"),
    ("{{ header.items() }}", "gọi hàm"),
    ("{{ summary.upper() }}", "gọi hàm"),
    ("{{ '%s'.format(header) }}", "gọi hàm"),
    ("{{ 'x' ** 9 }}", "lũy thừa"),
    ("{% set x = 'a' %}{{ x }}", "{% set %}"),
    ("{% macro m() %}a{% endmacro %}", "{% macro %}"),
    ("{% include 'x.html' %}", "{% include %}"),
    ("{% import 'x' as y %}", "{% import %}"),
    ("{% with a = header %}{{ a }}{% endwith %}", "{% with %}"),
    (
        "{% for a in table %}{% for b in table %}{% for c in table %}{% for d in table %}."
        "{% endfor %}{% endfor %}{% endfor %}{% endfor %}",
        "lồng quá 3 vòng lặp",
    ),
    ("{% for ch in summary %}{{ ch }}{% endfor %}", "chỉ được đi qua một danh sách"),
    ("{% for x in [1, 2, 3] %}{{ x }}{% endfor %}", "chỉ được đi qua một danh sách"),
    ("{{ header.foo }}", "{{ header.foo }}"),
    ("{% for s in sections %}{{ s.segments }}{% endfor %}", "{{ s.segments }}"),
    ("{{ loop.index }}", "{{ loop }}"),
    ("{% for r in table %}{{ loop.cycle('a', 'b') }}{% endfor %}", "gọi hàm"),
    ("{{ summary|replace('', summary) }}", "bộ lọc “replace” không được phép"),
    ("{{ summary|safe }}", "bộ lọc “safe” không được phép"),
    ("{{ table[summary] }}", "chỉ số tính toán"),
]


@pytest.mark.parametrize(("payload", "reason"), PAYLOADS, ids=[p for p, _ in PAYLOADS])
def test_a_template_with_an_escape_is_refused_with_the_reason(payload, reason):
    assert reason in refusal(edited(f"Đoạn thêm: {payload}"))


@pytest.mark.django_db
def test_the_upload_is_refused_and_nothing_stored(tree):
    with pytest.raises(RuleViolation, match="__class__"):
        actions.upload_template(None, kinds.kind_by_code("interim-9"), edited(POPEN), "mau.docx")
    assert not DocumentTemplate.objects.exists()


def test_the_refusal_names_the_paragraph_and_covers_headers_and_properties():
    assert "ở đoạn “Đoạn thêm: {{ header.__class__ }}”" in refusal(edited("Đoạn thêm: {{ header.__class__ }}"))
    assert "{{ cycler }}" in refusal(edited(header="{{ cycler.__init__.__globals__ }}"))
    assert "__globals__" in refusal(edited(title="{{ header.__init__.__globals__ }}"))


def test_the_documented_writing_is_accepted():
    template = edited(
        "{{ header.issuer|upper }} {{ summary|default('—') }} {{ f.grassroots.total + 1 }} {{ period['label'] }}",
        "{% for s in sections %}{% if s.level == 1 and loop.first %}{{ s.heading|title }}{% endif %}"
        "{% for p in s.paragraphs %}{{ loop.index }}. {{ p|truncate(40) }}{% endfor %}{% endfor %}",
        "{% for r in table if r.value %}{{ r.label }} {{ r.value * 2 }}{% endfor %}{{ table|length }}",
    )
    assert word.template_errors(template) == []


@pytest.fixture
def draft_content(db, tree):
    return content.build(nine_month_report(tree["city"]))


def test_a_template_that_skipped_the_check_still_cannot_run_anything(draft_content, tmp_path):
    marker = tmp_path / "pwned"
    payloads = [
        POPEN.replace("/tmp/pwned", str(marker)),
        "{{ lipsum.__globals__['os'].system('touch " + str(marker) + "') }}",
        "{{ cycler.__init__.__globals__.os.system('touch " + str(marker) + "') }}",
        "{{ header.__class__.__mro__ }}",
        "{{ header.items() }}",
        "{{ 'x' * 1000000000 }}",
        "{{ 9 ** 9 ** 9 }}",
    ]
    for payload in payloads:
        with pytest.raises(RuleViolation):
            word.render(draft_content, edited(payload), checked=True)
    assert not marker.exists()


def test_filling_is_bounded_in_iterations_and_time(draft_content, monkeypatch):
    assert len(content.table(draft_content["figures"])) ** 4 > sandbox.MAX_ITERATIONS
    loops = (
        "{% for a in table %}{% for b in table %}{% for c in table %}{% for d in table %}"
        "{% endfor %}{% endfor %}{% endfor %}{% endfor %}"
    )
    started = time.monotonic()
    with pytest.raises(RuleViolation, match="lặp quá"):
        word.render(draft_content, edited(loops), checked=True)
    assert time.monotonic() - started < 10
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 0.0)
    with pytest.raises(RuleViolation, match="giây"):
        word.render(draft_content, word.shipped_template())


@pytest.mark.django_db
def test_a_stored_malicious_template_answers_a_message_on_download(client, users, tree, tmp_path):
    marker = tmp_path / "pwned"
    DocumentTemplate.objects.create(
        kind=kinds.kind_by_code("interim-9"),
        file_name="mau.docx",
        content=edited(POPEN.replace("/tmp/pwned", str(marker))),
    )
    report = nine_month_report(tree["city"])
    client.force_login(users["office"])
    answer = client.get(f"/bao-cao/{report.pk}/word/", follow=True)
    assert answer.status_code == 200 and "__class__" in answer.content.decode()
    assert not marker.exists()


def test_values_are_escaped_into_the_document(draft_content):
    draft_content["summary"] = 'Tóm tắt <w:t>&amp; "trích" </w:p>'
    text = docx_text(word.render(draft_content, word.shipped_template()))
    assert 'Tóm tắt <w:t>&amp; "trích" </w:p>' in text
