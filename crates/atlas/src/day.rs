//! One date, computed once: the cells of the method and every place's state, from which the
//! statistics, the areas, the front lines, the place states, `why`, the tiles and the maps of
//! that date are all read.

use std::fmt;
use std::sync::Arc;

use frontline_infer::SiteState;
use frontline_model::ControlState;
use serde::Serialize;

use crate::atlas::Cells;
use crate::{At, Atlas, Result};

/// What kind of land an area key names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AreaKind {
    /// One party's land.
    Party,
    /// Land contested between two parties.
    Contested,
    /// Land two parties hold together.
    Joint,
    /// Land no evidence speaks for.
    Unknown,
}

impl AreaKind {
    /// `party`, `contested`, `joint` or `unknown`: the word in every output.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Party => "party",
            Self::Contested => "contested",
            Self::Joint => "joint",
            Self::Unknown => "unknown",
        }
    }
}

impl fmt::Display for AreaKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A date's question, resolved once: build it with [`Atlas::day`], then read every answer
/// of that date from it without resolving the timeline or the lending again.
#[derive(Debug)]
pub struct Day<'a> {
    pub(crate) atlas: &'a Atlas,
    pub(crate) at: At,
    pub(crate) cells: Arc<Cells>,
    /// Every place's state, in the order of the timeline's places.
    pub(crate) control: Vec<ControlState<'a>>,
    /// Each site's state for the inference, lending applied (ADR 0007).
    pub(crate) states: Vec<SiteState>,
    /// Each site's lender, when its land takes another site's state.
    pub(crate) lenders: Vec<Option<usize>>,
    /// Whether each site has evidence of its own that speaks on the date.
    pub(crate) observed: Vec<bool>,
}

impl Atlas {
    /// The date `at`, resolved once: the method's cells (built on first use, then kept),
    /// the state of every place, and each site's state with lending.
    ///
    /// # Errors
    /// When the method's geometry cannot be built.
    pub fn day(&self, at: At) -> Result<Day<'_>> {
        let cells = self.cells(at)?;
        let control = self.resolve(at.query());
        let lending = self.lending_of(&cells, at.query(), cells.sites.iter().map(|&i| &control[i]));
        let sites = cells.sites.len();
        let lenders = (0..sites).map(|s| lending.lender(s)).collect();
        let observed = (0..sites).map(|s| lending.observed(s)).collect();
        let states = lending.states();
        Ok(Day {
            atlas: self,
            at,
            cells,
            control,
            states,
            lenders,
            observed,
        })
    }
}

impl<'a> Day<'a> {
    /// The question this day answers.
    #[must_use]
    pub const fn at(&self) -> At {
        self.at
    }

    /// The atlas it was read from.
    #[must_use]
    pub const fn atlas(&self) -> &'a Atlas {
        self.atlas
    }
}
