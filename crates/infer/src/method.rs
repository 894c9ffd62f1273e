//! The inference method: a typed, named parameter set printed next to every figure.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The default distance cap in km.
pub(crate) const DEFAULT_CAP_KM: f64 = 35.0;
/// The default width of the contested band in km.
pub(crate) const DEFAULT_BAND_KM: f64 = 7.0;
/// The default radius around populated places and key sites that counts as effective land, km.
pub(crate) const DEFAULT_EFFECTIVE_KM: f64 = 5.0;

/// How places become areas. Only one method exists, `nearest`: Voronoi (Thiessen) cells of the
/// places, with a distance cap and a contested band. See `docs/method.md`.
///
/// Build one with [`Method::nearest`] and the `with_*` setters, which check their argument;
/// deserialising checks the same.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "MethodRepr", into = "MethodRepr")]
pub struct Method {
    cap_km: Option<f64>,
    band_km: f64,
    stale_days: Option<u32>,
    effective_km: f64,
}

/// The serialised form of [`Method`]: `{"name":"nearest","cap_km":35.0,...}`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(tag = "name", rename_all = "snake_case")]
enum MethodRepr {
    Nearest {
        cap_km: Option<f64>,
        band_km: f64,
        stale_days: Option<u32>,
        effective_km: f64,
    },
}

impl TryFrom<MethodRepr> for Method {
    type Error = Error;

    fn try_from(repr: MethodRepr) -> Result<Self> {
        let MethodRepr::Nearest {
            cap_km,
            band_km,
            stale_days,
            effective_km,
        } = repr;
        Self::nearest()
            .with_cap_km(cap_km)?
            .with_band_km(band_km)?
            .with_effective_km(effective_km)
            .map(|m| m.with_stale_days(stale_days))
    }
}

impl From<Method> for MethodRepr {
    fn from(m: Method) -> Self {
        Self::Nearest {
            cap_km: m.cap_km,
            band_km: m.band_km,
            stale_days: m.stale_days,
            effective_km: m.effective_km,
        }
    }
}

impl Default for Method {
    fn default() -> Self {
        Self::nearest()
    }
}

fn check_length(field: &'static str, value: f64, allow_zero: bool) -> Result<f64> {
    if !value.is_finite() {
        return Err(Error::MethodParameter {
            field,
            value,
            reason: "not a finite number",
        });
    }
    if value < 0.0 || (!allow_zero && value == 0.0) {
        return Err(Error::MethodParameter {
            field,
            value,
            reason: if allow_zero {
                "negative"
            } else {
                "not positive"
            },
        });
    }
    if value > 5_000.0 {
        return Err(Error::MethodParameter {
            field,
            value,
            reason: "more than 5000 km",
        });
    }
    Ok(value)
}

impl Method {
    /// The `nearest` method with its defaults: cap 35 km, band 7 km, no staleness limit,
    /// effective radius 5 km.
    #[must_use]
    pub const fn nearest() -> Self {
        Self {
            cap_km: Some(DEFAULT_CAP_KM),
            band_km: DEFAULT_BAND_KM,
            stale_days: None,
            effective_km: DEFAULT_EFFECTIVE_KM,
        }
    }

    /// Sets the distance cap: land farther than this from its place is unknown; `None` assigns
    /// all land.
    ///
    /// # Errors
    /// [`Error::MethodParameter`] if the cap is not a positive finite number of at most 5000 km.
    pub fn with_cap_km(mut self, cap_km: Option<f64>) -> Result<Self> {
        self.cap_km = cap_km
            .map(|c| check_length("cap_km", c, false))
            .transpose()?;
        Ok(self)
    }

    /// Sets the total width of the contested band along the border of two parties' cells
    /// (half on each side); 0 turns the band off.
    ///
    /// # Errors
    /// [`Error::MethodParameter`] if the width is negative, not finite or above 5000 km.
    pub fn with_band_km(mut self, band_km: f64) -> Result<Self> {
        self.band_km = check_length("band_km", band_km, true)?;
        Ok(self)
    }

    /// Sets the radius around populated places and key sites that counts as effective land.
    ///
    /// # Errors
    /// [`Error::MethodParameter`] if the radius is negative, not finite or above 5000 km.
    pub fn with_effective_km(mut self, effective_km: f64) -> Result<Self> {
        self.effective_km = check_length("effective_km", effective_km, true)?;
        Ok(self)
    }

    /// Sets the staleness limit: places last observed more than this many days ago claim no
    /// land; `None` keeps every place however old.
    #[must_use]
    pub const fn with_stale_days(mut self, stale_days: Option<u32>) -> Self {
        self.stale_days = stale_days;
        self
    }

    /// The method's name.
    #[must_use]
    pub const fn name(&self) -> &'static str {
        "nearest"
    }

    /// The distance cap in km, if any.
    #[must_use]
    pub const fn cap_km(&self) -> Option<f64> {
        self.cap_km
    }

    /// The total width of the contested band in km.
    #[must_use]
    pub const fn band_km(&self) -> f64 {
        self.band_km
    }

    /// The staleness limit in days, if any.
    #[must_use]
    pub const fn stale_days(&self) -> Option<u32> {
        self.stale_days
    }

    /// The effective-area radius in km.
    #[must_use]
    pub const fn effective_km(&self) -> f64 {
        self.effective_km
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "nearest(cap_km=")?;
        match self.cap_km {
            Some(c) => write!(f, "{c}")?,
            None => write!(f, "none")?,
        }
        write!(f, ", band_km={}, stale_days=", self.band_km)?;
        match self.stale_days {
            Some(d) => write!(f, "{d}")?,
            None => write!(f, "none")?,
        }
        write!(f, ", effective_km={})", self.effective_km)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_prints_every_parameter() {
        let m = Method::nearest()
            .with_cap_km(None)
            .expect("none is a valid cap");
        assert_eq!(
            m.to_string(),
            "nearest(cap_km=none, band_km=7, stale_days=none, effective_km=5)"
        );
    }

    #[test]
    fn method_round_trips_through_json_and_rejects_bad_values() {
        let m = Method::nearest().with_stale_days(Some(90));
        let json = serde_json::to_string(&m).expect("serialisable");
        assert!(json.contains("\"name\":\"nearest\""), "{json}");
        let back: Method = serde_json::from_str(&json).expect("round trip");
        assert_eq!(back, m);
        let bad = json.replace("\"band_km\":7.0", "\"band_km\":-1.0");
        assert!(serde_json::from_str::<Method>(&bad).is_err(), "{bad}");
        assert!(Method::nearest().with_cap_km(Some(0.0)).is_err());
    }
}
