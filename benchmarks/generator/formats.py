"""Text forms of dates, money and CSV cells, precomputed where the hot loops need them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache

EPOCH = date(1990, 1, 1)
LAST_DAY = date(2032, 12, 31)
N_DAYS = (LAST_DAY - EPOCH).days + 1
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
EXPORTED_AT = datetime(2026, 10, 14, 9, 12)  # the moment the legacy system "exported" the data


def day_number(d: date) -> int:
    return (d - EPOCH).days


def day_date(n: int) -> date:
    return EPOCH + timedelta(days=n)


@cache
def dmy_days() -> tuple[str, ...]:
    """Day number -> "14/03/2019"."""
    out = []
    for n in range(N_DAYS):
        d = EPOCH + timedelta(days=n)
        out.append(f"{d.day:02d}/{d.month:02d}/{d.year}")
    return tuple(out)


@cache
def iso_days() -> tuple[str, ...]:
    """Day number -> "2019-03-14"."""
    return tuple((EPOCH + timedelta(days=n)).isoformat() for n in range(N_DAYS))


@cache
def dmon_days() -> tuple[str, ...]:
    """Day number -> "14-Mar-19"."""
    out = []
    for n in range(N_DAYS):
        d = EPOCH + timedelta(days=n)
        out.append(f"{d.day:02d}-{MONTHS[d.month - 1]}-{d.year % 100:02d}")
    return tuple(out)


@cache
def hhmm() -> tuple[str, ...]:
    """Minute of day -> "09:05"."""
    return tuple(f"{m // 60:02d}:{m % 60:02d}" for m in range(1440))


def csv_cell(text: str) -> str:
    """Minimal CSV quoting, as Excel and Python's csv module write it."""
    if '"' in text:
        return '"' + text.replace('"', '""') + '"'
    if "," in text or "\n" in text or "\r" in text:
        return '"' + text + '"'
    return text


def pounds(pennies: int) -> str:
    """1234.50 as "£1,234.50"."""
    return f"£{pennies // 100:,}.{pennies % 100:02d}"


def plain_amount(pennies: int) -> str:
    """1234.50 as "1234.5", the way a spreadsheet shows a number typed without formatting."""
    return repr(pennies / 100) if pennies % 100 else str(pennies // 100)
