use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// An sRGB colour written `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Colour {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
}

impl Colour {
    /// Parses `#rrggbb` (case-insensitive; the `#` is required).
    ///
    /// # Errors
    /// [`Error::InvalidColour`] for anything else.
    pub fn parse(text: &str) -> Result<Self> {
        let invalid = || Error::InvalidColour {
            value: text.to_owned(),
        };
        let hex = text.trim().strip_prefix('#').ok_or_else(invalid)?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(invalid());
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| invalid());
        Ok(Self {
            r: byte(0)?,
            g: byte(2)?,
            b: byte(4)?,
        })
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

impl TryFrom<String> for Colour {
    type Error = Error;
    fn try_from(value: String) -> Result<Self> {
        Self::parse(&value)
    }
}

impl From<Colour> for String {
    fn from(c: Colour) -> String {
        c.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_round_trip_in_lowercase() {
        let c = Colour::parse("#E41A1C").expect("parses");
        assert_eq!((c.r, c.g, c.b), (0xe4, 0x1a, 0x1c));
        assert_eq!(c.to_string(), "#e41a1c");
        assert!(Colour::parse("red").is_err());
        assert!(Colour::parse("#12345").is_err());
    }
}
