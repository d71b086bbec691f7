"""Countries, read with countryinfo's list (names, other spellings, demonyms, ISO codes): which of a
question's names is a country, and whether a text names any country at all.

A publication seldom names its own country: a national news article or agency release says "employers
added 63,000 jobs", not "U.S. employers". The reports this assistant reads are the home country's
(`HOME`, the United States), so a document that names no country is read as speaking of it; a
question about another country ("cuts in Singapore") needs a document that names that country, and a
document that names another country ("China", "Chinese", "Australia") is about somewhere else. A
name that is also a U.S. state ("Georgia") is not read as a country. Codes count written with dots
("U.S.") or, for three letters, in capitals ("USA"); an undotted two-letter code is mostly another
acronym ("AI", "IT").
"""

from __future__ import annotations

import re
from functools import lru_cache

import countryinfo
import us

from assistant.query.names import name_phrases

HOME = "United States"


@lru_cache(maxsize=1)
def _countries() -> tuple[dict, ...]:
    return tuple(info.info() for info in countryinfo.all_countries())


@lru_cache(maxsize=1)
def _forms() -> frozenset[str]:
    """Every country's written forms: its name, other spellings and demonym ("Korea, Republic of"
    as "Korea"). Codes are left out: `is_country` reads them."""
    found: set[str] = set()
    for info in _countries():
        for form in [info.get("name"), info.get("demonym"), *info.get("altSpellings", [])]:
            form = (form or "").split(",")[0].strip()
            if len(form) > 3 and form[0].isupper() and not form.isupper():
                found.add(form)
    return frozenset(found)


@lru_cache(maxsize=1)
def _any_country() -> re.Pattern:
    """Forms as capitalised or in capitals ("Chad", "CHAD", not "chad"), and dotted codes."""
    forms = sorted({f for form in _forms() for f in (form, form.upper())}, key=len, reverse=True)
    dotted = r"\b[A-Z]\.[A-Z]\.(?!\w)"  # "U.S.", "U.K."
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, forms))})s?(?!\w)|{dotted}")


@lru_cache(maxsize=1024)
def is_country(name: str) -> bool:
    """Whether a question's name means a country ("India", "U.S", "USA", "American")."""
    plain = name.strip(". ")
    if us.states.lookup(plain) is not None:
        return False
    letters = plain.replace(".", "")
    if ("." in plain and len(letters) == 2) or (len(plain) == 3 and plain.isupper()):
        codes = (info.get("ISO", {}) for info in _countries())
        return letters.isupper() and any(letters in (iso.get("alpha2"), iso.get("alpha3")) for iso in codes)
    return plain.lower() in _lowered_forms()


@lru_cache(maxsize=1)
def _lowered_forms() -> frozenset[str]:
    return frozenset(form.lower() for form in _forms())


@lru_cache(maxsize=1024)
def names_a_country(text: str) -> bool:
    """Whether the text names any country: by name, other spelling or demonym, or a dotted code.
    Cached: the gate and the ranker both ask it of the same documents for one question."""
    return _any_country().search(text) is not None


@lru_cache(maxsize=1)
def _home_forms() -> frozenset[str]:
    """The home country's name, other spellings, demonym and codes, lower-cased without dots."""
    info = countryinfo.CountryInfo(HOME).info()
    forms = [
        info.get("name"),
        info.get("demonym"),
        *info.get("altSpellings", []),
        *info.get("ISO", {}).values(),
    ]
    return frozenset(str(form).lower() for form in forms if form)


def home_country_names(question: str) -> frozenset[str]:
    """The words of the question's names that mean the home country ("U.S", "United States",
    "American"), each name written whole (not the "Jersey" of "New Jersey"): the only country a
    document that names none is taken to speak of."""
    return frozenset(
        word
        for phrase in name_phrases(question)
        if is_country(phrase) and phrase.replace(".", "").lower() in _home_forms()
        for word in phrase.split()
    )
