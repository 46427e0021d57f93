import re


def normalize_spaces(text: str) -> str:
    """The words a person sees, with the template's whitespace folded away."""
    return re.sub(r"\s+", " ", text).strip()
