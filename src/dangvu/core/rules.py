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
CHARTER_2021 = "Quy định 24-QĐ/TW ngày 30/07/2021, Hướng dẫn 02-HD/TW năm 2021"
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
    return [
        Rule(key, value, reg, start, end, description, unconfirmed) for reg, start, end in CHARTER_PERIODS
    ]


RULES: list[Rule] = [
    Rule("admission.min_age_years", 18, "Điều lệ Đảng (2011), Điều 1", FAR_PAST,
         description="Tuổi tối thiểu khi chi bộ xét kết nạp, tính đủ theo tháng."),
    *_charter_rules("admission.max_age_years", 60,
                    "Trên 60 tuổi chỉ kết nạp khi có ý kiến chấp thuận của cấp có thẩm quyền."),
    *_charter_rules("admission.min_introducers", 2, "Hai đảng viên chính thức giới thiệu (hoặc Đoàn + 1)."),
    *_charter_rules("admission.introducer_shared_months", 12,
                    "Người giới thiệu cùng công tác, sinh sống với người vào Đảng ít nhất 12 tháng."),
    Rule("admission.youth_union_max_age", 30, "Điều lệ Đảng (2011), Điều 4; Điều lệ Đoàn TNCS Hồ Chí Minh",
         FAR_PAST, description="Người vào Đảng trong độ tuổi thanh niên (đến đủ 30 tuổi) được Ban Chấp hành "
         "Đoàn cơ sở và một đảng viên chính thức giới thiệu."),
    *_charter_rules("admission.cell_approval_fraction", (2, 3),
                    "Nghị quyết chi bộ được ít nhất hai phần ba đảng viên chính thức tán thành."),
    *_charter_rules("admission.ceremony_working_days", 30,
                    "Lễ kết nạp trong 30 ngày làm việc kể từ ngày có quyết định."),
    Rule("probation.months", 12, "Điều lệ Đảng (2011), Điều 5", FAR_PAST,
         description="Thời gian dự bị 12 tháng, tính từ ngày chi bộ tổ chức lễ kết nạp."),
    *_charter_rules("probation.recognition_working_days", 30,
                    "Xét công nhận chính thức trong 30 ngày làm việc sau khi hết 12 tháng dự bị."),
    *_charter_rules("badge.years", (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90),
                    "Các mốc tuổi đảng được xét tặng Huy hiệu Đảng."),
    *_charter_rules("badge.award_days", ((2, 3), (5, 19), (9, 2), (11, 7)),
                    "Ngày trao Huy hiệu Đảng: 3/2, 19/5, 2/9, 7/11 (tháng, ngày)."),
    *_charter_rules("badge.early_months_illness", {30: 12, 70: 24},
                    "Tặng sớm khi ốm nặng: tối đa 12 tháng (30–65 năm), 24 tháng (70–90 năm).",
                    unconfirmed=True),
    *_charter_rules("readmission.min_months", 36, "Kết nạp lại sau ít nhất 36 tháng kể từ khi ra khỏi Đảng."),
    *_charter_rules("transfer.official_working_days", 60,
                    "Chuyển sinh hoạt chính thức hoàn thành trong 60 ngày làm việc."),
    *_charter_rules("cell.min_official_members", 3, "Chi bộ có ít nhất 3 đảng viên chính thức."),
    *_charter_rules("cell.committee_threshold", 9, "Chi bộ từ 9 đảng viên chính thức trở lên bầu chi ủy."),
    *_charter_rules("grassroots.committee_threshold", 30,
                    "Tổ chức cơ sở đảng từ 30 đảng viên trở lên thường lập đảng bộ cơ sở."),
    Rule("document.format", "36-HD/VPTW", "Quy định 66-QĐ/TW (2017), Hướng dẫn 36-HD/VPTW (2018)",
         date(2018, 4, 3), date(2026, 1, 9), "Thể thức văn bản của Đảng."),
    Rule("document.format", "399-QĐ/TW", "Quy định 399-QĐ/TW ngày 09/01/2026", date(2026, 1, 9),
         description="Thể thức văn bản của Đảng; hướng dẫn thay 36-HD/VPTW chưa được xác nhận.",
         unconfirmed=True),
]

# Inspection, supervision and discipline work (công tác kiểm tra, giám sát và thi hành kỷ luật đảng).
INSPECTION_PERIODS = [
    ("Quyết định 46-QĐ/TW ngày 01/11/2011 (thi hành Chương VII, VIII Điều lệ Đảng)", FAR_PAST,
     date(2016, 7, 26)),
    ("Quy định 30-QĐ/TW ngày 26/07/2016", date(2016, 7, 26), date(2021, 7, 28)),
    ("Quy định 22-QĐ/TW ngày 28/07/2021", date(2021, 7, 28), date(2025, 5, 30)),
    ("Quy định 296-QĐ/TW ngày 30/05/2025", date(2025, 5, 30), None),
]
DISCIPLINE_PERIODS = [
    ("Điều lệ Đảng (2011), Điều 35; Quy định 181-QĐ/TW ngày 30/03/2013", FAR_PAST, date(2017, 11, 15)),
    ("Điều lệ Đảng (2011), Điều 35; Quy định 102-QĐ/TW ngày 15/11/2017", date(2017, 11, 15),
     date(2022, 7, 6)),
    ("Điều lệ Đảng (2011), Điều 35; Quy định 69-QĐ/TW ngày 06/07/2022", date(2022, 7, 6),
     date(2025, 2, 14)),
    ("Điều lệ Đảng (2011), Điều 35; Quy định 69-QĐ/TW ngày 06/07/2022, sửa đổi bởi Quy định 264-QĐ/TW "
     "ngày 14/02/2025", date(2025, 2, 14), None),
]


def _period_rules(periods, key: str, value: Any, description: str, unconfirmed: bool = False) -> list[Rule]:
    return [Rule(key, value, reg, start, end, description, unconfirmed) for reg, start, end in periods]


RULES += [
    *_period_rules(INSPECTION_PERIODS, "oversight.kinds", {
        "inspection": ("regular", "signs_of_violation", "lower_inspection_work", "party_finance"),
        "supervision": ("regular", "thematic"),
    }, "Loại kiểm tra: theo chương trình, khi có dấu hiệu vi phạm, việc thực hiện nhiệm vụ kiểm tra, "
       "giám sát của cấp dưới, tài chính đảng; loại giám sát: thường xuyên, chuyên đề."),
    *_period_rules(INSPECTION_PERIODS, "oversight.inspection_committee_kinds",
                   ("province", "district", "commune", "grassroots_committee"),
                   "Ủy ban Kiểm tra được lập từ đảng ủy cơ sở trở lên; chi bộ không có Ủy ban Kiểm tra."),
    *_period_rules(DISCIPLINE_PERIODS, "discipline.forms.organization",
                   ("reprimand", "warning", "dissolution"),
                   "Tổ chức đảng: khiển trách, cảnh cáo, giải tán."),
    *_period_rules(DISCIPLINE_PERIODS, "discipline.forms.official",
                   ("reprimand", "warning", "dismissal", "expulsion"),
                   "Đảng viên chính thức: khiển trách, cảnh cáo, cách chức (khi giữ chức vụ), khai trừ."),
    *_period_rules(DISCIPLINE_PERIODS, "discipline.forms.probationary", ("reprimand", "warning"),
                   "Đảng viên dự bị: khiển trách, cảnh cáo."),
]

# Cell meetings (sinh hoạt chi bộ): `dangvu.meetings` checks a subtree's cells against these.
RULES += [
    Rule("cell.monthly_meetings", 1, "Điều lệ Đảng (2011): chi bộ họp thường lệ mỗi tháng một lần", FAR_PAST,
         description="Số buổi sinh hoạt định kỳ mỗi tháng của chi bộ."),
    Rule("cell.thematic_meetings_per_quarter", 1,
         "Hướng dẫn 12-HD/BTCTW ngày 18/01/2018 về nâng cao chất lượng sinh hoạt chi bộ", date(2018, 1, 18),
         description="Chi bộ sinh hoạt chuyên đề ít nhất mỗi quý một lần.", unconfirmed=True),
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
    ("Quy định 29-QĐ/TW ngày 25/07/2016, điểm 8; Hướng dẫn 09-HD/BTCTW ngày 05/06/2017",
     date(2016, 7, 25), date(2021, 7, 30)),
    ("Quy định 24-QĐ/TW ngày 30/07/2021, điểm 8; Hướng dẫn 12-HD/BTCTW ngày 18/01/2022",
     date(2021, 7, 30), date(2025, 7, 1)),
    ("Quy định 294-QĐ/TW ngày 26/05/2025; Hướng dẫn 06-HD/TW ngày 09/06/2025; thủ tục trực tuyến theo "
     "Quyết định 4192-QĐ/BTCTW ngày 12/12/2025", date(2025, 7, 1), None),
]
RULES += [
    # Before 2016 and after 2025 the figures could not be read in the text itself: kept, flagged unconfirmed.
    *[Rule("transfer.request_working_days", 60, reg, start, end,
           "Trong 60 ngày làm việc kể từ ngày có quyết định chuyển công tác, nghỉ hưu, thôi việc hoặc thay đổi "
           "nơi cư trú, đảng viên phải làm thủ tục chuyển sinh hoạt đảng.",
           unconfirmed=start < date(2016, 7, 25) or end is None) for reg, start, end in TRANSFER_PERIODS],
    *[Rule("transfer.present_working_days", 30, reg, start, end,
           "Trong 30 ngày làm việc kể từ ngày cấp ủy giới thiệu đi, đảng viên phải xuất trình giấy giới thiệu "
           "sinh hoạt đảng với cấp ủy nơi chuyển đến; quá hạn, giấy không còn giá trị và phải báo cáo lý do.",
           unconfirmed=start < date(2016, 7, 25) or end is None) for reg, start, end in TRANSFER_PERIODS],
    *[Rule("transfer.letter_mistake_new_letter", True, reg, start, end,
           "Giấy giới thiệu sinh hoạt đảng viết sai (ô số 1) phải thay giấy khác: giấy sai bị hủy, cấp giấy mới "
           "với số mới trong sổ giới thiệu.", unconfirmed=end is None)
      for reg, start, end in TRANSFER_PERIODS[1:]],
    *[Rule("transfer.temporary_max_months", 12, reg, start, end,
           "Sinh hoạt tạm thời ghi rõ thời hạn trên giấy giới thiệu; hệ thống nhắc khi quá 12 tháng.",
           unconfirmed=True) for reg, start, end in TRANSFER_PERIODS],
    Rule("card.official_only", True, "Điều lệ Đảng (2011), Điều 6; Chỉ thị 29-CT/TW ngày 17/10/2003",
         FAR_PAST, date(2025, 8, 8), "Thẻ đảng viên chỉ phát cho đảng viên chính thức."),
    Rule("card.official_only", True, "Chỉ thị 51-CT/TW ngày 08/08/2025 (thẻ gắn chip trên nền tảng Cơ sở dữ liệu "
         "quốc gia về dân cư)", date(2025, 8, 8),
         description="Thẻ đảng viên chỉ đổi, phát cho đảng viên chính thức; thẻ gắn với số định danh cá nhân "
         "(CCCD). Mẫu báo mất, hỏng thẻ theo hướng dẫn của Ban Tổ chức Trung ương.", unconfirmed=True),
]
