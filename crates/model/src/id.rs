use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

fn valid_id(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 128
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Checks and wraps an identifier.
            ///
            /// # Errors
            /// [`Error::InvalidId`] when `value` is empty, longer than 128 bytes, or has
            /// characters other than ASCII letters, digits, `.`, `_`, `:` and `-`.
            pub fn new(value: impl Into<String>) -> Result<Self> {
                let value = value.into();
                if valid_id(&value) {
                    Ok(Self(value))
                } else {
                    Err(Error::InvalidId { what: $what, value })
                }
            }

            /// The identifier as text.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = Error;
            fn try_from(value: String) -> Result<Self> {
                Self::new(value)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self> {
                Self::new(s)
            }
        }
    };
}

id_type!(
    /// Identifies a [`Place`](crate::Place) within a conflict, e.g. `raqqa`.
    PlaceId,
    "place"
);
id_type!(
    /// Identifies a [`Party`](crate::Party), e.g. `sdf`.
    PartyId,
    "party"
);
id_type!(
    /// Identifies an admin [`Region`](crate::Region), e.g. `SY-RA`.
    RegionId,
    "region"
);
impl ObservationId {
    /// The id of a content hash: 16 lowercase hex digits.
    #[must_use]
    pub fn from_hash(hash: u64) -> Self {
        Self(HashText::new(hash).as_str().to_owned())
    }
}

/// A content hash as the text of its [`ObservationId`], without allocating (an import
/// writes one per row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashText([u8; 16]);

impl HashText {
    /// The 16 lowercase hex digits of `hash`.
    #[must_use]
    pub fn new(hash: u64) -> Self {
        let mut text = [b'0'; 16];
        for (i, slot) in text.iter_mut().enumerate() {
            let nibble = (hash >> (60 - 4 * i)) & 0xf;
            *slot = b"0123456789abcdef"[usize::try_from(nibble).unwrap_or(0)];
        }
        Self(text)
    }

    /// The text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("hex digits are ASCII")
    }
}

id_type!(
    /// Identifies an [`Observation`](crate::Observation). Unless a file gives one, it is
    /// derived from the observation's content, so that importing the same evidence twice
    /// yields the same id.
    ObservationId,
    "observation"
);

id_type!(
    /// Identifies a [`Presence`](crate::Presence) record. Unless a file gives one, it is
    /// derived from the record's content, as an observation's is.
    PresenceId,
    "presence"
);

impl PresenceId {
    /// The id of a content hash: 16 lowercase hex digits.
    #[must_use]
    pub fn from_hash(hash: u64) -> Self {
        Self(HashText::new(hash).as_str().to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_text_is_the_hash_in_16_lowercase_hex_digits() {
        for hash in [0, 1, 0xdead_beef, u64::MAX, 0x0123_4567_89ab_cdef] {
            assert_eq!(HashText::new(hash).as_str(), format!("{hash:016x}"));
        }
    }

    #[test]
    fn ids_accept_slugs_and_reject_spaces_and_empties() {
        assert!(PlaceId::new("deir-ez-zor").is_ok());
        assert!(PlaceId::new("gn:163345").is_ok());
        assert!(PlaceId::new("").is_err());
        assert!(PlaceId::new("a b").is_err());
        assert!(PartyId::new("<script>").is_err());
    }
}
