//! The cheap byte scan before any decoding or parsing: a file that never mentions Composio (in
//! any letter case) cannot produce a finding, so it is skipped.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

/// True when the bytes cannot produce a finding: nothing mentions Composio.
pub fn cannot_matter(bytes: &[u8]) -> bool {
    static NEEDLE: OnceLock<AhoCorasick> = OnceLock::new();
    let needle = NEEDLE.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["composio"])
            .expect("a literal pattern always builds")
    });
    !needle.is_match(bytes)
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_files_mentioning_composio_matter() {
        assert!(super::cannot_matter(b"import os\n"));
        assert!(!super::cannot_matter(b"from COMPOSIO import x\n"));
    }
}
