"""How the incident system's rich-text editor stores a narrative cell of `incident_export.py`: the pieces of a filled
template (text and planted values) as HTML, in one of the split's layouts (paragraphs, line breaks, Word-pasted
spans), `[b]`, `[ul]`, `[li]` as tags, `&`, `<`, `>` escaped and, in cells saved by the older editor, apostrophes
and quotes as `&#39;` and `&quot;`. A planted value stays exactly as the cell holds it: a name with an apostrophe in
an escaping cell is planted from the letters after it ("O&#39;" then "Mahony"), a kept value the editor changed
("Fisher &amp; Paykel") is left as plain text. Which layout and case a reporter types in is theirs."""

from __future__ import annotations

import re

from export_common import Piece

# name -> (paragraph open, close, between paragraphs, a line break, whether two spaces after a full stop and the
# space after a title become &nbsp;)
Layout = tuple[str, str, str, str, bool]
LAYOUTS: dict[str, dict[str, Layout]] = {
    "dev15": {"para": ("<p>", "</p>", "\n", "<br />", False),
              "breaks": ("", "", "<br />\n<br />\n", "<br />", False),
              "div": ("<div>", "</div>", "\n", "<br>", False),
              "styled": ('<p style="margin:0cm">', "</p>", "\n", "<br />", False)},
    "fresh13": {"nbsp": ("<p>", "</p>", "\n<p>&nbsp;</p>\n", "<br />", True),
                "mso": ('<p class="MsoNormal"><span style="font-family:Calibri,sans-serif">', "</span></p>", "\n",
                        "<br>", True),
                "divbr": ("<div>", "<br></div>", "", "<br>", False),
                "font": ('<p><font face="Arial" size="2">', "</font></p>", "\n", "<br />", True)},
}
# The layout a handler writes findings in.
HANDLER_LAYOUT = {"dev15": "para", "fresh13": "nbsp"}
_MARKERS = {"[b]": "<strong>", "[/b]": "</strong>", "[ul]": "<ul>\n", "[/ul]": "</ul>", "[li]": "<li>",
            "[/li]": "</li>\n"}
_MARKER = re.compile(r"\[/?(?:b|ul|li)\]", re.IGNORECASE)
_TITLE_END = re.compile(r"\b(Mr|Mrs|Ms|Miss|Dr|MR|MRS|MS|MISS|DR|mr|mrs|ms|miss|dr)\.? $")


def escape(text: str, encode: bool) -> str:
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return out.replace('"', "&quot;").replace("'", "&#39;") if encode else out


def _text(text: str, layout: Layout, encode: bool, before_value: bool) -> str:
    out = escape(text, encode).replace("\n", f"{layout[3]}\n")
    if layout[4]:
        out = out.replace(". ", ".&nbsp; ")
        if before_value and _TITLE_END.search(out):
            out = out[:-1] + "&nbsp;"
    return _MARKER.sub(lambda m: _MARKERS[m.group(0).lower()], out)


def _value(piece: tuple[str, str, bool], encode: bool) -> list[Piece]:
    value, kind, personal = piece
    shown = escape(value, encode)
    if shown == value:
        return [piece]
    if kind == "name" and "'" in value and encode:
        head, tail = value.rsplit("'", 1)
        return [escape(head, encode) + "&#39;", (tail, kind, personal)]
    return [(shown, kind, personal)] if personal else [shown]


def html(pieces: list[Piece], layout: Layout, encode: bool) -> list[Piece]:
    """The pieces as the editor stores them: paragraphs ("\\n\\n") in the layout's blocks, a list as its own block."""
    paras: list[list[Piece]] = [[]]
    for p in pieces:
        if isinstance(p, str):
            for i, part in enumerate(p.split("\n\n")):
                if i:
                    paras.append([])
                if part:
                    paras[-1].append(part)
        else:
            paras[-1].append(p)
    out: list[Piece] = []
    for i, para in enumerate(p for p in paras if p):
        if i:
            out.append(layout[2])
        listed = isinstance(para[0], str) and para[0].lower().startswith("[ul]")
        if not listed:
            out.append(layout[0])
        for k, piece in enumerate(para):
            if isinstance(piece, str):
                nxt = para[k + 1] if k + 1 < len(para) else None
                out.append(_text(piece, layout, encode, nxt is not None and not isinstance(nxt, str)))
            else:
                out.extend(_value(piece, encode))
        if not listed:
            out.append(layout[1])
    return out
