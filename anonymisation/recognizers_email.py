"""E-mail addresses (also written "name at trust dot nhs dot uk"), except the shared mailboxes of a department or
role, which reach a team rather than a person and are kept."""

from __future__ import annotations

import re
from functools import lru_cache

from intake.anonymisation.department_words import ROLE_MAILBOX_WORDS
from intake.anonymisation.findings import Finding
from intake.anonymisation.nergate import EVERYDAY, english_frequencies
from intake.anonymisation.vocabulary import default_vocabulary, town_keys

# -- e-mail --------------------------------------------------------------------------------------------------
EMAIL_RE = re.compile(r"(?<![\w.+'-])[A-Za-z0-9][A-Za-z0-9._%+'-]*@(?:[A-Za-z0-9-]+\.)+[A-Za-z0-9-]{2,}(?![\w-])")
OBFUSCATED_EMAIL_RE = re.compile(
    r"(?<![\w.])[A-Za-z0-9][A-Za-z0-9._%+-]*(?:\s+at\s+|\s*\[at\]\s*|\s*\(at\)\s*|\s+@\s*|\s*@\s+)"
    r"(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![\w-])"
)
# An address inside the trust's own mail system, written without its domain's suffix ("jsmith@trust",
# "j.smith@rwh"): a login and a host, nothing else has that shape.
_WHERE_A_THING_IS = frozenset({"ward", "bay", "bed", "room", "theatre", "theatres", "unit", "site", "desk", "station",
                               "clinic", "dept", "department", "store", "stores", "workshop", "base"})
INTERNAL_EMAIL_RE = re.compile(
    r"(?<![\w.+'@-])[A-Za-z][A-Za-z0-9._%+'-]*[A-Za-z0-9]@(?P<host>[A-Za-z][A-Za-z0-9-]{2,})(?![\w@.-]|\.\w)")


def _valid_domain(address: str) -> bool:
    from intake.anonymisation.engine import offline_tld_extractor

    domain = address.rsplit("@", 1)[-1] if "@" in address else address.split()[-1]
    return bool(offline_tld_extractor()(domain).suffix)


_LOCAL_PARTS = re.compile(r"[._+-]")


_WARD_CODE = re.compile(r"(?P<word>[a-z]*)\d+[a-z]?")  # "ward10", "7a"


@lru_cache(maxsize=4096)
def _plain_word(word: str, listed: bool) -> bool:
    """A listed role word; unless `listed`, also an everyday English word that is no one's given name or surname
    ("asset.management@", "loans.store@", "accounts.payable@"): names are what make a mailbox personal."""
    if word in ROLE_MAILBOX_WORDS:
        return True
    if listed:
        return False
    vocabulary = default_vocabulary()
    return (english_frequencies().get(word, 0) >= EVERYDAY and word not in vocabulary.first_names
            and word not in vocabulary.last_names)


def _joined(word: str, listed: bool, parts: int = 3) -> bool:
    """`word` is up to `parts` role words of two letters or more written as one ("clinengineering", "donotreply")."""
    return _plain_word(word, listed) or (parts > 1 and any(
        _plain_word(word[:i], listed) and _joined(word[i:], listed, parts - 1) for i in range(2, len(word) - 1)))


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def _role_word(word: str, listed: bool = False) -> bool:
    code = _WARD_CODE.fullmatch(word)
    if code is not None:  # "ward10", "7a"; a lab's containment level or a unit's code: "cl3", "icu2"
        return not code.group("word") or _plain_word(code.group("word"), listed) or (
            not listed and len(code.group("word")) <= 3)
    return _joined(word, listed)


def is_role_mailbox(address: str, places: frozenset[str] = frozenset()) -> bool:
    """The local part is department or function words, with at most two short codes of the organisation or site
    beside them ("ebme.bcu@", "ggc.clinicalphysics@", "rch-tr.ebme@") that are no one's name, or words the
    dataset itself names as places or makers (`places`: "makeready.kingsway@" at a station called Kingsway): no
    person can hide in it."""
    # "ClinicalPhysicsQEUH@": words run together in capitals are words too
    local = _CAMEL.sub(".", address.split("@", 1)[0])
    words = [w for w in _LOCAL_PARTS.split(local.lower()) if w]
    # a site's name beside a role word ("physio.godalming@"): a word of five letters or more in no name list
    codes = [w for w in words if not _role_word(w) and w not in places and w not in _towns()
             and not (len(words) > 1 and _site_name(w))]
    # Everyday words make a role mailbox only beside a hospital role word: "info@" or "user@" is anybody's.
    if not words or len(codes) == len(words) or len(codes) > 2 or not any(_role_word(w, True) for w in words):
        return False
    vocabulary = default_vocabulary()
    names = (vocabulary.first_names, vocabulary.last_names)
    # an organisation's code: up to four letters ("loth", "ggc"), or up to seven with one vowel at most and no name
    # with an initial before or after it ("lthtr", "rlbuht"; not "smithj", "jsmith")
    return all(len(w) >= 2 and w.isalpha() and not any(w in listed for listed in names) and (len(w) <= 4 or (
        len(w) <= 7 and sum(c in "aeiouy" for c in w) <= 1 and not any(
            part in listed for part in (w[1:], w[:-1]) for listed in names))) for w in codes)


def _site_name(word: str) -> bool:
    """Five letters or more in no name list, nor a name with an initial before or after it ("smithj")."""
    vocabulary = default_vocabulary()
    return len(word) >= 5 and word.isalpha() and not any(
        w in vocabulary.first_names or w in vocabulary.last_names for w in (word, word[1:], word[:-1]))


@lru_cache(maxsize=1)
def _towns() -> frozenset[str]:
    """Towns of one word: a team's mailbox names its town ("ccn.preston@"), beside a role word only."""
    return frozenset(k for k in town_keys() if " " not in k)


def find_emails(text: str, places: frozenset[str] = frozenset()) -> list[Finding]:
    out = []
    if "@" in text:
        for m in EMAIL_RE.finditer(text):
            candidate = m.group(0).rstrip(".")
            if _valid_domain(candidate) and not is_role_mailbox(candidate, places):
                out.append(Finding("EMAIL_ADDRESS", m.start(), m.start() + len(candidate), 0.95, "EmailRecognizer"))
    if " at " in text or "[at]" in text or "(at)" in text or "@" in text:
        for m in OBFUSCATED_EMAIL_RE.finditer(text):
            address = re.sub(r"\s*(?:\[at\]|\(at\)|@|\sat\s)\s*", "@", m.group(0), count=1)
            if _valid_domain(address) and not is_role_mailbox(address, places) \
                    and not any(f.start < m.end() and m.start() < f.end for f in out):
                out.append(Finding("EMAIL_ADDRESS", m.start(), m.end(), 0.6, "EmailRecognizer"))
    if "@" in text:
        for m in INTERNAL_EMAIL_RE.finditer(text):
            if m.group("host").lower() in _WHERE_A_THING_IS:
                continue  # "pump@ward 7": where the pump is
            if not is_role_mailbox(m.group(0), places) and not any(f.start < m.end() and m.start() < f.end
                                                                    for f in out):
                out.append(Finding("EMAIL_ADDRESS", m.start(), m.end(), 0.6, "EmailRecognizer"))
    return out
