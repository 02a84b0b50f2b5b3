"""Start-up of the packaged FirstDesk next to its floor, a bare PySide6 window packaged the same way.

    python bench/startup.py [--runs 7] [--cold-runs 5] [--build] [--json FILE]

Both programs are PyInstaller one-folder builds (FirstDesk from packaging/firstdesk.spec,
the floor from bench/bare_window.spec, with the same slimming). Each is started on a
private Xvfb display, exactly as a user starts it, and watched from outside through X11:
the clock runs from the launch to the moment its first top-level window is mapped. No
hook in the program is needed, so the measurement is the same for both.

FirstDesk is measured to two milestones on a demo register (2,000 cases):
  first window   the sign-in dialog — when the clerk can start typing;
  main window    after the bench types user name and password into it (synthetic X key
                 events, a few ms) and the program checks the password (Argon2id) and
                 builds the main window with its case list; also timed from the Return key
                 ("after sign-in": what the clerk waits for once the password is typed),
                 typed at once and, in runs of their own, with Return pressed 1.5 s after
                 the window showed (a clerk's typing: the register opens and the main
                 window's modules load meanwhile).
Cold runs first evict every file of the bundle (and the fonts) from the page cache —
`echo 3 > /proc/sys/vm/drop_caches` when allowed, else posix_fadvise(DONTNEED) per file —
warm runs follow immediately. Medians, and the ratios to the floor, go to stdout and JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
BENCH_DIST = ROOT / "build" / "bench" / "dist"
FIRSTDESK = DIST / "FirstDesk" / "FirstDesk"
FLOOR = BENCH_DIST / "bare_window" / "bare_window"
PORTABLE = DIST / "FirstDesk-portable"
DEMO_USER, DEMO_PASSWORD = "wangwu", "demo1234"
PACE = 1.5  # s from the sign-in window to Return for a clerk typing user name and password
TIMEOUT = 30.0

# ---- X11 through ctypes (libX11, libXtst: already needed by Qt's xcb platform) ----------------


class _Attrs(ctypes.Structure):
    _fields_ = [  # XWindowAttributes, Xlib.h
        ("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int),
        ("height", ctypes.c_int), ("border_width", ctypes.c_int), ("depth", ctypes.c_int),
        ("visual", ctypes.c_void_p), ("root", ctypes.c_ulong), ("class_", ctypes.c_int),
        ("bit_gravity", ctypes.c_int), ("win_gravity", ctypes.c_int),
        ("backing_store", ctypes.c_int), ("backing_planes", ctypes.c_ulong),
        ("backing_pixel", ctypes.c_ulong), ("save_under", ctypes.c_int),
        ("colormap", ctypes.c_ulong), ("map_installed", ctypes.c_int),
        ("map_state", ctypes.c_int), ("all_event_masks", ctypes.c_long),
        ("your_event_mask", ctypes.c_long), ("do_not_propagate_mask", ctypes.c_long),
        ("override_redirect", ctypes.c_int), ("screen", ctypes.c_void_p),
    ]


_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)(lambda d, e: 0)


class X11:
    """Just enough Xlib to see top-level windows appear and to type into one."""

    IS_VIEWABLE = 2

    def __init__(self, display: str) -> None:
        x = ctypes.cdll.LoadLibrary("libX11.so.6")
        self.xtst = ctypes.cdll.LoadLibrary("libXtst.so.6")
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XDefaultRootWindow.restype = ctypes.c_ulong
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong] + [ctypes.c_void_p] * 4
        x.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p]
        x.XFree.argtypes = [ctypes.c_void_p]
        x.XStringToKeysym.restype = ctypes.c_ulong
        x.XStringToKeysym.argtypes = [ctypes.c_char_p]
        x.XKeysymToKeycode.restype = ctypes.c_ubyte
        x.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        x.XSetInputFocus.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_ulong]
        x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int,
                                                ctypes.c_ulong]
        x.XSetErrorHandler(_ERROR_HANDLER)  # a window closing under us is not fatal
        self.x = x
        self.dpy = x.XOpenDisplay(display.encode())
        if not self.dpy:
            raise RuntimeError(f"cannot open X display {display}")
        self.root = x.XDefaultRootWindow(self.dpy)

    def windows(self) -> list[tuple[int, int, int]]:
        """Mapped top-level windows (id, width, height), popups and tooltips excluded."""
        root, parent = ctypes.c_ulong(), ctypes.c_ulong()
        children = ctypes.POINTER(ctypes.c_ulong)()
        count = ctypes.c_uint()
        self.x.XSync(self.dpy, 0)
        if not self.x.XQueryTree(self.dpy, self.root, ctypes.byref(root), ctypes.byref(parent),
                                 ctypes.byref(children), ctypes.byref(count)):
            return []
        found = []
        for i in range(count.value):
            attrs = _Attrs()
            if (self.x.XGetWindowAttributes(self.dpy, children[i], ctypes.byref(attrs))
                    and attrs.map_state == self.IS_VIEWABLE and not attrs.override_redirect
                    and attrs.width > 100 and attrs.height > 80):
                found.append((children[i], attrs.width, attrs.height))
        if children:
            self.x.XFree(children)
        return found

    def type_text(self, window: int, keys: list[str]) -> None:
        """Focus `window` and type keysym names ('w', 'Tab', 'Return') as real key presses."""
        self.x.XSetInputFocus(self.dpy, window, 2, 0)  # RevertToParent, CurrentTime
        self.x.XSync(self.dpy, 0)
        for key in keys:
            code = self.x.XKeysymToKeycode(self.dpy, self.x.XStringToKeysym(key.encode()))
            self.xtst.XTestFakeKeyEvent(self.dpy, code, 1, 0)
            self.xtst.XTestFakeKeyEvent(self.dpy, code, 0, 0)
        self.x.XSync(self.dpy, 0)


@contextlib.contextmanager
def xvfb() -> Iterator[str]:
    """A private X server for the run (no window manager: windows map as the program asks)."""
    for n in range(70, 99):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            break
    display = f":{n}"
    proc = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            if Path(f"/tmp/.X11-unix/X{n}").exists():
                break
            time.sleep(0.02)
        time.sleep(0.2)
        yield display
    finally:
        proc.terminate()
        proc.wait(10)


# ---- page cache -------------------------------------------------------------------------------

def evict(paths: list[Path]) -> str:
    """Make the next start cold: drop the page cache, or evict these files from it."""
    os.sync()
    with contextlib.suppress(OSError):
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return "drop_caches"
    for top in paths:
        files = [top] if top.is_file() else [p for p in top.rglob("*") if p.is_file()]
        for f in files:
            with contextlib.suppress(OSError):
                fd = os.open(f, os.O_RDONLY)
                try:
                    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                finally:
                    os.close(fd)
    return "posix_fadvise(DONTNEED) on the bundle and fonts"


# ---- one start --------------------------------------------------------------------------------

def start_once(exe: Path, display: str, env: dict[str, str], sign_in: bool,
               args: tuple[str, ...] = (), pace: float = 0.0) -> dict[str, float]:
    """Launch `exe`, time its first window (and, with sign_in, the main window after it).
    `pace`: Return is pressed that long after the window showed (a clerk typing), else at
    once."""
    x = X11(display)
    before = {w for w, _, _ in x.windows()}
    run_env = dict(env, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    started = time.perf_counter()
    proc = subprocess.Popen([str(exe), *args], env=run_env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    result: dict[str, float] = {}
    first = None
    try:
        while time.perf_counter() - started < TIMEOUT:
            if proc.poll() is not None and first is None:
                err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
                raise RuntimeError(f"{exe.name} exited ({proc.returncode}) before a window: {err[-800:]}")
            shown = [w for w in x.windows() if w[0] not in before]
            if first is None and shown:
                first = shown[0][0]
                result["first_window_s"] = time.perf_counter() - started
                if not sign_in:
                    break
                typed_at = time.perf_counter()
                x.type_text(first, [*DEMO_USER, "Tab", *DEMO_PASSWORD])
                time.sleep(max(0.0, typed_at + pace - time.perf_counter()))
                x.type_text(first, ["Return"])
                entered = time.perf_counter()  # Return pressed: the sign-in starts
                result["typing_ms"] = (entered - typed_at) * 1000
            elif first is not None and any(w[0] != first for w in shown):
                result["main_window_s"] = time.perf_counter() - started
                result["after_sign_in_s"] = time.perf_counter() - entered
                break
            time.sleep(0.002)
        else:
            raise RuntimeError(f"{exe.name}: no {'main ' if first else ''}window within {TIMEOUT} s")
    finally:
        # SIGTERM first: the one-file bootloader passes it on and removes its unpacked copy.
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return result


class Program:
    """One packaged program under test and its runs."""

    def __init__(self, name: str, exe: Path, *, sign_in: bool, args: tuple[str, ...] = (),
                 before_each: Callable[[], None] | None = None, pace: float = 0.0) -> None:
        self.name, self.exe, self.sign_in, self.args = name, exe, sign_in, args
        self.before_each, self.pace = before_each, pace
        self.runs: dict[str, list[dict[str, float]]] = {"cold": [], "warm": []}

    def start(self, display: str, env: dict[str, str], kind: str) -> None:
        if self.before_each is not None:
            self.before_each()
        self.runs[kind].append(start_once(self.exe, display, env, self.sign_in, self.args,
                                          self.pace))

    def medians(self) -> dict[str, float]:
        """Median and best of each milestone (the best is what a quiet machine would show)."""
        out = {}
        for kind, items in self.runs.items():
            for key in ("first_window_s", "main_window_s", "after_sign_in_s"):
                values = [r[key] for r in items if key in r]
                if values:
                    name = f"{kind}_{key.removesuffix('_s')}"
                    out[f"{name}_median_s"] = round(statistics.median(values), 3)
                    out[f"{name}_min_s"] = round(min(values), 3)
        return out


def measure(programs: list[Program], display: str, env: dict[str, str], *, cold: int,
            warm: int, evict_paths: list[Path]) -> str:
    """Alternate the programs run by run, so a busy machine slows them alike."""
    method = ""
    for _ in range(cold):
        for program in programs:
            method = evict(evict_paths)
            program.start(display, env, "cold")
    for _ in range(warm):
        for program in programs:
            program.start(display, env, "warm")
    return method


# ---- builds -----------------------------------------------------------------------------------

def build_firstdesk() -> None:
    subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--onedir-only"],
                   check=True, cwd=ROOT)


def build_floor() -> None:
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--log-level", "WARN", "--distpath", str(BENCH_DIST),
                    "--workpath", str(ROOT / "build" / "bench" / "work"),
                    str(ROOT / "bench" / "bare_window.spec")], check=True, cwd=ROOT)


def folder_mib(path: Path) -> float:
    files = (p for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return round(sum(p.stat().st_size for p in files) / 2**20, 1)


def prepare_register(home: Path) -> None:
    """A demo register made by the packaged program's own command line."""
    env = dict(os.environ, FIRSTDESK_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    subprocess.run([str(FIRSTDESK), "demo", "--cases", "2000"], env=env, check=True,
                   stdout=subprocess.DEVNULL)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=7, help="warm starts per program")
    p.add_argument("--cold-runs", type=int, default=5, help="cold starts per program")
    p.add_argument("--build", action="store_true", help="rebuild both packages first")
    p.add_argument("--no-portable", action="store_true",
                   help="skip dist/FirstDesk-portable even when it exists")
    p.add_argument("--json", type=Path, default=ROOT / "bench" / "startup-results.json")
    args = p.parse_args(argv)
    if not sys.platform.startswith("linux") or not shutil.which("Xvfb"):
        print("bench/startup.py needs Linux with Xvfb (apt-get install xvfb)", file=sys.stderr)
        return 2
    if args.build or not FIRSTDESK.exists():
        build_firstdesk()
    if args.build or not FLOOR.exists():
        build_floor()

    fonts = [Path("/usr/share/fonts")]
    with tempfile.TemporaryDirectory(prefix="firstdesk-startup-") as tmp:
        home = Path(tmp)
        prepare_register(home)
        env = dict(os.environ, FIRSTDESK_HOME=str(home))
        env.pop("QT_QPA_PLATFORM", None)
        ini = home / "firstdesk.ini"  # per-PC settings: forget the last user, so every
        reset = lambda: ini.unlink(missing_ok=True)  # noqa: E731 - start types user + password
        floor = Program("floor", FLOOR, sign_in=False, args=("--stay",))
        desk = Program("FirstDesk", FIRSTDESK, sign_in=True, before_each=reset)
        # The same, with Return pressed PACE s after the window showed, as a clerk typing
        # would: what is left after Return once the register and the window's modules had
        # the typing time to load.
        paced = Program("FirstDesk, typed", FIRSTDESK, sign_in=True, before_each=reset,
                        pace=PACE)
        programs = [floor, desk, paced]
        # The one-file portable build, when present: to its first window only (it unpacks
        # itself into a temporary folder at every start, so it is never really warm).
        portable = Program("portable", PORTABLE, sign_in=False, before_each=reset)
        if PORTABLE.exists() and not args.no_portable:
            programs.append(portable)
        load_before = os.getloadavg()
        with xvfb() as display:
            method = measure(programs, display, env, cold=args.cold_runs, warm=args.runs,
                             evict_paths=[FLOOR.parent, FIRSTDESK.parent, PORTABLE, *fonts])
        load_after = os.getloadavg()
    fm, dm, pm, tm = floor.medians(), desk.medians(), portable.medians(), paced.medians()

    def ratio(a: str, b: str) -> float | None:
        return round(dm[a] / fm[b], 2) if dm.get(a) and fm.get(b) else None

    summary = {
        "machine": f"{platform.platform()}, {os.cpu_count()} cores",
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "measured": "launch → first top-level window mapped (X11, Xvfb), median seconds",
        "cold_method": method,
        "load_average_before_after": [round(load_before[0], 2), round(load_after[0], 2)],
        "floor_bundle_mib": folder_mib(FLOOR.parent),
        "firstdesk_bundle_mib": folder_mib(FIRSTDESK.parent),
        "floor": fm,
        "firstdesk": dm,
        "typing_pace_s": PACE,
        "firstdesk_typed_at_pace": tm,
        "portable": pm,
        "portable_mib": round(PORTABLE.stat().st_size / 2**20, 1) if pm else None,
        "ratio_first_window_cold": ratio("cold_first_window_median_s", "cold_first_window_median_s"),
        "ratio_first_window_warm": ratio("warm_first_window_median_s", "warm_first_window_median_s"),
        "ratio_main_window_cold": ratio("cold_main_window_median_s", "cold_first_window_median_s"),
        "ratio_main_window_warm": ratio("warm_main_window_median_s", "warm_first_window_median_s"),
        "ratio_first_window_warm_best": ratio("warm_first_window_min_s", "warm_first_window_min_s"),
        "ratio_main_window_warm_best": ratio("warm_main_window_min_s", "warm_first_window_min_s"),
        "runs": {"floor": floor.runs, "firstdesk": desk.runs, "portable": portable.runs,
                 "firstdesk_typed_at_pace": paced.runs},
    }
    print(f"{'start to …':34} {'cold':>8} {'warm':>8}   (median s; cold = {method}; "
          f"load {load_before[0]:.1f} → {load_after[0]:.1f})")
    rows = [
        ("floor: bare window shown", fm, "first_window"),
        ("FirstDesk: sign-in window shown", dm, "first_window"),
        ("FirstDesk: main window shown", dm, "main_window"),
        ("FirstDesk: main window after Return", dm, "after_sign_in"),
        (f"… Return {PACE} s after the window", tm, "after_sign_in"),
    ]
    if pm:
        rows.append(("portable one-file: sign-in shown", pm, "first_window"))
    for label, data, key in rows:
        print(f"{label:34} {data.get(f'cold_{key}_median_s', 0):8.3f} "
              f"{data.get(f'warm_{key}_median_s', 0):8.3f}   best {data.get(f'cold_{key}_min_s', 0):.3f}"
              f" / {data.get(f'warm_{key}_min_s', 0):.3f}")
    print(f"{'ratio sign-in window / floor':34} {summary['ratio_first_window_cold']:8} "
          f"{summary['ratio_first_window_warm']:8}")
    print(f"{'ratio main window / floor':34} {summary['ratio_main_window_cold']:8} "
          f"{summary['ratio_main_window_warm']:8}")
    print(f"bundles: FirstDesk {summary['firstdesk_bundle_mib']} MiB, "
          f"floor {summary['floor_bundle_mib']} MiB")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
