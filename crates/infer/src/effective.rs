//! Area of a polygon within a disc, for the effective area.

use crate::planar;
use crate::projection::Xy;

/// Signed area of the intersection of the disc of radius `r` at the origin with the triangle
/// (origin, `a`, `b`).
fn triangle_in_disc(a: Xy, b: Xy, r: f64) -> f64 {
    let angle = |u: Xy, v: Xy| (u[0] * v[1] - u[1] * v[0]).atan2(u[0] * v[0] + u[1] * v[1]);
    let sector = |u: Xy, v: Xy| 0.5 * r * r * angle(u, v);
    let d = [b[0] - a[0], b[1] - a[1]];
    let qa = d[0] * d[0] + d[1] * d[1];
    if qa == 0.0 {
        return 0.0;
    }
    let qb = a[0] * d[0] + a[1] * d[1];
    let qc = a[0] * a[0] + a[1] * a[1] - r * r;
    let disc = qb * qb - qa * qc;
    if disc <= 0.0 {
        return sector(a, b);
    }
    let s = disc.sqrt();
    let t1 = (-qb - s) / qa;
    let t2 = (-qb + s) / qa;
    if t2 <= 0.0 || t1 >= 1.0 {
        return sector(a, b);
    }
    let t1 = t1.max(0.0);
    let t2 = t2.min(1.0);
    let p1 = [a[0] + t1 * d[0], a[1] + t1 * d[1]];
    let p2 = [a[0] + t2 * d[0], a[1] + t2 * d[1]];
    let chord = 0.5 * (p1[0] * p2[1] - p1[1] * p2[0]);
    let s1 = if t1 > 0.0 { sector(a, p1) } else { 0.0 };
    let s2 = if t2 < 1.0 { sector(p2, b) } else { 0.0 };
    s1 + chord + s2
}

/// Area of the part of the rings (exteriors counter-clockwise, holes clockwise) within `r` of
/// `centre`.
pub(crate) fn area_within<'a>(
    rings: impl Iterator<Item = &'a [u32]> + Clone,
    points: &[Xy],
    centre: Xy,
    r: f64,
) -> f64 {
    if r <= 0.0 {
        return 0.0;
    }
    // Wholly within the disc: the plain area.
    let r2 = r * r;
    let inside = rings.clone().flatten().all(|&i| {
        let p = points[i as usize];
        (p[0] - centre[0]).powi(2) + (p[1] - centre[1]).powi(2) <= r2
    });
    if inside {
        return rings
            .map(|ring| planar::signed_area(planar::ring_points(ring, points)))
            .sum();
    }
    let mut sum = 0.0;
    for ring in rings {
        let n = ring.len();
        for i in 0..n {
            let p = points[ring[i] as usize];
            let q = points[ring[(i + 1) % n] as usize];
            sum += triangle_in_disc(
                [p[0] - centre[0], p[1] - centre[1]],
                [q[0] - centre[0], q[1] - centre[1]],
                r,
            );
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_square_around_a_small_disc_holds_the_whole_disc() {
        let points = vec![[-10.0, -10.0], [10.0, -10.0], [10.0, 10.0], [-10.0, 10.0]];
        let a = area_within([&[0u32, 1, 2, 3][..]].into_iter(), &points, [0.0, 0.0], 1.0);
        assert!((a - std::f64::consts::PI).abs() < 1e-12, "{a}");
    }

    #[test]
    fn a_disc_around_a_small_square_holds_the_whole_square() {
        let points = vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]];
        let a = area_within([&[0u32, 1, 2, 3][..]].into_iter(), &points, [0.5, 0.5], 5.0);
        assert!((a - 1.0).abs() < 1e-12, "{a}");
    }

    #[test]
    fn a_disc_centred_on_a_square_corner_holds_a_quarter_of_itself() {
        let points = vec![[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0]];
        let a = area_within([&[0u32, 1, 2, 3][..]].into_iter(), &points, [0.0, 0.0], 2.0);
        assert!((a - std::f64::consts::PI).abs() < 1e-12, "{a}");
    }
}
