"""Post an admin change form the way a browser would: every current value, plus changes."""


def _value(bound):
    value = bound.value()
    if value is True:
        return "on"
    if value is None or value is False:
        return None
    if isinstance(value, list):
        return value
    return str(value)


def current_form_data(client, url):
    """The data a browser would submit from the admin form at `url`, unchanged."""
    response = client.get(url)
    assert response.status_code == 200
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        data[name] = _value(form[name])
        if field.show_hidden_initial:  # fields with a callable default, as browsers send
            data[form.add_initial_prefix(name)] = _value(form[name])
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = _value(management[name])
        for subform in formset.forms:
            for name in subform.fields:
                data[subform.add_prefix(name)] = _value(subform[name])
    return {key: value for key, value in data.items() if value is not None}
