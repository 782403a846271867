class EquityInputError(ValueError):
    """Bad input to an equity function. The message names the column and the first offending rows."""
