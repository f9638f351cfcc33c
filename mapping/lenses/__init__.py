"""The lenses on a case network, each with its layout; ``draw`` is the one entry point.

genogram and genogram_layout, ecogram, sociogram (the netwerkkaart) with
sociogram_layout and sociogram_ties, explore (the free pyvis view), legend
(every symbol explained) and describe (a map in sentences, for screen
readers). A lens takes a case and gives a Drawing; it never renders a file.

May import: ``mapping.core`` and ``mapping.render`` (text metrics); never a
file format, the store or a service.

``draw(data, lens, ...) -> Drawing``:

Pages, the canvas and the exports call this instead of each lens module, so
a new lens or option is wired in one place.
"""

from __future__ import annotations

from mapping.core.drawing import Drawing
from mapping.core.errors import InvalidInput
from mapping.core.model import CaseData
from mapping.core.vocabulary import Lens


def draw(
    data: CaseData,
    lens: Lens | str,
    *,
    ego: str = "",
    lang: str = "nl",
    focus: str = "household",
    show_emotional: bool = True,
    text_scale: float = 1.0,
) -> Drawing:
    """Lay out ``data`` through ``lens`` and return the Drawing.

    ``ego`` chooses whose netwerkkaart a sociogram shows (default: the index
    person); ``focus`` is the ecogram's centre ('household' or 'client').
    ``text_scale`` is the factor the text will be rendered at
    (:func:`mapping.render.svg.text_scale`, 1.5 in large type): the layout
    makes room for text of that size.
    """
    lens = Lens(lens)
    if lens is Lens.GENOGRAM:
        from mapping.lenses.genogram import layout_genogram

        return layout_genogram(
            data, lang=lang, show_emotional=show_emotional, text_scale=text_scale
        )
    if lens is Lens.ECOGRAM:
        from mapping.lenses.ecogram import layout_ecogram

        return layout_ecogram(data, focus=focus, lang=lang, text_scale=text_scale)
    if lens is Lens.SOCIOGRAM:
        from mapping.lenses.sociogram import layout_sociogram

        if not ego:
            index = data.index_person()
            if index is None:
                raise InvalidInput(
                    "Deze stand heeft geen cliënt (indexpersoon), dus geen netwerkkaart om te tonen. "
                    "Markeer iemand als cliënt op de pagina Genogram (Persoon bewerken) of kies op "
                    "de pagina Netwerkkaart wiens kaart het is.",
                )
            ego = index.id
        return layout_sociogram(data, ego, lang=lang, text_scale=text_scale)
    raise InvalidInput("Onbekende lens: {lens}", lens=lens)
