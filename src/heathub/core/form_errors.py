"""GOV.UK-style error summary items from a Django form: each links to the field it names."""

from django import forms


def field_anchor(form: forms.BaseForm, name: str) -> str:
    if name == "__all__":  # a whole-form error links to the first field, as GOV.UK does
        name = next(iter(form.fields), name)
    field = form.fields.get(name)
    widget_id = form[name].auto_id if field is not None else name
    # date inputs are three boxes; the summary links to the first (the NHS.UK macro's "-day")
    if isinstance(getattr(field, "widget", None), forms.MultiWidget):
        return f"#{widget_id}-day"
    return f"#{widget_id}"


def error_list(form: forms.BaseForm) -> list[dict[str, str]]:
    items = []
    for name, errors in form.errors.items():
        for message in errors:
            items.append({"text": str(message), "href": field_anchor(form, name)})
    return items


def field_error(form: forms.BaseForm, name: str) -> dict[str, str] | None:
    """The `errorMessage` param of an NHS.UK macro for one field, or None."""
    errors = form.errors.get(name)
    return {"text": " ".join(str(e) for e in errors)} if errors else None
