"""docs/permissions.md shows the same rule table as access.ACCESS_RULES."""

from pathlib import Path

from heathub.assessments.access import ACCESS_RULES

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"


def yes(flag: bool) -> str:
    return "yes" if flag else "no"


def test_the_docs_table_matches_the_code() -> None:
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in DOC.read_text().splitlines()
        if line.startswith("| ") and not line.startswith("| Who")
    ]
    expected = [[r.who, yes(r.reads), yes(r.edits), yes(r.comments), r.note] for r in ACCESS_RULES]
    assert rows == expected
