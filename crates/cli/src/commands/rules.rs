//! `hexacoder rules` and `hexacoder rule CWE-078`.

use crate::Failure;
use hexacoder_oracle::rules;

#[derive(clap::Args)]
pub struct ListArgs {
    /// Only rules for this language.
    #[arg(long, value_parser = ["python", "c"])]
    lang: Option<String>,
}

#[derive(clap::Args)]
pub struct ShowArgs {
    /// A CWE (`CWE-078`, `78`) or a rule id (`py/command-injection`).
    query: String,
}

pub fn list(args: ListArgs) -> Result<u8, Failure> {
    println!("{:<8} {:<8} {:<40} {:<9} name", "lang", "CWE", "rule", "severity");
    for r in rules::ALL {
        if args.lang.as_deref().is_some_and(|l| l != r.meta.language.name()) {
            continue;
        }
        println!(
            "{:<8} {:<8} {:<40} {:<9} {}",
            r.meta.language.name(),
            r.meta.cwe,
            r.meta.id,
            r.meta.severity.name(),
            r.meta.name
        );
    }
    Ok(0)
}

pub fn show(args: ShowArgs) -> Result<u8, Failure> {
    let found = rules::find(&args.query);
    if found.is_empty() {
        return Err(Failure(format!(
            "no rule matches `{}` (try `hexacoder rules` for the list)",
            args.query
        )));
    }
    for (i, r) in found.iter().enumerate() {
        if i > 0 {
            println!("\n---\n");
        }
        println!("{}", r.doc());
        println!("\nrule: {} · {} · severity {}", r.meta.id, r.meta.language, r.meta.severity);
    }
    Ok(0)
}
