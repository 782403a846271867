"""CSV in and out for `heathub analyse`, with a progress bar on big files and one-line errors.

Rows read are labelled with their line number in the file (the header is line 1), which is also the
row number a spreadsheet shows, so an :class:`EquityInputError` naming "row 7" points at line 7.
"""

import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from heathub.equity import EquityInputError

# Files smaller than this read in one go with no bar: the bar would only flicker.
PROGRESS_FROM_BYTES = 5_000_000
CHUNK_ROWS = 200_000
# Only these mark a missing value; pandas' default list would also turn area codes such as "NA"
# (Namibia) or a label "None" into missing values.
MISSING_MARKERS = ["", "NA", "NaN", "nan"]

error_console = Console(stderr=True)


class CsvFileError(Exception):
    """The file cannot be read as CSV, or cannot be written."""


def read_csv(path: Path, *, console: Console = error_console) -> pd.DataFrame:
    """Read a CSV file, indexed by line number, with a progress bar for big files."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            reader = pd.read_csv(
                handle,
                chunksize=CHUNK_ROWS,
                keep_default_na=False,
                na_values=MISSING_MARKERS,
            )
            if size < PROGRESS_FROM_BYTES:
                chunks = list(reader)
            else:
                chunks = []
                with _bar(console) as progress:
                    task = progress.add_task(f"Reading {path.name}", total=size)
                    for chunk in reader:
                        chunks.append(chunk)
                        progress.update(task, completed=handle.tell())
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise CsvFileError(f"{path}: cannot read as CSV: {error}") from error
    frame = pd.concat(chunks) if chunks else pd.DataFrame()
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    return frame


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write results without the line-number index."""
    try:
        frame.to_csv(path, index=False)
    except OSError as error:
        raise CsvFileError(f"{path}: cannot write: {error}") from error


@contextmanager
def exit_on_bad_input(console: Console = error_console) -> Iterator[None]:
    """Turn bad input into one red line on stderr and exit code 1, with no traceback."""
    try:
        yield
    except (EquityInputError, CsvFileError) as error:
        # markup=False: a column name such as "rate [per 1000]" must print as written.
        console.print(str(error), style="red", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


def _bar(console: Console) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )


def run_over_csv(
    file: Path,
    output: Path,
    compute: Callable[[pd.DataFrame], pd.DataFrame],
    *,
    console: Console = error_console,
) -> None:
    """Read FILE, compute, write OUTPUT. Bad input stops with one red line; warnings (SII drops a
    group that lacks a quantile) print in yellow and the run goes on."""
    with exit_on_bad_input(console), _warnings_to(console):
        result = compute(read_csv(file, console=console))
        write_csv(result, output)
    console.print(f"Wrote {len(result):,} rows to {output}", highlight=False)


@contextmanager
def _warnings_to(console: Console) -> Iterator[None]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    for warning in caught:
        console.print(str(warning.message), style="yellow", markup=False, highlight=False)
