"""casemap's domain: the case network, its lenses, rendering and exchange.

The folders are layers; a module imports from its own folder and the folders
above it in this list, never from one below (``tests/test_architecture.py``
reads the import graph and fails on a circle or an import upwards):

- ``core/``: the case network as plain data (model, vocabulary, codec,
  errors, network, drawing, numbers, family logic, foreign words);
- ``outbox.py``: writing a file whole or not at all;
- ``render/``: a Drawing to SVG, and SVG to a sheet of paper;
- ``lenses/``: genogram, ecogram, netwerkkaart and the explore view, each
  with its layout: a case in, a Drawing out (``draw`` is the one entry);
- ``formats/``: every reader and writer of a file format (GEDCOM, GraphML,
  GEXF, GML, Pajek, CSV, the case's JSON document);
- ``storage/``: the case store (SQLite through sqlite-utils), encryption and
  backups;
- ``access/``: who may open which case, sign-in, and the access log (audit);
- ``services/``: what a casemanager does with a case: balance, plan, compare,
  report, exports, pseudonyms, metrics, inzage and erasure, retention, the
  demo and training cases;
- ``cli.py``: the ``casemap`` command line, on top of all of them.

Nothing in this package imports Streamlit (checked by ruff's TID251); the
pages in ``views/`` call into it.
"""

__version__ = "0.1.0"
