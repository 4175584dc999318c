"""The built-in display filters write what Django's general filters write, faster."""

from datetime import UTC, date, datetime

from django.template import Context, Template


def test_dmy_writes_what_the_date_filter_writes():
    values = [
        date(2020, 10, 9),
        date(1930, 1, 1),
        datetime(2020, 10, 8, 17, 30, tzinfo=UTC),
        datetime(2020, 10, 8, 16, 59, tzinfo=UTC),
        datetime(2020, 2, 29, 8, 0),
        None,
        "",
        "không",
    ]
    ours = Template("{% for v in values %}[{{ v|dmy }}]{% endfor %}").render(Context({"values": values}))
    django = Template('{% for v in values %}[{{ v|date:"d/m/Y" }}]{% endfor %}').render(Context({"values": values}))
    assert ours == django
    assert "[09/10/2020][01/01/1930][09/10/2020][08/10/2020][29/02/2020]" in ours  # 17:30 UTC is 00:30 in Hà Nội


def test_address_is_what_reverse_answers():
    from django.urls import reverse, set_script_prefix

    from dangvu.core.web import address

    for name, value in [
        ("organization_detail", "qt-cb1"),
        ("organization_children", "hanam"),
        ("member_detail", 123),
        ("meetings_detail", 7),
    ]:
        assert address(name, value) == reverse(name, args=[value])
    set_script_prefix("/dang-vu/")
    try:
        assert address("member_detail", 5) == reverse("member_detail", args=[5]) == "/dang-vu/dang-vien/5/"
    finally:
        set_script_prefix("/")
