"""Logins in notes: who wrote a log entry, right after the entry's time stamp ("2020-06-04T22:37:55Z HUSSAINK spare
sent from Swadlincote", "2020-11-29 22:55 kokafor parts ordered", "[29.11. 22:55 aoife.mulcahy] rang theatre"),
and a login after its label ("login: j.smith", "logged in as SMITHJ", "user id jsmith2").

Systems that keep an activity log export each entry as time, user, text, and a mapping that folds the log into
the notes keeps the user's login there. A login is a surname and initials run together (or a first and last name
joined by a dot): no English word, no term the vocabulary knows, letters only, all in one case. Only the first
word after a full time stamp (a date with its time) counts, where nothing but the author stands.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from typing import TYPE_CHECKING

from intake.anonymisation.findings import Finding
from intake.anonymisation.initials import BY_ABBREVIATIONS, NOTE_ABBREVIATIONS
from intake.anonymisation.vocabulary import Vocabulary

if TYPE_CHECKING:
    from intake.anonymisation.contextual_names import ContextualNames

# The date as systems stamp it: ISO, "29/11/2020", "29.11.2020", or a continental "29.11." without the year.
_AFTER_TIMESTAMP = re.compile(
    r"(?:\d{4}-\d{2}-\d{2}[T ]|\d{1,2}/\d{1,2}/\d{2,4}[ T]|\d{1,2}\.\d{1,2}\.(?:\d{2,4})?[ T])"
    r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
    r"[ \t]+(?:[-\u2013|][ \t]+)?(?P<login>[A-Za-z]{4,20}\d{0,3}|[a-z]{2,15}\.[a-z]{2,20}\d{0,3})(?=[ \t:,\]-])"
)


def find_log_authors(text: str, ctx: ContextualNames) -> list[Finding]:
    if ":" not in text:
        return []
    out = []
    for m in _AFTER_TIMESTAMP.finditer(text):
        login = m.group("login")
        key = login.lower()
        # a long word is a login only as the entry's author, its colon after it ("jbuenaventura: rang CT"), not
        # "22:55 decontaminated and returned"
        long_word = len(login.rstrip("0123456789")) > 12 and "." not in login and text[m.end("login"):][:1] != ":"
        if long_word or not (login.isupper() or login.islower()) or key in ctx.not_names or key in ctx.english \
                or key in NOTE_ABBREVIATIONS or key in BY_ABBREVIATIONS \
                or ctx.vocab.is_allowed_term(login):
            continue
        out.append(Finding("PERSON", m.start("login"), m.end("login"), 0.7, "ContextNameRecognizer"))
    return out


# After "login", "username", "user id", "logged in as" (or "user:" with its colon), or after what a system records
# somebody did ("merged by rmarsh1", "deleted by SELBYA"): one token shaped as logins are, with a dot, an underscore
# or a digit ("j.smith", "jsmith2"), or letters in one case that are no English word ("login: SMITHJ", not "login
# failed", "merged by hand").
_LABELLED = re.compile(
    r"(?i:\b(?:log-?in(?:\s+(?:id|name))?|user\s?(?:id|name)|logged\s+(?:in|on)\s+as|user(?=\s*[:=])"
    # a user or an operator before an account with its digits ("user jbloggs01 locked out", "operator SMITHJ2")
    r"|(?:user|operator|owner|assignee|author|by)(?=[ \t]+[A-Za-z][A-Za-z._-]{2,}\d)"
    r"|(?:operator|owner|assignee|author)(?=\s*[:=])"
    # what the record says last happened to it, before its colon ("modified: jsmith", "Last edit: SMITHJ 12/03")
    r"|(?:last\s+)?(?:modified|edited|edit|updated|created|amended|entered|changed)(?=\s*:)"
    r"|(?:merged|deleted|acknowledged|ack'?d|edited|modified|created|amended|changed|cancell?ed|overridden|"
    r"reconciled|locked|unlocked|reset|archived|restored|exported|imported|closed|resolved|assigned|raised|"
    r"authori[sz]ed|approved|verified|signed|updated)\s+by|signed(?=\s*:)"
    # what an administrator did to an account ("reset user wvht\ltointon", "unlocked account jsmith2")
    r"|(?:reset|unlock(?:ed)?|locked(?:\s+out)?|disabled|enabled|re-?enabled|suspended)\s+(?:(?:for|of)\s+)?"
    r"(?:the\s+)?(?:user|account|login)(?:\s+(?:for|of))?(?=\s)"
    # ... or after the account it was done to ("account kowalskia locked", "login okaforc expired")
    r"|(?:user|account|login)(?=[ \t]+[A-Za-z][A-Za-z0-9._-]{2,30}[ \t]+(?:(?:was|is|now|has\s+been)[ \t]+)?"
    r"(?:locked|unlocked|disabled|reset|expired|suspended|re-?enabled|created|deleted)\b)))"
    # a domain before the account, in a note's own case ("wvht\ltointon"): the account is one person's
    r"[ \t]*[:=-]?[ \t]*(?P<domain>[A-Za-z][A-Za-z0-9-]{1,14}\\)?"
    r"(?P<login>[A-Za-z][A-Za-z0-9._-]{1,30}[A-Za-z0-9])(?![\w@\\-])")


# A device's or system's shared accounts name no one ("user: admin", "login ID service1").
_SHARED_ACCOUNTS = frozenset({"admin", "administrator", "service", "engineer", "guest", "user", "root", "system",
                              "biomed", "ebme", "supervisor", "operator", "technician", "tech", "default", "test",
                              "demo", "clinical", "nurse", "factory", "manufacturer", "maint", "maintenance"})


# Letters and groups of digits after dashes or slashes: a reference's shape, which no directory gives an account.
_REFERENCE = re.compile(r"[A-Za-z]{1,6}(?:[-/]\d+)+[A-Za-z]?")


# An account as some directories case it: initials in capitals run into a capitalised surname ("JBloggs").
_INITIALS_SURNAME = re.compile(r"[A-Z]{1,2}[A-Z][a-z]{2,}")


def find_labelled_logins(text: str, ctx: ContextualNames) -> list[Finding]:
    out = []
    for m in _LABELLED.finditer(text):
        login = m.group("login")
        key = login.lower()
        if key.rstrip("0123456789").rstrip("._-") in _SHARED_ACCOUNTS:
            continue
        shaped = any(c in "._" or c.isdigit() for c in login) or _INITIALS_SURNAME.fullmatch(login) is not None \
            or m.group("domain") is not None
        core = key.rstrip("0123456789")
        if shaped and core != key and (core in ctx.english or core in ctx.vocab.indicators):
            continue  # "by ward12", "user pump2": a place's or a thing's number
        if _REFERENCE.fullmatch(login):
            continue  # "required by FA-2024-888", "signed by CAL-1080": a notice's or a record's reference
        if not shaped and (not (login.isupper() or login.islower()) or key in ctx.not_names or key in ctx.english
                           or key in NOTE_ABBREVIATIONS or key in BY_ABBREVIATIONS or ctx.vocab.is_allowed_term(login)):
            continue
        out.append(Finding("PERSON", m.start("login"), m.end("login"), 0.7, "ContextNameRecognizer"))
    return out


# A login that is a whole field where a mapping joins fields with bars ("... Graded Low. | No harm | singhj") or a
# whole cell: an audit column's "last modified by" kept with the record. Letters in one case, no English word, and
# a surname of the name lists (or its start, cut to a length limit) with one or two initials before or after it
# ("singhj", "SMITHJ", "jsmith", "amcbride2", "postlethm");
# "| complete |", "| nff |", "| alaris |" are a status, an abbreviation and a maker.
_JOINED_FIELD = re.compile(r"(?:\A|(?<=\|))[ \t]*(?P<login>[A-Za-z]{4,20}\d{0,3})[ \t]*(?=\Z|\|)")
# ... and where a log names who wrote an entry: in brackets opening it or alone ("[jsmith] replaced battery",
# "(okaforc) rang"), before the colon or dash opening it ("jsmith: replaced", "12/03/24 okaforc - replaced"), after
# "by" ("note by smithj").
_LOGIN = r"(?P<login>[A-Za-z]{4,20}\d{0,3})"
_LOGIN_PLACES = re.compile(
    rf"(?:^|(?<=\] )|(?<=\d ))[ \t]*\[{_LOGIN}\]|\({_LOGIN.replace('login', 'login2')}\)"
    rf"|(?:^|(?<=\] )|(?<=\d ))[ \t]*{_LOGIN.replace('login', 'login3')}(?=:[ \t]|[ \t]+[-\u2013][ \t])"
    rf"|(?i:\bby)[ \t]+{_LOGIN.replace('login', 'login4')}(?![\w.@'\u2019\\/-])", re.MULTILINE)


def _surname_and_initials(key: str, vocab: Vocabulary) -> bool:
    """A surname and one or two initials; the surname cut where the system's limit on a login's length cut it
    ("postlethm": Postlethwaite, "ramanathv": Ramanathan), five letters of it at least."""
    core = key.rstrip("0123456789")
    parts = (core[:-1], core[:-2], core[1:], core[2:])
    return any(len(part) >= 4 and part in vocab.last_names for part in parts) or (
        len(core) >= 7 and any(len(part) >= 5 and vocab.begins_a_surname(part) for part in parts[::2]))


def _joined_login(login: str, ctx: ContextualNames) -> bool:
    key = login.lower()
    core = key.rstrip("0123456789")
    # letters and the digits a directory adds ("wscrimshaw43") are an account whatever the surname
    numbered = core != key and len(core) >= 5 and core not in ctx.english
    if any(core.endswith(end) and core[:-len(end)] in ctx.english for end in ("s", "es", "ed", "er", "ly")):
        return False  # "(sharps)": a word's plural or tense, not a surname and an initial
    return (login.isupper() or login.islower()) and key not in ctx.english and key not in ctx.not_names \
        and key not in NOTE_ABBREVIATIONS and key not in BY_ABBREVIATIONS and core not in _SHARED_ACCOUNTS \
        and not ctx.vocab.is_allowed_term(login) and (numbered or _surname_and_initials(key, ctx.vocab))


def find_joined_logins(text: str, ctx: ContextualNames) -> list[Finding]:
    out = [Finding("PERSON", m.start("login"), m.end("login"), 0.7, "ContextNameRecognizer")
           for m in _JOINED_FIELD.finditer(text) if _joined_login(m.group("login"), ctx)]
    if "[" in text or "(" in text or ":" in text or "-" in text or "by" in text.lower():
        for m in _LOGIN_PLACES.finditer(text):
            group = next(g for g in ("login", "login2", "login3", "login4") if m.group(g))
            if _joined_login(m.group(group), ctx):
                out.append(Finding("PERSON", m.start(group), m.end(group), 0.7, "ContextNameRecognizer"))
    return out


# A Windows account as its domain writes it ("HARTLEY\ptrelawney", "NHS\jsmith2"): a domain in capitals, one
# backslash, the account; the account alone is personal (the domain is the organisation's). Not a path ("\\fs01\share",
# "S:\EBME\Reports": a backslash or a colon around it) nor an escape left in text ("ERROR\nRetry").
_DOMAIN_LOGIN = re.compile(r"(?<![\w\\/.:-])[A-Z][A-Z0-9-]{1,14}\\(?P<login>(?![ntr][A-Z])[A-Za-z][A-Za-z0-9._-]{0,30}"
                           r"[A-Za-z0-9])(?![\w\\/-])")
# ... and as a note in lower case copies it ("spire\jbloggs"): the account five characters at least, never one an
# escape would open ("line\nsmith", "a\tb"), unless a digit, a dot or an underscore shapes it as an account.
_LOWER_DOMAIN_LOGIN = re.compile(r"(?<![\w\\/.:-])[a-z][a-z0-9-]{1,14}\\(?P<login>(?![ntr][a-z]*(?![\w.]))"
                                 r"(?:(?![ntr])[a-z][a-z]{4,30}|[a-z][a-z]*[0-9._][a-z0-9._-]*[a-z0-9]))(?![\w\\/-])")


# A SharePoint claim, as lists export their "Modified By" and "Created By" ("i:0#.w|hartley\\ptrelawney",
# "i:0#.f|membership|jsmith@trust.org", "i:05.t|adfs|jsmith"): whatever the domain's case, the account after the
# claim's last bar or backslash is one person's. A group's claim ("c:0+.w|s-1-5-21-...") names nobody.
_CLAIM_LOGIN = re.compile(r"(?<![\w])i:0[^\s|]{0,3}\|(?:[^\s|\\]{1,40}[|\\]){0,2}"
                          r"(?P<login>[A-Za-z][\w.'-]{0,62}(?:@[\w-]+(?:\.[\w-]+)+)?)")


def find_domain_logins(text: str) -> list[Finding]:
    if "\\" not in text and "|" not in text:
        return []
    out = []
    for m in _CLAIM_LOGIN.finditer(text) if "|" in text else ():
        if m.group("login").split("@")[0].lower().rstrip("0123456789").rstrip("._-") not in _SHARED_ACCOUNTS:
            out.append(Finding("PERSON", m.start("login"), m.end("login"), 0.8, "ContextNameRecognizer"))
    claimed = {f.start for f in out}
    out += [Finding("PERSON", m.start("login"), m.end("login"), 0.8, "ContextNameRecognizer")
            for regex in (_DOMAIN_LOGIN, _LOWER_DOMAIN_LOGIN) for m in regex.finditer(text)
            if m.start("login") not in claimed
            and m.group("login").lower().rstrip("0123456789").rstrip("._-") not in _SHARED_ACCOUNTS
            and m.group("login").lower().rsplit(".", 1)[-1] not in _NOT_SURNAMES]  # "ebme\report2.pdf": a file
    return out


def names_a_domain(text: str, start: int, end: int) -> bool:
    """The span is the domain of a Windows account ("HARTLEY" of "HARTLEY\\ptrelawney"): the organisation's."""
    m = _DOMAIN_LOGIN.match(text, start)
    return m is not None and m.start("login") == end + 1


def domain_account(value: str) -> str:
    """The account of a value written "DOMAIN\account"; the value itself otherwise."""
    m = _DOMAIN_LOGIN.fullmatch(value.strip())
    return m.group("login") if m else value


# "lovely.lim" where a log or a note copies a login: first and last name joined by a dot, no e-mail, web address,
# file or version.
_DOTTED = re.compile(r"(?<![\w.@/\\-])(?P<first>[a-z]{1,15})\.(?P<last>[a-z]{2,20})(?![\w@/\\-]|\.\w)")
_NOT_SURNAMES = frozenset({"com", "net", "org", "gov", "nhs", "ac", "uk", "ie", "scot", "wales", "pdf", "doc",
                           "docx", "xls", "xlsx", "txt", "csv", "jpg", "png", "zip", "exe", "log", "ini", "xml", "json",
                           "html"})


def find_dotted_logins(text: str, ctx: ContextualNames) -> list[Finding]:
    """A first name and a surname joined by a dot, one of them a person of the dataset or both in the name lists:
    the whole login is the person's, not only the part a list knows."""
    if "." not in text:
        return []
    vocab, people = ctx.vocab, ctx.known_people
    out = []
    for m in _DOTTED.finditer(text):
        first, last = m.group("first"), m.group("last")
        if last in _NOT_SURNAMES or vocab.is_allowed_term(first) or vocab.is_allowed_term(last):
            continue
        named = (first in vocab.first_names or first in people, last in vocab.last_names or last in people)
        if len(first) == 1:
            # an initial and a surname ("j.smith"); a bacterium's genus and species is none ("c.diff", "e.coli")
            named = (named[1], named[1])
        if all(named) or ((first in people or last in people) and any(named)):
            out.append(Finding("PERSON", m.start(), m.end(), 0.7, "ContextNameRecognizer"))
    return out


# A login as a person field holds it: a token with a digit, a dot or an underscore ("rmarsh1", "j.smith"), or an
# initial and a surname run together either way ("fbishop", "SELBYA").
_LOGIN_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9._-]{3,30}[A-Za-z0-9]")


def person_field_logins(values: Iterable[str], vocabulary: Vocabulary, english: Container[str]) -> set[str]:
    """The logins among a person field's values: the dataset says whose they are, and a note that copies one
    anywhere names that person. Never a shared account ("admin", "ebme1"), an English word or a term the
    vocabulary knows."""
    out = set()
    for value in values:
        login = domain_account(value).strip() if value else ""
        if not _LOGIN_TOKEN.fullmatch(login) or not (login.islower() or login.isupper()):
            continue
        key = login.lower()
        letters = key.rstrip("0123456789").rstrip("._-")
        if letters in _SHARED_ACCOUNTS or letters in english or key in english or letters in BY_ABBREVIATIONS \
                or vocabulary.is_allowed_term(login) or letters in vocabulary.indicators:
            continue
        shaped = any(c in "._" or c.isdigit() for c in key)
        run_together = len(letters) >= 5 and (letters[1:] in vocabulary.last_names or letters[:-1]
                                              in vocabulary.last_names or letters[:-2] in vocabulary.last_names)
        if shaped or run_together:
            out.add(login)
    return out
