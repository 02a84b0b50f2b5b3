"""Qt Linguist translations: update the .ts from gui/, build the .qm, install a translator.

    python -m gui.i18n update   # re-scan all of gui/ (existing translations are kept)
    python -m gui.i18n build    # firstdesk_en.ts -> firstdesk_en.qm (install step / CI)
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from core.infra.paths import resource_path

log = logging.getLogger(__name__)

TS_FILE = "firstdesk_en.ts"
GUI_DIR = Path(__file__).resolve().parent
_installed: list[QTranslator] = []  # translators must outlive install_translator()


def ts_path() -> Path:
    return resource_path("translations", TS_FILE)


def qm_path() -> Path:
    return ts_path().with_suffix(".qm")


def _tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease next to this Python, or on PATH."""
    exe = Path(sys.executable).parent / f"pyside6-{name}"
    for candidate in (exe, exe.with_suffix(".exe")):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if not found:
        raise FileNotFoundError(f"pyside6-{name} not found; install PySide6")
    return found


def update_sources() -> Path:
    """Re-scan every module in gui/ into the .ts; translations already there are kept."""
    sources = sorted(str(p) for p in GUI_DIR.rglob("*.py"))
    subprocess.run([_tool("lupdate"), *sources, "-source-language", "zh_CN",
                    "-target-language", "en", "-no-obsolete", "-locations", "relative",
                    "-ts", str(ts_path())], check=True)
    return ts_path()


def build_translations() -> Path:
    """Compile the .ts into the .qm next to it (the install step and CI run this). Written
    beside it and then moved into place: a window (or a test on the other core) loading the
    catalogue meanwhile reads the old file or the new one whole, never half of one."""
    qm = qm_path()
    part = qm.with_name(f"{qm.name}.{os.getpid()}.part")
    try:
        subprocess.run([_tool("lrelease"), str(ts_path()), "-qm", str(part)], check=True,
                       capture_output=True)
        os.replace(part, qm)
    finally:
        part.unlink(missing_ok=True)
    return qm


def _install_qt(app: QApplication, locale: QLocale) -> None:
    """Qt's own words (QFileDialog's "Look in:", standard buttons) in the same language as
    ours; a bundle without Qt's catalogue for the language keeps Qt's built-in English."""
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(locale, "qt", "_", qt_dir):
        app.installTranslator(qt)
        _installed.append(qt)
    else:
        log.info("Qt's own %s translation not found in %s", locale.name(), qt_dir)


def install_translator(app: QApplication, lang: str) -> bool:
    """Chinese needs no catalogue of ours (the sources are Chinese) but Qt's own dialogs do;
    English loads firstdesk_en.qm (built from the .ts on demand in a source checkout). Either
    way Qt's own catalogue for the language is loaded too. Called again, it switches."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if lang == "en":
        QLocale.setDefault(QLocale("en_US"))
        qm = qm_path()
        if not qm.exists() and ts_path().exists():
            try:
                build_translations()
            except (OSError, subprocess.CalledProcessError) as exc:
                log.warning("could not build %s: %s", qm.name, exc)
        ours = QTranslator(app)
        if not ours.load(str(qm)):
            log.warning("English translation missing (%s); staying in Chinese", qm)
            return False
        app.installTranslator(ours)
        _installed.append(ours)
        _install_qt(app, QLocale("en_US"))
        return True
    QLocale.setDefault(QLocale("zh_CN"))
    _install_qt(app, QLocale("zh_CN"))
    return True


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "build"
    if command == "update":
        print(update_sources())
    elif command == "build":
        print(build_translations())
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
