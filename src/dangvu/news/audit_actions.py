"""The audit actions of news articles:
the key each event is recorded under and its Vietnamese label."""

from dangvu.core.audit_labels import AuditAction


class NewsAudit(AuditAction):
    """What the news app records in the audit trail."""

    ARTICLE_CREATE = "article.create", "Viết tin"
    ARTICLE_UPDATE = "article.update", "Sửa tin"
    ARTICLE_SUBMIT = "article.submit", "Gửi duyệt tin"
    ARTICLE_PUBLISH = "article.publish", "Đăng tin"
    ARTICLE_WITHDRAW = "article.withdraw", "Gỡ tin"
    ARTICLE_TO_DRAFT = "article.to_draft", "Trả tin về bản nháp"
    ARTICLE_IMAGE_ADD = "article.image_add", "Thêm ảnh vào tin"
    ARTICLE_IMAGE_REMOVE = "article.image_remove", "Bỏ ảnh khỏi tin"
