"""The name an e-mail header shows before a person's address: "From: Amber <a.smith@trust.nhs.uk>"; and a name that
its own address follows, in brackets or not: "emailed frank (frank.ix@trust.nhs.uk)".

Notes paste e-mails whole, and a mail program writes the sender's or recipient's display name before their
address in angle brackets. There the words are that person's name even when each is an everyday word ("Amber",
"Will Ward") or in no list: the address itself says a person is meant, unless it is a team's mailbox
(recognizers_email.is_role_mailbox: "EBME Helpdesk <ebme.helpdesk@...>" is a team's name, kept).
"""

from __future__ import annotations

import re

from intake.anonymisation.findings import Finding
from intake.anonymisation.vocabulary import fold

# One to four words before "<address>", after a header's label, a comma or a line's start; "SURNAME, First"
# as Outlook writes it, in quotes or not.
_DISPLAY = re.compile(
    r"(?:^|(?<=[:;,\n]))[ \t]*[\"']?(?P<name>[^\W\d_][\w'\u2019.-]*(?:,?[ \t]+[^\W\d_][\w'\u2019.-]*){0,3})[\"']?"
    r"[ \t]*<(?P<address>[^<>@\s]+@[^<>@\s]+)>", re.MULTILINE)


def find_display_names(text: str) -> list[Finding]:
    if "<" not in text or "@" not in text:
        return []
    from intake.anonymisation.recognizers_email import is_role_mailbox  # it imports nergate, which imports names

    return [Finding("PERSON", m.start("name"), m.end("name"), 0.7, "DisplayNameRecognizer")
            for m in _DISPLAY.finditer(text)
            # a display name is written capitalised ("reply to <...>" is a sentence)
            if all(w[:1].isupper() for w in m.group("name").replace(",", " ").split())
            and not is_role_mailbox(m.group("address"))]


# Up to three words right before an address in brackets: those of them that the address's own name spells (in any
# case, "frank (frank.ix@...)", "Jo Malik <jo.malik@...>", "smith (j.smith@...)") are that person's name.
_BEFORE_ADDRESS = re.compile(
    r"(?P<words>[^\W\d_][\w'\u2019-]*(?:[ \t]+[^\W\d_][\w'\u2019-]*){0,2})[ \t]*[(<][ \t]*"
    r"(?P<local>[^()<>@\s]+)@[^()<>@\s]+[ \t]*[)>]")
_LOCAL_PARTS = re.compile(r"[._+\-\d]+")


def find_names_spelt_by_addresses(text: str) -> list[Finding]:
    if "@" not in text:
        return []
    from intake.anonymisation.recognizers_email import is_role_mailbox

    out = []
    for m in _BEFORE_ADDRESS.finditer(text):
        parts = {p for p in _LOCAL_PARTS.split(m.group("local").lower()) if p}
        if is_role_mailbox(m.group("local") + "@x"):
            continue
        words = list(re.finditer(r"[^\s]+", m.group("words")))
        first = len(words)
        while first > 0 and (fold(words[first - 1].group()) in parts or (
                first < len(words) and fold(words[first - 1].group())[:1] in parts)):
            first -= 1  # "Jo Malik" of jo.malik, "J Malik" of j.malik too
        if first < len(words) and len(fold(words[-1].group())) > 1:
            base = m.start("words")
            out.append(Finding("PERSON", base + words[first].start(), base + words[-1].end(), 0.7,
                               "DisplayNameRecognizer"))
    return out
