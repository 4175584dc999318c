"""Forms of the rating pages. Field names match the keys of the actions' rule violations ("on", "grade",
"number", "present", "votes_for" …), so a rule's message lands under the field it concerns."""

from django import forms

from dangvu.core.pickers import ScopedPickerForm
from dangvu.core.web import DateField
from dangvu.organizations.models import Kind
from dangvu.organizations.pickers import organization_field

ROUND_KINDS = tuple(k for k in Kind.values if k != Kind.CELL)  # a round is opened above the cells
WHOLE_NUMBER = {"invalid": "Nhập một số nguyên (ví dụ 5).", "min_value": "Số không được âm."}


def _on(label: str, required: bool = True) -> DateField:
    return DateField(label=label, required=required, error_messages={"invalid": "Ngày không đúng dạng ngày/tháng/năm."})


def _text(label: str) -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 3}))


def _count(label: str) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, required=False, error_messages=WHOLE_NUMBER)


class RoundForm(ScopedPickerForm):
    """Opening a round: the đảng bộ above the cells, picked by name among those the user may write in and that
    still work (as `queries.writable_roots` lists them)."""

    organization = organization_field("Đảng bộ", capability="write", kinds=ROUND_KINDS, active_only=True)
    year = forms.IntegerField(
        label="Năm đánh giá",
        min_value=1990,
        max_value=2100,
        error_messages={
            "invalid": "Nhập năm (ví dụ 2020).",
            "min_value": "Năm không hợp lệ.",
            "max_value": "Năm không hợp lệ.",
        },
    )
    cutoff_on = _on("Ngày chốt danh sách (để trống: 01/12 của năm)", required=False)
    self_due = _on("Hạn tự kiểm điểm", required=False)
    cell_due = _on("Hạn chi bộ họp đánh giá", required=False)
    decision_due = _on("Hạn quyết định xếp loại", required=False)


class GradeField(forms.ChoiceField):
    def __init__(self, label: str, choices, required: bool = True):
        super().__init__(
            label=label,
            choices=[("", "—"), *choices],
            required=required,
            error_messages={"required": "Cần chọn mức xếp loại.", "invalid_choice": "Mức xếp loại không hợp lệ."},
        )


class SelfAssessmentForm(forms.Form):
    on = _on("Ngày tự kiểm điểm")
    form = forms.ChoiceField(label="Mẫu bản kiểm điểm")
    strengths = _text("Ưu điểm, kết quả thực hiện nhiệm vụ")
    weaknesses = _text("Hạn chế, khuyết điểm và nguyên nhân")
    remedies = _text("Kết quả khắc phục hạn chế, khuyết điểm đã được chỉ ra")
    plan = _text("Phương hướng, biện pháp khắc phục")
    grade = forms.ChoiceField(label="Tự xếp loại")
    score = forms.IntegerField(
        label="Điểm tự chấm (thang 100, nếu quy định có chấm điểm)",
        min_value=0,
        required=False,
        error_messages=WHOLE_NUMBER,
    )

    def __init__(self, *args, year_rules=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].choices = list(year_rules.forms.items())
        self.fields["grade"] = GradeField("Tự xếp loại", year_rules.grade_choices())


class ProposalForm(forms.Form):
    meeting_on = _on("Ngày chi bộ họp đánh giá")
    comment = _text("Nhận xét của chi bộ")
    grade = forms.ChoiceField(label="Chi bộ đề xuất xếp loại")
    present = _count("Số đảng viên dự họp")
    votes_for = _count("Số tán thành mức đề xuất")
    self_remedied = forms.BooleanField(
        label="Vi phạm (nếu có) do tự phát hiện và đã khắc phục xong hậu quả", required=False
    )

    def __init__(self, *args, year_rules=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"] = GradeField("Chi bộ đề xuất xếp loại", year_rules.grade_choices())


class OrganizationSelfForm(forms.Form):
    on = _on("Ngày kiểm điểm")
    results = _text("Kết quả thực hiện nhiệm vụ")
    weaknesses = _text("Hạn chế, khuyết điểm và nguyên nhân")
    plan = _text("Phương hướng, biện pháp khắc phục")
    grade = forms.ChoiceField(label="Tự xếp loại")
    self_remedied = forms.BooleanField(
        label="Vi phạm (nếu có) do tự phát hiện và đã khắc phục xong hậu quả", required=False
    )

    def __init__(self, *args, year_rules=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"] = GradeField("Tự xếp loại", year_rules.grade_choices(organization=True))


class DecisionForm(forms.Form):
    """The decision's number, date and body, and one grade field per rating (`r<id>`), the proposal first."""

    number = forms.CharField(label="Số quyết định (thông báo)", max_length=60)
    on = _on("Ngày quyết định")
    body = forms.CharField(label="Cơ quan quyết định", max_length=120, required=False)

    def __init__(self, *args, ratings=(), choices=(), initial_grades=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rating_fields = []
        for rating, label in ratings:
            name = f"r{rating.pk}"
            self.fields[name] = GradeField(label, choices, required=False)
            self.fields[name].initial = (initial_grades or {}).get(rating.pk, "")
            self.rating_fields.append(name)

    def grades(self) -> dict[int, str]:
        return {int(name[1:]): self.cleaned_data[name] for name in self.rating_fields if self.cleaned_data.get(name)}
