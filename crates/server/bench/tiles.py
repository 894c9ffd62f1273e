#!/usr/bin/env python3
"""Lists the z/x/y of every tile over a bbox at some zooms: tiles.py W S E N ZMIN ZMAX"""
import math
import sys

w, s, e, n = map(float, sys.argv[1:5])
zmin, zmax = int(sys.argv[5]), int(sys.argv[6])


def tile(lon: float, lat: float, z: int) -> tuple[int, int]:
    k = 2**z
    lat = math.radians(max(-85.05, min(85.05, lat)))
    x = int((lon + 180.0) / 360.0 * k)
    y = int((1.0 - math.log(math.tan(lat) + 1.0 / math.cos(lat)) / math.pi) / 2.0 * k)
    return min(k - 1, x), min(k - 1, y)


for z in range(zmin, zmax + 1):
    x0, y0 = tile(w, n, z)
    x1, y1 = tile(e, s, z)
    for x in range(x0, x1 + 1):
        for y in range(y0, y1 + 1):
            print(z, x, y)
