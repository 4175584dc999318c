"""Forms of the card register."""

from django import forms

from dangvu.core.pickers import ScopedPickerForm
from dangvu.core.web import DateField
from dangvu.organizations.pickers import organization_field

from .actions import END_STATES
from .models import CardState


class CardForm(ScopedPickerForm):
    number = forms.CharField(label="Số thẻ đảng viên", max_length=20)
    on = DateField(label="Ngày cấp")
    # The committee that decides cards (a district's) often lies above the user's own organization.
    by = organization_field("Cấp ủy quyết định cấp thẻ", anywhere=True)
    decision_number = forms.CharField(label="Số quyết định", required=False, max_length=60)


class ReportForm(forms.Form):
    state = forms.ChoiceField(label="Báo", choices=[(k, CardState(k).label) for k in END_STATES])
    on = DateField(label="Ngày")
    note = forms.CharField(label="Hoàn cảnh mất, hỏng thẻ", max_length=300)


class RecordForm(forms.Form):
    birth_name = forms.CharField(label="Họ và tên khai sinh (nếu khác)", required=False, max_length=160)
    place_of_birth = forms.CharField(label="Nơi sinh", required=False, max_length=200)
    permanent_residence = forms.CharField(label="Nơi thường trú", required=False, max_length=200)
    current_residence = forms.CharField(label="Nơi ở hiện nay", required=False, max_length=200)
    profile_number = forms.CharField(label="Số lý lịch đảng viên", required=False, max_length=40)
    foreign_language = forms.CharField(label="Ngoại ngữ", required=False, max_length=80)
    work_history = forms.CharField(
        label="Quá trình công tác",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Mỗi dòng: MM/YYYY - MM/YYYY: làm việc gì, ở đâu (đến nay: ghi “nay”).",
    )
    training = forms.CharField(
        label="Đào tạo, bồi dưỡng",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Mỗi dòng: MM/YYYY - MM/YYYY: trường, ngành học, văn bằng.",
    )
    family = forms.CharField(
        label="Hoàn cảnh gia đình",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Mỗi dòng: Quan hệ | Họ và tên | Năm sinh | Nghề nghiệp, nơi ở.",
    )
    awards = forms.CharField(
        label="Khen thưởng",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Mỗi dòng: YYYY: hình thức, cấp khen.",
    )
