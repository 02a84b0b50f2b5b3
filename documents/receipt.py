"""收件回执单: the receipt slip listing the materials received and the promised pickup."""

from __future__ import annotations

from datetime import datetime

from reportlab.platypus import Flowable, KeepTogether

from core.errors import Term
from core.printing.paper import MaterialLine, ReceiptData
from documents.blocks import DocumentRenderer
from documents.layout import esc, fmt_datetime, version_label
from documents.tables import Field

NO_PICKUP = Term("办结后另行通知", "We will tell you when it is done")
ON_THE_SPOT = Term("当场办结", "Done on the spot")
KEEP_SLIP = Term("请妥善保管本回执，凭回执或事项编号取件、查询；如有疑问请拨打咨询电话。",
                 "Please keep this slip: show it or quote the case number to collect or to ask "
                 "about your case. Questions: call the enquiry number.")
PROVISIONAL = Term("临时编号", "Provisional number")
"""How an offline receipt's note begins (core.offline.receipt.PROVISIONAL)."""


def pages_label(line: MaterialLine) -> str:
    return "—" if line.pages is None else str(line.pages)


def copies_label(line: MaterialLine) -> str:
    return "—" if line.copies is None else str(line.copies)


class ReceiptRenderer(DocumentRenderer[ReceiptData]):
    """Renders a `ReceiptData` as a 收件回执单 on A4, A5 or an 80 mm roll."""

    title = "收件回执单"
    title_en = "Receipt"

    def story(self, data: ReceiptData) -> list[Flowable]:
        story: list[Flowable] = [*self.header(data.org)]
        provisional = data.provisional_note.startswith(tuple(PROVISIONAL))
        story += self.case_block(data.case_number, label=self.say(
            "临时编号（离线登记）", "Provisional number (registered offline)")
            if provisional else "")
        if data.provisional_note:
            story.append(self.boxed(data.provisional_note))
        story.append(self.spacer(2))
        story.append(self.field_grid(self._fields(data)))
        if data.calendar_warning:
            story.append(self.boxed(self.say("※ 注意：", "※ Note: ") + data.calendar_warning))
        elif data.due_basis:
            story.append(self.p(data.due_basis, "small"))
        received = [m for m in data.materials if m.received]
        missing = [m for m in data.materials if not m.received]
        story += self.section(self.say(f"收取材料（共 {len(received)} 项）",
                                       f"Materials received ({len(received)})"))
        closing: list[Flowable] = []
        if received:
            body, tail = self._materials_table(received)
            story += [body] if body is not None else []
            closing += [tail] if tail is not None else []
        else:
            story.append(self.p(self.say("本次未收取材料。", "No materials were handed in.")))
        if missing:
            names = self.say("、", "; ").join(m.name for m in missing)
            closing.append(self.boxed(self.colon(self.say("尚未收取（需补交）",
                                                          "Still to hand in")) + names))
        if data.notes:
            closing.append(self.spacer(1.5))
            closing.append(
                self.p(f"<font color='#404040'>{esc(self.colon(self.say('备注', 'Notes')))}"
                       f"</font>{esc(data.notes)}", markup=True)
            )
        closing += [
            self.spacer(1.5),
            self.p(KEEP_SLIP.text(self.lang), "small"),
            self.signing_reference(data.case_number),
            self.signatures((self.say("办事人签名", "Visitor"), self.say("经办人签名", "Clerk")),
                            dated=False),
        ]
        # The last rows, the notes and the signatures share a page, which names the case.
        story.append(KeepTogether(closing))
        return story

    def _fields(self, data: ReceiptData) -> list[Field]:
        say, lang = self.say, self.lang
        item = data.service_item + version_label(data.item_version, lang)
        pickup = fmt_datetime(data.pickup_at, weekday=True, empty=NO_PICKUP.text(lang), lang=lang)
        due = fmt_datetime(data.due_at, weekday=True, empty=say("即时办结", "At once"), lang=lang)
        if data.instant:  # done while the visitor waits: no promise to come back for
            due = pickup = ON_THE_SPOT.text(lang)
        fields: list[Field] = [
            (say("办事人", "Visitor"), data.visitor_name or say("（匿名）", "(anonymous)")),
            (say("联系电话", "Phone"), data.visitor_phone_masked or "—"),
        ]
        if data.visitor_unit:
            fields.append((say("单位", "Organisation"), data.visitor_unit, True))
        fields += [
            (say("办理事项", "Service"), item, True),
            (say("收件时间", "Received"), fmt_datetime(data.received_at, weekday=True, lang=lang)),
            (say("经办人", "Clerk"), data.handler),
            (say("承诺办结", "Promised by"), due),
            (say("取件时间", "Collect from"), pickup),
            (say("取件地点", "Collect at"), data.pickup_place or "—"),
            (say("咨询电话", "Enquiries"), data.enquiry_phone or data.org.phone or "—"),
        ]
        return fields

    def _materials_table(self, lines: list[MaterialLine]) -> tuple[Flowable | None, Flowable | None]:
        rows: list[list[str | Flowable]] = []
        if self.page.roll:
            for number, line in enumerate(lines, 1):
                amount = self.say(f"{copies_label(line)}份", f"{copies_label(line)} cop.")
                if line.pages is not None:
                    amount += self.say(f"/{line.pages}页", f", {line.pages} p.")
                rows.append([str(number), self._name_cell(line),
                             f"{line.form_in(self.lang)}\n{amount}"])
            return self.data_table_parts(
                (self.say("序号", "No."), self.say("材料名称", "Material"),
                 self.say("原/复·份/页", "Form, copies")),
                rows, (0.12, 0.6, 0.28), centered=(0, 2)
            )
        for number, line in enumerate(lines, 1):
            rows.append(
                [
                    str(number),
                    self._name_cell(line),
                    line.form_in(self.lang),
                    copies_label(line),
                    pages_label(line),
                ]
            )
        return self.data_table_parts(
            (self.say("序号", "No."), self.say("材料名称", "Material"),
             self.say("原件/复印件", "Original or copy"), self.say("份数", "Copies"),
             self.say("页数", "Pages")),
            rows,
            (0.08, 0.58, 0.16, 0.09, 0.09),
            centered=(0, 2, 3, 4),
        )

    def _name_cell(self, line: MaterialLine) -> Flowable:
        text = esc(line.name)
        if line.note:
            text += f"<br/><font size='{self.page.font_size - 2}'>{esc(line.note)}</font>"
        return self.p(text, "cell", markup=True)


def render(data: ReceiptData, fmt: str = "a4", *, created: datetime | None = None) -> bytes:
    """The 收件回执单 for `data` as PDF bytes in format `fmt` (a4, a5 or 80mm)."""
    return ReceiptRenderer(fmt, data.lang).generate(data, created)
