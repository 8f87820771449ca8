"""Small text rules that content of every app shares."""


def lines_of(text: str) -> list[str]:
    """The lines staff typed one per line, without the blank ones."""
    return [line.strip() for line in text.splitlines() if line.strip()]
