//! A small tokenizer for the part of Lua that detailed-map modules use: table
//! constructors of names, numbers, strings and `m.name` field accesses, with `--` and
//! `--[[ ]]` comments. It does not evaluate anything.
//!
//! Short strings follow Lua: a raw line break inside `"..."` ends it with an error (the
//! entry is broken), and the usual backslash escapes are decoded. Long strings and
//! comments (`[[ ]]`, `[==[ ]==]`) may span lines.

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Token {
    /// A name: `lat`, `m`, `marks`, `true`.
    Name(String),
    /// A number literal.
    Number(f64),
    /// A string literal, decoded.
    Str(String),
    /// One of `{ } = , ; . -` and any other single character.
    Punct(char),
}

/// A token and the line (1-based) it starts on.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Lexed {
    pub(super) token: Token,
    pub(super) line: u64,
}

/// Why the text could not be tokenized, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct LexError {
    pub(super) line: u64,
    pub(super) reason: String,
}

/// A cursor over module text that yields tokens and can be moved to a line start (to
/// resume after a broken entry).
#[derive(Clone)]
pub(super) struct Lexer<'a> {
    text: &'a str,
    pos: usize,
    line: u64,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Self {
            text,
            pos: 0,
            line: 1,
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek_byte(&self, ahead: usize) -> Option<u8> {
        self.bytes().get(self.pos + ahead).copied()
    }

    /// Moves to the start of the first line from here that begins (after blanks) with
    /// `{` or `}`: where the next entry, or the end of the list, starts. The current line
    /// counts only when the cursor is at its start.
    pub(super) fn resync(&mut self) {
        let bytes = self.bytes();
        let at_line_start = self.pos == 0 || bytes.get(self.pos - 1) == Some(&b'\n');
        if at_line_start {
            let first = self.text[self.pos..]
                .trim_start_matches([' ', '\t', '\r'])
                .as_bytes()
                .first();
            if matches!(first, Some(b'{' | b'}')) {
                return;
            }
        }
        while self.pos < bytes.len() {
            if bytes[self.pos] == b'\n' {
                self.pos += 1;
                self.line += 1;
                let rest = &self.text[self.pos..];
                let first = rest
                    .trim_start_matches([' ', '\t', '\r'])
                    .as_bytes()
                    .first();
                if matches!(first, Some(b'{' | b'}')) {
                    return;
                }
            } else {
                self.pos += 1;
            }
        }
    }

    /// The next token, `None` at the end of the text.
    pub(super) fn next_token(&mut self) -> Option<Result<Lexed, LexError>> {
        if let Err(e) = self.skip_blanks_and_comments() {
            return Some(Err(e));
        }
        let line = self.line;
        let b = self.peek_byte(0)?;
        let token = match b {
            b'"' | b'\'' => self.short_string(b),
            b'[' if matches!(self.peek_byte(1), Some(b'[' | b'=')) => match self.long_bracket() {
                Some(r) => r.map(Token::Str),
                None => {
                    self.pos += 1;
                    Ok(Token::Punct('['))
                }
            },
            b'0'..=b'9' => self.number(),
            b'.' if self.peek_byte(1).is_some_and(|c| c.is_ascii_digit()) => self.number(),
            c if c == b'_' || c.is_ascii_alphabetic() => {
                let end = self.bytes()[self.pos..]
                    .iter()
                    .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                    .map_or(self.bytes().len(), |n| self.pos + n);
                let name = self.text[self.pos..end].to_owned();
                self.pos = end;
                Ok(Token::Name(name))
            }
            _ => {
                let c = self.text[self.pos..]
                    .chars()
                    .next()
                    .expect("a byte starts a char here");
                self.pos += c.len_utf8();
                Ok(Token::Punct(c))
            }
        };
        Some(
            token
                .map(|token| Lexed { token, line })
                .map_err(|reason| LexError { line, reason }),
        )
    }

    fn skip_blanks_and_comments(&mut self) -> Result<(), LexError> {
        loop {
            match self.peek_byte(0) {
                Some(b'\n') => {
                    self.line += 1;
                    self.pos += 1;
                }
                Some(b' ' | b'\t' | b'\r') => self.pos += 1,
                Some(b'-') if self.peek_byte(1) == Some(b'-') => {
                    let line = self.line;
                    self.pos += 2;
                    if self.peek_byte(0) == Some(b'[') {
                        match self.long_bracket() {
                            Some(Ok(_)) => continue,
                            Some(Err(reason)) => {
                                return Err(LexError {
                                    line,
                                    reason: format!("comment: {reason}"),
                                });
                            }
                            None => {}
                        }
                    }
                    while let Some(c) = self.peek_byte(0) {
                        if c == b'\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    /// A long bracket `[[...]]` or `[==[...]==]` at the cursor: `None` when the cursor
    /// is not at one (a lone `[`).
    fn long_bracket(&mut self) -> Option<Result<String, String>> {
        let bytes = self.bytes();
        let mut level = 0;
        while bytes.get(self.pos + 1 + level) == Some(&b'=') {
            level += 1;
        }
        if bytes.get(self.pos + 1 + level) != Some(&b'[') {
            return None;
        }
        let body_start = self.pos + 2 + level;
        let close = format!("]{}]", "=".repeat(level));
        let Some(n) = self.text[body_start..].find(&close) else {
            self.pos = bytes.len();
            return Some(Err(format!(
                "a long bracket [{}[ is never closed by {close}",
                "=".repeat(level)
            )));
        };
        let body = &self.text[body_start..body_start + n];
        self.line += u64::try_from(body.matches('\n').count()).unwrap_or(0);
        self.pos = body_start + n + close.len();
        // Lua drops a line break that directly follows the opening bracket.
        let body = body
            .strip_prefix("\r\n")
            .or_else(|| body.strip_prefix('\n'))
            .unwrap_or(body);
        Some(Ok(body.to_owned()))
    }

    fn short_string(&mut self, quote: u8) -> Result<Token, String> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.text[self.pos..].chars().next() else {
                return Err("a string is never closed".to_owned());
            };
            self.pos += c.len_utf8();
            match c {
                '\n' => {
                    self.line += 1;
                    return Err(
                        "a line break inside a quoted string (a string is not closed on its line)"
                            .to_owned(),
                    );
                }
                '\\' => {
                    let Some(e) = self.text[self.pos..].chars().next() else {
                        return Err("a string is never closed".to_owned());
                    };
                    self.pos += e.len_utf8();
                    match e {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        'a' => out.push('\u{7}'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'v' => out.push('\u{b}'),
                        '\\' | '"' | '\'' => out.push(e),
                        '\n' => {
                            self.line += 1;
                            out.push('\n');
                        }
                        d if d.is_ascii_digit() => out.push(self.decimal_escape(d)?),
                        other => {
                            return Err(format!(
                                "column {}: invalid escape \\{} in a string (Lua knows \\n, \\t, \\\\, \\\", \\' and \\ddd, among others)",
                                self.column(self.pos - other.len_utf8() - 1),
                                other.escape_default()
                            ));
                        }
                    }
                }
                c if c as u32 == u32::from(quote) => return Ok(Token::Str(out)),
                c => out.push(c),
            }
        }
    }

    /// The character of a decimal escape `\ddd` (up to three digits, at most 255) whose
    /// first digit `first` has been read.
    fn decimal_escape(&mut self, first: char) -> Result<char, String> {
        let start = self.pos - 2;
        let mut value = first.to_digit(10).unwrap_or(0);
        for _ in 0..2 {
            match self.text[self.pos..]
                .chars()
                .next()
                .and_then(|c| c.to_digit(10))
            {
                Some(d) => {
                    value = value * 10 + d;
                    self.pos += 1;
                }
                None => break,
            }
        }
        u8::try_from(value).map(char::from).map_err(|_| {
            format!(
                "column {}: the escape \\{value} is larger than 255",
                self.column(start)
            )
        })
    }

    /// The column (1-based, in characters) of byte offset `at` on its line.
    fn column(&self, at: usize) -> usize {
        let line_start = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
        self.text[line_start..at].chars().count() + 1
    }

    fn number(&mut self) -> Result<Token, String> {
        let bytes = self.bytes();
        let start = self.pos;
        let mut end = start;
        while end < bytes.len() {
            let c = bytes[end];
            let exponent_sign =
                matches!(c, b'+' | b'-') && end > start && matches!(bytes[end - 1], b'e' | b'E');
            if c.is_ascii_alphanumeric() || c == b'.' || exponent_sign {
                end += 1;
            } else {
                break;
            }
        }
        self.pos = end;
        let text = &self.text[start..end];
        text.parse::<f64>()
            .map(Token::Number)
            .map_err(|_| format!("{} is not a number", frontline_model::shown(text)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<Token> {
        let mut lexer = Lexer::new(text);
        let mut out = Vec::new();
        while let Some(t) = lexer.next_token() {
            out.push(t.expect("lexes").token);
        }
        out
    }

    #[test]
    fn comments_of_both_kinds_are_skipped_and_lines_counted() {
        let text =
            "-- a line comment\n--[[ a block\ncomment ]] x = 1 --[==[ another ]==]\ny = 'two'";
        assert_eq!(
            tokens(text),
            vec![
                Token::Name("x".into()),
                Token::Punct('='),
                Token::Number(1.0),
                Token::Name("y".into()),
                Token::Punct('='),
                Token::Str("two".into())
            ]
        );
        let mut lexer = Lexer::new(text);
        let first = lexer.next_token().expect("a token").expect("lexes");
        assert_eq!(first.line, 3);
    }

    #[test]
    fn strings_decode_escapes_and_long_brackets() {
        assert_eq!(
            tokens(r#""a \"b\" c""#),
            vec![Token::Str("a \"b\" c".into())]
        );
        assert_eq!(tokens("[=[x ]] y]=]"), vec![Token::Str("x ]] y".into())]);
        assert_eq!(
            tokens("-36.5e1"),
            vec![Token::Punct('-'), Token::Number(365.0)]
        );
    }

    #[test]
    fn a_line_break_in_a_quoted_string_is_an_error_on_its_line() {
        let mut lexer = Lexer::new("x = 1\nlabel = \"broken\nrest\"");
        let mut err = None;
        while let Some(t) = lexer.next_token() {
            if let Err(e) = t {
                err = Some(e);
                break;
            }
        }
        let err = err.expect("an error");
        assert_eq!(err.line, 2);
        assert!(err.reason.contains("line break"), "{}", err.reason);
    }

    fn first_error(text: &str) -> LexError {
        let mut lexer = Lexer::new(text);
        while let Some(t) = lexer.next_token() {
            if let Err(e) = t {
                return e;
            }
        }
        panic!("no error in {text:?}");
    }

    #[test]
    fn lua_escapes_decode_and_invalid_ones_are_refused_with_line_and_column() {
        assert_eq!(
            tokens(r#""a\tb\65\066\'\\" 'x'"#),
            vec![Token::Str("a\tbAB'\\".into()), Token::Str("x".into())]
        );
        let err = first_error("x = 1\nlabel = \"a\\q\\999b\"");
        assert_eq!(err.line, 2);
        assert!(
            err.reason.contains("column 11: invalid escape \\q"),
            "{}",
            err.reason
        );
        let err = first_error("label = \"a\\999b\"");
        assert!(
            err.reason
                .contains("column 11: the escape \\999 is larger than 255"),
            "{}",
            err.reason
        );
    }

    #[test]
    fn resync_moves_to_the_next_entry_line() {
        let mut lexer = Lexer::new("{ a = \"x\njunk\n  { b = 1 }");
        while let Some(Ok(_)) = lexer.next_token() {}
        lexer.resync();
        let next = lexer.next_token().expect("a token").expect("lexes");
        assert_eq!((next.token, next.line), (Token::Punct('{'), 3));
    }
}
