"""The words that point at a person in notes, in one place: titles and roles ("sister", "s/n"), contact and
reporting verbs ("rang", "per"), hand-over phrases ("awaiting reply from"), and the words that are never a name
after them. contextual_names.py reads names after these in any case; names.py's rules for capitalised words use
CONTEXT_WORDS and STRONG_CONTEXT (below) and the same hand-over phrases. The two families of lists overlap
(a word such as "rang" is in both) and could become one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from intake.anonymisation.name_tokens import Token

# Titles and roles (folded, as token keys) that put a person's name right after them, in any case; the
# abbreviations are how ward staff sign notes. "s/n" and "r/n" are matched as three tokens (see _role_at).
ROLES_ONE = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "prof", "professor", "sister", "sr", "nurse", "matron",
    "keyholder", "sn", "rn", "cn", "en", "rgn", "hca", "hcsw", "mw", "midwife", "tech", "technician", "engineer", "eng",
    "porter", "physio", "consultant", "surgeon", "registrar", "reg", "fy1", "fy2", "sho", "spr", "pa",
    "anaesthetist", "pharmacist", "radiographer", "phlebotomist", "receptionist", "housekeeper", "caller", "pts",
    "patient", "pt", "relative", "wife", "husband", "son", "daughter", "colleague", "manager", "odp", "anp", "cns",
    "rmn", "ccp", "dn", "ccn", "hv", "cpn", "nnp", "acp", "ahp", "baby", "twin", "infant",
    # maternity and neonatal care: "ANNP Henry", "CMW Wright", "MSW Dipti", "BO Rose" (baby of), "interpreter Amal"
    "annp", "cmw", "msw", "bo", "interpreter", "translator", "advocate", "chaperone", "doula",
    "carer", "keyworker", "neighbour", "neighbor", "mother", "father", "mum", "dad", "brother",
    "grandson", "granddaughter", "niece", "nephew", "lodger", "warden", "guardian",
    "partner", "spouse", "fiance", "fiancee", "boyfriend", "girlfriend", "hubby", "stepson", "stepdaughter",
    "granddad", "grandchild", "friend",
    # who a study, a community service or a home calls its patients: "participant Nia Hill", "resident Mair Owen"
    "participant", "client", "resident", "volunteer",
    # a child's family, as paediatric and community notes name them: "nana pat", "auntie rose", "stepdad Wayne"
    "nan", "nana", "nanna", "nanny", "gran", "granny", "grandma", "grandmother", "grandad", "grandpa", "grandfather",
    "auntie", "aunty", "aunt", "uncle", "stepdad", "stepmum", "stepmother", "stepfather", "mam", "mom", "cousin",
    # ambulance crews and managers: "para moss aware", "TL Moss", "eca frost", "SM MOSS to confirm"
    "para", "paramedic", "tl", "ctl", "sm", "eca", "emt", "ecp", "aap", "ecsw",
    # imaging: "Rad: Grace", "Supt Bello", "RPS Sharma", a vendor's "FSE Tom Kerr"
    "rad", "radiologist", "sonographer", "physicist", "supt", "superintendent", "rps", "rpa", "mpe", "fse", "cse",
    # physiological measurement and therapies: "Physiologist Lere", "Lere (sleep physiologist)"
    "physiologist", "scientist", "therapist", "audiologist", "optometrist", "dietitian", "technologist",
})
ROLES_TWO = frozenset({
    ("staff", "nurse"), ("charge", "nurse"), ("ward", "manager"), ("ward", "sister"), ("student", "nurse"),
    ("senior", "nurse"), ("nurse", "practitioner"), ("support", "worker"), ("ward", "clerk"),
    ("unit", "manager"), ("team", "leader"), ("service", "engineer"), ("field", "engineer"),
    ("of", "kin"), ("in", "law"),  # "next of kin Amir", "daughter in law fella"
    ("baby", "of"),  # a newborn named after the mother until registered: "baby of Okafor"
    ("infant", "of"), ("social", "worker"), ("health", "visitor"), ("community", "midwife"), ("link", "worker"),
    ("family", "nurse"), ("neonatal", "nurse"),
})
# Honorifics: after one of these even a name that is also an everyday word is the surname ("Mrs ross", "dr
# french", "Sister green"), unless it is a word that names a place or a thing after a title ("sister ward").
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "prof", "professor", "sister", "sr"})
# Courtesy titles name nobody but a person: the word after one is the surname even where it is a job's, a place's or
# a thing's word ("mr porter", "Mrs Ward", "Mr Baxter"), but not a preposition ("Mr on leave" is a clipped note).
COURTESY = frozenset({"mr", "mrs", "ms", "miss", "mx", "master"})
NOT_AFTER_COURTESY = frozenset({"on", "off", "in", "out", "and", "or", "to", "from", "at", "is", "was", "has"})
NOT_AFTER_HONORIFIC = frozenset({
    "ward", "bay", "street", "day", "north", "south", "east", "west", "new", "case", "page", "power", "nurse",
    "sister", "doctor", "patient", "porter", "on", "off", "in", "out",
})
# Role abbreviations written with a slash: "s/n", "r/n", "c/n", "e/n".
SLASH_ROLES = frozenset({("s", "n"), ("r", "n"), ("c", "n"), ("e", "n"), ("c", "o")})  # c/o: care of
# Words that greet or thank the person named next ("Thanks Cat", "Hi Will", Welsh "Diolch Victor").
GREETINGS = frozenset({"thanks", "thank", "thx", "dear", "hi", "hello", "hey", "cheers", "diolch", "cofion"})
VERBS_ONE = frozenset({
    "per", "called", "rang", "phoned", "informed", "asked", "told", "contacted", "thanks", "cc", "attn", "dear",
    "named", "emailed", "messaged", "bleeped", "paged", "contact", "call", "ring", "ask", "tell", "email",
    "message", "phone", "hi", "hello", "hey", "fao", "regards", "cheers", "via", "reach", "reached", "chase",
    "chased", "remind", "reminded", "notify", "notified", "awaiting", "diolch", "cofion", "thx",
    "met", "witnessed", "countersigned",  # a form's witness: "witnessed Felicity F", "countersigned R Dube"
})
# Verbs that follow the person who speaks or acts in a note ("tom says", "JO RANG BACK", "hannah aware").
VERBS_AFTER = frozenset({
    "says", "said", "reports", "reported", "states", "stated", "rang", "called", "phoned", "asked", "asks",
    "wants", "confirmed", "confirms", "aware", "informed", "advised", "advises", "agreed", "requested", "requests",
    "emailed", "noticed", "noted", "thinks", "will", "unavailable",
    "happy", "unhappy", "satisfied", "pleased",  # who accepted the work: "fixed. Grace happy", "Tunde satisfied"
})
# Words that follow a name opening a sentence (see _before_verb): "Ifeoma from the renal unit", "Ines who
# fitted it".
AFTER_NAME = VERBS_AFTER | {"from", "who"}
# Where a person is, after their name and "on", "in" or "at": a shift or a place ("Grace on nights", "Will in
# Estates", "Mark at Baxter"); places are told by _place_start.
SHIFT_WORDS = frozenset({"nights", "days", "lates", "earlies", "call", "shift", "leave", "duty", "holiday", "site",
                         "annual"})
# What is said of a person, not of a thing, right after them ("june not sleeping", "Ross let me in", "hope can't
# manage the stairs", "June prefers Welsh"): after a word of a person the dataset names, that person.
PERSON_STATES = frozenset({"prefers", "let", "lets", "can t", "cant", "cannot", "won t", "wont", "doesn t",
                           "didn t", "isn t", "wasn t", "lives", "uses", "using", "likes", "needs", "struggles",
                           "struggling", "refused", "refuses", "declined", "declines",
                           # what befalls a patient ("after dean admitted to ward 4")
                           "admitted", "readmitted", "discharged", "transferred", "died"})
# ... and after "not", what a person is not, rather than a thing ("june not sleeping"; "Key not found", "Fan not
# working" are things).
NOT_A_PERSONS = frozenset({"sleeping", "coping", "managing", "happy", "keen", "home", "answering", "using", "eating",
                           "well", "able", "sure", "aware", "around", "breathing", "comfortable", "bothered",
                           "present", "interested", "mobile"})
# What a member of staff does, written right after their name opening a sentence ("Grace replaced the fan",
# "Will to order parts", "Mark has booked a loan"): an auxiliary or the "to" of a task, a verb in the past tense
# (regular ones are told by their ending), or one of these irregular ones.
ACTION_AUXILIARIES = frozenset({"to", "has", "had", "was", "is", "will", "would", "could", "can", "did", "does"})
ACTION_IRREGULAR = frozenset({
    "found", "sent", "took", "made", "went", "came", "left", "gave", "brought", "saw", "got", "put", "ran", "spoke",
    "told", "set", "kept", "held", "met", "led", "lent", "lost", "began", "wrote", "bought", "caught",
    "rang",
})
# The word after a past participle in a passive note, which a thing rather than a person opens ("Fan replaced
# and tested", "Cable left in room", "Unit found faulty"): the verb then says nothing of a person before it.
PASSIVE_TAIL = frozenset({
    "and", "or", "but", "with", "by", "as", "at", "on", "in", "under", "to", "from", "for", "ok", "okay", "today",
    "yesterday", "successfully", "satisfactorily", "fine", "again", "now", "faulty", "working", "out", "off", "up",
    "down", "back", "over", "be", "been", "not", "no", "yes", "&", "+",
})
# Two-word verbs that are no hand-over phrase (those are CUE_PHRASES, tried first).
VERBS_TWO = frozenset({("speaking", "to"), ("name", "is"), ("thank", "you"), ("back", "from")})
# How notes hand a matter to or from somebody: a word of communication or hand-over and its preposition, then
# the person ("left voicemail for Ife", "awaiting reply from Ioana", "discussed with Pătru", "handed back to
# Gorm", "on behalf of Chidi"). Built from the two word lists rather than phrase by phrase, so that the pattern
# holds for phrasings no export has shown yet.
HANDOVER_HEADS = {
    # a Spanish inventory's notes: "llamar a Luis", "hablado con María", "revisado por Juan"
    "a": ("llamar", "avisar", "informar", "contactar", "preguntar", "comunicar", "entregado", "entregada"),
    "con": ("hablar", "hablado", "contactar", "contactado", "consultado", "consultar"),
    "por": ("revisado", "revisada", "firmado", "firmada", "solicitado", "solicitada", "recibido", "recibida",
            "avisado", "comprobado", "comprobada"),
    "for": ("voicemail", "message", "msg", "note", "waiting", "asking", "asked", "ask", "looking"),
    "from": ("statement", "obtained", "handover", "over", "back", "callback", "reply", "response", "message", "msg",
             "email", "e-mail", "call",
             "text", "note", "letter", "feedback", "update", "voicemail", "word", "approval", "permission", "request",
             "phone", "confirmation"),
    "with": ("discussed", "discussion", "conversation", "agreed", "checked", "confirmed", "liaised", "liaising",
             "meeting", "chat", "chatted", "spoke", "speaking", "left", "dealt", "msg", "message", "voicemail", "vm",
             "reflection", "debrief", "debriefed"),
    "to": ("handed", "passed", "escalated", "referred", "forwarded", "reported", "explained", "demonstrated",
           "shown", "sent", "given", "issued", "delivered", "returned", "released", "assigned", "allocated",
           "reassigned", "introduced", "talked", "spoke", "spoken", "speak", "mentioned", "emailed", "lent",
           "loaned"),
    # Not "serviced by", "repaired by", "fitted by": companies do those ("Serviced by Fisher & Paykel").
    "by": ("collected", "signed", "witnessed", "booked", "raised", "requested", "reported", "checked", "seen",
           "approved", "authorised", "authorized", "accepted", "delivered", "returned", "logged", "agreed",
           "arranged", "organised", "organized", "confirmed", "received", "queried", "flagged", "noticed", "found",
           "borrowed", "taken", "cleared", "released", "okayed", "handed", "dropped", "picked", "called",
           "rang", "phoned", "emailed", "chased",
           "acked", "acknowledged", "actioned",  # a ward's acknowledgement of a notice: "acked by Pam"
           "ok d", "ack d", "ackd"),  # keys as the tokens read them: "ok'd" is "ok d", "ack'd by Pam 22/10"
    "of": ("behalf", "attention", "request", "mobile", "phone", "number", "bleep", "pager", "extension", "home"),
}
CUE_PHRASES = frozenset(
    {(head, prep) for prep, heads in HANDOVER_HEADS.items() for head in heads}
    | {(head, particle, "to") for head in ("handed", "passed", "given", "sent", "went", "going", "taken")
       for particle in ("back", "over", "on")}
    # "booked in by", "dropped off by", "picked up by": the act's particle between the verb and "by".
    | {(head, particle, "by") for head in HANDOVER_HEADS["by"] for particle in ("in", "out", "off", "up", "back")}
    | {("signed", "off", "by"), ("carried", "out", "by"), ("on", "behalf", "of"), ("as", "per")}
    # who was on the rota: "radiographer on duty Ben", "on call Priya"
    | {("on", "duty"), ("on", "call")}
)


# Things come over from a place ("unit came over from Kirkcaldy"); a matter is handed over from a person.
MOTION = frozenset({"came", "come", "comes", "coming", "moved", "brought", "shipped", "transferred", "arrived",
                    "sent", "went", "got", "delivered", "couriered", "posted"})


def is_cue_phrase(phrase: tuple[str, ...], before: str) -> bool:
    """Whether the word keys `phrase`, after the word key `before`, are a hand-over phrase."""
    return phrase in CUE_PHRASES and not (phrase == ("over", "from") and before in MOTION)


def cue_ends_at(toks: Sequence[Token], i: int) -> bool:
    """Whether a hand-over phrase (CUE_PHRASES) ends right before token i, a separator between allowed."""
    j = i - 1 if i >= 1 and toks[i - 1].text in SEPARATORS else i
    keys = tuple(t.key for t in toks[max(0, j - 4):j])
    return is_cue_phrase(keys[-3:], "") or is_cue_phrase(keys[-2:], keys[-3] if len(keys) >= 3 else "")


def line_end(text: str, start: int, end: int) -> int:
    """Where a name found from `start` to `end` ends: at its first line break, trailing spaces dropped. A name keeps
    to its line ("Rhys Evans\nStaff Nurse" is a signature's name and job title)."""
    cut = text.find("\n", start, end)
    return start + len(text[start:cut].rstrip()) if cut > start else end


POSSESSIVE_SUFFIXES = ("'s", "\u2019s")


def possessive_stem(tok: Token) -> Token | None:
    """The word without its "'s" ("brown's": "brown", whose key is "brown"), or None when it is no possessive.
    One reading for every rule: fold() makes the key of "brown's" "brown s"."""
    if not tok.key.endswith(" s") or tok.text[-2:] not in POSSESSIVE_SUFFIXES:
        return None
    return tok._replace(text=tok.text[:-2], end=tok.end - 2, key=tok.key[:-2])


# What a person's name in the possessive points at in a note ("ahmad's bleep", "Okoro's office"): the person.
POSSESSED = frozenset({"bleep", "pager", "mobile", "mob", "phone", "extension", "ext", "number", "email", "voicemail",
                       "desk", "office", "team", "manager"})
# A name signing off an entry: after two dashes or a long dash, at the end of the line ("... checked -- john").
SIGN_OFF = frozenset({"-", "\u2013", "\u2014"})

# Last words of a job title: after "Dubois," the words "Biomedical Engineer" are the person's title, not a given
# name ("Escalated to Dubois, Biomedical Engineer").
TITLE_HEADS = frozenset({
    "engineer", "technician", "manager", "officer", "clerk", "specialist", "scientist", "lead", "coordinator",
    "director", "head", "assistant", "administrator", "practitioner", "supervisor", "nurse", "sister", "matron",
    "consultant", "registrar", "physiologist", "therapist", "radiographer", "pharmacist", "midwife", "worker",
})

# The words an internal number follows ("ext 4412", Welsh "est. 4412", "bleep 2231"): never a name's last word
# ("reported to Gareth Evans est. 01275").
EXTENSION_WORDS = frozenset({"ext", "extn", "extension", "est", "estyniad", "bleep", "bleeper", "pager"})
# The abbreviations of record keeping that follow a role word ("patient hosp no", "pt tel", "caller ext"):
# unlisted words, but never a name.
RECORD_WORDS = EXTENSION_WORDS | frozenset({
    "hosp", "hospital", "no", "num", "nos", "pas", "mrn", "crn", "nhs", "dob", "tel", "mob",
    "ref", "id", "rx", "rxh", "unit", "ward", "bay", "bed", "rm", "dept", "details", "notes", "rec", "records",
    "identifier", "identifiers", "label", "labels", "sticker", "stickers", "data", "info", "record",
})
# Weak context: frequent little words; a name after them must be a known name that is rarely a word.
WEAK_ONE = frozenset({"from", "for", "with", "by", "to"})
SEPARATORS = frozenset({":", "-", "(", ",", "\u2013", "\u2014", "="})
# Month and day abbreviations are names too ("Jan", "Sat"), but "(jan)" in a note is a date.
# Months and days in full: first names too ("June", "May"), and capitalised inside any sentence.
CALENDAR_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})
MONTHS_DAYS = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
                          "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"})
WORD_ENDINGS = ("ed", "ing", "ly", "tion", "sion", "ment", "ness", "able", "ible", "ful", "less", "ise", "ize",
                 "ity", "ous",
                 # procedures and conditions no list spells ("fasciectomy", "laparotomy", "colonoscopy")
                 "ectomy", "otomy", "ostomy", "plasty", "scopy", "graphy", "itis", "pexy", "rrhaphy", "lysis")
PARTICLES = frozenset({"de", "da", "del", "della", "van", "von", "der", "den", "le", "la", "bin", "binti", "ibn",
                        "al", "el", "du", "dos", "das", "di", "y", "o", "mc", "mac", "dela", "delos",
                        "ó", "ní", "nic", "ui", "uí", "ua"})  # Irish: "ó dochartaigh", "ní bhriain"
# Frequencies in pyspellchecker's list (see nergate.py): below RARE a known name is rarely an English word
# ("smith", "john"); below NAME_OVER_WORD it is still more often a name after a title ("sister hill").
RARE = 10_000
NAME_OVER_WORD = 100_000
# ... and at WORD_MARK or more two or three letters are a word, no one's mark ("po", "ca", "is"); below it they may be
# initials where a mark stands, though the list has them ("BOD").
WORD_MARK = 1_000
# A first name of the dataset's people is caught alone when English uses it less often than this as a word (in
# pyspellchecker's frequencies: "jane" 2,921, "felicity" 967, "sterling" 2,812) and not when more ("frank" 6,903,
# "kit" 8,609, "grace" 24,102): replacing those everywhere would take their everyday sense with them. Below it, two
# letters glued to a clock time are a mark ("ta13:45"; "at14:26" is a typo).
RARE_AS_WORD = 5_000


# For names.py's capitalised words: a context word within four words before a name raises its score; a
# strong context right before a capitalised word makes it a name (with the hand-over phrases, cue_ends_at).
CONTEXT_WORDS = frozenset({
    "spoke", "speak", "speaking", "spoken", "called", "call", "rang", "ring", "phoned", "phone", "asked", "told",
    "informed", "per", "cc", "attn", "thanks", "thank", "contacted", "contact", "patient", "pt", "engineer",
    "tech", "technician", "by", "from", "with", "for", "reported", "requested", "raised", "caller", "named",
    "name", "relative", "wife", "husband", "son", "daughter", "mother", "father", "colleague", "manager",
    "nurse", "deputy", "rep", "representative", "held", "loaned", "owner", "responsible", "sister", "doctor",
})
STRONG_CONTEXT = frozenset({
    "spoke to", "spoke with", "speak to", "speaking to", "spoken to", "rang", "called", "phoned", "contacted",
    "informed", "told", "asked", "per", "cc", "attn", "patient", "pt", "thanks", "thank you", "caller",
    "reported by", "requested by", "raised by", "engineer", "technician", "named", "relative", "call", "ring",
    "phone", "contact", "ask", "ask for", "tell", "inform", "bleep", "page", "email", "e-mail", "message",
    "emailed", "messaged", "collected by", "delivered to", "handed to", "signed by", "witnessed by",
    "loaned to", "lent to", "held by", "owned by", "nurse", "deputy", "rep", "representative", "manager",
    "collected from", "booked by", "returned to", "returned by", "given to", "issued to", "assigned to",
    "reach", "reached", "chase", "chased", "remind", "reminded", "notify", "notified", "agreed by",
})
