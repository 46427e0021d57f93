"""The page tree every installation starts with: Wagtail's root, the families' home page, the site."""

from django.conf import settings
from wagtail.models import Collection, Locale, Page, Site

from content.models import HomePage

HOME_TITLE = "Family group meetings"
HOME_INTRO = (
    "<p>A family group meeting brings together the people who care about a child. "
    "Together you make a plan to keep the child safe and well.</p>"
    "<p>It is your family's plan, in your own words. An independent coordinator helps you get ready.</p>"
)


def ensure_site_tree() -> HomePage:
    """Create whatever part of the tree is missing; an existing tree is left as it is."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")  # documents (the easy-read PDFs) live in a collection
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        home = root.add_child(instance=HomePage(title=HOME_TITLE, slug="home", intro=HOME_INTRO))
    if not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home
