"""Staff roles. Each role is a Django group holding the permissions that role needs.

The group's permissions are rebuilt after every migrate from ``ROLE_PERMISSIONS`` so that a
permission added by a later migration reaches the role without a data migration of its own.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import prefetch_related_objects

COORDINATOR = "coordinator"
LEAD_PRACTITIONER = "lead_practitioner"
SERVICE_MANAGER = "service_manager"
CONTENT_EDITOR = "content_editor"

# Everyone who works on cases: a case page is open to them, scoped to their own cases.
CASE_ROLES = (COORDINATOR, LEAD_PRACTITIONER, SERVICE_MANAGER)

ROLE_GROUP_NAMES = {
    COORDINATOR: "Coordinators",
    LEAD_PRACTITIONER: "Lead practitioners",
    SERVICE_MANAGER: "Service managers",
    CONTENT_EDITOR: "Content editors",
}


def has_role(user, *names: str) -> bool:
    """Whether a signed-in ``user`` holds any of the roles ``names``. Rules ask this, never ``user.roles``."""
    return bool(getattr(user, "is_authenticated", False) and user.roles & set(names))


def staff_with_role(role: str):
    """Active staff holding ``role``, by name: for choosing a coordinator, a lead practitioner, a decider."""
    from portal.accounts.models import User

    return User.objects.filter(groups__name=ROLE_GROUP_NAMES[role], is_active=True).order_by("first_name", "last_name")


# "app_label.codename" for each role. Apps add theirs here as they grow.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    COORDINATOR: [],
    LEAD_PRACTITIONER: [],
    SERVICE_MANAGER: [
        "audit.view_auditevent",
    ],
    CONTENT_EDITOR: [
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
        # The jargon buster's words, and translating pages and words with wagtail-localize.
        "content.add_glossaryterm",
        "content.change_glossaryterm",
        "content.delete_glossaryterm",
        "wagtail_localize.submit_translation",
    ],
}


def group_for(role: str) -> Group:
    return Group.objects.get(name=ROLE_GROUP_NAMES[role])


def roles_of(user) -> set[str]:
    """The user's roles. Their groups are read once and kept on the user as Django's prefetch cache,
    which ``user.groups.add``/``remove``/``set``/``clear`` and ``refresh_from_db`` empty: a page asks
    this for every link and permission, and it was one query each time."""
    if "groups" not in getattr(user, "_prefetched_objects_cache", {}):
        prefetch_related_objects([user], "groups")
    names = {name: role for role, name in ROLE_GROUP_NAMES.items()}
    return {names[g.name] for g in user.groups.all() if g.name in names}


def sync_role_groups(**kwargs):
    for role, group_name in ROLE_GROUP_NAMES.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        wanted = []
        for dotted in ROLE_PERMISSIONS[role]:
            app_label, codename = dotted.split(".", 1)
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is not None:  # an app not yet migrated adds it on its own migrate
                wanted.append(permission)
        group.permissions.set(wanted)
    _give_editors_the_page_tree()


def _give_editors_the_page_tree():
    """Content editors may add, change and publish every page of the site."""
    from wagtail.models import GroupPagePermission, Page

    root = Page.get_first_root_node()
    if root is None:
        return
    editors = Group.objects.get(name=ROLE_GROUP_NAMES[CONTENT_EDITOR])
    for codename in ("add_page", "change_page", "publish_page", "delete_page"):
        permission = Permission.objects.filter(content_type__app_label="wagtailcore", codename=codename).first()
        if permission is not None:
            GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=permission)
