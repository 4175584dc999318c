"""Forms of the dues pages. Months are typed as "mm/yyyy" (or picked in a month field)."""

from datetime import date

from django import forms

from dangvu.core.web import DateField, UploadField

from . import rules
from .models import BasisKind, DecisionKind, DecisionReason, Method


class MonthField(forms.CharField):
    widget = forms.TextInput(attrs={"placeholder": "tháng/năm", "inputmode": "numeric", "size": 8})

    def clean(self, value) -> date | None:
        value = super().clean(value)
        if not value:
            return None
        month = rules.parse_month(value)
        if month is None:
            raise forms.ValidationError(f"Tháng '{value}' không đúng dạng tháng/năm (ví dụ 03/2026; từ 04/2011).")
        return month


class AmountField(forms.IntegerField):
    """Đồng, typed with or without thousands separators ("5.200.000")."""

    def to_python(self, value) -> date | None:
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
    amount = AmountField(
        label="Số tiền (đồng)",
        required=False,
        help_text="Tiền lương làm căn cứ đóng BHXH, trợ cấp, lương hưu; hoặc số tiền cố định",
    )
    first_month = MonthField(label="Áp dụng từ tháng")
    note = forms.CharField(label="Ghi chú", max_length=200, required=False)

    def clean_amount(self) -> int:
        return self.cleaned_data.get("amount") or 0


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label="Loại", choices=DecisionKind.choices)
    percent = forms.TypedChoiceField(
        label="Mức giảm",
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", "—"), (30, "30%"), (50, "50%"), (70, "70%")],
    )
    number = forms.CharField(label="Số quyết định", max_length=60, required=False)
    decided_on = DateField(label="Ngày quyết định", required=False)
    reason = forms.ChoiceField(label="Lý do", choices=[("", "—"), *DecisionReason.choices], required=False)
    first_month = MonthField(label="Từ tháng", required=False)
    last_month = MonthField(label="Đến hết tháng", required=False)
    detail = forms.CharField(label="Ghi chú", max_length=200, required=False)


class ProposalDecisionForm(forms.Form):
    on = DateField(label="Ngày quyết định xóa tên")
    decision_number = forms.CharField(label="Số quyết định", max_length=60)


class WithdrawForm(forms.Form):
    note = forms.CharField(label="Lý do rút đề nghị", max_length=300)


class RemittanceForm(forms.Form):
    period_months = forms.TypedChoiceField(label="Kỳ", coerce=int, choices=[(1, "Tháng"), (3, "Quý")])
    period_start = MonthField(label="Tháng (hoặc tháng đầu quý)")
    amount = AmountField(label="Số tiền nộp (đồng)")
    sent_on = DateField(label="Ngày nộp")


class ReceiptForm(forms.Form):
    received_on = DateField(label="Ngày nhận")
    receipt_number = forms.CharField(label="Số biên nhận", max_length=60)


METHOD_CHOICES = Method.choices


def _sheet(label: str) -> UploadField:
    return UploadField(label=label, max_mb=20, types=(".xlsx", ".csv"), kinds="tệp Excel .xlsx hoặc .csv")


class BasesImportForm(forms.Form):
    file = _sheet("Tệp Excel (.xlsx) hoặc CSV")


class PortalImportForm(forms.Form):
    """The portal's file and, for each field, the header texts to look for (separated by ";")."""

    file = _sheet("Tệp thanh toán tải từ Cổng Dịch vụ công (.xlsx hoặc .csv)")
    apply = forms.BooleanField(label="Ghi các dòng khớp và lệch số tiền vào sổ thu (đã đọc báo cáo)", required=False)

    def __init__(self, *args, columns: dict[str, list[str]], labels: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for name, headers in columns.items():
            self.fields[f"col_{name}"] = forms.CharField(
                label=f"Cột “{labels.get(name, name)}”",
                required=False,
                initial="; ".join(headers),
                max_length=300,
                help_text="Tên cột trong tệp của Cổng, cách nhau bởi dấu chấm phẩy",
            )

    def columns(self) -> dict[str, list[str]]:
        out = {}
        for name, value in self.cleaned_data.items():
            if name.startswith("col_"):
                headers = [h.strip() for h in (value or "").split(";") if h.strip()]
                if headers:
                    out[name[4:]] = headers
        return out
