"""告知去向单: the matter is outside the organisation; where the visitor was sent."""

from __future__ import annotations

from datetime import datetime

from reportlab.platypus import Flowable

from core.printing.paper import ReferralData
from documents.blocks import DocumentRenderer
from documents.layout import fmt_datetime

INTRO = (
    "您反映（咨询）的“{subject}”事项不属于本单位职责范围。根据首问负责制，"
    "我们已为您查明承办单位，请前往以下单位办理："
)
CLOSING = (
    "如前往后仍有疑问或未能得到办理，请凭本单编号与本中心联系，"
    "首问责任人将继续协助，直至您得到明确答复。"
)


class ReferralRenderer(DocumentRenderer[ReferralData]):
    """Renders a `ReferralData` as a 告知去向单."""

    title = "告知去向单"

    def story(self, data: ReferralData) -> list[Flowable]:
        story = self.case_opening(data.org, data.case_number)
        story.append(self.p(f"{data.visitor_name}：" if data.visitor_name else "您好："))
        story.append(self.p(INTRO.format(subject=data.subject), "para"))
        story.append(
            self.boxed(
                [
                    self.p(f"承办单位及地点：{data.place}", "warning"),
                    self.p(f"联系方式：{data.contact or '—'}", "warning"),
                ]
            )
        )
        story.append(self.spacer(1))
        story.append(
            self.field_grid(
                [
                    ("事项", data.subject, True),
                    ("首问责任人", data.clerk),
                    ("告知时间", fmt_datetime(data.referred_at, weekday=True)),
                    ("联系电话", data.org.phone or "—"),
                    ("受理窗口", data.org.window or "—"),
                    ("说明", data.note or "—", True),
                ]
            )
        )
        story.append(self.spacer(2))
        story.append(self.p(CLOSING, "para"))
        story.append(self.signatures(("首问责任人", "办事人签收")))
        return story


def render(data: ReferralData, fmt: str = "a4", *, created: datetime | None = None) -> bytes:
    """The 告知去向单 for `data` as PDF bytes in format `fmt`."""
    return ReferralRenderer(fmt).generate(data, created)
