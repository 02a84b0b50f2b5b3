"""Sample data for the two reports, and `python -m bench.report_samples OUT` to render
them (PDF, and PNG previews of page 1 when pdftoppm is installed)."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from bench.document_samples import ORG
from core.printing.report_paper import (
    AccountabilityListData,
    CommendationLine,
    DepartmentAccountability,
    Figure,
    MonthlyReportData,
    ReportTable,
    ViolationLine,
)
from documents import accountability_list, monthly_report

NOW = datetime(2026, 12, 1, 9, 30)
DEPARTMENTS = ("综合受理窗口", "公安户政窗口", "社会事务窗口", "市场监管窗口", "税务窗口",
               "人社医保窗口", "公积金窗口", "不动产登记窗口", "安全管理办公室")
NAMES = ("王五", "赵六", "李四", "孙七", "周八", "吴九", "郑十", "钱安", "陈静", "冯雪", "孔宇",
         "褚伟", "何平", "赵敏", "周燕", "吴芳", "孙浩", "张丽", "刘洋", "杨军", "韩磊", "卫兰")


def _pct(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "—"


def sample_monthly_report() -> MonthlyReportData:
    """A centre of nine departments and 22 staff over one month (about 27,000 cases)."""
    dep_rows = []
    totals = [0] * 7
    for i, name in enumerate(DEPARTMENTS):
        reg = 3400 - 190 * i
        done = reg * 62 // 100
        late = done * (4 + i) // 100
        cells = (reg, reg - done - 80, done, done - late, late, 0, 20 + 7 * i)
        totals = [a + b for a, b in zip(totals, cells, strict=True)]
        dep_rows.append((name, *map(str, cells[:5]), _pct(done - late, done), str(cells[6])))
    dep_rows.append(("合计", *map(str, totals[:5]), _pct(totals[3], totals[2]), str(totals[6])))
    head = ("承办部门", "登记", "未办结", "办结", "按时办结", "超期办结", "按时办结率",
            "本期登记·当前超期")
    staff = tuple(
        (n, DEPARTMENTS[i % 9], str(900 - 31 * i if i % 3 == 0 else 0), str(700 - 17 * i),
         str(430 - 9 * i), str(400 - 9 * i), str(30), _pct(400 - 9 * i, 430 - 9 * i), str(i % 7))
        for i, n in enumerate(NAMES))
    overdue = tuple(
        (f"20261{120 + i // 9}-{i + 31:04d}", "不动产抵押权注销登记" if i % 2 else "个体工商户设立登记",
         DEPARTMENTS[i % 9], NAMES[i % len(NAMES)], (NOW - timedelta(days=3 + i // 4)).strftime(
             "%m-%d 17:30"), f"{21 + 7 * (i // 4):.1f}")
        for i in range(20))
    return MonthlyReportData(
        org=ORG, period="2026年11月", scope="全部部门", generated_at=NOW,
        figures=(Figure("登记事项", "27,013 件"), Figure("办结", "16,748 件"),
                 Figure("按时办结率", "91.2%", "15,274/16,748"),
                 Figure("本期登记·当前超期", f"{totals[6]} 件", f"未办结 {totals[1]:,} 件"),
                 Figure("平均签收用时", "51.2 工作分钟", "P90 111"),
                 Figure("平均办结用时", "8.4 小时", "P90 21.5"),
                 Figure("最多跑一次率", "94.4%", "平均 1.06 次"),
                 Figure("满意率", "95.7%", "参评 4,210 件")),
        tables=(
            ReportTable("按承办部门", head, tuple(dep_rows), (2.2, 1, 1, 1, 1, 1, 1.2, 1),
                        centered=tuple(range(1, 8)), total_row=True),
            ReportTable("按人员", ("姓名", "部门", "首问登记", "承办", "办结", "按时办结",
                                  "超期办结", "按时办结率", "本期登记·当前超期"), staff,
                        (1.4, 2.2, 1, 1, 1, 1, 1, 1.2, 1), centered=tuple(range(2, 9))),
        ),
        current=(Figure("当前超期", "647 件"), Figure("即将到期", "212 件")),
        current_tables=(
            ReportTable(f"截至 {NOW:%Y-%m-%d %H:%M} 的超期事项（不限登记期间）",
                        ("事项编号", "事项", "承办部门", "责任人", "到期时间", "超期（工作小时）"),
                        overdue, (2.4, 3.6, 2.2, 1.8, 1.9, 1.2), centered=(4, 5),
                        note="共 647 件，列出前 20 件"),
        ),
        definitions=("统计对象为统计期间内登记的事项，状态截至生成时间。",
                     "按时办结率 = 在到期时间之前办结的事项 ÷ 已办结且有到期时间的事项。"),
        warnings=("2027年的法定节假日安排尚未录入，期间的到期时间暂按周一至周五计算。",),
    )


def sample_accountability_list() -> AccountabilityListData:
    def v(staff: str, rule: str, number: str, day: int, evidence: str, sanction: str) -> ViolationLine:
        return ViolationLine(staff, rule, number, datetime(2026, 11, day, 11, 30), evidence,
                             "已确认", sanction)

    return AccountabilityListData(
        org=ORG, period="2026年11月", scope="全部部门", generated_at=NOW, dismissed=3,
        departments=(
            DepartmentAccountability("综合受理窗口", (
                v("王五", "被投诉查实", "20261112-0031", 12,
                  "使用服务忌语（不知道/没办法/不归我管）：对办事人说“不归我管”，经调查属实", "通报批评"),
                v("赵六", "未及时移交", "20261118-0102", 18, "登记 11-18 09:12，移交 11-18 14:40，时限 2 个工作小时",
                  "批评教育"),
            ), (), pending=4),
            DepartmentAccountability("市场监管窗口", (
                v("孙七", "超期未办结", "20261123-0011", 26, "到期 11-26 17:30，办结 11-27 10:00",
                  "批评教育"),
            ), (CommendationLine("李四", "20261123-0007", datetime(2026, 11, 30, 16), "主动延时服务，群众送锦旗"),),
                pending=1),
            DepartmentAccountability("税务窗口", (), (), pending=2),
        ),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="render the sample reports")
    parser.add_argument("out", type=Path)
    out = parser.parse_args(argv).out
    out.mkdir(parents=True, exist_ok=True)
    for name, pdf in (("monthly-report-a4", monthly_report.render(sample_monthly_report(), "a4")),
                      ("accountability-list-a4",
                       accountability_list.render(sample_accountability_list(), "a4"))):
        (out / f"{name}.pdf").write_bytes(pdf)
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-r", "70", "-png", "-singlefile", "-f", "1", "-l", "1",
                            str(out / f"{name}.pdf"), str(out / name)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
