"""The pickers: the JSON endpoints (scope, folding, parent path, limit) and the form field (valid, ambiguous, not
found, out of scope, wrong kind), with and without the search box, as a form sent without script uses it."""

from datetime import date

import pytest
from django import forms
from django.http import QueryDict

from dangvu.accounts.scope import scope_for
from dangvu.core.pickers import LIMIT, PickerField, bind_scope, filter_pick
from dangvu.members.pickers import person_field
from dangvu.organizations import actions as org_actions
from dangvu.organizations.actions import NameSpec
from dangvu.organizations.models import Kind
from dangvu.organizations.pickers import OrganizationSource, label, organization_field

pytestmark = pytest.mark.django_db

ON = date(2010, 1, 1)


def cell(code, name, parent, kind=Kind.CELL):
    return org_actions.establish(
        None,
        code=code,
        kind=kind,
        parent=parent,
        on=ON,
        committee_code="CB",
        names=NameSpec(name=name, committee_name="Chi bộ", committee_short="Chi bộ"),
    )


@pytest.fixture
def twins(tree):
    """A second ward with its own "Chi bộ tổ dân phố số 1", and an ended cell."""
    ward = org_actions.establish(
        None,
        code="minhkhai",
        kind=Kind.GRASSROOTS_COMMITTEE,
        parent=tree["city"],
        on=ON,
        committee_code="ĐU",
        names=NameSpec("Đảng bộ phường Minh Khai", "Đảng ủy phường Minh Khai", "Đảng ủy"),
    )
    twin = cell("mk-cb1", "Chi bộ tổ dân phố số 1", ward)
    old = cell("mk-cu", "Chi bộ Đoàn Kết", ward)
    org_actions.dissolve(None, old, on=date(2020, 7, 1))
    return {"ward": ward, "twin": twin, "old": old}


def results(client, **params):
    response = client.get("/tim/to-chuc/", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def labels(client, **params):
    return [r["label"] for r in results(client, **params)["results"]]


# The endpoint ----------------------------------------------------------------------------------------------


def test_the_endpoint_answers_within_the_scope_only(client, users, tree, other_tree):
    client.force_login(users["office"])
    assert not any("Nam Định" in text for text in labels(client, q="chi bo truong"))
    assert labels(client, q="chi bo truong") == ["Chi bộ Trường THPT Phủ Lý — Thành ủy Phủ Lý"]
    client.force_login(users["admin"])
    assert "Chi bộ Trường THCS Nam Định — Tỉnh ủy Nam Định" in labels(client, q="chi bo truong")
    client.force_login(users["member"])  # a member picks nobody's organization
    assert labels(client, q="chi bo") == []
    client.force_login(users["cell_secretary"])  # their cell only
    assert labels(client, q="chi bo") == ["Chi bộ tổ dân phố số 1"]


def test_anonymous_users_get_no_list(client, tree):
    response = client.get("/tim/to-chuc/", {"q": "chi bo"})
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_typing_ignores_diacritics_and_case_and_d_counts_as_d(client, users, tree, twins):
    client.force_login(users["office"])
    for typed in ("doan ket", "ĐOÀN KẾT", "Đoàn kết", "  đoan   KET "):
        assert labels(client, q=typed) == ["Chi bộ Đoàn Kết — Đảng bộ phường Minh Khai — Thành ủy Phủ Lý"], typed
    assert labels(client, q="quang trung")[0] == "Đảng bộ phường Quang Trung — Thành ủy Phủ Lý"  # own name first


def test_each_result_names_what_it_lies_under_and_the_ended_ones_say_so(client, users, tree, twins):
    client.force_login(users["office"])
    found = results(client, q="to dan pho so 1")["results"]
    assert [r["label"] for r in found] == [
        "Chi bộ tổ dân phố số 1 — Đảng bộ phường Minh Khai — Thành ủy Phủ Lý",
        "Chi bộ tổ dân phố số 1 — Đảng bộ phường Quang Trung — Thành ủy Phủ Lý",
    ]
    assert found[0]["path"] == ["Đảng bộ phường Minh Khai", "Thành ủy Phủ Lý"]
    assert found[0]["note"] == "Chi bộ trực thuộc" and not found[0]["ended"]
    # words of a parent's name narrow the list
    assert labels(client, q="so 1 quang trung") == [found[1]["label"]]
    old = results(client, q="doan ket")["results"][0]
    assert old["ended"] and old["note"] == "Chi bộ trực thuộc, đã kết thúc hoạt động từ ngày 01/07/2020"
    # an administrator's path runs to the top
    client.force_login(users["admin"])
    assert labels(client, q="so 1 quang trung") == [
        "Chi bộ tổ dân phố số 1 — Đảng bộ phường Quang Trung — Thành ủy Phủ Lý — Tỉnh ủy Hà Nam"
    ]


def test_a_number_typed_matches_a_whole_word_and_the_list_stops_at_its_limit(client, users, tree):
    for n in range(1, 26):
        cell(f"qt-thon{n}", f"Chi bộ thôn {n}", tree["ward"])
    client.force_login(users["office"])
    assert [r["name"] for r in results(client, q="thon 1")["results"]] == ["Chi bộ thôn 1"]
    assert [r["name"] for r in results(client, q="thon 12 quang")["results"]] == ["Chi bộ thôn 12"]
    many = results(client, q="thon")
    assert len(many["results"]) == LIMIT == 20 and many["more"] is True
    few = results(client, q="thon 2")
    assert len(few["results"]) == 1 and few["more"] is False


def test_the_endpoint_keeps_the_restrictions_of_its_field(client, users, tree, twins):
    client.force_login(users["office"])
    source = OrganizationSource("write", (Kind.CELL, Kind.GRASSROOTS_CELL), active_only=True)
    url = source.url()
    assert url == "/tim/to-chuc/?quyen=write&loai=cell%2Cgrassroots_cell&hoat_dong=1"
    names = [r["name"] for r in client.get(f"{url}&q=phuong").json()["results"]]
    assert names and all(name.startswith("Chi bộ") for name in names)  # no đảng bộ phường
    assert "Chi bộ Đoàn Kết" not in names  # ended
    assert [r["name"] for r in client.get("/tim/to-chuc/", {"q": "phuong"}).json()["results"]][:2] == [
        "Đảng bộ phường Minh Khai",
        "Đảng bộ phường Quang Trung",
    ]
    client.force_login(users["leader"])  # a leader reads but writes nothing: no organization to write into
    assert client.get(f"{url}&q=chi+bo").json()["results"] == []


def test_the_code_typed_whole_names_its_organization(client, users, tree):
    client.force_login(users["office"])
    assert labels(client, q="qt-cb2") == ["Chi bộ tổ dân phố số 2 — Đảng bộ phường Quang Trung — Thành ủy Phủ Lý"]
    assert labels(client, q="namdinh") == []


@pytest.mark.parametrize("typed", ["", " ", "%", "_", "\\", "'", "a" * 500, "ﬁ", "１２"])
def test_odd_input_answers_a_list_never_an_error(client, users, tree, typed):
    client.force_login(users["office"])
    response = client.get("/tim/to-chuc/", {"q": typed, "loai": "nope,cell", "quyen": "root", "hoat_dong": "x"})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


def test_the_person_endpoint_finds_people_of_the_scope_by_name_and_year(client, users, tree, other_tree, make_member):
    make_member(tree["cell_b"], family="Đỗ", middle="Văn", given="Đức", birth=date(1975, 3, 3))
    make_member(tree["cell_a"], family="Đỗ", middle="Thị", given="Đào", gender="female", birth=date(1981, 3, 3))
    make_member(other_tree["cell"], family="Đỗ", middle="Văn", given="Đông", birth=date(1975, 4, 4))
    client.force_login(users["office"])
    found = client.get("/tim/nguoi/", {"q": "do van"}).json()["results"]
    assert [r["label"] for r in found] == [
        "Đỗ Văn Đức — sinh năm 1975 — Chi bộ tổ dân phố số 2 — Đảng bộ phường Quang Trung — Thành ủy Phủ Lý"
    ]
    assert found[0]["note"] == "Đảng viên chính thức"
    assert [r["name"] for r in client.get("/tim/nguoi/", {"q": "do 1981"}).json()["results"]] == ["Đỗ Thị Đào"]
    client.force_login(users["admin"])
    assert len(client.get("/tim/nguoi/", {"q": "do van"}).json()["results"]) == 2


# The form field --------------------------------------------------------------------------------------------


class CellForm(forms.Form):
    cell = organization_field("Chi bộ", capability="write", kinds=(Kind.CELL, Kind.GRASSROOTS_CELL), active_only=True)
    note = forms.CharField(label="Ghi chú")


def bound(user, data, form_class=CellForm):
    form = form_class(QueryDict(mutable=True) if data is None else _query(data))
    bind_scope(form, scope_for(user))
    return form


def _query(data: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return query


def test_a_chosen_value_is_valid_and_shows_its_full_path_when_the_form_comes_back(users, tree):
    form = bound(users["office"], {"cell": "qt-cb2", "cell_tim": "", "note": ""})
    assert not form.is_valid()  # the note is missing: the form comes back
    assert form.cleaned_data["cell"] == tree["cell_b"]
    html = str(form["cell"])
    assert 'name="cell" value="qt-cb2" checked' in html
    assert "Đảng bộ phường Quang Trung — Thành ủy Phủ Lý" in html
    form = bound(users["office"], {"cell": "qt-cb2", "note": "x"})  # the box not sent at all (a bookmark)
    assert form.is_valid() and form.cleaned_data["cell"] == tree["cell_b"]


def test_a_text_with_one_match_is_taken_and_shown_with_its_path(users, tree, twins):
    form = bound(users["office"], {"cell_tim": "so 1 minh khai", "note": ""})
    assert not form.is_valid() and "cell" not in form.errors
    assert form.cleaned_data["cell"] == twins["twin"]
    html = str(form["cell"])
    assert 'value="mk-cb1" checked' in html and "Đảng bộ phường Minh Khai — Thành ủy Phủ Lý" in html
    assert 'name="cell_tim" value=""' in html  # the text is spent: sent again, the chosen one stays


def test_a_text_with_several_matches_lists_them_and_a_pick_among_them_is_taken(users, tree, twins):
    form = bound(users["office"], {"cell_tim": "to dan pho so 1", "note": "x"})
    assert not form.is_valid()
    assert form.errors["cell"] == [
        "Có 2 tổ chức khớp “to dan pho so 1”: chọn một tổ chức trong danh sách dưới ô "
        "tìm, hoặc gõ thêm tên tổ chức cấp trên (ví dụ tên xã, phường)."
    ]
    html = str(form["cell"])
    assert 'name="cell_tim" value="to dan pho so 1"' in html  # nothing typed is lost
    assert 'type="radio" name="cell" value="mk-cb1">' in html and 'type="radio" name="cell" value="qt-cb1">' in html
    assert 'type="hidden" name="cell_da_tim" value="to dan pho so 1"' in html
    # sent again with one picked (the text still in the box): that one
    form = bound(
        users["office"],
        {"cell_tim": "to dan pho so 1", "cell_da_tim": "to dan pho so 1", "cell": "qt-cb1", "note": "x"},
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["cell"] == tree["cell_a"]
    # or with none picked: it asks for one, and a changed text is searched again
    form = bound(users["office"], {"cell_tim": "to dan pho so 1", "cell_da_tim": "to dan pho so 1", "note": "x"})
    assert form.errors["cell"] == ["Chưa chọn tổ chức: gõ vài chữ của tên để tìm."]
    form = bound(users["office"], {"cell_tim": "so 1 quang", "cell_da_tim": "to dan pho so 1", "note": "x"})
    assert form.is_valid() and form.cleaned_data["cell"] == tree["cell_a"]


def test_a_new_text_replaces_an_earlier_pick(users, tree, twins):
    form = bound(users["office"], {"cell": "qt-cb1", "cell_tim": "so 1 minh khai", "note": "x"})
    assert form.is_valid() and form.cleaned_data["cell"] == twins["twin"]


def test_a_text_with_no_match_says_so_and_stays_in_the_box(users, tree):
    form = bound(users["office"], {"cell_tim": "xyz khong co", "note": "x"})
    assert not form.is_valid()
    assert form.errors["cell"] == ["Không tìm thấy tổ chức nào khớp “xyz khong co” trong phạm vi của bạn."]
    assert 'value="xyz khong co"' in str(form["cell"])


def test_out_of_scope_unknown_wrong_kind_and_ended_values_get_vietnamese_errors(users, tree, other_tree, twins):
    office = users["office"]
    for value in ("nd-cb1", "khong-co"):  # the other province's cell reads as an unknown one
        form = bound(office, {"cell": value, "note": "x"})
        assert not form.is_valid()
        assert form.errors["cell"] == [f"Không tìm thấy tổ chức “{value}” trong phạm vi của bạn."]
        assert "Nam Định" not in str(form["cell"])
    form = bound(office, {"cell": "quangtrung", "note": "x"})
    assert form.errors["cell"] == [
        "Đảng bộ phường Quang Trung là đảng bộ cơ sở: ở đây chỉ chọn chi bộ trực thuộc, chi bộ cơ sở."
    ]
    form = bound(office, {"cell": "mk-cu", "note": "x"})
    assert form.errors["cell"] == [
        "Chi bộ Đoàn Kết đã kết thúc hoạt động từ ngày 01/07/2020: chọn một tổ chức đang hoạt động."
    ]
    form = bound(users["leader"], {"cell": "qt-cb1", "note": "x"})
    assert form.errors["cell"] == ["Bạn không có quyền chọn Chi bộ tổ dân phố số 1 ở đây."]
    form = bound(office, {"cell_tim": "", "note": "x"})
    assert form.errors["cell"] == ["Chưa chọn tổ chức: gõ vài chữ của tên để tìm."]
    form = bound(office, {"cell": "x" * 5000, "note": "x"})
    assert not form.is_valid()


class SubjectsForm(forms.Form):
    organizations = organization_field("Tổ chức", multiple=True, required=False)
    members = person_field("Đảng viên", capability="read", members_only=True, multiple=True, required=False)


def test_several_can_be_chosen_and_a_text_adds_one(users, tree, make_member, other_tree):
    hoa = users["own_member"]
    foreign = make_member(other_tree["cell"], family="Vũ", given="Ngoại", birth=date(1970, 1, 1))
    form = bound(
        users["office"], {"organizations": ["qt-cb1", "thpt"], "organizations_tim": "to dan pho"}, SubjectsForm
    )
    assert form.errors["organizations"][0].startswith("Có 2 tổ chức khớp “to dan pho”: đánh dấu những tổ chức")
    html = str(form["organizations"])  # the chosen stay checked, the matches to check come under the box
    assert 'type="checkbox" name="organizations" value="thpt" checked' in html
    assert 'type="checkbox" name="organizations" value="qt-cb2">' in html
    # a parent's name names the parent, not the cells under it as well, which match by their parent's name
    form = bound(
        users["office"],
        {"organizations": ["qt-cb1", "thpt"], "organizations_tim": "quang trung", "members_tim": "le thi hoa"},
        SubjectsForm,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["organizations"] == [tree["cell_a"], tree["school"], tree["ward"]]
    assert form.cleaned_data["members"] == [hoa.person]
    html = str(form["members"])
    assert f'type="checkbox" name="members" value="{hoa.person.pk}" checked' in html
    form = bound(users["office"], {"members": [str(hoa.person.pk), str(foreign.person.pk)]}, SubjectsForm)
    assert form.errors["members"] == ["Không tìm thấy đảng viên đã chọn trong phạm vi của bạn."]
    assert "Ngoại" not in str(form["members"])
    # a CCCD typed whole names its holder within the scope only
    form = bound(users["office"], {"members_tim": foreign.person.citizen_id}, SubjectsForm)
    assert form.errors["members"][0].startswith("Không tìm thấy đảng viên nào khớp")
    form = bound(users["office"], {"members_tim": hoa.person.citizen_id}, SubjectsForm)
    assert form.is_valid() and form.cleaned_data["members"] == [hoa.person]


def test_a_filter_reads_a_bookmark_and_says_what_it_could_not_read(users, tree, other_tree):
    scope = scope_for(users["office"])
    source = OrganizationSource()
    picked = filter_pick(QueryDict("to_chuc=quangtrung"), scope, source)
    assert picked.value == tree["ward"] and picked.problem == ""
    html = str(picked.field)
    assert 'name="to_chuc" value="quangtrung" checked' in html and "— Thành ủy Phủ Lý" in html
    picked = filter_pick(QueryDict("to_chuc=namdinh"), scope, source)
    assert picked.value is None and picked.problem == "Không tìm thấy tổ chức “namdinh” trong phạm vi của bạn."
    picked = filter_pick(QueryDict("to_chuc=phuly&to_chuc_tim="), scope, source)
    assert picked.value == tree["city"]
    picked = filter_pick(QueryDict(""), scope, source)
    assert picked.value is None and picked.problem == ""


def test_a_picker_without_a_scope_refuses_to_guess(users, tree):
    form = CellForm({"cell": "qt-cb1", "note": "x"})
    with pytest.raises(RuntimeError):
        form.is_valid()
    assert isinstance(CellForm.base_fields["cell"], PickerField)


def test_the_label_of_one_organization(users, tree):
    assert label(scope_for(users["office"]), tree["cell_a"]) == (
        "Chi bộ tổ dân phố số 1 — Đảng bộ phường Quang Trung — Thành ủy Phủ Lý"
    )


# The pages ------------------------------------------------------------------------------------------------

FILTER_PAGES = [
    "/dang-vien/",
    "/ket-nap/",
    "/ket-nap/den-han/",
    "/cong-tac/dai-hoi/",
    "/cong-tac/dai-hoi/tong-hop/",
    "/cong-tac/lop/",
    "/cong-tac/kiem-tra-giam-sat/",
    "/cong-tac/kiem-tra-giam-sat/thong-ke/",
    "/cong-tac/chuong-trinh/",
    "/cong-tac/ky-luat/",
    "/hoi-nghi/",
    "/hoi-nghi/chuyen-can/",
    "/nhiem-vu/",
    "/nhiem-vu/den-han/",
    "/nhiem-vu/bao-cao/",
    "/chuyen-sinh-hoat/",
    "/ho-so/chua-co-the/",
    "/ho-so/suc-khoe-du-lieu/",
    "/ho-so/doi-chieu/",
    "/dang-phi/",
    "/nhat-ky/",
    "/bao-cao/chi-tieu/",
    "/bao-cao/tong-hop/",
    "/bao-cao/so-van-ban/",
]


@pytest.mark.parametrize("url", FILTER_PAGES)
def test_every_filter_picks_by_name_and_keeps_its_bookmarks(client, users, tree, other_tree, url):
    from django.urls import resolve

    resolve(url)  # the page exists
    client.force_login(users["office"])
    page = client.get(url, {"to_chuc": "quangtrung"})
    text = page.content.decode()
    assert page.status_code == 200, url
    assert 'name="to_chuc" value="quangtrung" checked' in text, url  # the bookmark's organization, by its path
    assert 'Đảng bộ phường Quang Trung</span> <span class="picker-path">— Thành ủy Phủ Lý' in text, url
    assert "(mã" not in text and "Mã tổ chức" not in text, url
    outside = client.get(url, {"to_chuc": "namdinh"})
    assert outside.status_code == 200, url
    assert "Không tìm thấy tổ chức “namdinh” trong phạm vi của bạn." in outside.content.decode(), url
    typed = client.get(url, {"to_chuc_tim": "phuong quang"})  # typed without script: found by name
    assert 'name="to_chuc" value="quangtrung" checked' in typed.content.decode(), url


def test_the_audit_log_still_reads_a_bookmark_by_number(client, users, tree, other_tree):
    from dangvu.core.models import AuditEvent

    client.force_login(users["office"])
    AuditEvent.objects.create(
        action="organization.rename",
        object_type="organization.organization",
        object_id=str(tree["ward"].pk),
        object_label="Ghi ở phường",
        organization=tree["ward"],
    )
    AuditEvent.objects.create(
        action="organization.rename",
        object_type="organization.organization",
        object_id=str(tree["school"].pk),
        object_label="Ghi ở trường",
        organization=tree["school"],
    )
    for query in ({"to_chuc": str(tree["ward"].pk)}, {"to_chuc": "quangtrung"}):
        text = client.get("/nhat-ky/", query).content.decode()
        assert "Ghi ở phường" in text and "Ghi ở trường" not in text, query
        assert 'name="to_chuc" value="quangtrung" checked' in text
    text = client.get("/nhat-ky/", {"to_chuc": str(other_tree["cell"].pk)}).content.decode()
    assert "Không tìm thấy tổ chức" in text and "Nam Định" not in text


def test_a_moved_organization_says_where_it_stood_before(client, users, tree, twins):
    org_actions.move(None, tree["cell_b"], twins["ward"], on=date(2020, 7, 1))
    client.force_login(users["office"])
    found = results(client, q="to dan pho so 2")["results"]
    assert [r["label"] for r in found] == ["Chi bộ tổ dân phố số 2 — Đảng bộ phường Minh Khai — Thành ủy Phủ Lý"]
    assert found[0]["note"] == "Chi bộ trực thuộc; trước 01/07/2020 thuộc Đảng bộ phường Quang Trung"
    # the old parent's name still finds it
    assert [r["value"] for r in results(client, q="so 2 quang trung")["results"]] == ["qt-cb2"]
