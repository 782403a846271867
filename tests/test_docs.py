"""The docs match the code: every command is documented, and the README's two commands exist."""

import re
from pathlib import Path

import typer

from heathub.cli import app

REPO = Path(__file__).resolve().parents[1]


def command_paths(group: typer.Typer) -> set[str]:
    click_group = typer.main.get_command(group)
    paths = set()
    for name, command in click_group.commands.items():  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", None)
        if subcommands:
            paths.update(f"{name} {sub}" for sub in subcommands)
        else:
            paths.add(name)
    return paths


def test_every_cli_command_is_documented_in_docs_cli_md() -> None:
    documented = set(re.findall(r"^#+ `heathub ([^`]+)`", (REPO / "docs/cli.md").read_text(), re.M))
    assert documented == command_paths(app)


def test_readme_first_screen_gives_the_two_commands_and_the_makefile_has_them() -> None:
    first_screen = "\n".join((REPO / "README.md").read_text().splitlines()[:20])
    assert "make run" in first_screen
    assert "make test" in first_screen
    makefile = (REPO / "Makefile").read_text()
    assert re.search(r"^run:", makefile, re.M)
    assert re.search(r"^test:", makefile, re.M)


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (REPO / ".ci/run").read_text()
