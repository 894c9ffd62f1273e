//! The crate's error type.

/// Why inference could not be done.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// There were no places to build cells from.
    #[error("no places: at least one place is needed to build cells")]
    NoSites,
    /// A place's coordinates are not a longitude and latitude in range.
    #[error("place {site} has coordinates ({lon}, {lat}) that are not a longitude and latitude")]
    SiteCoordinates {
        /// Index of the place.
        site: usize,
        /// Longitude given.
        lon: f64,
        /// Latitude given.
        lat: f64,
    },
    /// The boundary has no polygon with a non-zero area.
    #[error("the boundary is empty or has no area")]
    EmptyBoundary,
    /// A boundary coordinate is not a finite longitude and latitude.
    #[error("boundary polygon {polygon} ring {ring} has a coordinate that is not finite")]
    BoundaryCoordinates {
        /// Index of the polygon in the multipolygon.
        polygon: usize,
        /// Index of the ring (0 is the exterior).
        ring: usize,
    },
    /// A method parameter is out of its range.
    #[error("method parameter {field} is {value}, which is {reason}")]
    MethodParameter {
        /// The parameter's name.
        field: &'static str,
        /// The value given.
        value: f64,
        /// Why it is rejected.
        reason: &'static str,
    },
    /// A labelling does not have one label per place.
    #[error("a labelling has {got} labels but there are {expected} places")]
    LabelCount {
        /// Number of places.
        expected: usize,
        /// Number of labels given.
        got: usize,
    },
    /// A place index is out of range.
    #[error("place index {site} is out of range (there are {count} places)")]
    SiteIndex {
        /// The index given.
        site: usize,
        /// Number of places.
        count: usize,
    },
    /// More admin regions than statistics can be kept for.
    #[error("{count} admin regions given; at most 65535 are supported")]
    TooManyRegions {
        /// Number of regions given.
        count: usize,
    },
    /// The Delaunay triangulation could not be built.
    #[error("the triangulation of the places failed")]
    Triangulation {
        /// The underlying error from spade.
        #[source]
        source: spade::InsertionError,
    },
    /// Clipping the cells to the boundary did not close into rings (a numerical degeneracy).
    #[error("the cells of piece {piece} did not close into rings while clipping to the boundary")]
    Topology {
        /// The piece whose rings did not close.
        piece: usize,
    },
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
