"""Feeds the newsroom follows are managed in the admin; the import mapping is read-only
(it is the importers' memory, edited only by them)."""

from django.contrib import admin

from jarida.ingest.models import FeedSource, ImportedItem


@admin.register(FeedSource)
class FeedSourceAdmin(admin.ModelAdmin):
    list_display = ("__str__", "publish_mode", "section", "is_active", "last_polled_at",
                    "has_error")
    list_filter = ("is_active", "publish_mode")
    list_select_related = ("section",)
    search_fields = ("name", "url", "source_credit")
    readonly_fields = ("last_polled_at", "etag", "modified", "last_error")

    @admin.display(boolean=True, description="خطأ")
    def has_error(self, obj: FeedSource) -> bool:
        return bool(obj.last_error)


@admin.register(ImportedItem)
class ImportedItemAdmin(admin.ModelAdmin):
    list_display = ("source", "kind", "remote_id", "article", "updated_at")
    list_filter = ("kind", "source")
    search_fields = ("remote_id", "link")
    list_select_related = ("article",)
    raw_id_fields = ("article",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
