//! `#define` aliases, resolved before the rules look at a call.
//!
//! Textbook C (and much real C) reaches its sinks and sources through macros: `#define
//! EXECL execl`, `#define RUN(c) system(c)`, `#define SHELL "/bin/sh"`. The oracle does not
//! run the preprocessor (snippets have no headers, and spans must stay the file's), so it
//! reads the file's own definitions and resolves the names a rule asks about:
//! - an object-like macro whose value is one identifier is an alias of that name;
//! - a function-like macro whose value is one call passing its parameters in order
//!   (`#define RUN(c) system(c)`) is an alias of the called function, since its arguments
//!   land where a direct call's would;
//! - an object-like macro whose value is a string literal stands for that string;
//! - a function-like macro whose value is one arithmetic operation on its parameters and
//!   constants (`#define MULT(a, b) ((a) * (b))`) computes that operation, so a rule on
//!   integer arithmetic sees `MULT(n, 16)` as the product it expands to.
//!
//! Every definition in the file counts, whichever `#if`/`#ifdef` branch holds it: the first
//! one seen wins, and all branches' code is analysed anyway (tree-sitter keeps them all).
//! Other macros (several statements, reordered or extra arguments) are left alone.

use std::collections::HashMap;

use tree_sitter::Node;

use crate::ast::{self, text, NodeExt};

/// What a macro name stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Meaning<'t> {
    /// Another name (a function or a further macro).
    Alias(&'t str),
    /// A string literal's contents (escapes kept raw).
    Str(String),
    /// One arithmetic operation (`+`, `-`, `*`, `<<`) on parameters and constants.
    Arith(&'static str),
}

/// The file's macros that the rules can see through.
#[derive(Debug, Default)]
pub struct Macros<'t> {
    table: HashMap<&'t str, Meaning<'t>>,
}

/// Aliases of aliases are followed this far (a cycle stops here too).
const MAX_DEPTH: usize = 8;

impl<'t> Macros<'t> {
    /// Read every `#define` of the file.
    pub fn collect(root: Node<'t>, src: &'t str) -> Macros<'t> {
        let mut table = HashMap::new();
        ast::preorder(root, |n| {
            let meaning = match n.node_kind() {
                "preproc_def" => n.field("value").and_then(|v| object_like(text(v, src))),
                "preproc_function_def" => function_like(n, src),
                _ => None,
            };
            if let (Some(name), Some(m)) = (n.field("name"), meaning) {
                let name = text(name, src);
                if !matches!(&m, Meaning::Alias(a) if *a == name) {
                    table.entry(name).or_insert(m);
                }
            }
        });
        Macros { table }
    }

    /// The function a call to `name` reaches: `name` itself unless it is an alias macro.
    pub fn resolve(&self, name: &'t str) -> &'t str {
        let mut current = name;
        for _ in 0..MAX_DEPTH {
            match self.table.get(current) {
                Some(Meaning::Alias(next)) => current = next,
                _ => break,
            }
        }
        current
    }

    /// Every alias with the name it finally reaches (for holders that outlive the source).
    pub fn alias_map(&self) -> HashMap<String, String> {
        self.table
            .iter()
            .filter(|(_, m)| matches!(m, Meaning::Alias(_)))
            .map(|(k, _)| (k.to_string(), self.resolve(k).to_string()))
            .filter(|(k, v)| k != v)
            .collect()
    }

    /// The string an identifier stands for (`SHELL` → `/bin/sh`), through aliases.
    pub fn string(&self, name: &str) -> Option<&str> {
        let mut current = name;
        for _ in 0..MAX_DEPTH {
            match self.table.get(current)? {
                Meaning::Alias(next) => current = next,
                Meaning::Str(s) => return Some(s),
                Meaning::Arith(_) => return None,
            }
        }
        None
    }

    /// The operator a function-like macro applies to its arguments (`MULT` → `*`), through
    /// aliases.
    pub fn arithmetic(&self, name: &str) -> Option<&'static str> {
        match self.table.get(self.resolve_str(name))? {
            Meaning::Arith(op) => Some(op),
            _ => None,
        }
    }

    fn resolve_str<'a>(&'a self, name: &'a str) -> &'a str {
        let mut current = name;
        for _ in 0..MAX_DEPTH {
            match self.table.get(current) {
                Some(Meaning::Alias(next)) => current = next,
                _ => break,
            }
        }
        current
    }
}

/// `NAME`, `(NAME)` or `"text"` (also parenthesised).
fn object_like(value: &str) -> Option<Meaning<'_>> {
    let v = strip_parens(value.trim());
    if is_identifier(v) {
        return Some(Meaning::Alias(v));
    }
    let inner = v.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains('"')).then(|| Meaning::Str(inner.to_string()))
}

/// `#define F(a, b) g(a, b)` → `g`.
fn function_like<'t>(n: Node<'t>, src: &'t str) -> Option<Meaning<'t>> {
    let params: Vec<&str> = ast::named_children(n.field("parameters")?)
        .into_iter()
        .filter(|p| p.node_kind() == "identifier")
        .map(|p| text(p, src))
        .collect();
    let body = strip_parens(text(n.field("value")?, src).trim());
    if params.is_empty() {
        if let Some(callee) = only_argless_callee(body) {
            return Some(Meaning::Alias(callee));
        }
    }
    if let Some(op) = arithmetic(body, &params) {
        return Some(Meaning::Arith(op));
    }
    let open = body.find('(')?;
    let callee = body[..open].trim();
    let args = body[open + 1..].strip_suffix(')')?;
    if !is_identifier(callee) || args.contains(['(', ')']) {
        return None;
    }
    let args: Vec<&str> = if args.trim().is_empty() {
        Vec::new()
    } else {
        args.split(',').map(|a| strip_parens(a.trim())).collect()
    };
    (args == params).then_some(Meaning::Alias(callee))
}

/// `(a) * (b)`, `a + 1`, `(x) << 4`: one operator between two operands, each a parameter
/// (at least one) or a number, parentheses aside.
fn arithmetic(body: &str, params: &[&str]) -> Option<&'static str> {
    let flat: String = body
        .chars()
        .filter(|c| !matches!(c, '(' | ')' | ' ' | '\t'))
        .collect();
    let ops: [&'static str; 4] = ["<<", "*", "+", "-"];
    let op = ops.into_iter().find(|o| flat.matches(o).count() == 1)?;
    let (l, r) = flat.split_once(op)?;
    let operand =
        |x: &str| params.contains(&x) || (!x.is_empty() && x.chars().all(|c| c.is_ascii_digit()));
    let others = ops
        .iter()
        .filter(|o| **o != op)
        .any(|o| l.contains(o) || r.contains(o));
    (!others && operand(l) && operand(r) && (params.contains(&l) || params.contains(&r)))
        .then_some(op)
}

/// `((unsigned)rand() << 30) ^ rand()` → `rand`: an expression whose only calls are
/// argument-less calls of one function (textbook suites' `RAND32()`), so a call of the macro
/// yields what that function yields.
fn only_argless_callee(body: &str) -> Option<&str> {
    let bytes = body.as_bytes();
    let mut callee: Option<&str> = None;
    let mut start = None;
    for (i, &b) in bytes.iter().enumerate() {
        let word = b.is_ascii_alphanumeric() || b == b'_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s0)) => {
                start = None;
                let name = &body[s0..i];
                let rest = body[i..].trim_start();
                if !rest.starts_with('(') || !is_identifier(name) {
                    continue;
                }
                if !rest[1..].trim_start().starts_with(')') || callee.is_some_and(|c| c != name) {
                    return None;
                }
                callee = Some(name);
            }
            _ => {}
        }
    }
    callee
}

/// The text inside balanced outer parentheses: `((x))` → `x`.
pub(crate) fn strip_parens(mut s: &str) -> &str {
    while let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        // `(a)(b)` is not one parenthesised expression.
        let mut depth = 0i32;
        let balanced = inner.chars().all(|c| {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            depth >= 0
        });
        if !balanced || depth != 0 {
            break;
        }
        s = inner.trim();
    }
    s
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn macros_of(src: &str, f: impl FnOnce(&Macros)) {
        let mut parser = tree_sitter::Parser::new();
        parser
            .set_language(&tree_sitter_c::LANGUAGE.into())
            .unwrap();
        let tree = parser.parse(src, None).unwrap();
        f(&Macros::collect(tree.root_node(), src));
    }

    #[test]
    fn aliases_strings_and_call_macros_resolve() {
        let src = "#define RUN system\n#define EXEC RUN\n#define SH \"/bin/sh\"\n\
                   #define SHELL (SH)\n#define SPAWN(c) popen(c, \"r\")\n\
                   #define CALL(a, b) execl(a, b)\n#define SWAP(a, b) execl(b, a)\n\
                   #define LOOP LOOP\n#define N (16)\n";
        macros_of(src, |m| {
            assert_eq!(m.resolve("RUN"), "system");
            assert_eq!(m.resolve("EXEC"), "system");
            assert_eq!(m.resolve("CALL"), "execl");
            // Extra or reordered arguments are not a plain alias.
            assert_eq!(m.resolve("SPAWN"), "SPAWN");
            assert_eq!(m.resolve("SWAP"), "SWAP");
            assert_eq!(m.resolve("LOOP"), "LOOP");
            assert_eq!(m.resolve("strcpy"), "strcpy");
            assert_eq!(m.string("SH"), Some("/bin/sh"));
            assert_eq!(m.string("SHELL"), Some("/bin/sh"));
            assert_eq!(m.string("N"), None);
        });
    }

    #[test]
    fn argless_macros_over_one_function_alias_it() {
        let src = "#define RAND32() ((unsigned)((rand() << 30) ^ (rand() << 15) ^ rand()))\n\
                   #define TWO() (f() + g())\n#define ONE() f(1)\n";
        macros_of(src, |m| {
            assert_eq!(m.resolve("RAND32"), "rand");
            assert_eq!(m.resolve("TWO"), "TWO");
            assert_eq!(m.resolve("ONE"), "ONE");
        });
    }

    #[test]
    fn arithmetic_macros_name_their_operator() {
        let src = "#define MULT(a, b) ((a) * (b))\n#define INC(x) (x + 1)\n\
                   #define SHL(x) ((x) << 4)\n#define MIX(a, b) ((a) * (b) + 1)\n\
                   #define K(a) (3 * 4)\n#define TIMES MULT\n";
        macros_of(src, |m| {
            assert_eq!(m.arithmetic("MULT"), Some("*"));
            assert_eq!(m.arithmetic("TIMES"), Some("*"));
            assert_eq!(m.arithmetic("INC"), Some("+"));
            assert_eq!(m.arithmetic("SHL"), Some("<<"));
            // Two operators, or no parameter at all, are not one operation on the arguments.
            assert_eq!(m.arithmetic("MIX"), None);
            assert_eq!(m.arithmetic("K"), None);
            assert_eq!(m.resolve("MULT"), "MULT");
        });
    }

    #[test]
    fn definitions_in_conditional_branches_count() {
        let src = "#ifdef _WIN32\n#define RUN _popen\n#else\n#define RUN popen\n#endif\n";
        macros_of(src, |m| assert_eq!(m.resolve("RUN"), "_popen"));
    }
}
