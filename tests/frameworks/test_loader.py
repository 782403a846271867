"""Loading a framework file: a good file becomes a version with every stage, question and group; a
bad file is refused whole with file, line and field, and leaves nothing in the database."""

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from heathub.cli import app
from heathub.frameworks.loader import (
    DEFAULT_FILE,
    FrameworkFileError,
    ensure_default_framework,
    load_framework_file,
)
from heathub.frameworks.models import (
    AnswerKind,
    Dimension,
    FrameworkVersion,
    PopulationGroup,
    PublishedVersionIsReadOnly,
    Question,
    Stage,
)

HEAT_KEYS = [
    "prepare.scope",
    "prepare.timing",
    "prepare.team",
    "prepare.evidence_plan",
    "assess.inequalities",
    "assess.groups",
    "assess.where",
    "assess.drivers",
    "assess.effect",
    "assess.equality_duty",
    "assess.data_gaps",
    "refine.opportunities",
    "refine.actions",
    "refine.measures",
    "refine.signoff",
    "review.delivery",
    "review.change",
    "review.learning",
    "review.next",
]
PROTECTED = [
    "Age",
    "Disability",
    "Gender reassignment",
    "Marriage and civil partnership",
    "Pregnancy and maternity",
    "Race",
    "Religion or belief",
    "Sex",
    "Sexual orientation",
]


def edited(tmp_path: Path, old: str, new: str, name: str = "heat.yaml") -> Path:
    text = DEFAULT_FILE.read_text(encoding="utf-8")
    assert old in text, f"the test's anchor {old!r} is not in the bundled file"
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    lines = [i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line]
    return lines[occurrence - 1]


def assert_nothing_loaded() -> None:
    assert FrameworkVersion.objects.count() == 0
    assert Stage.objects.count() == 0
    assert Question.objects.count() == 0
    assert PopulationGroup.objects.count() == 0


def test_the_bundled_file_loads_every_stage_question_and_group(db) -> None:
    version = load_framework_file(DEFAULT_FILE)

    assert version.wording == "paraphrase"
    assert "paraphrase" in version.notice
    assert "OHID" in version.notice
    assert version.source_text == DEFAULT_FILE.read_text(encoding="utf-8")
    assert [s.key for s in version.stages.all()] == ["prepare", "assess", "refine", "review"]
    questions = list(Question.objects.filter(stage__framework_version=version))
    assert [q.key for q in questions] == HEAT_KEYS
    assert all(q.help_text.strip() and q.options["short_title"] for q in questions)
    assert {q.answer_kind for q in questions} == set(AnswerKind.values)


def test_kind_specific_options_are_kept(framework) -> None:
    def question(key: str) -> Question:
        return Question.objects.get(stage__framework_version=framework, key=key)

    assert question("prepare.scope").options["limit"] == 5000
    timing = question("prepare.timing")
    assert timing.answer_kind == AnswerKind.CHOICE
    assert [c["key"] for c in timing.options["choices"]] == [
        "planning",
        "commissioning",
        "delivery",
        "change",
    ]
    assert question("prepare.team").options["required_role"] == "sponsor"
    assert not question("prepare.evidence_plan").required
    duty = question("assess.equality_duty")
    assert [p["key"] for p in duty.options["parts"]] == [
        "eliminate_discrimination",
        "advance_equality",
        "foster_good_relations",
    ]
    assert question("assess.effect").options["part"] == "effect"
    assert question("review.delivery").options["part"] == "review"
    assert question("review.next").answer_kind == AnswerKind.DATE


def test_population_groups_cover_every_dimension(framework) -> None:
    groups = framework.population_groups.all()
    protected = [g.label for g in groups if g.dimension == Dimension.PROTECTED]
    assert protected == PROTECTED
    core20 = groups.get(key="core20")
    assert core20.dimension == Dimension.SOCIOECONOMIC
    assert core20.imd_editions == ["2025", "2019"]
    inclusion = {g.key for g in groups if g.dimension == Dimension.INCLUSION}
    assert {"homelessness", "gypsy-roma-traveller", "modern-slavery"} <= inclusion
    sections = {g.section: [] for g in groups if g.dimension == Dimension.CORE20PLUS5}
    for g in groups.filter(dimension=Dimension.CORE20PLUS5):
        sections[g.section].append(g.label)
    adults, children = (
        sections["Core20PLUS5: five clinical areas for adults"],
        sections["Core20PLUS5: five clinical areas for children and young people"],
    )
    assert adults[:5] == [
        "Maternity",
        "Severe mental illness",
        "Chronic respiratory disease",
        "Early cancer diagnosis",
        "Hypertension case-finding",
    ]
    assert children == ["Asthma", "Diabetes", "Epilepsy", "Oral health", "Mental health"]
    assert groups.filter(dimension=Dimension.GEOGRAPHIC, key="coastal").exists()


@pytest.mark.parametrize(
    ("old", "new", "line_needle", "field", "expected"),
    [
        pytest.param(
            "kind: choice",
            "kind: essay",
            "kind: essay",
            "stages[prepare].questions[prepare.timing].kind",
            "expected one of text, choice, people, groups, evidence, actions, yesno, date",
            id="wrong kind",
        ),
        pytest.param(
            "      - {key: sex, label: Sex}",
            "      - {key: sex, label: Sex, key: sexx}",
            "key: sexx",
            "key",
            "this key appears twice in the same mapping",
            id="duplicate YAML key",
        ),
        pytest.param(
            "        short_title: Who takes part\n",
            "",
            "key: prepare.team",
            "stages[prepare].questions[prepare.team].short_title",
            "required, but missing",
            id="missing required field",
        ),
        pytest.param(
            "name: HEAT (heathub paraphrase)",
            "name: [HEAT (heathub paraphrase)",
            "version:",
            None,
            "not valid YAML",
            id="bad YAML syntax",
        ),
        pytest.param(
            "key: refine.opportunities",
            "key: prepare.scope",
            "key: prepare.scope",
            "stages[refine].questions[prepare.scope].key",
            "the question key 'prepare.scope' is used twice",
            id="duplicate question key",
        ),
        pytest.param(
            "  - key: review\n",
            "  - key: evaluate\n",
            "key: evaluate",
            "stages[evaluate].key",
            "expected 'prepare', 'assess', 'refine' or 'review'; got 'evaluate'",
            id="unknown stage",
        ),
        pytest.param(
            "        limit: 1000\n",
            "        limit: 1000\n        colour: red\n",
            "colour: red",
            "stages[prepare].questions[prepare.timing].colour",
            "a choice question cannot have this option",
            id="option the kind does not have",
        ),
        pytest.param(
            'version: "1"',
            "version: 1",
            "version: 1",
            "version",
            "expected text, got the number 1 (put it in quotes)",
            id="number where text is expected",
        ),
    ],
)
def test_a_bad_file_is_refused_with_file_line_and_field(
    db, tmp_path, old, new, line_needle, field, expected
) -> None:
    path = edited(tmp_path, old, new)
    with pytest.raises(FrameworkFileError) as refused:
        load_framework_file(path)
    message = str(refused.value)
    first = message.splitlines()[0]
    line = line_of(path, line_needle, occurrence=2 if "used twice" in expected else 1)
    prefix = f"{path}:{line}: " + (f"{field}: " if field else "")
    assert first.startswith(prefix), message
    assert expected in first
    assert_nothing_loaded()


def test_every_problem_in_a_file_is_listed(db, tmp_path) -> None:
    path = edited(tmp_path, "kind: choice", "kind: essay")
    path.write_text(path.read_text().replace("required_role: sponsor", "required_role: chair"))
    with pytest.raises(FrameworkFileError) as refused:
        load_framework_file(path)
    lines = str(refused.value).splitlines()
    assert len(lines) == 1  # structure first: cross-item rules are checked on a well-formed file
    path = edited(tmp_path, "required_role: sponsor", "required_role: chair")
    path.write_text(path.read_text().replace("key: assess.where", "key: assess.groups"))
    with pytest.raises(FrameworkFileError) as refused:
        load_framework_file(path)
    messages = str(refused.value).splitlines()
    assert any("'chair' is not one of the roles" in m for m in messages)
    assert any("'assess.groups' is used twice" in m for m in messages)
    assert all(re.match(rf"{re.escape(str(path))}:\d+: ", m) for m in messages)


def test_the_same_name_and_version_cannot_be_loaded_twice(db) -> None:
    load_framework_file(DEFAULT_FILE)
    with pytest.raises(FrameworkFileError, match="version 1 is already loaded"):
        load_framework_file(DEFAULT_FILE)
    assert FrameworkVersion.objects.count() == 1


def test_a_new_version_keeps_the_keys_and_is_offered_instead_of_the_old(db, tmp_path) -> None:
    first = load_framework_file(DEFAULT_FILE)
    path = edited(tmp_path, 'version: "1"', 'version: "2"')
    path.write_text(path.read_text().replace("What is the work,", "What is the project,"))
    second = load_framework_file(path)

    first.refresh_from_db()
    assert not first.active
    assert second.active
    assert ensure_default_framework() == second
    old_prompt = Question.objects.get(stage__framework_version=first, key="prepare.scope").prompt
    assert old_prompt.startswith("What is the work,")  # the published version is unchanged
    keys = set(
        Question.objects.filter(stage__framework_version=second).values_list("key", flat=True)
    )
    assert keys == set(HEAT_KEYS)


def test_ensure_default_framework_loads_once(db) -> None:
    first = ensure_default_framework()
    assert ensure_default_framework() == first
    assert FrameworkVersion.objects.count() == 1


def test_the_cli_loads_a_file_and_refuses_a_bad_one(db, tmp_path) -> None:
    runner = CliRunner()
    loaded = runner.invoke(app, ["frameworks", "load", str(DEFAULT_FILE)])
    assert loaded.exit_code == 0, loaded.output
    assert "Loaded HEAT (heathub paraphrase) 1 (4 stages)" in loaded.output
    bad = edited(tmp_path, 'version: "1"', 'version: "2"\nwording: official')
    refused = runner.invoke(app, ["frameworks", "load", str(bad)], terminal_width=400)
    assert refused.exit_code == 1
    assert "Not loaded." in refused.output
    assert "wording: this key appears twice" in refused.output
    assert FrameworkVersion.objects.count() == 1


def test_questions_of_a_loaded_version_cannot_be_edited(framework) -> None:
    question = Question.objects.get(stage__framework_version=framework, key="prepare.scope")
    question.prompt = "Something else"
    with pytest.raises(PublishedVersionIsReadOnly):
        question.save()
    question.refresh_from_db()
    assert question.prompt.startswith("What is the work")


def test_heathub_demo_loads_the_bundled_framework_once(db) -> None:
    runner = CliRunner()
    for _ in range(2):
        result = runner.invoke(app, ["demo"], terminal_width=200)
        assert result.exit_code == 0, result.output
        assert "HEAT framework: HEAT (heathub paraphrase) 1" in result.output
    assert FrameworkVersion.objects.count() == 1
