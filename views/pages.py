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
    ("sociale_kaart.py", "Sociale kaart", ":material/diversity_3:", "Hulpverlening"),
    ("snapshots.py", "Momentopnamen", ":material/photo_camera:", "Over tijd"),
    ("compare.py", "Vergelijken", ":material/compare:", "Over tijd"),
    ("report.py", "Dossierrapport", ":material/picture_as_pdf:", "Dossier en overleg"),
    ("meeting.py", "Overleg", ":material/co_present:", "Dossier en overleg"),
    ("training.py", "Oefenen en legenda", ":material/school:", "Dossier en overleg"),
    ("access.py", "Toegang en inzage", ":material/shield_person:", "Privacy"),
    ("admin.py", "Beheer", ":material/admin_panel_settings:", "Privacy"),
]

#: Pages only some may see (the others are still checked by the access module).
ADMIN_PAGES = {"admin.py"}


def available_pages(who=None) -> list[tuple[str, str, str, str]]:
    """The pages whose file exists (all of them in a release; the smoke test checks).

    ``who`` (a :class:`~mapping.access.Principal`) leaves out the beheer page for
    anyone but the beheerder and the user of a personal laptop.
    """
    admin = who is None or who.is_admin
    return [
        page
        for page in PAGES
        if (VIEWS / page[0]).exists() and (admin or page[0] not in ADMIN_PAGES)
    ]


def page_title(url_path: str) -> str:
    """The Dutch title of the page at ``url_path`` ('genogram' -> 'Genogram'), as the log names it.

    >>> page_title("sociogram"), page_title("onbekend")
    ('Netwerkkaart', 'onbekend')
    """
    return next((title for file, title, *_ in PAGES if file == f"{url_path}.py"), url_path)
