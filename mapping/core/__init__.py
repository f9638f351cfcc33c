"""The core: the case network as plain data, with no I/O and no drawing.

model (dataclasses), vocabulary (every term as data, nl and en), codec
(records to dataclasses and back), errors (what users see), network (the case
as a NetworkX graph), drawing (positioned symbols: the seam between a lens
and a renderer), numbers, family (who the parents are, while building a
genogram), words (other programs' words as our vocabulary).

May import: the standard library, NetworkX, and other core modules only.
"""
