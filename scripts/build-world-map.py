#!/usr/bin/env python3
"""Builds the world outline that the HTML report draws places on (src/report/world-map.svgpath).

Usage: scripts/build-world-map.py OUT_FILE [CACHE_DIR]
  e.g. scripts/build-world-map.py src/report/world-map.svgpath ~/.cache/newsnlp-places

It pip-downloads the geopandas 0.14.4 wheel (BSD-3-Clause) into CACHE_DIR for the Natural Earth 1:110m
countries it ships (naturalearth_lowres; Natural Earth is in the public domain), reads the polygons from the
shapefile, and writes one SVG path in an equirectangular projection: x = longitude + 180, y = 90 - latitude
(a 360 x 180 box), rounded to half a degree, with repeated points dropped. Deterministic.
"""
import os
import struct
import subprocess
import sys
import zipfile

WHEEL = "geopandas==0.14.4"
TOLERANCE = 0.8  # half degrees


def simplify(points):
    """Douglas-Peucker: the points that keep the line within TOLERANCE of the original."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    norm = (dx * dx + dy * dy) ** 0.5
    far, at = -1.0, 0
    for i, (x, y) in enumerate(points[1:-1], 1):
        d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
        if d > far:
            far, at = d, i
    if far <= TOLERANCE:
        return [points[0], points[-1]]
    return simplify(points[:at + 1])[:-1] + simplify(points[at:])


def main():
    out = sys.argv[1]
    cache = sys.argv[2] if len(sys.argv) > 2 else os.path.expanduser("~/.cache/newsnlp-places")
    os.makedirs(cache, exist_ok=True)
    if not any(f.startswith("geopandas-0.14.4") for f in os.listdir(cache)):
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", cache, WHEEL], check=True)
    wheel = next(os.path.join(cache, f) for f in sorted(os.listdir(cache)) if f.startswith("geopandas-0.14.4"))
    with zipfile.ZipFile(wheel) as z:
        shp = z.read("geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp")
    pos, parts_out = 100, []
    while pos < len(shp):
        _, length = struct.unpack(">ii", shp[pos:pos + 8])
        rec = shp[pos + 8:pos + 8 + 2 * length]
        pos += 8 + 2 * length
        if struct.unpack("<i", rec[:4])[0] != 5:
            continue
        nparts, npoints = struct.unpack("<ii", rec[36:44])
        starts = list(struct.unpack(f"<{nparts}i", rec[44:44 + 4 * nparts])) + [npoints]
        base = 44 + 4 * nparts
        pts = [struct.unpack("<dd", rec[base + 16 * i:base + 16 * i + 16]) for i in range(npoints)]
        for a, b in zip(starts, starts[1:]):
            ring = simplify([((lon + 180) * 2, (90 - lat) * 2) for lon, lat in pts[a:b]])
            ring = [(round(x), round(y)) for x, y in ring]
            ring = [p for i, p in enumerate(ring) if i == 0 or p != ring[i - 1]]
            if len(ring) >= 4:
                moves = [f"M{ring[0][0]} {ring[0][1]}"]
                for (x0, y0), (x, y) in zip(ring, ring[1:]):
                    moves.append(f"l{x - x0} {y - y0}")
                parts_out.append("".join(moves) + "z")
    with open(out, "w") as f:
        f.write("".join(parts_out) + "\n")
    print(f"{len(parts_out)} rings, {os.path.getsize(out):,} bytes")


if __name__ == "__main__":
    main()
