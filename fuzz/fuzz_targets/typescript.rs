#![no_main]

#[path = "common.rs"]
mod common;

use composio_lint::model::Language;
use libfuzzer_sys::fuzz_target;

// `.ts` (no JSX, `<T>x` casts) and `.tsx`/`.js` (JSX) use different grammars: try both.
fuzz_target!(|data: &[u8]| {
    common::lint_all(
        data,
        b"import { Composio } from '@composio/core';\n",
        &[Language::TypeScript, Language::Tsx],
    );
});
