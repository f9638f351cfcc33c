"""casemap's domain: the case network, its lenses, rendering and exchange.

Nothing in this package imports Streamlit (checked by ruff's TID251).
"""

__version__ = "0.1.0"
