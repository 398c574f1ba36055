"""Drawing EquipTrack rows a chunk at a time: numpy draws the indices of every column of the chunk at once, cells
come from the pools, and only free text is composed row by row. The order of the draws is the seed's contract:
a change here changes every generated file."""

from __future__ import annotations

from datetime import datetime

import numpy as np

from . import formats, jobs_vocab, truth
from .equiptrack_pools import NO_TAILS, Catalog, PersonalPools, Pool
from .notes import TextGenerator
from .truth import Cell, Tail

ORPHAN_RATE = 0.003

_PURCHASE_FORMATS = (0.55, 0.20, 0.10, 0.08, 0.04, 0.03)  # dmy, iso, d-Mon-yy, blank, "unknown", "NA"
_FIRST_PURCHASE = formats.day_number(datetime(2003, 1, 1).date())
_LAST_PURCHASE = formats.day_number(datetime(2026, 9, 30).date())
_EXPORT_DAY = formats.day_number(formats.EXPORTED_AT.date())
_FIRST_JOB_DAY = formats.day_number(datetime(2012, 1, 1).date())


def equipment_number(k: np.ndarray | int) -> np.ndarray | int:
    """Number of the k-th distinct asset: increasing, with the gaps deleted assets leave behind."""
    return 1001 + (k * 103) // 100


def _pick(cum: np.ndarray, rng: np.random.Generator, size: int) -> np.ndarray:
    return np.minimum(np.searchsorted(cum, rng.random(size), side="right"), len(cum) - 1)


def _with_blanks(indices: np.ndarray, rng: np.random.Generator, rate: float) -> np.ndarray:
    return np.where(rng.random(len(indices)) < rate, 0, indices)


class RowDrawer:
    """The cells of a chunk of asset rows or job rows, and the truth tails of each row."""

    def __init__(self, catalog: Catalog, pools: PersonalPools, assets: int, jobs: int) -> None:
        self.catalog = catalog
        self.pools = pools
        self.assets = assets
        self.jobs = jobs

    def asset_chunk(self, rng: np.random.Generator, text_gen: TextGenerator, first: int,
                    size: int) -> tuple[list[str], list[tuple[Tail, ...]]]:
        c = self.catalog
        p = self.pools
        m = _pick(c.model_cum, rng, size)
        numbers = np.asarray(equipment_number(np.arange(first, first + size))).tolist()
        width = len(str(int(equipment_number(self.assets)) + 100_000))
        equipment = [f"EQ{n:0{width}d}" for n in numbers]
        prefixes = c.serial_prefix
        serial = [f"{prefixes[mi]}{s}" for mi, s in zip(m.tolist(), rng.integers(10_000, 99_999_999, size).tolist(),
                                                           strict=True)]
        upper = rng.random(size) < 0.05
        description = np.where(upper, c.desc_upper_csv[m], c.desc_csv[m]).tolist()
        variant = c.mfr_start[m] + (rng.random(size) ** 2 * c.mfr_count[m]).astype(np.int64)
        manufacturer = c.mfr_csv[variant].tolist()
        model = np.where(rng.random(size) < 0.04, c.model_upper_csv[m], c.model_csv[m]).tolist()
        category = np.where(rng.random(size) < 0.03, "", c.umdns[m]).tolist()
        place = rng.integers(0, len(c.site_csv), size)
        site, dept, location = c.site_csv[place].tolist(), c.dept_csv[place].tolist(), c.loc_csv[place].tolist()
        status_idx = _pick(c.status_cum, rng, size)
        status = c.status[status_idx].tolist()
        risk = np.where(rng.random(size) < 0.02, "", c.risk[m]).tolist()
        bought = rng.integers(_FIRST_PURCHASE, _LAST_PURCHASE, size)
        purchase = self._purchase_dates(rng, bought)
        pennies = (c.cost_low[m] + rng.random(size) * c.cost_span[m]).astype(np.int64) // 50 * 50
        cost_style = rng.random(size)
        cost = [_cost_cell(s, p_) for s, p_ in zip(cost_style.tolist(), pennies.tolist(), strict=True)]
        warranty_day = np.minimum(bought + rng.integers(1, 4, size) * 365, formats.N_DAYS - 1)
        dmy = _dmy_array()
        warranty = np.where(rng.random(size) < 0.2, "", dmy[warranty_day]).tolist()
        supplier = c.supplier_csv[rng.integers(0, len(c.supplier_csv), size)].tolist()
        engineer_idx = rng.integers(1, len(p.engineer) - p.engineer_pair_share, size)
        pairs = rng.random(size) < 0.05
        engineer_idx = np.where(pairs, rng.integers(len(p.engineer) - p.engineer_pair_share, len(p.engineer), size),
                                engineer_idx)
        engineer_idx = _with_blanks(engineer_idx, rng, 0.05).tolist()
        contact_idx = _with_blanks(rng.integers(1, len(p.contact), size), rng, 0.15).tolist()
        modified_idx = rng.integers(1, len(p.modified_by), size).tolist()
        months = c.ppm[m]
        scheduled = (months > 0) & (status_idx != 3)
        ppm_text = np.where(rng.random(size) < 0.05, "", c.ppm_text[m])
        last_ppm_day = _EXPORT_DAY - (rng.random(size) * np.maximum(months, 1) * 30.4).astype(np.int64)
        next_ppm_day = np.minimum(last_ppm_day + (months * 30.4).astype(np.int64), formats.N_DAYS - 1)
        last_ppm = np.where(scheduled, dmy[last_ppm_day], "").tolist()
        next_ppm = np.where(scheduled, dmy[next_ppm_day], "").tolist()
        ppm_text = np.where(scheduled | (rng.random(size) < 0.5), ppm_text, "").tolist()
        note_kind = rng.random(size).tolist()

        engineer_csv = p.engineer.csv[engineer_idx].tolist()
        contact_csv = p.contact.csv[contact_idx].tolist()
        modified_csv = p.modified_by.csv[modified_idx].tolist()
        notes: list[str] = []
        note_tails: list[tuple[Tail, ...]] = []
        for x in note_kind:
            if x < 0.5:
                notes.append("")
                note_tails.append(NO_TAILS)
                continue
            cell = text_gen.asset_note(personal=x >= 0.9)
            notes.append(formats.csv_cell(cell.text))
            note_tails.append(truth.tails("Notes", cell) if cell.spans else NO_TAILS)
        columns = (equipment, serial, description, manufacturer, model, category, site, dept, location, status,
                   risk, purchase, cost, warranty, supplier, engineer_csv, contact_csv, ppm_text, last_ppm, next_ppm,
                   notes, modified_csv)
        lines = list(map(",".join, zip(*columns, strict=True)))
        eng_t, con_t, mod_t = p.engineer.tails, p.contact.tails, p.modified_by.tails
        row_tails = [eng_t[e] + con_t[t] + nt + mod_t[u]
                     for e, t, nt, u in zip(engineer_idx, contact_idx, note_tails, modified_idx, strict=True)]
        return lines, row_tails

    def _purchase_dates(self, rng: np.random.Generator, days: np.ndarray) -> list[str]:
        style = _pick(np.cumsum(_PURCHASE_FORMATS), rng, len(days))
        texts = _purchase_pool()[style, days].tolist()
        for k in np.flatnonzero(rng.random(len(days)) < 0.003).tolist():
            d = int(days[k])
            texts[k] = f"{formats.dmy_days()[d]} (invoiced) {formats.dmy_days()[min(d + 18, formats.N_DAYS - 1)]}" \
                       " (installed)"
        return texts

    def job_chunk(self, rng: np.random.Generator, text_gen: TextGenerator, requesters: Pool, unique_assets: int,
                  first: int, size: int) -> dict[str, list]:
        p = self.pools
        j = np.arange(first, first + size)
        numbers = (100_001 + j).tolist()
        asset_k = rng.integers(0, unique_assets, size)
        eq_numbers = equipment_number(asset_k)
        orphan = rng.random(size) < ORPHAN_RATE
        top = int(equipment_number(unique_assets))
        eq_numbers = np.where(orphan, top + rng.integers(1, 90_000, size), eq_numbers).tolist()
        width = len(str(int(equipment_number(self.assets)) + 100_000))
        type_idx = _pick(np.cumsum(jobs_vocab.JOB_TYPE_WEIGHTS), rng, size).tolist()
        span = formats.day_number(formats.EXPORTED_AT.date()) - _FIRST_JOB_DAY
        raised_day = np.clip(_FIRST_JOB_DAY + (j * span) // max(self.jobs, 1) + rng.integers(-5, 6, size),
                             _FIRST_JOB_DAY, _EXPORT_DAY)
        raised_min = rng.integers(7 * 60, 19 * 60, size)
        wait = np.minimum(rng.geometric(0.35, size) - 1, 90)
        done_min = np.where(wait == 0, np.minimum(raised_min + rng.integers(15, 240, size), 1439),
                            rng.integers(7 * 60, 19 * 60, size))
        done_day = np.minimum(raised_day + wait, _EXPORT_DAY)
        completion = rng.random(size)  # < 0.03 open, < 0.04 "TBC", < 0.09 text date, else a datetime
        personal = rng.random(size).tolist()
        hours = (rng.integers(1, 33, size) * 0.25).tolist()
        parts_style = rng.random(size).tolist()
        parts_pennies = (rng.gamma(1.2, 4000, size).astype(np.int64)).tolist()
        engineer_idx = _with_blanks(rng.integers(1, len(p.job_engineer), size), rng, 0.02).tolist()
        requester_idx = _with_blanks(rng.integers(1, len(requesters), size), rng, 0.04).tolist()
        outcome_pick = rng.random(size).tolist()
        descriptions: list[Cell] = []
        outcomes: list[str] = []
        for t, x, o, c in zip(type_idx, personal, outcome_pick, completion.tolist(), strict=True):
            job_type = jobs_vocab.JOB_TYPES[t]
            descriptions.append(text_gen.job_text(job_type, personal=x < jobs_vocab.JOB_TYPE_PII_RATE[job_type]))
            choices = jobs_vocab.OUTCOMES[job_type]
            outcomes.append("" if c < 0.03 else choices[int(o * len(choices))])
        return {
            "job_no": [f"J{n:07d}" for n in numbers],
            "equipment": [f"EQ{n:0{width}d}" for n in eq_numbers],
            "type": [jobs_vocab.JOB_TYPES[t] for t in type_idx],
            "raised_day": raised_day.tolist(), "raised_min": raised_min.tolist(),
            "done_day": done_day.tolist(), "done_min": done_min.tolist(), "completion": completion.tolist(),
            "description": descriptions, "outcome": outcomes, "engineer": engineer_idx, "hours": hours,
            "parts_style": parts_style, "parts": parts_pennies, "requester": requester_idx,
        }

    def job_tails(self, chunk: dict[str, list], requesters: Pool, k: int) -> tuple[Tail, ...]:
        desc = chunk["description"][k]
        row_tails = truth.tails("Fault Description", desc) if desc.spans else NO_TAILS
        return row_tails + self.pools.job_engineer.tails[chunk["engineer"][k]] + requesters.tails[chunk["requester"][k]]


def _cost_cell(style: float, pennies: int) -> str:
    if style < 0.50:
        return formats.csv_cell(formats.pounds(pennies))
    if style < 0.80:
        return formats.plain_amount(pennies)
    if style < 0.97:
        return ""
    return "POA"


_DMY_ARRAY: list[np.ndarray] = []
_PURCHASE_POOL: list[np.ndarray] = []


def _dmy_array() -> np.ndarray:
    if not _DMY_ARRAY:
        _DMY_ARRAY.append(np.array(formats.dmy_days(), dtype=object))
    return _DMY_ARRAY[0]


def _purchase_pool() -> np.ndarray:
    """[style, day] -> text, for the purchase date column's mixture of formats and placeholders."""
    if not _PURCHASE_POOL:
        n = formats.N_DAYS
        _PURCHASE_POOL.append(np.array([formats.dmy_days(), formats.iso_days(), formats.dmon_days(), [""] * n,
                                        ["unknown"] * n, ["NA"] * n], dtype=object))
    return _PURCHASE_POOL[0]
