"""docs/permissions.md shows the same rule table as access.ACCESS_RULES."""

from pathlib import Path

from heathub.assessments.access import ACCESS_RULES

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"


def yes(flag: bool) -> str:
    return "yes" if flag else "no"


def test_the_docs_table_matches_the_code() -> None:
    table = DOC.read_text().split("| Who |", 1)[1].split("\n\n", 1)[0]  # the first table
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in table.splitlines()
        if line.startswith("| ")
    ]
    expected = [[r.who, yes(r.reads), yes(r.edits), yes(r.comments), r.note] for r in ACCESS_RULES]
    assert rows == expected
