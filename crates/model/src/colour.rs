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

/// How a colour is seen: with normal colour vision, or as a dichromat sees it, simulated
/// after Machado, Oliveira and Fernandes (2009) at full severity, in linear sRGB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Vision {
    /// Normal colour vision.
    Normal,
    /// No long-wavelength (red) cones.
    Protanopia,
    /// No medium-wavelength (green) cones.
    Deuteranopia,
    /// No short-wavelength (blue) cones.
    Tritanopia,
}

impl Vision {
    /// Every vision a palette is checked under.
    pub const ALL: [Self; 4] = [
        Self::Normal,
        Self::Protanopia,
        Self::Deuteranopia,
        Self::Tritanopia,
    ];

    /// Machado et al. (2009), Table 1, severity 1.0: the matrix applied to linear sRGB.
    const fn matrix(self) -> Option<[[f64; 3]; 3]> {
        match self {
            Self::Normal => None,
            Self::Protanopia => Some([
                [0.152_286, 1.052_583, -0.204_868],
                [0.114_503, 0.786_281, 0.099_216],
                [-0.003_882, -0.048_116, 1.051_998],
            ]),
            Self::Deuteranopia => Some([
                [0.367_322, 0.860_646, -0.227_968],
                [0.280_085, 0.672_501, 0.047_413],
                [-0.011_820, 0.042_940, 0.968_881],
            ]),
            Self::Tritanopia => Some([
                [1.255_528, -0.076_749, -0.178_779],
                [-0.078_411, 0.930_809, 0.147_602],
                [0.004_733, 0.691_367, 0.303_900],
            ]),
        }
    }
}

impl fmt::Display for Vision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Normal => "normal vision",
            Self::Protanopia => "protanopia",
            Self::Deuteranopia => "deuteranopia",
            Self::Tritanopia => "tritanopia",
        })
    }
}

/// A colour in CIELAB (D65 white): lightness `l` (0–100), and the `a` (green–red) and `b`
/// (blue–yellow) axes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lab {
    /// Lightness, 0 (black) to 100 (white).
    pub l: f64,
    /// Green (negative) to red (positive).
    pub a: f64,
    /// Blue (negative) to yellow (positive).
    pub b: f64,
}

impl Lab {
    /// The CIEDE2000 colour difference (Sharma, Wu and Dalal 2005) between two colours: about
    /// 1 is just noticeable side by side; map colours want 10 or more.
    #[must_use]
    pub fn difference(self, other: Self) -> f64 {
        let (l1, a1, b1) = (self.l, self.a, self.b);
        let (l2, a2, b2) = (other.l, other.a, other.b);
        let pow25_7 = 25.0_f64.powi(7);
        let c_mean = f64::midpoint(a1.hypot(b1), a2.hypot(b2));
        let g = 0.5 * (1.0 - (c_mean.powi(7) / (c_mean.powi(7) + pow25_7)).sqrt());
        let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
        let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
        let hue = |a: f64, b: f64| {
            if a == 0.0 && b == 0.0 {
                0.0
            } else {
                b.atan2(a).to_degrees().rem_euclid(360.0)
            }
        };
        let (h1p, h2p) = (hue(a1p, b1), hue(a2p, b2));
        let chromatic = c1p * c2p != 0.0;
        let dh = if chromatic {
            let d = h2p - h1p;
            if d > 180.0 {
                d - 360.0
            } else if d < -180.0 {
                d + 360.0
            } else {
                d
            }
        } else {
            0.0
        };
        let dl = l2 - l1;
        let dc = c2p - c1p;
        let dhh = 2.0 * (c1p * c2p).sqrt() * (dh.to_radians() / 2.0).sin();
        let l_mean = f64::midpoint(l1, l2);
        let cp_mean = f64::midpoint(c1p, c2p);
        let h_mean = if !chromatic {
            h1p + h2p
        } else if (h1p - h2p).abs() <= 180.0 {
            f64::midpoint(h1p, h2p)
        } else if h1p + h2p < 360.0 {
            (h1p + h2p + 360.0) / 2.0
        } else {
            (h1p + h2p - 360.0) / 2.0
        };
        let cos = |deg: f64| deg.to_radians().cos();
        let t = 1.0 - 0.17 * cos(h_mean - 30.0)
            + 0.24 * cos(2.0 * h_mean)
            + 0.32 * cos(3.0 * h_mean + 6.0)
            - 0.20 * cos(4.0 * h_mean - 63.0);
        let d_theta = 30.0 * (-((h_mean - 275.0) / 25.0).powi(2)).exp();
        let r_c = 2.0 * (cp_mean.powi(7) / (cp_mean.powi(7) + pow25_7)).sqrt();
        let s_l = 1.0 + 0.015 * (l_mean - 50.0).powi(2) / (20.0 + (l_mean - 50.0).powi(2)).sqrt();
        let s_c = 1.0 + 0.045 * cp_mean;
        let s_h = 1.0 + 0.015 * cp_mean * t;
        let r_t = -(2.0 * d_theta).to_radians().sin() * r_c;
        let (l, c, h) = (dl / s_l, dc / s_c, dhh / s_h);
        (l * l + c * c + h * h + r_t * c * h).sqrt()
    }
}

impl Colour {
    /// The colour in CIELAB as seen with `vision`.
    #[must_use]
    pub fn lab(self, vision: Vision) -> Lab {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let mut rgb = [linear(self.r), linear(self.g), linear(self.b)];
        if let Some(m) = vision.matrix() {
            rgb =
                m.map(|row| (row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]).clamp(0.0, 1.0));
        }
        let [r, g, b] = rgb;
        // sRGB to XYZ (D65), then to Lab relative to the D65 white.
        let x = (0.412_456_4 * r + 0.357_576_1 * g + 0.180_437_5 * b) / 0.950_47;
        let y = 0.212_672_9 * r + 0.715_152_2 * g + 0.072_175_0 * b;
        let z = (0.019_333_9 * r + 0.119_192_0 * g + 0.950_304_1 * b) / 1.088_83;
        let f = |t: f64| {
            if t > 216.0 / 24_389.0 {
                t.cbrt()
            } else {
                (24_389.0 / 27.0 * t + 16.0) / 116.0
            }
        };
        let (fx, fy, fz) = (f(x), f(y), f(z));
        Lab {
            l: 116.0 * fy - 16.0,
            a: 500.0 * (fx - fy),
            b: 200.0 * (fy - fz),
        }
    }

    /// The CIEDE2000 difference between two colours as seen with `vision`.
    #[must_use]
    pub fn difference(self, other: Self, vision: Vision) -> f64 {
        self.lab(vision).difference(other.lab(vision))
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

    /// Sharma, Wu and Dalal (2005), Table 1: pairs 1, 7, 17 and 25 and one of near-black.
    #[test]
    fn ciede2000_gives_the_published_test_values() {
        let lab = |l, a, b| Lab { l, a, b };
        for (p, q, expected) in [
            (
                lab(50.0, 2.6772, -79.7751),
                lab(50.0, 0.0, -82.7485),
                2.0425,
            ),
            (lab(50.0, 0.0, 0.0), lab(50.0, -1.0, 2.0), 2.3669),
            (lab(50.0, 2.5, 0.0), lab(73.0, 25.0, -18.0), 27.1492),
            (
                lab(60.2574, -34.0099, 36.2677),
                lab(60.4626, -34.1751, 39.4387),
                1.2644,
            ),
            (
                lab(2.0776, 0.0795, -1.135),
                lab(0.9033, -0.0636, -0.5514),
                0.9082,
            ),
        ] {
            assert!((p.difference(q) - expected).abs() < 1e-4, "{p:?} {q:?}");
            assert!((q.difference(p) - expected).abs() < 1e-4, "symmetric");
        }
    }

    #[test]
    fn lab_of_white_black_and_red_and_what_dichromats_lose() {
        let white = Colour::parse("#ffffff")
            .expect("colour")
            .lab(Vision::Normal);
        assert!((white.l - 100.0).abs() < 0.01 && white.a.abs() < 0.01 && white.b.abs() < 0.01);
        let black = Colour::parse("#000000")
            .expect("colour")
            .lab(Vision::Normal);
        assert!(black.l.abs() < 1e-9);
        let red = Colour::parse("#ff0000").expect("colour");
        let green = Colour::parse("#00a000").expect("colour");
        let red_lab = red.lab(Vision::Normal);
        assert!((red_lab.l - 53.24).abs() < 0.05 && (red_lab.a - 80.09).abs() < 0.05);
        // Red and green are far apart to most eyes and much closer without red or green
        // cones; greys are seen alike by all.
        let normal = red.difference(green, Vision::Normal);
        for v in [Vision::Protanopia, Vision::Deuteranopia] {
            assert!(red.difference(green, v) < normal / 2.0, "{v}");
        }
        let grey = Colour::parse("#808080").expect("colour");
        for v in Vision::ALL {
            let seen = grey.lab(v);
            assert!(seen.a.abs() < 0.5 && seen.b.abs() < 0.5, "{v}: {seen:?}");
        }
    }
}
