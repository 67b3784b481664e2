"""Every text the app can show has its English words. The source texts (msgids) are German, so a
German reader never sees a fallback; this test stands in for the English reader, for whom a
forgotten or fuzzy translation would silently show German."""

import shutil
import subprocess
import sys

from django.conf import settings

from tests.harness import ROOT

NOT_SOURCE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "node_modules",
    "staticfiles",
    "test-artifacts",
    ".hypothesis",
    "__pycache__",
    "*.mo",
    "*.sqlite3",
)


def untranslated(tmp_path, language):
    """The catalog as makemessages would make it from today's source: (missing, fuzzy) msgids."""
    copy = tmp_path / "source"
    shutil.copytree(ROOT, copy, ignore=NOT_SOURCE)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", language, "--no-obsolete", "-v", "0"],
        cwd=copy,
        check=True,
        env={"DEBUG": "true", "PATH": "/usr/bin:/bin"},
    )
    catalog = copy / "locale" / language / "LC_MESSAGES" / "django.po"

    def only(flag):
        listed = subprocess.run(
            ["msgattrib", flag, "--no-wrap", str(catalog)], capture_output=True, text=True
        )
        ids = [line for line in listed.stdout.splitlines() if line.startswith("msgid ")]
        return [line for line in ids if line != 'msgid ""']

    return only("--untranslated"), only("--only-fuzzy")


def test_it_has_an_english_translation_for_every_text_of_the_source(tmp_path):
    for language, _ in settings.LANGUAGES:
        if language == settings.LANGUAGE_CODE:
            continue
        missing, fuzzy = untranslated(tmp_path / language, language)
        assert not missing, f"{language}: no translation for {missing}"
        assert not fuzzy, f"{language}: fuzzy, so not used: {fuzzy}"
