"""The catalogues: compiled without GNU gettext, complete in French and Spanish, and
in step with the strings marked in the code and the templates."""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

from btech import translations

ROOT = Path(settings.BASE_DIR)
# Every language but English, the reference the strings are written in.
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# What makemessages reads: the apps, the project and the templates (not tests, benchmarks
# or the virtualenv).
SOURCES = ["accounts", "btech", "companies", "engagements", "mandates", "publication",
           "reminders", "templates", "manage.py"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdfr]|%[sdfr]")


def catalogue(language: str) -> polib.POFile:
    path = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    assert path.is_file(), f"{path} is missing: every language has its catalogue"
    return polib.pofile(str(path))


def _key(entry: polib.POEntry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


# --- compiling -------------------------------------------------------------------------

def _po(path: Path, entries: list[polib.POEntry]) -> Path:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8",
                   "Plural-Forms": "nplurals=2; plural=(n > 1);"}
    for entry in entries:
        po.append(entry)
    path.parent.mkdir(parents=True)
    po.save(str(path))
    return path


def test_a_catalogue_compiles_to_what_gettext_reads(tmp_path):
    po = _po(tmp_path / "fr" / "LC_MESSAGES" / "django.po", [
        polib.POEntry(msgid="Overdue", msgstr="En retard"),
        polib.POEntry(msgid="%(count)s letter", msgid_plural="%(count)s letters",
                      msgstr_plural={0: "%(count)s lettre", 1: "%(count)s lettres"}),
        polib.POEntry(msgid="Open", msgstr="Ouvert", flags=["fuzzy"]),
        polib.POEntry(msgid="Due soon", msgstr=""),
    ])
    assert translations.compile_all(translations.catalogues(tmp_path)) == [
        po.with_suffix(".mo")]
    with po.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert compiled.gettext("Overdue") == "En retard"
    assert compiled.ngettext("%(count)s letter", "%(count)s letters", 2) == "%(count)s lettres"
    # As msgfmt does: a fuzzy or missing translation is left out, and shows in English.
    assert compiled.gettext("Open") == "Open"
    assert compiled.gettext("Due soon") == "Due soon"


def test_only_a_catalogue_newer_than_its_compiled_copy_is_compiled_again(tmp_path):
    po = _po(tmp_path / "es" / "LC_MESSAGES" / "django.po",
             [polib.POEntry(msgid="Overdue", msgstr="Vencida")])
    assert translations.main(["compile", str(po)]) == 0
    mo = po.with_suffix(".mo")
    assert not translations.is_stale(po)
    older = mo.stat().st_mtime - 10
    import os

    os.utime(mo, (older, older))
    assert translations.is_stale(po)
    assert translations.compile_all([po]) == [mo]
    assert translations.compile_all([po]) == []


def test_the_command_runs_without_django_or_gettext(tmp_path):
    """`make` runs it before anything else, on a machine that may lack msgfmt."""
    po = _po(tmp_path / "fr" / "LC_MESSAGES" / "django.po",
             [polib.POEntry(msgid="Overdue", msgstr="En retard")])
    result = subprocess.run([sys.executable, "-m", "btech.translations", "compile", str(po)],
                            cwd=ROOT, capture_output=True, text=True,
                            env={"PATH": "/nonexistent", "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert po.with_suffix(".mo").is_file()


# --- complete --------------------------------------------------------------------------

@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_is_translated_and_none_is_fuzzy(language):
    po = catalogue(language)
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert (untranslated, fuzzy) == ([], []), (
        f"locale/{language}: translate these, and clear the fuzzy flag of those checked")


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_translation_keeps_the_placeholders_of_its_english(language):
    """A placeholder missing from a translation is a KeyError on the page, in one
    language only: the kind of failure nobody sees until a reader does."""
    wrong = []
    for entry in catalogue(language).translated_entries():
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for text in texts:
            if sorted(PLACEHOLDER.findall(text)) != wanted and not entry.msgid_plural:
                wrong.append((entry.msgid, text))
            elif entry.msgid_plural and not set(PLACEHOLDER.findall(text)) <= set(
                    PLACEHOLDER.findall(entry.msgid + entry.msgid_plural)):
                wrong.append((entry.msgid, text))
    assert wrong == []


def test_every_marked_string_is_in_each_catalogue(tmp_path):
    """makemessages, run on a copy of the sources, finds no string the catalogues lack."""
    if not shutil.which("xgettext"):
        pytest.skip("GNU gettext's xgettext is not installed (apt-get install gettext): "
                    "makemessages cannot read the sources here. The catalogues are still "
                    "checked for completeness above.")
    copy = tmp_path / "src"
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.mo", "*.po"))
        else:
            shutil.copy2(source, copy / name)
    (copy / "locale").mkdir()
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--no-location", "--no-obsolete",
         *(arg for language in TRANSLATED for arg in ("-l", language))],
        cwd=copy, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for language in TRANSLATED:
        marked = {_key(entry) for entry in polib.pofile(
            str(copy / "locale" / language / "LC_MESSAGES" / "django.po"))}
        known = {_key(entry) for entry in catalogue(language)}
        missing = sorted(marked - known)
        assert missing == [], (
            f"locale/{language} lacks {len(missing)} marked string(s): run "
            f"`make manage ARGS=\"makemessages -l {language} --no-obsolete\"` and "
            f"translate them")
