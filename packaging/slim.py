"""What the FirstDesk bundle leaves out: unused Qt modules, plugins and translations.

PyInstaller collects a Qt module's plugins by type (all platform plugins, all input
contexts, all image formats …). Some of those drag in large libraries the program never
uses: the virtual-keyboard input context pulls Qt Quick and QML, the Wayland platform
plugins pull Qt Wayland. A bare window went from 203 MB to 136 MB and
from 0.40 s to 0.17 s to start without them (docs/windows-build.md). Kept on purpose: QtCharts (the supervision view may chart),
QtPdf/QtPdfWidgets (receipt preview), QtPrintSupport (printing), the native platform plugin
(windows / xcb), offscreen (the self-test), and Qt's Chinese translations (standard buttons
and dialogs in Chinese).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

# Python modules never imported by the program (excluding them also drops their hooks' files).
QT_UNUSED = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtAxContainer", "QtBluetooth", "QtDataVisualization", "QtDesigner", "QtGraphs",
    "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLocation", "QtMultimedia",
    "QtMultimediaWidgets", "QtNetworkAuth", "QtNfc", "QtPositioning", "QtQml", "QtQuick",
    "QtQuick3D", "QtQuickControls2", "QtQuickTest", "QtQuickWidgets", "QtRemoteObjects",
    "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort", "QtSpatialAudio", "QtSql",
    "QtStateMachine", "QtTest", "QtTextToSpeech", "QtUiTools", "QtVirtualKeyboard",
    "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets",
    "QtWebSockets", "QtWebView",
)
EXCLUDED_MODULES = [f"PySide6.{m}" for m in QT_UNUSED] + [
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib", "lib2to3", "pydoc_data",
    "PyQt5", "PyQt6", "PySide2",  # never mix Qt bindings
    "pytest", "_pytest", "pytestqt", "hypothesis", "IPython", "matplotlib", "numpy",
    "psycopg2cffi", "psycopg",  # peewee tries these before psycopg2
    "setuptools", "pkg_resources", "pip",
    "PIL._avif", "PIL.AvifImagePlugin",  # libavif and its codecs: ~6 MB for a format unused here
]

# Bundle paths (forward slashes) dropped from a.binaries / a.datas.
_DROP = [
    # Qt Quick / QML / virtual keyboard, pulled in by the virtual-keyboard input context.
    r"/qml/", r"platforminputcontexts/[^/]*virtualkeyboard",
    r"/(lib)?Qt6?(Quick|Qml|VirtualKeyboard|QuickControls2|QuickTemplates2|QmlModels|"
    r"QmlMeta|QmlWorkerScript|QuickLayouts|QuickShapes|QuickEffects)[^/]*$",
    # Wayland: the clerks' PCs run Windows; Linux builds use xcb (X11) and offscreen.
    r"platforms/[^/]*wayland", r"/wayland-[^/]+/", r"/(lib)?Qt6?Wayland[^/]*$",
    r"platforms/[^/]*(eglfs|linuxfb|minimal|vnc|vkkhrdisplay)[^/]*$", r"/egldeviceintegrations/",
    r"/xcbglintegrations/[^/]*egl",
    # Image formats nobody sends to a service desk.
    r"imageformats/[^/]*(tiff|webp|icns|tga|wbmp|pdf)[^/]*$",
    # Other plugin types the widgets program does not load.
    r"/(sqldrivers|qmltooling|networkinformation|tls|position|geoservices|sensors|"
    r"texttospeech|multimedia|canbus|webview|designer|scenegraph|renderers|"
    r"generic)/",
]
# Qt's own translations: keep Simplified Chinese only (English needs none); qt_zh_CN.qm is a
# catalogue that loads qtbase_zh_CN and qtmultimedia_zh_CN, so those three stay together.
_KEEP_TRANSLATIONS = re.compile(r"/translations/(qt|qtbase|qtmultimedia)_zh_CN\.qm$")
_QT_TRANSLATION = re.compile(r"(^|/)Qt6?/translations/[^/]+\.qm$|/PySide6/translations/")
_DROP_RE = re.compile("|".join(_DROP), re.IGNORECASE)


def keep_qt_translation(name: str) -> bool:
    return bool(_KEEP_TRANSLATIONS.search("/translations/" + name))


def dropped(dest: str) -> bool:
    """True for a bundle path (e.g. 'PySide6/Qt/plugins/platforms/libqwayland.so') to leave out."""
    path = "/" + dest.replace("\\", "/")
    if _QT_TRANSLATION.search(path):
        return not _KEEP_TRANSLATIONS.search(path)
    return bool(_DROP_RE.search(path))


def filter_toc(toc: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return [entry for entry in toc if not dropped(entry[0])]


_QT_LIB = re.compile(r"^(lib)?Qt6[A-Za-z0-9]+(\.so\.6|\.dll|\.dylib)$", re.IGNORECASE)


def prune_orphan_qt_libs(toc: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Drop Qt libraries that no remaining binary links against.

    PyInstaller resolves dependencies before `filter_toc` runs, so the libraries that only
    the dropped plugins needed (Qt6WaylandClient, Qt6EglFSDeviceIntegration …) are still
    listed. Only Qt6* libraries are candidates: plugins are loaded by Qt at run time and
    never linked, so they are never pruned here; repeat until nothing changes.
    """
    from PyInstaller.depend import bindepend

    entries = list(toc)
    while True:
        needed: set[str] = set()
        for _dest, src, kind in entries:
            if kind in ("BINARY", "EXTENSION") and src and os.path.isfile(src):
                needed.update(Path(name).name.lower() for name, _ in bindepend.get_imports(src))
        orphans = {dest for dest, _src, kind in entries if kind == "BINARY"
                   and _QT_LIB.match(Path(dest).name) and Path(dest).name.lower() not in needed}
        if not orphans:
            return entries
        entries = [e for e in entries if e[0] not in orphans]
