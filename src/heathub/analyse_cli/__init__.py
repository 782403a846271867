"""`heathub analyse METHOD FILE.csv`: the equity library from the command line, one sub-command per
function. OHID methods live in ohid.py, the SII and WHO measures in who.py."""

import typer

analyse_app = typer.Typer(
    help="Run a statistical method over a CSV file and write the results as CSV.",
    no_args_is_help=True,
)

# Importing the command modules registers their sub-commands on analyse_app.
# (who registers `analyse sii` and `analyse who`.)
from heathub.analyse_cli import ohid, who  # noqa: E402, F401
