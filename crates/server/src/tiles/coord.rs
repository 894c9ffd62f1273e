//! The address of a served tile, z/x/y, checked once where it enters.

use std::fmt;

/// The deepest zoom served.
pub(crate) const MAX_ZOOM: u8 = 18;

/// A tile of the XYZ scheme that the server serves: zoom at most [`MAX_ZOOM`], x and y below
/// 2^z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct TileCoord {
    z: u8,
    x: u32,
    y: u32,
}

/// Why z/x/y names no tile that is served.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum InvalidTile {
    /// A part of the path is not a whole number.
    #[error("tile {name} {text:?}: not a whole number")]
    NotANumber {
        /// Which part: `z`, `x` or `y`.
        name: &'static str,
        /// What was given.
        text: String,
    },
    /// The zoom is deeper than is served.
    #[error("tile zoom {z}: at most {MAX_ZOOM} is served")]
    Zoom {
        /// The zoom given.
        z: u32,
    },
    /// x or y lies outside the zoom's grid.
    #[error("tile {z}/{x}/{y}: x and y must be below {side} at zoom {z}")]
    Outside {
        /// The zoom.
        z: u8,
        /// The column given.
        x: u32,
        /// The row given.
        y: u32,
        /// Tiles per side at this zoom.
        side: u32,
    },
}

impl TileCoord {
    /// The tile z/x/y.
    ///
    /// # Errors
    /// [`InvalidTile::Zoom`] when `z` is above [`MAX_ZOOM`]; [`InvalidTile::Outside`] when `x`
    /// or `y` is not below 2^z.
    pub(crate) fn new(z: u8, x: u32, y: u32) -> Result<Self, InvalidTile> {
        if z > MAX_ZOOM {
            return Err(InvalidTile::Zoom { z: u32::from(z) });
        }
        let side = 1u32 << z;
        if x >= side || y >= side {
            return Err(InvalidTile::Outside { z, x, y, side });
        }
        Ok(Self { z, x, y })
    }

    /// The tile named by the parts of a path, `{z}/{x}/{y}`: whole numbers, checked as
    /// [`TileCoord::new`] checks them (the zoom before x and y are read).
    ///
    /// # Errors
    /// [`InvalidTile::NotANumber`] for a part that is not a whole number, then as
    /// [`TileCoord::new`].
    pub(crate) fn from_path(z: &str, x: &str, y: &str) -> Result<Self, InvalidTile> {
        let number = |name, text: &str| {
            text.parse::<u32>().map_err(|_| InvalidTile::NotANumber {
                name,
                text: text.to_owned(),
            })
        };
        let zn = number("z", z)?;
        let z = u8::try_from(zn)
            .ok()
            .filter(|&z| z <= MAX_ZOOM)
            .ok_or(InvalidTile::Zoom { z: zn })?;
        Self::new(z, number("x", x)?, number("y", y)?)
    }

    /// The zoom.
    #[must_use]
    pub(crate) const fn z(self) -> u8 {
        self.z
    }

    /// The column, from the west.
    #[must_use]
    pub(crate) const fn x(self) -> u32 {
        self.x
    }

    /// The row, from the north.
    #[must_use]
    pub(crate) const fn y(self) -> u32 {
        self.y
    }
}

impl fmt::Display for TileCoord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}", self.z, self.x, self.y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tile_lies_within_its_zoom_and_the_served_zooms() {
        assert!(TileCoord::new(0, 0, 0).is_ok());
        assert!(TileCoord::new(3, 7, 7).is_ok());
        assert_eq!(TileCoord::new(MAX_ZOOM, 0, 0).map(TileCoord::z), Ok(18));
        assert_eq!(
            TileCoord::new(3, 8, 0),
            Err(InvalidTile::Outside {
                z: 3,
                x: 8,
                y: 0,
                side: 8
            })
        );
        assert!(TileCoord::new(3, 0, 8).is_err());
        assert_eq!(
            TileCoord::new(MAX_ZOOM + 1, 0, 0),
            Err(InvalidTile::Zoom { z: 19 })
        );
    }

    #[test]
    fn a_path_names_a_tile_or_says_which_part_is_wrong() {
        let message = |z, x, y| {
            TileCoord::from_path(z, x, y).map_or_else(|e| e.to_string(), |c| c.to_string())
        };
        assert_eq!(message("5", "16", "15"), "5/16/15");
        assert_eq!(message("x", "0", "0"), "tile z \"x\": not a whole number");
        assert_eq!(message("1", "0", "-1"), "tile y \"-1\": not a whole number");
        assert_eq!(
            message("300", "x", "0"),
            "tile zoom 300: at most 18 is served"
        );
        assert_eq!(
            message("3", "9", "1"),
            "tile 3/9/1: x and y must be below 8 at zoom 3"
        );
    }
}
