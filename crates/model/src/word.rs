//! Enums that are written as one lowercase word in files and on the command line.

/// Declares an enum whose variants are written as fixed words, with `parse`, `as_str`,
/// `ALL`, `Display`, `FromStr` and serde as those words.
macro_rules! word_enum {
    ($(#[$doc:meta])* $name:ident, $what:literal { $($(#[$vdoc:meta])* $variant:ident = $word:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $word)] $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The word this value is written as.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $word,)+ }
            }

            /// Parses the word (case-insensitive, surrounding blanks ignored).
            ///
            /// # Errors
            /// [`Error::InvalidValue`](crate::Error::InvalidValue) for any other word.
            pub fn parse(text: &str) -> crate::Result<Self> {
                let t = text.trim();
                $(if t.eq_ignore_ascii_case($word) { return Ok(Self::$variant); })+
                Err(crate::Error::InvalidValue {
                    what: $what,
                    value: text.to_owned(),
                    expected: [$($word),+].join(", "),
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::Error;
            fn from_str(s: &str) -> crate::Result<Self> {
                Self::parse(s)
            }
        }
    };
}

pub(crate) use word_enum;
