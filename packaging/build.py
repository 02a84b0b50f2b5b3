"""Build FirstDesk with PyInstaller, then run the frozen program's self-test.

    python packaging/build.py                 # dist/FirstDesk/ and dist/FirstDesk-portable[.exe]
                                              # (Windows: FirstDesk-cli.exe in the folder too)
    python packaging/build.py --onedir-only   # the folder only (CI speed)

Steps: compile the Qt Linguist catalogues (.ts → .qm) so the bundle carries them; run
PyInstaller on packaging/firstdesk.spec into build/ and dist/ (clean); run
``<frozen program> self-test`` offscreen for each product; print the sizes and times and
write them to dist/build-info.json. Exits non-zero when any step fails.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "firstdesk.spec"
WINDOWS = sys.platform == "win32"
EXE_SUFFIX = ".exe" if WINDOWS else ""
SELFTEST_TIMEOUT = 300  # s; the one-file build unpacks ~100 MB first


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def mib(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MiB"


def onedir_exe(dist: Path) -> Path:
    return dist / "FirstDesk" / f"FirstDesk{EXE_SUFFIX}"


def console_exe(dist: Path) -> Path:
    """Windows only: FirstDesk-cli.exe, the console twin in the same folder."""
    return dist / "FirstDesk" / "FirstDesk-cli.exe"


def onefile_exe(dist: Path) -> Path:
    return dist / f"FirstDesk-portable{EXE_SUFFIX}"


def compile_translations() -> list[str]:
    """resources/translations/*.ts → .qm with pyside6-lrelease (the .qm are not committed)."""
    folder = ROOT / "resources" / "translations"
    sources = sorted(folder.glob("*.ts")) if folder.is_dir() else []
    if not sources:
        return []
    bindir = Path(sys.executable).parent  # a venv's bin/ or Scripts\; a system Python's root
    candidates = [d / f"pyside6-lrelease{EXE_SUFFIX}" for d in (bindir, bindir / "Scripts")]
    tool = next((str(c) for c in candidates if c.exists()), shutil.which("pyside6-lrelease"))
    if tool is None:
        raise SystemExit("pyside6-lrelease not found: install PySide6 in this environment")
    built = []
    for ts in sources:
        qm = ts.with_suffix(".qm")
        subprocess.run([tool, str(ts), "-qm", str(qm)], check=True, capture_output=True)
        built.append(qm.name)
    return built


def run_pyinstaller(dist: Path, work: Path, onefile: bool, slim: bool) -> float:
    env = dict(os.environ, FIRSTDESK_ONEFILE="1" if onefile else "0",
               FIRSTDESK_SLIM="1" if slim else "0")
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    print("$ " + " ".join(cmd), flush=True)
    started = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, cwd=ROOT)
    return time.perf_counter() - started


def run_selftest(exe: Path, report_dir: Path) -> tuple[int, float, str]:
    """Run `exe self-test` offscreen; return (exit code, seconds, output).

    The windowed Windows exe has no console of its own: its output is collected through
    the pipe (packaging/rthook_console.py) and, to be sure, through --report FILE.
    """
    report = report_dir / f"selftest-{exe.stem}.txt"
    report.unlink(missing_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("FIRSTDESK_HOME", None)  # the self-test makes its own temporary one
    env.pop("PYTHONIOENCODING", None)  # the frozen program must write UTF-8 by itself
    started = time.perf_counter()
    try:
        proc = subprocess.run([str(exe), "self-test", "--report", str(report)], check=False, env=env,
                              capture_output=True, timeout=SELFTEST_TIMEOUT)
        code = proc.returncode
        output = proc.stdout.decode("utf-8", "replace") + proc.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as exc:
        code, output = 124, f"self-test timed out after {exc.timeout} s"
    seconds = time.perf_counter() - started
    if not output.strip() and report.exists():
        output = report.read_text(encoding="utf-8")
    return code, seconds, output


def _build(args: argparse.Namespace, onefile: bool, info: dict[str, object]) -> None:
    """Translations compiled, the old products removed, PyInstaller run."""
    qm = compile_translations()
    print(f"translations compiled: {', '.join(qm) or 'none (.ts absent)'}", flush=True)
    for stale in (args.dist / "FirstDesk", onefile_exe(args.dist)):
        if stale.is_dir():
            shutil.rmtree(stale)
        elif stale.exists():
            stale.unlink()
    info["build_seconds"] = round(run_pyinstaller(args.dist, args.work, onefile,
                                                  not args.no_slim), 1)
    print(f"PyInstaller finished in {info['build_seconds']} s", flush=True)


def _self_tests(args: argparse.Namespace, onefile: bool,
                info: dict[str, object]) -> tuple[list[tuple[str, Path]], list[str]]:
    """Each frozen product's own self-test: the products, and those that failed."""
    products = [("onedir", onedir_exe(args.dist))]
    if WINDOWS:
        products.append(("console", console_exe(args.dist)))
    if onefile:
        products.append(("onefile", onefile_exe(args.dist)))
    failed = []
    for kind, exe in products:
        if not exe.exists():
            print(f"missing: {exe}", file=sys.stderr)
            failed.append(kind)
            continue
        print(f"\n== self-test of the frozen {kind} program: {exe.relative_to(ROOT) if exe.is_relative_to(ROOT) else exe}",
              flush=True)
        code, seconds, output = run_selftest(exe, args.work)
        print(output.rstrip())
        print(f"(exit code {code}, {seconds:.1f} s wall)", flush=True)
        info[f"{kind}_selftest_exit"] = code
        info[f"{kind}_selftest_seconds"] = round(seconds, 2)
        if code != 0:
            failed.append(kind)
    return products, failed


def _sizes(args: argparse.Namespace, onefile: bool, info: dict[str, object]) -> None:
    """The one-folder program's and the one-file executable's sizes."""
    folder = args.dist / "FirstDesk"
    print("\n== sizes")
    if folder.is_dir():
        info["onedir_bytes"] = size = folder_size(folder)
        files = sum(1 for f in folder.rglob("*") if f.is_file())
        print(f"one-folder  {folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder}/  "
              f"{mib(size)} in {files} files")
    if onefile and onefile_exe(args.dist).exists():
        info["onefile_bytes"] = size = onefile_exe(args.dist).stat().st_size
        print(f"one-file    {onefile_exe(args.dist).name}  {mib(size)}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--onedir-only", action="store_true",
                   help="skip the one-file portable executable")
    p.add_argument("--no-slim", action="store_true",
                   help="keep every Qt plugin and translation (for comparison)")
    p.add_argument("--skip-build", action="store_true",
                   help="only run the self-test on an existing dist/")
    p.add_argument("--dist", type=Path, default=ROOT / "dist")
    p.add_argument("--work", type=Path, default=ROOT / "build")
    args = p.parse_args(argv)
    onefile = not args.onedir_only
    info: dict[str, object] = {"platform": platform.platform(), "python": platform.python_version()}

    if not args.skip_build:
        _build(args, onefile, info)
    products, failed = _self_tests(args, onefile, info)
    _sizes(args, onefile, info)
    args.dist.mkdir(parents=True, exist_ok=True)
    (args.dist / "build-info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    if failed:
        print(f"\nBUILD FAILED: self-test did not pass for {', '.join(failed)}", file=sys.stderr)
        return 1
    print("\nbuild OK: frozen self-test passed for " + ", ".join(k for k, _ in products))
    return 0


if __name__ == "__main__":
    sys.exit(main())
