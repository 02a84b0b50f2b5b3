"""帮助: a short built-in 使用说明 for clerks (F1) and the 快捷键 page, read from the window's
own actions so it can never list a key that does not work (or miss one that does)."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.errors import Term
from gui.desk.shortcuts import page_keys
from gui.widgets.screen_fit import fit_to_screen

log = logging.getLogger(__name__)

GUIDE = {
    "zh": """
<h3>首问台 · 窗口工作人员使用说明</h3>
<p><b>首问负责</b>：来访、来电、来函，第一个被问到的人就是首问责任人，负责到办事人得到明确答复为止。</p>
<h4>登记一位办事人（F2）</h4>
<ol>
<li>选类型，输入电话（老办事人会自动带出姓名和既往事项），姓名、单位。</li>
<li>在“办事事项”里输入名称或编码，按 <b>Enter</b> 选定；材料清单随之列出，收到一项按 <b>空格</b> 勾选。</li>
<li>选处理方式：当场答复、本人办理、本部门他人、转其他部门、请示领导、告知去向或暂存稍后移交。
    所选事项属于其他部门时，表上会说明处理方式为何改变。</li>
<li><b>Ctrl+Enter</b> 保存，<b>Ctrl+P</b> 保存并打印回执。保存后“✓ 已登记”一行保留：点编号打开事项，
    “重打回执”再打一份。材料未收齐时会提示打印<b>一次性告知单</b>。</li>
</ol>
<p>每个输入框右侧显示已输入字数和上限，超出的内容不会被悄悄截掉。有错时所有问题同时标在各自的输入框下面。</p>
<h4>来电（F3）</h4><p>号码、来电人、事项和处理结果；当场答复的写明答复内容。</p>
<h4>我的待办（Ctrl+1）</h4>
<p>按分类列出等您处理的事项：待我签收、退回给我、待答复办事人……选中事项，下方显示详情和可办理的操作。
常用操作有快捷键：签收 F6、退回 F7、办结 F8、打印回执 F9（完整列表见“帮助 → 快捷键”）。</p>
<h4>扫码</h4><p>在任何页面用扫码枪扫描回执上的条码，即打开该事项；正在填写的登记表不会丢失，按 F2 返回。</p>
<h4>到期</h4><p>时限按工作日计算（节假日、调休已计入）。“剩 2 个工作日”“今日 17:30 到期”“超期 1 个工作日 3 小时”
在所有页面说法一致；待补正期间暂停计时。</p>
<h4>离开座位</h4><p>“文件 → 切换用户”会先锁住屏幕，下一位登录前看不到任何办事人信息；15 分钟无操作也会自动锁屏。</p>
""",
    "en": """
<h3>FirstDesk · a short guide for window clerks</h3>
<p><b>First inquiry</b>: whoever is asked first owns the matter until the visitor has a definite
answer.</p>
<h4>Registering a visitor (F2)</h4>
<ol>
<li>Choose the kind, type the phone number (a known visitor's name and earlier cases come up),
    the name and the organisation.</li>
<li>Type part of a service item's name or code and press <b>Enter</b>; its materials are listed:
    <b>Space</b> ticks one as received.</li>
<li>Choose what happens: answered now, handled by you, someone in your department, another
    department, a leader, referred out, or handed over later. When the item belongs to another
    department the form says why the choice changed.</li>
<li><b>Ctrl+Enter</b> saves, <b>Ctrl+P</b> saves and prints the receipt. The "✓ Registered" line stays:
    the number opens the case, "Reprint receipt" prints it again. With materials missing the
    <b>one-time notice</b> is offered.</li>
</ol>
<p>Every field shows how much is typed and its limit; nothing is ever cut off silently. All
problems are shown at once, each under its field.</p>
<h4>Calls (F3)</h4><p>Number, caller, matter and what was done; an answer given on the phone is written down.</p>
<h4>My inbox (Ctrl+1)</h4>
<p>What waits for you, by section: to accept, returned to you, result to tell … Select a case to
see its details and the steps you may take. Frequent steps have keys: accept F6, return F7,
resolve F8, print the receipt F9 (all keys: Help → Keyboard shortcuts).</p>
<h4>Scanning</h4><p>Scan the barcode on a receipt slip on any screen to open that case; a form
being filled in keeps everything (F2 goes back to it).</p>
<h4>Due times</h4><p>Counted in working days (public holidays and make-up days included).
"2 working days left", "Due today 17:30", "Overdue 1 working day 3 hours" read the same on every
screen; the clock stops while materials are awaited.</p>
<h4>Leaving the desk</h4><p>File → Switch user locks the screen first, so the next person sees no
visitor's data before signing in; 15 idle minutes lock it too.</p>
""",
}


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def shortcut_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    """(keys, what) for every action with a shortcut, then the keys pages handle themselves."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for action in actions:
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if not keys or keys in seen:
            continue
        seen.add(keys)
        rows.append((keys, _plain(action.text()).split("\t")[0]))
    return rows + page_keys()


class HelpDialog(QDialog):
    """Two tabs: 使用说明 and 快捷键. Non-modal: it can stay open beside the window."""

    def __init__(self, lang: str, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("帮助"))
        fit_to_screen(self, 720, 620)
        self.guide = QTextBrowser(self)
        self.guide.setOpenExternalLinks(False)
        self.guide.setHtml(Term(GUIDE["zh"], GUIDE["en"]).text(lang))
        rows = shortcut_rows(actions)
        self.keys = QTableWidget(len(rows), 2, self)
        self.keys.setHorizontalHeaderLabels([self.tr("按键"), self.tr("作用")])
        self.keys.verticalHeader().setVisible(False)
        self.keys.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.keys.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.keys.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for r, (keys, what) in enumerate(rows):
            for c, text in enumerate((keys, what)):
                item = QTableWidgetItem(text)
                item.setToolTip(html.escape(text))
                self.keys.setItem(r, c, item)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.guide, self.tr("使用说明"))
        self.tabs.addTab(self.keys, self.tr("快捷键"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        self.show()
        self.raise_()
        self.activateWindow()
