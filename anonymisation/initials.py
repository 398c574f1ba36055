"""Staff initials where they sign a note: "replaced, tested OK /SM", "CHECKED BY LB", "[JB] cleaned", "done by JMcK".

Within a hospital a pair of initials names one member of staff as surely as the name does, and logs are signed
that way. Where a short capitalised token stands says it is initials rather than an abbreviation: where an entry
ends (after a slash, a dash or the last sentence), where it opens (before a colon, in brackets, before the date,
after a label such as "Engineer:"), after what somebody did ("checked by", "replaced battery (JB)"). The token has
two to five letters, at least two of them capitals ("SM", "DMcK", "DabO", "SO'H"), and is no word the vocabulary
knows (a maker, a ward, a device) nor one of the abbreviations notes write in that place ("/NFF", "NB:", "by ICU").
Where a helpdesk passes work between people ("passed to KM", "per JB", "cc: JB, KM", "@JB", "Thanks,\nKM") the
place is surer still, and there lower-case initials count too ("call taken by lh"), unless they spell a word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from intake.anonymisation.findings import Finding
from intake.anonymisation.name_cues import RARE_AS_WORD, ROLES_ONE, WORD_MARK
from intake.anonymisation.place_words import reading_after
from intake.anonymisation.vocabulary import Vocabulary, fold, note_abbreviations, shipped_sections

# Letters of any alphabet ("JÓG", "DabO"), one apostrophe inside for an O' surname ("SO'H").
_MARK = r"(?:[^\W\d_]{1,3}['\u2019][^\W\d_]{1,3}|[^\W\d_]{2,5})"
# A line's end (a full stop before it), a bar or a semicolon between joined fields or entries ("sent for decon. - em;
# Mum: ..."), or the label of a field joined after the entry ("signed off. CO - parts: 1 x fuse").
# The next entry's stamp, where a query joined entries one after another ("sent for decon. (NB) 12/03/2024 rang
# family", "left vm. - TB / 2024-03-12 10:30 ...").
_JOINED = r"[ \t]+-[ \t]+[A-Za-z]+:|[ \t]+(?:[/-][ \t]+)?\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}(?!\d)"
_END = rf"(?=\.?[ \t]*(?:$|\n|\||;)|{_JOINED})"
_END_PAIR = rf"(?=(?: ?[/&] ?{_MARK})?(?:\.?[ \t]*(?:$|\n|\||;)|{_JOINED}))"  # a second mark before ("- GH/KL")
# After the last sentence a mark also ends its entry before a dash that joins the next field ("left vm. (TB) -
# parts 1 x fuse", "next due 12/05. /cx - parts"); elsewhere "screen - LCD - replaced" is what broke.
_END_FIELD = rf"(?=(?: ?[/&] ?{_MARK})?(?:\.?[ \t]*(?:$|\n|\||;)|{_JOINED}|\)?[ \t]+-[ \t]+\w))"
_DATE = r"\d{1,2}[/.-]\d{1,2}(?!\d)"  # not a decimal ("lat 51.5072")
_WORD2 = r"(?i:in|on|at|to|no|up|is|it|of|or|by|as|an|be|do|go|if|so|ok)"  # two letters of a note's own words
# The writer's mark where it ends an entry: after a slash ("tested OK /SM"), alone after the last sentence
# ("repaired. MNF"), after a dash ("tested OK - JB", "-MK").
_END_MARKS = (
    # "Sr Kurian / JK.", "on hold (/SQ)"
    re.compile(rf"(?:(?<=\s)|(?<=\()|^)/ ?\(?({_MARK})\)?(?=[ \t]*(?:$|\n|[.,;)|])|{_JOINED})", re.MULTILINE),
    re.compile(rf"(?<=[.!;] )\(?({_MARK})\)?{_END_FIELD}", re.MULTILINE),  # "Monitor. (KW)"
    re.compile(rf"(?:(?<=\s)|^)[-\u2013\u2014~]{{1,2}} ?({_MARK}){_END_PAIR}", re.MULTILINE),  # "-- JB" too
    # before the date it was written, where the entry ends ("returned to ward. JK 12/3")
    re.compile(rf"(?<=[.!;] )({_MARK})(?= {_DATE}(?:[/.-]\d{{2,4}})?\.?[ \t]*(?:$|\n|\|))", re.MULTILINE),
    # between the dashes that join a query's fields ("pass. - TB - parts 1 x fuse", "no answer. - lp - parts"), or
    # set off after a dash by a bracket, a slash or a second dash ("...\\MDL-10618.pdf - (js) - parts", "- /AB")
    re.compile(rf"(?<=[.!;] )[-\u2013] ?({_MARK})(?=[ \t]+[-\u2013][ \t]+\S)"),
    re.compile(rf"(?:(?<=\s)|^)[-\u2013] ?(?:\(|/ ?|[-\u2013] )(?!{_WORD2}\b)([^\W\d_]{{2}})\)?{_END_FIELD}",
               re.MULTILINE),
    # a slash after the last sentence, in a note in lower case too ("next due 12/05/2025. /tb - parts")
    re.compile(rf"(?<=[.!;] )/ ?({_MARK}){_END_FIELD}", re.MULTILINE),
    # after the file the entry saved, at its end ("report saved to S:\\reports\\CE24253.pdf PB")
    # or after a dash there, before the next joined field ("...\\MDL-10201.pdf - LP - parts")
    re.compile(rf"\.(?i:pdf|docx?|xlsx?|csv|txt|jpe?g|png|msg|tiff?)[ \t]+({_MARK}){_END}", re.MULTILINE),
    re.compile(rf"\.(?i:pdf|docx?|xlsx?|csv|txt|jpe?g|png|msg|tiff?)[ \t]+[-\u2013][ \t]*({_MARK}){_END_FIELD}",
               re.MULTILINE),
    # after a dash, before that date ("returned to ward - JS 12/03/24")
    re.compile(rf"(?:(?<=\s)|^)[-\u2013\u2014~] ?({_MARK})(?= {_DATE}(?:[/.-]\d{{2,4}})?\.?[ \t]*(?:$|\n|\|))",
               re.MULTILINE),
)
# On a line of its own below an entry: a sign-off, or a heading ("CT", "MR", "ENT", "TURP"): only two capitals
# or a mixed-case mark ("DMcK") that no list of abbreviations, titles or words knows.
_ALONE = re.compile(rf"(?<=\n)[ \t]*({_MARK})\.?[ \t]*$", re.MULTILINE)
# Where it opens an entry: before a colon or a dash ("[phone] CR: parts ordered", "15/01 RG: ...", "12/03/21 JB -
# replaced"), in brackets ("[JB] cleaned"), before the date ("JB 12/03/21: replaced"); after a label ("Engineer:
# MÓC", "signed JB", "checked: jk"), before the date after what was done ("closed JB 12/03"). Abbreviations stand
# there too; so do marks in lower case ("12/03 ab: chased parts").
_ENTRY_OPENS = (
    re.compile(rf"(?:^|(?<=\] )|(?<=\d )|(?<=\d [-\u2013] ))({_MARK})(?::| [-\u2013]|>)(?= )", re.MULTILINE),
    re.compile(rf"^({_MARK})(?= {_DATE})", re.MULTILINE),
    # a ward's acknowledgement of a notice or a recall ("ACK BH 04/11", "ack'd JO")
    # a log's operator column folded in ("cycle 3321 OK op:cw"), a role's letters ("agency nurse KT", "Sister KT")
    re.compile(rf"(?i:\b(?:eng|engineer|tech|technician|initials|signed|sig|sign|sign[- ]?off|signed[- ]off|assigned"
               rf"|assignee|owner|handler|agent|op|operator|nurse|sister|matron|hca|porter|midwife"
               rf"|analyst|ack|ack'?d|acknowledged)\.?(?:: ?| )|\b(?:checked|verified|witness(?:ed)?|authori[sz]ed"
               rf"|approved|reviewed|actioned|accepted): )(?!(?i:by|off|out|on|in|for|at)\b)({_MARK})"
               rf"(?![\w'\u2019-])"),
    re.compile(rf"(?i:\b(?:closed|opened|logged|done|attended|checked|updated|visited|called|completed|tested|"
               rf"repaired|fixed|serviced|returned))\s+({_MARK})(?= {_DATE})"),
)
# Where nothing but a mark stands: in square brackets opening an entry ("[rk] no fault found", "[JS 12:30]").
_SURE_MARKS = (
    re.compile(rf"(?:^|(?<=\d ))\[({_MARK})\]", re.MULTILINE),
    re.compile(rf"\[({_MARK}) (?=(?:\d{{1,2}}[:.]\d{{2}}|{_DATE})[^\]\n]{{0,12}}\])"),  # "[JS 12:30] no fault"
    re.compile(rf"\(({_MARK}) (?=(?:\d{{1,2}}[:.]\d{{2}}|{_DATE})[^)\n]{{0,12}}\))"),  # "(JB 12/3) replaced fuse"
)
# Two capitals that sign an entry where it ends, a few words after what was done ("fitted new battery JB", "Awaiting
# parts JB", "REPLACED FUSE JB"), or after "by" there ("Returned to ward by JB"; three are a courier's, "sent by
# DHL"); two or three as a sentence of their own between two ("Tested. JB. Returned to ward.", "(WIFE). LF // 24%
# NIGHTS").
# "returned to RAU": a unit; "asked for extra CD", "2 x HX": what was asked for or counted (a cylinder's size)
_PLACE_BEFORE = re.compile(r"(?i)(?:\b(?:to|from|in|at|on|into|via|for|with|extra|more|spare|new|another|some)"
                           r"|(?<![\d:/.-])\d{1,2}[ \t]*x?)[ \t]+$")  # not a time's or a date's digits: "14:30 JB"
_SIGNED_AFTER_WORK = (
    re.compile(r"(?<=[A-Za-z0-9)] )([A-Z]{2})(?=\.?[ \t]*(?:$|\n|\||;))", re.MULTILINE),
    re.compile(r"(?<=[.!;] )([A-Z]{2,3})(?:[.,](?=[ \t]+[A-Z])|(?=[ \t]+//))"),
    # the entry's author right after its full time stamp, as a log exports it ("2019-01-06T07:31:00 LF WARD 4");
    # two capitals only: three there are a team's as often ("2021-11-10T01:59:05Z EOC chased")
    re.compile(r"(?:\d{4}-\d{2}-\d{2}[T ]|\d{1,2}/\d{1,2}/\d{2,4}[ T])\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
               r"(?:Z|[+-]\d{2}:?\d{2})?[ \t]+(?:[-|][ \t]+)?([A-Z]{2})(?=[ \t:,\]-])"),
    re.compile(r"(?i:\bby[ \t]+)([A-Z]{2})(?=\.?[ \t]*(?:$|\n|\||;))", re.MULTILINE),
)
# The mark with the time glued to it where an entry ends after what was checked or done ("brushed and re-run JM0755",
# "storage max 72h, audited GL1100"): a clock time, and verbs whose object is no part's code ("fitted BAT1130").
_TIMED_MARK = re.compile(r"(?i:\b(?:audited|re-?run|re-?ran|released|signed(?:[ \t]+off)?|initialled|witnessed|"
                         r"verified|completed|done|reprocessed|washed|decontaminated|reviewed))[ \t]+"
                         r"([A-Z]{2,3}|[a-z]{2,3})(?=(?:[01]\d|2[0-3])[0-5]\d(?:[ \t]*(?:$|\n|[;|]|--)))", re.MULTILINE)
# ... and with the clock time glued to it where a sentence ended, before the entry ends ("new size 10 given.
# HC14:26 / sent to Phonak", "NA x2, LM. R.C.15:07 |", "lm. ta13:45\n"): nobody glues a time to a word.
_CLOCK_GLUED = re.compile(r"(?:^|(?<=[.!?;][ \t])|(?<=\n))((?:[A-Za-z]\.){1,2}[A-Za-z]\.?|[A-Za-z]{2,3})"
                          r"(?=(?:[01]?\d|2[0-3]):[0-5]\d(?:[ \t]*(?:$|\n|[;|/]|--)))", re.MULTILINE)
# A mark opening a line before a spaced slash and what came of it ("KW / accepted by Band 6 Rich"; not "n/a"): a
# maker's "AG" never stands there alone, nor "AM" without its time.
_SIGNED = re.compile(rf"^[ \t]*({_MARK})[ \t]+/[ \t]+(?=[a-z]{{3,}})", re.MULTILINE)
# What somebody did, right after the mark opening the line ("KL fitted new probe", "jb rang ward").
_DID = ("fitted|swapped|replaced|rang|called|phoned|emailed|chased|checked|tested|cleaned|repaired|serviced|attended|"
        "visited|collected|delivered|ordered|spoke|returned|removed|installed|calibrated|booked|took|reset|updated|"
        "changed")
_OPEN_MARKS = (
    # "@JB can you check", a line opening with what someone will do or did ("JB to call back", "KM attended"),
    # a pair opening a line ("JB/KM attended").
    re.compile(rf"(?<![\w@.])@({_MARK})(?![\w'\u2019.-])"),
    # ... or a clause after a stamp, a semicolon or "then" ("Update 14/02: LM chased Baxter", "spoke to ward; HW to
    # return", "Jo on till 8 then AH covering")
    re.compile(rf"(?:^[ \t]*|(?<=; )|(?<=, )|(?<=\d: )|(?<=\d\d:\d\d )|(?<=[Tt]hen )|(?<=THEN ))({_MARK})"
               rf"(?: \([^()\n]{{1,20}}\))? "
               rf"(?=(?:{_DID}|to|will|has|had|was|is|went|fixed|said|says|on site|confirmed|reported|advised|"
               r"informed|agreed|arranged|sent|left|dropped|picked|raised|logged|closed|completed|asked|requested|"
               r"contacted|tried|needs|aware|covering|off|looking|investigating|following|dealing|handling|knows|can|"
               r"could|should|inspected|decontaminated|upgraded|loaned|issued|received|found|noted|ran|passed|failed|"
               r"condemned|quarantined|handed|brought|re-?fitted|re-?tested|adjusted|tightened|lubricated|downloaded|"
               r"uploaded|configured)\b)",
               re.MULTILINE),
    re.compile(rf"^[ \t]*({_MARK})(?: ?/ ?| ?& ?| and )(?={_MARK}(?![\w'\u2019-]))", re.MULTILINE),
    # a mark before the time it wrote, opening an entry ("KM 14:30 awaiting parts", "parts due. KM 14:30")
    re.compile(rf"(?:^|(?<=[.!;] ))({_MARK})(?= \d{{1,2}}[:.]\d{{2}}(?!\d))", re.MULTILINE),
)
# Capitals between the time an entry opens with and its first sentence, as a monitor's or a log's annotations are
# joined ("| 04:56 BOD Paper jam - reloaded", "07:53 RK Loss of contact"): the writer's mark, even one that spells
# a word English hardly uses ("BOD"); an abbreviation the notes open with stands there too ("14:30 ECG Recorded").
_CLOCK_MARK = re.compile(r"(?:^|(?<=\| )|(?<=; )|(?<=\d ))\d{1,2}:\d{2}(?::\d{2})?[ \t]+([A-Z]{2,3})(?=[ \t]+[^\W\d_])",
                         re.MULTILINE)
# Two letters in lower case opening a line before what they did, as a log typed in lower case is written ("jb fitted
# new probe", "kl rang ward"): no word, abbreviation, title or role ("we fitted", "pt rang", "gp rang").
_LOWER_OPEN = re.compile(rf"^[ \t]*([a-z]{{2}})(?= (?:{_DID})\b)", re.MULTILINE)
# In brackets or after a comma closing an entry, only after what somebody did ("replaced battery (JB)", "cleaned
# with Tristel, AA; missing charger"): "pump alarming (OCC)" is the alarm's code.
_DONE = re.compile(r"(?i)\b(?:\w+ed|done|ok|checked|pass(?:ed)?|fail|fitted|returned|swapped|on hold|awaiting"
                   r"|pending)\b")
_AFTER_DONE = (
    re.compile(rf"\(\(?({_MARK})\)\)?{_END}", re.MULTILINE),  # "on hold ((GC))" too
    re.compile(rf"\[({_MARK})\]{_END}", re.MULTILINE),
    # "passed PAT KH", "tested OK JB": the test's name or its result may stand between what was done and the mark
    re.compile(rf"(?i:\b(?:\w+ed|done)(?:[ \t]+(?:pat|ok|nff|esd))?)[ \t]+({_MARK}){_END}", re.MULTILINE),
    # a form's signature before the next field: "decon cert signed NB, collected by ..."
    re.compile(rf"(?i:\b(?:signed|initialled|countersigned|witnessed))[ \t]+({_MARK})(?=[ \t]*[,;])"),
    re.compile(rf"(?<=, )({_MARK})(?=[ \t]*(?:$|\n|\||;))", re.MULTILINE),
)
_BY = re.compile(
    r"(?i:\b(?:checked|tested|signed(?: off)?|done|ok'?d|seen|completed|verified|authori[sz]ed|approved|logged|raised|"
    r"inspected|serviced|repaired|fitted|calibrated|reviewed|witnessed|entered|updated|closed|booked(?: in)?|"
    r"taken|chased|passed|attended|handled|actioned|picked up|assigned|allocated|reassigned|escalated|reported|"
    r"called|phoned|rang|emailed|cleaned|decontaminated|delivered|collected|received|accepted|issued|returned|"
    r"loaned|resolved|triaged|rejected|cancell?ed|amended|edited|created|opened|acknowledged|confirmed|ordered|"
    r"requested|arranged|quoted|agreed|advised|fixed|investigated|diagnosed|noted|found|recorded|commissioned|"
    r"decommissioned|condemned|released|replaced|installed|removed|modified|adjusted|countersigned|supervised|"
    r"examined|assessed|audited|observed|identified|spotted|flagged|queried|answered|contacted|informed|"
    r"notified|instructed|asked|repaired|swapped|labelled|tagged|packed|shipped|posted|dispatched|sent(?=\s+by:))"
    rf"\s+by:?\s+\(?)({_MARK})\b(?![-/.]\w)")
# The mark may stand in brackets after "by", "to" or "from" ("call taken by (DH)", "passed to (km)").
# Work handed to someone ("passed to KM", "spoke to RT"), and a note's reference to whoever said so ("per JB",
# "cc: JB", "FAO KM"), and a sign-off ("Thanks, JB", "Regards\nKM").
_TO = re.compile(
    r"(?i:\b(?:passed|handed|spoke|spoken|speak|talked|assigned|allocated|reassigned|escalated|forwarded|sent|"
    r"emailed|transferred|referred|given|reported|explained|mentioned|handover)(?:\s+(?:it|this|job|call|over|back|"
    rf"on))?\s+to:?\s+\(?)({_MARK})\b(?![-/.]\w)")
# Who a job was done with, who an answer came from ("attended with MC", "awaiting response from AK").
_WITH_FROM = re.compile(
    r"(?i:\b(?:(?:attended|visited|discussed|liaised|spoke|spoken|talked|checked|agreed|confirmed|arranged|met|"
    r"worked|left it|left|raised|went|along|together|shadowed|trained)\s+with|(?:response|reply|answer|call|"
    r"message|msg|e-?mail|update|feedback|info|approval|request|callback|word|ok|go-ahead|note|notes|comment|"
    r"comments|handover|instructions?)\s+from|heard\s+from|"
    rf"back\s+from)\s+\(?)({_MARK})\b(?![-/.]\w)")
_PER = re.compile(rf"(?i:\b(?:per|via|cc|fao|attn)\b:?\s+)({_MARK})(?=[ \t]*(?:$|\n|[,.;:)/&|]|\s+[a-z]|\s+-\s))",
                  re.MULTILINE)
_SIGN_OFF = re.compile(
    r"(?i:\b(?:thanks|thank you|many thanks|regards|kind regards|best wishes|best|cheers|rgds|thx|ta))\b[,.!]?"
    rf"[ \t]*\n?[ \t]*({_MARK}){_END}", re.MULTILINE)
# More marks after one: "cc: JB, KM", "JB/KM attended", "spoke to RT & AK".
_LIST_NEXT = re.compile(rf"[ \t]*(?:,|/|&|-?>|\band\b)[ \t]*({_MARK})(?![\w'\u2019-])")
# Whom a note asks, tells or waits for ("asked JB to check", "left msg for KM", "awaiting JB"), and a mark with
# its extension ("JB x4471"): a team there is listed ("asked ICU", "ED x4471"), a document or an order too.
_ASKED = (
    re.compile(r"(?i:\b(?:asked|told|reminded|informed|notified|chased|messaged|texted|paged|bleeped|awaiting|"
               r"waiting\s+(?:for|on)|left\s+(?:a\s+)?(?:msg|message|vm|voicemail)\s+(?:for|with)|"
               rf"(?:msg|message|vm)\s+for|call(?:ed)?\s+back\s+to|ring\s+back\s+to)\s+)({_MARK})\b(?![-/.]\w)"),
    re.compile(rf"(?<![\w@.])({_MARK})(?= (?:x|ext\.?|extn|bleep|blp) ?\d{{3,5}}\b)"),
)
_HANDED_ON = (_TO, _WITH_FROM, _PER, _SIGN_OFF)
# Three capitals after "passed to" or "per" are as often a department or a document ("sent to SSD for decon",
# "per SOP"): there they count as initials only where the entry ends or a list, date or time follows; four
# ("sent to RICU") are a unit's code.
_SHORT_ENTRY_END = re.compile(r"[ \t]*(?:$|\n|[,.;:)/&|]|\d{1,2}[/.:]\d)")  # not "back from AER 3": a machine


_ABBREVIATIONS = shipped_sections("note_abbreviations.txt")
TEAMS = _ABBREVIATIONS["teams"]
ROLE_ABBREVIATIONS = TEAMS | _ABBREVIATIONS["roles"]  # a few letters in a person field that are no initials
BY_ABBREVIATIONS = ROLE_ABBREVIATIONS | _ABBREVIATIONS["handed"]
NOTE_ABBREVIATIONS = TEAMS | _ABBREVIATIONS["open"]
END_ABBREVIATIONS = TEAMS | _ABBREVIATIONS["end"]
LOWER_ABBREVIATIONS = _ABBREVIATIONS["lower"]
ALL_ABBREVIATIONS = note_abbreviations()
SCORE = 0.7
RECOGNIZER = "InitialsRecognizer"
# A company's suffix follows its name ("Siemens AG", "Smith & Co"); where only a mark stands it is a mark ("- AG").
COMPANY_SUFFIXES = frozenset({"ag", "co", "sa", "nv", "bv", "ab", "as", "oy", "kk", "se"})
SIGNED_RECOGNIZER = "SignedInitialsRecognizer"  # where only a mark stands: a maker's "AG" or "Co" there is a mark


_NEXT_WORD = re.compile(r"[ \t]*[^\W\d_]")
_COSIGNED = re.compile(r"[ \t]+/[ \t]+[^\W\d_]")
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
_DATED = re.compile(rf"[ \t]+{_DATE}")
# A standard's body before its number or a second body ("per bs en 62353", "to BS 7671"): a standard, not a mark.
# What follows a standard's body ("BS EN 1789") or a numbered machine or place ("back from AER 3", "wd 2"):
# letters before a small number name a thing, initials are followed by a date or a time if by a number at all.
_STANDARD_AFTER = re.compile(r"(?i)[ \t]+(?:en|iso|iec)\b|[ \t]+\d{4,5}\b|[ \t]+\d{1,2}(?![\d/.:-]|(?:st|nd|rd|th)\b"
                             r"|[ \t]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))")


def _no_word_or_term(key: str, vocabulary: Vocabulary, english: Mapping[str, int], below: int = WORD_MARK) -> bool:
    """Where a mark surely stands: letters that are no term, title, role or word of the notes, and a word English
    writes fewer than `below` times at most ("BOD")."""
    return key not in vocabulary.allow_tokens and key not in vocabulary.titles and key not in ROLES_ONE \
        and key not in vocabulary.common_words and english.get(key, 0) < below


def _initials(text: str, token: str, end: int, vocabulary: Vocabulary, english: Mapping[str, int], where: str) -> bool:
    """`where`: "by" (after what somebody did), "to" (work handed on, "per", a sign-off), "sure" (where nothing but a
    mark stands: in brackets), "signed" (opening a line before "/ accepted by"), "alone" (on a line of its own),
    "closing" (alone after the last sentence), "after" (where an entry surely opens, after a label), "label" (after
    an acknowledgement's or a signature's label), "clock" (after the time an entry opens with), "timed" (the time
    glued after it, where an entry ends after what was done), "glued" (a clock time glued after it where a sentence
    ended), "open" (where an entry opens, after what was done;
    capitals only) or "end" (where an entry ends: fewer abbreviations stand there)."""
    key = fold(token)
    if _STANDARD_AFTER.match(text, end) or reading_after(text, end):
        return False
    if where == "label":
        if token.isupper() and len(token) <= 3 and _DATED.match(text, end) and text != text.upper() \
                and key not in NOTE_ABBREVIATIONS and key not in vocabulary.titles:
            return True  # a label's mark before its date is whose, even in letters that spell a word: "ACK AIM 18/06"
        if token.isupper() and len(token) <= 3 and _COSIGNED.match(text, end) and text != text.upper() \
                and english.get(key, 0) < RARE_AS_WORD and key not in NOTE_ABBREVIATIONS \
                and key not in vocabulary.titles:
            return True  # ... and before the other signer: "decon sign-off MOW / store tech Abebe", not "NOT / ..."
        where = "after"
    if where == "timed":
        return key not in ALL_ABBREVIATIONS and _no_word_or_term(key, vocabulary, english)
    if where == "glued":  # the time glued on: a greeting's letters too ("ta13:45"), not a preposition's ("at14:26")
        return key not in NOTE_ABBREVIATIONS and key not in END_ABBREVIATIONS and key not in BY_ABBREVIATIONS \
            and key not in ("am", "pm") and _no_word_or_term(key, vocabulary, english, RARE_AS_WORD)
    if where == "clock":
        return key not in NOTE_ABBREVIATIONS and key not in END_ABBREVIATIONS and key not in vocabulary.indicators \
            and _no_word_or_term(key, vocabulary, english)
    if where == "work":
        # capitals where the entry ends after the work, or as a sentence of their own: no abbreviation notes end
        # with, no word (a text in capitals writes "SENT TO US"), no maker's or team's letters
        return token.isupper() and key not in END_ABBREVIATIONS and key not in NOTE_ABBREVIATIONS \
            and key not in english and key not in vocabulary.common_words and key not in vocabulary.titles \
            and key not in vocabulary.allow_tokens and key not in vocabulary.indicators and key not in ROLES_ONE
    if where == "lower open":
        return key not in ALL_ABBREVIATIONS and key not in english \
            and key not in vocabulary.common_words and key not in vocabulary.titles and key not in ROLES_ONE \
            and key not in vocabulary.allow_tokens and key not in vocabulary.indicators
    if where == "alone":
        # three or more capitals alone on a line are a procedure's or a unit's code ("TURP", "LSCS") as often
        if key in vocabulary.titles or key in ALL_ABBREVIATIONS or (token.isupper() and len(token) > 2):
            return False
        where = "end"
    abbreviations = {"by": BY_ABBREVIATIONS, "to": BY_ABBREVIATIONS, "asked": ALL_ABBREVIATIONS,
                     "open": NOTE_ABBREVIATIONS, "after": NOTE_ABBREVIATIONS, "sure": NOTE_ABBREVIATIONS}.get(
        where, END_ABBREVIATIONS)
    if where == "asked":
        if key in ROLES_ONE:
            return False  # "AWAITING SM MOSS": a station manager, named next
        where = "to"
    if where == "signed":
        if len(token) == 2 and token.isupper():
            return key not in TEAMS
        where = "sure"
    if where == "closing":  # two capitals alone after the last sentence ("signed off. CO"): no maker's "Co"
        if len(token) == 2 and token.isupper() and key not in END_ABBREVIATIONS:
            return True
        # ... and three in a note not in capitals, though English has them as a rare word ("was not harmed. ABS")
        if len(token) == 3 and token.isupper() and text != text.upper() and key not in END_ABBREVIATIONS \
                and key not in NOTE_ABBREVIATIONS and _no_word_or_term(key, vocabulary, english, RARE_AS_WORD):
            return True
        if key in _ORDINAL_SUFFIXES and token.islower():
            return True  # "used spare. th": a suffix after a full stop has no number to belong to
        where = "end"
    if (key in vocabulary.allow_tokens and key not in COMPANY_SUFFIXES) or (
            (key in vocabulary.indicators or key in ROLES_ONE) and len(key) > 2):
        return False  # "RAD:", "FSE:" are roles; a company's "AG" or "Co" follows its name, alone it is a mark
    # A fada or other accent makes a token no English word or abbreviation ("TÓM", "MÓB", "OÓH"); two capital
    # letters where a mark stands are initials even when they spell a little word ("AT", "ER"), unless listed.
    plain = token.isascii()
    if plain and key in abbreviations:
        return False
    everyday = plain and (key in vocabulary.common_words or key in english)
    if token.islower():
        # "call taken by lh", "tested to BS EN 1789. -cd", "replaced battery (ig)": two or three letters that spell
        # no word, title or abbreviation, only where the place is sure.
        size = 0 if where == "open" else 3
        if where in ("end", "sure") and len(token) == 2:
            # Where an entry ends or only a mark stands ("tested. on.", "done 14 Apr. /mo", "(ar)", "ca / accepted
            # by") two letters are no sentence, even when they spell a little word; only a sign, a greeting or an
            # answer stands there ("-ve", "ok", "ta").
            return key not in LOWER_ABBREVIATIONS and key not in vocabulary.titles
        return len(token) <= size and not everyday and key not in vocabulary.titles and key not in LOWER_ABBREVIATIONS
    if where in ("end", "sure") and len(token) == 2 and token[0].isupper() and token[1].islower():
        # "LOLER check done 12 May. On", "left vm. (Tg)": the same two letters alone where the entry ends or only a
        # mark stands, capitalised
        return key not in LOWER_ABBREVIATIONS and key not in vocabulary.titles
    if not token[0].isupper() or sum(c.isupper() for c in token) < 2:
        return False
    # "CHECKED BY AN 25/04" is initials, "CHECKED BY AN ENGINEER" English in capitals: a word follows. Where a
    # mark stands alone, an English word in capitals ("DONE", "NOTE:") is that word.
    if where == "by":  # "INFORMED BY PHONE": a word of four letters or more is that word
        return not everyday or (len(key) < 4 and not _NEXT_WORD.match(text, end))
    if where == "to":
        if token.isupper() and len(token) > 2:
            return len(token) == 3 and not everyday and bool(_SHORT_ENTRY_END.match(text, end))
        return not everyday
    return not (everyday and len(key) > 2)


# Initials written with full stops ("tested and returned. J.S.", "sig: A.B."): nobody dots an abbreviation of
# letters that name no word, and the dotted ones notes do write ("N.B.", "D.O.B.", "I.D. 4mm") are listed or
# followed by a number. Before a capitalised word they open a name, which the name rules judge.
_DOTTED = re.compile(r"(?<![\w.])((?:[A-Z]\. ?){1,2}[A-Z]\.?)(?![\w]|\.\w| ?[A-Z]|\.? ?\d)")


# ... and in lower case where an entry ends or a staff number follows ("reprinted - r.p.;", "sticky after. m.c. |",
# "signed off: k.b. (4471234)"): "e.g.", "i.e.", "a.m." are listed.
_DOTTED_LOWER = re.compile(r"(?<![\w.])((?:[a-z]\.){1,2}[a-z]\.)(?=[ \t]*(?:$|\n|[;|(]|--|,))", re.MULTILINE)


# The few of the notes' lower-case abbreviations written dotted ("n.a.", "p.m."); not "t.h." for "th" or "t.a." for
# "ta": dotted, those letters are initials.
_DOTTED_WORDS = frozenset({"am", "pm", "eg", "ie", "nb", "ps", "na", "nd", "ea", "re", "etc", "ok", "st"})


def _dotted_initials(text: str, vocabulary: Vocabulary) -> list[tuple[int, int]]:
    out = []
    for m in (*_DOTTED.finditer(text), *_DOTTED_LOWER.finditer(text)):
        key = "".join(c for c in m.group(1) if c.isalpha()).lower()
        if not (key in NOTE_ABBREVIATIONS or key in BY_ABBREVIATIONS or key in END_ABBREVIATIONS
                or key in _DOTTED_WORDS or key in vocabulary.allow_tokens or key in vocabulary.indicators):
            out.append(m.span(1))
    return out


def _after_done(text: str, m: re.Match[str]) -> bool:
    """Whether the entry holding the mark says before it that something was done (_DONE)."""
    return _DONE.search(text, max(text.rfind(c, 0, m.start()) for c in "\n;|") + 1, m.start(1)) is not None


def find_initials(text: str, vocabulary: Vocabulary, english: Mapping[str, int]) -> list[Finding]:
    """`english`: the everyday English words with their frequencies (nergate.english_frequencies)."""
    found: list[tuple[re.Match[str], str]] = []
    if text != text.lower():  # elsewhere a mark has two capitals, and many notes have none
        found += [(m, "closing" if pattern is _END_MARKS[1] else "end") for pattern in _END_MARKS
                  for m in pattern.finditer(text)]
        found += [(m, "open") for pattern in _OPEN_MARKS for m in pattern.finditer(text)]
        found += [(m, "open") for pattern in _AFTER_DONE[2:] for m in pattern.finditer(text) if _after_done(text, m)]
    else:  # a note all in lower case is signed in lower case too ("job closed. rk", "ok for use -tw"), not "/ml"
        found += [(m, "closing" if pattern is _END_MARKS[1] else "end") for pattern in _END_MARKS[1:]
                  for m in pattern.finditer(text)]
    found += [(m, "label" if pattern is _ENTRY_OPENS[2] else "after") for pattern in _ENTRY_OPENS
              for m in pattern.finditer(text)]
    found += [(m, "lower open") for m in _LOWER_OPEN.finditer(text)]
    if ":" in text and text != text.upper():
        found += [(m, "clock") for m in _CLOCK_MARK.finditer(text)]
    found += [(m, "sure") for pattern in _SURE_MARKS for m in pattern.finditer(text)]
    found += [(m, "signed") for m in _SIGNED.finditer(text)]
    found += [(m, "alone") for m in _ALONE.finditer(text)]
    found += [(m, "sure") for pattern in _AFTER_DONE[:2] for m in pattern.finditer(text) if _after_done(text, m)]
    found += [(m, "by") for m in _BY.finditer(text)]
    found += [(m, "to") for pattern in _HANDED_ON for m in pattern.finditer(text)]
    found += [(m, "asked") for pattern in _ASKED for m in pattern.finditer(text)]
    found += [(m, "work") for pattern in _SIGNED_AFTER_WORK for m in pattern.finditer(text)
              if pattern is not _SIGNED_AFTER_WORK[0] or (_after_done(text, m) and not _PLACE_BEFORE.search(
                  text, max(0, m.start() - 9), m.start()))]
    found += [(m, "timed") for m in _TIMED_MARK.finditer(text)]
    found += [(m, "glued") for m in _CLOCK_GLUED.finditer(text)]
    spans: set[tuple[int, int]] = set(_dotted_initials(text, vocabulary)) if "." in text else set()
    signed: set[tuple[int, int]] = set()
    for m, where in found:
        token, (start, end) = m.group(1), m.span(1)
        while _initials(text, token, end, vocabulary, english, where):
            alone = where == "signed" or (len(token) == 2 and token.isupper() and (
                where == "closing" or fold(token) in COMPANY_SUFFIXES))
            (signed if alone else spans).add((start, end))
            nxt = _LIST_NEXT.match(text, end)
            if nxt is None:
                break
            token, (start, end) = nxt.group(1), nxt.span(1)
    return sorted([*(Finding("PERSON", s, e, SCORE, RECOGNIZER) for s, e in spans - signed),
                   *(Finding("PERSON", s, e, SCORE, SIGNED_RECOGNIZER) for s, e in signed)], key=lambda f: f.start)
