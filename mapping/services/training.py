"""Fictional example cases for students, each with a written case description.

Three kinds of case: a multi-problem family (the demo case), an older person
with dementia and an overloaded caregiver, and a young person leaving care.
A student reads the description, builds the map, and compares it with the
model answer (the case itself) on the compare page.

Each is a case document in ``data/`` (:data:`FILES`) whose ``training`` part
holds its key, title, description and questions for students in Dutch and
English (see
:mod:`mapping.formats.exchange`); edit the file to change the case or its
text. A new training case is a new file there, named in :data:`FILES` (and
in ``pyproject.toml``'s data-files, so an install carries it).

>>> [c.key for c in TRAINING_CASES]
['gezin', 'dementie', 'jongvolwassene']
>>> data = load_training_case("dementie")
>>> data.index_person().name
'Gerrit Hoekstra'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mapping.core.errors import CasemapError, NotFound
from mapping.core.model import CaseData
from mapping.services.demo import DEMO_FILE, read_case_file

#: The training cases' files in data/, in the order the training page shows them.
FILES = (DEMO_FILE, "training-dementie.json", "training-jongvolwassene.json")


@dataclass(frozen=True)
class TrainingCase:
    key: str
    title_nl: str
    title_en: str
    description_nl: str
    description_en: str
    build: Callable[[], CaseData]
    questions_nl: tuple[str, ...] = ()
    questions_en: tuple[str, ...] = ()

    def title(self, lang: str = "nl") -> str:
        return self.title_en if lang == "en" else self.title_nl

    def description(self, lang: str = "nl") -> str:
        return self.description_en if lang == "en" else self.description_nl

    def questions(self, lang: str = "nl") -> tuple[str, ...]:
        """Questions for students about the case (none when its file has none)."""
        return self.questions_en if lang == "en" else self.questions_nl


def _training_case(name: str) -> TrainingCase:
    _data, text = read_case_file(name)
    if text is None:
        raise CasemapError(
            "Het voorbeeldbestand {name} mist het onderdeel 'training' (titel en beschrijving).",
            name=name,
        )
    return TrainingCase(
        text.key,
        text.title_nl,
        text.title_en,
        text.description_nl,
        text.description_en,
        lambda: read_case_file(name)[0],
        text.questions_nl,
        text.questions_en,
    )


TRAINING_CASES = [_training_case(name) for name in FILES]


def load_training_case(key: str) -> CaseData:
    """A fresh copy of the training case with ``key``."""
    for case in TRAINING_CASES:
        if case.key == key:
            return case.build()
    raise NotFound("Oefencasus '{key}' bestaat niet.", key=key)
