"""Audit receivers: who did what to which article, comment and user.

Articles are recorded from the newsroom's `article_changed` (sent inside each service's
transaction, so the record commits or rolls back with the change); users from Django's
auth signals and the User model's own signals (whatever path changed them: admin, shell,
command), role changes included; sections, authors, tags and redirects from theirs;
comments from jarida.comments' moderation decisions (each names its moderator) and from
the Comment model's deletions. Role groups themselves are code (jarida.newsroom.roles).
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from jarida.newsroom.models import Author, Redirect, Section, Tag
from jarida.newsroom.signals import article_changed, articles_imported
from jarida.ops.services import audit_record

# The User fields whose change is worth a record. The password's value is never recorded.
USER_FIELDS = ("username", "email", "first_name", "last_name", "is_active", "is_staff",
               "is_superuser", "password")
_USER_FLAGS = ("is_active", "is_staff", "is_superuser")


def on_article_changed(sender, article, action: str, was_public: bool, **kwargs) -> None:
    audit_record(action=f"article.{action}", target=article,
                 details={"state": article.state, "was_public": was_public},
                 once_per_request=action == "edited")


def on_articles_imported(sender, articles, **kwargs) -> None:
    ids = [a.pk for a in articles]
    audit_record(action="article.imported", target_type="article",
                 target_repr=f"{len(ids)} articles",
                 details={"count": len(ids), "ids": ids[:1000]})


def on_user_logged_in(sender, request, user, **kwargs) -> None:
    audit_record(action="user.login", target=user, actor=user)


def on_user_logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit_record(action="user.logout", target=user, actor=user)


def on_user_login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get(get_user_model().USERNAME_FIELD, ""))[:150]
    audit_record(action="user.login_failed", target_type="user", target_repr=username)


def on_user_locked_out(sender, request, username, ip_address, **kwargs) -> None:
    audit_record(action="user.locked_out", target_type="user", target_repr=str(username)[:150],
                 details={"ip_address": ip_address})


def on_otp_verification_failed(sender, user, **kwargs) -> None:
    audit_record(action="user.2fa_failed", target=user)


def on_user_pre_save(sender, instance, update_fields=None, **kwargs) -> None:
    if instance.pk is None or (update_fields and set(update_fields) <= {"last_login"}):
        instance._audit_before = None
        return
    instance._audit_before = sender.objects.filter(pk=instance.pk).values(*USER_FIELDS).first()


def on_user_post_save(sender, instance, created: bool, update_fields=None, **kwargs) -> None:
    if created:
        audit_record(action="user.created", target=instance,
                     details={f: getattr(instance, f) for f in _USER_FLAGS})
        return
    before = getattr(instance, "_audit_before", None)
    if not before:
        return
    changed = [f for f in USER_FIELDS if before[f] != getattr(instance, f)]
    if changed:
        audit_record(action="user.changed", target=instance, details={
            "fields": changed,
            **{f: getattr(instance, f) for f in _USER_FLAGS if f in changed},
        })


def on_user_post_delete(sender, instance, **kwargs) -> None:
    audit_record(action="user.deleted", target=instance)


def _on_user_m2m(kind: str):
    def receiver(sender, instance, action: str, reverse: bool, model, pk_set, **kwargs) -> None:
        if action == "pre_clear":
            instance._audit_cleared = list(getattr(instance, kind).values_list("pk", flat=True))
            return
        if action not in ("post_add", "post_remove", "post_clear") or reverse:
            return
        pks = pk_set if action != "post_clear" else getattr(instance, "_audit_cleared", [])
        if not pks:
            return
        names = sorted(str(obj) for obj in model.objects.filter(pk__in=pks))
        verb = "added" if action == "post_add" else "removed"
        audit_record(action=f"user.{'roles' if kind == 'groups' else 'permissions'}_changed",
                     target=instance, details={verb: names})
    return receiver


_on_groups_changed = _on_user_m2m("groups")
_on_permissions_changed = _on_user_m2m("user_permissions")


def on_entity_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if not raw:
        audit_record(action=f"{sender._meta.model_name}.{'created' if created else 'changed'}",
                     target=instance, once_per_request=not created)


def on_entity_deleted(sender, instance, **kwargs) -> None:
    audit_record(action=f"{sender._meta.model_name}.deleted", target=instance)


def on_device_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw and instance.user_id:
        audit_record(action="user.2fa_device_added", target=instance.user,
                     details={"device": f"{sender._meta.model_name}: {instance.name}"})


def on_device_deleted(sender, instance, **kwargs) -> None:
    user = get_user_model().objects.filter(pk=instance.user_id).first()
    if user is not None:
        audit_record(action="user.2fa_device_removed", target=user,
                     details={"device": f"{sender._meta.model_name}: {instance.name}"})


def on_moderation_decision(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        audit_record(action=f"comment.{instance.action}", target=instance.comment,
                     target_type="comment", actor=instance.by,
                     details={"from": instance.from_status, "to": instance.to_status,
                              "article_id": instance.comment.article_id,
                              **({"note": instance.note} if instance.note else {})})


def on_comment_deleted(sender, instance, **kwargs) -> None:
    audit_record(action="comment.deleted", target=instance, target_type="comment",
                 details={"article_id": instance.article_id})


def connect() -> None:
    from axes.signals import user_locked_out
    from django_otp.forms import otp_verification_failed
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    User = get_user_model()
    uid = "jarida.ops.audit."
    article_changed.connect(on_article_changed, dispatch_uid=uid + "article")
    articles_imported.connect(on_articles_imported, dispatch_uid=uid + "imported")
    user_logged_in.connect(on_user_logged_in, dispatch_uid=uid + "login")
    user_logged_out.connect(on_user_logged_out, dispatch_uid=uid + "logout")
    user_login_failed.connect(on_user_login_failed, dispatch_uid=uid + "login_failed")
    user_locked_out.connect(on_user_locked_out, dispatch_uid=uid + "locked_out")
    otp_verification_failed.connect(on_otp_verification_failed, dispatch_uid=uid + "otp_failed")
    pre_save.connect(on_user_pre_save, sender=User, dispatch_uid=uid + "user_pre")
    post_save.connect(on_user_post_save, sender=User, dispatch_uid=uid + "user_post")
    post_delete.connect(on_user_post_delete, sender=User, dispatch_uid=uid + "user_delete")
    m2m_changed.connect(_on_groups_changed, sender=User.groups.through,
                        dispatch_uid=uid + "user_groups")
    m2m_changed.connect(_on_permissions_changed, sender=User.user_permissions.through,
                        dispatch_uid=uid + "user_permissions")
    for model in (Section, Author, Tag, Redirect):
        name = model._meta.label_lower
        post_save.connect(on_entity_saved, sender=model, dispatch_uid=f"{uid}{name}.save")
        post_delete.connect(on_entity_deleted, sender=model, dispatch_uid=f"{uid}{name}.delete")
    for model in (TOTPDevice, StaticDevice):
        name = model._meta.label_lower
        post_save.connect(on_device_saved, sender=model, dispatch_uid=f"{uid}{name}.save")
        post_delete.connect(on_device_deleted, sender=model, dispatch_uid=f"{uid}{name}.delete")

    # jarida.comments is optional to this module: connect only to the models it has.
    for model_name, signal, receiver in (("ModerationDecision", post_save, on_moderation_decision),
                                         ("Comment", post_delete, on_comment_deleted)):
        try:
            model = apps.get_model("comments", model_name)
        except LookupError:
            continue
        signal.connect(receiver, sender=model, dispatch_uid=f"{uid}comments.{model_name}")
