"""Ready a web process before it serves anyone: URL resolvers, every language's translations and our
templates compiled, so a fresh worker's first pages cost what its later ones do.

gunicorn calls ``warm()`` in the master once the app is loaded (``preload_app``), so every worker
forked from it starts warm, including those that replace recycled ones. Nothing here opens a
database connection: a connection made before the fork would be shared by the workers.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils.translation import trans_real


def our_templates() -> list[str]:
    """The names of the templates in this project's apps (not the ones in installed packages)."""
    root = Path(settings.BASE_DIR).resolve()
    names = set()
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", [])]
    folders += [
        Path(app.path) / "templates"
        for app in apps.get_app_configs()
        if Path(app.path).resolve().is_relative_to(root) and "site-packages" not in Path(app.path).parts
    ]
    for folder in folders:
        if folder.is_dir():
            names.update(str(path.relative_to(folder)) for path in folder.rglob("*.html"))
    return sorted(names)


def warm() -> int:
    """Returns how many templates were compiled."""
    get_resolver().reverse_dict  # noqa: B018 - populates the resolver and its namespaces
    for code, _name in settings.LANGUAGES:
        trans_real.translation(code)  # reads and keeps the language's catalogue
    compiled = 0
    for name in our_templates():
        try:
            get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):
            continue  # a fragment for another engine (e.g. a text template); it is loaded when used
        compiled += 1
    return compiled
