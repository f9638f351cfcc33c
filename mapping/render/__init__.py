"""Renderers: a :class:`mapping.core.drawing.Drawing` to SVG, and SVG on paper.

svg (the one SVG renderer), symbols and lines (McGoldrick symbols and line
styles), paths (line geometry), markup (escaping and text metrics), scripts
(names in every script for CairoSVG), paper (A4/A3 sheets and tiles).

May import: ``mapping.core`` and other render modules; never a lens, so the
lenses may measure their text with :mod:`mapping.render.markup`.
"""
