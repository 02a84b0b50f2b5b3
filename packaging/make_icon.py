"""Draws the application icon (a rounded blue square with a white 问) into resources/icons/.

Run once after changing the design: ``python packaging/make_icon.py``. The outputs are
committed; the build only reads them.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
SIZES = (16, 20, 24, 32, 40, 48, 64, 96, 128, 256)
BLUE = (23, 92, 178, 255)
WHITE = (255, 255, 255, 255)
GLYPH = "问"


def draw(size: int) -> Image.Image:
    """One square icon of `size` pixels, drawn at 4× and scaled down for clean edges."""
    scale = 4
    big = size * scale
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    margin = round(big * (0.03 if size >= 32 else 0.0))
    radius = round(big * 0.2)
    d.rounded_rectangle((margin, margin, big - 1 - margin, big - 1 - margin), radius, fill=BLUE)
    font = ImageFont.truetype(str(FONT), round(big * 0.72), index=0)
    left, top, right, bottom = d.textbbox((0, 0), GLYPH, font=font)
    x = (big - (right - left)) / 2 - left
    y = (big - (bottom - top)) / 2 - top
    # Thicker strokes at small sizes so 问 stays legible in a task bar at 16-32 px.
    stroke = round(big * (0.028 if size <= 32 else 0.012))
    d.text((x, y), GLYPH, font=font, fill=WHITE, stroke_width=stroke, stroke_fill=WHITE)
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--out", type=Path, default=ICONS)
    args = p.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    images = [draw(s) for s in SIZES]
    images[-1].save(args.out / "firstdesk.png")
    # Each size drawn on its own (not one image scaled by Pillow) keeps 16 px crisp.
    images[-1].save(args.out / "firstdesk.ico", format="ICO", sizes=[(s, s) for s in SIZES],
                    append_images=images[:-1])
    for s in (16, 32, 48):
        images[SIZES.index(s)].save(args.out / f"firstdesk-{s}.png")
    print(f"icons written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
