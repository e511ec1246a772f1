"""
A <select> rendered in Python, the same text as Django's templates make of it.

Django renders a select through a template and one included template per option: the
careers index's filters (50-odd states, a score of fields) took a third of its first
render that way. QuickSelect writes the same markup (django/forms/widgets/select.html,
select_option.html and attrs.html, newlines included) from the same context; anything
unusual (an option with its own template, a label that is not text) goes to Django's
templates as before.
"""

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe


def _text(value):
    """`{{ value|stringformat:'s' }}`: as text, escaped unless already safe."""
    text = str(value)
    return text if isinstance(value, SafeData) else conditional_escape(text)


def _attrs(attrs):
    """django/forms/widgets/attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {conditional_escape(name)}")
        if value is not True:
            parts.append(f'="{_text(value)}"')
    return "".join(parts)


class QuickSelect(forms.Select):
    def _render(self, template_name, context, renderer=None):
        widget = context["widget"]
        plain = template_name == self.template_name and all(
            option["template_name"] == self.option_template_name
            and isinstance(option["label"], str)
            for _, options, _ in widget["optgroups"]
            for option in options
        )
        if not plain:
            return super()._render(template_name, context, renderer)
        html = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _ in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                html.append(
                    f'\n  <option value="{_text(option["value"])}"{_attrs(option["attrs"])}>'
                    f"{conditional_escape(option['label'])}</option>\n"
                )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))
