//! Colours as readers see them: sRGB, written `#rrggbb`.

use std::fmt;
use std::str::FromStr;

use crate::error::{RenderError, Result};

/// An opaque sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Colour {
    r: u8,
    g: u8,
    b: u8,
}

impl Colour {
    /// The colour with these red, green and blue components.
    #[must_use]
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }

    /// Parses `#rrggbb` (or `rrggbb`), case-insensitive.
    ///
    /// # Errors
    /// [`RenderError::InvalidColour`] when the text is not six hexadecimal digits.
    pub fn from_hex(text: &str) -> Result<Self> {
        let invalid = || RenderError::InvalidColour {
            value: text.to_owned(),
        };
        let digits = text.strip_prefix('#').unwrap_or(text);
        if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(invalid());
        }
        let channel = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).map_err(|_| invalid());
        Ok(Self::rgb(channel(0)?, channel(2)?, channel(4)?))
    }

    /// Relative luminance (0 black .. 1 white), used to pick legible text and stripe contrast.
    #[must_use]
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.r) + 0.7152 * lin(self.g) + 0.0722 * lin(self.b)
    }

    /// The colour as six lowercase hexadecimal digits without `#` (for SVG ids).
    pub(crate) fn hex_digits(self) -> String {
        format!("{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

impl FromStr for Colour {
    type Err = RenderError;

    fn from_str(s: &str) -> Result<Self> {
        Self::from_hex(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours_round_trip_through_display() {
        let c = Colour::from_hex("#C0392B").expect("valid colour");
        assert_eq!(c.to_string(), "#c0392b");
        assert_eq!(
            "2e8b57".parse::<Colour>().expect("valid colour"),
            Colour::rgb(0x2e, 0x8b, 0x57)
        );
    }

    #[test]
    fn malformed_colours_are_rejected_with_the_text_given() {
        for bad in ["", "#fff", "#gggggg", "#1234567", "red"] {
            let err = Colour::from_hex(bad).expect_err("must be rejected");
            assert!(err.to_string().contains(bad));
        }
    }

    #[test]
    fn white_is_brighter_than_black() {
        assert!(Colour::rgb(255, 255, 255).luminance() > 0.99);
        assert!(Colour::rgb(0, 0, 0).luminance() < 0.01);
    }
}
