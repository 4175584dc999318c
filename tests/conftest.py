"""Shared fixtures: a small tree built through actions, like real use, and users with mandates."""

from datetime import date

import pytest

from dangvu.organizations import actions as org_actions
from dangvu.organizations.actions import NameSpec
from dangvu.organizations.models import Kind


@pytest.fixture
def tree(db):
    """Province > city > ward committee > two cells, and an agency grassroots cell; established 2010."""
    on = date(2010, 1, 1)

    def make(code, kind, name, parent=None, short="", locality="", committee_code="ĐU", place=""):
        return org_actions.establish(
            None, code=code, kind=kind, parent=parent, on=on, committee_code=committee_code,
            names=NameSpec(name=name, committee_name=short and f"{short} {place}".strip(),
                           committee_short=short, locality=locality, place=place),
        )

    province = make("hanam", Kind.PROVINCE, "Đảng bộ tỉnh Hà Nam", short="Tỉnh ủy", locality="tỉnh",
                    committee_code="TU", place="Hà Nam")
    city = make("phuly", Kind.DISTRICT, "Đảng bộ thành phố Phủ Lý", province, short="Thành ủy",
                locality="thành phố", committee_code="TU", place="Phủ Lý")
    ward = make("quangtrung", Kind.GRASSROOTS_COMMITTEE, "Đảng bộ phường Quang Trung", city, short="Đảng ủy",
                locality="phường", place="phường Quang Trung")
    cell_a = make("qt-cb1", Kind.CELL, "Chi bộ tổ dân phố số 1", ward, short="Chi bộ", committee_code="CB")
    cell_b = make("qt-cb2", Kind.CELL, "Chi bộ tổ dân phố số 2", ward, short="Chi bộ", committee_code="CB")
    school = make("thpt", Kind.GRASSROOTS_CELL, "Chi bộ Trường THPT Phủ Lý", city, short="Chi bộ",
                  committee_code="CB")
    return {"province": province, "city": city, "ward": ward, "cell_a": cell_a, "cell_b": cell_b,
            "school": school}
