import re


def normalize_spaces(text: str) -> str:
    """The words a person sees, with the template's whitespace folded away."""
    return re.sub(r"\s+", " ", text).strip()


def errors_of(raised) -> dict[str, list[str]]:
    """The messages a refused service gives, by field (``"__all__"`` for one not tied to a field),
    as a person sees them on the form: ``errors_of(excinfo) == {"reason": ["Say why ..."]}``."""
    error = raised.value if hasattr(raised, "value") else raised
    if hasattr(error, "error_dict"):
        return error.message_dict
    return {"__all__": error.messages}


def words_of(element) -> str:
    """The words a person sees in a BeautifulSoup element: blocks apart, but the <bdi> and direction
    spans that keep a number or an address in order read as part of the line they sit in."""
    for tag in element.select("bdi, span[dir]"):
        tag.unwrap()
    element.smooth()
    return normalize_spaces(element.get_text(" "))
