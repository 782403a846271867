"""`heathub analyse sii` and `heathub analyse who`: the slope index of inequality (phe_sii) and the
WHO HEAT Plus summary measures over a CSV file. Bad input stops with one red line naming the
column and the file's line numbers, exit code 1; warnings (a group dropped for lacking a quantile)
print in yellow and the run goes on."""

from typing import Annotated

import typer

from heathub import equity
from heathub.analyse_cli import analyse_app
from heathub.analyse_cli.csv_io import run_over_csv
from heathub.analyse_cli.ohid import Confidence, GroupBy, InputFile, Output, column, levels

Seed = Annotated[
    int | None, typer.Option(help="Seed for the simulated limits, so runs can be repeated")
]


@analyse_app.command()
def sii(
    file: InputFile,
    output: Output,
    quantile: Annotated[str, column("the quantile number (1 = most deprived)")],
    population: Annotated[str, column("the population of each quantile")],
    value: Annotated[str, column("the indicator value of each quantile")],
    se: Annotated[
        str | None, typer.Option(help="Column holding standard errors (log/logit scale)")
    ] = None,
    lower_cl: Annotated[
        str | None, typer.Option(help="Column holding 95% lower limits (if no --se)")
    ] = None,
    upper_cl: Annotated[
        str | None, typer.Option(help="Column holding 95% upper limits (if no --se)")
    ] = None,
    value_type: Annotated[
        int, typer.Option(help="0 other (normal), 1 rate (log), 2 proportion (logit)")
    ] = 0,
    group_by: GroupBy = None,
    confidence: Confidence = None,
    repetitions: Annotated[int, typer.Option(help="Simulated draws per group")] = 100_000,
    rii: Annotated[bool, typer.Option("--rii", help="Also the relative index")] = False,
    multiplier: Annotated[float, typer.Option(help="Scales the SII; negative flips it")] = 1,
    seed: Seed = None,
) -> None:
    """Slope index of inequality per group, with simulated limits (phe_sii)."""
    run_over_csv(
        file,
        output,
        lambda df: equity.sii(
            df,
            quantile,
            population,
            value,
            value_type=value_type,
            se=se,
            lower_cl=lower_cl,
            upper_cl=upper_cl,
            group_by=group_by,
            confidence=levels(confidence),
            repetitions=repetitions,
            rii=rii,
            multiplier=multiplier,
            seed=seed,
        ),
    )


@analyse_app.command()
def who(
    file: InputFile,
    output: Output,
    measure: Annotated[
        list[str] | None,
        typer.Option(help="HEAT abbreviation (SII, PAF, ...); repeat for several; default all"),
    ] = None,
    simulations: Annotated[
        int, typer.Option(help="Draws for simulated limits (BGSD, COV, MD*, IDIS*)")
    ] = 100,
    seed: Seed = 123456,
) -> None:
    """WHO HEAT Plus summary measures for an upload in the HEAT Plus template."""
    run_over_csv(
        file,
        output,
        lambda df: equity.who.summary_measures(
            df, measure or None, simulations=simulations, seed=seed
        ),
    )
