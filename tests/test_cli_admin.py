"""The administrator's command line: export register / catalogue, import catalogue, stats,
calendar import — and the working-calendar reminder behind it (core.calendar.calendar_admin)."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

import cli
from core import register
from core.admin.catalogue import get_item
from core.calendar.calendar_admin import calendar_reminder, import_schedule_file, year_view
from core.dto import Scope
from models.tables import CalendarOverride
from tests.helpers import ORG_ADMIN, make_item, walk_in
from tests.month_data import build_month

SCHEDULE_2027 = """date,type,name
2027-01-01,假日,元旦
2027-02-05,休,春节
2027-02-08,休,春节
2027-02-20,班,春节调休
"""


@pytest.fixture(autouse=True)
def _as_admin(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands run as the test organisation's administrator."""
    for key, value in ORG_ADMIN.items():
        monkeypatch.setenv(key, value)


def run(db_target: str, *args: str) -> int:
    return cli.main(["--db", db_target, *args])


@pytest.fixture
def month(org, clock):
    return build_month(org, clock)


def test_help_lists_the_new_commands(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    for name in ("export", "import", "stats", "calendar", "restore"):
        assert name in out


def test_export_register_for_a_period(month, db_target, tmp_path, capsys):
    out = tmp_path / "register.xlsx"
    assert run(db_target, "export", "register", "--from", "2026-11-01", "--to", "2026-11-30",
               "--out", str(out)) == 0
    assert "8 cases" in capsys.readouterr().out
    ws = load_workbook(out).active
    assert ws.max_row == 3 + 8 and ws["A3"].value == "事项编号"  # title, period, head
    assert run(db_target, "export", "register", "--from", "2026-11-24", "--to", "2026-11-24",
               "--out", str(out)) == 0
    assert load_workbook(out).active.max_row == 3 + 2  # C and D


def test_bad_dates_are_refused(org, db_target, tmp_path, capsys):
    with pytest.raises(SystemExit) as e:
        run(db_target, "export", "register", "--from", "2026-11-31", "--to", "2026-12-01",
            "--out", str(tmp_path / "x.xlsx"))
    assert e.value.code == 2 and "YYYY-MM-DD" in capsys.readouterr().err
    assert run(db_target, "export", "register", "--from", "2026-12-01", "--to", "2026-11-01",
               "--out", str(tmp_path / "x.xlsx")) == 1
    assert "统计期间" in capsys.readouterr().err


def test_catalogue_export_edit_import(org, db_target, tmp_path, capsys):
    item = make_item(org.market, days=3)
    path = tmp_path / "catalogue.xlsx"
    assert run(db_target, "export", "catalogue", "--out", str(path)) == 0
    wb = load_workbook(path)
    wb["事项清单"]["E2"].value = 7
    wb.save(path)
    assert run(db_target, "import", "catalogue", str(path)) == 0
    assert "1 changed" in capsys.readouterr().out
    assert get_item(item.id).promised_days == 7 and get_item(item.id).version == 2
    wb["事项清单"]["C2"].value = "不存在的部门"
    wb["事项清单"]["E2"].value = 9
    wb.save(path)
    assert run(db_target, "import", "catalogue", str(path)) == 1
    err = capsys.readouterr().err
    assert "工作表“事项清单”第 2 行" in err and "C 列“承办部门”" in err
    assert get_item(item.id).promised_days == 7  # nothing half-imported
    blank = tmp_path / "blank.xlsx"
    assert run(db_target, "export", "catalogue", "--blank", "--out", str(blank)) == 0
    assert load_workbook(blank)["事项清单"].max_row == 1


def test_stats_prints_a_summary_and_writes_pdf_or_xlsx(month, db_target, tmp_path, capsys):
    assert run(db_target, "stats", "--month", "2026-11") == 0
    out = capsys.readouterr().out
    assert out.startswith("2026年11月\t全部部门")
    assert "按时办结率\t75.0%\t3 / 4" in out and "登记事项\t8\t件" in out
    pdf = tmp_path / "report.pdf"
    assert run(db_target, "stats", "--month", "2026-11", "--out", str(pdf)) == 0
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "首问责任制落实情况月报" in text
    xlsx = tmp_path / "stats.xlsx"
    assert run(db_target, "stats", "--month", "2026-11", "--department", "市场监管窗口",
               "--out", str(xlsx)) == 0
    wb = load_workbook(xlsx)
    assert wb["概况"]["A1"].value == "2026年11月 概况（市场监管窗口）"
    assert run(db_target, "stats", "--month", "2026-11", "--out", str(tmp_path / "x.txt")) == 2
    assert run(db_target, "stats", "--month", "2026-11", "--department", "无此部门") == 1
    assert run(db_target, "stats", "--month", "2026-13") == 1


def test_stats_accountability_list(month, org, db_target, tmp_path, capsys):
    from core.supervision import accountability as acc

    acc.record_complaint(org.leader, org.handler, "cold_attitude", "态度生硬", "education")
    acc.commend(org.leader, org.clerk, "耐心细致")  # both on 12-01, the clock of the month data
    pdf = tmp_path / "acc.pdf"
    capsys.readouterr()
    assert run(db_target, "stats", "--month", "2026-12", "--accountability", "--out", str(pdf)) == 0
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "责任追究清单" in text and "耐心细致" in text
    assert run(db_target, "stats", "--month", "2026-12", "--accountability") == 0
    assert "综合受理窗口\t已确认 0\t待审核 0\t表扬 1" in capsys.readouterr().out


def test_calendar_reminder_and_import(org, db_target, clock, tmp_path, capsys):
    clock.set(datetime(2026, 12, 21, 9, 0))
    report = walk_in(org.clerk, Scope("own"), kind="report")  # 15 working days: due in 2027
    assert report.due_at.year == 2027
    before = calendar_reminder()
    assert 2027 in before.missing_years, "premise: the built-in data stops at 2026"
    assert before.open_cases_affected == 1 and before.checked_years == (2026, 2027)
    assert "2027年" in before.message() and "1 件" in before.message()
    schedule = tmp_path / "2027.csv"
    schedule.write_text(SCHEDULE_2027, encoding="gb18030")  # as Excel saves CSV on a Chinese PC
    assert run(db_target, "calendar", "import", str(schedule)) == 0
    assert "4 days (3 放假, 1 调休上班)" in capsys.readouterr().out
    register.invalidate()
    assert calendar_reminder().needed is False
    view = year_view(2027)
    assert view.official
    marked = {d.day: (d.workday, d.name, d.overridden) for d in view.days}
    assert marked[date(2027, 1, 1)] == (False, "元旦", True)
    assert marked[date(2027, 2, 20)] == (True, "春节调休", True)  # a Saturday at work


def test_calendar_import_refuses_a_bad_file_and_imports_nothing(org, db_target, tmp_path,
                                                                 capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text(SCHEDULE_2027 + "2027-13-01,休,不存在的日子\n", encoding="utf-8")
    assert run(db_target, "calendar", "import", str(bad)) == 1
    assert "第 6 行" in capsys.readouterr().err
    assert CalendarOverride.select().count() == 0
    empty = tmp_path / "empty.csv"
    empty.write_text("date,type,name\n", encoding="utf-8")
    with pytest.raises(ValueError, match="没有任何日期"):
        import_schedule_file(empty, actor_id=None)


def test_this_year_view_counts_working_days(org, db_target):
    view = year_view(2026)
    # 261 weekdays − 19 weekday holidays + 6 make-up Saturdays/Sundays (State Council 2026)
    assert view.official and view.workdays == 248
    national_day = {d.day: d.name for d in view.days if d.day.month == 10 and not d.workday}
    assert national_day.get(date(2026, 10, 1)) == "国庆节"


def test_commands_on_a_missing_register_are_clear(tmp_path: Path, capsys):
    missing = str(tmp_path / "none.db")
    for args in (("stats", "--month", "2026-11"), ("import", "catalogue", "x.xlsx"),
                 ("calendar", "import", "x.csv")):
        assert cli.main(["--db", missing, *args]) == 1
        assert "数据库文件不存在" in capsys.readouterr().err
    assert not Path(missing).exists()


def test_commands_run_as_a_signed_in_person_and_are_audited_as_them(org, db_target, tmp_path,
                                                                     monkeypatch, capsys):
    """--user / FIRSTDESK_USER names who acts; the role decides; the audit log says who."""
    from models.tables import AuditLog, Staff

    ref = walk_in(org.clerk, Scope("own"))
    out = tmp_path / "r.pdf"
    monkeypatch.delenv("FIRSTDESK_USER")
    assert run(db_target, "print", "receipt", ref.number, "--out", str(out)) == 1
    assert "需要以工作人员身份运行" in capsys.readouterr().err and not out.exists()

    assert run(db_target, "print", "receipt", ref.number, "--out", str(out),
               "--user", "wangwu") == 0  # a clerk prints, as themself
    printed = AuditLog.select().where(AuditLog.action == "printed").order_by(AuditLog.id.desc())
    assert printed.first().actor_id == org.clerk

    assert run(db_target, "backup", str(tmp_path / "b.db"), "--user", "wangwu") == 1
    assert "不能执行“备份与恢复”" in capsys.readouterr().err  # a clerk may not back up
    assert not (tmp_path / "b.db").exists()

    monkeypatch.setenv("FIRSTDESK_PASSWORD", "wrong-password")
    assert run(db_target, "overdue", "--user", "wangwu") == 1
    assert "用户名或密码不正确" in capsys.readouterr().err
    assert Staff.get_by_id(org.clerk).failed_logins == 1  # the window's lock-out counts it too
