//! composio-lint: finds Composio SDK session practices that leak one user's tools and
//! accounts to another or make tool runs untraceable.
//!
//! Pipeline: discover → prefilter → front end → FileModel → rules → findings → report.

pub mod check;
pub mod cli;
pub mod config;
pub mod decode;
pub mod discover;
pub mod finding;
pub mod fix;
pub mod lang;
pub mod lint;
pub mod model;
pub mod prefilter;
pub mod report;
pub mod rules;
pub mod show;
pub mod suppress;
