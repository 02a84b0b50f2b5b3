"""一次性告知单, 补正通知书 and 不予受理通知书 for one (versioned) service item."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from documents.blocks import DocumentRenderer
from documents.data import MaterialLine, NoticeData
from documents.layout import esc, fmt_datetime, version_label
from documents.tables import Field

TITLES = {
    "notice": "一次性告知单",
    "supplement": "补正通知书",
    "refusal": "不予受理通知书",
}

INTROS = {
    "notice": "您咨询办理的“{item}”事项{version}，依据首问负责制和一次性告知制度，现将所需材料、"
    "办理流程、办理时限和收费标准一次性告知如下，请按要求准备齐全后办理。",
    "supplement": "您申请办理的“{item}”事项{version}，经审查，申请材料不齐全或不符合法定形式。"
    "请补正下列材料；补正期间办理时限暂停计算，自材料补齐之日起继续计算。",
    "refusal": "您申请办理的“{item}”事项{version}，经审查，决定不予受理，理由如下：",
}

REMEDY = (
    "如对本决定不服，可自收到本通知书之日起六十日内依法申请行政复议，"
    "或者在六个月内依法向人民法院提起行政诉讼。"
)
MISSING_MARK = "★尚缺"


def promise_label(data: NoticeData) -> str:
    """`即办件（当场办结）` or `承诺件：受理后 3 个工作日内办结`."""
    if data.instant:
        return "即办件（材料齐全当场办结）"
    return f"承诺件：受理后 {data.promised_days} 个工作日内办结"


class NoticeRenderer(DocumentRenderer[NoticeData]):
    """Renders a `NoticeData` as the notice its `kind` names."""

    title = "一次性告知单"

    def document_title(self, data: NoticeData) -> str:
        return TITLES[data.kind]

    def story(self, data: NoticeData) -> list[Flowable]:
        story: list[Flowable] = [*self.header(data.org, self.document_title(data))]
        greeting = f"{data.visitor_name}：" if data.visitor_name else "您好："
        story.append(self.p(greeting))
        intro = INTROS[data.kind].format(
            item=data.service_item, version=version_label(data.item_version)
        )
        story.append(self.p(intro, "para"))
        if data.kind == "refusal":
            story.append(self.boxed(data.reason or "（未填写理由）"))
        elif data.kind == "supplement":
            story.append(self._missing_box(data, "需补正的材料"))
        elif data.missing:
            story.append(self._missing_box(data, "您目前尚缺以下材料"))
        story.append(self.spacer(1))
        story.append(self.field_grid(self._fields(data)))
        if data.kind == "notice":
            story.append(self.p(f"申请材料（共 {len(data.materials)} 项）", "section"))
            story.append(self._materials_table(data))
            if data.steps:
                story.append(self.p("办理流程", "section"))
                story += [self.p(f"{n}. {step}", "body") for n, step in enumerate(data.steps, 1)]
        elif data.kind == "refusal":
            story.append(self.spacer(2))
            story.append(self.p(REMEDY, "para"))
        story.append(self.spacer(2))
        story.append(KeepTogether(self._closing(data)))
        return story

    def _missing_box(self, data: NoticeData, heading: str) -> Flowable:
        required = {line.name: line for line in data.materials}
        lines = [self.p(f"※ {heading}（{len(data.missing)} 项）：", "warning")]
        for number, name in enumerate(data.missing, 1):
            text = f"{number}. {name}"
            line = required.get(name)
            if line is not None:
                text += f"（{line.kind_label} {line.copies} 份）"
                if line.note:
                    text += f" {line.note}"
            lines.append(self.p(text, "warning"))
        if not data.missing:
            lines.append(self.p("（未列明，请向窗口工作人员询问）", "warning"))
        return self.boxed(lines)

    def _fields(self, data: NoticeData) -> list[Field]:
        fields: list[Field] = []
        if data.case_number:
            fields.append(("事项编号", data.case_number, True))
        fields += [
            ("办理事项", data.service_item + version_label(data.item_version), True),
            ("承办部门", data.department, True),
        ]
        if data.kind != "refusal":
            fields += [
                ("办理时限", promise_label(data), True),
                ("收费标准", data.fees or "不收费", True),
                ("办理地点", data.location, True),
                ("办公时间", data.office_hours, True),
            ]
        fields.append(("办理依据", data.legal_basis or "—", True))
        return fields

    def _materials_table(self, data: NoticeData) -> Flowable:
        missing = set(data.missing)
        rows: list[list[str | Flowable]] = []
        for number, line in enumerate(data.materials, 1):
            status = MISSING_MARK if line.name in missing else ""
            if self.page.roll:
                rows.append(
                    [
                        str(number),
                        self._name_cell(line, status),
                        f"{line.kind_label}\n{line.copies}份",
                    ]
                )
            else:
                rows.append(
                    [
                        str(number),
                        self._name_cell(line, ""),
                        line.kind_label,
                        str(line.copies),
                        " ".join(part for part in (status, line.note) if part),
                    ]
                )
        if self.page.roll:
            return self.data_table(
                ("序号", "材料名称", "要求"), rows, (0.12, 0.64, 0.24), centered=(0, 2)
            )
        return self.data_table(
            ("序号", "材料名称", "原件/复印件", "份数", "备注"),
            rows,
            (0.08, 0.5, 0.16, 0.08, 0.18),
            centered=(0, 2, 3),
        )

    def _name_cell(self, line: MaterialLine, status: str) -> Flowable:
        text = esc(line.name)
        if status:
            text = f"{esc(status)} {text}"
        if line.note and self.page.roll:
            text += f"<br/><font size='{self.page.font_size - 2}'>{esc(line.note)}</font>"
        return self.p(text, "cell", markup=True)

    def _closing(self, data: NoticeData) -> list[Flowable]:
        closing: list[Flowable] = [
            self.field_grid(
                [
                    ("告知人", data.clerk),
                    ("告知时间", fmt_datetime(data.issued_at, weekday=True)),
                ]
            )
        ]
        if data.kind != "notice":
            closing.append(self.spacer(2))
            closing.append(
                self.p(
                    f"{esc(data.org.name)}（印章）<br/>"
                    f"{data.issued_at:%Y}年{data.issued_at.month}月"
                    f"{data.issued_at.day}日",
                    "right",
                    markup=True,
                )
            )
        closing.append(self.signatures(("办事人签收",)))
        return closing


def render(data: NoticeData, fmt: str = "a4") -> bytes:
    """The notice for `data` (一次性告知单, 补正通知书 or 不予受理通知书) as PDF bytes."""
    return NoticeRenderer(fmt).generate(data)
