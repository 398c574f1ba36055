"""Saving an openpyxl workbook byte-for-byte reproducibly.

openpyxl stamps the save time into docProps/core.xml and every zip entry; both are pinned here so the same
seed gives the same jobs.xlsx bytes.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

_FILE_MODE = 0o600 << 16


class _FixedTimeZipFile(ZipFile):
    """A ZipFile whose entries all carry one timestamp and one mode."""

    def __init__(self, path: Path, at: datetime) -> None:
        super().__init__(path, "w", ZIP_DEFLATED, allowZip64=True)
        self._date_time = (at.year, at.month, at.day, at.hour, at.minute, at.second)

    def _info(self, name: str) -> ZipInfo:
        info = ZipInfo(name, date_time=self._date_time)
        info.compress_type = ZIP_DEFLATED
        info.external_attr = _FILE_MODE
        return info

    def writestr(self, zinfo_or_arcname: str | ZipInfo, data: Any, compress_type: int | None = None,
                 compresslevel: int | None = None) -> None:
        info = zinfo_or_arcname if isinstance(zinfo_or_arcname, ZipInfo) else self._info(zinfo_or_arcname)
        super().writestr(info, data, compress_type, compresslevel)

    def write(self, filename: Any, arcname: Any = None, compress_type: int | None = None,
              compresslevel: int | None = None) -> None:
        info = self._info(str(arcname or filename))
        with open(filename, "rb") as src, self.open(info, "w", force_zip64=True) as dst:
            shutil.copyfileobj(src, dst, 1 << 20)


def save_reproducibly(workbook: Workbook, path: Path, at: datetime, creator: str) -> None:
    workbook.properties.created = at
    workbook.properties.modified = at
    workbook.properties.creator = creator
    workbook.properties.lastModifiedBy = creator
    ExcelWriter(workbook, _FixedTimeZipFile(path, at)).save()
