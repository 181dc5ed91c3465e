#![no_main]

#[path = "common.rs"]
mod common;

use composio_lint::model::Language;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::lint_all(
        data,
        b"use composio_sdk::ComposioClient;\n",
        &[Language::Rust],
    );
});
