"""Forms and fields that several pages share: written once, used by every page that needs them.

May import: ``mapping``, :mod:`views.state` and :mod:`views.i18n`; never a page.
"""
