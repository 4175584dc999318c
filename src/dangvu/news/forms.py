"""Forms of the news editing pages: the article, an image with its caption, publishing, withdrawing."""

from django import forms

from dangvu.core.pickers import ScopedPickerForm
from dangvu.core.web import ImageUploadField, ModelChoiceField
from dangvu.organizations.pickers import organization_field

from .actions import MAX_IMAGE_MB
from .models import Category


class ArticleForm(ScopedPickerForm):
    organization = organization_field("Đơn vị đăng tin", capability="write", active_only=True)
    category = ModelChoiceField(label="Chuyên mục", queryset=Category.objects.all(), required=False)
    title = forms.CharField(label="Tiêu đề", max_length=300)
    lead = forms.CharField(
        label="Sapô (đoạn mở đầu)", required=False, widget=forms.Textarea(attrs={"rows": 3}), strip=False
    )
    body = forms.CharField(
        label="Nội dung (mỗi đoạn một dòng)", required=False, strip=False, widget=forms.Textarea(attrs={"rows": 16})
    )
    author = forms.CharField(label="Tác giả hoặc cơ quan ký tin", max_length=200)

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["organization"]


class ImageForm(forms.Form):
    image = ImageUploadField(label="Ảnh", max_mb=MAX_IMAGE_MB, error_messages={"required": "Chưa chọn ảnh."})
    caption = forms.CharField(label="Chú thích ảnh", max_length=300, required=False)


class PublishForm(forms.Form):
    published_at = forms.DateTimeField(
        label="Thời điểm đăng (để trống: ngay bây giờ)",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    accept_warnings = forms.BooleanField(label="Đã xem các cảnh báo soát lỗi, vẫn đăng", required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Lý do gỡ tin", max_length=300)
