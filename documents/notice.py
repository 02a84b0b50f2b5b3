"""一次性告知单, 补正通知书 and 不予受理通知书 for one (versioned) service item."""

from __future__ import annotations

from datetime import datetime

from reportlab.platypus import Flowable, KeepTogether

from core.printing.paper import UNSTATED, MaterialLine, NoticeData
from documents.blocks import DocumentRenderer
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
UNSTATED_MARK = "※"
UNSTATED_NOTE = f"{UNSTATED_MARK} 办事指南未注明，{UNSTATED}。"


def promise_label(data: NoticeData) -> str:
    """The limit in words: core's wording, else `即办件` or the promised working days."""
    if data.time_limit:
        return data.time_limit
    if data.instant:
        return "即办件（材料齐全当场办结）"
    return f"承诺件：受理后 {data.promised_days} 个工作日内办结"


def _shown(text: str) -> str:
    """A cell the guide left blank prints a mark that the table's footnote explains."""
    return UNSTATED_MARK if text == UNSTATED else text


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
            if data.note:
                story.append(self.p(f"<font color='#404040'>补正说明：</font>{esc(data.note)}",
                                    markup=True))
        elif data.missing:
            story.append(self._missing_box(data, "您目前尚缺以下材料"))
        story.append(self.spacer(1))
        story.append(self.field_grid(self._fields(data)))
        kept: list[Flowable] = []  # printed with the closing: the page the visitor signs
        if data.kind == "notice":
            story += self.section(f"申请材料（共 {len(data.materials)} 项）")
            body, tail = self._materials_table(data)
            story += [body] if body is not None else []
            kept += [tail] if tail is not None else []
            if any(UNSTATED in (m.form_label, m.copies_label) for m in data.materials):
                kept.append(self.p(UNSTATED_NOTE, "small"))
            if data.steps:
                steps: list[Flowable] = [self.p(f"{n}. {step}", "body")
                                         for n, step in enumerate(data.steps, 1)]
                story += [*kept, *self.section("办理流程", 15), *steps[:-2]]
                kept = steps[-2:]
        elif data.kind == "refusal":
            story.append(self.spacer(2))
            story.append(self.p(REMEDY, "para"))
        if not kept:
            story.append(self.spacer(2))
        story.append(KeepTogether([*kept, self.spacer(2), *self._closing(data)]))
        return story

    def _missing_box(self, data: NoticeData, heading: str) -> Flowable:
        required = {line.name: line for line in data.materials}
        lines = [self.p(f"※ {heading}（{len(data.missing)} 项）：", "warning")]
        for number, name in enumerate(data.missing, 1):
            text = f"{number}. {name}"
            line = required.get(name)
            if line is not None:
                known = [x for x in (line.form_label, line.copies_label) if x not in (UNSTATED, "—")]
                text += f"（{' '.join(known)}）" if known else ""
                if line.note:
                    text += f" {line.note}"
            lines.append(self.p(text, "warning"))
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
                ("收费标准", data.fees or UNSTATED, True),
                ("办理地点", data.location or UNSTATED, True),
                ("办公时间", data.office_hours, True),
            ]
        fields.append(("办理依据", data.legal_basis or "—", True))
        return fields

    def _materials_table(self, data: NoticeData) -> tuple[Flowable | None, Flowable | None]:
        missing = set(data.missing)
        rows: list[list[str | Flowable]] = []
        for number, line in enumerate(data.materials, 1):
            status = MISSING_MARK if line.name in missing else ""
            form, copies = _shown(line.form_label), _shown(line.copies_label)
            if self.page.roll:  # a narrow column: break the longer forms where they read well
                form = form.replace("及", "及\n").replace("（", "\n（")
                rows.append([str(number), self._name_cell(line, status),
                             f"{form}\n{copies.replace(' ', '')}"])
            else:
                remarks = "；".join(x for x in (status, line.requirement_label, line.note) if x)
                rows.append(
                    [str(number), self._name_cell(line, ""), form,
                     copies.removesuffix(" 份"), remarks]
                )
        if self.page.roll:
            return self.data_table_parts(
                ("序号", "材料名称", "要求"), rows, (0.11, 0.63, 0.26), centered=(0, 2)
            )
        return self.data_table_parts(
            ("序号", "材料名称", "原件/复印件", "份数", "要求及备注"),
            rows,
            (0.07, 0.47, 0.15, 0.07, 0.24),
            centered=(0, 2, 3),
        )

    def _name_cell(self, line: MaterialLine, status: str) -> Flowable:
        """The name; on a roll, what else the line needs (mark, requirement, note) below it."""
        text = esc(line.name)
        if status:
            text = f"{esc(status)} {text}"
        if self.page.roll:
            extra = "；".join(x for x in (line.requirement_label, line.note) if x)
            if extra:
                text += f"<br/><font size='{self.page.font_size - 2}'>{esc(extra)}</font>"
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
        closing.append(self.signing_reference(data.case_number, self.document_title(data)))
        closing.append(self.signatures(("办事人签收",)))
        return closing


def render(data: NoticeData, fmt: str = "a4", *, created: datetime | None = None) -> bytes:
    """The notice for `data` (一次性告知单, 补正通知书 or 不予受理通知书) as PDF bytes."""
    return NoticeRenderer(fmt).generate(data, created)
