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


# What each action is called. The app that records an action registers its label, so the audit log
# reads "Reasons for a safety decision read" where the event says ``exclusion.reasons_viewed``.
_actions: dict[str, str] = {}


def register_actions(labels: dict[str, str]) -> None:
    """``labels`` maps action codes to (lazily translated) words; a later label for a code replaces the earlier."""
    _actions.update(labels)


def action_words(action: str) -> str:
    """The words for an action; one no app registered reads as its code made plain ("Meeting: slot offered")."""
    if action in _actions:
        return str(_actions[action])
    area, _sep, verb = (action or "").rpartition(".")
    verb = verb.replace("_", " ").strip()
    area = area.replace("_", " ").replace(".", " ").strip()
    if not area:
        return capfirst(verb)
    return f"{capfirst(area)}: {verb}" if verb else capfirst(area)


def actions_called(term: str) -> list[str]:
    """The codes of the actions whose words contain ``term``, so staff can filter by what they read."""
    term = (term or "").strip().casefold()
    if not term:
        return []
    return [code for code, label in _actions.items() if term in str(label).casefold()]


# Finders turn a reference staff know (a case's "FG-00003") into the records it covers:
# finder(text) -> {object_type: ids} or None when the text is none of theirs.
RecordFinder = Callable[[str], dict[str, Collection[str]] | None]
_finders: list[RecordFinder] = []


def register_record_finder(finder: RecordFinder) -> None:
    if finder not in _finders:
        _finders.append(finder)


def find_records(text: str) -> dict[str, set[str]] | None:
    """The records ``text`` names, from every finder that knows it; None when no finder does."""
    records: dict[str, set[str]] | None = None
    for finder in _finders:
        found = finder(text)
        if found is None:
            continue
        records = records if records is not None else defaultdict(set)
        for object_type, ids in found.items():
            records[object_type].update(str(pk) for pk in ids)
    return dict(records) if records is not None else None
