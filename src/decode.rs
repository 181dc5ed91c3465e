//! Bytes to text: a UTF-8 byte-order mark is dropped, a NUL byte means a binary file, Python
//! files may declare another encoding (PEP 263), and lone `\r` line endings become `\n`.
//! [`Decoded`] remembers what it changed, so a fix can write the file back the way it was.

use std::borrow::Cow;

use crate::model::Language;

/// A file's text and how it was stored.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// The file started with a UTF-8 byte-order mark.
    pub bom: bool,
    /// The PEP 263 encoding the file was decoded from, when it was not UTF-8.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Lone `\r` line endings were turned into `\n` (offsets are unchanged).
    pub lone_cr: bool,
    /// Lone `\r` line endings next to `\n` ones: which `\n` of an edited text was a `\r`
    /// cannot be told, so such a file is not written back.
    pub mixed_line_endings: bool,
}

/// Why a file's bytes are not text the linter can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// A NUL byte, at this offset after the byte-order mark.
    Binary { nul: usize },
    /// Invalid UTF-8 on this 1-based line, at this byte offset after the byte-order mark.
    InvalidUtf8 { line: usize, offset: usize },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary { nul } => {
                write!(f, "binary file (NUL byte at offset {nul}); not linted")
            }
            DecodeError::InvalidUtf8 { line, offset } => write!(
                f,
                "invalid UTF-8 on line {line} (byte offset {offset}); not linted"
            ),
        }
    }
}

pub fn decode(bytes: &[u8], language: Language) -> Result<Decoded<'_>, DecodeError> {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let bytes = if bom { &bytes[3..] } else { bytes };
    if let Some(nul) = memchr::memchr(0, bytes) {
        return Err(DecodeError::Binary { nul });
    }
    let (text, encoding): (Cow<'_, str>, _) = match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), None),
        Err(e) => match (language == Language::Python)
            .then(|| python_declared_text(bytes))
            .flatten()
        {
            Some((text, encoding)) => (Cow::Owned(text), Some(encoding)),
            None => {
                let valid = &bytes[..e.valid_up_to()];
                return Err(DecodeError::InvalidUtf8 {
                    line: memchr::memchr_iter(b'\n', valid).count() + 1,
                    offset: e.valid_up_to(),
                });
            }
        },
    };
    let mixed_line_endings = memchr::memchr(b'\n', text.as_bytes()).is_some();
    let (text, lone_cr) = match lone_carriage_returns_to_newlines(&text) {
        Some(normalized) => (Cow::Owned(normalized), true),
        None => (text, false),
    };
    Ok(Decoded {
        text,
        bom,
        encoding,
        lone_cr,
        mixed_line_endings: lone_cr && mixed_line_endings,
    })
}

impl Decoded<'_> {
    /// `text` (an edited version of this file's text) as bytes stored the way the file was:
    /// the same byte-order mark, encoding and line endings. `None` when the new text cannot
    /// be written in the file's declared encoding, or when the file mixes lone `\r` line
    /// endings with others.
    pub fn encode(&self, text: &str) -> Option<Vec<u8>> {
        if self.mixed_line_endings {
            return None;
        }
        let text: Cow<'_, str> = if self.lone_cr {
            Cow::Owned(text.replace('\n', "\r"))
        } else {
            Cow::Borrowed(text)
        };
        let mut out = Vec::with_capacity(text.len() + 3);
        if self.bom {
            out.extend_from_slice(b"\xEF\xBB\xBF");
        }
        match self.encoding {
            None => out.extend_from_slice(text.as_bytes()),
            Some(encoding) => {
                let (bytes, _, unmappable) = encoding.encode(&text);
                if unmappable {
                    return None;
                }
                out.extend_from_slice(&bytes);
            }
        }
        Some(out)
    }
}

/// The text of a Python file that declares its encoding (PEP 263: `# -*- coding: latin-1 -*-` on
/// its first or second line) and decodes cleanly in it.
fn python_declared_text(bytes: &[u8]) -> Option<(String, &'static encoding_rs::Encoding)> {
    let label = bytes.split(|&b| b == b'\n').take(2).find_map(|line| {
        let line = String::from_utf8_lossy(line);
        let comment = line.trim_start().strip_prefix('#')?;
        let after = &comment[comment.find("coding")? + "coding".len()..];
        let name: String = after
            .strip_prefix([':', '='])?
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .collect();
        Some(name.to_ascii_lowercase().replace('_', "-"))
    })?;
    let label = match label.as_str() {
        "latin-1" | "latin1" | "l1" | "iso-8859-1" | "iso8859-1" => "iso-8859-1",
        other => other,
    };
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes())?;
    let (text, _, had_errors) = encoding.decode(bytes);
    (!had_errors).then(|| (text.into_owned(), encoding))
}

/// A lone `\r` ends a line in Python, JavaScript and Rust, but the parsers and line numbers here
/// only know `\n` and `\r\n`: old Mac line endings become `\n`, which keeps every offset.
fn lone_carriage_returns_to_newlines(src: &str) -> Option<String> {
    let bytes = src.as_bytes();
    let lone = |&i: &usize| bytes.get(i + 1) != Some(&b'\n');
    let first = memchr::memchr_iter(b'\r', bytes).find(lone)?;
    let mut out = bytes.to_vec();
    for i in memchr::memchr_iter(b'\r', &bytes[first..])
        .map(|i| first + i)
        .filter(lone)
    {
        out[i] = b'\n';
    }
    Some(String::from_utf8(out).expect("one ASCII byte replaced by another"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_nul_and_invalid_utf8() {
        let d = decode(b"\xEF\xBB\xBFx = 1\n", Language::Python).unwrap();
        assert!(d.bom);
        assert_eq!(d.text, "x = 1\n");
        assert_eq!(
            decode(b"a\0b", Language::Rust).unwrap_err(),
            DecodeError::Binary { nul: 1 }
        );
        assert_eq!(
            decode(b"a\nb\xFF", Language::TypeScript)
                .unwrap_err()
                .to_string(),
            "invalid UTF-8 on line 2 (byte offset 3); not linted"
        );
    }

    #[test]
    fn encoding_round_trips_what_decoding_changed() {
        let latin = b"# -*- coding: latin-1 -*-\rname = '\xE9'\rx = 1\r";
        let d = decode(latin, Language::Python).unwrap();
        assert!(d.lone_cr && d.encoding.is_some());
        assert_eq!(d.encode(&d.text).unwrap(), latin);
        assert_eq!(
            d.encode("# -*- coding: latin-1 -*-\nname = '\u{e9}'\ny = 2\nx = 1\n")
                .unwrap(),
            b"# -*- coding: latin-1 -*-\rname = '\xE9'\ry = 2\rx = 1\r"
        );
        let mixed = decode(b"a\rb\nc", Language::Rust).unwrap();
        assert_eq!(mixed.text, "a\nb\nc");
        assert_eq!(mixed.encode(&mixed.text), None);
        let bom = b"\xEF\xBB\xBFa\r\nb\r\n";
        let d = decode(bom, Language::TypeScript).unwrap();
        assert_eq!(d.encode(&d.text).unwrap(), bom);
        assert_eq!(
            d.encode("a\r\nz\r\nb\r\n").unwrap(),
            b"\xEF\xBB\xBFa\r\nz\r\nb\r\n"
        );
    }
}
