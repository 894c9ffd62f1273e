//! Why a point has its colour: which place's cell and piece it is in, and which rule decided.

use serde::Serialize;

use crate::coverage::Coverage;
use crate::error::Result;
use crate::label::{AreaKey, Claim, SiteState};
use crate::planar;
use crate::subdivision::PieceKind;
use crate::tally::{check_len, piece_claim, position_claims};

/// The rule that decided a point's key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Rule {
    /// The nearest place's own state.
    Nearest,
    /// The nearest place claims nothing: its state is unknown, or stale.
    PlaceUnknown,
    /// Farther than the distance cap from the nearest place.
    BeyondCap,
    /// The nearest place has no evidence of its own and borrows the state of `lender`
    /// (ADR 0007), but the point's piece of its cell does not lie wholly within the cap of
    /// the lender: the land is unknown.
    BeyondLenderCap {
        /// The observed place that lends the nearest place its state.
        lender: usize,
    },
    /// Within the contested band along the edge shared with `neighbour`, held by another party.
    Band {
        /// The neighbouring place across the edge.
        neighbour: usize,
    },
}

/// The explanation of one point's key for one labelling.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Why {
    /// The place whose cell holds the point (the first of places sharing a location).
    pub site: usize,
    /// Distance from the point to that place, km.
    pub distance_km: f64,
    /// That place's state.
    pub state: SiteState,
    /// The key of the point.
    pub key: AreaKey,
    /// Whether the point's holder is besieged there.
    pub besieged: bool,
    /// The rule that decided the key.
    pub rule: Rule,
    /// When the place borrows its state (ADR 0007): the distance from it to its lender, km.
    pub lender_km: Option<f64>,
}

impl Coverage {
    /// Why the point (`lon`, `lat`) has its key under `states`; `None` outside the boundary.
    ///
    /// # Errors
    /// [`crate::Error::LabelCount`] if there is not exactly one state per place.
    pub fn why(&self, lon: f64, lat: f64, states: &[SiteState]) -> Result<Option<Why>> {
        check_len(self, states)?;
        let p = self.project(lon, lat);
        // The nearest position owns the cell; search its pieces (then all, at ties).
        let nearest = self
            .positions
            .iter()
            .enumerate()
            .map(|(i, q)| (i, (q[0] - p[0]).hypot(q[1] - p[1])))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        let Some((pos, dist)) = nearest else {
            return Ok(None);
        };
        let in_piece = |piece: u32| {
            self.clipped
                .rings
                .of(piece as usize)
                .filter(|r| planar::contains(planar::ring_points(r, &self.points), p))
                .count()
                % 2
                == 1
        };
        let found = self.pieces_of[pos]
            .iter()
            .copied()
            .find(|&pc| in_piece(pc))
            .or_else(|| {
                (0..self.pieces.len())
                    .map(|i| u32::try_from(i).expect("fewer than 2^32 pieces"))
                    .find(|&pc| in_piece(pc))
            });
        let Some(piece) = found else {
            return Ok(None);
        };
        let stale = self.method.stale_days();
        let site_claims: Vec<Claim> = states.iter().map(|s| Claim::of(*s, stale)).collect();
        let claims = position_claims(self, &site_claims);
        let info = self.pieces[piece as usize];
        let pos = info.position as usize;
        let site = self.sites_at[pos]
            .iter()
            .copied()
            .find(|&s| site_claims[s as usize].key != AreaKey::Unknown)
            .unwrap_or(self.sites_at[pos][0]) as usize;
        let c = piece_claim(self, &claims, piece);
        let rule = match (info.kind, claims[pos].lender) {
            (PieceKind::Beyond, _) => Rule::BeyondCap,
            _ if claims[pos].key == AreaKey::Unknown => Rule::PlaceUnknown,
            (_, Some(lender)) if !self.reach.lends_piece(self, piece, lender) => {
                Rule::BeyondLenderCap { lender }
            }
            (PieceKind::Band { neighbour }, _) if c.key != claims[pos].key => Rule::Band {
                neighbour: self.sites_at[neighbour as usize][0] as usize,
            },
            _ => Rule::Nearest,
        };
        let q = self.positions[pos];
        let distance = if pos == nearest.map_or(usize::MAX, |n| n.0) {
            dist
        } else {
            (q[0] - p[0]).hypot(q[1] - p[1])
        };
        Ok(Some(Why {
            site,
            distance_km: distance / 1000.0,
            state: states[site],
            key: c.key,
            besieged: c.besieged,
            rule,
            lender_km: states[site].lender.map(|l| {
                let r = self.positions[self.position_of_site[l] as usize];
                (q[0] - r[0]).hypot(q[1] - r[1]) / 1000.0
            }),
        }))
    }
}
