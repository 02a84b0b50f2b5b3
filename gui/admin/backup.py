"""文件 → 备份数据库… / 从备份恢复… / 自动备份设置…, and the hourly check that makes today's
automatic backup (SQLite's online backup, or pg_dump for PostgreSQL) and keeps the newest N."""

from __future__ import annotations

import logging
import shutil
import socket
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QSpinBox,
    QWidget,
)

from core.admin.staff_admin import AutoBackup, auto_backup_settings, save_auto_backup
from core.errors import DomainError
from core.infra.backup import (
    BackupError,
    authorize,
    backup,
    is_verified,
    prune,
    record_restored,
    restore,
)
from core.infra.storage import StorageError, is_postgres
from core.register import Register, open_register  # a restore reopens the register
from core.register import current as current_register
from gui.admin.page import FormDialog, Prompts, button, row_widget
from gui.errors import notify, show_error
from gui.forms.intake_widgets import HINT_STYLE, WARN_STYLE
from gui.ops import run_in_background, wait_idle
from gui.session import Session

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

CHECK_MS = 60 * 60 * 1000  # once an hour
FIRST_CHECK_MS = 2 * 60 * 1000  # and two minutes after signing in


def case_count(path: str | Path) -> int | None:
    """Cases in a SQLite register or backup, read-only; None when it cannot be read."""
    try:
        conn = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True)
        try:
            return int(conn.execute('SELECT COUNT(*) FROM "case"').fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def backups_in(folder: Path, ext: str) -> list[Path]:
    return sorted(folder.glob(f"firstdesk-*.{ext}")) if folder.is_dir() else []


def auto_backup_job(folder: Path, keep: int, ext: str,
                    progress: Any = None) -> tuple[Path, list[Path]]:
    """Backup thread: today's backup into `folder`, then verified ones beyond `keep` removed
    (only after the new one is verified: a failed backup never costs a good one)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = backup(folder, progress=progress, actor_id=None)
    return written, prune(folder, keep)


def restore_register(opened: Register, source: Path,
                     actor_id: int | None = None) -> tuple[Path, Register]:
    """Replace the open SQLite register: keep a copy of it, close it, restore, reopen. Returns
    the copy kept and the register reopened (the window's session takes it)."""
    if actor_id is not None:
        authorize(actor_id)
    target = Path(opened.target)
    wait_idle()  # no background work may hold the file
    stamp = opened.now().strftime("%Y%m%d-%H%M%S")
    kept = target.with_name(f"{target.stem}.before-restore-{stamp}.db")
    if opened.is_read_only():  # a damaged register (why one restores): its bytes as they are
        shutil.copyfile(target, kept)
    else:
        backup(kept, actor_id=None)
    wait_idle(lane="slow")
    opened.close()
    try:
        found = restore(source, target)
    finally:
        reopened = open_register(str(target), create=False)
    record_restored(actor_id, source, found)
    log.info("register %s restored from %s; previous data kept as %s", target, source, kept)
    return kept, reopened


class AutoBackupDialog(FormDialog):
    def __init__(self, session: Session, config: AutoBackup, parent: QWidget | None = None) -> None:
        super().__init__(session, self.tr("自动备份设置"), parent)
        self.enabled_box = self.add("", QCheckBox(self.tr("每天自动备份一次"), self), "enabled")
        self.enabled_box.setChecked(config.enabled)
        self.folder_edit = QLineEdit(config.folder, self)
        self.add(self.tr("备份文件夹"), row_widget(
            self, self.folder_edit, button(self.tr("浏览…"), self, self._browse), stretch=0), "folder")
        self.fields["folder"] = self.folder_edit
        self.keep_spin = self.add(self.tr("保留最近"), QSpinBox(self), "keep")
        self.keep_spin.setRange(1, 365)
        self.keep_spin.setSuffix(self.tr(" 份"))
        self.keep_spin.setValue(config.keep)
        self.keep_spin.setFixedWidth(100)
        notes = [self.tr("程序运行期间每小时检查一次：当天还没有备份就备份一次，并删除较早的备份。"),
                 self.tr("只在本机（{host}）运行；最好选另一块硬盘或移动硬盘上的文件夹。").format(
                     host=socket.gethostname())]
        if config.host and config.host != socket.gethostname():
            notes.append(self.tr("目前设置在电脑 {host} 上运行，保存后改为本机。").format(host=config.host))
        pg = is_postgres(self.session.register.target)
        if pg and shutil.which("pg_dump") is None:
            notes.append(self.tr("本机没有 pg_dump（PostgreSQL 客户端工具），无法备份共享数据库。"))
        info = QLabel("\n".join(notes), self)
        info.setWordWrap(True)
        info.setStyleSheet(WARN_STYLE if len(notes) > 2 else HINT_STYLE)
        self.grid.addWidget(info, self.grid.rowCount(), 1)

    def _browse(self) -> None:
        folder = Prompts.folder(self, self.tr("选择备份文件夹"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def submit(self) -> AutoBackup:
        return save_auto_backup(self.session.staff.id, self.enabled_box.isChecked(),
                                self.folder_edit.text(), self.keep_spin.value())


class _ProgressRelay(QObject):
    moved = Signal(str, object)  # emitted on the backup thread, shown on the GUI thread


class BackupController(QObject):
    """The backup actions of one main window and its hourly automatic-backup check. Backups
    run on a lane of their own (gui/ops.py), so the window's work goes on meanwhile; a bar
    in the status bar shows how far the copy is and when it is being checked."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.session: Session = window.session
        self.busy = False
        self.bar = QProgressBar(window)
        self.bar.setRange(0, 100)
        self.bar.setMaximumWidth(180)
        self.bar.setFormat(self.tr("备份 %p%"))
        self.bar.hide()
        window.statusBar().addPermanentWidget(self.bar)
        self.relay = _ProgressRelay(self)
        self.relay.moved.connect(self._show_progress)
        self.last_auto: Path | None = None
        self._failed_once = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check_auto)
        self.timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, self, self.check_auto)

    def _alive(self) -> bool:
        return shiboken6.isValid(self) and shiboken6.isValid(self.window)

    def _ext(self) -> str:
        return "sql" if is_postgres(self.session.register.target) else "db"

    # ---- by hand ---------------------------------------------------------------------------
    def backup_now(self) -> None:
        if self.busy:
            return
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        folder = auto_backup_settings().folder or docs or str(Path.home())
        name = f"firstdesk-{self.session.register.now().strftime('%Y%m%d-%H%M%S')}.{self._ext()}"
        filters = (self.tr("SQL 备份 (*.sql)") if self._ext() == "sql"
                   else self.tr("数据文件备份 (*.db)"))
        path = Prompts.save_path(self.window, self.tr("备份数据库"), str(Path(folder) / name), filters)
        if not path:
            return
        self.busy = True
        self.window.statusBar().showMessage(self.tr("正在备份…"))
        actor = self.session.staff.id
        emit = self.relay.moved.emit
        run_in_background(lambda: backup(path, actor_id=actor, progress=emit), self._backed_up,
                          self._failed, lane="slow")

    def _show_progress(self, phase: str, fraction: float | None) -> None:
        if not self._alive():
            return
        self.bar.show()
        if phase == "verify":
            self.bar.setRange(0, 0)  # quick_check of the copy: no steps to count
            self.bar.setFormat(self.tr("正在校验备份…"))
        else:
            self.bar.setRange(0, 100)
            self.bar.setFormat(self.tr("备份 %p%"))
            self.bar.setValue(int((fraction or 0) * 100))

    def _hide_progress(self) -> None:
        if self._alive():
            self.bar.hide()

    def _backed_up(self, path: Path) -> None:
        self.busy = False
        self._hide_progress()
        if not self._alive():
            return
        size = path.stat().st_size / 1024 / 1024 if path.exists() else 0
        text = self.tr("备份完成：{path}（{size:.1f} MB）").format(path=str(path), size=size)
        self.window.statusBar().showMessage(text, 15_000)
        notify(self.window, self.tr("备份数据库"), text)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self._hide_progress()
        if not self._alive():
            return
        self.window.statusBar().clearMessage()
        if isinstance(exc, BackupError | OSError):
            notify(self.window, self.tr("备份失败"), str(exc), "error")
        else:
            show_error(self.window, exc, self.session.lang)

    def restore_from(self, chosen: Path | None = None) -> bool:
        target = self.session.register.target
        if is_postgres(target):
            notify(self.window, self.tr("从备份恢复"), self.tr(
                "共享数据库（PostgreSQL）请由数据库管理员在服务器上恢复：\n"
                "psql -d 数据库名 -f 备份文件.sql\n恢复前请先关闭所有窗口的首问台。"), "warning")
            return False
        path = str(chosen) if chosen else Prompts.open_path(
            self.window, self.tr("选择备份文件"), self.tr("数据文件备份 (*.db);;所有文件 (*)"))
        if not path:
            return False
        source = Path(path)
        count = case_count(source)
        if count is None:
            notify(self.window, self.tr("从备份恢复"),
                   self.tr("不是有效的备份文件：{path}").format(path=path), "warning")
            return False
        current = case_count(target)
        stamp = datetime.fromtimestamp(source.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        text = self.tr(
            "将用备份文件\n    {source}\n    （{n} 件事项，{stamp} 保存）\n替换当前数据\n    {target}\n"
            "    （现有 {m} 件事项）。\n\n当前数据会先另存一份在同一文件夹。恢复后需要重新登录，"
            "其他电脑上的首问台也请重新打开。\n\n确定恢复吗？").format(
            source=str(source), n=count, stamp=stamp, target=target,
            m=current if current is not None else self.tr("无法读取"))
        if not Prompts.confirm(self.window, self.tr("从备份恢复"), text):
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            kept, _ = restore_register(self.session.register, source, self.session.staff.id)
        except (BackupError, OSError) as exc:
            notify(self.window, self.tr("恢复失败"), self.tr("{reason}\n当前数据没有改动。").format(
                reason=str(exc)), "error")
            return False
        except (DomainError, StorageError) as exc:
            show_error(self.window, exc, self.session.lang)
            return False
        finally:
            QApplication.restoreOverrideCursor()
            self.session.register = current_register()  # reopened, even if the restore failed
        self.window.notice.clear("damaged")
        notify(self.window, self.tr("从备份恢复"), self.tr(
            "已从备份恢复，现有 {n} 件事项。恢复前的数据已另存为：\n{kept}\n\n请重新登录。").format(
            n=count, kept=str(kept)))
        self.window.refresh_all()
        self.window.switch_user_requested.emit()
        return True

    def configure(self) -> None:
        saved = FormDialog.run(AutoBackupDialog(self.session, auto_backup_settings(), self.window))
        if saved is not None:
            self.window.statusBar().showMessage(
                self.tr("自动备份已开启：{folder}，保留 {n} 份").format(folder=saved.folder, n=saved.keep)
                if saved.enabled else self.tr("自动备份已关闭"), 10_000)
            self.check_auto()

    # ---- automatic -------------------------------------------------------------------------
    def check_auto(self) -> bool:
        """Start today's automatic backup when it is due here; True if one was started."""
        if self.busy or not self._alive():
            return False
        try:
            config = auto_backup_settings()
        except (DomainError, StorageError) as exc:
            log.warning("automatic backup settings unreadable: %s", exc)
            return False
        if not config.runs_here():
            return False
        folder, ext = Path(config.folder), self._ext()
        today = self.session.register.now().strftime("%Y%m%d")
        if any(p.name.startswith(f"firstdesk-{today}-") and is_verified(p)
               for p in backups_in(folder, ext)):
            return False
        self.busy = True
        emit = self.relay.moved.emit
        run_in_background(lambda: auto_backup_job(folder, config.keep, ext, emit),
                          self._auto_done, self._auto_failed, lane="slow")
        return True

    def _auto_done(self, result: tuple[Path, list[Path]]) -> None:
        self.busy = False
        self._hide_progress()
        self._failed_once = False
        self.last_auto, removed = result
        log.info("automatic backup %s written, %d old removed", self.last_auto, len(removed))
        if self._alive():
            self.window.statusBar().showMessage(
                self.tr("今日自动备份已完成：{path}").format(path=str(self.last_auto)), 10_000)

    def _auto_failed(self, exc: BaseException) -> None:
        self.busy = False
        self._hide_progress()
        log.warning("automatic backup failed: %s", exc)
        if not self._alive():
            return
        text = self.tr("自动备份失败：{reason}").format(reason=str(exc))
        self.window.statusBar().showMessage(text, 60_000)
        if not self._failed_once and self.session.can("backup"):
            self._failed_once = True  # once per failure streak, not every hour
            notify(self.window, self.tr("自动备份"), text, "warning")


def install_backup_menu(window: Any) -> None:
    """The automatic backup for every session; the menu actions for those allowed to back up."""
    controller = BackupController(window)
    window.backup_controller = controller
    if not window.session.can("backup"):
        return
    menu, before = window.file_menu, window.quit_action
    actions = []
    for text, slot in ((translate("BackupController", "备份数据库…"), controller.backup_now),
                       (translate("BackupController", "从备份恢复…"), controller.restore_from),
                       (translate("BackupController", "自动备份设置…"), controller.configure)):
        action = QAction(text, window)
        action.triggered.connect(lambda _checked=False, slot=slot: slot())
        menu.insertAction(before, action)
        actions.append(action)
    menu.insertSeparator(before)
    window.backup_actions = actions
