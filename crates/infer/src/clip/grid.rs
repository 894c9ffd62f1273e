//! A uniform grid over the boundary edges, to find the boundary edges near a subdivision edge.

use crate::projection::Xy;

/// A uniform grid over the boundary edges.
pub(super) struct Grid {
    min: Xy,
    size: f64,
    nx: usize,
    ny: usize,
    /// The boundary edges (indices) near each cell, row by row.
    cells: Vec<Vec<u32>>,
}

impl Grid {
    /// A grid of about as many cells as edges, each listing the edges whose bounding box meets it.
    pub(super) fn new(bedges: &[(u32, u32)], points: &[Xy]) -> Self {
        let mut min = [f64::INFINITY; 2];
        let mut max = [f64::NEG_INFINITY; 2];
        for &(u, _) in bedges {
            let p = points[u as usize];
            for k in 0..2 {
                min[k] = min[k].min(p[k]);
                max[k] = max[k].max(p[k]);
            }
        }
        let w = (max[0] - min[0]).max(1e-9);
        let h = (max[1] - min[1]).max(1e-9);
        let target = (bedges.len() as f64).sqrt().clamp(1.0, 512.0);
        let size = (w.max(h) / target).max(1e-9);
        let nx = ((w / size).ceil() as usize).max(1);
        let ny = ((h / size).ceil() as usize).max(1);
        let mut g = Self {
            min,
            size,
            nx,
            ny,
            cells: vec![Vec::new(); nx * ny],
        };
        for (i, &(u, v)) in bedges.iter().enumerate() {
            let (x0, y0, x1, y1) = g.range(points[u as usize], points[v as usize]);
            for y in y0..=y1 {
                for x in x0..=x1 {
                    g.cells[y * nx + x].push(u32::try_from(i).expect("fewer than 2^32 edges"));
                }
            }
        }
        g
    }

    /// The boundary edges (indices) whose bounding box meets cell `(x, y)`.
    pub(super) fn cell(&self, x: usize, y: usize) -> &[u32] {
        &self.cells[y * self.nx + x]
    }

    /// Cell coordinate `v` clamped to `0..n`.
    fn clamp(&self, v: f64, n: usize) -> usize {
        if v <= 0.0 { 0 } else { (v as usize).min(n - 1) }
    }

    /// The cells `(x0, y0, x1, y1)` (inclusive) that the bounding box of `a`-`b` meets.
    pub(super) fn range(&self, a: Xy, b: Xy) -> (usize, usize, usize, usize) {
        let fx0 = (a[0].min(b[0]) - self.min[0]) / self.size;
        let fx1 = (a[0].max(b[0]) - self.min[0]) / self.size;
        let fy0 = (a[1].min(b[1]) - self.min[1]) / self.size;
        let fy1 = (a[1].max(b[1]) - self.min[1]) / self.size;
        (
            self.clamp(fx0, self.nx),
            self.clamp(fy0, self.ny),
            self.clamp(fx1, self.nx),
            self.clamp(fy1, self.ny),
        )
    }

    /// Whether the bounding box of `a`-`b` meets the grid.
    pub(super) fn overlaps(&self, a: Xy, b: Xy) -> bool {
        let max = [
            self.min[0] + self.size * self.nx as f64,
            self.min[1] + self.size * self.ny as f64,
        ];
        a[0].max(b[0]) >= self.min[0]
            && a[0].min(b[0]) <= max[0]
            && a[1].max(b[1]) >= self.min[1]
            && a[1].min(b[1]) <= max[1]
    }
}
