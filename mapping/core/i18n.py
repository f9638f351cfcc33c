"""The one translation layer: Dutch source text, English from gettext catalogs.

Source strings are Dutch (the first language of the users). English comes
from the ``.po`` catalogs in ``locales/en/LC_MESSAGES/``: one catalog per
page (``genogram.po``, ``cases.po``...) and ``domain.po`` for the messages
of :mod:`mapping` (errors, import notices, report texts), merged into one
lookup, so each can add its strings without touching the others' files.

The domain writes Dutch message ids and the place that shows them
translates: an error carries its id and parameters
(:class:`mapping.core.errors.CasemapError`); a part of a message that is
itself words (where in a file, "en nog 3") is a :class:`Message` given as a
parameter, translated with the message; a text kept in a table is marked
with :func:`N_`. ``tests/test_i18n.py`` finds them all and checks that each
has an English entry.

>>> translate("Bestand is leeg.", "en")
'File is empty.'
>>> translate("Bestand is leeg.", "nl")
'Bestand is leeg.'
>>> N_("Bestand is leeg.")
'Bestand is leeg.'

No Streamlit here: pages use ``views.i18n._``, which reads the same catalogs.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

LOCALES = Path(__file__).resolve().parents[2] / "locales"


@lru_cache(maxsize=4)
def catalog(lang: str) -> dict[str, str]:
    """All translations for ``lang`` from every ``.po`` file, as a dict."""
    merged: dict[str, str] = {}
    folder = LOCALES / lang / "LC_MESSAGES"
    for po in sorted(folder.glob("*.po")):
        with po.open("rb") as handle:
            for message in read_po(handle, locale=lang):
                if message.id and message.string and isinstance(message.id, str):
                    key = f"{message.context}\x04{message.id}" if message.context else message.id
                    merged[key] = message.string
    return merged


def translate(text: str, lang: str, context: str | None = None) -> str:
    """``text`` (Dutch) in ``lang``; Dutch itself needs no catalog.

    A text without an entry falls back to the Dutch source. ``context``
    (gettext's ``msgctxt``) picks a translation for one place where the
    same Dutch needs other English ('Netwerkkaart van {name}' is 'Sociogram
    of {name}' in the report); without an entry in that context the plain
    entry counts.
    """
    if lang == "nl":
        return text
    table = catalog(lang)
    if context:
        found = table.get(f"{context}\x04{text}")
        if found:
            return found
    return table.get(text, text)


def N_(text: str) -> str:  # noqa: N802 (gettext's name for the marker)
    """Mark a Dutch message id written outside a call that translates it.

    Returns ``text`` unchanged; the catalog test collects every ``N_("...")``
    in :mod:`mapping` and asks for its English entry.
    """
    return text


def render(text: str, params: dict[str, Any], lang: str) -> str:
    """The message ``text`` in ``lang`` with ``params`` filled in.

    ``text`` is a ``str.format`` template, formatted only when there are
    parameters (a literal brace is then doubled). A parameter that is a
    :class:`Message` is rendered in the same language first.
    """
    template = translate(text, lang)
    if not params:
        return template
    values = {k: v.message(lang) if isinstance(v, Message) else v for k, v in params.items()}
    return template.format(**values)


class Message:
    """A Dutch message id with its parameters, translated when shown.

    The part of an error or notice that is words itself, given to it as a
    parameter:

    >>> where = Message("regel {line}", line=3)
    >>> where.message("nl"), where.message("en")
    ('regel 3', 'line 3')

    An empty id renders as the empty text in every language (an optional part).
    """

    __slots__ = ("params", "text")

    def __init__(self, text: str, /, **params: Any) -> None:
        self.text = text
        self.params = params

    @classmethod
    def join(cls, separator: str, messages: list[Message]) -> Message:
        """``messages`` one after the other, ``separator`` between them, in one language.

        >>> Message.join(" ", [Message("regel {line}", line=1), Message("regel {line}", line=2)]).message("en")
        'line 1 line 2'
        """
        sep = separator.replace("{", "{{").replace("}", "}}")
        template = sep.join(f"{{part{i}}}" for i in range(len(messages)))
        return cls(template, **{f"part{i}": m for i, m in enumerate(messages)})

    def message(self, lang: str = "nl") -> str:
        """The text in ``lang`` (``"nl"`` or ``"en"``), parameters filled in."""
        return render(self.text, self.params, lang) if self.text else ""

    def __str__(self) -> str:
        return self.message("nl")

    def __repr__(self) -> str:
        return f"Message({self.text!r}, **{self.params!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return (self.text, self.params) == (other.text, other.params)

    def __hash__(self) -> int:
        return hash(self.text)


class Localized(Message):
    """A part of a message computed per language (a vocabulary label, a list of them).

    ``words(lang)`` gives the text; for words kept in a table of their own
    (the vocabulary's labels) rather than in the catalogs.

    >>> Localized(lambda lang: "ring" if lang == "en" else "kring").message("en")
    'ring'
    """

    __slots__ = ("words",)

    def __init__(self, words) -> None:
        super().__init__("")
        self.words = words

    def message(self, lang: str = "nl") -> str:
        return self.words(lang)

    def __repr__(self) -> str:
        return f"Localized({self.words('nl')!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Localized):
            return NotImplemented
        return all(self.words(lang) == other.words(lang) for lang in ("nl", "en"))

    def __hash__(self) -> int:
        return hash(self.words("nl"))


class Number(Message):
    """A number in a message, written as its language writes it (decimal comma in Dutch).

    >>> m = Message("namen {size} pt", size=Number(6.54, 1))
    >>> m.message("nl"), m.message("en")
    ('namen 6,5 pt', 'names 6.5 pt')
    """

    __slots__ = ("digits", "value")

    def __init__(self, value: float, digits: int = 0) -> None:
        super().__init__("")
        self.value = value
        self.digits = digits

    def message(self, lang: str = "nl") -> str:
        from mapping.core.numbers import decimal

        return decimal(self.value, self.digits, lang)

    def __repr__(self) -> str:
        return f"Number({self.value!r}, {self.digits!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Number):
            return NotImplemented
        return (self.value, self.digits) == (other.value, other.digits)

    def __hash__(self) -> int:
        return hash(self.value)
