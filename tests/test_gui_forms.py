"""The intake form, phone log and detail pane driven as a clerk and a handler would (offscreen)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from core import register
from core.admin.staff import get_staff_info
from core.cases import workflow as wf
from core.cases.availability import available_actions
from core.cases.detail import case_detail
from core.cases.due import span_words
from core.cases.intake import preview_due
from core.cases.queries import CaseFilter, count_cases, visitor_history
from core.dto import Scope
from gui.desk import action_dialogs
from gui.desk.detail_pane import DetailPane
from gui.desk.detail_widgets import duration_text, time_left_text
from gui.forms.intake import IntakePage
from gui.forms.phone_log import PhoneLogPage
from gui.ops import wait_idle
from gui.session import Session
from tests.helpers import make_item, walk_in

# The offscreen platform cannot raise or grab for the completion popup; Qt says so as a warning.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")

ALL = CaseFilter(scope="all")


# ---- helpers ------------------------------------------------------------------------------

def session_for(staff_id: int) -> Session:
    return Session(staff=get_staff_info(staff_id), org_name="测试")


def open_page(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    return widget


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def type_ascii(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def type_chinese(text: str) -> None:
    """What an input method does when the clerk confirms 张三 (keyClicks cannot send Chinese)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(focused(), event)


def choose_item_by_keyboard(qtbot, page: IntakePage, code: str) -> None:
    assert focused() is page.item_edit
    type_ascii(qtbot, code)
    popup = page.item_edit.completer_.popup()
    assert popup.isVisible()
    QApplication.processEvents()  # the popup's activation delivered, as on screen
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window())


def click(qtbot, pane: DetailPane, action: str) -> None:
    button = pane.action_buttons[action]
    assert button.isVisible()
    with qtbot.waitSignal(pane.case_changed, timeout=5000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# ---- the journey ----------------------------------------------------------------------------

def test_walk_in_by_keyboard_transfer_accept_resolve_notify(qtbot, sqlite_org, clock, shown,
                                                            monkeypatch):
    org = sqlite_org
    make_item(org.market)
    page = open_page(qtbot, IntakePage(session_for(org.clerk)))
    page.focus_first()  # what F2 does
    assert focused() is page.kind_box
    press(qtbot, Qt.Key.Key_Down)  # 咨询 → 办理
    assert page.kind_box.currentData() == "application"
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.phone_edit
    type_ascii(qtbot, "138 0013 8000")
    press(qtbot, Qt.Key.Key_Tab)
    assert page.phone_edit.text() == "13800138000"  # normalized when leaving the field
    assert focused() is page.name_edit
    type_chinese("张三")
    press(qtbot, Qt.Key.Key_Tab)
    type_chinese("杭州某某科技有限公司")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.anonymous_box
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.item_edit
    choose_item_by_keyboard(qtbot, page, "SC-T01")
    assert page.materials.rowCount() == 2
    assert "3 个工作日" in page.due_label.text()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.subject_edit and page.subject_edit.text() == "企业名称变更登记"
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.description_edit
    type_chinese("法定代表人变更")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.materials
    press(qtbot, Qt.Key.Key_Space)  # the application form is here
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Space)  # and the ID copy
    for _ in range(4):  # 全部收齐, 添加材料, 删除材料, then the scope options
        press(qtbot, Qt.Key.Key_Tab)
    # The item belongs to another department, so the form suggested a transfer there.
    assert focused() is page.scope_picker.radios["transfer"]
    press(qtbot, Qt.Key.Key_Left)  # arrows move between the options …
    assert page.scope_picker.kind() == "assign"
    press(qtbot, Qt.Key.Key_Right)  # … and back
    assert page.scope_picker.kind() == "transfer"
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.scope_picker.transfer_picker.department_box
    assert page.scope_picker.transfer_picker.department_id() == org.market
    press(qtbot, Qt.Key.Key_Tab)  # staff: leave it to the department
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.note_edit
    type_chinese("需现场核验")
    with qtbot.waitSignal(page.case_registered, timeout=5000) as registered:
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    case_id = registered.args[0]

    [row] = visitor_history("13800138000")
    assert row.id == case_id and row.status == "transferred" and row.visitor_name == "张三"
    d = case_detail(case_id)
    assert d.kind == "application" and d.pending_department_id == org.market
    assert [(m.name, m.received) for m in d.materials] == [
        ("《变更登记申请书》", True), ("法定代表人身份证复印件", True)]
    assert d.timeline[0].note == "需现场核验"
    assert row.number in page.confirmation.text()
    assert page.phone_edit.text() == "" and page.materials.rowCount() == 0  # ready for the next
    assert page.channel_box.currentData() == "visit"

    # The handler in the receiving department signs in and sees the case waiting for them.
    clock.advance(minutes=47)
    pane = open_page(qtbot, DetailPane(session_for(org.handler)))
    pane.show_case(case_id)
    assert pane.status_chip.text() == "待签收"
    assert "剩" in pane.due_chip.text()
    assert "张三 138****8000" in pane.fields["visitor"].text()
    assert "（v1）" in pane.fields["item"].text()
    assert {"accept", "return"} <= set(pane.action_buttons)
    assert "resolve" not in pane.action_buttons
    assert "尚未签收" in [r[4] for r in pane.timeline.rows()]

    click(qtbot, pane, "accept")
    assert pane.status_chip.text() == "办理中"
    assert {"resolve", "request_materials", "transfer"} <= set(pane.action_buttons)
    assert "accept" not in pane.action_buttons

    monkeypatch.setattr(action_dialogs.ResolveDialog, "ask",
                        classmethod(lambda cls, parent, initial="": "已完成变更登记"))
    click(qtbot, pane, "resolve")
    assert pane.status_chip.text() == "已办结待答复"
    assert pane.fields["result"].text() == "已完成变更登记"

    monkeypatch.setattr(action_dialogs.NotifyDialog, "ask",
                        classmethod(lambda cls, parent, lang="zh": ("phone", "电话告知结果")))
    click(qtbot, pane, "notify")
    assert pane.status_chip.text() == "已答复"
    assert "close" in pane.action_buttons

    rows = pane.timeline.rows()
    actions = [r[2] for r in rows]
    assert actions == ["登记", "转办", "签收", "办结", "答复结果"]
    transfer = rows[1]
    assert transfer[1] == "王五" and transfer[3] == "王五 → 市场监管窗口"
    assert transfer[4] == "签收于 10:17（47 分钟）"
    assert rows[2][1] == "李四"
    assert "方式：电话" in rows[4][5]
    assert shown == []


# ---- refusals at the field -------------------------------------------------------------------

def test_invalid_phone_is_refused_at_the_field_and_nothing_saved(qtbot, sqlite_org, clock, shown):
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    before = count_cases(ALL)
    page.name_edit.setText("张三")
    page.subject_edit.setText("咨询营业执照办理")
    page.phone_edit.setFocus()
    type_ascii(qtbot, "12345x")
    press(qtbot, Qt.Key.Key_Tab)  # leaving the field checks it at once
    message = page.messages["visitor_phone"]
    assert message.isVisible() and "电话号码格式不正确" in message.text()
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert wait_idle()
    QApplication.processEvents()
    assert message.isVisible() and "电话号码格式不正确：12345x" in message.text()
    assert focused() is page.phone_edit
    assert message.geometry().top() > page.phone_edit.geometry().bottom() - 1  # under the box
    assert count_cases(ALL) == before
    assert page.confirmation.text() == "" and shown == []


def test_missing_name_and_missing_department_are_shown_beside_their_fields(qtbot, sqlite_org,
                                                                           clock):
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    page.subject_edit.setText("咨询")
    assert page.save() is False
    assert page.messages["visitor_name"].text() == "请填写姓名。"
    assert focused() is page.name_edit
    page.name_edit.setText("张三")
    page.scope_picker.radios["transfer"].click()
    assert page.save() is False
    assert not page.messages["visitor_name"].text()
    assert page.scope_picker.message.text() == "请选择承办部门。"
    assert focused() is page.scope_picker.transfer_picker.department_box
    assert count_cases(ALL) == 0


def test_answered_on_the_spot_needs_its_answer(qtbot, sqlite_org, clock):
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    page.name_edit.setText("张三")
    page.subject_edit.setText("咨询办事时间")
    page.scope_picker.radios["answered"].click()
    assert page.save() is False
    assert page.scope_picker.message.text() == "请填写答复内容。"
    assert focused() is page.scope_picker.result_edit
    page.scope_picker.result_edit.setText("工作日 9:00–17:30")
    with qtbot.waitSignal(page.case_registered, timeout=5000) as registered:
        assert page.save() is True
    assert case_detail(registered.args[0]).status == "closed"


# ---- help while typing -----------------------------------------------------------------------

def test_repeat_visitor_by_phone_shows_earlier_cases_and_fills_identity(qtbot, sqlite_org, clock):
    first = walk_in(sqlite_org.clerk, subject="营业执照变更")
    clock.advance(days=1)
    second = walk_in(sqlite_org.clerk, subject="税务登记咨询")
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk2)))
    assert not page.history.isVisible()
    page.phone_edit.setFocus()
    type_ascii(qtbot, "13800138000")
    press(qtbot, Qt.Key.Key_Tab)
    assert page.history.isVisible()
    assert page.history.case_numbers() == [second.number, first.number]
    assert page.history.topLevelItem(0).text(2) == "税务登记咨询"
    assert page.history.topLevelItem(0).text(3) == "办理中"
    assert "2 件" in page.history_title.text()
    assert page.name_edit.text() == "张三"
    assert page.unit_edit.text() == "杭州某某科技有限公司"
    with qtbot.waitSignal(page.open_case_requested) as opened:
        page.history.itemActivated.emit(page.history.topLevelItem(1), 0)
    assert opened.args == [first.id]


def test_item_completion_fills_materials_due_time_and_suggests_transfer(qtbot, sqlite_org, clock):
    item = make_item(sqlite_org.market)
    make_item(sqlite_org.tax, code="TX-001", name="税务登记")
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    default_due = page.due_label.text()
    assert "1 个工作日" in default_due  # an inquiry without an item
    page.item_edit.setFocus()
    choose_item_by_keyboard(qtbot, page, "SC-T")
    assert page.item_edit.text() == "企业名称变更登记"
    mats = page.materials.materials()
    assert [(m.name, m.original, m.copies, m.received) for m in mats] == [
        ("《变更登记申请书》", True, 1, False), ("法定代表人身份证复印件", False, 1, False)]
    due = preview_due("inquiry", item.id)
    assert page.due_label.text() == f"承诺办结：{due:%Y-%m-%d %H:%M}（3 个工作日）"
    official = register.calendar().has_official_data(due.year)
    assert page.calendar_warning.isVisible() is (not official)
    assert "市场监管窗口" in page.item_info.text() and "v1" in page.item_info.text()
    assert page.scope_picker.kind() == "transfer"
    assert page.scope_picker.transfer_picker.department_id() == sqlite_org.market
    # An extra material the item does not list, typed into a new row.
    page.add_material_button.click()
    type_ascii(qtbot, "Power of attorney")
    press(qtbot, Qt.Key.Key_Return)  # the delegate commits on the next event-loop turn
    qtbot.waitUntil(lambda: page.materials.materials()[-1].name == "Power of attorney")
    assert page.materials.materials()[-1].received
    # Typing again forgets the chosen item; the due time falls back to the kind's limit.
    page.item_edit.setFocus()
    type_ascii(qtbot, "x")
    assert page.item_edit.item_id() is None
    assert page.due_label.text() == default_due


def test_due_time_warns_when_the_year_has_no_official_calendar(qtbot, sqlite_org, clock):
    from datetime import datetime

    make_item(sqlite_org.market)
    clock.set(datetime(2026, 12, 30, 10, 0))  # three working days later is in 2027
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    page.item_edit.setFocus()
    choose_item_by_keyboard(qtbot, page, "SC-T01")
    assert page.due_label.text().startswith("承诺办结：2027-")
    assert page.calendar_warning.isVisible()
    assert "2027 年的法定节假日安排尚未录入" in page.calendar_warning.text()


def test_saving_from_inside_a_material_cell_keeps_what_was_typed(qtbot, sqlite_org, clock):
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    page.name_edit.setText("张三")
    page.subject_edit.setText("补交材料")
    page.description_edit.setFocus()
    type_chinese("上次缺的材料带来了")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.materials
    page.add_material_button.click()  # the new row's name cell opens for typing
    type_ascii(qtbot, "Board resolution")
    with qtbot.waitSignal(page.case_registered, timeout=5000) as registered:
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    d = case_detail(registered.args[0])
    assert [(m.name, m.received) for m in d.materials] == [("Board resolution", True)]
    assert d.description == "上次缺的材料带来了"


def test_dialogs_refuse_to_close_without_what_core_needs(qtbot):
    from datetime import datetime

    ret = action_dialogs.ReturnDialog(None)
    qtbot.addWidget(ret)
    ret.buttons.accepted.emit()
    assert ret.result() == 0 and ret.message.text() == "请填写内容。"
    ret.edit.setPlainText("不属于本部门职责")
    ret.buttons.accepted.emit()
    assert ret.result() == 1
    mats = action_dialogs.MaterialsRequestDialog(None, ["申请书", "身份证复印件"], {"身份证复印件"})
    qtbot.addWidget(mats)
    mats.other.setText("授权委托书，股东会决议")
    assert mats.missing() == ["身份证复印件", "授权委托书", "股东会决议"]
    ext = action_dialogs.ExtensionDialog(None, datetime(2026, 12, 1, 17, 30))
    qtbot.addWidget(ext)
    ext.reason.setPlainText("需现场勘验")
    ext.when.setDateTime(datetime(2026, 11, 30, 9, 0))
    assert ext.problem() == "延期后的时间必须晚于原到期时间。"
    ext.when.setDateTime(datetime(2026, 12, 4, 17, 30))
    assert ext.problem() == "" and ext.new_due() == datetime(2026, 12, 4, 17, 30)
    ev = action_dialogs.EvaluateDialog(None)
    qtbot.addWidget(ev)
    assert ev.chosen() == 5
    ev.group.button(3).setChecked(True)
    assert ev.chosen() == 2


def test_anonymous_clears_and_disables_identity(qtbot, sqlite_org, clock):
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    page.name_edit.setText("张三")
    page.phone_edit.setText("13800138000")
    page.anonymous_box.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert page.anonymous_box.isChecked()
    assert page.name_edit.text() == "" and not page.name_edit.isEnabled()
    assert not page.phone_edit.isEnabled() and not page.unit_edit.isEnabled()
    page.kind_box.setCurrentIndex(page.kind_box.findData("complaint"))
    page.subject_edit.setText("窗口态度冷漠")
    with qtbot.waitSignal(page.case_registered, timeout=5000) as registered:
        page.save()
    d = case_detail(registered.args[0])
    assert d.anonymous and d.visitor_name == "" and d.status == "in_progress"


def test_ctrl_p_saves_and_asks_for_the_receipt(qtbot, sqlite_org, clock):
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    page.name_edit.setText("张三")
    page.subject_edit.setText("咨询")
    page.note_edit.setFocus()
    with qtbot.waitSignal(page.print_requested, timeout=5000) as printed:
        press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    case_id, kind = printed.args
    assert kind == "receipt" and case_detail(case_id).first_owner == "王五"


# ---- the detail pane ---------------------------------------------------------------------------

def test_stale_case_refused_by_core_shows_its_message_and_reloads(qtbot, sqlite_org, clock, shown):
    org = sqlite_org
    ref = walk_in(org.clerk, Scope("transfer", department_id=org.market))
    pane = open_page(qtbot, DetailPane(session_for(org.handler)))
    pane.show_case(ref.id)
    shown_version = pane.detail.version
    wf.urge(org.clerk, ref.id, "请尽快签收")  # someone else acts first
    click(qtbot, pane, "accept")
    assert shown == [("无法完成", "该事项刚被其他人修改，请刷新后重试。", "warning")]
    assert pane.detail.version == shown_version + 1  # reloaded
    assert pane.status_chip.text() == "待签收"
    assert [r[2] for r in pane.timeline.rows()][-1] == "催办"
    click(qtbot, pane, "accept")  # now it works
    assert pane.status_chip.text() == "办理中"


def test_actions_follow_state_role_and_relation(qtbot, sqlite_org, clock, shown, monkeypatch):
    org = sqlite_org
    ref = walk_in(org.clerk, Scope("transfer", department_id=org.market), anonymous=True)
    d = case_detail(ref.id)
    assert "accept" not in available_actions(d, get_staff_info(org.clerk))
    assert "urge" in available_actions(d, get_staff_info(org.clerk))
    assert "accept" not in available_actions(d, get_staff_info(org.tax_handler))
    assert available_actions(d, get_staff_info(org.auditor)) == []
    pane = open_page(qtbot, DetailPane(session_for(org.handler2)))
    pane.show_case(ref.id)
    assert pane.fields["visitor"].text() == "匿名"
    monkeypatch.setattr(action_dialogs.ReturnDialog, "ask",
                        classmethod(lambda cls, parent, initial="": "非本部门职责，应由税务窗口办理"))
    click(qtbot, pane, "return")
    assert pane.status_chip.text() == "已退回"
    assert set(pane.action_buttons) == {"record_visit"}  # back with the first owner
    assert pane.timeline.rows()[1][4].startswith("被退回")
    wf.take(org.clerk, ref.id)
    wf.resolve(org.clerk, ref.id, "已处理")
    clerk_pane = open_page(qtbot, DetailPane(session_for(org.clerk)))
    clerk_pane.show_case(ref.id)
    assert "notify" not in clerk_pane.action_buttons  # anonymous: no 答复
    assert "close" in clerk_pane.action_buttons
    assert shown == []


def test_awaiting_materials_prefills_the_missing_ones_and_pauses(qtbot, sqlite_org, clock,
                                                                monkeypatch):
    from core.dto import MaterialInput

    org = sqlite_org
    item = make_item(org.market)
    ref = walk_in(org.handler, Scope("own"), item_id=item.id, materials=(
        MaterialInput("《变更登记申请书》", True, 1, 2, received=True),
        MaterialInput("法定代表人身份证复印件", False, 1, 1, received=False)))
    pane = open_page(qtbot, DetailPane(session_for(org.handler)))
    pane.show_case(ref.id)
    assert "缺" in pane.fields["materials"].text() and "✓" in pane.fields["materials"].text()
    asked: list[tuple[list[str], set[str]]] = []

    def fake_ask(cls, parent, candidates, ticked):
        asked.append((candidates, ticked))
        return ["法定代表人身份证复印件"], "请补交身份证复印件"

    monkeypatch.setattr(action_dialogs.MaterialsRequestDialog, "ask", classmethod(fake_ask))
    click(qtbot, pane, "request_materials")
    assert asked == [(["法定代表人身份证复印件", "《变更登记申请书》"], {"法定代表人身份证复印件"})]
    assert pane.status_chip.text() == "待补正" and pane.due_chip.text() == "暂停（待补正）"
    assert "缺：法定代表人身份证复印件" in pane.timeline.rows()[-1][5]
    clock.advance(days=2)
    click(qtbot, pane, "supply_materials")
    assert pane.status_chip.text() == "办理中"


def test_print_buttons_ask_for_documents(qtbot, sqlite_org, clock):
    ref = walk_in(sqlite_org.clerk, Scope("refer", place="市公安局出入境管理支队", contact="0571-87280000"))
    pane = open_page(qtbot, DetailPane(session_for(sqlite_org.clerk)))
    pane.show_case(ref.id)
    assert set(pane.print_buttons) == {"receipt", "referral", "history"}
    with qtbot.waitSignal(pane.print_requested) as printed:
        qtbot.mouseClick(pane.print_buttons["referral"], Qt.MouseButton.LeftButton)
    assert printed.args == [ref.id, "referral"]
    assert "市公安局出入境管理支队" in pane.fields["result"].text()
    pane.show_case(None)
    assert pane.stack.currentWidget() is pane.placeholder


def test_time_left_wording_is_working_days_and_hours_everywhere():
    base = SimpleNamespace(due_state="ok", remaining_minutes=900, status="in_progress",
                           due_at=None)
    assert time_left_text(base, 420) == "剩 2 个工作日 1 小时"
    assert time_left_text(SimpleNamespace(**{**vars(base), "due_state": "overdue",
                                             "remaining_minutes": -180}), 420) == "超期 3 小时"
    assert time_left_text(SimpleNamespace(**{**vars(base), "due_state": "overdue",
                                             "remaining_minutes": 0}), 420) == "已超期"
    assert time_left_text(SimpleNamespace(**{**vars(base), "due_state": "paused"}),
                          420) == "暂停（待补正）"
    assert span_words(47, 420) == "47 分钟"
    assert span_words(-600, 420) == "1 个工作日 3 小时"
    assert span_words(900, 420, "en") == "2 working days 1 hour"
    assert duration_text(125) == "2 小时 5 分钟"
    assert duration_text(60) == "1 小时"


# ---- the phone log ----------------------------------------------------------------------------

def test_phone_log_creates_phone_cases(qtbot, sqlite_org, clock, shown):
    page = open_page(qtbot, PhoneLogPage(session_for(sqlite_org.clerk)))
    page.focus_first()
    type_ascii(qtbot, "0571-87001234")
    press(qtbot, Qt.Key.Key_Tab)
    type_chinese("李女士")
    page.subject_edit.setFocus()
    type_chinese("咨询公积金提取")
    page.outcome.result_edit.setText("告知需携带身份证和银行卡到3号窗口办理")
    with qtbot.waitSignal(page.case_registered, timeout=5000) as registered:
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    d = case_detail(registered.args[0])
    assert (d.channel, d.kind, d.status, d.visitor_phone) == ("phone", "inquiry", "closed",
                                                              "0571-87001234")
    assert page.recent.topLevelItemCount() == 1
    assert page.recent.topLevelItem(0).text(5) == d.number

    # A report passed on to another department; the caller gave no number → refused first.
    page.kind_box.setCurrentIndex(page.kind_box.findData("report"))
    page.name_edit.setText("王先生")
    page.subject_edit.setText("举报无证经营")
    page.outcome.radios["transfer"].click()
    page.outcome.transfer_picker.select(sqlite_org.market)
    assert page.save() is False
    assert page.messages["visitor_phone"].text() == "请填写来电号码。"
    page.phone_edit.setText("13912345678")
    with qtbot.waitSignal(page.case_registered, timeout=5000) as registered:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    d = case_detail(registered.args[0])
    assert (d.channel, d.status, d.pending_department_id) == ("phone", "transferred",
                                                             sqlite_org.market)
    assert page.recent.topLevelItemCount() == 2
    assert count_cases(CaseFilter(scope="all", channel="phone")) == 2
    assert shown == []


def test_english_session_shows_core_terms_in_english(qtbot, sqlite_org, clock):
    ref = walk_in(sqlite_org.clerk, Scope("transfer", department_id=sqlite_org.market))
    session = Session(staff=get_staff_info(sqlite_org.handler), org_name="Test", lang="en")
    pane = open_page(qtbot, DetailPane(session))
    pane.show_case(ref.id)
    assert pane.status_chip.text() == "Awaiting acceptance"
    assert [r[2] for r in pane.timeline.rows()] == ["Registered", "Transferred"]
    page = open_page(qtbot, IntakePage(session))
    assert page.channel_box.currentText() == "Visit" and page.kind_box.currentText() == "Inquiry"
    page.phone_edit.setText("12345x")
    page.phone_finished()
    assert page.messages["visitor_phone"].text() == "The phone number is not valid: 12345x"
    log = open_page(qtbot, PhoneLogPage(session))
    assert log.kind_box.currentText() == "Inquiry"
