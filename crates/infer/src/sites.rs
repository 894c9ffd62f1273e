//! The places inference works on: points in a fixed order, with population and key-site marks.

use crate::error::{Error, Result};

/// One place as inference needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Site {
    lon: f64,
    lat: f64,
    population: u64,
    key_site: bool,
}

impl Site {
    /// A place at `lon`, `lat` (degrees, WGS 84) with no population.
    #[must_use]
    pub const fn new(lon: f64, lat: f64) -> Self {
        Self {
            lon,
            lat,
            population: 0,
            key_site: false,
        }
    }

    /// Sets the population counted under whoever holds the place.
    #[must_use]
    pub const fn with_population(mut self, population: u64) -> Self {
        self.population = population;
        self
    }

    /// Marks the place a key site (airport, base, crossing, field, dam): its surroundings count
    /// as effective land even without population.
    #[must_use]
    pub const fn with_key_site(mut self, key_site: bool) -> Self {
        self.key_site = key_site;
        self
    }

    /// Longitude in degrees.
    #[must_use]
    pub const fn lon(&self) -> f64 {
        self.lon
    }

    /// Latitude in degrees.
    #[must_use]
    pub const fn lat(&self) -> f64 {
        self.lat
    }

    /// Population.
    #[must_use]
    pub const fn population(&self) -> u64 {
        self.population
    }

    /// Whether the place is a key site.
    #[must_use]
    pub const fn key_site(&self) -> bool {
        self.key_site
    }

    /// Whether the land around the place counts as effective land.
    pub(crate) const fn effective(&self) -> bool {
        self.key_site || self.population > 0
    }
}

/// The places, in a fixed order: a place's index is its identity everywhere in this crate.
#[derive(Debug, Clone, PartialEq)]
pub struct Sites {
    sites: Vec<Site>,
}

impl Sites {
    /// Checks and wraps the places.
    ///
    /// # Errors
    /// [`Error::NoSites`] if `sites` is empty; [`Error::SiteCoordinates`] if a place is not at a
    /// finite longitude in [-180, 180] and latitude in [-90, 90].
    pub fn new(sites: Vec<Site>) -> Result<Self> {
        if sites.is_empty() {
            return Err(Error::NoSites);
        }
        for (i, s) in sites.iter().enumerate() {
            let ok = s.lon.is_finite()
                && s.lat.is_finite()
                && (-180.0..=180.0).contains(&s.lon)
                && (-90.0..=90.0).contains(&s.lat);
            if !ok {
                return Err(Error::SiteCoordinates {
                    site: i,
                    lon: s.lon,
                    lat: s.lat,
                });
            }
        }
        Ok(Self { sites })
    }

    /// The number of places.
    #[must_use]
    pub fn len(&self) -> usize {
        self.sites.len()
    }

    /// Whether there are no places (never true for a checked value).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.sites.is_empty()
    }

    /// The places in order.
    #[must_use]
    pub fn as_slice(&self) -> &[Site] {
        &self.sites
    }
}
