//! Comments for inline suppressions: syn's tree has no comment tokens, so a byte scan finds them.

use crate::model::Span as ByteSpan;

/// Comment tokens are not in syn's tree: find `//` and `/* */` outside strings and chars.
pub(super) fn comment_spans(src: &str) -> Vec<ByteSpan> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
                out.push(i..end);
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let end =
                    memchr::memmem::find(&b[i + 2..], b"*/").map_or(b.len(), |n| i + 2 + n + 2);
                out.push(i..end);
                i = end;
            }
            b'"' => {
                // A raw string `r#"..."#` ends at the matching quote-and-hashes.
                let mut hashes = 0;
                let mut k = i;
                while k > 0 && b[k - 1] == b'#' {
                    hashes += 1;
                    k -= 1;
                }
                let raw = k > 0 && b[k - 1] == b'r';
                i += 1;
                while i < b.len() {
                    if !raw && b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if b[i] == b'"'
                        && b[i + 1..]
                            .iter()
                            .take(hashes)
                            .filter(|c| **c == b'#')
                            .count()
                            == hashes
                    {
                        i += 1 + hashes;
                        break;
                    }
                    i += 1;
                }
            }
            b'\'' => {
                // A char literal ('x', '\n', '\u{1F600}'); a lifetime has no closing quote nearby.
                let close = b[i + 1..].iter().take(12).position(|c| *c == b'\'');
                match close {
                    Some(n) if n > 0 && (b[i + 1] == b'\\' || n <= 4) => i += n + 2,
                    _ => i += 1,
                }
            }
            _ => i += 1,
        }
    }
    out
}
