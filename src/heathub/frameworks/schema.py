"""What a framework file must contain: the pydantic schema the loader checks every file against.

One model per answer kind, chosen by the question's `kind`; each kind allows only its own
options (choices, yes/no parts, text limits...). Unknown fields are refused, so a misspelt option
is reported instead of silently ignored. Rules across items (keys used twice, a question in the
wrong stage) are in `cross_problems`, which names the exact item so the loader can give its line.
"""

import datetime
from collections.abc import Sequence
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

STAGE_KEYS = ("prepare", "assess", "refine", "review")
MAX_TEXT_LIMIT = 20_000
DEFAULT_TEXT_LIMIT = 5_000

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+([_-][a-z0-9]+)*$", max_length=80)]
QuestionKey = Annotated[str, StringConstraints(pattern=r"^[a-z]+\.[a-z0-9_]+$", max_length=80)]
Limit = Annotated[int, Field(ge=1, le=MAX_TEXT_LIMIT)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Option(Strict):
    """A choice, a role or a yes/no part: a stable key and the words shown."""

    key: Slug
    label: Text


class QuestionBase(Strict):
    key: QuestionKey
    prompt: Text
    short_title: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)
    ]
    help: Text
    required: bool = True
    # a text box beside the main answer: its label (for text questions, the answer itself)
    text: Text | None = None
    limit: Limit = DEFAULT_TEXT_LIMIT


class TextQuestion(QuestionBase):
    kind: Literal["text"]


class ChoiceQuestion(QuestionBase):
    kind: Literal["choice"]
    choices: Annotated[list[Option], Field(min_length=2)]


class PeopleQuestion(QuestionBase):
    kind: Literal["people"]
    roles: Annotated[list[Option], Field(min_length=1)]
    required_role: Slug | None = None


class GroupsQuestion(QuestionBase):
    kind: Literal["groups"]
    # select: tick the groups; where: access/experience/outcomes; effect: narrow/widen/none
    part: Literal["select", "where", "effect"] = "select"


class EvidenceQuestion(QuestionBase):
    kind: Literal["evidence"]


class ActionsQuestion(QuestionBase):
    kind: Literal["actions"]
    # plan: add actions; review: update the status of the actions planned earlier
    part: Literal["plan", "review"] = "plan"


class YesNoQuestion(QuestionBase):
    """One or more yes/no parts, each with a required explanation (the PSED's three aims)."""

    kind: Literal["yesno"]
    parts: Annotated[list[Option], Field(min_length=1)]


class DateQuestion(QuestionBase):
    kind: Literal["date"]
    # yes/no parts asked beside the date (review.next: are gaps still open?)
    parts: list[Option] = []


Question = Annotated[
    TextQuestion
    | ChoiceQuestion
    | PeopleQuestion
    | GroupsQuestion
    | EvidenceQuestion
    | ActionsQuestion
    | YesNoQuestion
    | DateQuestion,
    Field(discriminator="kind"),
]
ANSWER_KINDS = ("text", "choice", "people", "groups", "evidence", "actions", "yesno", "date")


class Stage(Strict):
    key: Literal["prepare", "assess", "refine", "review"]
    title: Text
    intro: Text
    questions: Annotated[list[Question], Field(min_length=1)]


class Group(Strict):
    key: Slug
    label: Text
    description: str = ""
    # Core20 depends on the IMD edition (its 20% changes): editions a team may pick, newest first
    imd_editions: list[Literal["2019", "2025"]] = []


class GroupSection(Strict):
    dimension: Literal["protected", "socioeconomic", "geographic", "inclusion", "core20plus5"]
    section: Text
    groups: Annotated[list[Group], Field(min_length=1)]


class FrameworkFile(Strict):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    version: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
    wording: Literal["paraphrase", "official"]
    notice: str = ""
    published_on: datetime.date | None = None
    source_url: str = ""
    licence_note: str = ""
    stages: Annotated[list[Stage], Field(min_length=1)]
    population_groups: list[GroupSection] = []


Loc = tuple[str | int, ...]


def _duplicates(keys: Sequence[str]) -> list[int]:
    """Indexes of keys already seen earlier in the list (the second and later uses)."""
    seen: set[str] = set()
    repeated = []
    for index, key in enumerate(keys):
        if key in seen:
            repeated.append(index)
        seen.add(key)
    return repeated


def _option_lists(question: BaseModel) -> list[tuple[str, list[Option]]]:
    return [
        (name, getattr(question, name))
        for name in ("choices", "roles", "parts")
        if getattr(question, name, None)
    ]


def cross_problems(spec: FrameworkFile) -> list[tuple[Loc, str]]:
    """Rules across items, each reported at the item that breaks it."""
    problems: list[tuple[Loc, str]] = []
    if spec.wording == "paraphrase" and not spec.notice.strip():
        problems.append((("notice",), "a paraphrase needs a notice saying so (pages show it)"))
    stage_keys = [s.key for s in spec.stages]
    for i in _duplicates(stage_keys):
        problems.append((("stages", i, "key"), f"the stage {stage_keys[i]!r} appears twice"))
    all_question_keys: list[str] = []
    for i, stage in enumerate(spec.stages):
        for j, question in enumerate(stage.questions):
            loc: Loc = ("stages", i, "questions", j)
            if question.key in all_question_keys:
                problems.append(((*loc, "key"), f"the question key {question.key!r} is used twice"))
            all_question_keys.append(question.key)
            if not question.key.startswith(stage.key + "."):
                problems.append(
                    (
                        (*loc, "key"),
                        f"a question in stage {stage.key!r} needs a key starting "
                        f"'{stage.key}.', like '{stage.key}.{question.key.split('.')[-1]}'",
                    )
                )
            for name, options in _option_lists(question):
                for k in _duplicates([o.key for o in options]):
                    problems.append(
                        ((*loc, name, k, "key"), f"the key {options[k].key!r} is used twice")
                    )
            role = getattr(question, "required_role", None)
            if role and role not in {r.key for r in getattr(question, "roles", [])}:
                problems.append(((*loc, "required_role"), f"{role!r} is not one of the roles"))
    group_keys = [
        (i, j, g.key) for i, s in enumerate(spec.population_groups) for j, g in enumerate(s.groups)
    ]
    for index in _duplicates([key for _, _, key in group_keys]):
        i, j, key = group_keys[index]
        problems.append(
            (("population_groups", i, "groups", j, "key"), f"the group key {key!r} is used twice")
        )
    return problems
