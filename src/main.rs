use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use composio_lint::check::check;
use composio_lint::cli::{Cli, Command, RuleArgs};
use composio_lint::rules;

// Parsing allocates and frees many small nodes; mimalloc serves them faster than glibc's malloc.
// Its `override` feature also takes over `malloc`/`free` for the C code (tree-sitter and the
// grammars' scanners).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(*args),
        Command::Rule(args) => rule(args),
        Command::Rules => rules_table(),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "composio-lint",
                &mut std::io::stdout(),
            );
            Ok(0)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("composio-lint: error: {message}");
            ExitCode::from(2)
        }
    }
}

fn rule(args: RuleArgs) -> Result<u8, String> {
    let docs: Vec<&str> = if args.all {
        rules::every_rule().map(|r| r.doc).collect()
    } else {
        let wanted = args.rule.unwrap_or_default();
        let rule = rules::find(&wanted)
            .ok_or_else(|| format!("unknown rule `{wanted}`; `composio-lint rules` lists them"))?;
        vec![rule.doc]
    };
    print!("{}", docs.join("\n"));
    Ok(0)
}

fn rules_table() -> Result<u8, String> {
    println!("{:<6}  {:<24}  {:<8}  summary", "code", "name", "severity");
    for r in rules::every_rule() {
        println!(
            "{:<6}  {:<24}  {:<8}  {}",
            r.code,
            r.name,
            r.severity.as_str(),
            r.short
        );
    }
    Ok(0)
}
