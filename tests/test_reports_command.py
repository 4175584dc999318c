"""`dangvu report`: the JSON the issue names, comparisons on request, documents on request, and bad input
(unknown organization, end before start, malformed or missing dates) refused with a Vietnamese message."""

import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from reports_support import docx_text, inspect

pytestmark = pytest.mark.django_db


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def test_json_with_comparisons(tree, make_member):
    inspect(tree["city"], [tree["ward"]], on=date(2020, 2, 2))
    inspect(tree["city"], [tree["ward"], tree["school"]], on=date(2019, 2, 2))
    make_member(tree["cell_a"], admitted=date(2020, 3, 1), official=None)
    data = json.loads(
        run("--org", "phuly", "--from", "2020-01-01", "--to", "2020-09-30", "--format", "json", "--compare")
    )
    assert set(data) == {"organization", "period", "indicators", "previous", "year_earlier"}
    assert data["organization"] == {
        "code": "phuly",
        "name": "Đảng bộ thành phố Phủ Lý",
        "committee": "Thành ủy Phủ Lý",
        "kind": "district",
    }
    assert data["indicators"]["inspection.organizations"] == 1
    assert data["year_earlier"] == {
        "period": {"from": "2019-01-01", "to": "2019-09-30"},
        "indicators": data["year_earlier"]["indicators"],
    }
    assert data["year_earlier"]["indicators"]["inspection.organizations"] == 2
    assert data["previous"]["period"] == {"from": "2019-04-01", "to": "2019-12-31"}
    assert (data["indicators"]["members.total"], data["indicators"]["members.admitted"]) == (1, 1)


def test_the_draft_document_from_the_command(tree, tmp_path):
    inspect(tree["city"], [tree["ward"], tree["school"]], on=date(2020, 5, 5))
    target = tmp_path / "bao-cao.docx"
    run("--org", "phuly", "--from", "2020-01-01", "--to", "2020-09-30", "--docx", str(target), "--date", "2020-10-08")
    text = docx_text(target.read_bytes())
    assert "Phủ Lý, ngày 08 tháng 10 năm 2020" in text and "kiểm tra 2 tổ chức Đảng" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--org", "khongco", "--from", "2020-01-01", "--to", "2020-09-30"], "Không có tổ chức đảng mã “khongco”."),
        (
            ["--org", "phuly", "--from", "2020-10-01", "--to", "2020-09-30"],
            "Ngày kết thúc kỳ báo cáo (30/09/2020) trước ngày bắt đầu (01/10/2020).",
        ),
        (["--org", "phuly", "--from", "2020-02-30", "--to", "2020-09-30"], "Ngày bắt đầu '2020-02-30' không phải"),
        (["--org", "phuly", "--from", "", "--to", "2020-09-30"], "Chưa nhập ngày bắt đầu kỳ báo cáo."),
        (
            ["--org", "phuly", "--from", "2020-01-01", "--to", "2020-09-30", "--kind", "khong-co", "--docx", "/tmp/x"],
            "Không có loại báo cáo “khong-co”.",
        ),
    ],
)
def test_bad_input_is_refused_in_vietnamese(tree, args, message):
    with pytest.raises(CommandError) as refused:
        run(*args)
    assert message in str(refused.value)
