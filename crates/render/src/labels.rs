//! Greedy label placement: larger places first, eight candidate positions around each dot,
//! the first position that overlaps no placed label or dot and stays in the frame wins.

use crate::projection::Rect;

/// A label to place.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LabelRequest {
    /// The dot's centre, page pixels.
    pub(crate) x: f64,
    pub(crate) y: f64,
    /// The dot's radius.
    pub(crate) radius: f64,
    /// The label's measured width and font size.
    pub(crate) width: f64,
    pub(crate) size: f64,
    /// Whether the label is right-to-left script, whose ascenders, marks and descenders reach
    /// farther from the baseline than Latin's.
    pub(crate) tall: bool,
}

impl LabelRequest {
    /// The height of the label's box.
    fn height(&self) -> f64 {
        self.size * if self.tall { 1.5 } else { 1.15 }
    }

    /// How far the box reaches below the baseline.
    fn descent(&self) -> f64 {
        self.size * if self.tall { 0.45 } else { 0.25 }
    }
}

/// Where a label went: the centre of its baseline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Placed {
    pub(crate) x: f64,
    pub(crate) baseline: f64,
}

/// Boxes in a uniform grid, for overlap queries in constant time per box.
struct Grid {
    cell: f64,
    origin: (f64, f64),
    cols: usize,
    rows: usize,
    buckets: Vec<Vec<u32>>,
    boxes: Vec<Rect>,
}

impl Grid {
    fn new(frame: Rect, cell: f64) -> Self {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let dim = |len: f64| ((len / cell).ceil() as usize).max(1);
        let (cols, rows) = (dim(frame.width()), dim(frame.height()));
        Self {
            cell,
            origin: (frame.x0, frame.y0),
            cols,
            rows,
            buckets: vec![Vec::new(); cols * rows],
            boxes: Vec::new(),
        }
    }

    fn cells(&self, r: &Rect) -> impl Iterator<Item = usize> + use<> {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let idx =
            |v: f64, o: f64, n: usize| (((v - o) / self.cell).floor().max(0.0) as usize).min(n - 1);
        let (c0, c1) = (
            idx(r.x0, self.origin.0, self.cols),
            idx(r.x1, self.origin.0, self.cols),
        );
        let (r0, r1) = (
            idx(r.y0, self.origin.1, self.rows),
            idx(r.y1, self.origin.1, self.rows),
        );
        let cols = self.cols;
        (r0..=r1).flat_map(move |row| (c0..=c1).map(move |col| row * cols + col))
    }

    fn hits(&self, r: &Rect) -> bool {
        self.cells(r).any(|c| {
            self.buckets[c]
                .iter()
                .any(|&i| self.boxes[i as usize].intersects(r))
        })
    }

    fn insert(&mut self, r: Rect) {
        let id = u32::try_from(self.boxes.len()).expect("fewer than 4 billion boxes");
        for c in self.cells(&r).collect::<Vec<_>>() {
            self.buckets[c].push(id);
        }
        self.boxes.push(r);
    }
}

/// Places labels one at a time, in order of importance: every label and every dot placed so
/// far is an obstacle to the ones after it.
pub(crate) struct Placer {
    grid: Grid,
    frame: Rect,
}

impl Placer {
    /// An empty frame; `typical_size` (a font size) sets the grid's cell.
    pub(crate) fn new(frame: Rect, typical_size: f64) -> Self {
        Self {
            grid: Grid::new(frame, typical_size.max(1.0) * 4.0),
            frame,
        }
    }

    /// Places a place's dot and, where one of the eight positions is free, its label.
    pub(crate) fn place(&mut self, r: &LabelRequest) -> Option<Placed> {
        let dot = Rect {
            x0: r.x - r.radius,
            y0: r.y - r.radius,
            x1: r.x + r.radius,
            y1: r.y + r.radius,
        };
        if r.width <= 0.0 {
            self.grid.insert(dot);
            return None;
        }
        let chosen = candidates(r)
            .into_iter()
            .find(|b| self.frame.contains(b) && !self.grid.hits(b));
        self.grid.insert(dot);
        chosen.map(|b| {
            self.grid.insert(b);
            Placed {
                x: f64::midpoint(b.x0, b.x1),
                baseline: b.y1 - r.descent(),
            }
        })
    }

    /// Takes a box whether or not it is free: what is drawn there must stay unlabelled.
    pub(crate) fn block(&mut self, b: Rect) {
        self.grid.insert(b);
    }

    /// Claims a box if it is inside the frame and free; says whether it was.
    pub(crate) fn claim(&mut self, b: Rect) -> bool {
        let free = self.frame.contains(&b) && !self.grid.hits(&b);
        if free {
            self.grid.insert(b);
        }
        free
    }
}

/// Places labels in the order given (the caller sorts by importance).
#[cfg(test)]
fn place(requests: &[LabelRequest], frame: Rect) -> Vec<Option<Placed>> {
    let mut placer = Placer::new(frame, 10.0);
    requests.iter().map(|r| placer.place(r)).collect()
}

/// The eight positions around a dot, in order of preference (right, left, above, below, then
/// the diagonals), as label boxes.
fn candidates(r: &LabelRequest) -> [Rect; 8] {
    let gap = r.radius + r.size * 0.2;
    let (w, h) = (r.width, r.height());
    let d = gap * std::f64::consts::FRAC_1_SQRT_2;
    let at = |x0: f64, y0: f64| Rect {
        x0,
        y0,
        x1: x0 + w,
        y1: y0 + h,
    };
    [
        at(r.x + gap, r.y - h / 2.0),
        at(r.x - gap - w, r.y - h / 2.0),
        at(r.x - w / 2.0, r.y - gap - h),
        at(r.x - w / 2.0, r.y + gap),
        at(r.x + d, r.y - d - h),
        at(r.x + d, r.y + d),
        at(r.x - d - w, r.y - d - h),
        at(r.x - d - w, r.y + d),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(x: f64, y: f64) -> LabelRequest {
        LabelRequest {
            x,
            y,
            radius: 3.0,
            width: 40.0,
            size: 10.0,
            tall: false,
        }
    }

    #[test]
    fn placed_labels_never_overlap() {
        let frame = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 300.0,
            y1: 300.0,
        };
        let reqs: Vec<_> = (0..400)
            .map(|i| req(f64::from(i % 20) * 15.0, f64::from(i / 20) * 15.0))
            .collect();
        let placed = place(&reqs, frame);
        let boxes: Vec<Rect> = placed
            .iter()
            .zip(&reqs)
            .filter_map(|(p, r)| {
                p.map(|p| Rect {
                    x0: p.x - r.width / 2.0 + 0.01,
                    x1: p.x + r.width / 2.0 - 0.01,
                    y0: p.baseline + r.size * 0.25 - r.size * 1.15 + 0.01,
                    y1: p.baseline + r.size * 0.25 - 0.01,
                })
            })
            .collect();
        assert!(boxes.len() > 5, "some labels fit");
        assert!(boxes.len() < 400, "not all labels fit");
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                assert!(!a.intersects(b));
            }
        }
    }

    #[test]
    fn the_first_place_wins_a_contested_spot() {
        let frame = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 100.0,
            y1: 40.0,
        };
        let placed = place(&[req(10.0, 20.0), req(60.0, 20.0)], frame);
        assert!(placed[0].is_some());
        assert!(placed[1].is_none(), "no room is left for the second label");
    }
}
