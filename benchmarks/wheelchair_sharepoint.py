"""How SharePoint Online writes the cells of `wheelchair_export.py`'s lists when exported to Excel: person columns
("Surname, Given" display names in dev16; "Given Surname" in fresh14), multi-person cells ("Smith, John;#Jones, Amy"
in dev16; "John Smith;#14;#Amy Jones;#27", the lookup ids between, in fresh14), claims logins
("i:0#.f|membership|upn", a guest's UPN with "#ext#"), the "Path" and "Item Type" columns, and the enhanced rich
text columns' HTML (`<div class="ExternalClass...">`, paragraphs or `<div>` lines, `<br>`, `&#160;`, `&amp;`) in
the split's layouts. A planted value stays exactly as the cell holds it: a kept value the HTML changed ("Dr Khan
&amp; Partners") is left as plain text."""

from __future__ import annotations

import random

import wheelchair_vocab as vx
from export_common import Person, Piece, fold, n

# name -> (block open, block close, between blocks, line break, whether two spaces become "&#160; ")
Layout = tuple[str, str, str, str, bool]
LAYOUTS: dict[str, dict[str, Layout]] = {
    "dev16": {"p": ("<p>", "</p>", "", "<br>", False),
              "div": ("<div>", "</div>", "", "<br>", False),
              "span": ('<p><span style="font-size:10pt;">', "</span></p>", "", "<br>", False)},
    "fresh14": {"calibri": ('<div style="font-family:Calibri, Arial, Helvetica, sans-serif;font-size:11pt;">',
                            "</div>", "<div>&#160;</div>", "<br>", True),
                "mso": ('<p class="MsoNormal">', "</p>", "\r\n", "<br>\r\n", True),
                "plain": ("", "", "<br><br>", "<br>", True)},
}


def wrapper(rng: random.Random) -> tuple[str, str]:
    """The rich-text column's outer div, with the editor's random class name."""
    return f'<div class="ExternalClass{"".join(rng.choice("0123456789ABCDEF") for _ in range(32))}">', "</div>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html(rng: random.Random, pieces: list[Piece], layout: Layout) -> list[Piece]:
    """The pieces as the editor stores them: a paragraph per block (text split at ". " now and then), line breaks."""
    blocks: list[list[Piece]] = [[]]
    for p in pieces:
        if isinstance(p, str):
            parts = p.split("\n")
            for i, part in enumerate(parts):
                if i:
                    blocks.append([])
                if part:
                    blocks[-1].append(part)
        else:
            blocks[-1].append(p)
    head, tail = wrapper(rng)
    out: list[Piece] = [head]
    for i, block in enumerate(b for b in blocks if b):
        if i:
            out.append(layout[2])
        out.append(layout[0])
        for piece in block:
            if isinstance(piece, str):
                text = _escape(piece)
                out.append(text.replace("  ", "&#160; ") if layout[4] else text)
            elif _escape(piece[0]) == piece[0]:
                out.append(piece)
            elif piece[2]:
                out.append((_escape(piece[0]), piece[1], piece[2]))
            else:
                out.append(_escape(piece[0]))
        out.append(layout[1])
    out.append(tail)
    return out


def display(split: str, p: Person) -> list[Piece]:
    """A person column's display name."""
    g, s = p
    return [n(s), ", ", n(g)] if split == "dev16" else [n(g), " ", n(s)]


def people_cell(split: str, rng: random.Random, ps: list[Person], ids: dict[Person, int]) -> list[Piece]:
    """A multi-person column: dev16 display names joined by ";#", fresh14 with each one's lookup id between."""
    out: list[Piece] = []
    for i, p in enumerate(ps):
        if i:
            out.append(";#")
        out.extend(display(split, p))
        if split == "fresh14":
            out.append(f";#{ids[p]}")
    return out


def upn(split: str, p: Person, guest: bool = False) -> str:
    """A person's user principal name: the trust's account, or the repairer's engineer as a guest account."""
    g, s = fold(p[0]), fold(p[1])
    if guest:
        own = f"{g}.{s}" if split == "dev16" else f"{g[0]}{s}"
        return f"{own}_{vx.REPAIRER[split][1]}#ext#@{vx.TENANT[split]}"
    return f"{g}.{s}@{vx.DOMAIN[split]}" if split == "dev16" else f"{g[0]}{s}@{vx.DOMAIN[split]}"


def claims(split: str, p: Person, guest: bool = False) -> list[Piece]:
    """A claims login as a person column holds it when exported by a flow: "i:0#.f|membership|upn"."""
    return ["i:0#.f|membership|", (upn(split, p, guest), "login", True)]


def path(split: str, which: int) -> str:
    """The "Path" column: the list's server-relative path."""
    return f"{vx.SITE[split]}/Lists/{vx.LISTS[split][which]}"
