"""The name an e-mail header shows before a person's address: "From: Amber <a.smith@trust.nhs.uk>".

Notes paste e-mails whole, and a mail program writes the sender's or recipient's display name before their
address in angle brackets. There the words are that person's name even when each is an everyday word ("Amber",
"Will Ward") or in no list: the address itself says a person is meant, unless it is a team's mailbox
(recognizers_email.is_role_mailbox: "EBME Helpdesk <ebme.helpdesk@...>" is a team's name, kept).
"""

from __future__ import annotations

import re

from intake.anonymisation.findings import Finding

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
