"""Image exports of a lens: SVG, PNG (96 or 300 dpi) and vector PDF on paper.

The export draws the same :class:`~mapping.core.drawing.Drawing` as the screen,
through the same renderer, and stamps the caption the dossier needs (case
code, lens, date, author, "gepseudonimiseerd"). A conversion that fails
raises :class:`~mapping.core.errors.RenderError`; it never hands back an empty
file. CairoSVG is given a URL fetcher that refuses everything, so an export
never reads a file or the network.

A PDF is made for paper (:mod:`mapping.render.paper`): A4 or A3, portrait or
landscape, on one sheet when the names stay readable, else tiled over
several. A PNG beyond what cairo can draw (32,767 px a side) is scaled down
or cut into tiles (a zip), as the caller chooses; what was done is said in
``notices``. The SVG is always the whole map.

>>> from mapping.core.drawing import Drawing, Symbol
>>> from mapping.render.svg import render_svg
>>> png = svg_to_png(render_svg(Drawing("genogram", symbols=[Symbol("p", 0, 0)])))
>>> png[:8] == PNG_SIGNATURE
True
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from mapping.core.drawing import Caption
from mapping.core.errors import InvalidInput, RenderError
from mapping.core.model import CaseData
from mapping.core.vocabulary import Lens

FORMATS = ("svg", "png", "pdf")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NOTE = {"nl": "gepseudonimiseerd", "en": "pseudonymised"}


def _refuse(url: str, *args: object, **kwargs: object) -> dict:
    raise RenderError(
        "De afbeelding verwijst naar een extern bestand ({url}); dat wordt niet geladen.",
        url=url[:80],
    )


def _convert(kind: str, svg: str, **kwargs: object) -> bytes:
    try:
        import cairosvg  # noqa: F401
    except ImportError as err:  # pragma: no cover - declared dependency
        raise RenderError(
            "CairoSVG ontbreekt; PNG en PDF kunnen niet worden gemaakt.",
        ) from err
    from cairosvg.surface import PDFSurface, PNGSurface

    from mapping.render.scripts import for_cairo  # every script, right to left in order

    # Surface.convert (not svg2png) forwards url_fetcher to the parser
    convert = PNGSurface.convert if kind == "png" else PDFSurface.convert
    try:
        result = convert(
            bytestring=for_cairo(svg).encode("utf-8"), url_fetcher=_refuse, unsafe=False, **kwargs
        )
    except RenderError:
        raise
    except Exception as err:  # CairoSVG raises many types for a bad document
        raise RenderError(
            "Het omzetten naar {kind} is mislukt: {err}",
            kind=kind.upper(),
            err=err,
        ) from err
    if not result:
        raise RenderError(
            "Het omzetten naar {kind} gaf een leeg bestand.",
            kind=kind.upper(),
        )
    return result


def svg_to_png(
    svg: str, dpi: int = 96, *, oversize: str = "verkleinen", notices: list | None = None
) -> bytes:
    """A PNG of ``svg``; at 300 dpi every side is 300/96 times as many pixels.

    A picture larger than a PNG can be made in one piece
    (:func:`mapping.render.paper.fits_png`) is never refused: ``oversize``
    "verkleinen" scales it down to fit, "tegels" returns a zip of numbered
    PNG tiles at the asked size. Either way a
    :class:`~mapping.render.paper.PrintNotice` saying so (and how large the names
    are) is added to ``notices``.
    """
    from mapping.render.paper import PNG_MODES, fits_png, png_image, svg_size_px

    if not 24 <= dpi <= 1200:
        raise InvalidInput("Resolutie {dpi} dpi kan niet.", dpi=dpi)
    if oversize not in PNG_MODES:
        raise InvalidInput(
            "Onbekende keuze voor een grote afbeelding: {oversize}. Kies verkleinen of tegels.",
            oversize=oversize,
        )
    try:
        width, height = svg_size_px(svg)
    except RenderError:
        width = height = 0.0  # no size given: CairoSVG decides, as before
    zoom = dpi / 96.0
    if fits_png(width * zoom, height * zoom):
        return _convert("png", svg, scale=zoom, background_color="white")
    made = png_image(svg, dpi, oversize)
    if notices is not None:
        notices.extend(made.notices)
    return made.data


def svg_to_pdf(svg: str) -> bytes:
    """A one-page vector PDF of ``svg`` (text stays text), 1 px = 0.75 pt.

    For a page that is already laid out (the dossier report's pages); a map
    goes on paper with :func:`mapping.render.paper.print_pdf` (see :func:`export_lens`).
    """
    return _convert("pdf", svg)


def export_lens(
    data: CaseData,
    lens: Lens | str,
    fmt: str,
    *,
    ego: str = "",
    pseudonymise: bool | str = False,
    lang: str = "nl",
    author: str = "",
    dpi: int = 96,
    hide_notes: bool = False,
    focus: str = "household",
    show_emotional: bool = True,
    export_code: str = "",
    paper: str = "",
    orientation: str = "",
    png_mode: str = "verkleinen",
    notices: list | None = None,
) -> bytes:
    """The lens of ``data`` as an SVG, PNG or PDF file (bytes), with a caption.

    A PDF goes on ``paper`` ("a4", "a3") in ``orientation`` ("portrait",
    "landscape"); without them A3 landscape for a genogram, A4 landscape
    for the others (:func:`mapping.render.paper.default_paper`). A map too large
    for one readable sheet is tiled. A PNG too large for one picture is
    scaled down (``png_mode`` "verkleinen") or cut into tiles in a zip
    ("tegels"). What the user should know about the file (tiles, a smaller
    picture and its name size) is appended to ``notices`` as
    :class:`~mapping.render.paper.PrintNotice`.

    With ``pseudonymise`` the case is pseudonymised before anything is drawn
    (``True`` or ``"roles"``: "moeder", "zoon 1"; ``"initials"``: "S.J."; see
    :mod:`mapping.services.pseudonym`): ids become opaque, ages become age bands, and
    the caption carries ``export_code`` (a new random code when empty)
    instead of the case code, no title and no author, and says
    "gepseudonimiseerd". Give the same ``export_code`` to the file's name.
    """
    from mapping.lenses import draw
    from mapping.render.svg import RenderOptions, render_svg

    fmt = str(fmt).lower()
    if fmt not in FORMATS:
        raise InvalidInput(
            "Onbekend bestandsformaat: {fmt}. Kies svg, png of pdf.",
            fmt=fmt,
        )
    try:
        lens = Lens(lens)
    except ValueError as err:
        raise InvalidInput("Onbekende lens: {lens}", lens=lens) from err
    if pseudonymise:
        from mapping.services.pseudonym import id_map
        from mapping.services.pseudonym import pseudonymise as scrub

        ego = id_map(data).get(ego, ego) if ego else ""
        mode = pseudonymise if isinstance(pseudonymise, str) else "roles"
        data = scrub(data, mode, keep_ids=False, code=export_code or None)
        author = ""  # the author leads back to the dossier as surely as its code
    drawing = draw(data, lens, ego=ego, lang=lang, focus=focus, show_emotional=show_emotional)
    drawing.caption = Caption(
        title=data.case.title,  # empty in a pseudonymised copy: it often holds the family name
        case_code=data.case.code,
        date=date.today().isoformat(),
        author=author,
        lens=lens.value,
        note=_NOTE.get(lang, _NOTE["nl"]) if pseudonymise else drawing.caption.note,
    )
    options = RenderOptions(lang=lang, hide_notes=hide_notes)
    if fmt == "pdf":
        from mapping.render.paper import print_pdf

        made = print_pdf(drawing, options, paper=paper, orientation=orientation, lang=lang)
        if notices is not None:
            notices.extend(made.notices)
        return made.data
    svg = render_svg(drawing, options)
    if fmt == "svg":
        return (XML_DECLARATION + svg).encode("utf-8")
    return svg_to_png(svg, dpi=dpi, oversize=png_mode, notices=notices)


def write_export(path: str | os.PathLike[str], data_bytes: bytes) -> Path:
    """Write ``data_bytes`` to ``path`` atomically: a temporary file, then a rename.

    A crash half-way leaves the old file (or none), never a truncated one.
    """
    if not data_bytes:
        raise RenderError("Er is niets om weg te schrijven.")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data_bytes)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


__all__ = ["FORMATS", "export_lens", "svg_to_pdf", "svg_to_png", "write_export"]
