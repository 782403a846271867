"""equity.who computes every measure for all strata at once: results must not depend on which
strata are computed together, on the chunking of the simulations, or on the row order; and the
truncated draws must follow the truncated normal distribution."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from heathub.equity.who import simulation, summary_measures
from heathub.equity.who.simulation import truncated_draws
from heathub.equity.who.strata import Strata


def _stratum(setting: str, estimates: list[float], *, ordered: bool, favourable: bool = True,
             reference: int | None = None) -> pd.DataFrame:  # fmt: skip
    n = len(estimates)
    return pd.DataFrame(
        {
            "setting": setting, "date": 2024, "indicator_abbr": "anc",
            "dimension": "Wealth" if ordered else "Region",
            "subgroup": [f"g{i}" for i in range(n)], "estimate": estimates,
            "se": [1.0 + i / 5 for i in range(n)],
            "population": [500.0 + 130 * i for i in range(n)],
            "favourable_indicator": int(favourable), "indicator_scale": 100,
            "ordered_dimension": int(ordered),
            "subgroup_order": list(range(1, n + 1)) if ordered else 0,
            "reference_subgroup": [int(i == reference) for i in range(n)],
        }
    )  # fmt: skip


STRATA = [
    _stratum("Ayr", [55.0, 60, 71, 80, 90], ordered=True),
    _stratum("Bath", [99.0, 97, 92, 88], ordered=True, favourable=False),
    _stratum("Crewe", [40.0, 45, 80, 0.5, 99.5, 63], ordered=False, reference=2),
    _stratum("Derby", [30.0, 35, 38], ordered=False, favourable=False),
    _stratum("Ely", [30.0, 45], ordered=False),
    _stratum("Fife", [20.0, 130, 50], ordered=True),  # above the scale: no SII or RII
]


def test_strata_computed_together_give_what_each_gives_alone() -> None:
    together = summary_measures(pd.concat(STRATA, ignore_index=True))
    alone = pd.concat([summary_measures(frame) for frame in STRATA], ignore_index=True)
    pd.testing.assert_frame_equal(together, alone, check_exact=False, rtol=1e-12)


def test_chunking_does_not_change_the_simulated_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    one_year = pd.concat(STRATA, ignore_index=True)
    frame = pd.concat([one_year.assign(date=year) for year in range(2000, 2030)])
    whole = summary_measures(frame)
    monkeypatch.setattr(simulation, "CHUNK_BYTES", 1)  # one stratum per chunk
    pd.testing.assert_frame_equal(summary_measures(frame), whole)


def test_truncated_draws_follow_the_truncated_normal() -> None:
    means, ses = [98.0, 1.0, 0.0, 100.0, 50.0], [5.0, 3.0, 2.0, 0.5, 4.0]
    s = Strata.one(means, se=ses)
    draws = truncated_draws(s, 50_000, np.random.SeedSequence(3), ["stratum"])[0]
    assert draws.min() >= 0
    assert draws.max() <= 100
    for j, (mean, se) in enumerate(zip(means, ses, strict=True)):
        expected = stats.truncnorm((0 - mean) / se, (100 - mean) / se, loc=mean, scale=se)
        assert stats.kstest(draws[:, j], expected.cdf).pvalue > 0.001


def test_draws_within_the_range_are_the_plain_normal_draws() -> None:
    s = Strata.one([50.0, 40.0], se=[1.0, 2.0])
    draws = truncated_draws(s, 1000, np.random.SeedSequence(5), ["stratum"])[0]
    plain = simulation.stratum_generator(np.random.SeedSequence(5), "stratum").normal(
        [50.0, 40.0], [1.0, 2.0], size=(1000, 2)
    )
    np.testing.assert_array_equal(draws, plain)
