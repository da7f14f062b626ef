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
    outln!(
        "{:<8} {:<8} {:<40} {:<9} name",
        "lang",
        "CWE",
        "rule",
        "severity"
    );
    for r in rules::ALL {
        if args
            .lang
            .as_deref()
            .is_some_and(|l| l != r.meta.language.name())
        {
            continue;
        }
        outln!(
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
            outln!("\n---\n");
        }
        outln!("{}", r.doc());
        outln!(
            "\nrule: {} · {} · severity {}",
            r.meta.id,
            r.meta.language,
            r.meta.severity
        );
    }
    Ok(0)
}

#[derive(clap::Args)]
pub struct AstArgs {
    /// Source file (language from the extension, or --lang).
    file: std::path::PathBuf,
    #[arg(long, value_parser = ["python", "c"])]
    lang: Option<String>,
}

/// Prints the tree-sitter tree of a file, one node per line with its
/// field name and position, the vocabulary rules are written in.
pub fn ast(args: AstArgs) -> Result<u8, Failure> {
    let lang = args
        .lang
        .as_deref()
        .and_then(hexacoder_oracle::Language::from_name);
    let file = hexacoder_oracle::walk::read(&args.file, lang).map_err(Failure)?;
    let parsed = hexacoder_oracle::parse::parse(&file)
        .ok_or_else(|| Failure("the parser gave up on this file".into()))?;
    let mut cursor = parsed.tree.walk();
    let mut depth = 0usize;
    let mut out = String::new();
    loop {
        let node = cursor.node();
        if node.is_named() {
            let field = cursor
                .field_name()
                .map(|f| format!("{f}: "))
                .unwrap_or_default();
            let (line, col) = file.position(node.start_byte());
            out.push_str(&format!(
                "{}{field}{} [{line}:{col}]\n",
                "  ".repeat(depth),
                node.kind()
            ));
        }
        if cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                out!("{out}");
                return Ok(0);
            }
            depth -= 1;
        }
    }
}
