"""The catalogues hold exactly the messages of the code, every one translated and compiled.

makemessages needs GNU gettext (xgettext, msgmerge, msgfmt): `.ci/run` installs it and the
README says so. On a branch that adds strings the catalogues are stale until `make messages`
is run and the new messages are translated; then these tests pass again.
"""

import gettext
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from ictspace.languages.catalogues import (
    LOCALE_DIR,
    MAKEMESSAGES_OPTIONS,
    TRANSLATED,
    read_po,
)
from ictspace.languages.catalogues import po_path as catalogue
from ictspace.languages.management.commands.messages import compile_catalogue, fill_from

REPOSITORY = Path(settings.BASE_DIR).parent


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    """makemessages run now, over a copy of the committed catalogues: what they should be."""
    assert shutil.which("xgettext"), "GNU gettext is required: apt-get install gettext"
    copy = tmp_path_factory.mktemp("catalogues") / "locale"
    shutil.copytree(LOCALE_DIR, copy)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPOSITORY)
        patch.setattr(settings, "LOCALE_PATHS", [copy])
        call_command("makemessages", **MAKEMESSAGES_OPTIONS)
    return copy


def _keys(path) -> set:
    return {entry.key for entry in read_po(path)}


def _show(keys) -> list[str]:
    return sorted(key[1] for key in keys)[:30]


def test_the_offered_languages_are_the_catalogues():
    assert TRANSLATED == ["fr", "nl", "es"]
    assert sorted(p.name for p in LOCALE_DIR.iterdir() if p.is_dir()) == sorted(TRANSLATED)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_catalogue_holds_every_message_of_the_code_and_no_other(language, fresh_catalogues):
    wanted = _keys(catalogue(language, fresh_catalogues))
    held = _keys(catalogue(language))
    assert len(wanted) > 1000  # the extraction found the code's messages
    assert _show(wanted - held) == [], f"{language}: run `make messages`; these are missing"
    assert _show(held - wanted) == [], f"{language}: run `make messages`; these are stale"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated(language):
    entries = read_po(catalogue(language))
    fuzzy = [e.msgid for e in entries if e.fuzzy]
    empty = [e.msgid for e in entries if not e.fuzzy and not e.translated]
    assert fuzzy == [], f"{language}: {len(fuzzy)} fuzzy translations, e.g. {fuzzy[:10]}"
    assert empty == [], f"{language}: {len(empty)} untranslated messages, e.g. {empty[:10]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_committed_mo_is_the_compiled_po(language, tmp_path):
    """`make run` reads the committed .mo; it must say what the .po says."""
    po = catalogue(language)
    compile_catalogue(po, tmp_path / "django.mo")  # also checks every placeholder
    with (tmp_path / "django.mo").open("rb") as fresh, po.with_suffix(".mo").open("rb") as held:
        assert gettext.GNUTranslations(held)._catalog == gettext.GNUTranslations(fresh)._catalog


def test_read_po_reads_plurals_contexts_continuations_and_flags(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
        '#, fuzzy, python-format\nmsgid "%(n)s thing"\nmsgid_plural "%(n)s things"\n'
        'msgstr[0] "%(n)s chose"\nmsgstr[1] ""\n\n'
        'msgctxt "menu"\nmsgid ""\n"Open "\n"\\"it\\""\nmsgstr "Ouvrir « ça »"\n\n'
        '#~ msgid "Gone"\n#~ msgstr "Parti"\n',
        encoding="utf-8",
    )
    plural, context = read_po(po)
    assert plural.key == (None, "%(n)s thing", "%(n)s things")
    assert plural.fuzzy and plural.msgstr == ["%(n)s chose", ""] and not plural.translated
    assert context.key == ("menu", 'Open "it"', None)
    assert context.translated and not context.fuzzy


def test_a_compendium_fills_only_untranslated_messages(tmp_path):
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    po, compendium = tmp_path / "django.po", tmp_path / "fr.po"
    po.write_text(
        header + 'msgid "Save"\nmsgstr ""\n\nmsgid "Open"\nmsgstr "Ouvrir"\n', encoding="utf-8"
    )
    compendium.write_text(
        header + 'msgid "Save"\nmsgstr "Enregistrer"\n\nmsgid "Open"\nmsgstr "Ouverte"\n',
        encoding="utf-8",
    )
    fill_from(po, compendium)
    assert {e.msgid: e.msgstr for e in read_po(po)} == {"Save": ["Enregistrer"], "Open": ["Ouvrir"]}
