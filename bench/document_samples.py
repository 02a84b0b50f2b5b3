"""Sample data for every document, and `python -m bench.document_samples OUT` to render them
all (the pictures in docs/documents/)."""

from __future__ import annotations

import argparse
import logging
import shutil
import subprocess
import sys
from dataclasses import replace as dataclass_replace
from datetime import datetime, timedelta
from pathlib import Path

from core.printing.paper import (
    DocumentData,
    HazardData,
    HistoryData,
    HistoryLine,
    MaterialLine,
    NoticeData,
    OrgHeader,
    ReceiptData,
    ReferralData,
    TransferData,
)

log = logging.getLogger(__name__)

CASE_NUMBER = "20261126-0007"
FULL_PHONE = "13812345678"
MASKED_PHONE = "138****5678"
NOW = datetime(2026, 11, 26, 9, 12)

ORG = OrgHeader(
    name="示范市政务服务中心",
    window="3号综合受理窗口",
    phone="0571-87001234",
    address="示范市人民路100号市民之家二楼",
    footer="首问负责 · 限时办结 · 最多跑一次 · 监督电话 12345",
)

MATERIALS: tuple[MaterialLine, ...] = (
    MaterialLine("《公司变更登记申请书》", original=True, copies=1, pages=3),
    MaterialLine("法定代表人身份证复印件", original=False, copies=1, pages=1),
    MaterialLine("股东会关于变更事项的决议", original=True, copies=1, pages=2),
    MaterialLine(
        "修改后的公司章程或者公司章程修正案（需法定代表人签署）",
        original=True,
        copies=1,
        pages=6,
        note="章程修正案须加盖公司公章",
    ),
    MaterialLine("营业执照正、副本", original=True, copies=1, pages=2),
    MaterialLine(
        "新住所使用证明（房屋租赁合同及产权证明复印件）", original=False, copies=1, pages=4
    ),
    MaterialLine(
        "指定代表或者共同委托代理人授权委托书", original=True, copies=1, pages=1, received=False
    ),
)

STEPS = (
    "申请人在窗口或网上提交申请材料",
    "窗口工作人员当场核对材料，材料齐全、符合法定形式的予以受理并出具收件回执单",
    "市场监管科审查材料，必要时现场核验",
    "作出准予变更登记决定",
    "申请人凭收件回执单到窗口领取新营业执照，或选择免费邮寄",
)


def material_lines(count: int) -> tuple[MaterialLine, ...]:
    """`count` realistic materials: the sample list repeated with numbered names."""
    lines = []
    for index in range(count):
        base = MATERIALS[index % len(MATERIALS)]
        name = base.name if index < len(MATERIALS) else f"{base.name}（第{index + 1}份）"
        lines.append(MaterialLine(name, base.original, base.copies, base.pages, True, base.note))
    return tuple(lines)


GUIDE_TOPICS = (
    "不动产登记申请书", "申请人身份证明", "委托代理人身份证明及授权委托书", "建设工程规划许可证",
    "建设工程竣工验收备案表", "房屋测绘成果报告", "国有建设用地使用权出让合同", "土地出让价款缴纳凭证",
    "契税完税凭证", "不动产权籍调查表", "宗地图及宗地界址点坐标", "房屋平面图及分户图",
    "建筑物区分所有权业主共有部分清单", "法院判决书或仲裁裁决书", "继承或受遗赠的公证书",
    "婚姻关系证明", "抵押权人同意转让的书面材料", "税务部门出具的涉税信息确认单",
    "原不动产权属证书", "相关部门的批准文件", "查封或异议登记的解除文件", "其他必要材料",
)
GUIDE_QUALIFIER = ("（须载明权利人名称、不动产坐落、面积、用途及权属来源，由申请人签字或加盖公章确认；"
                   "复印件须注明“与原件一致”并加盖公章，外文材料须附有资质机构出具的中文译本）")
FORMS = ("原件", "复印件", "原件及复印件", "原件（查验）", "以窗口告知为准")


def guide_materials(count: int = 22, length: int = 80) -> tuple[MaterialLine, ...]:
    """A real guide's list: long names, every form, counts and requirements the guide left
    unsaid (以窗口告知为准), optional and conditional materials."""
    lines = []
    for i in range(count):
        topic = GUIDE_TOPICS[i % len(GUIDE_TOPICS)]
        name = f"{topic}{GUIDE_QUALIFIER}"[:length]
        need = ("", "", "", "非必需", "有条件：如委托他人办理，须提供")[i % 5]
        lines.append(MaterialLine(
            name, i % 2 == 0, None if i % 3 == 2 else 1 + i % 2, None, True,
            "验后退还" if i % 4 == 3 else "", form_text=FORMS[i % 5],
            copies_text="以窗口告知为准" if i % 3 == 2 else "", need_text=need))
    return tuple(lines)


def long_receipt() -> ReceiptData:
    """A receipt for 22 materials with 80-character names, two of them still missing."""
    mats = tuple(MaterialLine(m.name, m.original, m.copies or 1, 2 + i % 9, i not in (5, 17))
                 for i, m in enumerate(guide_materials()))
    return dataclass_replace(receipt(mats), service_item="国有建设用地使用权及房屋所有权首次登记",
                             item_version=2, calendar_warning="",
                             due_basis="到期时间已按2026年国家法定节假日安排计算。")


def long_notice() -> NoticeData:
    """The one-time notice of a 22-material item whose guide leaves fees and counts unsaid."""
    mats = guide_materials()
    return dataclass_replace(
        notice("notice"), service_item="国有建设用地使用权及房屋所有权首次登记", item_version=2,
        department="不动产登记中心（一楼A区）", materials=mats, fees="以窗口告知为准",
        missing=(mats[5].name, mats[17].name), instant=None, promised_days=0,
        time_limit="法定时限：受理后 30 个自然日内办结")


def receipt(materials: tuple[MaterialLine, ...] = MATERIALS) -> ReceiptData:
    return ReceiptData(
        org=ORG,
        case_number=CASE_NUMBER,
        visitor_name="张伟",
        visitor_phone_masked=MASKED_PHONE,
        visitor_unit="示范市青禾科技有限公司",
        service_item="营业执照变更登记",
        item_version=3,
        materials=materials,
        received_at=NOW,
        handler="王芳（3号窗口）",
        due_at=datetime(2026, 12, 1, 17, 30),
        pickup_at=datetime(2026, 12, 2, 9, 0),
        pickup_place="市民之家二楼3号综合受理窗口（出件区）",
        enquiry_phone="0571-87001234",
        notes="股东会决议原件核对后退回申请人；法定代表人如无法到场可委托代理人领取。",
        calendar_warning="2027年节假日安排尚未录入，承诺办结时间按正常工作日计算，请以窗口通知为准。",
    )


def notice(kind: str = "notice") -> NoticeData:
    reason = ""
    if kind == "refusal":
        reason = (
            "申请变更的经营范围含“危险化学品经营”，依法须先取得危险化学品经营许可证，"
            "申请人未能提供该前置审批文件，不符合受理条件。"
        )
    return NoticeData(
        org=ORG,
        case_number=CASE_NUMBER,
        visitor_name="张伟",
        service_item="营业执照变更登记",
        item_version=3,
        department="市场监督管理局登记注册科",
        instant=False,
        promised_days=3,
        materials=MATERIALS,
        steps=STEPS,
        fees="不收费",
        legal_basis="《中华人民共和国市场主体登记管理条例》第二十四条、第二十五条",
        location="示范市人民路100号市民之家二楼 市场监管综合窗口（3—8号）",
        office_hours="周一至周五 上午9:00—12:00，下午13:30—17:30（法定节假日除外）",
        missing=("指定代表或者共同委托代理人授权委托书", "股东会关于变更事项的决议")
        if kind != "refusal"
        else (),
        issued_at=NOW,
        clerk="王芳",
        kind=kind,
        reason=reason,
    )


def transfer() -> TransferData:
    return TransferData(
        org=ORG,
        case_number=CASE_NUMBER,
        registered_at=NOW,
        visitor_name="张伟",
        visitor_phone_masked=MASKED_PHONE,
        subject="营业执照变更登记 — 新住所需现场核验",
        description="申请人变更公司住所至人民路88号3幢201室，提交的产权证明为复印件，"
        "窗口无法确认房屋用途，需登记注册科安排现场核验后决定是否准予变更。",
        from_staff="王芳",
        from_department="综合受理窗口",
        to_department="市场监督管理局登记注册科",
        to_staff="李强",
        transferred_at=NOW + timedelta(minutes=3),
        note="申请人希望本周内完成核验，联系时请提前半天电话预约。",
        due_at=datetime(2026, 12, 1, 17, 30),
        accept_by=datetime(2026, 11, 27, 17, 30),
    )


def referral() -> ReferralData:
    return ReferralData(
        org=ORG,
        case_number="20261126-0012",
        visitor_name="刘洋",
        subject="出入境证件（护照）加急办理",
        place="示范市公安局出入境管理支队 受理大厅（示范市解放路58号）",
        contact="0571-87005678（工作日 9:00—17:00）",
        note="本中心无出入境业务窗口；已电话确认对方今日可受理加急申请，请携带身份证原件。",
        clerk="王芳",
        referred_at=NOW + timedelta(hours=1, minutes=5),
    )


def hazard() -> HazardData:
    reported = datetime(2026, 11, 26, 14, 40)
    return HazardData(
        org=ORG,
        case_number="20261126-0019",
        reporter="陈静",
        reporter_phone_masked="139****2468",
        location="市民之家一楼东侧安全出口（靠近停车场）",
        description="安全出口门外堆放装修材料约2立方米，疏散通道被堵塞一半；"
        "出口上方应急照明灯不亮。",
        reported_at=reported,
        supervisor="赵敏（后勤保障科科长）",
        verify_by=reported + timedelta(hours=24),
    )


def history() -> HistoryData:
    t = NOW
    events = (
        HistoryLine(t, "王芳", "登记", "来访登记，首问责任人：王芳（3号窗口）"),
        HistoryLine(t + timedelta(minutes=2), "王芳", "收件", "收取材料6项，出具收件回执单"),
        HistoryLine(
            t + timedelta(minutes=3), "王芳", "转办", "转市场监督管理局登记注册科：新住所需现场核验"
        ),
        HistoryLine(t + timedelta(minutes=50), "李强", "签收", "登记注册科签收（用时47分钟）"),
        HistoryLine(t + timedelta(days=1, hours=1), "王芳", "催办", "电话催办，李强答复周五前核验"),
        HistoryLine(t + timedelta(days=2, hours=5), "李强", "办结", "现场核验通过，准予变更登记"),
        HistoryLine(
            t + timedelta(days=2, hours=6),
            "王芳",
            "答复",
            "电话告知办事人办理结果，约定12月2日上午取件",
        ),
    )
    return HistoryData(
        org=ORG,
        case_number=CASE_NUMBER,
        status="已答复",
        visitor_name="张伟",
        subject="营业执照变更登记（版本 v3）",
        events=events,
        printed_at=datetime(2026, 11, 30, 10, 0),
    )


def sample_data() -> dict[str, DocumentData]:
    """One realistic sample per document, keyed by the file stem used for renders."""
    return {
        "receipt": receipt(),
        "notice": notice("notice"),
        "supplement": notice("supplement"),
        "refusal": notice("refusal"),
        "transfer": transfer(),
        "referral": referral(),
        "hazard": hazard(),
        "history": history(),
    }


# ---- the same documents printed from an English window over English register data -------

ORG_EN = OrgHeader(
    name="Riverside Service Centre",
    window="Window 3",
    phone="0571-87001234",
    address="100 People's Road, Riverside",
    footer="First inquiry answers · Done on time · One visit at most · Complaints 12345",
)
MATERIALS_EN: tuple[MaterialLine, ...] = (
    MaterialLine("Application form for a change of company registration", True, 1, 3),
    MaterialLine("Copy of the legal representative's identity card", False, 1, 1),
    MaterialLine("Shareholders' resolution on the change", True, 1, 2),
    MaterialLine("Amended articles of association (signed by the legal representative)", True,
                 1, 6, note="The amendment carries the company seal"),
    MaterialLine("Business licence, original and duplicate", True, 1, 2),
    MaterialLine("Proof of the new address (lease and title deed, copies)", False, 1, 4),
    MaterialLine("Power of attorney for the appointed agent", True, 1, 1, received=False),
)
STEPS_EN = (
    "Hand in the application at a window or online",
    "The clerk checks the materials on the spot and, when they are complete, accepts the "
    "application and gives a receipt",
    "The market office examines the materials, on site where needed",
    "The change of registration is decided",
    "Collect the new licence at the window with the receipt, or have it posted free",
)


def english_data() -> dict[str, DocumentData]:
    """Every sample as an English window prints it: English register data, English words
    (what core words itself — hours, time limits, warnings — is in English too)."""
    mats = MATERIALS_EN
    notice_en = dataclass_replace(
        notice("notice"), org=ORG_EN, visitor_name="Zhang Wei",
        service_item="Change of business registration", department="Market office, registration",
        materials=tuple(dataclass_replace(m, form_text=("Original" if m.original else "Copy"))
                        for m in mats),
        steps=STEPS_EN, fees="Free of charge",
        legal_basis="Market Entity Registration Regulations, articles 24 and 25",
        location="Citizens' Hall, 2nd floor, market windows 3-8",
        office_hours="Working days 09:00–12:00, 13:30–17:30 (not on public holidays)",
        missing=(mats[6].name, mats[2].name), clerk="Wang Fang",
        time_limit="Done within 3 working days of acceptance", lang="en")
    return {
        "receipt": dataclass_replace(
            receipt(mats), org=ORG_EN, visitor_name="Zhang Wei", visitor_unit="Greenfield Tech Ltd",
            service_item="Change of business registration", handler="Wang Fang (Window 3)",
            pickup_place="Citizens' Hall, 2nd floor, window 3 (collection)",
            notes="The original resolution was checked and handed back; an agent may collect "
                  "the licence if the legal representative cannot come.",
            calendar_warning="The public holidays of 2027 are not published yet: the promised "
                             "time counts Monday to Friday; the window will tell you.",
            lang="en"),
        "notice": notice_en,
        "supplement": dataclass_replace(notice_en, kind="supplement",
                                        note="Please bring the originals."),
        "refusal": dataclass_replace(
            notice_en, kind="refusal", missing=(),
            reason="The new business scope includes trading hazardous chemicals, which needs a "
                   "hazardous chemicals licence first; none was shown."),
        "transfer": dataclass_replace(
            transfer(), org=ORG_EN, visitor_name="Zhang Wei",
            subject="Change of business registration - new address to be checked on site",
            description="The company moves to Room 201, Building 3, 88 People's Road; the title "
                        "deed is a copy and the window cannot tell what the building is for.",
            from_staff="Wang Fang", from_department="Front desk",
            to_department="Market office, registration", to_staff="Li Qiang",
            note="The visitor hopes for a visit this week; phone half a day ahead.", lang="en"),
        "referral": dataclass_replace(
            referral(), org=ORG_EN, visitor_name="Liu Yang", subject="Urgent passport",
            place="City Exit-Entry Administration, service hall (58 Liberation Road)",
            contact="0571-87005678 (working days 9:00-17:00)",
            note="No exit-entry window here; they confirmed by phone that they accept urgent "
                 "applications today. Bring your identity card.", clerk="Wang Fang", lang="en"),
        "hazard": dataclass_replace(
            hazard(), org=ORG_EN, reporter="Chen Jing",
            location="Citizens' Hall, ground floor, east emergency exit (by the car park)",
            description="Building materials (about 2 m3) block half the escape route outside "
                        "the exit; the emergency light above it is out.",
            supervisor="Zhao Min (head of facilities)", lang="en"),
        "history": dataclass_replace(
            history(), org=ORG_EN, status="Replied", visitor_name="Zhang Wei",
            subject="Change of business registration (version 3)",
            events=tuple(HistoryLine(e.at, who, what, detail) for e, (who, what, detail) in zip(
                history().events, (
                    ("Wang Fang", "Registered", "First inquiry: Wang Fang (Window 3)"),
                    ("Wang Fang", "Received", "6 materials received, receipt given"),
                    ("Wang Fang", "Transferred", "To the market office: new address to check"),
                    ("Li Qiang", "Accepted", "accepted after 47 working minutes"),
                    ("Wang Fang", "Urged", "Phoned; Li Qiang will check by Friday"),
                    ("Li Qiang", "Resolved", "Checked on site; change approved"),
                    ("Wang Fang", "Replied", "Visitor phoned: collect on 2 December, morning"),
                ), strict=True)), lang="en"),
    }


def shrink_png(path: Path) -> Path:
    """Store a render as 16 grey levels (a quarter of the size) when Pillow is at hand."""
    try:
        from PIL import Image
    except ImportError:
        return path
    with Image.open(path) as image:
        small = image.convert("L").quantize(16)
    small.save(path, optimize=True)
    return path


def _png(pdftoppm: str, pdf: Path, target: Path, dpi: int, *, every_page: bool) -> list[Path]:
    """Page 1 as `target`.png, or with `every_page` each page as `target`-pN.png."""
    pages = ["-f", "1", "-l", "1", "-singlefile"] if not every_page else []
    subprocess.run([pdftoppm, "-r", str(dpi), "-png", *pages, str(pdf), str(target)], check=True)
    if not every_page:
        return [shrink_png(target.with_suffix(".png"))]
    written = []
    for page in sorted(target.parent.glob(f"{target.name}-*.png")):
        suffix = page.stem.rsplit("-", 1)[1]
        if not suffix.isdigit():  # an earlier run's -p1.png in the same folder
            continue
        number = int(suffix)
        final = page.with_name(f"{target.name}-p{number}.png")
        page.replace(final)
        written.append(shrink_png(final))
    return written


def write_samples(out: Path, *, png: bool = True, dpi: int = 80) -> list[Path]:
    """Render every sample in every format to `out` (PDF, plus a page-1 PNG if poppler is
    here); the 22-material receipt and notice get a PNG of every page; the receipt and the
    one-time notice are also rendered in English (`receipt-en-*`, `notice-en-*`)."""
    from documents.render import FORMATS, render_document

    out.mkdir(parents=True, exist_ok=True)
    pdftoppm = shutil.which("pdftoppm") if png else None
    written: list[Path] = []
    long = {"receipt-22": long_receipt(), "notice-22": long_notice()}
    english = {f"{stem}-en": data for stem, data in english_data().items()
               if stem in ("receipt", "notice")}  # the pictures: as an English window prints
    for stem, data in {**sample_data(), **long, **english}.items():
        for fmt in FORMATS:
            pdf = out / f"{stem}-{fmt}.pdf"
            pdf.write_bytes(render_document(data, fmt))
            written.append(pdf)
            if pdftoppm:
                written += _png(pdftoppm, pdf, out / f"{stem}-{fmt}", dpi,
                                every_page=stem in long)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render every FirstDesk document sample.")
    parser.add_argument("out", type=Path, help="folder for the PDFs and PNGs")
    parser.add_argument("--dpi", type=int, default=80, help="PNG resolution (default 80)")
    parser.add_argument("--no-png", action="store_true", help="write the PDFs only")
    parser.add_argument("--no-pdf", action="store_true", help="keep only the PNGs")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    written = write_samples(args.out, png=not args.no_png, dpi=args.dpi)
    if args.no_pdf and not args.no_png:
        for path in [p for p in written if p.suffix == ".pdf"]:
            path.unlink()
        written = [p for p in written if p.suffix != ".pdf"]
    for path in written:
        log.info("%s", path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
