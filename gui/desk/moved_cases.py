"""After a calendar change: the open cases whose due time moved, old and new, with whom to tell —
the clerks inform the visitors (the move is also in each case's history)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from core.calendar.calendar_change import MovedCase
from gui.admin.page import make_table
from gui.widgets.tables import Col, RowsModel

STAMP = "%Y-%m-%d %H:%M"


def _when(at: datetime | None) -> str:
    return f"{at:{STAMP}}" if at else "—"


def moved_text(moved: tuple[MovedCase, ...]) -> str:
    """Tab-separated lines (number, old, new, first owner, handler, subject) for the clipboard."""
    return "\n".join(f"{m.number}\t{_when(m.old_due)}\t{m.new_due:{STAMP}}\t{m.first_owner}\t"
                     f"{m.handler}\t{m.subject}" for m in moved)


class MovedCasesDialog(QDialog):
    def __init__(self, moved: tuple[MovedCase, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.moved = moved
        self.setWindowTitle(self.tr("到期时间已调整的事项"))
        self.setMinimumSize(760, 360)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(
            "工作日历的调整改变了以下 {n} 件在办事项的到期时间（已记入各事项的办理记录）。"
            "请首问责任人或承办人告知办事人新的到期时间。").format(n=len(moved)), self,
            wordWrap=True))
        model = RowsModel([
            Col(self.tr("事项编号"), lambda m: m.number),
            Col(self.tr("原到期时间"), lambda m: _when(m.old_due)),
            Col(self.tr("新到期时间"), lambda m: f"{m.new_due:{STAMP}}"),
            Col(self.tr("首问责任人"), lambda m: m.first_owner),
            Col(self.tr("承办人"), lambda m: m.handler or "—"),
            Col(self.tr("事项"), lambda m: (self.tr("（匿名）") if m.anonymous else "") + m.subject),
        ], self)
        model.set_rows(moved)
        self.table = make_table(model, self, 5)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton(self.tr("复制列表"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(moved_text(moved)))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @classmethod
    def show_moved(cls, parent: QWidget, moved: tuple[MovedCase, ...]) -> None:
        """Modal: the administrator reads (or copies) the list before going on."""
        if moved:
            cls(moved, parent).exec()
