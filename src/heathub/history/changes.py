"""Read django-simple-history records as rows a person can follow: when, who, what, what changed
(field, old value, new value) and why, newest first.

Actions write the history (one reason per change); pages read it through `change_rows` and show
it with the `history/changes_table.jinja` partial::

    rows = change_rows(Membership.history.filter(organisation_id=org.pk), org.history.all())
    render(request, "orgs/history.jinja", {"rows": rows})

    {% from "history/changes_table.jinja" import changes_table %}
    {{ changes_table(rows, caption="Changes to this organisation") }}
"""

import datetime
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from heathub.core.dates import long_date, long_date_time

NOT_SET = "Not set"
ACTIONS = {"+": "Added", "~": "Changed", "-": "Removed"}
NEVER_SHOWN = {"id", "password", "last_login", "token_hash"}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class ChangeRow:
    when: datetime.datetime
    who: str
    action: str  # Added | Changed | Removed
    subject: str  # the object, e.g. "Priya Shah in Walsall Healthcare NHS Trust (Editor)"
    changes: tuple[FieldChange, ...]
    reason: str

    @property
    def when_text(self) -> str:
        """'25 November 2026, 9:31pm' in the site's time zone (UK time)."""
        return long_date_time(self.when)

    @property
    def shows_old_values(self) -> bool:
        """An addition has only new values."""
        return self.action != ACTIONS["+"]

    @property
    def what(self) -> str:
        return f"{self.action}: {self.subject}"


Describe = Callable[[Any], str]


def change_rows(
    *histories: Iterable[Any], describe: Describe | None = None, limit: int | None = None
) -> list[ChangeRow]:
    """Rows for the given historical records (querysets of `Model.history`), newest first.

    Each record is compared with the one before it for the same object; `describe` names the
    object in the "what" column (default: str() of the object as it was then).
    """
    records = [record for history in histories for record in history]
    by_object: dict[tuple[type, Any], list[Any]] = {}
    for record in records:
        key = (record.instance_type, getattr(record, record.instance_type._meta.pk.attname))
        by_object.setdefault(key, []).append(record)
    rows = []
    for versions in by_object.values():
        versions.sort(key=lambda r: (r.history_date, r.history_id))
        previous = None
        for record in versions:
            rows.append(_row(record, previous, describe or _describe))
            previous = record
    rows.sort(key=lambda row: row.when, reverse=True)
    return rows[:limit] if limit else rows


def _row(record: Any, previous: Any, describe: Describe) -> ChangeRow:
    model = record.instance_type
    if record.history_type == "~" and previous is not None:
        delta = record.diff_against(previous, foreign_keys_are_objs=True)
        changes = tuple(
            FieldChange(
                _label(model, c.field), _show(model, c.field, c.old), _show(model, c.field, c.new)
            )
            for c in delta.changes
            if c.field not in NEVER_SHOWN
        )
    elif record.history_type == "+":
        changes = tuple(
            FieldChange(_label(model, f.name), NOT_SET, _show(model, f.name, _value(record, f)))
            for f in record.tracked_fields
            if f.editable and f.name not in NEVER_SHOWN and _value(record, f) not in (None, "")
        )
    else:
        changes = ()
    user = record.history_user
    return ChangeRow(
        when=record.history_date,
        who=user.get_full_name() if user is not None else "heathub (no person recorded)",
        action=ACTIONS.get(record.history_type, "Changed"),
        subject=describe(record),
        changes=changes,
        reason=record.history_change_reason or "",
    )


def _describe(record: Any) -> str:
    try:
        return str(record.instance)
    except models.ObjectDoesNotExist:  # something it pointed to is gone for good
        return f"{record.instance_type._meta.verbose_name} {record.pk}"


def _value(record: Any, field: models.Field[Any, Any]) -> Any:
    if isinstance(field, models.ForeignKey):
        try:
            return getattr(record, field.name)
        except models.ObjectDoesNotExist:
            return None
    return getattr(record, field.attname)


def _label(model: type[models.Model], name: str) -> str:
    try:
        label = str(getattr(model._meta.get_field(name), "verbose_name", name))
    except FieldDoesNotExist:
        label = name.replace("_", " ")
    return label[:1].upper() + label[1:]


def _show(model: type[models.Model], name: str, value: Any) -> str:
    """A value as a person reads it: choice labels, Yes/No, dates, names, 'Not set'."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        field = None
    if isinstance(field, models.ManyToManyField):  # rows of the through table, as dicts
        names = [str(v) for row in value for k, v in row.items() if k != model._meta.model_name]
        return ", ".join(names) or NOT_SET
    if isinstance(value, dict | list):  # a JSON field
        return json.dumps(value, ensure_ascii=False) if value else NOT_SET
    if value is None or value == "":
        return NOT_SET
    if isinstance(value, bool):
        return "Yes" if value else "No"
    choices = dict(getattr(field, "flatchoices", None) or ())
    if value in choices:
        return str(choices[value])
    if isinstance(value, datetime.datetime):
        return long_date_time(value)
    if isinstance(value, datetime.date):
        return long_date(value)
    if type(value).__name__ == "DeletedObject":
        return "(since deleted)"
    return str(value)
