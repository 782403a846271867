"""Standard populations for direct standardisation, keyed by age-band label."""

# European Standard Population 2013 (Eurostat 2013), 19 five-year bands with a final 90+ band: the
# standard OHID uses for directly standardised rates, as PHEindicatormethods' ``esp2013`` vector.
ESP2013: dict[str, float] = {
    "0-4": 5000,
    "5-9": 5500,
    "10-14": 5500,
    "15-19": 5500,
    "20-24": 6000,
    "25-29": 6000,
    "30-34": 6500,
    "35-39": 7000,
    "40-44": 7000,
    "45-49": 7000,
    "50-54": 7000,
    "55-59": 6500,
    "60-64": 6000,
    "65-69": 5500,
    "70-74": 5000,
    "75-79": 4000,
    "80-84": 2500,
    "85-89": 1500,
    "90+": 1000,
}

STANDARD_POPULATIONS: dict[str, dict[str, float]] = {"esp2013": ESP2013}
