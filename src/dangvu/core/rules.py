"""The rules module: every Party rule parameter, with the regulation that sets it and its validity dates.

A record is judged by the rules in force on its own date: `param("admission.max_age_years", on=date)`.
Parameters whose details could not be confirmed from public sources carry `unconfirmed=True`; the UI shows
that flag, and `DANGVU_RULES_OVERRIDES` style configuration is done by `override()`.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

FAR_PAST = date(1930, 2, 3)


@dataclass(frozen=True)
class Rule:
    key: str
    value: Any
    regulation: str
    valid_from: date
    valid_to: date | None = None  # exclusive
    description: str = ""
    unconfirmed: bool = False

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on < self.valid_to)


CHARTER_2016 = "Quy định 29-QĐ/TW ngày 25/07/2016, Hướng dẫn 01-HD/TW ngày 20/09/2016"
CHARTER_2021 = "Quy định 24-QĐ/TW ngày 30/07/2021, Hướng dẫn 01-HD/TW ngày 28/09/2021"
CHARTER_2025A = "Quy định 232-QĐ/TW ngày 20/01/2025"
CHARTER_2025B = "Quy định 294-QĐ/TW ngày 26/05/2025, Hướng dẫn 06-HD/TW ngày 09/06/2025"
CHARTER_2011 = "Quy định 45-QĐ/TW ngày 01/11/2011, Hướng dẫn 01-HD/TW năm 2011 (và các quy định trước đó)"
CHARTER_PERIODS = [
    (CHARTER_2011, FAR_PAST, date(2016, 7, 25)),
    (CHARTER_2016, date(2016, 7, 25), date(2021, 7, 30)),
    (CHARTER_2021, date(2021, 7, 30), date(2025, 1, 20)),
    (CHARTER_2025A, date(2025, 1, 20), date(2025, 7, 1)),
    (CHARTER_2025B, date(2025, 7, 1), None),
]


def _charter_rules(key: str, value: Any, description: str, unconfirmed: bool = False) -> list[Rule]:
    """The same parameter under each implementing regulation of the Charter (values unchanged across them)."""
    return [Rule(key, value, reg, start, end, description, unconfirmed) for reg, start, end in CHARTER_PERIODS]


RULES: list[Rule] = [
    # Exemption from activities: for old age or poor health only, asked by the member, decided by the cell. The
    # time-limited exemption of Hướng dẫn 12-HD/BTCTW (18/01/2022) is not modelled: its text could not be read
    # here to confirm who qualifies.
    Rule(
        "members.exemption_reasons",
        ("age", "health", "age_health"),
        "Điều lệ Đảng (2011), Điều 7",
        FAR_PAST,
        description="Đảng viên tuổi cao, sức khỏe yếu tự nguyện xin miễn công tác và sinh hoạt đảng; chi bộ xem "
        "xét, quyết định và báo cáo lên cấp ủy cấp trên. Khi sức khỏe cho phép, đảng viên trở lại sinh hoạt "
        "theo quyết định của chi bộ.",
    ),
    Rule(
        "admission.min_age_years",
        18,
        "Điều lệ Đảng (2011), Điều 1",
        FAR_PAST,
        description="Tuổi tối thiểu khi chi bộ xét kết nạp, tính đủ theo tháng.",
    ),
    *_charter_rules(
        "admission.max_age_years", 60, "Trên 60 tuổi chỉ kết nạp khi có ý kiến chấp thuận của cấp có thẩm quyền."
    ),
    *_charter_rules("admission.min_introducers", 2, "Hai đảng viên chính thức giới thiệu (hoặc Đoàn + 1)."),
    *_charter_rules(
        "admission.introducer_shared_months",
        12,
        "Người giới thiệu cùng công tác, sinh sống với người vào Đảng ít nhất 12 tháng.",
    ),
    Rule(
        "admission.youth_union_max_age",
        30,
        "Điều lệ Đảng (2011), Điều 4; Điều lệ Đoàn TNCS Hồ Chí Minh",
        FAR_PAST,
        description="Người vào Đảng trong độ tuổi thanh niên (đến đủ 30 tuổi) được Ban Chấp hành "
        "Đoàn cơ sở và một đảng viên chính thức giới thiệu.",
    ),
    *_charter_rules(
        "admission.cell_approval_fraction",
        (2, 3),
        "Nghị quyết chi bộ được ít nhất hai phần ba đảng viên chính thức tán thành.",
    ),
    # Point 4.1 of 29-QĐ/TW and of 232-QĐ/TW read from public pages; 24-QĐ/TW and 294-QĐ/TW carry the same
    # point as commonly quoted; before 2016 not read (flagged).
    *[
        Rule(
            "admission.ceremony_working_days",
            30,
            reg,
            start,
            end,
            "Trong thời hạn 30 ngày làm việc, kể từ ngày nhận được quyết định kết nạp đảng viên của cấp ủy có thẩm "
            "quyền, chi bộ phải tổ chức lễ kết nạp (điểm 4.1).",
            unconfirmed=reg == CHARTER_2011,
        )
        for reg, start, end in CHARTER_PERIODS
    ],
    *[
        Rule(
            "admission.late_ceremony_needs_approval",
            True,
            reg,
            start,
            end,
            "Để quá thời hạn tổ chức lễ kết nạp phải báo cáo và được cấp ủy cấp trên trực tiếp đồng ý (điểm 4.1).",
            unconfirmed=reg == CHARTER_2011,
        )
        for reg, start, end in CHARTER_PERIODS
    ],
    Rule(
        "probation.months",
        12,
        "Điều lệ Đảng (2011), Điều 5",
        FAR_PAST,
        description="Thời gian dự bị 12 tháng, tính từ ngày chi bộ tổ chức lễ kết nạp.",
    ),
    *_charter_rules(
        "probation.recognition_working_days",
        30,
        "Xét công nhận chính thức trong 30 ngày làm việc sau khi hết 12 tháng dự bị.",
    ),
    *_charter_rules(
        "badge.years",
        (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90),
        "Các mốc tuổi đảng được xét tặng Huy hiệu Đảng.",
    ),
    *_charter_rules(
        "badge.award_days",
        ((2, 3), (5, 19), (9, 2), (11, 7)),
        "Ngày trao Huy hiệu Đảng: 3/2, 19/5, 2/9, 7/11 (tháng, ngày).",
    ),
    # Early award for grave illness (bệnh nặng): {from badge years: at most months early}. 29-QĐ/TW allowed one
    # year for every badge; 24-QĐ/TW (Hướng dẫn 01-HD/TW 2021, mục 18.1) two years from the 70-year badge.
    Rule(
        "badge.early_months_illness",
        {30: 12},
        CHARTER_2011,
        FAR_PAST,
        date(2016, 7, 25),
        "Đảng viên bị bệnh nặng có thể được xét tặng Huy hiệu sớm, không quá 12 tháng.",
        unconfirmed=True,
    ),
    Rule(
        "badge.early_months_illness",
        {30: 12},
        CHARTER_2016,
        date(2016, 7, 25),
        date(2021, 7, 30),
        "Đảng viên bị bệnh nặng có thể được xét tặng Huy hiệu Đảng sớm, nhưng thời gian xét tặng sớm không quá "
        "một năm so với thời gian quy định.",
    ),
    Rule(
        "badge.early_months_illness",
        {30: 12, 70: 24},
        CHARTER_2021,
        date(2021, 7, 30),
        date(2025, 1, 20),
        "Đảng viên bị bệnh nặng được xét tặng Huy hiệu 30–65 năm tuổi đảng sớm không quá 12 tháng, Huy hiệu "
        "70–90 năm tuổi đảng sớm không quá 24 tháng (mục 18.1).",
    ),
    *[
        Rule(
            "badge.early_months_illness",
            {30: 12, 70: 24},
            reg,
            start,
            end,
            "Tặng sớm khi bệnh nặng: tối đa 12 tháng (30–65 năm), 24 tháng (70–90 năm), như Quy định 24-QĐ/TW "
            "(chưa đối chiếu văn bản mới).",
            unconfirmed=True,
        )
        for reg, start, end in CHARTER_PERIODS[3:]
    ],
    # Deferral after discipline: {form: months from the discipline decision during which the badge is not yet
    # considered}. 29-QĐ/TW: from a warning up (6 months for a warning, 1 year for dismissal); 24-QĐ/TW added the
    # reprimand (6, 9 and 12 months). The condition "sửa chữa tốt khuyết điểm, được chi bộ công nhận" is the
    # cell's judgement and is not recorded here.
    Rule(
        "badge.discipline_deferral_months",
        {"warning": 6, "dismissal": 12},
        CHARTER_2011,
        FAR_PAST,
        date(2016, 7, 25),
        "Đảng viên bị kỷ luật từ cảnh cáo trở lên chưa được xét tặng Huy hiệu: sau 6 tháng "
        "(cảnh cáo), 1 năm (cách chức) kể từ ngày quyết định kỷ luật.",
        unconfirmed=True,
    ),
    Rule(
        "badge.discipline_deferral_months",
        {"warning": 6, "dismissal": 12},
        CHARTER_2016,
        date(2016, 7, 25),
        date(2021, 7, 30),
        "Tại thời điểm xét tặng, đảng viên bị kỷ luật từ cảnh cáo trở lên chưa được xét tặng; "
        "sau 6 tháng (cảnh cáo), 1 năm (cách chức) kể từ ngày quyết định kỷ luật, nếu sửa chữa tốt khuyết điểm "
        "thì được xét tặng.",
    ),
    Rule(
        "badge.discipline_deferral_months",
        {"reprimand": 6, "warning": 9, "dismissal": 12},
        CHARTER_2021,
        date(2021, 7, 30),
        date(2025, 1, 20),
        "Đảng viên bị kỷ luật chưa được xét tặng Huy hiệu Đảng; sau 6 "
        "tháng (khiển trách), 9 tháng (cảnh cáo), 1 năm (cách chức) kể từ ngày quyết định kỷ luật, nếu sửa chữa "
        "tốt khuyết điểm, được chi bộ công nhận thì được xét tặng.",
    ),
    *[
        Rule(
            "badge.discipline_deferral_months",
            {"reprimand": 6, "warning": 9, "dismissal": 12},
            reg,
            start,
            end,
            "Sau 6 tháng (khiển trách), 9 tháng (cảnh cáo), 1 năm (cách chức) kể từ ngày quyết định kỷ luật, như "
            "Quy định 24-QĐ/TW (chưa đối chiếu văn bản mới).",
            unconfirmed=True,
        )
        for reg, start, end in CHARTER_PERIODS[3:]
    ],
    *_charter_rules(
        "badge.party_age_less_inactivity",
        True,
        "Tuổi đảng tính từ ngày ghi trong quyết định kết nạp, trừ thời gian không sinh hoạt đảng (đảng "
        "viên được kết nạp lại).",
    ),
    # Re-admission (kết nạp lại), point 3.5 of the implementing rules. Read for 24-QĐ/TW (3.5.1, 3.5.2) and
    # 294-QĐ/TW (3.5.1, 3.5.2) from public summaries; 29-QĐ/TW (point 3) for the 36 and 60 months; the
    # exclusions and "once" of 29-QĐ/TW, 232-QĐ/TW and the rules before 2016 could not be read here: kept as
    # under 24-QĐ/TW and flagged unconfirmed.
    *[
        Rule(
            "readmission.min_months",
            36,
            reg,
            start,
            end,
            "Kết nạp lại sau ít nhất 36 tháng kể từ khi ra khỏi Đảng; làm đơn xin kết nạp lại, được ban thường vụ "
            "tỉnh ủy, thành ủy (hoặc tương đương) đồng ý bằng văn bản.",
            unconfirmed=reg in (CHARTER_2011, CHARTER_2025A),
        )
        for reg, start, end in CHARTER_PERIODS
    ],
    *[
        Rule(
            "readmission.minor_crime_months",
            60,
            reg,
            start,
            end,
            "Người bị án hình sự về tội phạm ít nghiêm trọng: sau 60 tháng kể từ khi được xóa án tích.",
            unconfirmed=reg in (CHARTER_2011, CHARTER_2025A),
        )
        for reg, start, end in CHARTER_PERIODS
    ],
    *[
        Rule(
            "readmission.excluded_grounds",
            ("left_activity", "resigned", "disunity", "corruption", "serious_crime"),
            reg,
            start,
            end,
            "Không xem xét kết nạp lại người đã ra khỏi Đảng vì: tự bỏ sinh hoạt đảng; tự nguyện xin ra khỏi Đảng "
            "(trừ trường hợp có lý do gia đình đặc biệt khó khăn); gây mất đoàn kết nội bộ nghiêm trọng; bị kết án "
            "hình sự về tội tham nhũng; bị kết án hình sự về tội phạm nghiêm trọng trở lên (điểm 3.5.2).",
            unconfirmed=reg not in (CHARTER_2021, CHARTER_2025B),
        )
        for reg, start, end in CHARTER_PERIODS
    ],
    *[
        Rule(
            "readmission.once",
            True,
            reg,
            start,
            end,
            "Chỉ kết nạp lại một lần; người được kết nạp lại phải qua thời gian dự bị như người vào Đảng lần đầu.",
            unconfirmed=reg not in (CHARTER_2021, CHARTER_2025B),
        )
        for reg, start, end in CHARTER_PERIODS
    ],
    *_charter_rules(
        "transfer.official_working_days", 60, "Chuyển sinh hoạt chính thức hoàn thành trong 60 ngày làm việc."
    ),
    *_charter_rules("cell.min_official_members", 3, "Chi bộ có ít nhất 3 đảng viên chính thức."),
    *_charter_rules("cell.committee_threshold", 9, "Chi bộ từ 9 đảng viên chính thức trở lên bầu chi ủy."),
    *_charter_rules(
        "grassroots.committee_threshold", 30, "Tổ chức cơ sở đảng từ 30 đảng viên trở lên thường lập đảng bộ cơ sở."
    ),
    Rule(
        "document.format",
        "36-HD/VPTW",
        "Quy định 66-QĐ/TW (2017), Hướng dẫn 36-HD/VPTW (2018)",
        date(2018, 4, 3),
        date(2026, 1, 9),
        "Thể thức văn bản của Đảng.",
    ),
    Rule(
        "document.format",
        "399-QĐ/TW",
        "Quy định 399-QĐ/TW ngày 09/01/2026",
        date(2026, 1, 9),
        description="Thể thức văn bản của Đảng; hướng dẫn thay 36-HD/VPTW chưa được xác nhận.",
        unconfirmed=True,
    ),
]

# Inspection, supervision and discipline work (công tác kiểm tra, giám sát và thi hành kỷ luật đảng).
INSPECTION_PERIODS = [
    ("Quyết định 46-QĐ/TW ngày 01/11/2011 (thi hành Chương VII, VIII Điều lệ Đảng)", FAR_PAST, date(2016, 7, 26)),
    ("Quy định 30-QĐ/TW ngày 26/07/2016", date(2016, 7, 26), date(2021, 7, 28)),
    ("Quy định 22-QĐ/TW ngày 28/07/2021", date(2021, 7, 28), date(2025, 5, 30)),
    ("Quy định 296-QĐ/TW ngày 30/05/2025", date(2025, 5, 30), None),
]
DISCIPLINE_PERIODS = [
    ("Điều lệ Đảng (2011), Điều 35; Quy định 181-QĐ/TW ngày 30/03/2013", FAR_PAST, date(2017, 11, 15)),
    ("Điều lệ Đảng (2011), Điều 35; Quy định 102-QĐ/TW ngày 15/11/2017", date(2017, 11, 15), date(2022, 7, 6)),
    ("Điều lệ Đảng (2011), Điều 35; Quy định 69-QĐ/TW ngày 06/07/2022", date(2022, 7, 6), date(2025, 2, 14)),
    (
        "Điều lệ Đảng (2011), Điều 35; Quy định 69-QĐ/TW ngày 06/07/2022, sửa đổi bởi Quy định 264-QĐ/TW "
        "ngày 14/02/2025",
        date(2025, 2, 14),
        None,
    ),
]


def _period_rules(periods, key: str, value: Any, description: str, unconfirmed: bool = False) -> list[Rule]:
    return [Rule(key, value, reg, start, end, description, unconfirmed) for reg, start, end in periods]


RULES += [
    *_period_rules(
        INSPECTION_PERIODS,
        "oversight.kinds",
        {
            "inspection": ("regular", "signs_of_violation", "lower_inspection_work", "party_finance"),
            "supervision": ("regular", "thematic"),
        },
        "Loại kiểm tra: theo chương trình, khi có dấu hiệu vi phạm, việc thực hiện nhiệm vụ kiểm tra, "
        "giám sát của cấp dưới, tài chính đảng; loại giám sát: thường xuyên, chuyên đề.",
    ),
    *_period_rules(
        INSPECTION_PERIODS,
        "oversight.inspection_committee_kinds",
        ("province", "district", "commune", "grassroots_committee"),
        "Ủy ban Kiểm tra được lập từ đảng ủy cơ sở trở lên; chi bộ không có Ủy ban Kiểm tra.",
    ),
    *_period_rules(
        DISCIPLINE_PERIODS,
        "discipline.forms.organization",
        ("reprimand", "warning", "dissolution"),
        "Tổ chức đảng: khiển trách, cảnh cáo, giải tán.",
    ),
    *_period_rules(
        DISCIPLINE_PERIODS,
        "discipline.forms.official",
        ("reprimand", "warning", "dismissal", "expulsion"),
        "Đảng viên chính thức: khiển trách, cảnh cáo, cách chức (khi giữ chức vụ), khai trừ.",
    ),
    *_period_rules(
        DISCIPLINE_PERIODS,
        "discipline.forms.probationary",
        ("reprimand", "warning"),
        "Đảng viên dự bị: khiển trách, cảnh cáo.",
    ),
]

# Cell meetings (sinh hoạt chi bộ): `dangvu.meetings` checks a subtree's cells against these.
RULES += [
    Rule(
        "cell.monthly_meetings",
        1,
        "Điều lệ Đảng (2011): chi bộ họp thường lệ mỗi tháng một lần",
        FAR_PAST,
        description="Số buổi sinh hoạt định kỳ mỗi tháng của chi bộ.",
    ),
    Rule(
        "cell.thematic_meetings_per_quarter",
        1,
        "Hướng dẫn 12-HD/BTCTW ngày 18/01/2018 về nâng cao chất lượng sinh hoạt chi bộ",
        date(2018, 1, 18),
        description="Chi bộ sinh hoạt chuyên đề ít nhất mỗi quý một lần.",
        unconfirmed=True,
    ),
]

# The yearly quality rating (kiểm điểm, đánh giá, xếp loại chất lượng hằng năm): `dangvu.rating` reads these
# on 31 December of the rated year, so a 2022 round follows 132-QĐ/TW, a 2023 round 124-QĐ/TW (04/10/2023)
# and a 2025 round 366-QĐ/TW (30/08/2025). Grades are four ordered levels whose names change with the rule.
RATING_2014 = (
    "Hướng dẫn 47-HD/BTCTW năm 2014 về đánh giá chất lượng tổ chức cơ sở đảng và đảng viên "
    "(tổ chức cơ sở đảng “trong sạch, vững mạnh”)"
)
RATING_2018 = (
    "Quy định 132-QĐ/TW ngày 08/03/2018; Hướng dẫn 16-HD/BTCTW ngày 24/09/2018, "
    "sửa đổi bởi Hướng dẫn 21-HD/BTCTW năm 2019"
)
RATING_2023 = "Quy định 124-QĐ/TW ngày 04/10/2023; Hướng dẫn 25-HD/BTCTW ngày 10/11/2023"
RATING_2025 = "Quy định 366-QĐ/TW ngày 30/08/2025; Hướng dẫn 43-HD/BTCTW ngày 31/10/2025"
RATING_PERIODS = [
    (RATING_2014, FAR_PAST, date(2018, 3, 8)),
    (RATING_2018, date(2018, 3, 8), date(2023, 10, 4)),
    (RATING_2023, date(2023, 10, 4), date(2025, 8, 30)),
    (RATING_2025, date(2025, 8, 30), None),
]
_RATING = dict(zip(("2014", "2018", "2023", "2025"), RATING_PERIODS, strict=True))


def _rating(version: str, key: str, value: Any, description: str, unconfirmed: bool = False, article: str = "") -> Rule:
    regulation, start, end = _RATING[version]
    return Rule(key, value, f"{regulation}{', ' + article if article else ''}", start, end, description, unconfirmed)


CURRENT_GRADES = {
    "excellent": "Hoàn thành xuất sắc nhiệm vụ",
    "good": "Hoàn thành tốt nhiệm vụ",
    "complete": "Hoàn thành nhiệm vụ",
    "failed": "Không hoàn thành nhiệm vụ",
}
RULES += [
    _rating(
        "2014", "rating.version", "2014", "Xếp loại theo thang “trong sạch, vững mạnh” (trước 2018).", unconfirmed=True
    ),
    _rating("2018", "rating.version", "2018", "Xếp loại theo Quy định 132-QĐ/TW."),
    _rating("2023", "rating.version", "2023", "Xếp loại theo Quy định 124-QĐ/TW.", article="Điều 12"),
    _rating("2025", "rating.version", "2025", "Xếp loại theo Quy định 366-QĐ/TW."),
    _rating(
        "2014",
        "rating.member_grades",
        {
            "excellent": "Đủ tư cách, hoàn thành xuất sắc nhiệm vụ",
            "good": "Đủ tư cách, hoàn thành tốt nhiệm vụ",
            "complete": "Đủ tư cách, hoàn thành nhiệm vụ",
            "failed": "Vi phạm tư cách hoặc không hoàn thành nhiệm vụ",
        },
        "Bốn mức xếp loại đảng viên trước 2018.",
        unconfirmed=True,
    ),
    _rating(
        "2014",
        "rating.organization_grades",
        {
            "excellent": "Trong sạch, vững mạnh",
            "good": "Hoàn thành tốt nhiệm vụ",
            "complete": "Hoàn thành nhiệm vụ",
            "failed": "Yếu kém",
        },
        "Bốn mức xếp loại tổ chức cơ sở đảng trước 2018.",
        unconfirmed=True,
    ),
    *[
        _rating(
            v, f"rating.{who}_grades", CURRENT_GRADES, "Bốn mức xếp loại.", article="Điều 12" if v == "2023" else ""
        )
        for v in ("2018", "2023", "2025")
        for who in ("member", "organization")
    ],
    # The cap on "xuất sắc": a share of those rated "hoàn thành tốt", per deciding body and kind of subject.
    _rating(
        "2014", "rating.excellent_cap", None, "Không áp dụng tỷ lệ trần (chưa đối chiếu văn bản).", unconfirmed=True
    ),
    _rating(
        "2018",
        "rating.excellent_cap",
        (20, 100),
        "Số được xếp loại “hoàn thành xuất sắc nhiệm vụ” không vượt quá 20% số được xếp loại “hoàn thành "
        "tốt nhiệm vụ” (điều khoản chưa đối chiếu).",
        unconfirmed=True,
    ),
    _rating(
        "2023",
        "rating.excellent_cap",
        (20, 100),
        "Tỷ lệ “hoàn thành xuất sắc nhiệm vụ” không vượt quá 20% số được xếp loại “hoàn thành tốt nhiệm vụ” "
        "theo từng nhóm đối tượng (khoản chưa đối chiếu).",
        article="Điều 12",
    ),
    _rating(
        "2025",
        "rating.excellent_cap",
        (20, 100),
        "Tỷ lệ “hoàn thành xuất sắc nhiệm vụ” không vượt quá 20% số được xếp loại “hoàn thành tốt nhiệm vụ” "
        "(điều khoản chưa đối chiếu).",
        unconfirmed=True,
    ),
    # The highest grade a member or an organization disciplined in the year may receive.
    _rating(
        "2014",
        "rating.discipline_max_grade",
        "complete",
        "Đảng viên, tổ chức bị kỷ luật trong năm không xếp loại từ “hoàn thành tốt nhiệm vụ” trở lên.",
        unconfirmed=True,
    ),
    _rating(
        "2018",
        "rating.discipline_max_grade",
        "failed",
        "Bị thi hành kỷ luật trong năm thì xếp loại “không hoàn thành nhiệm vụ” (một vi phạm chỉ xem xét kỷ "
        "luật một lần).",
        unconfirmed=True,
    ),
    _rating(
        "2023",
        "rating.discipline_max_grade",
        "failed",
        "Bị xử lý kỷ luật trong năm thì xếp loại “không hoàn thành nhiệm vụ”, trừ trường hợp tự phát hiện và "
        "khắc phục xong hậu quả.",
        article="Điều 12",
    ),
    _rating(
        "2025",
        "rating.discipline_max_grade",
        "failed",
        "Bị xử lý kỷ luật trong năm thì xếp loại “không hoàn thành nhiệm vụ” (như Quy định 124-QĐ/TW; chưa "
        "đối chiếu điều khoản).",
        unconfirmed=True,
    ),
    *[
        _rating(
            v,
            "rating.discipline_self_remedied_exempt",
            v in ("2023", "2025"),
            "Trường hợp tự phát hiện và khắc phục xong hậu quả thì không bị giới hạn mức xếp loại.",
            unconfirmed=v != "2023",
            article="Điều 12" if v == "2023" else "",
        )
        for v in _RATING
    ],
    # Who is rated: members registered on the cut-off date; exempted members are listed but not graded.
    *[
        _rating(
            v,
            "rating.exempted_graded",
            False,
            "Đảng viên được miễn công tác và sinh hoạt đảng không phải đánh giá, xếp loại.",
            unconfirmed=True,
        )
        for v in _RATING
    ],
    # The individual self-assessment forms (bản kiểm điểm cá nhân).
    _rating("2014", "rating.member_forms", {"02": "Bản kiểm điểm đảng viên"}, "Mẫu bản kiểm điểm.", unconfirmed=True),
    _rating(
        "2018",
        "rating.member_forms",
        {"02": "Mẫu 02-HD KĐ.ĐG: Bản kiểm điểm cá nhân"},
        "Mẫu bản kiểm điểm (Hướng dẫn 21-HD/BTCTW năm 2019).",
    ),
    _rating(
        "2023",
        "rating.member_forms",
        {
            "2A": "Mẫu 02A-HD KĐ.ĐG 2023: cá nhân không giữ chức vụ lãnh đạo, quản lý",
            "2B": "Mẫu 02B-HD KĐ.ĐG 2023: cá nhân giữ chức vụ lãnh đạo, quản lý",
        },
        "Mẫu bản kiểm điểm cá nhân.",
    ),
    _rating(
        "2025",
        "rating.member_forms",
        {
            "2A": "Mẫu 2A-HD KĐ.ĐG 2025: cá nhân không giữ chức vụ lãnh đạo, quản lý",
            "2B": "Mẫu 2B-HD KĐ.ĐG 2025: cá nhân giữ chức vụ lãnh đạo, quản lý",
            "2C": "Mẫu 2C-HD KĐ.ĐG 2025: đảng viên không làm việc trong hệ thống chính trị",
        },
        "Mẫu bản kiểm điểm cá nhân.",
    ),
    # Quy định 366-QĐ/TW scores on 100 points; the bands below are not confirmed against the text.
    _rating(
        "2025",
        "rating.score_bands",
        {"excellent": 90, "good": 70, "complete": 50},
        "Thang điểm 100: từ 90 điểm “xuất sắc”, từ 70 “tốt”, từ 50 “hoàn thành”, dưới 50 “không hoàn "
        "thành” (ngưỡng chưa đối chiếu).",
        unconfirmed=True,
    ),
    *[_rating(v, "rating.score_bands", None, "Không chấm điểm.") for v in ("2014", "2018", "2023")],
]

_overrides: dict[str, Any] = {}


class RuleNotFound(LookupError):
    pass


def rule(key: str, on: date) -> Rule:
    """The rule in force on a date."""
    for item in RULES:
        if item.key == key and item.in_force(on):
            return item
    raise RuleNotFound(f"Không có quy định '{key}' hiệu lực ngày {on:%d/%m/%Y}")


def param(key: str, on: date) -> Any:
    """The value of a rule parameter in force on a date (an override, if configured, wins)."""
    if key in _overrides:
        return _overrides[key]
    return rule(key, on).value


def override(key: str, value: Any | None) -> None:
    """Configure an unconfirmed parameter (None removes the override)."""
    if value is None:
        _overrides.pop(key, None)
    else:
        _overrides[key] = value


# Transfers of Party activity (chuyển sinh hoạt đảng) and the Party card: `dangvu.transfers` reads these.
TRANSFER_PERIODS = [
    ("Quy định 45-QĐ/TW ngày 01/11/2011 (và các hướng dẫn nghiệp vụ trước đó)", FAR_PAST, date(2016, 7, 25)),
    (
        "Quy định 29-QĐ/TW ngày 25/07/2016, điểm 8; Hướng dẫn 09-HD/BTCTW ngày 05/06/2017",
        date(2016, 7, 25),
        date(2021, 7, 30),
    ),
    (
        "Quy định 24-QĐ/TW ngày 30/07/2021, điểm 8; Hướng dẫn 12-HD/BTCTW ngày 18/01/2022",
        date(2021, 7, 30),
        date(2025, 7, 1),
    ),
    (
        "Quy định 294-QĐ/TW ngày 26/05/2025; Hướng dẫn 06-HD/TW ngày 09/06/2025; thủ tục trực tuyến theo "
        "Quyết định 4192-QĐ/BTCTW ngày 12/12/2025",
        date(2025, 7, 1),
        None,
    ),
]
RULES += [
    # Before 2016 and after 2025 the figures could not be read in the text itself: kept, flagged unconfirmed.
    *[
        Rule(
            "transfer.request_working_days",
            60,
            reg,
            start,
            end,
            "Trong 60 ngày làm việc kể từ ngày có quyết định chuyển công tác, nghỉ hưu, thôi việc hoặc thay đổi "
            "nơi cư trú, đảng viên phải làm thủ tục chuyển sinh hoạt đảng.",
            unconfirmed=start < date(2016, 7, 25) or end is None,
        )
        for reg, start, end in TRANSFER_PERIODS
    ],
    *[
        Rule(
            "transfer.present_working_days",
            30,
            reg,
            start,
            end,
            "Trong 30 ngày làm việc kể từ ngày cấp ủy giới thiệu đi, đảng viên phải xuất trình giấy giới thiệu "
            "sinh hoạt đảng với cấp ủy nơi chuyển đến; quá hạn, giấy không còn giá trị và phải báo cáo lý do.",
            unconfirmed=start < date(2016, 7, 25) or end is None,
        )
        for reg, start, end in TRANSFER_PERIODS
    ],
    *[
        Rule(
            "transfer.letter_mistake_new_letter",
            True,
            reg,
            start,
            end,
            "Giấy giới thiệu sinh hoạt đảng viết sai (ô số 1) phải thay giấy khác: giấy sai bị hủy, cấp giấy mới "
            "với số mới trong sổ giới thiệu.",
            unconfirmed=end is None,
        )
        for reg, start, end in TRANSFER_PERIODS[1:]
    ],
    *[
        Rule(
            "transfer.temporary_max_months",
            12,
            reg,
            start,
            end,
            "Sinh hoạt tạm thời ghi rõ thời hạn trên giấy giới thiệu; hệ thống nhắc khi quá 12 tháng.",
            unconfirmed=True,
        )
        for reg, start, end in TRANSFER_PERIODS
    ],
    Rule(
        "card.official_only",
        True,
        "Điều lệ Đảng (2011), Điều 6; Chỉ thị 29-CT/TW ngày 17/10/2003",
        FAR_PAST,
        date(2025, 8, 8),
        "Thẻ đảng viên chỉ phát cho đảng viên chính thức.",
    ),
    Rule(
        "card.official_only",
        True,
        "Chỉ thị 51-CT/TW ngày 08/08/2025 (thẻ gắn chip trên nền tảng Cơ sở dữ liệu quốc gia về dân cư)",
        date(2025, 8, 8),
        description="Thẻ đảng viên chỉ đổi, phát cho đảng viên chính thức; thẻ gắn với số định danh cá nhân "
        "(CCCD). Mẫu báo mất, hỏng thẻ theo hướng dẫn của Ban Tổ chức Trung ương.",
        unconfirmed=True,
    ),
]

# The kinds of Party organization by date (`dangvu.organizations.rules`): on 01/07/2025 the district level ended
# and the commune level began; before then a commune's or ward's organization was a grassroots committee.
LOCAL_LEVELS_2025 = "Nghị quyết 60-NQ/TW ngày 12/04/2025 (tổ chức chính quyền địa phương hai cấp từ 01/07/2025)"
RULES += [
    Rule(
        "organization.kinds",
        ("province", "district", "grassroots_committee", "grassroots_cell", "sub_committee", "cell"),
        LOCAL_LEVELS_2025,
        FAR_PAST,
        date(2025, 7, 1),
        description="Trước 01/07/2025 có cấp huyện; đảng bộ xã, phường, thị trấn là đảng bộ cơ sở (lĩnh vực "
        "xã, phường, thị trấn).",
    ),
    Rule(
        "organization.kinds",
        ("province", "commune", "grassroots_committee", "grassroots_cell", "sub_committee", "cell"),
        LOCAL_LEVELS_2025,
        date(2025, 7, 1),
        description="Từ 01/07/2025 không còn cấp huyện; đảng bộ xã, phường trực thuộc tỉnh ủy.",
    ),
]

# Party dues (đảng phí). Quyết định 342-QĐ/TW ngày 28/12/2010 of the Politburo issued the Quy định về chế độ
# đảng phí, applied from 01/04/2011 (replacing 09-QĐ/TW of 24/09/2001). Quy định 01-QĐ/TW ngày 03/02/2026 of the
# Politburo replaced it; one published notice gives its effect from 01/02/2026 and the press describes it as the
# rule "from February 2026", so its first month here is 02/2026 (January 2026 is still under 342): unconfirmed,
# and an installation may move it with the setting DANGVU_DUES_NEW_RULE_FROM ("2026-01-01", say).
DUES_342 = "Quy định kèm theo Quyết định 342-QĐ/TW ngày 28/12/2010 của Bộ Chính trị (áp dụng từ 01/04/2011)"
DUES_01 = "Quy định 01-QĐ/TW ngày 03/02/2026 của Bộ Chính trị về chế độ đảng phí"


def _dues_new_rule_from() -> date:
    from django.conf import settings

    value = getattr(settings, "DANGVU_DUES_NEW_RULE_FROM", None)
    return date.fromisoformat(value) if isinstance(value, str) else (value or date(2026, 2, 1))


DUES_CHANGE = _dues_new_rule_from()
DUES_PERIODS = [(DUES_342, date(2011, 4, 1), DUES_CHANGE), (DUES_01, DUES_CHANGE, None)]


def _dues(
    key: str,
    old: Any,
    new: Any,
    description: str,
    old_where: str,
    new_where: str,
    old_unconfirmed: bool = False,
    new_unconfirmed: bool = False,
) -> list[Rule]:
    """A dues parameter under 342-QĐ/TW and under 01-QĐ/TW, each with the part of the text that sets it."""
    return [
        Rule(key, old, f"{DUES_342}, {old_where}", date(2011, 4, 1), DUES_CHANGE, description, old_unconfirmed),
        Rule(key, new, f"{DUES_01}, {new_where}", DUES_CHANGE, None, description, new_unconfirmed),
    ]


RULES += [
    Rule("dues.regulation", "342", DUES_342, date(2011, 4, 1), DUES_CHANGE, "Quy định về chế độ đảng phí."),
    Rule(
        "dues.regulation",
        "01",
        DUES_01,
        DUES_CHANGE,
        None,
        "Quy định về chế độ đảng phí; ngày bắt đầu áp dụng (tháng 02/2026) chưa được xác nhận từ văn bản gốc.",
        unconfirmed=True,
    ),
    # Rates as fractions of the basis (Decimal strings keep the money arithmetic exact).
    *_dues(
        "dues.rate.insured_salary",
        "0.01",
        "0.01",
        "Đảng viên hưởng lương: 1% tiền lương (theo 342: tiền lương, các khoản phụ cấp, tiền công; theo 01: "
        "tiền lương làm căn cứ đóng BHXH bắt buộc của tháng trước liền kề).",
        "mục B-I điểm 1",
        "Điều 3 (mức đóng)",
        new_unconfirmed=True,
    ),
    *_dues(
        "dues.rate.allowance",
        "0.005",
        "0.01",
        "Đảng viên nghỉ ốm đau, thai sản hưởng trợ cấp do cơ quan BHXH chi trả (theo 342: nhóm hưởng trợ "
        "cấp BHXH 0,5%; theo 01: 1% mức trợ cấp).",
        "mục B-I điểm 2",
        "Điều 3 (mức đóng)",
        old_unconfirmed=True,
        new_unconfirmed=True,
    ),
    *_dues(
        "dues.rate.pension",
        "0.005",
        "0.005",
        "Đảng viên hưởng lương hưu: 0,5% mức lương hưu.",
        "mục B-I điểm 2",
        "Điều 3 (mức đóng)",
        new_unconfirmed=True,
    ),
    # Fixed monthly amounts in đồng.
    *_dues(
        "dues.amount.student",
        3000,
        5000,
        "Đảng viên là học sinh, sinh viên (theo 342 thuộc nhóm đảng viên khác, chi bộ định mức trong khung).",
        "mục B-I điểm 4 (đảng viên khác)",
        "Điều 3 (mức đóng)",
        old_unconfirmed=True,
    ),
    *_dues(
        "dues.amount.other_range",
        (2000, 30000),
        (2000, None),
        "Đảng viên khác (không hưởng lương, lương hưu): số tiền cố định do chi bộ xác định, trong khung "
        "(tối thiểu, tối đa) đồng/tháng.",
        "mục B-I điểm 4",
        "Điều 3 (chưa xác nhận khung)",
        new_unconfirmed=True,
    ),
    # Exemptions and reductions.
    *_dues(
        "dues.exempt_party_years",
        None,
        50,
        "Miễn đóng đảng phí khi đủ số năm tuổi đảng (tính cả tháng đủ tuổi đảng); 342 không có mức miễn tự "
        "động theo tuổi đảng.",
        "mục B-I (không quy định)",
        "Điều 4 (miễn đóng đảng phí)",
        old_unconfirmed=True,
        new_unconfirmed=True,
    ),
    *_dues(
        "dues.exempt_social_pension",
        False,
        True,
        "Đảng viên hưởng trợ cấp hưu trí xã hội được miễn đóng đảng phí.",
        "mục B-I (không quy định)",
        "Điều 4 (miễn đóng đảng phí)",
        old_unconfirmed=True,
    ),
    *_dues(
        "dues.reduction_percents",
        (30, 50, 70),
        (30, 50, 70),
        "Mức giảm đảng phí theo quyết định (phần trăm).",
        "mục B-I (miễn, giảm: chi bộ đề nghị)",
        "Điều 4 (giảm 30%, 50%, 70%)",
        old_unconfirmed=True,
    ),
    *_dues(
        "dues.decision_max_months",
        12,
        12,
        "Mỗi lần xét miễn, giảm đảng phí có thời hạn tối đa (tháng).",
        "mục B-I",
        "Điều 4",
        old_unconfirmed=True,
    ),
    Rule(
        "dues.unpaid_months_strike_off",
        3,
        "Điều lệ Đảng (2011), Điều 8 khoản 2",
        FAR_PAST,
        DUES_CHANGE,
        "Đảng viên không đóng đảng phí ba tháng trong năm mà không có lý do chính đáng: chi bộ xem xét, "
        "đề nghị xóa tên.",
    ),
    Rule(
        "dues.unpaid_months_strike_off",
        3,
        f"Điều lệ Đảng (2011), Điều 8 khoản 2; {DUES_01}, Điều 2 khoản 1",
        DUES_CHANGE,
        description="Đảng viên không đóng đảng phí ba tháng trong năm mà không có lý do chính "
        "đáng: chi bộ xem xét, đề nghị cấp ủy có thẩm quyền xóa tên.",
    ),
    # The share of what it receives that each level keeps (the rest goes to the level above), by kind of
    # organization. From the distribution part of 342 as commonly quoted; the new rule's shares were not found:
    # an installation records its own in the table `dues.KeptShare` (with its source), which wins.
    *_dues(
        "dues.kept_share",
        {
            "cell": "0.30",
            "grassroots_cell": "0.70",
            "grassroots_committee": "0.70",
            "sub_committee": "0.30",
            "commune": "0.70",
            "district": "0.50",
            "province": "1",
        },
        {
            "cell": "0.30",
            "grassroots_cell": "0.70",
            "grassroots_committee": "0.70",
            "sub_committee": "0.30",
            "commune": "0.70",
            "district": "0.50",
            "province": "1",
        },
        "Tỷ lệ đảng phí được trích giữ lại ở mỗi cấp (phần còn lại nộp lên cấp trên trực tiếp).",
        "mục B-III (phân phối đảng phí)",
        "Điều 6 (chưa xác nhận: giữ tỷ lệ của 342)",
        old_unconfirmed=True,
        new_unconfirmed=True,
    ),
]
