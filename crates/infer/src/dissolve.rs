//! Areas per key and front lines for one labelling, dissolved through the pieces' shared edges.

use std::collections::{BTreeMap, HashMap};

use geo_types::{LineString, MultiLineString, MultiPolygon};

use crate::clip::NONE;
use crate::coverage::Coverage;
use crate::error::Result;
use crate::label::{AreaKey, Claim, SiteState};
use crate::tally::{check_len, piece_claim, position_claims};

/// The land under one key for one labelling.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// Whose land.
    pub key: AreaKey,
    /// The land, in lon/lat with counter-clockwise exteriors (RFC 7946).
    pub geometry: MultiPolygon<f64>,
}

/// A front line: where the land of two different keys (neither unknown) meets.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontLine {
    /// The smaller key.
    pub a: AreaKey,
    /// The larger key.
    pub b: AreaKey,
    /// The line, in lon/lat.
    pub geometry: MultiLineString<f64>,
}

impl Coverage {
    fn piece_keys(&self, states: &[SiteState]) -> Result<Vec<AreaKey>> {
        check_len(self, states)?;
        let stale = self.method.stale_days();
        let site_claims: Vec<Claim> = states.iter().map(|s| Claim::of(*s, stale)).collect();
        let claims = position_claims(self, &site_claims);
        Ok((0..self.pieces.len())
            .map(|p| {
                piece_claim(
                    self,
                    &claims,
                    u32::try_from(p).expect("fewer than 2^32 pieces"),
                )
                .key
            })
            .collect())
    }

    /// The land under each key (unknown included), dissolved by walking the edges between
    /// pieces of different keys: no polygon unions.
    ///
    /// # Errors
    /// [`crate::Error::LabelCount`] if there is not exactly one state per place.
    pub fn areas(&self, states: &[SiteState]) -> Result<Vec<Area>> {
        let keys = self.piece_keys(states)?;
        let key = |p: u32| (p != NONE).then(|| keys[p as usize]);
        let mut edges: BTreeMap<AreaKey, Vec<(u32, u32)>> = BTreeMap::new();
        for s in &self.clipped.segments {
            let (l, r) = (key(s.left), key(s.right));
            if l != r {
                if let Some(l) = l {
                    edges.entry(l).or_default().push((s.from, s.to));
                }
                if let Some(r) = r {
                    edges.entry(r).or_default().push((s.to, s.from));
                }
            }
        }
        Ok(edges
            .into_iter()
            .map(|(key, es)| Area {
                key,
                geometry: self.multipolygon(&es),
            })
            .collect())
    }

    /// The front lines: edges between pieces of two different keys, neither unknown, chained
    /// into lines.
    ///
    /// # Errors
    /// [`crate::Error::LabelCount`] if there is not exactly one state per place.
    pub fn front_lines(&self, states: &[SiteState]) -> Result<Vec<FrontLine>> {
        let keys = self.piece_keys(states)?;
        let mut by_pair: BTreeMap<(AreaKey, AreaKey), Vec<(u32, u32)>> = BTreeMap::new();
        for s in &self.clipped.segments {
            if s.left == NONE || s.right == NONE {
                continue;
            }
            let (l, r) = (keys[s.left as usize], keys[s.right as usize]);
            if l == r || l == AreaKey::Unknown || r == AreaKey::Unknown {
                continue;
            }
            let (pair, e) = if l < r {
                ((l, r), (s.from, s.to))
            } else {
                ((r, l), (s.to, s.from))
            };
            by_pair.entry(pair).or_default().push(e);
        }
        Ok(by_pair
            .into_iter()
            .map(|((a, b), es)| FrontLine {
                a,
                b,
                geometry: MultiLineString(
                    chain(&es)
                        .into_iter()
                        .map(|ids| LineString(ids.into_iter().map(|i| self.lonlat(i)).collect()))
                        .collect(),
                ),
            })
            .collect())
    }
}

/// Chains directed segments into polylines (each segment used once).
fn chain(edges: &[(u32, u32)]) -> Vec<Vec<u32>> {
    let mut next: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut indegree: HashMap<u32, usize> = HashMap::new();
    for (i, &(u, v)) in edges.iter().enumerate() {
        next.entry(u).or_default().push(i);
        *indegree.entry(v).or_default() += 1;
    }
    let mut used = vec![false; edges.len()];
    let mut lines = Vec::new();
    // Start where lines begin, then close the remaining loops.
    let starts: Vec<usize> = (0..edges.len())
        .filter(|&i| indegree.get(&edges[i].0).copied().unwrap_or(0) != 1)
        .chain(0..edges.len())
        .collect();
    for s in starts {
        if used[s] {
            continue;
        }
        let mut line = vec![edges[s].0];
        let mut e = s;
        loop {
            used[e] = true;
            let v = edges[e].1;
            line.push(v);
            let more = next
                .get(&v)
                .and_then(|c| c.iter().copied().find(|&c| !used[c]));
            match more {
                Some(c) if indegree.get(&v).copied().unwrap_or(0) == 1 => e = c,
                _ => break,
            }
        }
        lines.push(line);
    }
    lines
}
