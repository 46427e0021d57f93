"""The one way to render a form: GOV.UK Frontend markup for every Django form, allauth's included.

``FORM_RENDERER`` points here, so ``{{ form }}`` and ``{{ form.field.as_field_group }}`` give GOV.UK
form groups with labels, hints, error messages and the right ``aria-describedby``.
"""

from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

from portal import widget_html

# The CSS class GOV.UK Frontend gives each kind of control, by Django's widget_type.
_CONTROL_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "radioselect": "govuk-radios__input",
    "checkboxselectmultiple": "govuk-checkboxes__input",
    "checkbox": "govuk-checkboxes__input",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}
_ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
    "govuk-file-upload": "govuk-file-upload--error",
}


class GovukBoundField(BoundField):
    @property
    def control_class(self) -> str:
        return _CONTROL_CLASSES.get(self.widget_type, "govuk-input")

    @property
    def hint_id(self) -> str:
        return f"{self.auto_id}-hint"

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}-error"

    @property
    def uses_fieldset(self) -> bool:
        return self.widget_type in {"radioselect", "checkboxselectmultiple"}

    @property
    def aria_describedby(self):
        ids = []
        if self.help_text:
            ids.append(self.hint_id)
        if self.errors:
            ids.append(self.error_id)
        return " ".join(ids) or None

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        classes = [self.control_class]
        existing = (widget or self.field.widget).attrs.get("class", "")
        if existing:
            classes.append(existing)
        if self.errors and self.control_class in _ERROR_CLASSES:
            classes.append(_ERROR_CLASSES[self.control_class])
        attrs["class"] = " ".join(classes)
        # Radios and checkboxes describe the fieldset, not each input.
        if self.uses_fieldset:
            attrs.pop("aria-describedby", None)
        return attrs


class GovukFormRenderer(DjangoTemplates):
    form_template_name = "portal/forms/form.html"
    field_template_name = "portal/forms/field.html"
    bound_field_class = GovukBoundField

    def render(self, template_name, context, request=None):
        # The plainest controls are written out in Python (portal/widget_html.py); the rest by template.
        html = widget_html.render(template_name, context)
        return super().render(template_name, context, request) if html is None else html


def show_service_errors(form, error) -> None:
    """Put a service's ValidationError on the form: on the named field where there is one, else at the top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


# Dates are typed as day/month/year: browsers' date pickers are hard to use on old phones.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
DATE_HINT = _("For example, 27/03/2019")
TIME_INPUT_FORMATS = ["%H:%M", "%H.%M", "%H%M"]


def submitted(request):
    """A form's data: the POST when one was sent, even an empty one (so it gets its errors), else None."""
    return request.POST if request.method == "POST" else None


def submitted_files(request):
    return request.FILES if request.method == "POST" else None
