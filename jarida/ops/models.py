"""The audit log: who did what to which article, comment or user, and from where."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One recorded action. Written by jarida.ops.services.audit_record only, never edited.

    The actor's username and the target's title are copied at the time, so the record still
    reads the same after the account or the article is gone.
    """

    at = models.DateTimeField(_("الوقت"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("المستخدم"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(_("اسم المستخدم"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("العنوان"), null=True, blank=True)
    action = models.CharField(_("الإجراء"), max_length=64, db_index=True)
    target_type = models.CharField(_("نوع الهدف"), max_length=40)
    target_id = models.CharField(_("معرّف الهدف"), max_length=64, blank=True)
    target_repr = models.CharField(_("الهدف"), max_length=300, blank=True)
    details = models.JSONField(_("التفاصيل"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("حدث في سجل التدقيق")
        verbose_name_plural = _("سجل التدقيق")
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target")]

    def __str__(self) -> str:
        return f"{self.action} {self.target_type}:{self.target_id}"
