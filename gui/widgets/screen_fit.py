"""A window's first size: what it would like, or the screen's working area when that is
smaller. A 1024×768 counter PC has about 728 pixels above its taskbar: the print preview
asked for 860 and put its 打印 and 关闭 buttons below the screen's edge, the main window's
first start asked for 1360×860."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

MARGIN = 24  # room for the window's frame and title bar inside the working area


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize `window` to `width` × `height`, no larger than its screen's working area
    (less the frame); the user's own later sizes are the caller's to restore."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        width = min(width, area.width() - MARGIN)
        height = min(height, area.height() - 2 * MARGIN)
    window.resize(width, height)
