"""NHS.UK macro params from a Django form's fields: ids the error summary links to, the value
typed or stored, the message beside the field. Templates call these and pass the result on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms

from heathub.core.form_errors import field_error


def _str(value: Any) -> str:
    return "" if value is None else str(value)


@dataclass
class FieldParams:
    form: forms.BaseForm

    def _id(self, name: str) -> str:
        return self.form[name].auto_id if name in self.form.fields else f"id_{name}"

    def value(self, name: str) -> Any:
        return self.form[name].value() if name in self.form.fields else None

    def error(self, name: str) -> dict[str, str] | None:
        return field_error(self.form, name)

    def _label(self, text: str, page_heading: bool = False) -> dict[str, Any]:
        label: dict[str, Any] = {"text": text}
        if page_heading:
            label.update(isPageHeading=True, classes="nhsuk-label--l")
        return label

    def input(self, name: str, label: str, hint: str | None = None, **extra: Any) -> dict[str, Any]:
        return {
            "label": self._label(label, extra.pop("page_heading", False)),
            "id": self._id(name),
            "name": self.form.add_prefix(name),
            "value": _str(self.value(name)),
            "hint": {"text": hint} if hint else None,
            "errorMessage": self.error(name),
            **extra,
        }

    def textarea(
        self, name: str, label: str, hint: str | None = None, **extra: Any
    ) -> dict[str, Any]:
        """A character-count textarea stating its limit (the field's max_length)."""
        field = self.form.fields[name]
        limit = getattr(field, "max_length", None)
        params = self.input(name, label, hint, rows=extra.pop("rows", 5), **extra)
        if limit:
            params["maxlength"] = limit
        return params

    def radios(
        self,
        name: str,
        legend: str,
        items: list[tuple[Any, str]] | None = None,
        hint: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        choices = items if items is not None else list(self.form.fields[name].choices)  # type: ignore[attr-defined]
        current = _str(self.value(name))
        return {
            "idPrefix": self._id(name),
            "name": self.form.add_prefix(name),
            "fieldset": {"legend": self._legend(legend, extra.pop("page_heading", False))},
            "hint": {"text": hint} if hint else None,
            "errorMessage": self.error(name),
            "items": [
                {"value": _str(v), "text": str(t), "checked": _str(v) == current}
                for v, t in choices
                if _str(v) != ""
            ],
            **extra,
        }

    def checkboxes(
        self,
        name: str,
        legend: str,
        items: list[tuple[Any, str]] | None = None,
        hint: str | None = None,
        id_prefix: str | None = None,
        show_error: bool = True,
        **extra: Any,
    ) -> dict[str, Any]:
        choices = items if items is not None else list(self.form.fields[name].choices)  # type: ignore[attr-defined]
        raw = self.value(name)
        if isinstance(raw, bool):  # a single yes/no box
            raw = ["on"] if raw else []
        current = {_str(v) for v in (raw or [])}
        return {
            "idPrefix": id_prefix or self._id(name),
            "name": self.form.add_prefix(name),
            "fieldset": {"legend": self._legend(legend, extra.pop("page_heading", False))},
            "hint": {"text": hint} if hint else None,
            "errorMessage": self.error(name) if show_error else None,
            "items": [
                {"value": _str(v), "text": str(t), "checked": _str(v) in current}
                for v, t in choices
            ],
            **extra,
        }

    def select(self, name: str, label: str, hint: str | None = None) -> dict[str, Any]:
        current = _str(self.value(name))
        choices = list(self.form.fields[name].choices)  # type: ignore[attr-defined]
        return {
            "id": self._id(name),
            "name": self.form.add_prefix(name),
            "label": {"text": label},
            "hint": {"text": hint} if hint else None,
            "errorMessage": self.error(name),
            "items": [
                {"value": _str(v), "text": str(t), "selected": _str(v) == current}
                for v, t in choices
            ],
        }

    def date(
        self, name: str, legend: str, values: dict[str, str], hint: str | None = None
    ) -> dict[str, Any]:
        base = self._id(name)
        full = self.form.add_prefix(name)
        error = self.error(name)
        return {
            "id": base,
            "fieldset": {"legend": {"text": legend}},
            "hint": {"text": hint or "For example, 25 11 2026"},
            "errorMessage": error,
            "items": [
                {
                    "id": f"{base}-{part}",
                    "name": f"{full}_{part}",
                    "label": part.capitalize(),
                    "value": values.get(part, ""),
                    "width": 4 if part == "year" else 2,
                    "classes": "nhsuk-input--error" if error else "",
                }
                for part in ("day", "month", "year")
            ],
        }

    @staticmethod
    def _legend(text: str, page_heading: bool) -> dict[str, Any]:
        legend: dict[str, Any] = {"text": text}
        if page_heading:
            legend.update(isPageHeading=True, classes="nhsuk-fieldset__legend--l")
        else:
            legend["classes"] = "nhsuk-fieldset__legend--s"
        return legend
