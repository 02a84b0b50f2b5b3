"""一次性告知单, 补正通知书 and 不予受理通知书 for one (versioned) service item."""

from __future__ import annotations

from datetime import datetime

from reportlab.platypus import Flowable, KeepTogether

from core.errors import Term
from core.printing.paper import UNSTATED, UNSTATED_TERM, MaterialLine, NoticeData
from documents.blocks import DocumentRenderer
from documents.layout import esc, fmt_datetime, version_label
from documents.tables import Field

TITLES = {
    "notice": Term("一次性告知单", "One-time notice"),
    "supplement": Term("补正通知书", "Notice to supplement materials"),
    "refusal": Term("不予受理通知书", "Notice of refusal"),
}

INTROS = {
    "notice": Term(
        "您咨询办理的“{item}”事项{version}，依据首问负责制和一次性告知制度，现将所需材料、"
        "办理流程、办理时限和收费标准一次性告知如下，请按要求准备齐全后办理。",
        "You asked about \"{item}\"{version}. Under the first-inquiry responsibility and "
        "one-time notice rules, here at once is everything it needs: the materials, the "
        "steps, the time limit and the fees. Please bring everything listed when you apply."),
    "supplement": Term(
        "您申请办理的“{item}”事项{version}，经审查，申请材料不齐全或不符合法定形式。"
        "请补正下列材料；补正期间办理时限暂停计算，自材料补齐之日起继续计算。",
        "Your application for \"{item}\"{version} was checked: the materials are incomplete "
        "or not in the required form. Please hand in the materials below; the time limit "
        "pauses until they are complete and then runs on."),
    "refusal": Term(
        "您申请办理的“{item}”事项{version}，经审查，决定不予受理，理由如下：",
        "Your application for \"{item}\"{version} was checked and cannot be accepted, for "
        "this reason:"),
}

REMEDY = Term(
    "如对本决定不服，可自收到本通知书之日起六十日内依法申请行政复议，"
    "或者在六个月内依法向人民法院提起行政诉讼。",
    "If you disagree with this decision, you may apply for administrative review within 60 "
    "days of receiving this notice, or bring an administrative lawsuit before a people's "
    "court within six months.")
MISSING_MARK = Term("★尚缺", "★ missing")
UNSTATED_MARK = "※"
UNSTATED_NOTE = Term(f"{UNSTATED_MARK} 办事指南未注明，{UNSTATED}。",
                     f"{UNSTATED_MARK} Not stated in the service guide: {UNSTATED_TERM.en}.")


def promise_label(data: NoticeData) -> str:
    """The limit in words: core's wording, else `即办件` or the promised working days."""
    if data.time_limit:
        return data.time_limit
    if data.instant:
        return Term("即办件（材料齐全当场办结）",
                    "Done at once (on the spot when the materials are complete)").text(data.lang)
    return Term(f"承诺件：受理后 {data.promised_days} 个工作日内办结",
                f"Done within {data.promised_days} working days of acceptance").text(data.lang)


def _shown(text: str) -> str:
    """A cell the guide left blank prints a mark that the table's footnote explains."""
    return UNSTATED_MARK if text in UNSTATED_TERM else text


class NoticeRenderer(DocumentRenderer[NoticeData]):
    """Renders a `NoticeData` as the notice its `kind` names."""

    title = "一次性告知单"
    title_en = "One-time notice"

    def document_title(self, data: NoticeData) -> str:
        return TITLES[data.kind].text(self.lang)

    def story(self, data: NoticeData) -> list[Flowable]:
        say = self.say
        story: list[Flowable] = [*self.header(data.org, self.document_title(data))]
        greeting = (say(f"{data.visitor_name}：", f"Dear {data.visitor_name},")
                    if data.visitor_name else say("您好：", "Hello,"))
        story.append(self.p(greeting))
        intro = INTROS[data.kind].text(self.lang).format(
            item=data.service_item, version=version_label(data.item_version, self.lang)
        )
        story.append(self.p(intro, "para"))
        if data.kind == "refusal":
            story.append(self.boxed(data.reason or say("（未填写理由）", "(no reason given)")))
        elif data.kind == "supplement":
            story.append(self._missing_box(data, say("需补正的材料", "Materials to hand in")))
            if data.note:
                label = esc(self.colon(say("补正说明", "Note")))
                story.append(self.p(f"<font color='#404040'>{label}</font>{esc(data.note)}",
                                    markup=True))
        elif data.missing:
            story.append(self._missing_box(data, say("您目前尚缺以下材料",
                                                     "You still need these materials")))
        story.append(self.spacer(1))
        story.append(self.field_grid(self._fields(data)))
        kept: list[Flowable] = []  # printed with the closing: the page the visitor signs
        if data.kind == "notice":
            story += self.section(say(f"申请材料（共 {len(data.materials)} 项）",
                                      f"Materials ({len(data.materials)})"))
            body, tail = self._materials_table(data)
            story += [body] if body is not None else []
            kept += [tail] if tail is not None else []
            if any(_shown(m.form_in(self.lang)) == UNSTATED_MARK
                   or _shown(m.copies_in(self.lang)) == UNSTATED_MARK for m in data.materials):
                kept.append(self.p(UNSTATED_NOTE.text(self.lang), "small"))
            if data.steps:
                steps: list[Flowable] = [self.p(f"{n}. {step}", "body")
                                         for n, step in enumerate(data.steps, 1)]
                story += [*kept, *self.section(say("办理流程", "Steps"), 15), *steps[:-2]]
                kept = steps[-2:]
        elif data.kind == "refusal":
            story.append(self.spacer(2))
            story.append(self.p(REMEDY.text(self.lang), "para"))
        if not kept:
            story.append(self.spacer(2))
        story.append(KeepTogether([*kept, self.spacer(2), *self._closing(data)]))
        return story

    def _missing_box(self, data: NoticeData, heading: str) -> Flowable:
        required = {line.name: line for line in data.materials}
        lines = [self.p(self.say(f"※ {heading}（{len(data.missing)} 项）：",
                                 f"※ {heading} ({len(data.missing)}):"), "warning")]
        for number, name in enumerate(data.missing, 1):
            text = f"{number}. {name}"
            line = required.get(name)
            if line is not None:
                known = [x for x in (line.form_in(self.lang), line.copies_in(self.lang))
                         if _shown(x) != UNSTATED_MARK and x != "—"]
                if known:
                    text += self.say(f"（{' '.join(known)}）", f" ({', '.join(known)})")
                if line.note:
                    text += f" {line.note}"
            lines.append(self.p(text, "warning"))
        return self.boxed(lines)

    def _fields(self, data: NoticeData) -> list[Field]:
        say = self.say
        unstated = UNSTATED_TERM.text(self.lang)
        fields: list[Field] = []
        if data.case_number:
            fields.append((say("事项编号", "Case number"), data.case_number, True))
        fields += [
            (say("办理事项", "Service"),
             data.service_item + version_label(data.item_version, self.lang), True),
            (say("承办部门", "Department"), data.department, True),
        ]
        if data.kind != "refusal":
            fields += [
                (say("办理时限", "Time limit"), promise_label(data), True),
                (say("收费标准", "Fees"), data.fees or unstated, True),
                (say("办理地点", "Where"), data.location or unstated, True),
                (say("办公时间", "Office hours"), data.office_hours, True),
            ]
        fields.append((say("办理依据", "Legal basis"), data.legal_basis or "—", True))
        return fields

    def _materials_table(self, data: NoticeData) -> tuple[Flowable | None, Flowable | None]:
        missing = set(data.missing)
        rows: list[list[str | Flowable]] = []
        mark = MISSING_MARK.text(self.lang)
        for number, line in enumerate(data.materials, 1):
            status = mark if line.name in missing else ""
            form, copies = _shown(line.form_in(self.lang)), _shown(line.copies_in(self.lang))
            if self.page.roll:  # a narrow column: break the longer forms where they read well
                form = form.replace("及", "及\n").replace("（", "\n（")
                rows.append([str(number), self._name_cell(line, status),
                             f"{form}\n{copies.replace(' ', '')}"])
            else:
                remarks = self.say("；", "; ").join(
                    x for x in (status, line.requirement_label, line.note) if x)
                rows.append(
                    [str(number), self._name_cell(line, ""), form,
                     copies.removesuffix(" 份"), remarks]
                )
        if self.page.roll:
            return self.data_table_parts(
                (self.say("序号", "No."), self.say("材料名称", "Material"),
                 self.say("要求", "Form, copies")),
                rows, (0.11, 0.63, 0.26), centered=(0, 2)
            )
        return self.data_table_parts(
            (self.say("序号", "No."), self.say("材料名称", "Material"),
             self.say("原件/复印件", "Original or copy"), self.say("份数", "Copies"),
             self.say("要求及备注", "Needed? Notes")),
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
            extra = self.say("；", "; ").join(x for x in (line.requirement_label, line.note) if x)
            if extra:
                text += f"<br/><font size='{self.page.font_size - 2}'>{esc(extra)}</font>"
        return self.p(text, "cell", markup=True)

    def _closing(self, data: NoticeData) -> list[Flowable]:
        closing: list[Flowable] = [
            self.field_grid(
                [
                    (self.say("告知人", "Told by"), data.clerk),
                    (self.say("告知时间", "Told on"),
                     fmt_datetime(data.issued_at, weekday=True, lang=self.lang)),
                ]
            )
        ]
        if data.kind != "notice":
            closing.append(self.spacer(2))
            closing.append(
                self.p(
                    f"{esc(data.org.name)}{self.say('（印章）', ' (seal)')}<br/>"
                    + self.say(f"{data.issued_at:%Y}年{data.issued_at.month}月"
                               f"{data.issued_at.day}日", f"{data.issued_at:%Y-%m-%d}"),
                    "right",
                    markup=True,
                )
            )
        closing.append(self.signing_reference(data.case_number, self.document_title(data)))
        closing.append(self.signatures((self.say("办事人签收", "Received by the visitor"),)))
        return closing


def render(data: NoticeData, fmt: str = "a4", *, created: datetime | None = None) -> bytes:
    """The notice for `data` (一次性告知单, 补正通知书 or 不予受理通知书) as PDF bytes."""
    return NoticeRenderer(fmt, data.lang).generate(data, created)
