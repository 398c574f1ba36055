"""fresh15 (held out) phrasing of `oxygen_export.py`, written for it alone: the Scottish service's installers,
nurses, call handlers, technicians and couriers. Slashes and "//", "c/o", "a.m." times, tenement stairs, buzzers and
closes, Scots now and then ("nae answer", "wee", "aye"), names first, last or in brackets. Shares no phrase with
`oxygen_wales_text.py`; the slots are `oxygen_slots`'."""

from __future__ import annotations

INSTALL = [
    "Concentrator installed in bedroom, set {set}. Client + {kin} trained on use/cleaning. SFRS HFSV requested",
    "3rd floor tenement, no lift - {item} carried up. Buzz {door} for the stair door",
    "{ptg} very anxious about the noise, moved unit to hall cupboard w/ 15m line",
    "Backup cylinders ({cyl}) x 2 stored by front door // asset {asset2}",
    "Installed {date} at {time} c/o {nursen}. Smoke detector tested OK",
    "Keys with {kin}, or KS {ks} at rear of building",
    "{pt} sats 88% RA on arrival, {nurse} informed by phone",
    "Access via back green. Flat is {addr} ({pc}) - main door is round the side",
    "Unit {short} {model} / serial {serial} / flow set {set}",
    "wee dog, friendly. phone {mob} on arrival",
    "All contact through {kinn} on {kinmob} please - client hard of hearing",
    "Replaced {asset2} which is now back at {depot} for PPM",
    "Info pack left, {help} number written on the fridge for {kin}",
    "{carer} visits QDS and can swap cylinders",
    "{gp} to repeat HOOF in 3/12 ({gpprac})",
    "Went over everything twice, {ptg} a bit muddled, {kin} to keep an eye",
]
RISK = [
    "Former smoker, quit {date}. Lives with {kin}. No naked flames in property",
    "CURRENT SMOKER. Risk agreement signed. SFRS referral by {nurse}",
    "{kin} smokes indoors - advised re risk, will smoke at the close door",
    "Stays alone. {carer} twice daily. Emollients in use - fire risk explained",
    "LTOT 16hrs/day for COPD. Referred by {nurse}, {ward}, {hosp}",
    "Reviewed at home {date} ({nursen}) - nil concerns. Letter to {gp}",
    "Coal fire in living room. Equipment min 3 metres away",
    "Remote cottage, no mobile reception. Landline only: {land}",
    "Dementia - speak to {kin} ({kinmob}) for all arrangements",
    "Gaelic speaker. {kinn} ({rel}) interprets",
    "Ambulatory oxygen only, pulmonary fibrosis. {hosp} chest clinic",
    "Risk assessment {date}: nil of note. {nursen}",
]
DRIVER = [
    "2 x {cyl} left at flat door", "Handed to {kinn}", "Empties uplifted", "Used KS {ks} - cylinders left in lobby",
    "BEWARE DOG", "Traffic at {tn}, delivered late", "{ptg} complained re noise, gave {help}",
    "Aye, client pleased ({pts})", "Valve leaking - returned cylinder to {depot}",
    "Left with neighbour across the landing", "Done by {drvg}", "Close door entry {door}",
    "{kin} requests extra {cyl} next run", "Postcode on sheet wrong, correct one {pc}", "PHONE {kinn} {kinmob} BEFORE",
]
DRIVER_FAILED = ["Nae answer at buzzer. Phoned {mob}, no reply. Card thru door",
                 "Client admitted per {rel}, no delivery", "NO ACCESS - stair door locked",
                 "Cancelled on the day by {kin}"]
SIGNED = ["{pt}", "{kin}", "{carer}", "{kinn}", "Not signed", "Safe place"]
REASON = [
    "Call from {pts} @ {time} - alarm sounding on concentrator",
    "{kin} phoned // cylinder run out, no backup left",
    "PPM due",
    "B/down - {item} not producing flow. On cylinder meantime. Contact {mob}",
    "{kinn} ({rel}) {kinmob}: rattling noise",
    "Uplift - client deceased {date}. Contact {kinn} re access",
    "Uplift. O2 discontinued by {nurse}",
    "{nursen} - new install {item} @ {flow}, discharged {ward}",
    "Electricity off since a.m., {ptg} upset. Landline {land}",
    "{carer} reports mask leak, {ptg} unable to sleep",
    "Post-SFRS home safety visit check. Contact {pt} {land}",
    "Split tubing - caller {pt} DOB {dob}",
    "URGENT - {pt} CHI {num} discharged {hosp} today, requires {item}",
    "{gpprac} phoned for {pts} - unit too noisy at night",
    "{pt}, {addr}, {pc} moving house - uplift + reinstall",
    "Via {nursemail}: confirm {asset} at {set}",
    "Portable battery failing. {ptg} away {date}, needs sorted before",
    "Request received via {box} for {pts}: extra backup cylinder",
]
ARRIVE = ["On site {time}", "Access given by {kinn}", "No answer - entry via KS {ks}",
          "Client in bed - discussed with {kin}", "{carer} present", "{ptg} at hospital, {rel} home",
          "Waited 20 min for {kin}", "buzzed {door}, {pts} let me up", "Delayed by roadworks at {tn}"]
WORK = [
    "{part} replaced p/n {partno}", "PPM complete, filters renewed, purity 95% at {set}",
    "Exchanged {short} {model} (SN {serial}) for {asset2}", "Firebreak valves fitted",
    "{cyl} x2 swapped", "New mask + circuit, no leaks", "NFF after 30 min run",
    "Uplifted {item} + consumables to {depot}", "{item} installed, flow {set}", "Setting confirmed {set} per Rx",
    "Fitted {partno} ({part})", "Humidifier chamber cracked, replaced", "Run hours 9871 - sieve beds due",
]
ADVICE = ["Smoking risk discussed with {ptg}", "{pts} advised re naked flames", "{kin} shown cylinder changeover",
          "{kin} to call {help} if recurs", "Fire risk flagged to {nurse} - {nursemail}",
          "Contacted {gp} surgery re prescription", "{kinn} interpreted (Gaelic)", "{pts} very grateful"]
CLOSE = ["Next PPM {date}", "Ref {job}", "// {ini}", "Parts query to {eng}", "Complete", "Follow-up {engg}",
         "Ward via switchboard {switch}", "Order placed with {supplier}", "Report emailed {box}"]
REPORTED = ["{pt}", "{kin}", "{carer}", "{nurse}", "Client: {pts}", "{kinn} ({rel})"]
SEPARATORS = [" // ", "; ", " / ", "\n"]
