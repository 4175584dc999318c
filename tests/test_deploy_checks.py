"""`dangvu check --deploy` refuses the public development SECRET_KEY (the one used when SECRET_KEY is unset),
and passes with a real one."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings


def test_check_deploy_fails_with_the_development_key():
    with override_settings(SECRET_KEY=settings.DEV_SECRET_KEY), pytest.raises(SystemCheckError, match="dangvu.E001"):
        call_command("check", "--deploy", "--fail-level", "ERROR", tags=["security"])


def test_check_deploy_accepts_a_real_key():
    with override_settings(SECRET_KEY="k3-Zq8!vT0pL" * 6):
        call_command("check", "--deploy", "--fail-level", "ERROR", tags=["security"])
