from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class OpsConfig(AppConfig):
    name = "jarida.ops"
    label = "ops"
    verbose_name = "التشغيل والأمان"

    def ready(self) -> None:
        from jarida.ops import receivers, uploads

        receivers.connect()
        uploads.pillow_limits_apply()


class JaridaAdminConfig(admin_apps.AdminConfig):
    """Django's admin, whose default site is `JaridaAdminSite` (two-factor sign-in when
    JARIDA_ADMIN_2FA is on). Every app keeps registering on `admin.site` as usual."""

    default = False  # named in INSTALLED_APPS in place of django.contrib.admin
    default_site = "jarida.ops.admin_site.JaridaAdminSite"
