"""Django's plainest widget templates, written out in Python: the same HTML, without the template engine.

Every text box, radio button and checkbox on a form is its own template render in Django, with an
include for the control and another for its attributes: three renders a radio button, more than a
hundred on the family's reply page, a third of its time. ``GovukFormRenderer`` asks here first for
the templates below and falls back to the templates for anything else, or for a value these do not
take (a label wrapped round the control, a non-text textarea value, which the template localizes).
``tests/portal/test_widget_html.py`` renders widgets both ways and compares.

The renderer strips what a template gives, so the templates' trailing newlines are not copied.
"""

from django.utils.html import conditional_escape
from django.utils.safestring import SafeData


def _stringformat(value) -> str:
    """``{{ value|stringformat:'s' }}``: as text, escaped unless it was already safe."""
    if isinstance(value, SafeData):
        return value
    if isinstance(value, tuple):
        value = str(value)
    return conditional_escape(str(value))  # what "%s" % value gives for anything but a tuple


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {conditional_escape(name)}")
        if value is not True:
            parts.append(f'="{_stringformat(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    """django/forms/widgets/input.html."""
    value = widget["value"]
    shown = "" if value is None else f' value="{_stringformat(value)}"'
    name = conditional_escape(widget["name"])
    return f'<input type="{conditional_escape(widget["type"])}" name="{name}"{shown}{_attrs(widget["attrs"])}>'


def _input_option(widget: dict) -> str | None:
    """django/forms/widgets/input_option.html, for a control whose label is written beside it."""
    if widget.get("wrap_label"):
        return None
    return _input(widget)


def _textarea(widget: dict) -> str | None:
    """django/forms/widgets/textarea.html, for text (the template localizes numbers and dates)."""
    value = widget["value"]
    if value is not None and not isinstance(value, str):
        return None
    shown = conditional_escape(value) if value else ""
    return f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n{shown}</textarea>'


RENDERERS = {
    f"django/forms/widgets/{name}.html": _input
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "tel",
        "search",
        "password",
        "hidden",
        "date",
        "time",
        "datetime",
        "color",
        "checkbox",
    )
}
RENDERERS["django/forms/widgets/radio_option.html"] = _input_option
RENDERERS["django/forms/widgets/checkbox_option.html"] = _input_option
RENDERERS["django/forms/widgets/input_option.html"] = _input_option
RENDERERS["django/forms/widgets/textarea.html"] = _textarea


def render(template_name: str, context: dict) -> str | None:
    """The widget's HTML, or None where the template must render it (the template calls a value
    that can be called; these would print it)."""
    renderer = RENDERERS.get(template_name)
    if renderer is None or set(context) != {"widget"}:
        return None
    widget = context["widget"]
    if callable(widget.get("value")) or any(callable(v) for v in widget.get("attrs", {}).values()):
        return None
    return renderer(widget)
