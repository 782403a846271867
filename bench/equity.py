"""Throughput of heathub.equity on realistic workloads, printed as rows per second.

    .venv/bin/python bench/equity.py

Inputs are built, seeded, from the real data in ../shared/data (PHEindicatormethods' test data,
OHID life expectancy by deprivation decile, healthequal's Indonesian survey data): real shapes and
magnitudes, resampled with noise up to the sizes the issue names. Timings exclude building inputs.
"""

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from rich.console import Console
from rich.table import Table

from heathub import equity

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
PHE = DATA / "phe-methods-testdata"
WHO = DATA / "who-heat"
SEED = 2026
console = Console()


def dsr_input(rng: np.random.Generator, groups: int = 20_000) -> pd.DataFrame:
    """20,000 areas x 19 age bands: age-specific rates from PHE's multi-area test data."""
    base = pd.read_csv(PHE / "xlsx-as-csv" / "testdata_DSR_ISR__testdata_multiarea.csv")
    bands = base.groupby("ageband", sort=False)[["count", "pop"]].sum()
    rate = (bands["count"] / bands["pop"]).to_numpy()
    esp = pd.read_csv(PHE / "package-data-as-csv" / "esp2013.csv")["esp2013"].to_numpy(float)
    n_bands = len(rate)
    population = np.round(rng.lognormal(np.log(3000), 0.5, (groups, n_bands))) + 1
    counts = rng.poisson(population * rate * rng.lognormal(0, 0.2, (groups, 1)))
    return pd.DataFrame(
        {
            "area": np.repeat(np.arange(groups), n_bands),
            "count": counts.ravel(),
            "pop": population.ravel(),
            "esp": np.tile(esp[:n_bands], groups),
        }
    )


def life_expectancy_input(rng: np.random.Generator, areas: int = 5_000) -> pd.DataFrame:
    """5,000 areas x 20 age bands: death rates of the 120 generated PHE test areas."""
    base = pd.read_csv(PHE / "generated" / "life_expectancy_inputs.csv")
    base["group"] = base["area"] + base["sex"]
    groups = base["group"].unique()
    chosen = rng.choice(groups, areas)
    picked = base.set_index("group").loc[chosen].reset_index()
    scale = np.repeat(rng.lognormal(np.log(5), 0.3, areas), 20)
    population = np.round(picked["pop"].to_numpy() * scale) + 1
    rate = picked["deaths"].to_numpy() / picked["pop"].clip(lower=1).to_numpy()
    deaths = np.minimum(rng.poisson(population * rate), population)
    return pd.DataFrame(
        {
            "area": np.repeat(np.arange(areas), 20),
            "startage": picked["startage"].to_numpy(),
            "pop": population,
            "deaths": deaths,
        }
    )


def sii_input(rng: np.random.Generator, groups: int = 5_000) -> pd.DataFrame:
    """5,000 groups x 10 deciles: OHID life expectancy by local deprivation decile (LE_data)."""
    base = pd.read_csv(PHE / "package-data-as-csv" / "LE_data.csv").dropna()
    complete = base.groupby(["Sex", "GeoCode"])["Decile"].transform("size") == 10
    base = base[complete].sort_values(["Sex", "GeoCode", "Decile"])
    n_base = len(base) // 10
    chosen = rng.integers(0, n_base, groups)
    rows = (chosen[:, None] * 10 + np.arange(10)).ravel()
    picked = base.iloc[rows]
    se = picked["SE"].to_numpy()
    return pd.DataFrame(
        {
            "group": np.repeat(np.arange(groups), 10),
            "decile": picked["Decile"].to_numpy(),
            "pop": picked["Pop"].to_numpy(),
            "le": picked["LifeExp"].to_numpy() + rng.normal(0, se),
            "se": se,
        }
    )


def who_input(rng: np.random.Generator, settings: int = 2_000) -> pd.DataFrame:
    """2,000 settings, each with wealth quintiles (ordered) and 34 regions (non-ordered, with a
    reference region), from healthequal's Indonesian skilled-birth-attendance data: all 21
    measures apply."""
    ordered = pd.read_csv(WHO / "healthequal_OrderedSample.csv")
    regions = pd.read_csv(WHO / "healthequal_NonorderedSample.csv")
    regions["se"] = regions["se"].clip(lower=0.5)
    regions["subgroup_order"] = 0
    one = pd.concat([ordered, regions], ignore_index=True).drop(columns="setting_average")
    one["reference_subgroup"] = one["reference_subgroup"].fillna(0)
    frame = pd.concat([one] * settings, ignore_index=True)
    frame["setting"] = np.repeat([f"S{i:04d}" for i in range(settings)], len(one))
    frame["date"] = 2017
    noise = rng.normal(0, frame["se"].to_numpy())
    frame["estimate"] = (frame["estimate"] + noise).clip(0.5, 99.5)
    return frame.rename(columns={"indicator": "indicator_abbr"})


def timed(run: Callable[[], pd.DataFrame]) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds (CPU time is steadier on a shared machine) and output rows."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return time.perf_counter() - wall, time.process_time() - cpu, len(result)


def main() -> None:
    rng = np.random.default_rng(SEED)
    table = Table(
        title="heathub.equity throughput (one run each, seeded inputs)",
        caption="WHO: each setting has 5 wealth quintiles and 34 regions (with a reference).",
    )
    columns = ("workload", "input rows", "output rows", "seconds", "CPU seconds", "rows / s",
               "rows / CPU s")  # fmt: skip
    for column in columns:
        table.add_column(column, justify="left" if column == "workload" else "right")

    def add(name: str, frame: pd.DataFrame, run: Callable[[pd.DataFrame], pd.DataFrame]) -> None:
        console.print(f"running {name} ...", style="dim")
        seconds, cpu, out_rows = timed(lambda: run(frame))
        table.add_row(
            name,
            f"{len(frame):,}",
            f"{out_rows:,}",
            f"{seconds:.2f}",
            f"{cpu:.2f}",
            f"{len(frame) / seconds:,.0f}",
            f"{len(frame) / cpu:,.0f}",
        )

    add(
        "DSR, 20,000 groups x 19 bands",
        dsr_input(rng),
        lambda f: equity.dsr(f, "count", "pop", stdpop="esp", group_by=["area"]),
    )
    add(
        "LE, 5,000 areas x 20 bands",
        life_expectancy_input(rng),
        lambda f: equity.life_expectancy(f, "deaths", "pop", "startage", group_by=["area"]),
    )
    add(
        "SII+RII, 5,000 x 10, 10k reps",
        sii_input(rng),
        lambda f: equity.sii(
            f,
            "decile",
            "pop",
            "le",
            se="se",
            group_by="group",
            repetitions=10_000,
            rii=True,
            seed=SEED,
        ),
    )
    add(
        "WHO 21 measures, 2,000 settings",
        who_input(rng),
        lambda f: equity.who.summary_measures(f, seed=SEED),
    )
    console.print(table)


if __name__ == "__main__":
    main()
