#!/usr/bin/env python3
"""Generate the Krampfhilfe app icons from one SVG master.

Output (in static/icons/):
  favicon.svg          vector favicon (rounded square + symbol)
  icon-192.png         purpose "any"      (rounded square, transparent corners)
  icon-512.png         purpose "any"
  maskable-192.png     purpose "maskable" (full bleed, symbol inside the 80 % safe zone)
  maskable-512.png     purpose "maskable"
  apple-touch-icon.png 180x180, full bleed, opaque
  favicon-32.png       32x32 (rounded square)

Rendering uses headless Chromium (CHROMIUM env var, default /usr/bin/chromium).
If Pillow is importable, the master is rendered once per variant at 1024 px,
downscaled with Lanczos and saved as a palette PNG (small files). Without
Pillow, Chromium renders each size directly and the PNG is kept as is.
Pillow is a build-time convenience only; it is NOT a project dependency:

    python3 -m venv /tmp/iconvenv && /tmp/iconvenv/bin/pip install pillow
    /tmp/iconvenv/bin/python scripts/make_icons.py
"""

import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "static", "icons")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

BG = "#d96f26"  # warm orange; contrast with white = 3.36:1 (>= 3:1)
FG = "#ffffff"

# Vertebrae of the stylised lumbar spine (gentle curve, growing downwards):
# (centre x, centre y, width, height, rotation in degrees)
VERTEBRAE = [
    (238, 118, 96, 44, 14),
    (222, 184, 106, 46, 8),
    (214, 252, 116, 48, 0),
    (220, 322, 126, 50, -8),
    (238, 394, 134, 52, -15),
]
# Heart (square rotated 45 deg + two half circles), centred at (0, 0), bbox ~ +-48
HEART = "M0 40L-40 0A28.3 28.3 0 0 1 0-40A28.3 28.3 0 0 1 40 0Z"
HEART_POS = (360, 160, 1.0)  # x, y, scale


def symbol():
    """White symbol in a 512x512 coordinate system."""
    parts = []
    for cx, cy, w, h, rot in VERTEBRAE:
        parts.append(
            '<rect x="%d" y="%d" width="%d" height="%d" rx="%d" '
            'transform="rotate(%d %d %d)"/>'
            % (cx - w // 2, cy - h // 2, w, h, h // 2 - 4, rot, cx, cy)
        )
    # intervertebral discs: small, semi-transparent
    for a, b in zip(VERTEBRAE, VERTEBRAE[1:], strict=False):
        cx, cy = (a[0] + b[0]) // 2, (a[1] + b[1]) // 2
        w, rot = (a[2] + b[2]) * 3 // 10, (a[4] + b[4]) // 2
        parts.append(
            '<rect x="%d" y="%d" width="%d" height="12" rx="6" opacity=".6" '
            'transform="rotate(%d %d %d)"/>' % (cx - w // 2, cy - 6, w, rot, cx, cy)
        )
    hx, hy, hs = HEART_POS
    parts.append(
        '<path d="%s" transform="translate(%d %d) scale(%g)" '
        'stroke="%s" stroke-width="10" stroke-linejoin="round"/>' % (HEART, hx, hy, hs, FG)
    )
    return '<g fill="{}" transform="translate(10 0)">{}</g>'.format(FG, "".join(parts))


def master(kind):
    """kind: 'any' (rounded square, transparent corners) or 'full' (full bleed).

    'full' is used for maskable and apple-touch icons: the symbol is scaled to
    80 % around the centre so it stays inside the maskable safe-zone circle
    (radius 40 % of the icon size)."""
    if kind == "any":
        bg = f'<rect width="512" height="512" rx="112" fill="{BG}"/>'
        sym = symbol()
    else:
        bg = f'<rect width="512" height="512" fill="{BG}"/>'
        sym = f'<g transform="translate(256 256) scale(.8) translate(-256 -256)">{symbol()}</g>'
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">{bg}{sym}</svg>'


def chromium_png(svg, size, path, tmp):
    html = os.path.join(tmp, "icon.html")
    with open(html, "w") as f:
        f.write(
            "<!doctype html><html><head><style>html,body{margin:0;background:transparent}"
            "svg{display:block;width:%dpx;height:%dpx}</style></head><body>%s</body></html>"
            % (size, size, svg)
        )
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--default-background-color=00000000",
        "--user-data-dir=" + os.path.join(tmp, "profile"),
        "--screenshot=" + path,
        "--window-size=%d,%d" % (size, size),
        "file://" + html,
    ]
    subprocess.run(
        cmd, check=True, timeout=120, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    if not os.path.exists(path):
        sys.exit("chromium did not write " + path)


def main():
    os.makedirs(OUT, exist_ok=True)
    try:
        from PIL import Image
    except ImportError:
        Image = None
        print("Pillow not available: rendering sizes directly, no palette optimisation")

    # favicon.svg: same symbol, compact
    with open(os.path.join(OUT, "favicon.svg"), "w") as f:
        f.write(master("any") + "\n")

    targets = [
        ("icon-192.png", "any", 192, True),
        ("icon-512.png", "any", 512, True),
        ("maskable-192.png", "full", 192, False),
        ("maskable-512.png", "full", 512, False),
        ("apple-touch-icon.png", "full", 180, False),
        ("favicon-32.png", "any", 32, True),
    ]
    tmp = tempfile.mkdtemp(prefix="krampf-icons-")
    try:
        big = {}
        for name, kind, size, alpha in targets:
            dest = os.path.join(OUT, name)
            if Image is None:
                chromium_png(master(kind), size, dest, tmp)
                continue
            if kind not in big:
                p = os.path.join(tmp, kind + ".png")
                chromium_png(master(kind), 1024, p, tmp)
                big[kind] = Image.open(p).convert("RGBA")
            im = big[kind].resize((size, size), Image.LANCZOS)
            if alpha:
                q = im.quantize(colors=64, method=Image.FASTOCTREE)
            else:
                q = im.convert("RGB").quantize(colors=64)
            q.save(dest, optimize=True)
        for name, *_ in targets:
            p = os.path.join(OUT, name)
            print("%-22s %6d bytes" % (name, os.path.getsize(p)))
        print(
            "%-22s %6d bytes" % ("favicon.svg", os.path.getsize(os.path.join(OUT, "favicon.svg")))
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
