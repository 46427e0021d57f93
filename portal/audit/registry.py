"""What the audit log calls a record, without the audit log importing the app that owns it.

Events name their record as ``object_type`` + ``object_id`` ("fgdm.member" + "12") and a family
member acting through their link as a reference ("fgdm.member:12"). Staff should read a name or a
plain description, never the code. Each app registers a **describer** for its record types: given
the ids of many records of one type, it returns the words for each, in one query. The audit log
asks once per page, so the number of queries grows with the kinds of record on it, not the rows.
"""

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable

from django.apps import apps
from django.utils.text import capfirst

# describer(ids) -> {id: words}; ids it does not know (a record since removed) are left out.
Describer = Callable[[Collection[str]], dict[str, str]]

_describers: dict[str, Describer] = {}
_kinds: dict[str, str] = {}


def register_describer(object_type: str, describer: Describer, *, model: str = "") -> None:
    """``model`` names the model a type that is no model label stands for ("fgdm.member" -> "fgdm.networkmember")."""
    _describers[object_type] = describer
    if model:
        _kinds[object_type] = model


def unregister_describer(object_type: str) -> None:
    _describers.pop(object_type, None)
    _kinds.pop(object_type, None)


def split_ref(ref: str) -> tuple[str, str]:
    """``"fgdm.member:12"`` -> ``("fgdm.member", "12")``; a label that is not a reference -> ``("", label)``."""
    object_type, sep, object_id = (ref or "").partition(":")
    if not sep or not object_type or " " in object_type:
        return "", ref or ""
    return object_type, object_id


def describe(refs: Iterable[str]) -> dict[str, str]:
    """The words for each reference: one call per kind of record, whatever the number of refs.

    A reference nobody describes reads as the kind of record and its number ("Meeting part 4"),
    and a label that is no reference at all ("retention", "API client: Case system") as itself.
    Several ids in one reference ("fgdm.member:3,4") read as a list.
    """
    refs = set(refs)
    wanted: dict[str, set[str]] = defaultdict(set)
    for ref in refs:
        object_type, object_id = split_ref(ref)
        if object_type:
            wanted[object_type].update(_ids(object_id))
    found: dict[str, dict[str, str]] = {
        object_type: _describers[object_type](sorted(ids)) if object_type in _describers else {}
        for object_type, ids in wanted.items()
    }
    words = {}
    for ref in refs:
        object_type, object_id = split_ref(ref)
        if not object_type:
            words[ref] = ref
            continue
        named = found.get(object_type, {})
        words[ref] = ", ".join(named.get(pk) or _fallback(object_type, pk) for pk in _ids(object_id))
    return words


def _ids(object_id: str) -> list[str]:
    return [pk for pk in object_id.split(",") if pk] or [""]


def _fallback(object_type: str, pk: str) -> str:
    try:
        kind = capfirst(apps.get_model(_kinds.get(object_type, object_type))._meta.verbose_name)
    except (LookupError, ValueError):
        kind = object_type
    return f"{kind} {pk}".strip()
