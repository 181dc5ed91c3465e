//! Configuration (SPEC §4): `composio-lint.toml`, `.composio-lint.toml` or
//! `[tool.composio-lint]` in `pyproject.toml`, found by walking up from the current directory;
//! `--config FILE` overrides. Unknown keys and bad values are reported with the file, line and
//! key, as a miette report.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use miette::{Diagnostic, LabeledSpan};
use serde::Deserialize;
use toml::Spanned;

use crate::finding::LineIndex;
use crate::finding::Severity;
use crate::report::excerpt::Excerpt;
use crate::rules;

const FILE_NAMES: &[&str] = &["composio-lint.toml", ".composio-lint.toml"];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    per_file_ignores: Option<BTreeMap<Spanned<String>, Vec<Spanned<String>>>>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    extra_default_user_ids: Option<Vec<String>>,
    extra_loggers: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct PyProject {
    tool: Option<PyProjectTool>,
}

#[derive(Deserialize)]
struct PyProjectTool {
    #[serde(rename = "composio-lint")]
    composio_lint: Option<RawConfig>,
}

/// A validated configuration; paths in it are relative to `root`.
#[derive(Debug, Default)]
pub struct Config {
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
    pub root: PathBuf,
    pub select: Option<Vec<String>>,
    pub ignore: Option<Vec<String>>,
    pub exclude: Option<PathMatcher>,
    pub per_file_ignores: Vec<(PathMatcher, Vec<&'static str>)>,
    pub severity: BTreeMap<&'static str, Severity>,
    pub extra_default_user_ids: Vec<String>,
    pub extra_loggers: Vec<String>,
}

/// Glob patterns matched against paths relative to a folder (the config file's, or the
/// current directory for `--exclude`). A pattern without a `/` matches a file or folder name at
/// any depth, as in `.gitignore`.
#[derive(Debug, Clone)]
pub struct PathMatcher {
    sets: Vec<(GlobSet, PathBuf)>,
    /// The patterns as written, with the folder they are relative to (for `--show-settings`).
    patterns: Vec<(String, PathBuf)>,
}

impl PathMatcher {
    pub fn new(patterns: &[&str], root: &Path) -> Result<Self, (usize, String)> {
        let mut builder = GlobSetBuilder::new();
        for (i, p) in patterns.iter().enumerate() {
            let p = p.trim_start_matches("./").trim_end_matches('/');
            let glob = Glob::new(p).map_err(|e| (i, e.kind().to_string()))?;
            builder.add(glob);
            if !p.contains('/') {
                builder.add(Glob::new(&format!("**/{p}")).map_err(|e| (i, e.kind().to_string()))?);
            }
        }
        let set = builder.build().map_err(|e| (0, e.to_string()))?;
        Ok(PathMatcher {
            sets: vec![(set, root.to_path_buf())],
            patterns: patterns
                .iter()
                .map(|p| (p.to_string(), root.to_path_buf()))
                .collect(),
        })
    }

    /// Matches what either matcher matches.
    pub fn extend(&mut self, other: PathMatcher) {
        self.sets.extend(other.sets);
        self.patterns.extend(other.patterns);
    }

    pub fn patterns(&self) -> &[(String, PathBuf)] {
        &self.patterns
    }

    /// The path, or a folder it is in, matches. `path` is relative to the current directory
    /// or absolute.
    pub fn matches(&self, path: &Path, cwd: &Path) -> bool {
        let absolute = normalize(&cwd.join(path));
        self.sets.iter().any(|(set, root)| {
            let Ok(rel) = absolute.strip_prefix(root) else {
                return false;
            };
            rel.ancestors()
                .filter(|a| !a.as_os_str().is_empty())
                .any(|a| set.is_match(a))
        })
    }
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A problem in a config file, rendered by miette with the offending key underlined.
#[derive(Debug)]
pub struct ConfigError {
    message: String,
    /// The lines around the offending key, when there is one.
    src: Option<Box<Excerpt>>,
    help: Option<String>,
}

impl std::error::Error for ConfigError {}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl Diagnostic for ConfigError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new("composio-lint::config"))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.src.as_deref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.src.as_ref()?.span(0)?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(
                Some("here".into()),
                (span.start, span.end - span.start),
            ),
        )))
    }
}

impl ConfigError {
    fn plain(message: String) -> Self {
        ConfigError {
            message,
            src: None,
            help: None,
        }
    }
}

const KEYS_HELP: &str = "valid keys: select, ignore, exclude, per-file-ignores, severity, \
                         extra-default-user-ids, extra-loggers";

/// The config for this run: `explicit` if given, else the nearest file above `cwd`.
pub fn load(explicit: Option<&Path>, cwd: &Path) -> Result<Config, ConfigError> {
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => discover(cwd),
    };
    let Some(path) = path else {
        return Ok(Config {
            root: cwd.to_path_buf(),
            ..Default::default()
        });
    };
    let text = std::fs::read_to_string(&path).map_err(|e| {
        ConfigError::plain(format!(
            "cannot read config file {}: {}",
            path.display(),
            crate::discover::describe_io_error(&e)
        ))
    })?;
    let shown = path.display().to_string();
    let error =
        |message: String, span: Option<std::ops::Range<usize>>, help: Option<String>| ConfigError {
            message: format!("{shown}: {message}"),
            src: span.map(|span| {
                let lines = LineIndex::new(&text);
                Box::new(Excerpt::new(shown.clone(), &text, &lines, [span]))
            }),
            help,
        };
    let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
    let raw = if is_pyproject {
        toml::from_str::<PyProject>(&text)
            .map(|p| p.tool.and_then(|t| t.composio_lint).unwrap_or_default())
    } else {
        toml::from_str::<RawConfig>(&text)
    }
    .map_err(|e| {
        let help = e
            .message()
            .contains("unknown field")
            .then(|| KEYS_HELP.to_string());
        error(e.message().trim().to_string(), e.span(), help)
    })?;
    let root = normalize(&cwd.join(path.parent().unwrap_or(Path::new("."))));

    let codes = |list: &[Spanned<String>]| -> Result<Vec<&'static str>, ConfigError> {
        list.iter()
            .map(|c| {
                rules::resolve_code(c.get_ref()).ok_or_else(|| {
                    error(
                        format!("unknown rule `{}`", c.get_ref()),
                        Some(c.span()),
                        Some("`composio-lint rules` lists the codes and names".into()),
                    )
                })
            })
            .collect()
    };
    let strings =
        |list: &Option<Vec<Spanned<String>>>| -> Result<Option<Vec<String>>, ConfigError> {
            match list {
                Some(l) => {
                    codes(l)?;
                    Ok(Some(l.iter().map(|c| c.get_ref().clone()).collect()))
                }
                None => Ok(None),
            }
        };
    let matcher = |patterns: &[Spanned<String>]| -> Result<PathMatcher, ConfigError> {
        let texts: Vec<&str> = patterns.iter().map(|p| p.get_ref().as_str()).collect();
        PathMatcher::new(&texts, &root).map_err(|(i, why)| {
            error(
                format!("invalid glob `{}`: {why}", texts[i]),
                Some(patterns[i].span()),
                None,
            )
        })
    };

    let mut config = Config {
        select: strings(&raw.select)?,
        ignore: strings(&raw.ignore)?,
        extra_default_user_ids: raw.extra_default_user_ids.unwrap_or_default(),
        extra_loggers: raw.extra_loggers.unwrap_or_default(),
        ..Default::default()
    };
    if let Some(exclude) = &raw.exclude {
        config.exclude = Some(matcher(exclude)?);
    }
    for (pattern, list) in raw.per_file_ignores.unwrap_or_default() {
        let m = matcher(std::slice::from_ref(&pattern))?;
        config.per_file_ignores.push((m, codes(&list)?));
    }
    for (code, level) in raw.severity.unwrap_or_default() {
        let code = codes(std::slice::from_ref(&code))?[0];
        let severity = match level.get_ref().as_str() {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            other => {
                return Err(error(
                    format!("invalid severity `{other}` for {code}"),
                    Some(level.span()),
                    Some("use \"error\" or \"warning\"".into()),
                ));
            }
        };
        config.severity.insert(code, severity);
    }
    config.root = root;
    config.path = Some(path);
    Ok(config)
}

fn discover(cwd: &Path) -> Option<PathBuf> {
    for dir in cwd.ancestors() {
        for name in FILE_NAMES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        let pyproject = dir.join("pyproject.toml");
        if pyproject.is_file()
            && std::fs::read_to_string(&pyproject).is_ok_and(|t| t.contains("[tool.composio-lint"))
        {
            return Some(pyproject);
        }
    }
    None
}
