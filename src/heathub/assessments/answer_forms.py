"""Forms for answering: one question's page (fields by answer kind), the groups pages, an
action, and the check-your-answers page's problems."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from heathub.accounts.models import User
from heathub.assessments import answer_kinds
from heathub.assessments.forms import DateInputField, limit_messages
from heathub.assessments.models import (
    ActionStatus,
    Assessment,
    Confidence,
    ExpectedEffect,
    PopulationGroupConsideration,
)
from heathub.frameworks.models import AnswerKind, PopulationGroup, Question

BLANK_ROWS = 2  # people and evidence pages show this many empty rows; save to get more
ACTION_DESCRIPTION_LIMIT = 500
GROUP_TEXT_LIMIT = 1500
LOCAL_GROUP_LABEL_LIMIT = 100


# ---- answering a question


def _row_count(data: Any, prefix: str, existing: int) -> int:
    if data is None:
        return existing + BLANK_ROWS
    numbers = [
        int(m.group(1))
        for key in data
        if (m := re.fullmatch(rf"{prefix}-(\d+)-\w+", key)) and int(m.group(1)) <= 200
    ]
    return max(numbers, default=0)


class QuestionForm(forms.Form):
    """One question's page. Fields depend on the answer kind (answer_kinds.py has the shapes)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self,
        question: Question,
        assessment: Assessment,
        *args: Any,
        value: dict[str, Any] | None = None,
        version: int = 0,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.question = question
        self.assessment = assessment
        value = value or {}
        self.initial["version"] = version
        kind = question.answer_kind
        if answer_kinds.asks_text(question):
            limit = answer_kinds.text_limit(question)
            self.fields["text"] = forms.CharField(
                required=False,
                max_length=limit,
                widget=forms.Textarea,
                label=answer_kinds.text_label(question),
                error_messages=limit_messages("Your answer", limit),
            )
            self.initial["text"] = value.get("text", "")
        builder = getattr(self, f"_build_{kind}", None)
        if builder is not None:
            builder(value)

    # kind builders: add fields and their initial values

    def _build_choice(self, value: dict[str, Any]) -> None:
        self.fields["choice"] = forms.ChoiceField(
            required=False,
            choices=answer_kinds.choices(self.question),
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": "Select one of the options"},
        )
        self.initial["choice"] = value.get("choice", "")

    def _build_people(self, value: dict[str, Any]) -> None:
        people = value.get("people") or []
        self.people_rows = _row_count(self.data if self.is_bound else None, "person", len(people))
        role_choices = [("", "Choose a role"), *answer_kinds.roles(self.question)]
        for i in range(1, self.people_rows + 1):
            self.fields[f"person-{i}-name"] = forms.CharField(
                required=False, max_length=150, error_messages=limit_messages("A name", 150)
            )
            self.fields[f"person-{i}-role"] = forms.ChoiceField(
                required=False, choices=role_choices
            )
            if i <= len(people):
                self.initial[f"person-{i}-name"] = people[i - 1].get("name", "")
                self.initial[f"person-{i}-role"] = people[i - 1].get("role", "")

    def _build_evidence(self, value: dict[str, Any]) -> None:
        items = value.get("items") or []
        self.item_rows = _row_count(self.data if self.is_bound else None, "item", len(items))
        for i in range(1, self.item_rows + 1):
            self.fields[f"item-{i}-title"] = forms.CharField(
                required=False, max_length=200, error_messages=limit_messages("A title", 200)
            )
            self.fields[f"item-{i}-url"] = forms.URLField(
                required=False,
                max_length=500,
                assume_scheme="https",
                error_messages={
                    "invalid": "Enter a link in the correct format, like https://fingertips.phe.org.uk",
                    **limit_messages("A link", 500),
                },
            )
            self.fields[f"item-{i}-source"] = forms.CharField(
                required=False, max_length=200, error_messages=limit_messages("A source", 200)
            )
            self.fields[f"item-{i}-date"] = DateInputField(label="Date of the evidence")
            if i <= len(items):
                for part in ("title", "url", "source", "date"):
                    self.initial[f"item-{i}-{part}"] = items[i - 1].get(part, "")

    def _build_yesno(self, value: dict[str, Any]) -> None:
        parts = value.get("parts") or {}
        for key, _label in answer_kinds.yesno_parts(self.question):
            self.fields[f"{key}-answer"] = forms.ChoiceField(
                required=False, choices=answer_kinds.YESNO, widget=forms.RadioSelect
            )
            self.fields[f"{key}-explanation"] = forms.CharField(
                required=False,
                max_length=answer_kinds.SHORT_TEXT_LIMIT * 3,
                widget=forms.Textarea,
                error_messages=limit_messages(
                    "Your explanation", answer_kinds.SHORT_TEXT_LIMIT * 3
                ),
            )
            part = parts.get(key) or {}
            self.initial[f"{key}-answer"] = part.get("answer", "")
            self.initial[f"{key}-explanation"] = part.get("explanation", "")

    def _build_date(self, value: dict[str, Any]) -> None:
        parts = value.get("parts") or {}
        for key, _label in answer_kinds.date_parts_asked(self.question):
            self.fields[f"{key}-answer"] = forms.ChoiceField(
                required=False, choices=answer_kinds.YESNO, widget=forms.RadioSelect
            )
            self.initial[f"{key}-answer"] = (parts.get(key) or {}).get("answer", "")
        self.fields["date"] = DateInputField(label="Date")
        self.initial["date"] = value.get("date", "")

    # reading the answer back

    def answer_value(self) -> dict[str, Any]:
        """The JSON to store, from cleaned data (call after is_valid())."""
        data = self.cleaned_data
        value: dict[str, Any] = {}
        if "text" in self.fields:
            value["text"] = data.get("text", "")
        kind = self.question.answer_kind
        if kind == AnswerKind.CHOICE:
            value["choice"] = data.get("choice", "")
        elif kind == AnswerKind.PEOPLE:
            value["people"] = [
                {"name": data[f"person-{i}-name"].strip(), "role": data[f"person-{i}-role"]}
                for i in range(1, self.people_rows + 1)
                if data.get(f"person-{i}-name", "").strip() or data.get(f"person-{i}-role")
            ]
        elif kind == AnswerKind.EVIDENCE:
            items = []
            for i in range(1, self.item_rows + 1):
                item = {
                    "title": data.get(f"item-{i}-title", "").strip(),
                    "url": data.get(f"item-{i}-url", ""),
                    "source": data.get(f"item-{i}-source", "").strip(),
                    "date": d.isoformat() if (d := data.get(f"item-{i}-date")) else "",
                }
                if any(item.values()):
                    items.append(item)
            value["items"] = items
        elif kind == AnswerKind.YESNO:
            value["parts"] = {
                key: {
                    "answer": data.get(f"{key}-answer", ""),
                    "explanation": data.get(f"{key}-explanation", "").strip(),
                }
                for key, _ in answer_kinds.yesno_parts(self.question)
            }
        elif kind == AnswerKind.DATE:
            value["date"] = d.isoformat() if (d := data.get("date")) else ""
            asked = answer_kinds.date_parts_asked(self.question)
            if asked:
                value["parts"] = {k: {"answer": data.get(f"{k}-answer", "")} for k, _ in asked}
        return value

    def add_problems(self, problems: list[answer_kinds.Problem]) -> None:
        """Required-answer problems beside their fields (the form may be unbound: it shows the
        answer just saved). A problem without an input (a list or a link) is linked by id."""
        for problem in problems:
            self.errors.setdefault(problem.field, self.error_class()).append(problem.message)


class GroupsForm(QuestionForm):
    """A groups question: the checklist (for the selecting question) and, for each ticked group
    or intersection, the fields this question asks about."""

    def __init__(
        self,
        question: Question,
        assessment: Assessment,
        *args: Any,
        considerations: list[PopulationGroupConsideration],
        **kwargs: Any,
    ) -> None:
        super().__init__(question, assessment, *args, **kwargs)
        self.considerations = considerations
        self.group_fields = answer_kinds.group_fields(question)
        self.shows_checklist = answer_kinds.group_part(question) == "select"
        if self.shows_checklist:
            from heathub.assessments.actions import groups_for

            groups = list(groups_for(assessment))
            self.available_groups = groups
            self.fields["groups"] = forms.TypedMultipleChoiceField(
                required=False,
                coerce=int,
                choices=[(g.pk, g.label) for g in groups],
                widget=forms.CheckboxSelectMultiple,
            )
            self.initial["groups"] = [
                c.groups.all()[0].pk for c in considerations if len(c.groups.all()) == 1
            ]
        for c in considerations:
            self._consideration_fields(c)

    def _consideration_fields(self, c: PopulationGroupConsideration) -> None:
        p = f"c{c.pk}"
        text = {"required": False, "max_length": GROUP_TEXT_LIMIT, "widget": forms.Textarea}
        too_long = limit_messages("This text", GROUP_TEXT_LIMIT)
        if "lenses" in self.group_fields:
            self.fields[f"{p}-lenses"] = forms.MultipleChoiceField(
                required=False,
                choices=[
                    ("access", "Access"),
                    ("experience", "Experience"),
                    ("outcomes", "Outcomes"),
                ],
                widget=forms.CheckboxSelectMultiple,
            )
            self.initial[f"{p}-lenses"] = [
                lens
                for lens, on in (
                    ("access", c.affected_access),
                    ("experience", c.affected_experience),
                    ("outcomes", c.affected_outcomes),
                )
                if on
            ]
        for name in ("affected_how", "evidence", "effect_rationale", "mitigation"):
            if name in self.group_fields:
                self.fields[f"{p}-{name}"] = forms.CharField(**text, error_messages=too_long)  # type: ignore[arg-type]
                self.initial[f"{p}-{name}"] = getattr(c, name)
        if "evidence_links" in self.group_fields:
            self.fields[f"{p}-evidence_links"] = forms.CharField(
                required=False,
                max_length=2000,
                widget=forms.Textarea,
                error_messages=limit_messages("The links", 2000),
            )
            self.initial[f"{p}-evidence_links"] = "\n".join(c.evidence_links)
        if "confidence" in self.group_fields:
            self.fields[f"{p}-confidence"] = forms.ChoiceField(
                required=False, choices=Confidence.choices, widget=forms.RadioSelect
            )
            self.initial[f"{p}-confidence"] = c.confidence
        if "expected_effect" in self.group_fields:
            self.fields[f"{p}-expected_effect"] = forms.ChoiceField(
                required=False, choices=ExpectedEffect.choices, widget=forms.RadioSelect
            )
            self.initial[f"{p}-expected_effect"] = c.expected_effect
        editions = [e for g in c.groups.all() for e in (g.imd_editions or [])]
        if "imd_edition" in self.group_fields and editions:
            self.fields[f"{p}-imd_edition"] = forms.ChoiceField(
                required=False,
                choices=[(e, f"IMD {e}") for e in dict.fromkeys(editions)],
                widget=forms.RadioSelect,
            )
            self.initial[f"{p}-imd_edition"] = c.imd_edition
        if len(c.groups.all()) > 1:
            self.fields[f"{p}-remove"] = forms.BooleanField(required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        url_field = forms.URLField(assume_scheme="https")
        for c in self.considerations:
            name = f"c{c.pk}-evidence_links"
            raw = cleaned.get(name)
            if not raw:
                continue
            links = [line.strip() for line in raw.splitlines() if line.strip()]
            try:
                cleaned[name] = [url_field.clean(link) for link in links]
            except ValidationError:
                self.add_error(name, "Enter each link on its own line, like https://example.org")
        return cleaned

    def edits(self) -> list[Any]:
        from heathub.assessments.actions import ConsiderationEdit

        data = self.cleaned_data
        result = []
        for c in self.considerations:
            p = f"c{c.pk}"
            values: dict[str, Any] = {}
            if f"{p}-lenses" in self.fields:
                lenses = set(data.get(f"{p}-lenses") or [])
                values["affected_access"] = "access" in lenses
                values["affected_experience"] = "experience" in lenses
                values["affected_outcomes"] = "outcomes" in lenses
            for name in (
                "affected_how",
                "evidence",
                "evidence_links",
                "confidence",
                "expected_effect",
                "effect_rationale",
                "mitigation",
                "imd_edition",
            ):
                if f"{p}-{name}" in self.fields:
                    values[name] = data.get(f"{p}-{name}") or (
                        [] if name == "evidence_links" else ""
                    )
            result.append(ConsiderationEdit(c.pk, values))
        return result

    def removed_ids(self) -> set[int]:
        return {c.pk for c in self.considerations if self.cleaned_data.get(f"c{c.pk}-remove")}

    def ticked_group_ids(self) -> set[int] | None:
        if not self.shows_checklist:
            return None
        return set(self.cleaned_data.get("groups") or [])


class IntersectionForm(forms.Form):
    groups = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least two groups that overlap"},
    )

    def __init__(self, groups: list[PopulationGroup], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.available_groups = groups
        self.fields["groups"].choices = [(g.pk, g.label) for g in groups]  # type: ignore[attr-defined]

    def clean_groups(self) -> list[int]:
        chosen = self.cleaned_data["groups"]
        if len(chosen) < 2:
            raise ValidationError("Select at least two groups that overlap")
        return list(chosen)


class LocalGroupForm(forms.Form):
    label = forms.CharField(
        max_length=LOCAL_GROUP_LABEL_LIMIT,
        error_messages={
            "required": "Enter the name of the group",
            **limit_messages("The name", LOCAL_GROUP_LABEL_LIMIT),
        },
    )
    description = forms.CharField(
        required=False,
        max_length=500,
        widget=forms.Textarea,
        error_messages=limit_messages("The description", 500),
    )


class ActionForm(forms.Form):
    description = forms.CharField(
        max_length=ACTION_DESCRIPTION_LIMIT,
        widget=forms.Textarea,
        error_messages={
            "required": "Describe the action",
            **limit_messages("The description", ACTION_DESCRIPTION_LIMIT),
        },
    )
    owner_user = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, empty_label="Someone not on heathub"
    )
    owner_name = forms.CharField(
        required=False, max_length=150, error_messages=limit_messages("The name", 150)
    )
    due_on = DateInputField(label="Due date", required=True)
    status = forms.ChoiceField(
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        initial=ActionStatus.PLANNED,
        error_messages={"required": "Select the status of the action"},
    )
    measure = forms.CharField(
        required=False,
        max_length=500,
        widget=forms.Textarea,
        error_messages=limit_messages("The measure", 500),
    )
    groups = forms.TypedMultipleChoiceField(
        required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    updated_at = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, assessment: Assessment, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["due_on"].error_messages["required"] = "Enter the due date"
        self.fields["owner_user"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            memberships__organisation=assessment.organisation
        )
        ticked = PopulationGroup.objects.filter(considerations__assessment=assessment).distinct()
        self.fields["groups"].choices = [(g.pk, g.label) for g in ticked]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        no_owner = not cleaned.get("owner_user") and not (cleaned.get("owner_name") or "").strip()
        if no_owner and "owner_name" not in self.errors:
            self.add_error("owner_name", "Choose a member as owner or enter the owner's name")
        return cleaned


class CheckAnswersForm(forms.Form):
    """No inputs: carries the problems the check-your-answers page found, for the summary."""

    def add_problems(
        self, problems: dict[str, list[answer_kinds.Problem]], titles: dict[str, str]
    ) -> None:
        for key, found in problems.items():
            anchor = "answer-" + key.replace(".", "-")
            for problem in found:
                self.errors.setdefault(anchor, self.error_class()).append(
                    f"{titles.get(key, key)}: {problem.message}"
                )
