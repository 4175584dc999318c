"""Forms of the dues pages. Months are typed as "mm/yyyy" (or picked in a month field)."""

from django import forms

from dangvu.core.web import DateInput

from . import rules
from .models import BasisKind, DecisionKind, DecisionReason, Method


class MonthField(forms.CharField):
    widget = forms.TextInput(attrs={"placeholder": "mm/yyyy", "inputmode": "numeric", "size": 8})

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        month = rules.parse_month(value)
        if month is None:
            raise forms.ValidationError(f"Tháng '{value}' không đúng dạng mm/yyyy (từ 04/2011).")
        return month


class AmountField(forms.IntegerField):
    """Đồng, typed with or without thousands separators ("5.200.000")."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(".", "").replace(",", "").replace(" ", "").replace("đ", "")
        return super().to_python(value)

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 10**12)
        kwargs.setdefault("error_messages", {"invalid": "Số tiền phải là số đồng, ví dụ 5.200.000."})
        super().__init__(**kwargs)
        self.widget = forms.TextInput(attrs={"inputmode": "numeric"})


class BasisForm(forms.Form):
    kind = forms.ChoiceField(label="Đối tượng", choices=BasisKind.choices)
    amount = AmountField(label="Số tiền (đồng)", required=False,
                         help_text="Tiền lương làm căn cứ đóng BHXH, trợ cấp, lương hưu; hoặc số tiền cố định")
    first_month = MonthField(label="Áp dụng từ tháng")
    note = forms.CharField(label="Ghi chú", max_length=200, required=False)

    def clean_amount(self):
        return self.cleaned_data.get("amount") or 0


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label="Loại", choices=DecisionKind.choices)
    percent = forms.TypedChoiceField(label="Mức giảm", coerce=int, required=False, empty_value=None,
                                     choices=[("", "—"), (30, "30%"), (50, "50%"), (70, "70%")])
    number = forms.CharField(label="Số quyết định", max_length=60, required=False)
    decided_on = forms.DateField(label="Ngày quyết định", required=False, widget=DateInput())
    reason = forms.ChoiceField(label="Lý do", choices=[("", "—"), *DecisionReason.choices], required=False)
    first_month = MonthField(label="Từ tháng", required=False)
    last_month = MonthField(label="Đến hết tháng", required=False)
    detail = forms.CharField(label="Ghi chú", max_length=200, required=False)


class ProposalDecisionForm(forms.Form):
    on = forms.DateField(label="Ngày quyết định xóa tên", widget=DateInput())
    decision_number = forms.CharField(label="Số quyết định", max_length=60)


class WithdrawForm(forms.Form):
    note = forms.CharField(label="Lý do rút đề nghị", max_length=300)


class RemittanceForm(forms.Form):
    period_months = forms.TypedChoiceField(label="Kỳ", coerce=int, choices=[(1, "Tháng"), (3, "Quý")])
    period_start = MonthField(label="Tháng (hoặc tháng đầu quý)")
    amount = AmountField(label="Số tiền nộp (đồng)")
    sent_on = forms.DateField(label="Ngày nộp", widget=DateInput())


class ReceiptForm(forms.Form):
    received_on = forms.DateField(label="Ngày nhận", widget=DateInput())
    receipt_number = forms.CharField(label="Số biên nhận", max_length=60)


METHOD_CHOICES = Method.choices
