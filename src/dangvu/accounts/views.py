"""Login with lock-out after repeated failures (dangvu.accounts.lockout), and logout."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpResponse

from dangvu.core.middleware import client_ip

from . import lockout


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "inactive": "Tài khoản này đã bị khóa.",
    }


class LoginView(auth_views.LoginView):
    """Django's login (which rotates the session key), with the lock-out around it."""

    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs) -> HttpResponse:
        self.key = lockout.login_key(request.POST.get("username"))
        self.address = client_ip(request)
        if refusal := lockout.refusal(request, self.key, self.address):
            form = self.get_form()
            form.errors.clear()
            form.add_error(None, refusal)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form) -> HttpResponse:
        if self.key:
            lockout.record_failure(self.key, self.address)
        return super().form_invalid(form)

    def form_valid(self, form) -> HttpResponse:
        lockout.clear(self.key)
        response = super().form_valid(form)
        lockout.remember(self.request, response, self.key)
        return response
