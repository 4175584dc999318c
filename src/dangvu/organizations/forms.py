"""Forms for changing the tree (establish, rename, move, dissolve) and for assigning positions."""

from django import forms

from dangvu.core.web import DateInput

from .models import Body, Kind, Post, Sector


class DecisionForm(forms.Form):
    date = forms.DateField(label="Ngày hiệu lực", widget=DateInput())
    decision_number = forms.CharField(label="Số quyết định", max_length=60)


class NamesForm(DecisionForm):
    name = forms.CharField(label="Tên tổ chức", max_length=200)
    committee_name = forms.CharField(label="Tên cấp ủy (Thành ủy Phủ Lý)", max_length=200, required=False)
    committee_short = forms.CharField(label="Tên gọi tắt cấp ủy (Thành ủy)", max_length=60, required=False)
    locality = forms.CharField(label="Cấp hành chính (thành phố, phường…)", max_length=60, required=False)
    place = forms.CharField(label="Địa danh ghi trên văn bản", max_length=100, required=False)


class EstablishForm(NamesForm):
    code = forms.SlugField(label="Mã tổ chức", max_length=64)
    kind = forms.ChoiceField(label="Loại tổ chức", choices=Kind.choices)
    sector = forms.ChoiceField(label="Lĩnh vực", choices=Sector.choices)
    committee_code = forms.CharField(label="Ký hiệu cấp ủy trên văn bản (TU, ĐU, CB)", max_length=16,
                                     required=False)


class MoveForm(DecisionForm):
    new_parent = forms.CharField(label="Mã tổ chức cấp trên mới", max_length=64)


class PositionForm(forms.Form):
    person = forms.IntegerField(label="Mã hồ sơ người giữ chức (số)", min_value=1)
    body = forms.ChoiceField(label="Cơ quan", choices=Body.choices)
    post = forms.ChoiceField(label="Chức danh", choices=Post.choices)
    department = forms.CharField(label="Ban (với chức danh của ban, văn phòng)", max_length=100, required=False)
    label = forms.CharField(label="Cách gọi riêng (nếu khác cách ghép tự động)", max_length=200, required=False)
    term = forms.CharField(label="Nhiệm kỳ", max_length=20, required=False)
    valid_from = forms.DateField(label="Từ ngày", widget=DateInput())
    valid_to = forms.DateField(label="Đến ngày", widget=DateInput(), required=False)
    decision_number = forms.CharField(label="Số quyết định", max_length=60, required=False)
