"""No English left in a template outside the translation tags.

A scanner, not a parser of every case: it reads each template with Django's own lexer,
drops what {% translate %} and {% blocktranslate %} hold, the template's variables,
tags and comments, and reads what is left as HTML (plain text for .txt emails). Text
with a letter in it is a string a reader of French or Spanish would see in English;
so is a user-visible attribute (aria-label, title, alt, placeholder) written in words.
Class names, ids, addresses and the like are never read.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.template.base import Lexer, TokenType

ROOT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [ROOT / "templates", *sorted(ROOT.glob("*/templates"))]
# Attributes a person reads or hears.
VISIBLE_ATTRIBUTES = {"aria-label", "aria-description", "title", "alt", "placeholder",
                      "aria-roledescription"}
# Words that are the same in every language: names, codes, formats.
ALLOWED = {"B-Tech", "B-Tech Engagement Tracker", "CSV", "XLSX", "Excel", "PDF", "API",
           "OpenAPI", "JSON", "iCalendar", "AL", "UA", "OL", "JAL", "JUA", "JOL", "OTH",
           "Swagger UI"}
ALLOWED_WORDS = re.compile(r"(?<![\w-])(?:{})(?![\w-])".format("|".join(
    re.escape(word) for word in sorted(ALLOWED, key=len, reverse=True))))
LETTER = re.compile(r"[^\W\d_]")
# Elements whose text is code, not prose: an address, a header, a command.
LITERAL = {"script", "style", "code", "kbd", "samp", "pre"}
# Where the tags that hold translated text, or none at all, open and close.
SKIPPED_BLOCKS = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans",
                  "comment": "endcomment", "verbatim": "endverbatim"}


def templates() -> list[Path]:
    return sorted(path for folder in TEMPLATE_DIRS for path in folder.rglob("*")
                  if path.suffix in {".html", ".txt"})


def untranslated_text(source: str) -> str:
    """The template with everything but its own literal text removed. Line breaks are
    kept, so that a line number still points at the template's line."""
    kept = []
    closing = None
    for token in Lexer(source).tokenize():
        if closing is not None:
            if token.token_type == TokenType.BLOCK and token.contents.split()[0] == closing:
                closing = None
            kept.append("\n" * token.contents.count("\n"))
            continue
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents.split() else ""
            closing = SKIPPED_BLOCKS.get(name)
        if token.token_type == TokenType.TEXT:
            kept.append(token.contents)
        else:
            kept.append("\n" * token.contents.count("\n"))
    return "".join(kept)


def _words(text: str) -> str | None:
    """`text` when a reader would see words in it, else None."""
    text = " ".join(text.split())
    return text if LETTER.search(ALLOWED_WORDS.sub(" ", text)) else None


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._raw = 0  # inside a LITERAL element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in LITERAL:
            self._raw += 1
        for name, value in attrs:
            words = _words(value or "") if name in VISIBLE_ATTRIBUTES else None
            if words:
                self.found.append((self.getpos()[0], f'{name}="{words}"'))

    def handle_endtag(self, tag: str) -> None:
        if tag in LITERAL and self._raw:
            self._raw -= 1

    def handle_data(self, data: str) -> None:
        words = _words(data)
        if words and not self._raw:
            self.found.append((self.getpos()[0], words))


def untranslated(path: Path) -> list[str]:
    text = untranslated_text(path.read_text(encoding="utf-8"))
    where = path.relative_to(ROOT)
    if path.suffix == ".txt":
        return [f"{where}:{number}: {words}" for number, line in enumerate(
            text.splitlines(), start=1) if (words := _words(line))]
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return [f"{where}:{line}: {words}" for line, words in reader.found]


def test_the_scanner_sees_english_and_nothing_else():
    source = (
        '{% load i18n %}<h1 class="page-title" id="x">{% translate "Letters" %}</h1>\n'
        '<a href="{% url \'board\' %}" aria-label="{% translate \'Board\' %}">{{ count }}</a>\n'
        '{% blocktranslate %}Due in {{ days }} days{% endblocktranslate %} · '
        '{# a comment #}{% comment %}Left as it is{% endcomment %}\n'
        '<p>Signed in for {{ company }}.</p><button title="Close">×</button>\n'
        '<script>var label = "not text";</script><span>CSV</span> <code>POST /x/</code>\n'
        '<title>{% block t %}{% endblock %} · B-Tech Engagement Tracker</title>\n')
    reader = _Reader()
    reader.feed(untranslated_text(source))
    assert reader.found == [(4, "Signed in for ."), (4, 'title="Close"')]


def test_no_template_has_english_outside_the_translation_tags():
    found = [line for path in templates() for line in untranslated(path)]
    assert found == [], f"{len(found)} untranslated text(s):\n" + "\n".join(found)
