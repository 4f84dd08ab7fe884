"""The newsroom's admin site: Django's, plus optional TOTP two-factor sign-in for staff.

The switch is read on every request (not at import), so tests and a restart with a new
environment see the same code path; the rule itself is django-otp's OTPAdminSite's.

The site also gives every registered ModelAdmin (and its inlines) `SafeImageField` for
image fields, so no admin can forget the upload checks of jarida.ops.uploads.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm

from jarida.ops.uploads import SafeImageField


def two_factor_required() -> bool:
    return bool(getattr(settings, "JARIDA_ADMIN_2FA", False))


class TwoFactorLoginForm(OTPAdminAuthenticationForm):
    """Username, password and the code of an authenticator app, in Arabic. A user with a
    single device need not pick it; with several (an app and recovery codes) they choose."""

    otp_error_messages = {
        **OTPAdminAuthenticationForm.otp_error_messages,
        "token_required": _("أدخل رمز التحقق من تطبيق المصادقة."),
        "invalid_token": _("رمز التحقق غير صحيح. حاول مرة أخرى."),
        "device_required": _("اختر وسيلة التحقق ثم أدخل رمزها."),
        "n_failed_attempts": _("أوقف التحقق مؤقتًا بعد %(failure_count)d محاولات خاطئة؛ "
                               "حاول بعد قليل."),
        "verification_not_allowed": _("التحقق موقوف مؤقتًا؛ حاول بعد قليل."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["otp_token"].label = _("رمز التحقق")
        self.fields["otp_token"].widget.attrs.update(autocomplete="one-time-code",
                                                      inputmode="numeric")
        self.fields["otp_device"].label = _("وسيلة التحقق")

    def _chosen_device(self, user):
        device = super()._chosen_device(user)
        if device is None:
            devices = list(devices_for_user(user, confirmed=True))
            if len(devices) == 1:
                device = devices[0]
        return device


class JaridaAdminSite(admin.AdminSite):
    @property
    def login_form(self):
        return TwoFactorLoginForm if two_factor_required() else AdminAuthenticationForm

    @property
    def login_template(self):
        return "ops/admin_login_2fa.html" if two_factor_required() else None

    def has_permission(self, request: HttpRequest) -> bool:
        """Staff only, as in Django; with two-factor on, only staff whose session was
        verified by one of their OTP devices (an unverified session counts as no staff)."""
        if not super().has_permission(request):
            return False
        if not two_factor_required():
            return True
        is_verified = getattr(request.user, "is_verified", None)
        return bool(is_verified and is_verified())

    def register(self, model_or_iterable, admin_class=None, **options) -> None:
        super().register(model_or_iterable, _with_safe_images(admin_class or admin.ModelAdmin),
                         **options)


def _with_safe_images(admin_class: type) -> type:
    """A subclass of `admin_class` (same name) whose image fields use SafeImageField."""
    overrides = dict(admin_class.formfield_overrides)
    overrides[models.ImageField] = {**overrides.get(models.ImageField, {}),
                                    "form_class": SafeImageField}
    attrs = {"formfield_overrides": overrides, "__module__": admin_class.__module__}
    if getattr(admin_class, "inlines", None):
        attrs["inlines"] = [_with_safe_images(inline) for inline in admin_class.inlines]
    return type(admin_class.__name__, (admin_class,), attrs)
