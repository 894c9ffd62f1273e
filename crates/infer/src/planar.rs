//! The two planar ring measures of the crate, in the projection: the signed area (shoelace)
//! and the even-odd point-in-ring test. Every ring's area and every "is this point inside"
//! question in the crate goes through these two functions.
//!
//! Both take a ring as its points in order, implicitly closed (the last point joins the
//! first); [`ring_points`] turns a ring of point ids into that.

use crate::projection::Xy;

/// The points of a ring of point ids into `points`.
pub(crate) fn ring_points<'a>(ring: &'a [u32], points: &'a [Xy]) -> impl Iterator<Item = Xy> + 'a {
    ring.iter().map(|&i| points[i as usize])
}

/// Signed area of a ring (shoelace formula): positive when the ring runs counter-clockwise,
/// zero for an empty ring. The terms are summed edge by edge from the first point, the
/// closing edge last.
#[must_use]
pub(crate) fn signed_area(ring: impl IntoIterator<Item = Xy>) -> f64 {
    let mut ring = ring.into_iter();
    let Some(first) = ring.next() else {
        return 0.0;
    };
    let mut sum = 0.0;
    let mut p = first;
    for q in ring {
        sum += p[0] * q[1] - p[1] * q[0];
        p = q;
    }
    sum += p[0] * first[1] - p[1] * first[0];
    sum / 2.0
}

/// Whether `p` is inside the ring, by the even-odd rule (a ray from `p` towards +x crosses
/// the ring an odd number of times). An empty ring contains nothing.
///
/// Each edge is interpolated from its later point (in ring order) towards its earlier one;
/// the rounding of a point nearly on an edge depends on that choice, so callers that must
/// keep exact decisions feed rings in a fixed direction.
#[must_use]
pub(crate) fn contains(ring: impl IntoIterator<Item = Xy>, p: Xy) -> bool {
    let mut ring = ring.into_iter();
    let Some(first) = ring.next() else {
        return false;
    };
    let mut inside = false;
    let mut earlier = first;
    for later in ring {
        inside ^= ray_crosses(p, later, earlier);
        earlier = later;
    }
    inside ^ ray_crosses(p, first, earlier)
}

/// Whether the ray from `p` towards +x crosses the edge from `a` to `b` (half-open in y, so a
/// ray through a vertex counts it once).
fn ray_crosses(p: Xy, a: Xy, b: Xy) -> bool {
    (a[1] > p[1]) != (b[1] > p[1]) && p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE: [Xy; 4] = [[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0]];

    #[test]
    fn a_counter_clockwise_square_has_positive_area() {
        assert_eq!(signed_area(SQUARE), 4.0);
    }

    #[test]
    fn a_clockwise_square_has_negative_area() {
        assert_eq!(signed_area(SQUARE.into_iter().rev()), -4.0);
    }

    #[test]
    fn an_empty_ring_has_no_area_and_contains_nothing() {
        assert_eq!(signed_area([]), 0.0);
        assert!(!contains([], [0.0, 0.0]));
    }

    #[test]
    fn a_square_contains_its_centre_in_either_winding() {
        assert!(contains(SQUARE, [1.0, 1.0]));
        assert!(contains(SQUARE.into_iter().rev(), [1.0, 1.0]));
    }

    #[test]
    fn a_square_does_not_contain_points_beside_it() {
        assert!(!contains(SQUARE, [3.0, 1.0]));
        assert!(!contains(SQUARE, [-1.0, 1.0]));
        assert!(!contains(SQUARE, [1.0, 3.0]));
    }

    #[test]
    fn ring_points_follow_the_ids() {
        let points = [[5.0, 5.0], [0.0, 0.0], [1.0, 0.0], [0.0, 1.0]];
        let ring = [1u32, 2, 3];
        assert_eq!(signed_area(ring_points(&ring, &points)), 0.5);
        assert!(contains(ring_points(&ring, &points), [0.2, 0.2]));
    }
}
