"""收件回执单: the receipt slip listing the materials received and the promised pickup."""

from __future__ import annotations

from datetime import datetime

from reportlab.platypus import Flowable, KeepTogether

from core.printing.paper import MaterialLine, ReceiptData
from documents.blocks import DocumentRenderer
from documents.layout import esc, fmt_datetime, version_label
from documents.tables import Field

NO_PICKUP = "办结后另行通知"
ON_THE_SPOT = "当场办结"
KEEP_SLIP = "请妥善保管本回执，凭回执或事项编号取件、查询；如有疑问请拨打咨询电话。"


def pages_label(line: MaterialLine) -> str:
    return "—" if line.pages is None else str(line.pages)


def copies_label(line: MaterialLine) -> str:
    return "—" if line.copies is None else str(line.copies)


class ReceiptRenderer(DocumentRenderer[ReceiptData]):
    """Renders a `ReceiptData` as a 收件回执单 on A4, A5 or an 80 mm roll."""

    title = "收件回执单"

    def story(self, data: ReceiptData) -> list[Flowable]:
        story: list[Flowable] = [*self.header(data.org)]
        provisional = data.provisional_note.startswith("临时编号")
        story += self.case_block(data.case_number,
                                 label="临时编号（离线登记）" if provisional else "事项编号")
        if data.provisional_note:
            story.append(self.boxed(data.provisional_note))
        story.append(self.spacer(2))
        story.append(self.field_grid(self._fields(data)))
        if data.calendar_warning:
            story.append(self.boxed(f"※ 注意：{data.calendar_warning}"))
        elif data.due_basis:
            story.append(self.p(data.due_basis, "small"))
        received = [m for m in data.materials if m.received]
        missing = [m for m in data.materials if not m.received]
        story += self.section(f"收取材料（共 {len(received)} 项）")
        closing: list[Flowable] = []
        if received:
            body, tail = self._materials_table(received)
            story += [body] if body is not None else []
            closing += [tail] if tail is not None else []
        else:
            story.append(self.p("本次未收取材料。"))
        if missing:
            names = "、".join(m.name for m in missing)
            closing.append(self.boxed(f"尚未收取（需补交）：{names}"))
        if data.notes:
            closing.append(self.spacer(1.5))
            closing.append(
                self.p(f"<font color='#404040'>备注：</font>{esc(data.notes)}", markup=True)
            )
        closing += [
            self.spacer(1.5),
            self.p(KEEP_SLIP, "small"),
            self.signing_reference(data.case_number),
            self.signatures(("办事人签名", "经办人签名"), dated=False),
        ]
        # The last rows, the notes and the signatures share a page, which names the case.
        story.append(KeepTogether(closing))
        return story

    def _fields(self, data: ReceiptData) -> list[Field]:
        item = data.service_item + version_label(data.item_version)
        pickup = fmt_datetime(data.pickup_at, weekday=True, empty=NO_PICKUP)
        due = fmt_datetime(data.due_at, weekday=True, empty="即时办结")
        if data.instant:  # done while the visitor waits: no promise to come back for
            due = pickup = ON_THE_SPOT
        fields: list[Field] = [
            ("办事人", data.visitor_name or "（匿名）"),
            ("联系电话", data.visitor_phone_masked or "—"),
        ]
        if data.visitor_unit:
            fields.append(("单位", data.visitor_unit, True))
        fields += [
            ("办理事项", item, True),
            ("收件时间", fmt_datetime(data.received_at, weekday=True)),
            ("经办人", data.handler),
            ("承诺办结", due),
            ("取件时间", pickup),
            ("取件地点", data.pickup_place or "—"),
            ("咨询电话", data.enquiry_phone or data.org.phone or "—"),
        ]
        return fields

    def _materials_table(self, lines: list[MaterialLine]) -> tuple[Flowable | None, Flowable | None]:
        rows: list[list[str | Flowable]] = []
        if self.page.roll:
            for number, line in enumerate(lines, 1):
                amount = f"{copies_label(line)}份"
                if line.pages is not None:
                    amount += f"/{line.pages}页"
                rows.append([str(number), self._name_cell(line), f"{line.kind_label}\n{amount}"])
            return self.data_table_parts(
                ("序号", "材料名称", "原/复·份/页"), rows, (0.12, 0.6, 0.28), centered=(0, 2)
            )
        for number, line in enumerate(lines, 1):
            rows.append(
                [
                    str(number),
                    self._name_cell(line),
                    line.kind_label,
                    copies_label(line),
                    pages_label(line),
                ]
            )
        return self.data_table_parts(
            ("序号", "材料名称", "原件/复印件", "份数", "页数"),
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
    return ReceiptRenderer(fmt).generate(data, created)
