//! How an error message shows a value it echoes.

/// A value as an error message shows it: quoted, control characters and quotes escaped (so
/// that no terminal escape reaches a terminal), and cut to 80 characters (so that a huge
/// field or a binary header does not flood it).
#[must_use]
pub fn shown(value: &str) -> String {
    const MAX: usize = 80;
    let mut cut: String = value.chars().take(MAX).collect();
    if value.chars().count() > MAX {
        cut.push_str("...");
    }
    format!("{cut:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_quoted_escaped_and_cut() {
        assert_eq!(shown("red"), "\"red\"");
        assert_eq!(shown("a\u{1b}[31mb"), "\"a\\u{1b}[31mb\"");
        let huge = shown(&"x".repeat(5000));
        assert_eq!(huge.len(), 80 + 5);
        assert!(huge.ends_with("...\""));
    }
}
