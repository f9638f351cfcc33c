"""Page-specific panels: the parts of one page, one module per part (``genogram_side``, ...).

A page reads top to bottom (header, map and side column, tabs) and calls its
panels with what they need: the case's data, the language, the selected ids.
May import: ``mapping``, :mod:`views.state`, :mod:`views.i18n`, :mod:`views.forms`,
:mod:`views.canvas`, :mod:`views.case_cache` and the shared views a page uses
(``views.shell``, ``views.exports``, ``views.entity_actions``); never a page.
"""
