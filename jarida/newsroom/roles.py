"""Newsroom roles as Django groups, each a set of model permissions.

writer     writes and edits own drafts, submits them for review; cannot publish.
editor     edits every article, publishes, schedules, corrects, unpublishes; manages
           sections, authors and tags.
moderator  moderates reader comments (permissions added by jarida.comments).
admin      a superuser.
"""

from django.contrib.auth.models import Group, Permission

WRITER, EDITOR, MODERATOR = "writer", "editor", "moderator"

ROLE_PERMISSIONS: dict[str, list[str]] = {
    WRITER: [
        "newsroom.view_article", "newsroom.add_article", "newsroom.change_article",
        "newsroom.view_section", "newsroom.view_author", "newsroom.view_tag",
        "newsroom.add_tag", "newsroom.view_articlerevision",
    ],
    EDITOR: [
        "newsroom.view_article", "newsroom.add_article", "newsroom.change_article",
        "newsroom.delete_article", "newsroom.publish_article", "newsroom.unpublish_article",
        "newsroom.correct_article", "newsroom.edit_any_article",
        "newsroom.view_articlerevision", "newsroom.view_articletransition",
        "newsroom.view_section", "newsroom.add_section", "newsroom.change_section",
        "newsroom.view_author", "newsroom.add_author", "newsroom.change_author",
        "newsroom.view_tag", "newsroom.add_tag", "newsroom.change_tag", "newsroom.delete_tag",
        "newsroom.view_redirect", "newsroom.add_redirect", "newsroom.change_redirect",
        "newsroom.delete_redirect",
    ],
    MODERATOR: ["newsroom.view_article"],
}

# Other apps add to the roles by appending here from their AppConfig.ready().
EXTRA_ROLE_PERMISSIONS: dict[str, list[str]] = {WRITER: [], EDITOR: [], MODERATOR: []}


def roles_ensure(*, strict: bool = True) -> dict[str, Group]:
    """Create or update the role groups so each holds exactly its permissions.

    After each app's migrations (post_migrate) some apps' permissions do not exist yet;
    `strict=False` skips those, and the last app's post_migrate completes the set.
    """
    groups = {}
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = set(names) | set(EXTRA_ROLE_PERMISSIONS.get(role, []))
        perms = []
        for name in sorted(wanted):
            app_label, codename = name.split(".")
            perm = Permission.objects.filter(content_type__app_label=app_label,
                                             codename=codename).first()
            if perm is None:
                if not strict:
                    continue
                raise LookupError(f"Permission {name} does not exist (migrations not run?)")
            perms.append(perm)
        group.permissions.set(perms)
        groups[role] = group
    return groups
