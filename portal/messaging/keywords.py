"""What a one-word text reply means, in the sender's language (and always in English too).

Replies are matched on the whole text or its first word, ignoring case, punctuation and spaces,
so "Yes!", "yes please" and "TAK" are understood; anything else is kept for staff to read.
"""

import re
import unicodedata

# English first: many people reply in English whatever their language. The stop words include
# Twilio's own (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT), which Twilio acts on regardless.
KEYWORDS: dict[str, dict[str, set[str]]] = {
    "en": {
        "yes": {"yes", "y", "yeah", "yep", "ok", "okay"},
        "no": {"no", "n", "nope"},
        "maybe": {"maybe", "perhaps", "not sure"},
        "stop": {"stop", "stopall", "unsubscribe", "cancel", "end", "quit", "optout"},
        "start": {"start", "unstop", "resume"},
        "help": {"help", "info"},
    },
    "pl": {"yes": {"tak"}, "no": {"nie"}, "maybe": {"może", "moze"}, "stop": {"koniec"}, "help": {"pomoc"}},
    "ro": {"yes": {"da"}, "no": {"nu"}, "maybe": {"poate"}, "stop": {"oprire"}, "help": {"ajutor"}},
    "pa": {
        "yes": {"ਹਾਂ", "haan", "han"},
        "no": {"ਨਹੀਂ", "nahi", "nahin"},
        "maybe": {"ਸ਼ਾਇਦ", "shayad"},
        "stop": {"ਬੰਦ", "band"},
        "help": {"ਮਦਦ", "madad"},
    },
    "ur": {
        "yes": {"ہاں", "haan", "ji"},
        "no": {"نہیں", "nahi", "nahin"},
        "maybe": {"شاید", "shayad"},
        "stop": {"بند", "band"},
        "help": {"مدد", "madad"},
    },
    "pt": {"yes": {"sim"}, "no": {"não", "nao"}, "maybe": {"talvez"}, "stop": {"parar", "pare"}, "help": {"ajuda"}},
    "es": {
        "yes": {"sí", "si"},
        "no": {"no"},
        "maybe": {"quizás", "quizas", "tal vez"},
        "stop": {"parar", "baja"},
        "help": {"ayuda"},
    },
    "ar": {
        "yes": {"نعم", "naam"},
        "no": {"لا", "la"},
        "maybe": {"ربما"},
        "stop": {"توقف", "ايقاف", "إيقاف"},
        "help": {"مساعدة"},
    },
    "cy": {
        "yes": {"ie", "do", "ydw"},
        "no": {"na", "naddo"},
        "maybe": {"efallai"},
        "stop": {"stopio"},
        "help": {"cymorth"},
    },
}
MEANINGS = ("stop", "start", "help", "yes", "no", "maybe")  # stop first: it must never be missed


def understand(text: str, language: str | None) -> str:
    """The meaning of a reply, or "" when it is not one of the keywords.

    ``language`` None (an unknown sender) tries every language.
    """
    words = _normalise(text)
    if not words:
        return ""
    candidates = {" ".join(words), " ".join(words[:2]), words[0]}
    languages = list(KEYWORDS) if language is None else ["en", language]
    for meaning in MEANINGS:
        for code in languages:
            if candidates & KEYWORDS.get(code, {}).get(meaning, set()):
                return meaning
    return ""


def _normalise(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text or "").casefold()
    return re.sub(r"[^\w\s]", " ", text).split()
