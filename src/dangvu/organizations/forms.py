"""Forms for changing the tree (establish, rename, move, dissolve) and for assigning positions."""

from typing import cast

from django import forms

from dangvu.core.pickers import PickerField, ScopedPickerForm, bind_scope
from dangvu.core.web import DateField

from .models import Body, Kind, Post, Sector
from .pickers import organization_field
from .rules import CHILD_KINDS, KIND_HELP, kind_errors


class DecisionForm(ScopedPickerForm):
    date = DateField(label="Ngày hiệu lực")
    decision_number = forms.CharField(label="Số quyết định", max_length=60)


class NamesForm(DecisionForm):
    name = forms.CharField(label="Tên tổ chức", max_length=200)
    committee_name = forms.CharField(
        label="Tên cấp ủy, như ghi trên văn bản",
        max_length=200,
        required=False,
        help_text="Để trống thì lấy tên tổ chức.",
    )
    committee_short = forms.CharField(
        label="Tên gọi tắt của cấp ủy",
        max_length=60,
        required=False,
        help_text="Phần chỉ loại cấp ủy, không kèm địa danh.",
    )
    locality = forms.CharField(
        label="Cấp hành chính", max_length=60, required=False, help_text="Tỉnh, xã, phường …, như gọi trên văn bản."
    )
    place = forms.CharField(label="Địa danh ghi trên văn bản", max_length=100, required=False)


class EstablishForm(NamesForm):
    code = forms.SlugField(label="Mã tổ chức", max_length=64)
    kind = forms.ChoiceField(label="Loại tổ chức", choices=Kind.choices, help_text=KIND_HELP)
    sector = forms.ChoiceField(label="Lĩnh vực", choices=Sector.choices)
    committee_code = forms.CharField(
        label="Ký hiệu cấp ủy trên số văn bản (TU, ĐU, CB …)", max_length=16, required=False
    )
    existing = forms.BooleanField(
        label="Tổ chức đã có từ trước khi dùng hệ thống",
        required=False,
        help_text="Ghi ngày thành lập nếu biết; không bắt buộc số quyết định.",
    )

    def __init__(self, *args, parent_kind: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.parent_kind = parent_kind
        self.fields["date"].label = "Ngày thành lập"
        self.fields["decision_number"].required = False
        self.fields["decision_number"].help_text = "Bắt buộc, trừ tổ chức đã có từ trước khi dùng hệ thống."
        if parent_kind is not None:
            allowed = CHILD_KINDS.get(parent_kind, ())
            kinds = cast(forms.ChoiceField, self.fields["kind"])
            kinds.choices = [(v, label) for v, label in Kind.choices if v in allowed]

    def clean(self) -> dict:
        data = super().clean() or {}
        if not data.get("existing") and not data.get("decision_number"):
            self.add_error("decision_number", "Ghi số quyết định thành lập (hoặc chọn 'Tổ chức đã có từ trước').")
        if data.get("kind"):
            for message in kind_errors(data["kind"], data.get("date"), self.parent_kind):
                self.add_error("kind", message)
        return data


class MoveForm(DecisionForm):
    new_parent = organization_field("Tổ chức cấp trên mới", capability="write", active_only=True)


class DissolveForm(DecisionForm):
    """An end, possibly dated in the past: the records after it are listed for the user to confirm."""

    confirm = forms.BooleanField(
        label="Đã xem các bản ghi từ ngày hiệu lực trở đi được liệt kê và xác nhận", required=False
    )


class MergeForm(DissolveForm):
    target = organization_field("Tổ chức tiếp nhận (hợp nhất, sáp nhập vào)", capability="write", active_only=True)


class PositionForm(ScopedPickerForm):
    """The person is picked from `people` (a picker source of the members app, which this app lies below)."""

    person = forms.Field(label="Người giữ chức")  # replaced by the picker of `people`
    body = forms.ChoiceField(label="Cơ quan", choices=Body.choices)
    post = forms.ChoiceField(label="Chức danh", choices=Post.choices)
    department = forms.CharField(label="Ban (với chức danh của ban, văn phòng)", max_length=100, required=False)
    label = forms.CharField(label="Cách gọi riêng (nếu khác cách ghép tự động)", max_length=200, required=False)
    term = forms.CharField(label="Nhiệm kỳ", max_length=20, required=False)
    valid_from = DateField(label="Từ ngày")
    valid_to = DateField(label="Đến ngày", required=False)
    decision_number = forms.CharField(label="Số quyết định", max_length=60, required=False)

    def __init__(self, *args, people, scope, **kwargs):
        super().__init__(*args, scope=scope, **kwargs)
        self.fields["person"] = PickerField(
            people,
            label="Người giữ chức",
            error_messages={"required_pick": "Chưa chọn người giữ chức: gõ họ tên để tìm."},
        )
        bind_scope(self, scope)
