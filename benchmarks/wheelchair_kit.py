"""The equipment of `wheelchair_export.py`: makers (spelt as the service types them, "Otto Bock" beside "Ottobock"),
models and item types of a community wheelchair and posture service, sizes and configurations, parts with the
makers' part numbers, the choice columns' values and the product's codes for them; the shapes of asset and job
numbers, serials and service numbers. Shared by the splits except the shapes, which differ."""

from __future__ import annotations

import datetime as dt
import random

from export_common import shaped

END = dt.date(2025, 11, 28)  # the export's last day: nothing after it

# (maker, [(model, item type)])
KIT: list[tuple[str, list[tuple[str, str]]]] = [
    ("Invacare", [("Action 3 NG", "Manual wheelchair"), ("Action 5", "Manual wheelchair"),
                  ("TDX SP2", "Powered wheelchair"), ("Rea Azalea", "Tilt-in-space wheelchair"),
                  ("Birdie Evo", "Mobile hoist")]),
    ("Sunrise Medical", [("Quickie Life", "Manual wheelchair"), ("Quickie Salsa M2", "Powered wheelchair"),
                         ("Quickie Argon 2", "Active user wheelchair"), ("Breezy Premier", "Manual wheelchair")]),
    ("Ottobock", [("Juvo B5", "Powered wheelchair"), ("Start M6", "Manual wheelchair"), ("Kimba Neo", "Buggy")]),
    ("Otto Bock", [("Motus CV", "Manual wheelchair"), ("B400", "Powered wheelchair")]),
    ("Permobil", [("M3 Corpus", "Powered wheelchair"), ("F5 Corpus VS", "Standing powered wheelchair")]),
    ("Roho", [("High Profile", "Pressure cushion"), ("Quadtro Select", "Pressure cushion")]),
    ("Jay", [("J2 Deep Contour", "Pressure cushion"), ("J3 Back", "Back support")]),
    ("Spex", [("Classic Seat Cushion", "Pressure cushion"), ("Vector Back", "Back support")]),
    ("Drive DeVilbiss", [("Enigma XS", "Manual wheelchair"), ("Sentra HD", "Bariatric wheelchair")]),
    ("Days Healthcare", [("Swift Mobil 2", "Manual wheelchair")]),
    ("Leckey", [("Mygo", "Seating system"), ("Squiggles+", "Standing frame")]),
    ("R82", [("Stingray", "Buggy"), ("Meerkat", "Standing frame")]),
    ("Seating Matters", [("Sorrento", "Tilt-in-space chair")]),
    ("Careflex", [("Smartseat", "Tilt-in-space chair")]),
]
# An item type's sizes and configurations (kept as "size").
SIZES = {"wheelchair": ["SW 430mm", "SW 460mm x SD 450mm", "18in seat", "16in seat, 24in wheels", "SW 380 / SD 400",
                        "SW 510mm bariatric", "Size 2, SW 400"],
         "cushion": ["16 x 18in", "18in x 18in", "430 x 430", "SW 460mm"],
         "hoist": ["SWL 155kg", "SWL 182kg, sling M"],
         "frame": ["Size 1", "Size 2", "Size 3 (prone)"],
         "seat": ["Size 2", "Size 3", "SW 350mm"]}
# Parts fitted, with a part-number shape by maker ("#" a digit, "@" a capital letter).
PARTS = ["joystick module", "rear tyre 24 x 1 3/8", "castor fork", "armrest pad", "battery 12V 50Ah", "footplate",
         "lap belt", "brake assembly", "incontinence cover", "charger", "push handle grip", "anti-tip bar",
         "inner tube", "headrest bracket", "cushion cover", "motor brush set"]
PART_SHAPES = {"Invacare": "15#####", "Sunrise Medical": "SM###-####", "Ottobock": "4##@##", "Otto Bock": "4##@##",
               "Permobil": "3#####", "Roho": "1R####C", "Jay": "JCS-####", "Spex": "SPX###", "Drive DeVilbiss":
               "DDV####", "Days Healthcare": "09#####", "Leckey": "1#-####", "R82": "8##-####", "Seating Matters":
               "SM-PT###", "Careflex": "CF###"}
# The equipment list's "Status" choices -> the product's asset status.
STATUS = {"Issued": "on_loan", "In stock": "in_store", "Ready to issue": "in_store", "Awaiting repair":
          "under_repair", "Quarantine": "under_repair", "Condemned": "condemned", "Recycled": "in_store",
          "Lost": "unknown"}
# The repairs list's "Job type" and "Status" choices -> the product's codes.
JOB_TYPE = {"Repair": "repair", "Breakdown": "repair", "Service": "ppm", "LOLER": "inspection",
            "Handover": "acceptance", "Collection": "other", "Delivery": "other", "Modification": "other"}
JOB_STATUS = {"Logged": "open", "Booked": "open", "Awaiting parts": "open", "Completed": "completed",
              "Closed": "completed", "Cancelled": "completed"}

# Shapes of the lists' numbers.
ASSET_NO = {"dev16": "WC######", "fresh14": "LE-#####"}
JOB_NO = {"dev16": "REP-{n:05d}", "fresh14": "WR{yy}/{n:04d}"}
SERIAL = ["@@#######", "########", "#####-####", "@#######@", "###@####"]
SERVICE_NO = {"dev16": "CW{d}", "fresh14": "{d}"}  # a client's wheelchair-service number; digits filled in


def size_family(item: str) -> str:
    low = item.lower()
    for family, word in (("cushion", "cushion"), ("cushion", "back"), ("hoist", "hoist"), ("frame", "frame"),
                         ("seat", "seating"), ("seat", "buggy")):
        if word in low:
            return family
    return "wheelchair"


def part_number(rng: random.Random, maker: str) -> str:
    return shaped(rng, PART_SHAPES.get(maker, "P#####"))
