"""The other phrasing families of `incident_export.py`, written for it alone (slots as in `incident_text.py`): the
incident handler's "Investigation findings" in the third person (`FINDINGS`, with a duty of candour note `CANDOUR`
when one was owed), and the field safety notice tracker's texts: the notice's issue (`ISSUE`) and the action it asks
for (`ASKS`) as the Medical Devices Safety Officer typed them, the acknowledgements the wards typed (`ACK`) and the
engineers' terse comments (`COMMENTS`). Role words before a name, relatives' relation words and doctors' grades,
split by the splits.
"""

from __future__ import annotations

FINDINGS = {
    "dev15": [
        "Device {tag} ({model}) inspected by {ebme} on {date}. The event log shows {err} at {time}, consistent with "
        "the report. No fault found on bench testing and the device was returned to {ward}.\n\nLearning shared at "
        "the {committee}.",
        "Reviewed by the {title}. The pump was running {sw} and had not received the update required by {fsn}. All "
        "remaining pumps on {ward} have now been updated. Reported to the MHRA, reference {mhra}.",
        "Statement obtained from {nurse}. Programming error (ml/hr selected instead of mg/hr); no device fault. The "
        "staff member has been supported by {senior} and a drug library review has been requested.",
        "Referred to {maker}. Their field service engineer {fse} ({fsemob}, {fsemail}) attended on {date} and "
        "replaced the door latch assembly. Maker's investigation awaited.",
        "Similar to {inc} and {inc}: chargers left unplugged on {ward}. Discussed with {senior}; added to the "
        "{committee} agenda for {date}.",
        "Bed {tag} withdrawn from service. The side rail failed at the hinge; {maker} informed and the fault falls "
        "under {fsn}. Yellow Card submitted ({mhra}).",
        "No device fault found. The {cons} had not been loaded correctly. Training refresher arranged with the "
        "clinical educator, {who} ({mail}).",
        "[b]Outcome:[/b] closed as no harm. {ebme} confirmed {err} is a known battery fault on the {model}; battery "
        "replaced (lot {lot}). Handler: {hdl}.",
        "Device sent to {maker} for analysis. Their helpdesk ({line}) logged the complaint; engineer {fse} to report "
        "back. Kept in quarantine in the EBME workshop at {site}.",
        "Reviewed with {doc} and {senior}. Graded {sev}. Not reportable to the MHRA.",
    ],
    "fresh13": [
        "Clinical Engineering ({ebme}) examined {tag} on {date}. The {model} log records {err} at {time}. Bench "
        "tests passed; the unit went back to {ward} after a full service. Shared with the {committee}.",
        "The {title} reviewed this incident. Software {sw} was still installed despite field safety notice {fsn}; "
        "every {dtype} on {ward} has since been upgraded. MHRA reference {mhra}.",
        "Account taken from {nurse}: the wrong drug profile was selected. No equipment fault. {senior} is "
        "supporting the nurse; pharmacy will review the library.",
        "{maker} field engineer {fse} (mobile {fsemob}; {fsemail}) replaced the mattress control unit on {date}. "
        "Report from the manufacturer still outstanding.",
        "Third similar report this quarter (see {inc}, {inc}). Trend relates to batteries not being charged on "
        "{ward}; raised with {senior} and listed for the {committee} on {date}.",
        "{dtype} {tag} condemned after the sling clip failed testing. {maker} notified; covered by {fsn}. Yellow "
        "Card reference {mhra}.",
        "Equipment functioned as intended; the {cons} was incorrectly loaded. Practice educator {who} ({mail}) "
        "will run refresher sessions.",
        "[b]Closed:[/b] no harm. {ebme} confirmed {err} indicates a battery fault on the {model}; battery (batch "
        "{lot}) replaced. Investigating officer: {hdl}.",
        "Returned to {maker} for investigation via their service desk ({line}); {fse} will feed back. Unit held "
        "in quarantine at {site}.",
        "Reviewed by {doc} and {senior}; graded {sev}. Does not meet the threshold for MHRA reporting.",
    ],
}
CANDOUR = {
    "dev15": [
        "Duty of candour: {pts} and {kin} met {senior} on {date}. Letter sent to {addr}, {town} {pc}. Family given "
        "the ward extension ({ext}); {kin} can also be reached on {kinmob}.",
        "DoC letter posted {date} to {pt}, {addr}, {town}, {pc}. Apology given in person by {doc}. NHS {nhs}.",
        "Duty of candour done by phone with {kin} on {land}; written follow-up e-mailed to {kinmail} and posted to "
        "{addr}, {pc}.",
    ],
    "fresh13": [
        "Being open: {kin} and {pts} met with {senior} on {date}. Written apology sent to {addr}, {town}, {pc}. "
        "Contact for the family: {ext} on the ward, or {kin} on {kinmob}.",
        "Statutory candour letter dated {date} sent to {pt} at {addr}, {pc} ({town}). Verbal apology given by "
        "{doc}. NHS number {nhs}.",
        "Telephoned {kin} on {land} to explain what happened; follow-up letter to {addr}, {pc} and e-mail to "
        "{kinmail}.",
    ],
}
ISSUE = {
    "dev15": ["Door latch might not engage - risk of free flow", "Software {sw} gives {err} and stops the "
              "infusion", "Battery not holding charge after repeated cycles", "Side rail hinge cracking",
              "Self test passes with faulty pads connector", "Exhalation valve sticking - {err}"],
    "fresh13": ["Potential for the pump door to open during infusion", "Software {sw} anomaly: {err} can halt "
                "delivery", "Reduced battery run time", "Sling attachment clip could open under load",
                "Incorrect pass result during self-test", "Possible sticking of the expiratory valve ({err})"],
}
# The action a notice asks for, one for each issue (in the same order).
ASKS = {
    "dev15": ["Inspect latch, fit new warning label", "Update software to {sw}", "Replace battery pack (maker "
              "supplies)", "Check hinge, quarantine if cracked", "Ward to acknowledge + remove from use until "
              "checked", "Circulate user letter, staff to sign read receipt"],
    "fresh13": ["Physical inspection and relabelling", "Install software {sw}", "Exchange battery - supplied FOC "
                "by manufacturer", "Inspect clips; withdraw any that fail", "Acknowledgement form to be "
                "returned by the ward", "Share customer letter with all users"],
}
ACK = {
    "dev15": ["ack'd by {nurse} {ddmm}", "seen - {ini}", "spoke to nurse in charge ({given}) ext {ext}",
              "{senior} aware, letter on ward noticeboard", "emailed {mail} {ddmm} - no reply yet",
              "ward says not theirs?? try {ward2}", "ACK {ini} {ddmm}", "read receipt signed by {who}", ""],
    "fresh13": ["Acknowledged - {nurse} {ddmm}", "noted {ini}", "spoke to charge nurse ({given}) x{ext}",
                "{senior} has the letter", "form sent to {mail}, awaiting return", "not on this ward - {ward2}?",
                "OK'd by {ini} on {ddmm}", "signed for by {who}", ""],
}
COMMENTS = {
    "dev15": ["sw {sw} loaded, func test ok - {ini}", "not found on ward - see {inc}", "FSE {fse} did these "
              "{date}, mob {fsemob}", "quarantined pending parts, loan {tag2} issued", "collected by {maker} for mod "
              "{date}", "battery swapped (lot {lot}), PAT ok", "label fitted {ddmm}", "ward had moved it to {ward2}, "
              "found by {who}", "", "done"],
    "fresh13": ["upgraded to {sw}, tested - {ini}", "could not locate, refer to {inc}", "{maker} engineer {fse} "
                "attended {date} ({fsemob})", "held in workshop awaiting parts, swap unit {tag2}", "shipped to "
                "{maker} {date}", "new battery batch {lot} fitted, electrical safety pass", "relabelled {ddmm}",
                "located on {ward2} by {who}", "", "complete"],
}
# Role words before a name, by group; doctors' grades after a name.
ROLES = {"dev15": {"nurse": ["SN", "Sr"], "hca": ["HCA"], "senior": ["Matron"], "grade": ["ST4", "FY1", "SHO"]},
         "fresh13": {"nurse": ["S/N", "Staff Nurse", "Charge Nurse"], "hca": ["CSW", "NA"],
                     "senior": ["Sister", "Ward Manager"], "grade": ["CT2", "F2", "SpR"]}}
# Relatives: key -> (relation word, sex of the relative or "" for either).
RELATIONS = {"dev15": {"daughter": ("daughter", "f"), "wife": ("wife", "f"), "son-in-law": ("son-in-law", "m"),
                       "niece": ("niece", "f")},
             "fresh13": {"husband": ("husband", "m"), "granddaughter": ("granddaughter", "f"),
                         "partner": ("partner", ""), "brother": ("brother", "m")}}
