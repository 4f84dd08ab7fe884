"""The audit log in the admin: read-only, for administrators (superusers, or whoever is
given the `ops.view_auditevent` permission)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from jarida.ops.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "action", "target_type", "target_repr", "ip_address"]
    list_filter = ["action", "target_type", "at"]
    search_fields = ["actor_name", "target_repr", "target_id", "action"]
    date_hierarchy = "at"
    list_select_related = ["actor"]
    readonly_fields = ["at", "actor", "actor_name", "ip_address", "action", "target_type",
                       "target_id", "target_repr", "details"]

    @admin.display(description=_("المستخدم"), ordering="actor_name")
    def actor_label(self, obj: AuditEvent) -> str:
        return obj.actor_name or _("النظام")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
