//! What a place's state says on one date, and what key the land it claims gets.

use serde::{Deserialize, Serialize};

/// A party, as a small index chosen by the caller (the CLI maps party ids to keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PartyKey(u16);

impl PartyKey {
    /// The key with index `index`.
    #[must_use]
    pub const fn new(index: u16) -> Self {
        Self(index)
    }

    /// The index of this key.
    #[must_use]
    pub const fn index(self) -> u16 {
        self.0
    }
}

/// The state of one place on one date, as inference needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    /// Nothing is known: the place claims no land.
    #[default]
    Unknown,
    /// Controlled by one party; `besieged` marks a place held but surrounded.
    Held {
        /// The holder.
        party: PartyKey,
        /// Whether the holder is besieged there.
        besieged: bool,
    },
    /// Fought over by two parties.
    Contested(PartyKey, PartyKey),
    /// Held jointly by two parties.
    Joint(PartyKey, PartyKey),
}

impl Label {
    /// A place held by `party`, not besieged.
    #[must_use]
    pub const fn held(party: PartyKey) -> Self {
        Self::Held {
            party,
            besieged: false,
        }
    }
}

/// One place's label on a date with its staleness: days since it was last observed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct SiteState {
    /// The label of the latest applicable observation.
    pub label: Label,
    /// Days since that observation, if known.
    pub stale_days: Option<u32>,
    /// The place whose state this is when the place has no evidence of its own and borrows
    /// it (see [`crate::Lending`]): then only the pieces of its cell that lie wholly within
    /// the cap of that place take the state; the others are unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lender: Option<usize>,
}

impl SiteState {
    /// A fresh state (observed today).
    #[must_use]
    pub const fn fresh(label: Label) -> Self {
        Self {
            label,
            stale_days: Some(0),
            lender: None,
        }
    }
}

impl From<Label> for SiteState {
    fn from(label: Label) -> Self {
        Self::fresh(label)
    }
}

/// The key under which land is counted and dissolved: unknown, one party, or a pair.
///
/// Pairs are normalised so that the smaller key comes first; a pair of one party with itself is
/// that party alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AreaKey {
    /// No party: unknown, stale, beyond the distance cap, or outside every cell.
    Unknown,
    /// One party's land.
    Party {
        /// The party.
        party: PartyKey,
    },
    /// Land contested between two parties.
    Contested {
        /// The smaller key.
        a: PartyKey,
        /// The larger key.
        b: PartyKey,
    },
    /// Land held jointly by two parties.
    Joint {
        /// The smaller key.
        a: PartyKey,
        /// The larger key.
        b: PartyKey,
    },
}

impl AreaKey {
    /// The key for land contested between `p` and `q` (in either order).
    #[must_use]
    pub fn contested(p: PartyKey, q: PartyKey) -> Self {
        if p == q {
            Self::Party { party: p }
        } else {
            Self::Contested {
                a: p.min(q),
                b: p.max(q),
            }
        }
    }

    /// The key for land held jointly by `p` and `q` (in either order).
    #[must_use]
    pub fn joint(p: PartyKey, q: PartyKey) -> Self {
        if p == q {
            Self::Party { party: p }
        } else {
            Self::Joint {
                a: p.min(q),
                b: p.max(q),
            }
        }
    }

    /// The single party of this key, if it has exactly one.
    #[must_use]
    pub const fn party(self) -> Option<PartyKey> {
        match self {
            Self::Party { party } => Some(party),
            _ => None,
        }
    }
}

/// What one place claims on one date under a method: the key of its land, the siege mark,
/// and the lender whose cap bounds the claim when the state is borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Claim {
    pub(crate) key: AreaKey,
    pub(crate) besieged: bool,
    pub(crate) lender: Option<usize>,
}

impl Claim {
    pub(crate) const NONE: Self = Self {
        key: AreaKey::Unknown,
        besieged: false,
        lender: None,
    };

    /// The claim of a place in `state` when places staler than `stale_days` claim nothing.
    pub(crate) fn of(state: SiteState, stale_days: Option<u32>) -> Self {
        let stale = match (stale_days, state.stale_days) {
            (Some(limit), Some(age)) => age > limit,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if stale {
            return Self::NONE;
        }
        let (key, besieged) = match state.label {
            Label::Unknown => return Self::NONE,
            Label::Held { party, besieged } => (AreaKey::Party { party }, besieged),
            Label::Contested(p, q) => (AreaKey::contested(p, q), false),
            Label::Joint(p, q) => (AreaKey::joint(p, q), false),
        };
        Self {
            key,
            besieged,
            lender: state.lender,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_normalised_and_a_pair_with_itself_is_one_party() {
        let (p, q) = (PartyKey::new(2), PartyKey::new(1));
        assert_eq!(AreaKey::contested(p, q), AreaKey::contested(q, p));
        assert_eq!(AreaKey::joint(p, p), AreaKey::Party { party: p });
    }

    #[test]
    fn stale_places_claim_nothing_and_unaged_places_are_stale_under_a_limit() {
        let held = Label::held(PartyKey::new(0));
        let old = SiteState {
            label: held,
            stale_days: Some(400),
            lender: None,
        };
        assert_eq!(Claim::of(old, Some(365)), Claim::NONE);
        assert_eq!(Claim::of(old, None).key.party(), Some(PartyKey::new(0)));
        let unaged = SiteState {
            label: held,
            stale_days: None,
            lender: None,
        };
        assert_eq!(Claim::of(unaged, Some(365)), Claim::NONE);
    }
}
