"""The floor for bench/startup.py: an empty PySide6 main window, packaged like FirstDesk.

Prints ``window-shown <seconds>`` once the window is on screen (seconds since this script
began, which excludes the bootloader), then quits — unless --stay is given.
"""

from __future__ import annotations

import sys
import time

T0 = time.perf_counter()

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow  # noqa: E402


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare window")
    window.setCentralWidget(QLabel("bare PySide6 window"))
    window.resize(1024, 700)
    window.show()

    def shown() -> None:
        print(f"window-shown {time.perf_counter() - T0:.3f}", flush=True)
        if "--stay" not in sys.argv:
            app.quit()

    QTimer.singleShot(0, shown)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
