"""Login with lock-out after repeated failures, and logout."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone

from .models import LoginFailure


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "inactive": "Tài khoản này đã bị khóa.",
    }


def _recent_failures(username: str, address: str | None) -> int:
    since = timezone.now() - timedelta(minutes=settings.LOCKOUT_MINUTES)
    by_user = LoginFailure.objects.filter(at__gte=since, username__iexact=username).count()
    by_address = LoginFailure.objects.filter(at__gte=since, client_address=address).count() if address else 0
    # An address may try several names (a shared office), so it gets a larger allowance than one name.
    return max(by_user, by_address // 3)


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")[:150]
        address = request.META.get("REMOTE_ADDR")
        if _recent_failures(username, address) >= settings.LOCKOUT_FAILURES:
            form = self.get_form()
            form.errors.clear()
            form.add_error(
                None,
                f"Đăng nhập sai quá {settings.LOCKOUT_FAILURES} lần: tài khoản tạm khóa "
                f"{settings.LOCKOUT_MINUTES} phút. Vui lòng thử lại sau.",
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        LoginFailure.objects.create(
            username=self.request.POST.get("username", "")[:150], client_address=self.request.META.get("REMOTE_ADDR")
        )
        return super().form_invalid(form)

    def form_valid(self, form):
        LoginFailure.objects.filter(username__iexact=form.get_user().username).delete()
        return super().form_valid(form)
