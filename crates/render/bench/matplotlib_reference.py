"""The reference for the rendering benchmark: matplotlib draws the same GeoJSON scene.

Usage: matplotlib_reference.py SCENE.geojson OUT_DIR LABELS

Draws the boundary, areas (hatched where contested), regions, front lines, places as dots
sized by population and the LABELS most populous place names (matplotlib places no labels
itself), at A3 landscape; times SVG and 300 dpi PNG output, each the median of 3 runs.
Prints `svg_ms N` and `png_ms N`. The scene is synthetic.
"""
import json
import math
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.collections import LineCollection, PolyCollection  # noqa: E402


def rings(geometry):
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    if geometry["type"] == "MultiPolygon":
        return [r for p in geometry["coordinates"] for r in p]
    return []


def draw(features, labels):
    fig = plt.figure(figsize=(420 / 25.4, 297 / 25.4))
    ax = fig.add_axes([0.03, 0.08, 0.65, 0.82])
    ax.set_aspect(1 / math.cos(math.radians(35.0)))
    ax.set_axis_off()
    fig.text(0.03, 0.95, "Synthetic benchmark country (20,000 places) - as of 2020-03-15", fontsize=20, weight="bold")
    places = []
    for f in features:
        p, g = f["properties"], f["geometry"]
        layer = p["layer"]
        if layer == "boundary":
            ax.add_collection(PolyCollection(rings(g), facecolors="#e8e5de", edgecolors="#222222", linewidths=1.5))
        elif layer == "area":
            kw = {"facecolors": p["fill"], "edgecolors": "none"}
            if p.get("hatch"):
                kw.update(hatch="//", edgecolors=p["hatch"])
            ax.add_collection(PolyCollection(rings(g), **kw))
        elif layer == "region":
            ax.add_collection(PolyCollection(rings(g), facecolors="none", edgecolors="#6e6e6e", linewidths=0.6, linestyles="dashed"))
        elif layer == "front":
            ax.add_collection(LineCollection(g["coordinates"], colors="#111111", linewidths=2))
        elif layer == "place":
            places.append((p["population"], g["coordinates"], p["label"]))
    xs = [c[0] for _, c, _ in places]
    ys = [c[1] for _, c, _ in places]
    sizes = [(1 + 3.5 * (math.log10(max(pop, 100)) - 2) / 5) ** 2 for pop, _, _ in places]
    ax.scatter(xs, ys, s=sizes, facecolors="white", edgecolors="#111111", linewidths=0.5, zorder=3)
    for pop, c, label in sorted(places, key=lambda t: -t[0])[:labels]:
        ax.annotate(label, c, xytext=(3, 0), textcoords="offset points", fontsize=6, zorder=4)
    ax.autoscale_view()
    return fig


def timed(path, features, labels, **kw):
    runs = []
    for _ in range(3):
        t = time.perf_counter()
        fig = draw(features, labels)
        fig.savefig(path, **kw)
        plt.close(fig)
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs)


def main():
    scene, out_dir, labels = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(scene, encoding="utf-8") as f:
        features = json.load(f)["features"]
    print(f"svg_ms {timed(out_dir + '/matplotlib.svg', features, labels):.1f}")
    print(f"png_ms {timed(out_dir + '/matplotlib.png', features, labels, dpi=300):.1f}")


if __name__ == "__main__":
    main()
