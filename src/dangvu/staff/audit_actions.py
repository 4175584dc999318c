"""The audit actions of the first run, accounts, security and the organization tree workbook:
the key each event is recorded under and its Vietnamese label."""

from dangvu.core.audit_labels import AuditAction


class StaffAudit(AuditAction):
    """What the staff app records in the audit trail."""

    INSTALLATION_SETUP = "installation.setup", "Cài đặt lần đầu"
    ACCOUNT_CREATE = "account.create", "Tạo tài khoản"
    ACCOUNT_DEACTIVATE = "account.deactivate", "Khóa tài khoản"
    ACCOUNT_REACTIVATE = "account.reactivate", "Mở lại tài khoản"
    ACCOUNT_PASSWORD_RESET = "account.password_reset", "Đặt lại mật khẩu"
    ACCOUNT_PASSWORD_CHANGE = "account.password_change", "Đổi mật khẩu"
    ACCOUNT_OTP_ENABLE = "account.otp_enable", "Bật xác thực hai lớp"
    ACCOUNT_OTP_REMOVE = "account.otp_remove", "Tắt xác thực hai lớp"
    SECURITY_POLICY = "security.policy", "Đổi chính sách đăng nhập"
    ORGANIZATION_IMPORT = "organization.import", "Nhập cây tổ chức từ Excel"
    ORGANIZATION_EXPORT = "organization.export", "Xuất cây tổ chức ra Excel"
    ORGANIZATION_UPDATE = "organization.update", "Cập nhật ký hiệu cấp ủy"
