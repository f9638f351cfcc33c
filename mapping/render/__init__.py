"""Renderers that turn a :class:`mapping.drawing.Drawing` into an image."""
