"""Names in every script, as CairoSVG draws them into a PNG or PDF.

A browser shows our SVG with everything a script needs: it falls back from
font to font per character, joins Arabic letters and puts right-to-left text
in its visual order. CairoSVG (which turns the same SVG into the dossier's
PNG and PDF) does none of that: it takes only the first family of the
``font-family`` list (DejaVu Sans: no Chinese, Ge'ez, Japanese or Korean)
and draws a ``<text>`` letter by letter, left to right, in the order the
letters are stored. A Chinese name came out as boxes, a Hebrew name mirrored,
an Arabic name mirrored and unjoined.

:func:`for_cairo` rewrites the SVG's text for CairoSVG so that it draws what
the browser shows:

- Arabic letters become their joined forms (initial, medial, final,
  isolated and the lam-alef ligature: the presentation forms every Arabic
  font carries), from the Unicode character data;
- right-to-left text is put in visual order by the Unicode bidirectional
  algorithm on a left-to-right line, as an SVG ``<text>`` is in a browser
  (no explicit embeddings: names hold none, and the marks are dropped);
- each letter gets the first family of :data:`~mapping.render.markup.FAMILIES`
  that has a glyph for it, as cairo itself reports (glyph 0 is the box):
  DejaVu Sans stays for Latin, Cyrillic, Greek, Hebrew and Arabic; Noto Sans
  Ethiopic, Noto Sans CJK... where DejaVu has no glyph (Japanese and Korean
  names take the Japanese or Korean CJK font). A text in one family gets
  that family; a text in more ("Allen 鈴木") is split in ``<tspan>`` runs,
  each placed at the x its letters reach, as CairoSVG anchors each run
  apart.

The SVG for the screen and the SVG download stay as they are: text in
logical order for a browser, so copying a name out of it gives the name.

>>> visual_order("שלום כהן")
'ןהכ םולש'
>>> visual_order("Dina שלום, 12")  # the number follows the Hebrew, as in a browser
'Dina 12 ,םולש'
>>> [hex(ord(c)) for c in shape_arabic("سلام")]
['0xfeb3', '0xfefc', '0xfee1']
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from html import unescape
from itertools import chain

from mapping.render.markup import FAMILIES, esc

# ---------------------------------------------------------------- Arabic joining
_LAM = "\u0644"
_ALEFS = "\u0622\u0623\u0625\u0627"  # with madda, hamza above, hamza below, plain
_JOIN_CAUSING = {"\u0640", "\u200d"}  # tatweel, zero width joiner


@lru_cache(maxsize=1)
def _forms() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """({letter: {form: presentation form}}, {lam+alef: {form: ligature}}) from Unicode."""
    letters: dict[str, dict[str, str]] = {}
    ligatures: dict[str, dict[str, str]] = {}
    # Forms-B (FE70-FEFF) first: the basic letters, which every Arabic font maps
    for cp in chain(range(0xFE70, 0xFF00), range(0xFB50, 0xFE00)):
        tag, _, codes = unicodedata.decomposition(chr(cp)).partition(" ")
        form = tag.strip("<>")
        if form not in ("isolated", "final", "initial", "medial"):
            continue
        base = "".join(chr(int(code, 16)) for code in codes.split())
        if len(base) == 1:
            letters.setdefault(base, {}).setdefault(form, chr(cp))
        elif len(base) == 2 and base[0] == _LAM and base[1] in _ALEFS:
            ligatures.setdefault(base, {}).setdefault(form, chr(cp))
    return letters, ligatures


def _joining(char: str) -> str:
    """The joining type: D (dual), R (right), C (causing), T (transparent), U (none)."""
    if char in _JOIN_CAUSING:
        return "C"
    forms = _forms()[0].get(char)
    if forms:
        return "D" if "initial" in forms or "medial" in forms else "R"
    if char != "\u200c" and unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return "T"
    return "U"


def _is_arabic(char: str) -> bool:
    return (
        "\u0600" <= char <= "\u06ff" or "\u0750" <= char <= "\u077f" or "\u08a0" <= char <= "\u08ff"
    )


def shape_arabic(text: str) -> str:
    """``text`` with its Arabic letters in their joined (presentation) forms.

    A letter joins the one before it when that one joins forward (a dual
    joining letter or a tatweel), and the one after it when it is dual
    joining itself; vowel marks in between do not break the join. Lam
    followed by alef becomes the lam-alef ligature. Other text is unchanged.

    >>> shape_arabic("لا") == "\\ufefb", shape_arabic("Anna") == "Anna"
    (True, True)
    >>> [hex(ord(c)) for c in shape_arabic("الله")]  # alef, lam initial, lam medial, heh final
    ['0xfe8d', '0xfedf', '0xfee0', '0xfeea']
    """
    if not any(_is_arabic(c) for c in text):
        return text
    letters, ligatures = _forms()
    kinds = [_joining(c) for c in text]

    def neighbour(i: int, step: int) -> str:
        j = i + step
        while 0 <= j < len(text) and kinds[j] == "T":
            j += step
        return kinds[j] if 0 <= j < len(text) else "U"

    out: list[str] = []
    i = 0
    while i < len(text):
        char, kind = text[i], kinds[i]
        joins_before = kind in "DRC" and neighbour(i, -1) in "DC"
        if char == _LAM:
            j = i + 1
            while j < len(text) and kinds[j] == "T":
                j += 1
            ligature = ligatures.get(char + text[j]) if j < len(text) else None
            if ligature:
                out.append(ligature.get("final" if joins_before else "isolated", char + text[j]))
                out.extend(text[i + 1 : j])  # a mark on the lam
                i = j + 1
                continue
        forms = letters.get(char)
        if forms:
            joins_after = kind in "DC" and neighbour(i, 1) in "DRC"
            form = {
                (True, True): "medial",
                (True, False): "final",
                (False, True): "initial",
                (False, False): "isolated",
            }[joins_before, joins_after]
            out.append(forms.get(form) or forms.get("isolated") or char)
        else:
            out.append(char)
        i += 1
    return "".join(out)


# ---------------------------------------------------------------- bidirectional order
_MIRROR = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))
_NEUTRAL = {"B", "S", "WS", "ON", "BN"}
_EXPLICIT = {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"}


def _levels(types: list[str]) -> list[int]:
    """Embedding levels of one left-to-right line (rules W1-W7, N1-N2, I1, L1)."""
    n = len(types)
    for i in range(n):  # W1: a mark takes the type of what it is on
        if types[i] == "NSM":
            types[i] = types[i - 1] if i else "L"
    strong = "L"
    for i in range(n):  # W2, W3
        if types[i] in ("L", "R", "AL"):
            strong = types[i]
        if types[i] == "EN" and strong == "AL":
            types[i] = "AN"
    types[:] = ["R" if t == "AL" else t for t in types]
    for i in range(1, n - 1):  # W4
        before, after = types[i - 1], types[i + 1]
        if types[i] == "ES" and before == after == "EN":
            types[i] = "EN"
        elif types[i] == "CS" and before == after and before in ("EN", "AN"):
            types[i] = before
    for i in range(n):  # W5: currency and percent signs beside a number
        if types[i] == "ET":
            j = i
            while j < n and types[j] == "ET":
                j += 1
            if (i and types[i - 1] == "EN") or (j < n and types[j] == "EN"):
                types[i:j] = ["EN"] * (j - i)
    types[:] = ["ON" if t in ("ES", "ET", "CS") else t for t in types]  # W6
    strong = "L"
    for i in range(n):  # W7
        if types[i] in ("L", "R"):
            strong = types[i]
        elif types[i] == "EN" and strong == "L":
            types[i] = "L"
    i = 0
    while i < n:  # N1, N2: neutrals between two of one direction take it, else the line's (L)
        if types[i] not in _NEUTRAL:
            i += 1
            continue
        j = i
        while j < n and types[j] in _NEUTRAL:
            j += 1
        before = "L" if i == 0 else ("R" if types[i - 1] in ("R", "EN", "AN") else "L")
        after = "L" if j == n else ("R" if types[j] in ("R", "EN", "AN") else "L")
        types[i:j] = [before if before == after else "L"] * (j - i)
        i = j
    levels = [{"L": 0, "R": 1}.get(t, 2) for t in types]  # I1: numbers (EN, AN) at 2
    return levels


def visual_order(text: str) -> str:
    """``text`` in the order a left-to-right line shows it, for a renderer without bidi.

    Runs of Hebrew or Arabic are reversed (numbers inside them keep their
    order), brackets in them mirrored, and bidi control marks dropped. A
    vowel mark stays where the reversal puts it, before its letter: Hebrew
    and Arabic fonts draw a mark's ink to the right of where it is drawn,
    so drawn first it lands on its letter (checked against Chromium).

    >>> visual_order("Anna de Vries")
    'Anna de Vries'
    >>> visual_order("אבג 123 דה")
    'הד 123 גבא'
    >>> visual_order("שָׁלוֹם") == "ם\u05b9ול\u05c1\u05b8ש"  # each mark just before its letter
    True
    """
    if not any(unicodedata.bidirectional(c) in ("R", "AL") for c in text):
        return text
    chars = [c for c in text if unicodedata.bidirectional(c) not in _EXPLICIT]
    levels = _levels([unicodedata.bidirectional(c) for c in chars])
    for i in range(len(chars) - 1, -1, -1):  # L1: trailing white space at the line's level
        if unicodedata.bidirectional(chars[i]) not in ("WS", "S", "BN"):
            break
        levels[i] = 0
    for level in range(max(levels, default=0), 0, -1):  # L2
        i = 0
        while i < len(chars):
            if levels[i] < level:
                i += 1
                continue
            j = i
            while j < len(chars) and levels[j] >= level:
                j += 1
            chars[i:j], levels[i:j] = chars[i:j][::-1], levels[i:j][::-1]
            i = j
    return "".join(
        _MIRROR.get(c, c) if level % 2 else c for c, level in zip(chars, levels, strict=True)
    )


# ---------------------------------------------------------------- fonts as cairo finds them
@lru_cache(maxsize=64)
def _context(family: str, weight: str, slant: str):
    import cairocffi as cairo

    context = cairo.Context(cairo.ImageSurface(cairo.FORMAT_A8, 1, 1))
    context.select_font_face(
        family,
        cairo.FONT_SLANT_ITALIC if slant == "italic" else cairo.FONT_SLANT_NORMAL,
        cairo.FONT_WEIGHT_BOLD if weight == "bold" else cairo.FONT_WEIGHT_NORMAL,
    )
    return context


@lru_cache(maxsize=65536)
def has_glyph(family: str, char: str, weight: str = "normal", slant: str = "normal") -> bool:
    """True when cairo, asked for ``family``, draws ``char`` with a real glyph (not the box).

    This asks fontconfig exactly as CairoSVG does, so a family that is not
    installed answers for the font fontconfig puts in its place.

    >>> has_glyph("DejaVu Sans", "Ж"), has_glyph("DejaVu Sans", "\\ue000")
    (True, False)
    """
    glyphs = _context(family, weight, slant).get_scaled_font().text_to_glyphs(0, 0, char, False)
    return bool(glyphs) and all(index != 0 for index, _x, _y in glyphs)


def _drawn(char: str) -> bool:
    """Whether CairoSVG draws ``char`` at all (it skips white space)."""
    return not char.isspace() and unicodedata.category(char) not in ("Cf", "Cc")


def family_for(
    char: str, weight: str = "normal", slant: str = "normal", families: tuple = FAMILIES
) -> str | None:
    """The first family of :data:`FAMILIES` with a glyph for ``char``, else None."""
    return next((f for f in families if has_glyph(f, char, weight, slant)), None)


def _families(text: str) -> tuple[str, ...]:
    """:data:`FAMILIES`, with the Japanese or Korean CJK font first for a name with kana
    or hangul in it: a Japanese name's kanji are then drawn the Japanese way."""
    if any("\u3040" <= c <= "\u30ff" for c in text):
        first = "Noto Sans CJK JP"
    elif any("\uac00" <= c <= "\ud7af" or "\u1100" <= c <= "\u11ff" for c in text):
        first = "Noto Sans CJK KR"
    else:
        return FAMILIES
    at = min(i for i, f in enumerate(FAMILIES) if "CJK" in f)
    rest = tuple(f for f in FAMILIES[at:] if f != first)
    return (*FAMILIES[:at], first, *rest)


def _runs(text: str, weight: str, slant: str) -> list[tuple[str, str]]:
    """``text`` as (family, letters) runs, each letter in the first family that has it.

    As a browser falls back letter by letter: "Allen 鈴木" keeps DejaVu Sans
    for "Allen " and takes Noto Sans CJK for the surname. An accent stays
    with its letter; a letter no family has stays in the run before it.
    """
    families = _families(text)
    runs: list[tuple[str, str]] = []
    for char in text:
        mark = unicodedata.category(char) in ("Mn", "Me") or not (_drawn(char) or char.isspace())
        family = None if (mark and runs) else family_for(char, weight, slant, families)
        family = family or (runs[-1][0] if runs else families[0])
        if runs and runs[-1][0] == family:
            runs[-1] = (family, runs[-1][1] + char)
        else:
            runs.append((family, char))
    return runs


def _advance(family: str, text: str, size: float, weight: str, slant: str) -> float:
    """The width CairoSVG gives ``text``: the sum of its letters' advances."""
    context = _context(family, weight, slant)
    context.set_font_size(size)
    return sum(context.text_extents(c)[4] for c in text)


def cairo_text(text: str) -> str:
    """``text`` as CairoSVG must be given it: composed, Arabic joined, in visual order.

    A presentation form that no installed font has goes back to its letter.

    >>> cairo_text("e\\u0301") == "\\u00e9"
    True
    """
    text = unicodedata.normalize("NFC", text)
    if text.isascii():
        return text
    shaped = shape_arabic(text)
    if shaped != text:
        shaped = "".join(
            c
            if family_for(c) or not ("\ufb50" <= c <= "\ufeff")
            else unicodedata.normalize("NFKC", c)
            for c in shaped
        )
    ordered = visual_order(shaped)
    return "".join(c for c in ordered if unicodedata.category(c) != "Cf")


def show_text(ctx, text: str, size: float, *, bold: bool = False, anchor: str = "start") -> float:
    """Draw ``text`` with cairo at the current point, in every script; returns its width.

    For texts drawn with cairo itself rather than through an SVG (a printed
    sheet's heading and footer): the same letters, fonts and order as
    :func:`for_cairo` gives CairoSVG. ``anchor`` "middle" or "end" puts the
    current point at the text's centre or end, as ``text-anchor`` does.

    >>> import cairocffi as cairo
    >>> ctx = cairo.Context(cairo.ImageSurface(cairo.FORMAT_RGB24, 200, 40))
    >>> ctx.move_to(100, 30)
    >>> show_text(ctx, "Familie 王", 12, anchor="middle") > show_text(ctx, "Familie", 12)
    True
    """
    weight = "bold" if bold else "normal"
    runs = _runs(cairo_text(text), weight, "normal")
    widths = [_advance(family, letters, size, weight, "normal") for family, letters in runs]
    total = sum(widths)
    shift = {"middle": 0.5, "end": 1.0}.get(anchor, 0.0) * total
    if shift and ctx.has_current_point():
        ctx.rel_move_to(-shift, 0)
    for family, letters in runs:
        face = _context(family, weight, "normal").get_font_face()
        ctx.set_font_face(face)
        ctx.set_font_size(size)
        ctx.show_text(letters)
    return total


# ---------------------------------------------------------------- the SVG rewrite
_TEXT = re.compile(r"<text\b([^>]*)>([^<]*)</text>")
_ATTR = re.compile(r'\s([a-z-]+)="([^"]*)"')


def _rewrite(match: re.Match) -> str:
    attrs, content = match.group(1), match.group(2)
    text = unescape(content)
    if text.isascii():
        return match.group(0)
    values = dict(_ATTR.findall(attrs))
    weight = (
        "bold"
        if values.get("font-weight", "normal") in ("bold", "600", "700", "800", "900")
        else "normal"
    )
    slant = "italic" if values.get("font-style") == "italic" else "normal"
    drawn = cairo_text(text)
    runs = _runs(drawn, weight, slant)
    if len(runs) == 1:
        family = runs[0][0]
        if family != FAMILIES[0] or "font-family" in values:
            attrs = re.sub(r'\sfont-family="[^"]*"', "", attrs) + f' font-family="{esc(family)}"'
        return f"<text{attrs}>{esc(drawn)}</text>"
    try:  # no one family has every glyph: each run at the x its letters reach
        size, x = float(values["font-size"]), float(values.get("x", "0"))
    except (KeyError, ValueError):
        family = max(runs, key=lambda run: len(run[1]))[0]  # sizes CairoSVG must work out
        attrs = re.sub(r'\sfont-family="[^"]*"', "", attrs) + f' font-family="{esc(family)}"'
        return f"<text{attrs}>{esc(drawn)}</text>"
    widths = [_advance(f, letters, size, weight, slant) for f, letters in runs]
    anchor = values.get("text-anchor", "start")
    x -= sum(widths) * {"middle": 0.5, "end": 1.0}.get(anchor, 0.0)
    attrs = re.sub(r'\s(text-anchor|font-family)="[^"]*"', "", attrs) + ' text-anchor="start"'
    spans = []
    for (family, letters), width in zip(runs, widths, strict=True):
        spans.append(f'<tspan x="{x:.2f}" font-family="{esc(family)}">{esc(letters)}</tspan>')
        x += width
    return f"<text{attrs}>{''.join(spans)}</text>"


def for_cairo(svg: str) -> str:
    """``svg`` with every ``<text>`` made ready for CairoSVG (see the module's text).

    Text in ASCII is left alone, so a map without other letters is unchanged.

    >>> for_cairo('<svg><text x="0" font-size="10">Anna</text></svg>')
    '<svg><text x="0" font-size="10">Anna</text></svg>'
    >>> for_cairo('<svg><text x="0" font-size="10">王芳</text></svg>')
    '<svg><text x="0" font-size="10" font-family="Noto Sans CJK SC">王芳</text></svg>'
    """
    if svg.isascii():
        return svg
    return _TEXT.sub(_rewrite, svg)


__all__ = [
    "cairo_text",
    "family_for",
    "for_cairo",
    "has_glyph",
    "shape_arabic",
    "show_text",
    "visual_order",
]
