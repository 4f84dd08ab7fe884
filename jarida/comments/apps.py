from django.apps import AppConfig

MODERATOR_PERMISSIONS = [
    "comments.view_comment", "comments.moderate_comment",
    "comments.view_commenter", "comments.ban_commenter",
    "comments.view_commentreport", "comments.view_moderationdecision",
    "comments.view_blockedterm", "comments.add_blockedterm", "comments.change_blockedterm",
    "comments.delete_blockedterm",
    "comments.view_bannedaddress", "comments.delete_bannedaddress",
]
EDITOR_PERMISSIONS = [
    *MODERATOR_PERMISSIONS,
    "comments.view_commentpolicy", "comments.add_commentpolicy",
    "comments.change_commentpolicy", "comments.delete_commentpolicy",
]


class CommentsConfig(AppConfig):
    name = "jarida.comments"
    label = "comments"
    verbose_name = "التعليقات"

    def ready(self) -> None:
        from jarida.newsroom.roles import EDITOR, EXTRA_ROLE_PERMISSIONS, MODERATOR

        # Moderators moderate; editors moderate too and set per-section/article policies.
        for role, names in ((MODERATOR, MODERATOR_PERMISSIONS), (EDITOR, EDITOR_PERMISSIONS)):
            extra = EXTRA_ROLE_PERMISSIONS.setdefault(role, [])
            extra.extend(n for n in names if n not in extra)

    def load_demo_content(self, *, stdout) -> None:
        """Called by `load_demo_content`: the demo's reader comments, approved."""
        from jarida.comments.demo import demo_comments_load

        demo_comments_load(stdout=stdout)
