"""Every reader and writer of a file format.

GEDCOM (gedcom), GraphML and CSV (graphml), GEXF (gexf), GML, Pajek and edge
lists (netformats), other programs' network files made into a case
(netfiles), the case as one JSON document (exchange), choosing a reader by
extension (importers) and what an import left out (notices).

May import: ``mapping.core``, ``mapping.render`` and ``mapping.lenses`` (a
netwerkkaart's members decide what a GraphML export holds); never the store.
"""
