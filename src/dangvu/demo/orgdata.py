"""The organizations of the Phủ Lý 2020 demo: the province, the city, 67 grassroots organizations, their cells.

The 21 wards and communes of 2020 are real (see shared/domain/SEED-FACTS.md); the 46 agencies, schools,
hospitals, enterprises, police and military units are invented but shaped like those of a provincial
capital. Dates are simplified: the province of Hà Nam was re-established on 01/01/1997 (it had been part of
Nam Hà) and the town of Phủ Lý became a city in 2008, so the demo tree starts in 1997 and the city's
organization is renamed in 2008; the wards are all placed under the city from 1997. The split of 2025 among
the five new wards is plausible, not taken from the official decisions. Decision numbers are left empty
for real events and invented for invented organizations.

Everything here is data and pure functions of a random generator: `organization_specs(rng)` returns the
same list for the same generator state, without touching the database.
"""

import random
from dataclasses import dataclass
from datetime import date

from dangvu.core.text import fold
from dangvu.organizations.models import Kind, Sector

TREE_START = date(1997, 1, 1)
CITY_RENAMED = date(2008, 6, 9)
REORGANIZED = date(2025, 7, 1)


@dataclass(frozen=True)
class OrgSpec:
    """One organization to establish, with its committee's names and where it goes in 2025."""

    code: str
    kind: str
    name: str
    parent: str | None
    sector: str = Sector.OTHER
    committee_name: str = ""
    committee_short: str = ""
    committee_code: str = ""
    locality: str = ""
    place: str = ""
    established_on: date = TREE_START
    decision_number: str = ""
    ward_2025: str = ""  # for grassroots organizations: the code of the new ward it goes under in 2025


@dataclass(frozen=True)
class CellSpec:
    """A cell where members are registered: its organization and the kind of people in it."""

    org: OrgSpec
    profile: str  # residential, ward_office, police, military, school, health, agency, enterprise
    size: int
    ward: str = ""  # the code of the ward or commune the cell lies in (empty for the other organizations)


PROVINCE = OrgSpec(
    "hanam",
    Kind.PROVINCE,
    "Đảng bộ tỉnh Hà Nam",
    None,
    Sector.OTHER,
    "Tỉnh ủy Hà Nam",
    "Tỉnh ủy",
    "TU",
    "tỉnh",
    "Hà Nam",
)
CITY_1997 = OrgSpec(
    "phuly",
    Kind.DISTRICT,
    "Đảng bộ thị xã Phủ Lý",
    "hanam",
    Sector.OTHER,
    "Thị ủy Phủ Lý",
    "Thị ủy",
    "TU",
    "thị xã",
    "Phủ Lý",
)
CITY_2008 = OrgSpec(
    "phuly",
    Kind.DISTRICT,
    "Đảng bộ thành phố Phủ Lý",
    "hanam",
    Sector.OTHER,
    "Thành ủy Phủ Lý",
    "Thành ủy",
    "TU",
    "thành phố",
    "Phủ Lý",
    established_on=CITY_RENAMED,
)
NEW_PROVINCE = OrgSpec(
    "ninhbinh",
    Kind.PROVINCE,
    "Đảng bộ tỉnh Ninh Bình",
    None,
    Sector.OTHER,
    "Tỉnh ủy Ninh Bình",
    "Tỉnh ủy",
    "TU",
    "tỉnh",
    "Ninh Bình",
    established_on=REORGANIZED,
)
NEW_WARDS = [
    OrgSpec(
        f"nb-{fold(place).replace(' ', '')}",
        Kind.COMMUNE,
        f"Đảng bộ phường {place}",
        "ninhbinh",
        Sector.WARD_COMMUNE,
        f"Đảng ủy phường {place}",
        "Đảng ủy",
        "ĐU",
        "phường",
        f"phường {place}",
        established_on=REORGANIZED,
    )
    for place in ("Phủ Lý", "Hà Nam", "Phù Vân", "Châu Sơn", "Liêm Tuyền")
]
_NEW = {spec.name.removeprefix("Đảng bộ phường "): spec.code for spec in NEW_WARDS}

# The 21 wards (phường) and communes (xã) of 2020, with the new ward each goes under on 01/07/2025.
WARDS_2020: list[tuple[str, str, str]] = [
    ("phường", "Quang Trung", "Phủ Lý"),
    ("phường", "Lương Khánh Thiện", "Phủ Lý"),
    ("phường", "Lê Hồng Phong", "Hà Nam"),
    ("phường", "Minh Khai", "Phủ Lý"),
    ("phường", "Hai Bà Trưng", "Phủ Lý"),
    ("phường", "Trần Hưng Đạo", "Phủ Lý"),
    ("phường", "Lam Hạ", "Hà Nam"),
    ("phường", "Liêm Chính", "Châu Sơn"),
    ("phường", "Thanh Châu", "Phù Vân"),
    ("phường", "Châu Sơn", "Châu Sơn"),
    ("phường", "Thanh Tuyền", "Châu Sơn"),
    ("xã", "Phù Vân", "Phù Vân"),
    ("xã", "Liêm Chung", "Liêm Tuyền"),
    ("xã", "Tiên Tân", "Hà Nam"),
    ("xã", "Tiên Hiệp", "Hà Nam"),
    ("xã", "Tiên Hải", "Hà Nam"),
    ("xã", "Kim Bình", "Phù Vân"),
    ("xã", "Liêm Tuyền", "Liêm Tuyền"),
    ("xã", "Liêm Tiết", "Liêm Tuyền"),
    ("xã", "Đinh Xá", "Liêm Tuyền"),
    ("xã", "Trịnh Xá", "Liêm Tuyền"),
]

# Invented grassroots committees (đảng bộ cơ sở) with their cells: code, name, sector, profile, founded,
# 2025 ward, cell names.
COMMITTEES: list[tuple[str, str, str, str, date, str, list[str]]] = [
    (
        "pl-cqdang",
        "Đảng bộ Cơ quan Đảng - Đoàn thể thành phố",
        Sector.AGENCY,
        "agency",
        TREE_START,
        "Phủ Lý",
        [
            "Văn phòng Thành ủy",
            "Ban Tổ chức Thành ủy",
            "Ủy ban Kiểm tra Thành ủy",
            "Ban Tuyên giáo Thành ủy",
            "Ban Dân vận Thành ủy",
            "Trung tâm Chính trị thành phố",
            "Ủy ban MTTQ và các đoàn thể thành phố",
        ],
    ),
    (
        "pl-cqcq",
        "Đảng bộ Cơ quan Chính quyền thành phố",
        Sector.AGENCY,
        "agency",
        TREE_START,
        "Phủ Lý",
        [
            "Văn phòng HĐND và UBND",
            "Phòng Nội vụ",
            "Phòng Tài chính - Kế hoạch",
            "Phòng Tài nguyên và Môi trường",
            "Phòng Quản lý đô thị",
            "Phòng Kinh tế",
            "Phòng Lao động - Thương binh và Xã hội",
            "Phòng Văn hóa và Thông tin",
            "Thanh tra thành phố",
            "Phòng Tư pháp",
        ],
    ),
    (
        "pl-congan",
        "Đảng bộ Công an thành phố Phủ Lý",
        Sector.ARMED_FORCES,
        "police",
        TREE_START,
        "Phủ Lý",
        [
            "Đội Tham mưu - Tổng hợp",
            "Đội An ninh",
            "Đội Cảnh sát hình sự",
            "Đội Cảnh sát kinh tế",
            "Đội Cảnh sát điều tra tội phạm về ma túy",
            "Đội Cảnh sát giao thông - trật tự",
            "Đội Cảnh sát quản lý hành chính về trật tự xã hội",
            "Nhà tạm giữ",
        ],
    ),
    (
        "pl-quansu",
        "Đảng bộ Quân sự thành phố Phủ Lý",
        Sector.ARMED_FORCES,
        "military",
        TREE_START,
        "Phủ Lý",
        ["Chỉ huy", "Tham mưu", "Chính trị", "Hậu cần - Kỹ thuật", "Trung đội Dân quân cơ động"],
    ),
    (
        "pl-ttyt",
        "Đảng bộ Trung tâm Y tế thành phố Phủ Lý",
        Sector.HEALTH,
        "health",
        date(2017, 1, 1),
        "Phù Vân",
        [
            "Khoa Khám bệnh",
            "Khoa Nội - Nhi",
            "Khoa Ngoại - Sản",
            "Khoa Kiểm soát bệnh tật",
            "Phòng Hành chính - Tổng hợp",
            "Khối Trạm Y tế",
        ],
    ),
    (
        "pl-moitruong",
        "Đảng bộ Công ty Cổ phần Môi trường và Công trình đô thị Phủ Lý",
        Sector.ENTERPRISE,
        "enterprise",
        date(2005, 3, 1),
        "Phủ Lý",
        ["Khối Văn phòng", "Đội Vệ sinh môi trường số 1", "Đội Vệ sinh môi trường số 2", "Đội Cây xanh - Chiếu sáng"],
    ),
    (
        "pl-may",
        "Đảng bộ Công ty Cổ phần May Phủ Lý",
        Sector.ENTERPRISE,
        "enterprise",
        date(2006, 9, 1),
        "Châu Sơn",
        ["Khối Văn phòng", "Phân xưởng May 1", "Phân xưởng May 2", "Phân xưởng Hoàn thiện"],
    ),
    (
        "pl-giaoduc",
        "Đảng bộ Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên thành phố",
        Sector.SCHOOL,
        "school",
        date(2018, 6, 1),
        "Hà Nam",
        ["Khối Văn phòng", "Tổ Văn hóa", "Tổ Nghề"],
    ),
]

# Invented grassroots cells (chi bộ cơ sở): code, name, sector, profile, founded, 2025 ward.
GRASSROOTS_CELLS: list[tuple[str, str, str, str, date, str]] = [
    ("pl-thue", "Chi bộ Chi cục Thuế thành phố Phủ Lý", Sector.AGENCY, "agency", TREE_START, "Phủ Lý"),
    ("pl-khobac", "Chi bộ Kho bạc Nhà nước Phủ Lý", Sector.AGENCY, "agency", TREE_START, "Phủ Lý"),
    ("pl-toaan", "Chi bộ Tòa án nhân dân thành phố", Sector.AGENCY, "agency", TREE_START, "Phủ Lý"),
    ("pl-vks", "Chi bộ Viện Kiểm sát nhân dân thành phố", Sector.AGENCY, "agency", TREE_START, "Phủ Lý"),
    ("pl-thads", "Chi bộ Chi cục Thi hành án dân sự thành phố", Sector.AGENCY, "agency", TREE_START, "Phủ Lý"),
    ("pl-bhxh", "Chi bộ Bảo hiểm xã hội thành phố", Sector.AGENCY, "agency", TREE_START, "Phủ Lý"),
    (
        "pl-nhcs",
        "Chi bộ Phòng giao dịch Ngân hàng Chính sách xã hội thành phố",
        Sector.AGENCY,
        "agency",
        date(2003, 6, 1),
        "Hà Nam",
    ),
    (
        "pl-vhtt",
        "Chi bộ Trung tâm Văn hóa, Thông tin và Thể thao thành phố",
        Sector.AGENCY,
        "agency",
        date(2009, 1, 1),
        "Phủ Lý",
    ),
    (
        "pl-bqlda",
        "Chi bộ Ban Quản lý dự án đầu tư xây dựng thành phố",
        Sector.AGENCY,
        "agency",
        date(2008, 10, 1),
        "Phủ Lý",
    ),
    ("pl-quydat", "Chi bộ Trung tâm Phát triển quỹ đất thành phố", Sector.AGENCY, "agency", date(2010, 1, 1), "Phủ Lý"),
    ("pl-phonggd", "Chi bộ Phòng Giáo dục và Đào tạo thành phố", Sector.AGENCY, "agency", TREE_START, "Phủ Lý"),
    (
        "pl-dangkydat",
        "Chi bộ Chi nhánh Văn phòng Đăng ký đất đai thành phố",
        Sector.AGENCY,
        "agency",
        date(2016, 1, 1),
        "Phủ Lý",
    ),
    ("pl-qlcho", "Chi bộ Ban Quản lý chợ Phủ Lý", Sector.AGENCY, "agency", TREE_START, "Phủ Lý"),
    (
        "pl-pccc",
        "Chi bộ Đội Cảnh sát Phòng cháy, chữa cháy và Cứu nạn, cứu hộ khu vực Phủ Lý",
        Sector.ARMED_FORCES,
        "police",
        date(2012, 1, 1),
        "Châu Sơn",
    ),
    ("pl-thcs-tranphu", "Chi bộ Trường THCS Trần Phú", Sector.SCHOOL, "school", TREE_START, "Phủ Lý"),
    ("pl-thcs-lytutrong", "Chi bộ Trường THCS Lý Tự Trọng", Sector.SCHOOL, "school", TREE_START, "Phủ Lý"),
    ("pl-thcs-nguyendu", "Chi bộ Trường THCS Nguyễn Du", Sector.SCHOOL, "school", TREE_START, "Hà Nam"),
    ("pl-thcs-chuvanan", "Chi bộ Trường THCS Chu Văn An", Sector.SCHOOL, "school", TREE_START, "Phù Vân"),
    ("pl-thcs-lequydon", "Chi bộ Trường THCS Lê Quý Đôn", Sector.SCHOOL, "school", TREE_START, "Châu Sơn"),
    ("pl-th-lehongphong", "Chi bộ Trường Tiểu học Lê Hồng Phong", Sector.SCHOOL, "school", TREE_START, "Hà Nam"),
    ("pl-th-quangtrung", "Chi bộ Trường Tiểu học Quang Trung", Sector.SCHOOL, "school", TREE_START, "Phủ Lý"),
    ("pl-th-minhkhai", "Chi bộ Trường Tiểu học Minh Khai", Sector.SCHOOL, "school", TREE_START, "Phủ Lý"),
    ("pl-th-kimdong", "Chi bộ Trường Tiểu học Kim Đồng", Sector.SCHOOL, "school", TREE_START, "Phù Vân"),
    ("pl-th-nguyenvantroi", "Chi bộ Trường Tiểu học Nguyễn Văn Trỗi", Sector.SCHOOL, "school", TREE_START, "Châu Sơn"),
    ("pl-mn-hoasen", "Chi bộ Trường Mầm non Hoa Sen", Sector.SCHOOL, "school", TREE_START, "Phủ Lý"),
    ("pl-mn-hoahong", "Chi bộ Trường Mầm non Hoa Hồng", Sector.SCHOOL, "school", TREE_START, "Hà Nam"),
    ("pl-mn-sonca", "Chi bộ Trường Mầm non Sơn Ca", Sector.SCHOOL, "school", date(2002, 8, 1), "Phủ Lý"),
    ("pl-mn-hoami", "Chi bộ Trường Mầm non Họa Mi", Sector.SCHOOL, "school", date(2004, 8, 1), "Châu Sơn"),
    ("pl-bvyhct", "Chi bộ Bệnh viện Y học cổ truyền Phủ Lý", Sector.HEALTH, "health", date(2011, 1, 1), "Phù Vân"),
    ("pl-bvtn", "Chi bộ Bệnh viện Đa khoa Hà Thành Phủ Lý", Sector.HEALTH, "health", date(2014, 5, 1), "Hà Nam"),
    ("pl-nuocsach", "Chi bộ Công ty Cổ phần Nước sạch Phủ Lý", Sector.ENTERPRISE, "enterprise", TREE_START, "Phủ Lý"),
    (
        "pl-xaydung",
        "Chi bộ Công ty Cổ phần Xây dựng và Phát triển đô thị Phủ Lý",
        Sector.ENTERPRISE,
        "enterprise",
        date(2004, 1, 1),
        "Hà Nam",
    ),
    ("pl-vantai", "Chi bộ Công ty Cổ phần Vận tải Phủ Lý", Sector.ENTERPRISE, "enterprise", TREE_START, "Châu Sơn"),
    (
        "pl-thuyloi",
        "Chi bộ Xí nghiệp Khai thác công trình thủy lợi Phủ Lý",
        Sector.ENTERPRISE,
        "enterprise",
        TREE_START,
        "Liêm Tuyền",
    ),
    ("pl-dienluc", "Chi bộ Điện lực Phủ Lý", Sector.ENTERPRISE, "enterprise", TREE_START, "Phủ Lý"),
    (
        "pl-thuongmai",
        "Chi bộ Công ty Cổ phần Thương mại và Dịch vụ Phủ Lý",
        Sector.ENTERPRISE,
        "enterprise",
        date(2007, 4, 1),
        "Phủ Lý",
    ),
    (
        "pl-inbaobi",
        "Chi bộ Công ty TNHH In và Bao bì Phủ Lý",
        Sector.ENTERPRISE,
        "enterprise",
        date(2012, 7, 1),
        "Châu Sơn",
    ),
    (
        "pl-qscq",
        "Chi bộ Ban Chỉ huy Quân sự các cơ quan thành phố",
        Sector.ARMED_FORCES,
        "military",
        date(2010, 1, 1),
        "Phủ Lý",
    ),
]

# Cells of a ward or commune besides its residential groups.
WARD_OFFICE_CELLS = [
    ("coquan", "Cơ quan", "ward_office"),
    ("congan", "Công an", "police"),
    ("quansu", "Quân sự", "military"),
]
COMMUNE_SCHOOL_CELLS = [("mamnon", "Trường Mầm non"), ("tieuhoc", "Trường Tiểu học"), ("thcs", "Trường THCS")]

# Members per cell by profile: the (low, high) of a uniform draw.
CELL_SIZES = {
    "residential": (16, 36),
    "ward_office": (12, 24),
    "police": (5, 10),
    "military": (4, 8),
    "school": (5, 12),
    "agency": (5, 12),
    "health": (6, 14),
    "enterprise": (5, 14),
}
GRASSROOTS_CELL_SIZES = {
    "agency": (8, 20),
    "school": (8, 24),
    "health": (10, 25),
    "enterprise": (6, 20),
    "police": (12, 25),
    "military": (8, 16),
}


def ward_code(place: str) -> str:
    return "pl-" + fold(place).replace(" ", "")


def _cell(parent: OrgSpec, code: str, name: str, sector: str, established_on: date) -> OrgSpec:
    return OrgSpec(
        code,
        Kind.CELL,
        f"Chi bộ {name}",
        parent.code,
        sector,
        f"Chi bộ {name}",
        "Chi bộ",
        "CB",
        place=parent.place,
        established_on=established_on,
        decision_number=parent.decision_number,
    )


def _size(rng: random.Random, profile: str, table: dict = CELL_SIZES) -> int:
    low, high = table[profile]
    return rng.randint(low, high)


def _decision(rng: random.Random, established_on: date) -> str:
    """An invented decision number of the city committee (invented organizations only)."""
    return f"{rng.randint(12, 480)}-QĐ/TU" if established_on > TREE_START else ""


def organization_specs(rng: random.Random) -> tuple[list[OrgSpec], list[CellSpec]]:
    """The 67 grassroots organizations of the city and every cell, parents before children."""
    orgs: list[OrgSpec] = []
    cells: list[CellSpec] = []
    for locality, place, new in WARDS_2020:
        code = ward_code(place)
        ward = OrgSpec(
            code,
            Kind.GRASSROOTS_COMMITTEE,
            f"Đảng bộ {locality} {place}",
            "phuly",
            Sector.WARD_COMMUNE,
            f"Đảng ủy {locality} {place}",
            "Đảng ủy",
            "ĐU",
            locality,
            f"{locality} {place}",
            ward_2025=_NEW[new],
        )
        orgs.append(ward)
        group = ("tdp", "Tổ dân phố số") if locality == "phường" else ("thon", "thôn")
        count = rng.randint(10, 18) if locality == "phường" else rng.randint(7, 13)
        for n in range(1, count + 1):
            cell = _cell(ward, f"{code}-{group[0]}{n:02d}", f"{group[1]} {n}", Sector.RESIDENTIAL, TREE_START)
            cells.append(CellSpec(cell, "residential", _size(rng, "residential"), ward=code))
        for suffix, name, profile in WARD_OFFICE_CELLS:
            sector = Sector.AGENCY if profile == "ward_office" else Sector.ARMED_FORCES
            cell = _cell(ward, f"{code}-{suffix}", name, sector, TREE_START)
            cells.append(CellSpec(cell, profile, _size(rng, profile), ward=code))
        if locality == "xã":
            for suffix, name in COMMUNE_SCHOOL_CELLS:
                cell = _cell(ward, f"{code}-{suffix}", f"{name} {place}", Sector.SCHOOL, TREE_START)
                cells.append(CellSpec(cell, "school", _size(rng, "school"), ward=code))
    for code, name, sector, profile, founded, new, cell_names in COMMITTEES:
        committee = OrgSpec(
            code,
            Kind.GRASSROOTS_COMMITTEE,
            name,
            "phuly",
            sector,
            name.replace("Đảng bộ", "Đảng ủy", 1),
            "Đảng ủy",
            "ĐU",
            place="Phủ Lý",
            established_on=founded,
            decision_number=_decision(rng, founded),
            ward_2025=_NEW[new],
        )
        orgs.append(committee)
        for n, cell_name in enumerate(cell_names, start=1):
            cell = _cell(committee, f"{code}-cb{n:02d}", cell_name, sector, founded)
            cells.append(CellSpec(cell, profile, _size(rng, profile)))
    for code, name, sector, profile, founded, new in GRASSROOTS_CELLS:
        org = OrgSpec(
            code,
            Kind.GRASSROOTS_CELL,
            name,
            "phuly",
            sector,
            name,
            "Chi bộ",
            "CB",
            place="Phủ Lý",
            established_on=founded,
            decision_number=_decision(rng, founded),
            ward_2025=_NEW[new],
        )
        orgs.append(org)
        cells.append(CellSpec(org, profile, _size(rng, profile, GRASSROOTS_CELL_SIZES)))
    return orgs, cells
