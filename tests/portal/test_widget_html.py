"""The controls written out in Python (portal/widget_html.py) are the HTML Django's templates make."""

import datetime

import pytest
from django import forms
from django.forms import widgets
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from portal import widget_html
from portal.forms import GovukFormRenderer


class TemplatesOnly(GovukFormRenderer):
    """The portal's renderer with every control drawn by its template, as before."""

    def render(self, template_name, context, request=None):
        return DjangoTemplates.render(self, template_name, context, request)


OURS, DJANGOS = GovukFormRenderer(), TemplatesOnly()
WIDGETS = [
    widgets.TextInput,
    widgets.NumberInput,
    widgets.EmailInput,
    widgets.URLInput,
    widgets.PasswordInput,
    widgets.HiddenInput,
    widgets.DateInput,
    widgets.TimeInput,
    widgets.CheckboxInput,
    widgets.Textarea,
]
text = st.text(alphabet=st.sampled_from("ab <>&\"'\n—é٣"), max_size=12)
values = st.one_of(
    st.none(),
    text,
    st.integers(-5000, 5000),
    st.booleans(),
    st.just(mark_safe("<b>kept</b>")),
    st.just(datetime.date(2026, 12, 8)),
    st.just(1234.5),
)
attr_names = st.sampled_from(
    ["class", "maxlength", "required", "disabled", "aria-describedby", "data-x", "autocomplete"]
)
attrs = st.dictionaries(attr_names, st.one_of(text, st.booleans(), st.integers(0, 99)), max_size=4)


@settings(max_examples=400, deadline=None)
@given(widget=st.sampled_from(WIDGETS), value=values, extra=attrs, name=text)
def test_a_control_is_the_html_djangos_template_makes(widget, value, extra, name):
    control = widget(attrs=extra)
    assert control.render(name, value, {"id": "id_x"}, OURS) == control.render(name, value, {"id": "id_x"}, DJANGOS)


@settings(max_examples=200, deadline=None)
@given(
    multiple=st.booleans(),
    labels=st.lists(text, min_size=1, max_size=4),
    chosen=st.lists(st.integers(0, 3), max_size=2),
    extra=st.dictionaries(attr_names.filter(lambda name: name != "class"), st.one_of(text, st.booleans()), max_size=3),
)
def test_each_radio_and_checkbox_of_a_choice_is_the_html_djangos_template_makes(multiple, labels, chosen, extra):
    choices = [(str(i), label) for i, label in enumerate(labels)]
    field_class = forms.MultipleChoiceField if multiple else forms.ChoiceField
    widget = widgets.CheckboxSelectMultiple if multiple else widgets.RadioSelect

    def options(renderer):
        class Form(forms.Form):
            pick = field_class(choices=choices, widget=widget(attrs=extra))

        value = [str(i) for i in chosen] if multiple else (str(chosen[0]) if chosen else None)
        form = Form(data={"pick": value} if value else None, renderer=renderer)
        return [option.tag() for option in form["pick"].subwidgets]  # as portal/forms/field.html draws them

    assert options(OURS) == options(DJANGOS)


def test_a_label_wrapped_round_its_control_and_a_number_in_a_textarea_are_left_to_the_templates():
    wrapped = {"widget": {"wrap_label": True, "type": "radio", "name": "a", "value": "1", "attrs": {}}}
    number = {"widget": {"name": "a", "value": 12, "attrs": {}}}
    assert widget_html.render("django/forms/widgets/radio_option.html", wrapped) is None
    assert widget_html.render("django/forms/widgets/textarea.html", number) is None
    assert widget_html.render("django/forms/widgets/select.html", number) is None


@pytest.mark.parametrize("widget", [widgets.RadioSelect, widgets.CheckboxSelectMultiple, widgets.Select])
def test_a_whole_choice_widget_is_still_drawn_by_its_template(widget):
    control = widget(choices=[("a", "A <1>"), ("b", "B")])
    assert control.render("pick", "a", {"id": "id_pick"}, OURS) == control.render(
        "pick", "a", {"id": "id_pick"}, DJANGOS
    )


def test_the_plain_controls_of_a_form_do_not_reach_the_templates(monkeypatch):
    """Without this the comparisons above would pass with the Python path never taken."""
    drawn_by_template = []
    original = DjangoTemplates.render

    def render(self, template_name, context, request=None):
        drawn_by_template.append(template_name)
        return original(self, template_name, context, request)

    monkeypatch.setattr(DjangoTemplates, "render", render)

    class Form(forms.Form):
        name = forms.CharField()
        notes = forms.CharField(widget=widgets.Textarea)
        agree = forms.BooleanField()
        pick = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=widgets.RadioSelect)

    form = Form(renderer=OURS)
    for name in ("name", "notes", "agree"):
        str(form[name].as_widget())
    for option in form["pick"].subwidgets:
        option.tag()
    assert drawn_by_template == []


def test_a_value_that_can_be_called_is_left_to_the_template():
    control = widgets.TextInput(attrs={"data-x": lambda: "called"})
    assert 'data-x="called"' in control.render("x", None, None, OURS)
    assert control.render("x", None, None, OURS) == control.render("x", None, None, DJANGOS)
