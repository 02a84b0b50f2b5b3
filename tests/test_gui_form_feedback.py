"""A day at the window, the form's part (issue 16): a double click saves once, Enter takes the
highlighted completion, fields show their limit and refuse more, every problem at once in the
field's own words, 清空 asks, the focus is visible from F2, the one-time notice is offered when
materials are missing, and the scope never moves without saying so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from core.cases.detail import case_detail
from core.cases.queries import CaseFilter, count_cases
from gui.desk.action_dialogs import ResolveDialog
from gui.desk.detail_pane import DetailPane
from gui.forms.intake import IntakePage
from gui.forms.phone_log import PhoneLogPage
from tests.helpers import make_item, walk_in
from tests.test_gui_forms import focused, open_page, press, session_for, type_ascii, type_chinese

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")

ALL = CaseFilter(scope="all")


def fill_minimum(page: IntakePage) -> None:
    page.name_edit.setText("张三")
    page.subject_edit.setText("咨询办事时间")


# ---- 1. saving is idempotent ---------------------------------------------------------------

@pytest.mark.parametrize("button", ["save_button", "print_button"])
def test_a_double_click_on_save_registers_once_and_the_saved_line_stays(qtbot, sqlite_org, clock,
                                                                       shown, button):
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    printed: list[tuple[int, str]] = []
    page.print_requested.connect(lambda case_id, doc: printed.append((case_id, doc)))
    fill_minimum(page)
    with qtbot.waitSignal(page.case_registered, timeout=5000):  # a double click: two presses
        qtbot.mouseClick(getattr(page, button), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(getattr(page, button), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(getattr(page, button), Qt.MouseButton.LeftButton)  # a third, later press
    assert count_cases(ALL) == 1
    number = case_detail(page.confirmation.case_id).number
    assert page.confirmation.text().startswith(f"✓ 已登记 {number}")
    assert page.confirmation.reprint_button.isVisible()
    assert not any(m.text() for m in page.messages.values())  # no 请填写姓名 on the empty form
    assert printed == ([(page.confirmation.case_id, "receipt")] if button == "print_button"
                       else [])


def test_the_saved_number_opens_the_case_and_reprints_the_receipt(qtbot, sqlite_org, clock):
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    fill_minimum(page)
    with qtbot.waitSignal(page.case_registered, timeout=5000) as saved:
        page.save()
    with qtbot.waitSignal(page.open_case_requested) as opened:
        page.confirmation.label.linkActivated.emit(f"case:{saved.args[0]}")
    assert opened.args == [saved.args[0]]
    with qtbot.waitSignal(page.print_requested) as printed:
        qtbot.mouseClick(page.confirmation.reprint_button, Qt.MouseButton.LeftButton)
    assert printed.args == [saved.args[0], "receipt"]
    # The line stays while the next visitor is typed in, and after a refused save.
    page.subject_edit.setText("下一位")
    assert page.save() is False
    assert page.confirmation.case_id == saved.args[0]


def test_a_filled_form_after_a_save_saves_again(qtbot, sqlite_org, clock):
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    for name in ("张三", "李四"):
        page.name_edit.setText(name)
        page.subject_edit.setText("咨询")
        with qtbot.waitSignal(page.case_registered, timeout=5000):
            assert page.save() is True
    assert count_cases(ALL) == 2


def test_the_phone_log_saves_once_on_a_double_press(qtbot, sqlite_org, clock):
    page = open_page(qtbot, PhoneLogPage(session_for(sqlite_org.clerk)))
    page.phone_edit.setText("13800138000")
    page.name_edit.setText("张三")
    page.subject_edit.setText("咨询")
    page.outcome.result_edit.setText("已告知")
    with qtbot.waitSignal(page.case_registered, timeout=5000):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.save() is False
    assert count_cases(ALL) == 1
    assert page.confirmation.text().startswith("✓ 已登记 ")


# ---- 2. Enter on the completion list ----------------------------------------------------------

def test_one_enter_on_the_completion_list_takes_the_best_match(qtbot, sqlite_org, clock):
    make_item(sqlite_org.market)
    make_item(sqlite_org.market, code="SC-T02", name="企业注销登记")
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    page.item_edit.setFocus()
    type_ascii(qtbot, "SC-T0")
    popup = page.item_edit.completer_.popup()
    assert popup.isVisible() and not popup.currentIndex().isValid()
    with qtbot.waitSignal(page.item_edit.item_chosen) as chosen:
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert page.item_edit.text() == "企业名称变更登记" and chosen.args
    assert not popup.isVisible() and page.materials.rowCount() == 2


def test_enter_takes_the_highlighted_entry(qtbot, sqlite_org, clock):
    make_item(sqlite_org.market)
    second = make_item(sqlite_org.market, code="SC-T02", name="企业注销登记")
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    page.item_edit.setFocus()
    type_ascii(qtbot, "SC-T0")
    popup = page.item_edit.completer_.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    with qtbot.waitSignal(page.item_edit.item_chosen) as chosen:
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert chosen.args == [second.id]


# ---- 6. limits: a live counter, refused not cut ------------------------------------------------

def test_every_text_field_shows_its_limit_and_counts_as_you_type(qtbot, sqlite_org, clock):
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    limits = {page.phone_edit: 30, page.name_edit: 60, page.unit_edit: 100,
              page.subject_edit: 200, page.description_edit: 4000, page.note_edit: 1000,
              page.scope_picker.place_edit: 200, page.scope_picker.contact_edit: 100,
              page.scope_picker.result_edit: 4000}
    for edit, limit in limits.items():
        assert edit.limit == limit and edit.counter.text() == f"0/{limit}"
    page.subject_edit.setFocus()
    type_ascii(qtbot, "abc")
    assert page.subject_edit.counter.text() == "3/200"


def test_a_paste_longer_than_the_limit_is_refused_and_said(qtbot, sqlite_org, clock):
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    QApplication.clipboard().setText("长" * 520)
    page.subject_edit.setText("营业执照")
    page.subject_edit.setFocus()
    page.subject_edit.paste()
    assert page.subject_edit.text() == "营业执照"  # nothing cut to 200 behind the clerk's back
    assert "最多 200 个字" in page.messages["subject"].text()
    page.description_edit.setFocus()
    mime = QMimeData()
    mime.setText("说" * 4001)
    page.description_edit.insertFromMimeData(mime)
    assert page.description_edit.toPlainText() == ""
    assert "最多 4000 个字" in page.messages["description"].text()
    mime.setText("说" * 4000)
    page.description_edit.insertFromMimeData(mime)
    assert page.description_edit.counter.text() == "4000/4000"
    type_chinese("再")
    assert page.description_edit.length() == 4000


def test_typing_stops_at_the_limit(qtbot, sqlite_org, clock):
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    page.phone_edit.setFocus()
    type_ascii(qtbot, "1" * 35)
    assert page.phone_edit.text() == "1" * 30
    assert "最多 30 个字" in page.messages["visitor_phone"].text()


def test_action_dialogs_count_too(qtbot, sqlite_org):
    dialog = ResolveDialog(None)
    qtbot.addWidget(dialog)
    assert dialog.edit.limit == 4000 and dialog.edit.counter.text() == "0/4000"


def test_a_long_description_scrolls_in_the_detail_pane(qtbot, sqlite_org, clock):
    from core.cases.intake import register_case
    from core.dto import IntakeForm, Scope

    ref = register_case(sqlite_org.clerk, IntakeForm(
        channel="visit", kind="complaint", subject="噪声", visitor_name="张三",
        description="楼下施工噪声。" * 570, scope=Scope("own")))
    pane = DetailPane(session_for(sqlite_org.clerk))
    qtbot.addWidget(pane)
    pane.resize(900, 420)
    pane.show()
    pane.show_case(ref.id)
    qtbot.waitUntil(lambda: pane.scroll.verticalScrollBar().maximum() > 0)
    assert pane.header.fields["subject"].text().endswith("楼下施工噪声。")  # all of it, not cut


# ---- 7. every problem at once, in the field's own words ------------------------------------------

def test_all_problems_are_shown_at_once_beside_their_fields(qtbot, sqlite_org, clock):
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    page.phone_edit.setText("1234")
    page.scope_picker.radios["refer"].click()
    before = {key: m.geometry() for key, m in page.messages.items() if m.reserve}
    assert page.save() is False
    texts = {key: m.text() for key, m in page.messages.items() if m.text()}
    assert texts["visitor_phone"].startswith("电话号码格式不正确")
    assert texts["visitor_name"] == "请填写姓名。"
    assert texts["subject"] == "请填写事项摘要。"  # the caption's words, not core's 事项
    assert texts["scope"] == "请填写去向。"
    assert focused() is page.phone_edit  # the first one, in the form's order
    # The lines were there all along: nothing below them moved.
    assert {key: page.messages[key].geometry() for key in before} == before
    assert count_cases(ALL) == 0


def test_the_phone_log_shows_every_problem_too(qtbot, sqlite_org, clock):
    page = open_page(qtbot, PhoneLogPage(session_for(sqlite_org.clerk)))
    assert page.save() is False
    assert page.messages["visitor_phone"].text() == "请填写来电号码。"
    assert page.messages["subject"].text() == "请填写来电事项。"
    assert page.outcome.message.text() == "请填写答复内容。"


# ---- 8. focus from the first key, 清空 asks ----------------------------------------------------

def test_the_focus_ring_shows_from_the_first_key_after_f2(qtbot, sqlite_org, clock):
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    page.window().setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, False)
    page.subject_edit.setFocus(Qt.FocusReason.MouseFocusReason)
    unfocused: QImage = page.kind_box.grab().toImage()
    page.focus_first()  # what F2 does
    assert focused() is page.kind_box
    assert page.window().testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
    assert page.kind_box.grab().toImage() != unfocused  # the style drew the focus frame


def test_clear_asks_then_empties_and_goes_back_to_the_first_field(qtbot, sqlite_org, clock,
                                                                   answers):
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    page.name_edit.setText("张三")
    answers.reply = False
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert answers.asked and page.name_edit.text() == "张三"
    answers.reply = True
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert page.name_edit.text() == "" and focused() is page.kind_box
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.phone_edit  # the next Tabs fill the right fields
    asked = len(answers.asked)
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)  # empty: nothing to ask
    assert len(answers.asked) == asked


# ---- 9. the one-time notice when materials are missing ---------------------------------------

def test_saving_with_materials_missing_offers_the_one_time_notice(qtbot, sqlite_org, clock,
                                                                   answers):
    item = make_item(sqlite_org.front)
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    fill_minimum(page)
    page.item_edit.choose(item.id, item.name)
    page.materials.set_received(0, True)
    printed: list[str] = []
    page.print_requested.connect(lambda _id, doc: printed.append(doc))
    with qtbot.waitSignal(page.case_registered, timeout=5000):
        page.save()
    assert answers.asked[-1][0] == "材料未收齐" and "1 项材料未收到" in answers.asked[-1][1]
    assert printed == ["notice"]
    assert page.confirmation.notice_button.isVisible()
    # All received: no question.
    fill_minimum(page)
    page.item_edit.choose(item.id, item.name)
    page.materials.set_all_received(True)
    asked = len(answers.asked)
    with qtbot.waitSignal(page.case_registered, timeout=5000):
        page.save()
    assert len(answers.asked) == asked and not page.confirmation.notice_button.isVisible()


# ---- 15. the scope never moves silently ------------------------------------------------------------

def test_choosing_another_departments_item_says_the_scope_changed(qtbot, sqlite_org, clock):
    item = make_item(sqlite_org.market)
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    page.item_edit.choose(item.id, item.name)
    notice = page.scope_picker.notice
    assert page.scope_picker.kind() == "transfer"
    assert notice.isVisible() and "市场监管窗口" in notice.text() and "本人办理" in notice.text()


def test_a_scope_the_clerk_chose_stays_and_a_hint_says_why_it_might_change(qtbot, sqlite_org,
                                                                          clock):
    item = make_item(sqlite_org.market)
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    page.scope_picker.radios["escalate"].click()
    page.item_edit.choose(item.id, item.name)
    assert page.scope_picker.kind() == "escalate"
    assert page.scope_picker.notice.isVisible() and "转其他部门" in page.scope_picker.notice.text()
    assert page.scope_picker.transfer_picker.department_id() == sqlite_org.market


def test_own_departments_item_keeps_own(qtbot, sqlite_org, clock):
    item = make_item(sqlite_org.front)
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    page.item_edit.choose(item.id, item.name)
    assert page.scope_picker.kind() == "own" and not page.scope_picker.notice.isVisible()
    walk_in(sqlite_org.clerk)  # (the register is usable alongside)
