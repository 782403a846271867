class ActionRefused(Exception):  # noqa: N818 (the name style.md gives; it reads as a sentence)
    """An action refused a change; the message says why, in a sentence for the person."""
