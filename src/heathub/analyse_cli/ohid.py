"""`heathub analyse proportion|rate|mean|dsr|isr|life-expectancy|funnel|quantiles`: the OHID
methods of heathub.equity over a CSV file. Each reads FILE.csv, names its columns with options,
and writes the results to -o OUT.csv. Bad input stops with one red line naming the column and
the file's line numbers (a spreadsheet's row numbers), exit code 1."""

from pathlib import Path
from typing import Annotated

import typer

from heathub import equity
from heathub.analyse_cli import analyse_app
from heathub.analyse_cli.csv_io import run_over_csv

InputFile = Annotated[
    Path,
    typer.Argument(exists=True, dir_okay=False, readable=True, help="CSV file with a header row"),
]
Output = Annotated[Path, typer.Option("--output", "-o", dir_okay=False, help="CSV file to write")]
GroupBy = Annotated[
    list[str] | None,
    typer.Option("--group-by", help="Column whose values form groups; repeat for several columns"),
]
Confidence = Annotated[
    list[float] | None,
    typer.Option(
        help="Confidence level, e.g. 0.95; repeat (0.95 and 0.998) for two sets of limits"
    ),
]


def column(help_text: str) -> object:
    """A required option naming a column of the input file."""
    return typer.Option(help=f"Column holding {help_text}")


def levels(confidence: list[float] | None) -> float | tuple[float, ...]:
    """The --confidence options as the equity functions take them (0.95 when none given)."""
    if not confidence:
        return 0.95
    return confidence[0] if len(confidence) == 1 else tuple(confidence)


@analyse_app.command()
def proportion(
    file: InputFile,
    output: Output,
    x: Annotated[str, column("the numerators (cases)")],
    n: Annotated[str, column("the denominators (sample sizes)")],
    confidence: Confidence = None,
    multiplier: Annotated[float, typer.Option(help="1 for a proportion, 100 for %")] = 1,
) -> None:
    """Proportion with Wilson score limits for each row (phe_proportion)."""
    run_over_csv(
        file,
        output,
        lambda df: equity.proportion(
            df, x, n, confidence=levels(confidence), multiplier=multiplier
        ),
    )


@analyse_app.command()
def rate(
    file: InputFile,
    output: Output,
    x: Annotated[str, column("the event counts")],
    n: Annotated[str, column("the populations or person-years")],
    confidence: Confidence = None,
    multiplier: Annotated[float, typer.Option(help="Rate per this many")] = 100_000,
) -> None:
    """Crude rate for each row: exact limits below 10 events, Byar's from 10 (phe_rate)."""
    run_over_csv(
        file,
        output,
        lambda df: equity.rate(df, x, n, confidence=levels(confidence), multiplier=multiplier),
    )


@analyse_app.command()
def mean(
    file: InputFile,
    output: Output,
    value: Annotated[str, column("the values to average")],
    group_by: GroupBy = None,
    confidence: Confidence = None,
) -> None:
    """Mean per group with Student's t limits (phe_mean)."""
    run_over_csv(
        file,
        output,
        lambda df: equity.mean(df, value, group_by=group_by, confidence=levels(confidence)),
    )


@analyse_app.command()
def dsr(
    file: InputFile,
    output: Output,
    x: Annotated[str, column("the event counts")],
    n: Annotated[str, column("the populations")],
    age_band: Annotated[
        str | None,
        typer.Option(
            help="Column of ESP2013 band labels (0-4, 5-9, ..., 90+), with --stdpop esp2013"
        ),
    ] = None,
    stdpop: Annotated[
        str, typer.Option(help="'esp2013' (with --age-band) or a column of standard weights")
    ] = "esp2013",
    group_by: GroupBy = None,
    confidence: Confidence = None,
    multiplier: Annotated[float, typer.Option(help="Rate per this many")] = 100_000,
) -> None:
    """Directly standardised rate per group with Dobson limits (phe_dsr)."""
    run_over_csv(
        file,
        output,
        lambda df: equity.dsr(
            df,
            x,
            n,
            stdpop=stdpop,
            age_band=age_band,
            group_by=group_by,
            confidence=levels(confidence),
            multiplier=multiplier,
        ),
    )


@analyse_app.command()
def isr(
    file: InputFile,
    output: Output,
    x: Annotated[str, column("the observed event counts")],
    n: Annotated[str, column("the populations")],
    x_ref: Annotated[str, column("the reference population's event counts")],
    n_ref: Annotated[str, column("the reference population")],
    group_by: GroupBy = None,
    confidence: Confidence = None,
) -> None:
    """Indirectly standardised ratio (observed / expected) per group (calculate_ISRatio)."""
    run_over_csv(
        file,
        output,
        lambda df: equity.isr(
            df, x, n, x_ref, n_ref, group_by=group_by, confidence=levels(confidence)
        ),
    )


@analyse_app.command("life-expectancy")
def life_expectancy(
    file: InputFile,
    output: Output,
    deaths: Annotated[str, column("the deaths in each age band")],
    population: Annotated[str, column("the population of each age band")],
    startage: Annotated[str, column("each band's start age (0, 1, 5, ..., 90)")],
    group_by: GroupBy = None,
    confidence: Confidence = None,
) -> None:
    """Life expectancy at each start age per group, Chiang II with Silcocks limits."""
    run_over_csv(
        file,
        output,
        lambda df: equity.life_expectancy(
            df, deaths, population, startage, group_by=group_by, confidence=levels(confidence)
        ),
    )


@analyse_app.command()
def funnel(
    file: InputFile,
    output: Output,
    numerator: Annotated[str, column("the numerators or observed events")],
    statistic: Annotated[str, typer.Option(help="proportion, ratio or rate")],
    denominator: Annotated[
        str | None, typer.Option(help="Column of denominators or expected events")
    ] = None,
    multiplier: Annotated[
        float | None, typer.Option(help="100 for %, 100000 per 100,000 (proportion, rate)")
    ] = None,
    rate_column: Annotated[
        str | None, typer.Option("--rate", help="Column of rates (statistic rate)")
    ] = None,
    ratio_type: Annotated[str | None, typer.Option(help="count or isr (statistic ratio)")] = None,
    rate_type: Annotated[str | None, typer.Option(help="dsr or crude (statistic rate)")] = None,
    years_of_data: Annotated[
        float | None, typer.Option(help="Years the data cover (statistic rate)")
    ] = None,
) -> None:
    """100-point funnel-plot control limits at 2 and 3 SD (calculate_funnel_limits)."""
    run_over_csv(
        file,
        output,
        lambda df: equity.funnel_limits(
            df,
            numerator,
            denominator,
            statistic=statistic,  # type: ignore[arg-type]  # checked by funnel_limits
            multiplier=multiplier,
            rate=rate_column,
            ratio_type=ratio_type,  # type: ignore[arg-type]
            rate_type=rate_type,  # type: ignore[arg-type]
            years_of_data=years_of_data,
        ),
    )


@analyse_app.command()
def quantiles(
    file: InputFile,
    output: Output,
    values: Annotated[str, column("the values to rank")],
    group_by: GroupBy = None,
    nquantiles: Annotated[int, typer.Option(help="10 for deciles, 5 for quintiles")] = 10,
    invert: Annotated[
        bool, typer.Option(help="Quantile 1 holds the highest values (--no-invert: lowest)")
    ] = True,
    invert_column: Annotated[
        str | None, typer.Option(help="Column of TRUE/FALSE per group, instead of --invert")
    ] = None,
) -> None:
    """Assign quantiles of a value within groups, deprivation-style (phe_quantile)."""
    run_over_csv(
        file,
        output,
        lambda df: equity.quantiles(
            df,
            values,
            group_by=group_by,
            nquantiles=nquantiles,
            invert=invert_column if invert_column is not None else invert,
        ),
    )
