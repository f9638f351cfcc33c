"""The pages of casemap, in menu order: one table read by app.py, the smoke
test and the README check.

Each entry: (file in views/, Dutch title, icon, menu group).
"""

from __future__ import annotations

from pathlib import Path

VIEWS = Path(__file__).resolve().parent

PAGES: list[tuple[str, str, str, str]] = [
    ("cases.py", "Casussen", ":material/folder_open:", "Casus"),
    ("genogram.py", "Genogram", ":material/family_restroom:", "Kaarten"),
    ("ecogram.py", "Ecogram", ":material/hub:", "Kaarten"),
    ("sociogram.py", "Netwerkkaart", ":material/groups:", "Kaarten"),
    ("explore.py", "Verkennen", ":material/travel_explore:", "Kaarten"),
    ("balance.py", "Balans", ":material/balance:", "Hulpverlening"),
    ("plan.py", "Plan", ":material/checklist:", "Hulpverlening"),
    ("snapshots.py", "Momentopnamen", ":material/photo_camera:", "Over tijd"),
    ("compare.py", "Vergelijken", ":material/compare:", "Over tijd"),
    ("report.py", "Dossierrapport", ":material/picture_as_pdf:", "Dossier en overleg"),
    ("meeting.py", "Overleg", ":material/co_present:", "Dossier en overleg"),
    ("training.py", "Oefenen en legenda", ":material/school:", "Dossier en overleg"),
]


def available_pages() -> list[tuple[str, str, str, str]]:
    """The pages whose file exists (all of them in a release; the smoke test checks)."""
    return [page for page in PAGES if (VIEWS / page[0]).exists()]
