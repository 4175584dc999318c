"""Django's password validators with Vietnamese messages (AUTH_PASSWORD_VALIDATORS names these)."""

from django.contrib.auth import password_validation as django_validators
from django.core.exceptions import ValidationError


class MinimumLengthValidator(django_validators.MinimumLengthValidator):
    def validate(self, password, user=None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(f"Mật khẩu quá ngắn: cần ít nhất {self.min_length} ký tự.", code="password_too_short")

    def get_help_text(self) -> str:
        return f"Mật khẩu có ít nhất {self.min_length} ký tự."


class UserAttributeSimilarityValidator(django_validators.UserAttributeSimilarityValidator):
    def validate(self, password, user=None) -> None:
        try:
            super().validate(password, user)
        except ValidationError as error:
            raise ValidationError(
                "Mật khẩu quá giống tên đăng nhập hoặc họ tên.", code="password_too_similar"
            ) from error

    def get_help_text(self) -> str:
        return "Mật khẩu không được giống tên đăng nhập hoặc họ tên."


class CommonPasswordValidator(django_validators.CommonPasswordValidator):
    def validate(self, password, user=None) -> None:
        try:
            super().validate(password, user)
        except ValidationError as error:
            raise ValidationError("Mật khẩu này quá phổ biến, dễ bị đoán.", code="password_too_common") from error

    def get_help_text(self) -> str:
        return "Mật khẩu không được là một mật khẩu phổ biến."


class NumericPasswordValidator(django_validators.NumericPasswordValidator):
    def validate(self, password, user=None) -> None:
        if password.isdigit():
            raise ValidationError("Mật khẩu không được chỉ gồm chữ số.", code="password_entirely_numeric")

    def get_help_text(self) -> str:
        return "Mật khẩu không được chỉ gồm chữ số."


def password_errors(password: str, user=None) -> list[str]:
    """The Vietnamese messages of every validator the password fails (empty when it passes)."""
    try:
        django_validators.validate_password(password, user)
    except ValidationError as error:
        return list(error.messages)
    return []
