"""The transform benchmark's input: an EquipTrack-shaped export (assets.csv + jobs.csv, UTF-8, no personal data:
the people are already tokens) made with numpy from a seed, with the messiness the mapping must handle (spellings
of one maker, date formats, placeholders, duplicated rows, jobs of unknown equipment)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

DEVICES = [("Infusion Pump", "B. Braun", "Infusomat Space", "13-215"), ("Infusion Pump", "B Braun",
           "Infusomat Space", "13-215"), ("Infusion Pump", "B.BRAUN", "Perfusor Space", "13-217"),
           ("Patient Monitor", "Philips", "IntelliVue MX450", "12-636"), ("Patient Monitor", "PHILIPS Healthcare",
           "IntelliVue MX450", "12-636"), ("Patient Monitor", "Philips", "IntelliVue MX400", "12-636"),
           ("Ventilator", "GE Healthcare", "Carescape R860", "17-429"), ("Ventilator", "G.E. Healthcare",
           "Carescape R860", "17-429"), ("Defibrillator", "Zoll", "R Series", "11-134"),
           ("Syringe Driver", "BD", "Alaris CC", "13-217"), ("ECG", "GE Healthcare", "MAC 2000", "11-407"),
           ("Anaesthetic Machine", "Draeger", "Perseus A500", "10-134"), ("Anaesthetic Machine", "Dräger",
           "Perseus A500", "10-134")]
SITES = ["Royal Infirmary", "General Hospital", "Community Clinic"]
DEPARTMENTS = ["ICU", "Theatres", "A&E", "Cardiology", "Renal", "Maternity", "Paediatrics", "Radiology"]
SUPPLIERS = ["Medequip Ltd", "MEDEQUIP LTD", "Acme Medical Supplies", "NHS Supply Chain", "Henley Healthcare"]
STATUS = ["A"] * 80 + ["S"] * 8 + ["R"] * 5 + ["C"] * 4 + ["L"] * 2 + ["NA"]
JOB_TYPES = ["PPM"] * 60 + ["REP"] * 25 + ["INS"] * 8 + ["CAL"] * 5 + ["ACC"] * 2
OUTCOMES = ["Repaired", "Passed", "Failed - condemned", "No fault found", "Parts ordered"]
WORDS = ["alarm", "screen", "battery", "door", "pump", "occlusion", "error", "reported", "by", "ward", "staff",
         "not", "charging", "cracked", "housing", "sensor", "calibration", "drift", "display", "flickering",
         "keypad", "unresponsive", "patient", "cable", "damaged"]


def _pick(rng: np.random.Generator, pool: list[str], n: int) -> np.ndarray:
    return np.array(pool, dtype=object)[rng.integers(0, len(pool), n)]


def _dates(rng: np.random.Generator, n: int, start: str, days: int, formats: list[str]) -> np.ndarray:
    base = np.datetime64(start) + rng.integers(0, days, n).astype("timedelta64[D]")
    years = base.astype("datetime64[Y]").astype(int) + 1970
    months = base.astype("datetime64[M]").astype(int) % 12 + 1
    days_ = (base - base.astype("datetime64[M]")).astype(int) + 1
    names = np.array(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])
    choice = rng.integers(0, len(formats), n)
    out = np.empty(n, dtype=object)
    for index, fmt in enumerate(formats):
        rows = choice == index
        d, m, y = days_[rows], months[rows], years[rows]
        if fmt == "uk":
            out[rows] = np.char.add(np.char.add(np.char.add(np.char.zfill(d.astype(str), 2), "/"),
                                                np.char.add(np.char.zfill(m.astype(str), 2), "/")), y.astype(str))
        elif fmt == "iso":
            out[rows] = base[rows].astype(str)
        elif fmt == "mon":
            out[rows] = np.char.add(np.char.add(np.char.add(d.astype(str), "-"), np.char.add(names[m - 1], "-")),
                                    np.char.zfill((y % 100).astype(str), 2))
        elif fmt == "iso_time":
            hour = rng.integers(7, 19, rows.sum())
            out[rows] = np.char.add(np.char.add(base[rows].astype(str), " "),
                                    np.char.add(np.char.zfill(hour.astype(str), 2), ":15:00"))
        else:
            out[rows] = fmt  # a literal placeholder such as "" or "unknown"
    return out


def generate(folder: Path, assets: int, jobs: int, seed: int = 7) -> dict[str, int]:
    rng = np.random.default_rng(seed)
    numbers = np.char.add("EQ", np.char.zfill(np.arange(1, assets + 1).astype(str), 7)).astype(object)
    device = rng.integers(0, len(DEVICES), assets)
    table = {
        "Equipment No": numbers,
        "Serial No": np.char.add("SN", rng.integers(10**7, 10**8, assets).astype(str)).astype(object),
        "Description": np.array([d[0] for d in DEVICES], dtype=object)[device],
        "Manufacturer": np.array([d[1] for d in DEVICES], dtype=object)[device],
        "Model": np.array([d[2] for d in DEVICES], dtype=object)[device],
        "Category Code": np.array([d[3] for d in DEVICES], dtype=object)[device],
        "Site": _pick(rng, SITES, assets),
        "Department": _pick(rng, DEPARTMENTS, assets),
        "Location": np.char.add(_pick(rng, ["Ward ", "Bay ", "Theatre ", "Room "], assets).astype(str),
                                rng.integers(1, 40, assets).astype(str)).astype(object),
        "Status": _pick(rng, STATUS, assets),
        "Risk": _pick(rng, ["High", "Medium", "Low"], assets),
        "Purchase Date": _dates(rng, assets, "2005-01-01", 7000, ["uk"] * 6 + ["iso"] * 2 + ["mon", "", "unknown"]),
        "Purchase Cost": np.char.add("£", np.char.add(rng.integers(1, 30, assets).astype(str),
                                                      np.char.add(",", np.char.zfill(
                                                          rng.integers(0, 1000, assets).astype(str), 3))))
        .astype(object),
        "Warranty Expiry": _dates(rng, assets, "2008-01-01", 7000, ["uk"]),
        "Supplier": _pick(rng, SUPPLIERS, assets),
        "Responsible Engineer": np.char.add("PERSON_", rng.integers(10**7, 10**8, assets).astype(str)).astype(object),
        "Contact Tel": np.char.add("01632 9", rng.integers(10**4, 10**5, assets).astype(str)).astype(object),
        "PPM Frequency (months)": _pick(rng, ["6", "12", "12", "24", ""], assets),
        "Last PPM": _dates(rng, assets, "2023-01-01", 1000, ["uk"]),
        "Next PPM Due": _dates(rng, assets, "2026-04-01", 700, ["uk"]),
        "Notes": _pick(rng, ["", "", "", "Checked OK", "Spare battery in store", "Contact PERSON_1a2b3c4d on ext "
                             "PHONE_99aa"], assets),
        "Last Modified By": np.char.add("PERSON_", rng.integers(10**3, 10**4, assets).astype(str)).astype(object),
    }
    duplicates = rng.choice(assets, assets // 200, replace=False)  # ~0.5% rows repeated by careless joins
    order = np.concatenate([np.arange(assets), duplicates])
    order.sort(kind="stable")
    asset_table = pa.table({k: pa.array(v[order], pa.string()) for k, v in table.items()})
    write_csv(asset_table, folder / "assets.csv")

    targets = numbers[rng.integers(0, assets, jobs)].copy()
    unknown = rng.random(jobs) < 0.003
    targets[unknown] = "EQ9" + np.char.zfill(rng.integers(0, 10**6, unknown.sum()).astype(str), 6).astype(object)
    raised = _dates(rng, jobs, "2015-01-01", 3900, ["iso_time"])
    words = np.array(WORDS, dtype=object)
    fault = words[rng.integers(0, len(words), jobs)]
    for _ in range(11):
        fault = fault + " " + words[rng.integers(0, len(words), jobs)]
    job_table = pa.table({
        "Job No": pa.array(np.char.add("J", np.char.zfill(np.arange(1, jobs + 1).astype(str), 8)), pa.string()),
        "Equipment No": pa.array(targets, pa.string()),
        "Job Type": pa.array(_pick(rng, JOB_TYPES, jobs), pa.string()),
        "Date Raised": pa.array(raised, pa.string()),
        "Date Completed": pa.array(np.where(rng.random(jobs) < 0.9, raised, ""), pa.string()),
        "Fault Description": pa.array(fault, pa.string()),
        "Outcome": pa.array(_pick(rng, OUTCOMES, jobs), pa.string()),
        "Engineer": pa.array(np.char.add("PERSON_", rng.integers(100, 400, jobs).astype(str)), pa.string()),
        "Labour Hours": pa.array(_pick(rng, ["0.5", "1", "1.5", "2", "45 min", "3h"], jobs), pa.string()),
        "Parts Cost": pa.array(_pick(rng, ["", "£12.50", "£1,045.00", "0", "87.2"], jobs), pa.string()),
        "Requested By": pa.array(np.char.add("PERSON_", rng.integers(1000, 9000, jobs).astype(str)), pa.string()),
    })
    write_csv(job_table, folder / "jobs.csv")
    return {"assets": asset_table.num_rows, "jobs": job_table.num_rows}


def write_csv(table: pa.Table, path: Path) -> None:
    pacsv.write_csv(table, path, pacsv.WriteOptions(quoting_style="needed"))
