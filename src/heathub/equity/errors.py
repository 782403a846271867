class EquityInputError(ValueError):
    """Bad input to an equity function: the message names the column and first offending rows."""
