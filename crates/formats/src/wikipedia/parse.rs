//! The `marks = { { lat = ..., long = ..., mark = ..., ... }, ... }` list of a module,
//! read entry by entry so that a broken entry is reported by its line and the rest can
//! still be read.

use super::lexer::{LexError, Lexed, Lexer, Token};

/// The icon of a mark: a name from the shared marks module (`m.gov` is `Named("gov")`)
/// or a raw file name (`"Rif_Aleppo2.svg"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Icon {
    /// `m.<name>`.
    Named(String),
    /// A quoted file name.
    File(String),
}

/// One entry of the module's `marks` list, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// The line the entry starts on (1-based).
    pub line: u64,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// The icon.
    pub icon: Icon,
    /// The label as written (wiki markup included).
    pub label: Option<String>,
    /// The link target.
    pub link: Option<String>,
    /// The icon size in pixels.
    pub marksize: Option<f64>,
}

/// An entry that could not be read, by its first line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenEntry {
    /// The line the entry starts on.
    pub line: u64,
    /// Why, in words.
    pub reason: String,
}

/// Why a whole module could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ModuleError {
    pub(super) line: u64,
    pub(super) reason: String,
}

/// The entries of the `marks` list, read and broken. What follows the list (the map's
/// caption and container arguments) is not read.
pub(super) fn marks(text: &str) -> Result<(Vec<Mark>, Vec<BrokenEntry>), ModuleError> {
    let mut lexer = Lexer::new(text);
    find_marks_list(&mut lexer)?;
    let mut marks = Vec::new();
    let mut broken = Vec::new();
    loop {
        let Some(next) = lexer.next_token() else {
            return Err(ModuleError {
                line: line_count(text),
                reason: "the marks list is never closed by '}'".to_owned(),
            });
        };
        let lexed = match next {
            Ok(l) => l,
            Err(LexError { line, reason }) => {
                broken.push(BrokenEntry { line, reason });
                lexer.resync();
                continue;
            }
        };
        match lexed.token {
            Token::Punct('}') => return Ok((marks, broken)),
            Token::Punct(',' | ';') => {}
            Token::Punct('{') => match entry(&mut lexer, lexed.line) {
                Ok(mark) => marks.push(mark),
                Err(reason) => {
                    let own_line = format!("line {}: ", lexed.line);
                    let reason = reason
                        .strip_prefix(&own_line)
                        .map_or_else(|| reason.clone(), str::to_owned);
                    broken.push(BrokenEntry {
                        line: lexed.line,
                        reason,
                    });
                    lexer.resync();
                }
            },
            other => {
                broken.push(BrokenEntry {
                    line: lexed.line,
                    reason: format!("expected an entry '{{ ... }}', found {}", describe(&other)),
                });
                lexer.resync();
            }
        }
    }
}

fn line_count(text: &str) -> u64 {
    u64::try_from(text.lines().count())
        .unwrap_or(u64::MAX)
        .max(1)
}

/// Moves the lexer past `marks = {`.
fn find_marks_list(lexer: &mut Lexer<'_>) -> Result<(), ModuleError> {
    let mut window: [Option<Token>; 2] = [None, None];
    while let Some(next) = lexer.next_token() {
        let Lexed { token, .. } =
            next.map_err(|LexError { line, reason }| ModuleError { line, reason })?;
        if token == Token::Punct('{')
            && window[1] == Some(Token::Punct('='))
            && window[0] == Some(Token::Name("marks".to_owned()))
        {
            return Ok(());
        }
        window = [window[1].take(), Some(token)];
    }
    Err(ModuleError {
        line: 1,
        reason: "no `marks = { ... }` list: this is not a detailed-map module".to_owned(),
    })
}

fn describe(token: &Token) -> String {
    match token {
        Token::Name(n) => format!("the name {}", frontline_model::shown(n)),
        Token::Number(n) => format!("the number {n}"),
        Token::Str(s) => format!("the string {}", frontline_model::shown(s)),
        Token::Punct(c) => format!("{c:?}"),
    }
}

/// A value of an entry's field.
enum Value {
    Number(f64),
    Str(String),
    Field(String),
    Name(String),
}

fn next(lexer: &mut Lexer<'_>) -> Result<Lexed, String> {
    match lexer.next_token() {
        None => Err("the entry is never closed by '}'".to_owned()),
        Some(Err(LexError { line, reason })) => Err(format!("line {line}: {reason}")),
        Some(Ok(l)) => Ok(l),
    }
}

/// The rest of an entry after its `{`.
fn entry(lexer: &mut Lexer<'_>, line: u64) -> Result<Mark, String> {
    let mut lat = None;
    let mut lon = None;
    let mut icon = None;
    let mut label = None;
    let mut link = None;
    let mut marksize = None;
    loop {
        let key = next(lexer)?;
        let name = match key.token {
            Token::Punct('}') => break,
            Token::Punct(',' | ';') => continue,
            Token::Name(n) => {
                // `name = value` is a field. Without `=`, a name (or `m.name`) is a
                // positional value: Lua allows it and the map ignores it.
                let mut probe = lexer.clone();
                match probe.next_token() {
                    Some(Ok(Lexed {
                        token: Token::Punct('='),
                        ..
                    })) => {
                        *lexer = probe;
                        n
                    }
                    Some(Ok(Lexed {
                        token: Token::Punct('.'),
                        ..
                    })) => {
                        *lexer = probe;
                        next(lexer)?;
                        continue;
                    }
                    _ => continue,
                }
            }
            // A positional string or number (a `link` written without `link =`): Lua
            // allows it and the map ignores it.
            Token::Str(_) | Token::Number(_) => continue,
            other => {
                return Err(format!(
                    "line {}: expected a field name, found {}",
                    key.line,
                    describe(&other)
                ));
            }
        };
        let value = value(lexer)?;
        let number = |v: &Value, what: &str| match v {
            Value::Number(n) => Ok(*n),
            Value::Str(s) => s
                .trim()
                .parse::<f64>()
                .map_err(|_| format!("{what} {} is not a number", frontline_model::shown(s))),
            _ => Err(format!("{what} is not a number")),
        };
        match name.as_str() {
            "lat" => lat = Some(number(&value, "lat")?),
            "long" | "lon" => lon = Some(number(&value, "long")?),
            "marksize" => marksize = Some(number(&value, "marksize")?),
            "mark" => {
                icon = Some(match value {
                    Value::Field(field) => Icon::Named(field),
                    Value::Str(file) => Icon::File(file),
                    Value::Name(n) => {
                        return Err(format!(
                            "mark {} is a bare name; expected m.<name> or a file name",
                            frontline_model::shown(&n)
                        ));
                    }
                    Value::Number(n) => {
                        return Err(format!(
                            "mark {n} is a number; expected m.<name> or a file name"
                        ));
                    }
                });
            }
            "label" => label = text(value),
            "link" => link = text(value),
            _ => {}
        }
    }
    let lat = lat.ok_or("the entry has no lat")?;
    let lon = lon.ok_or("the entry has no long")?;
    let icon = icon.ok_or("the entry has no mark")?;
    if !(-90.0..=90.0).contains(&lat) {
        return Err(format!("lat {lat} is not a latitude"));
    }
    if !(-180.0..=180.0).contains(&lon) {
        return Err(format!("long {lon} is not a longitude"));
    }
    Ok(Mark {
        line,
        lat,
        lon,
        icon,
        label,
        link,
        marksize,
    })
}

fn text(value: Value) -> Option<String> {
    match value {
        Value::Str(s) => Some(s),
        Value::Name(n) if n != "nil" => Some(n),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn value(lexer: &mut Lexer<'_>) -> Result<Value, String> {
    let first = next(lexer)?;
    match first.token {
        Token::Number(n) => Ok(Value::Number(n)),
        Token::Str(s) => Ok(Value::Str(s)),
        Token::Punct('-') => match next(lexer)?.token {
            Token::Number(n) => Ok(Value::Number(-n)),
            other => Err(format!(
                "line {}: expected a number after '-', found {}",
                first.line,
                describe(&other)
            )),
        },
        Token::Name(n) => {
            // `m.gov`: peek for a dot without consuming what follows otherwise.
            let mut probe = lexer.clone();
            if let Some(Ok(Lexed {
                token: Token::Punct('.'),
                ..
            })) = probe.next_token()
            {
                if let Some(Ok(Lexed {
                    token: Token::Name(field),
                    ..
                })) = probe.next_token()
                {
                    *lexer = probe;
                    return Ok(Value::Field(field));
                }
                return Err(format!("line {}: expected a name after '{n}.'", first.line));
            }
            Ok(Value::Name(n))
        }
        Token::Punct('{') => Err(format!(
            "line {}: nested tables are not supported in a mark entry",
            first.line
        )),
        other => Err(format!(
            "line {}: expected a value, found {}",
            first.line,
            describe(&other)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODULE: &str = r#"local m = mw.loadData('Module:Middle East conflicts map marks') return {
   marks = {
       -- synthetic test module
       { lat = 36.1, long = 37.3, mark = "Rif_Aleppo2.svg", marksize = 184 },
       --{ lat = 1, long = 2, mark = m.gov, label = "[[Commented out]]" },
       --[=[ { lat = 1, long = 2, mark = m.gov, label = "[[Also out]]" },
       ]=] --[[ a plain block comment ]]
       { lat = 33.191, long = 35.869, mark = m.gov_hill, marksize = 6, label = "[[Tall Shahim]]", label_size = 0 },
       { lat= 32.646, long = 36.5725, mark = m.gov, marksize= 7, label = 'Rsas' },
       { lat = 32.5, long = 36.2, mark = m.opp, label = "broken
label", link = "X" },
       { lat = 32.6, long = -36.2, mark = m.IS; position = bottom, "a positional link", 5 },
   },
   containerArgs = { caption = [=[ never closed \]=\]
}"#;

    #[test]
    fn entries_are_read_with_their_lines_and_broken_ones_reported() {
        let (marks, broken) = marks(MODULE).expect("reads");
        let lines: Vec<u64> = marks.iter().map(|m| m.line).collect();
        assert_eq!(lines, vec![4, 8, 9, 12]);
        assert_eq!(marks[1].icon, Icon::Named("gov_hill".into()));
        assert_eq!(marks[1].label.as_deref(), Some("[[Tall Shahim]]"));
        assert_eq!(marks[0].icon, Icon::File("Rif_Aleppo2.svg".into()));
        assert_eq!(marks[3].lon, -36.2);
        assert_eq!(broken.len(), 1, "{broken:?}");
        assert_eq!(broken[0].line, 10);
        assert!(
            broken[0].reason.contains("line break"),
            "{}",
            broken[0].reason
        );
    }

    #[test]
    fn a_file_without_a_marks_list_is_refused() {
        let err = marks("return { foo = 1 }").expect_err("no marks");
        assert!(err.reason.contains("no `marks"), "{}", err.reason);
    }
}
