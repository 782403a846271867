"""Load a framework file (YAML 1.2) as a new, never-edited FrameworkVersion, or refuse it whole.

A bad file is refused with one line per problem, `file:line: field: what was expected`, and
nothing is saved. ruamel.yaml keeps the line of every key and refuses duplicate keys (PyYAML does
neither, and reads `no` as false); pydantic (schema.py) checks the shape.
"""

import re
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from pydantic import ValidationError
from pydantic_core import ErrorDetails
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from heathub.frameworks import schema
from heathub.frameworks.models import FrameworkVersion, PopulationGroup, Question, Stage

DEFAULT_FILE = Path(__file__).parent / "data" / "heat-paraphrase-v1.yaml"
KIND_OPTIONS = ("text", "limit", "choices", "roles", "required_role", "parts", "part")


class FrameworkFileError(Exception):
    """A framework file that cannot be loaded; the message says where and why, line by line."""


def ensure_default_framework() -> FrameworkVersion:
    """The newest version offered for new assessments; loads the bundled paraphrase if there is
    none (a fresh database, `heathub demo`, a test)."""
    existing = FrameworkVersion.objects.order_by("-active", "-loaded_at", "-pk").first()
    return existing or load_framework_file(DEFAULT_FILE)


def load_framework_file(path: Path | str) -> FrameworkVersion:
    """Check the file and save it as a new version, in one transaction.

    Raises FrameworkFileError for bad YAML, a file that does not match the schema, or a name and
    version that are already loaded.
    """
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise FrameworkFileError(f"{name}: cannot be read as UTF-8 text ({error})") from None
    spec = parse_framework(text, name)
    return save_framework(spec, text, name)


def parse_framework(text: str, name: str = "<framework>") -> schema.FrameworkFile:
    tree = _read_yaml(text, name)
    if not isinstance(tree, CommentedMap):
        raise FrameworkFileError(
            f"{name}:1: the file must be a mapping with name, version, wording and stages"
        )
    try:
        spec = schema.FrameworkFile.model_validate(tree)
    except ValidationError as error:
        lines = [_describe(name, tree, detail) for detail in error.errors()]
        raise FrameworkFileError("\n".join(lines)) from None
    problems = schema.cross_problems(spec)
    if problems:
        lines = [_format(name, tree, loc, message) for loc, message in problems]
        raise FrameworkFileError("\n".join(lines))
    return spec


@transaction.atomic
def save_framework(spec: schema.FrameworkFile, source_text: str, name: str) -> FrameworkVersion:
    refusal = (
        f"{name}: {spec.name} version {spec.version} is already loaded, and a loaded version "
        "is never changed. Give the edited file a new version (keep the question keys so "
        "answers carry over)."
    )
    if FrameworkVersion.objects.filter(name=spec.name, version=spec.version).exists():
        raise FrameworkFileError(refusal)
    try:
        with transaction.atomic():
            version = FrameworkVersion.objects.create(
                name=spec.name,
                version=spec.version,
                wording=spec.wording,
                notice=spec.notice.strip(),
                published_on=spec.published_on,
                source_url=spec.source_url,
                licence_note=spec.licence_note.strip(),
                source_text=source_text,
            )
    except IntegrityError:  # the same version loaded at the same moment by someone else
        raise FrameworkFileError(refusal) from None
    # new assessments are offered the newest version of a framework; older ones keep theirs
    FrameworkVersion.objects.filter(name=spec.name).exclude(pk=version.pk).update(active=False)
    for stage_order, stage_spec in enumerate(spec.stages, start=1):
        stage = Stage.objects.create(
            framework_version=version,
            key=stage_spec.key,
            title=stage_spec.title,
            intro=stage_spec.intro,
            order=stage_order,
        )
        Question.objects.bulk_create(
            Question(
                stage=stage,
                key=q.key,
                prompt=q.prompt,
                help_text=q.help,
                answer_kind=q.kind,
                required=q.required,
                order=order,
                options=_options(q),
            )
            for order, q in enumerate(stage_spec.questions, start=1)
        )
    groups = [
        PopulationGroup(
            framework_version=version,
            key=group.key,
            label=group.label,
            dimension=section.dimension,
            section=section.section,
            description=group.description.strip(),
            imd_editions=list(group.imd_editions),
        )
        for section in spec.population_groups
        for group in section.groups
    ]
    for order, group in enumerate(groups, start=1):
        group.order = order
    PopulationGroup.objects.bulk_create(groups)
    return version


def _options(question: Any) -> dict[str, Any]:
    dumped = question.model_dump(include={"short_title", *KIND_OPTIONS}, exclude_none=True)
    return {k: v for k, v in dumped.items() if v not in ([], "")}


def _read_yaml(text: str, name: str) -> Any:
    yaml = YAML(typ="rt")  # round-trip: keeps line numbers; YAML 1.2; duplicate keys refused
    try:
        return yaml.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = (error.problem or "not valid YAML").strip()
        duplicate = re.match(r'found duplicate key "([^"]*)"', problem)
        if duplicate:
            raise FrameworkFileError(
                f"{name}:{line}: {duplicate.group(1)}: this key appears twice in the same mapping"
            ) from None
        raise FrameworkFileError(f"{name}:{line}: not valid YAML: {problem}") from None


def _describe(name: str, tree: CommentedMap, detail: ErrorDetails) -> str:
    loc = tuple(detail["loc"])
    kind = detail["type"]
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        expected = ", ".join(schema.ANSWER_KINDS)
        got = _walk(tree, loc)[2]
        found = got.get("kind") if isinstance(got, CommentedMap) else None
        message = f"expected one of {expected}" + (f"; got {found!r}" if found else "")
        return _format(name, tree, (*loc, "kind"), message)
    if kind == "extra_forbidden":
        parent = _walk(tree, loc[:-1])[2]
        if isinstance(parent, CommentedMap) and isinstance(parent.get("kind"), str):
            message = f"a {parent['kind']} question cannot have this option (check the spelling)"
            return _format(name, tree, loc, message)
    return _format(name, tree, loc, _expected(detail))


def _expected(detail: ErrorDetails) -> str:
    kind, message, given = detail["type"], detail["msg"], detail.get("input")
    if kind == "missing":
        return "required, but missing"
    if kind == "extra_forbidden":
        return "not a field this item can have (check the spelling)"
    if kind == "string_type" and isinstance(given, int | float):
        return f"expected text, got the number {given} (put it in quotes)"
    message = re.sub(r"^(Input|Value) should (be|have)", lambda m: "expected", message)
    message = message.replace("String should match pattern", "expected text matching")
    if isinstance(given, str | int | float | bool) and kind != "missing":
        message += f"; got {given!r}"
    return message[0].lower() + message[1:]


def _format(name: str, tree: CommentedMap, loc: tuple[Any, ...], message: str) -> str:
    line, path, _ = _walk(tree, loc)
    return f"{name}:{line}: {path or 'file'}: {message}"


def _walk(tree: CommentedMap, loc: tuple[Any, ...]) -> tuple[int, str, Any]:
    """Follow a pydantic error location through the YAML tree: the line, a readable path
    (list items named by their key, e.g. stages[assess].questions[assess.groups].part) and the
    node reached."""
    node: Any = tree
    line = 1
    path = ""
    skip_tag = False
    for segment in loc:
        if skip_tag and isinstance(node, CommentedMap) and segment == node.get("kind"):
            skip_tag = False  # pydantic puts the chosen answer kind in the location: not a key
            continue
        skip_tag = False
        if isinstance(node, CommentedSeq) and isinstance(segment, int) and segment < len(node):
            line = node.lc.item(segment)[0] + 1
            item = node[segment]
            key = item.get("key") if isinstance(item, CommentedMap) else None
            path += f"[{key}]" if isinstance(key, str) and key else f"[{segment + 1}]"
            node = item
            skip_tag = isinstance(item, CommentedMap) and "kind" in item
        elif isinstance(node, CommentedMap) and segment in node:
            line = node.lc.key(segment)[0] + 1
            path += f".{segment}" if path else str(segment)
            node = node[segment]
        else:  # a missing field: the line of the item it belongs in
            if isinstance(node, CommentedMap | CommentedSeq):
                line = node.lc.line + 1
            path += f".{segment}" if path else str(segment)
            node = None
    return line, path, node
