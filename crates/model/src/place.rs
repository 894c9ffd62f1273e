use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{PlaceId, RegionId};

/// A thing's names: English, Arabic, and any others by language tag.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Names {
    /// The English name, always present.
    pub en: String,
    /// The Arabic name, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ar: Option<String>,
    /// Further names by BCP 47 language tag (`ku`, `tr`, ...).
    #[serde(skip_serializing_if = "BTreeMap::is_empty", default)]
    pub other: BTreeMap<String, String>,
}

impl Names {
    /// Names with only the English one.
    #[must_use]
    pub fn english(en: impl Into<String>) -> Self {
        Self {
            en: en.into(),
            ..Self::default()
        }
    }

    /// The name in `lang` (`en`, `ar`, or another tag), falling back to English.
    #[must_use]
    pub fn in_language(&self, lang: &str) -> &str {
        match lang {
            "en" => &self.en,
            "ar" => self.ar.as_deref().unwrap_or(&self.en),
            other => self.other.get(other).map_or(&self.en, String::as_str),
        }
    }
}

crate::word::word_enum! {
    /// What kind of place a [`Place`] is.
    PlaceKind, "place kind" {
        /// A city.
        City = "city",
        /// A town.
        Town = "town",
        /// A village.
        Village = "village",
        /// A neighbourhood or district of a city.
        Neighbourhood = "neighbourhood",
        /// An airport or air base.
        Airport = "airport",
        /// A military base or garrison.
        Base = "base",
        /// A border crossing.
        BorderCrossing = "border_crossing",
        /// An oil or gas field.
        OilGasField = "oil_gas_field",
        /// A dam.
        Dam = "dam",
        /// A sea port or naval base.
        Port = "port",
        /// A strategic hill or mountain top.
        Hill = "hill",
        /// A checkpoint on a road.
        Checkpoint = "checkpoint",
        /// Anything else.
        Other = "other",
    }
}

impl PlaceKind {
    /// Whether this is a key site (airport, base, port, crossing, field, dam): its
    /// surroundings count as effective land. Settlements, hills and checkpoints are not.
    #[must_use]
    pub fn is_key_site(self) -> bool {
        matches!(
            self,
            Self::Airport
                | Self::Base
                | Self::Port
                | Self::BorderCrossing
                | Self::OilGasField
                | Self::Dam
        )
    }
}

/// How many people live in a place, by whose count and when.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Population {
    /// The number of people.
    pub value: u64,
    /// The year of the count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Who counted (e.g. `2004 census via GeoNames`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A place whose control is observed: a settlement or a key site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Its id.
    pub id: PlaceId,
    /// Its names.
    pub names: Names,
    /// Longitude, WGS 84 degrees.
    pub lon: f64,
    /// Latitude, WGS 84 degrees.
    pub lat: f64,
    /// What kind of place it is.
    pub kind: PlaceKind,
    /// Its population, when known.
    pub population: Option<Population>,
    /// The admin region it lies in, when known.
    pub region: Option<RegionId>,
    /// Other spellings of its name (transliterations, former names), for search.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}
