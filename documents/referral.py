"""告知去向单: the matter is outside the organisation; where the visitor was sent."""

from __future__ import annotations

from datetime import datetime

from reportlab.platypus import Flowable

from core.errors import Term
from core.printing.paper import ReferralData
from documents.blocks import DocumentRenderer
from documents.layout import fmt_datetime

INTRO = Term(
    "您反映（咨询）的“{subject}”事项不属于本单位职责范围。根据首问负责制，"
    "我们已为您查明承办单位，请前往以下单位办理：",
    "The matter you raised, \"{subject}\", is outside this office's duties. Under the "
    "first-inquiry responsibility we have found who handles it; please go to:")
CLOSING = Term(
    "如前往后仍有疑问或未能得到办理，请凭本单编号与本中心联系，"
    "首问责任人将继续协助，直至您得到明确答复。",
    "If you still have questions there, or the matter is not dealt with, contact us quoting "
    "this note's number: the person you first asked will go on helping until you have a "
    "clear answer.")


class ReferralRenderer(DocumentRenderer[ReferralData]):
    """Renders a `ReferralData` as a 告知去向单."""

    title = "告知去向单"
    title_en = "Referral note"

    def story(self, data: ReferralData) -> list[Flowable]:
        say = self.say
        story = self.case_opening(data.org, data.case_number)
        story.append(self.p(say(f"{data.visitor_name}：", f"Dear {data.visitor_name},")
                            if data.visitor_name else say("您好：", "Hello,")))
        story.append(self.p(INTRO.text(self.lang).format(subject=data.subject), "para"))
        story.append(
            self.boxed(
                [
                    self.p(self.colon(say("承办单位及地点", "Go to")) + data.place, "warning"),
                    self.p(self.colon(say("联系方式", "Contact")) + (data.contact or "—"),
                           "warning"),
                ]
            )
        )
        story.append(self.spacer(1))
        story.append(
            self.field_grid(
                [
                    (say("事项", "Matter"), data.subject, True),
                    (say("首问责任人", "First asked"), data.clerk),
                    (say("告知时间", "Told on"),
                     fmt_datetime(data.referred_at, weekday=True, lang=self.lang)),
                    (say("联系电话", "Phone"), data.org.phone or "—"),
                    (say("受理窗口", "Window"), data.org.window or "—"),
                    (say("说明", "Note"), data.note or "—", True),
                ]
            )
        )
        story.append(self.spacer(2))
        story.append(self.p(CLOSING.text(self.lang), "para"))
        story.append(self.signatures((say("首问责任人", "First asked"),
                                      say("办事人签收", "Received by the visitor"))))
        return story


def render(data: ReferralData, fmt: str = "a4", *, created: datetime | None = None) -> bytes:
    """The 告知去向单 for `data` as PDF bytes in format `fmt`."""
    return ReferralRenderer(fmt, data.lang).generate(data, created)
