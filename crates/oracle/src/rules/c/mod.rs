//! C rules and the context they run in.

crate::rules::rule_files!(
    C,
    [
        cwe_022_path_injection,
        cwe_078_command_injection,
        cwe_787_unbounded_write,
        cwe_787_off_by_one_write,
        cwe_787_negative_index_write,
        cwe_787_unchecked_index_write,
        cwe_787_input_bounded_loop_write,
        cwe_787_loop_past_array,
        cwe_787_write_before_start,
        cwe_787_constant_index_write,
        cwe_787_terminator_loop_write,
        cwe_787_alloc_missing_terminator,
        cwe_787_input_offset_copy_write,
        cwe_787_unbounded_counter_write,
        cwe_125_unchecked_index_read,
        cwe_125_input_bounded_loop_read,
        cwe_125_copy_source_overread,
        cwe_125_unchecked_stream_read,
        cwe_125_unchecked_length_param,
        cwe_125_index_underflow_read,
        cwe_125_negative_index_read,
        cwe_125_off_by_one_bounds_check,
        cwe_125_read_before_start,
        cwe_125_loop_past_source,
        cwe_125_constant_index_read,
        cwe_134_format_string,
        cwe_190_integer_overflow,
        cwe_190_wrapping_bounds_check,
        cwe_416_use_after_free,
        cwe_416_dangling_field,
        cwe_476_missing_null_check,
        cwe_476_deref_before_null_check,
        cwe_476_null_dereference,
        cwe_762_mismatched_delete,
        cwe_377_insecure_temp_file,
        // The audit profile (`--profile audit`): risky calls without a proven flow.
        cwe_787_audit_risky_copy,
        cwe_078_audit_command,
        cwe_330_audit_weak_random,
        cwe_327_audit_weak_crypto,
        cwe_798_audit_hardcoded_credential,
        cwe_732_audit_permissive_mode,
    ]
);

use crate::ast::text;
use crate::ast::NodeExt;
use crate::c::model::{CFunction, CModel};
use crate::c::taint::FunctionTaint;
use crate::finding::{Edit, Finding, Fix, RuleMeta};
use crate::source::SourceFile;
use tree_sitter::Node;

/// An audit finding at every call of `names` where one of the arguments `indices` picks
/// (given the callee and the argument count) is neither a string literal, a string macro,
/// nor `NULL`: the risky call the audit rules name.
pub(crate) fn audit_calls(
    ctx: &CContext,
    meta: &RuleMeta,
    out: &mut Vec<Finding>,
    names: &[&str],
    indices: impl Fn(&str, usize) -> Vec<usize>,
    message: impl Fn(&str) -> String,
) {
    for (func, _) in ctx.functions() {
        for &(call, name) in &func.calls {
            if !names.contains(&name) {
                continue;
            }
            let args = crate::c::model::call_args(call);
            let risky = indices(name, args.len()).into_iter().any(|i| {
                args.get(i).is_some_and(|a| {
                    let t = crate::c::model::strip_parens_casts(*a);
                    ctx.model.string_value(*a).is_none()
                        && !matches!(ctx.text(t), "NULL" | "0" | "nullptr")
                })
            });
            if risky {
                out.push(ctx.finding(meta, call, message(name)));
            }
        }
    }
}

/// Everything a C rule may look at.
pub struct CContext<'a, 't> {
    pub file: &'a SourceFile,
    pub model: &'a CModel<'t>,
    /// Taint per function, in the order of `model.functions`.
    pub taints: &'a [FunctionTaint],
    /// `(at, len)`: the parsed text has `len` bytes inserted at `at` (a return type for a
    /// function cut from it, see `parse::headerless_function_start`); spans map back.
    pub shift: Option<(usize, usize)>,
}

impl<'a, 't> CContext<'a, 't> {
    pub fn src(&self) -> &'t str {
        self.model.src
    }

    pub fn text(&self, node: Node) -> &'t str {
        text(node, self.model.src)
    }

    /// A byte offset of the parsed text as an offset into the file.
    fn file_byte(&self, b: usize) -> usize {
        match self.shift {
            Some((at, len)) if b >= at + len => b - len,
            Some((at, _)) if b >= at => at,
            _ => b,
        }
    }

    pub fn finding(&self, meta: &RuleMeta, node: Node, message: String) -> Finding {
        crate::analysis::make_finding(
            self.file,
            meta,
            self.file_byte(node.start_byte()),
            self.file_byte(node.end_byte()),
            message,
        )
    }

    pub fn edit(&self, node: Node, replacement: impl Into<String>) -> Edit {
        Edit {
            span: self.file.span(
                self.file_byte(node.start_byte()),
                self.file_byte(node.end_byte()),
            ),
            replacement: replacement.into(),
        }
    }

    /// The file's line number of a node.
    pub fn line(&self, node: Node) -> usize {
        self.file.position(self.file_byte(node.start_byte())).0
    }

    pub fn fix(&self, description: &str, edits: Vec<Edit>) -> Option<Fix> {
        Some(Fix {
            description: description.to_string(),
            edits,
        })
    }

    /// The statement that holds `node` directly inside a `{ … }` block, when it starts its
    /// own line (so lines can go before or after it at its indentation).
    pub fn statement_of(&self, node: Node<'t>) -> Option<Node<'t>> {
        let mut cur = node;
        loop {
            let parent = cur.parent_node()?;
            if parent.kind() == "compound_statement" {
                break;
            }
            cur = parent;
        }
        self.indent_of(cur).map(|_| cur)
    }

    /// The whitespace before `node` on its line; None when code precedes it there.
    fn indent_of(&self, node: Node) -> Option<&'t str> {
        let src = self.src();
        let line_start = src[..node.start_byte()].rfind('\n').map_or(0, |i| i + 1);
        let indent = &src[line_start..node.start_byte()];
        indent
            .chars()
            .all(|c| c == ' ' || c == '\t')
            .then_some(indent)
    }

    /// An edit that puts `code` (lines without indentation; nested lines keep theirs) on
    /// new lines after `stmt`, at its indentation.
    pub fn insert_after(&self, stmt: Node, code: &str) -> Option<Edit> {
        let indent = self.indent_of(stmt)?;
        let mut text = String::new();
        for line in code.lines() {
            text.push('\n');
            text.push_str(indent);
            text.push_str(line);
        }
        let at = self.file_byte(stmt.end_byte());
        Some(Edit {
            span: self.file.span(at, at),
            replacement: text,
        })
    }

    /// An edit that puts `code` (lines without indentation; nested lines keep theirs) on
    /// new lines before `stmt`, at its indentation.
    pub fn insert_before(&self, stmt: Node, code: &str) -> Option<Edit> {
        let indent = self.indent_of(stmt)?;
        let mut text = String::new();
        for line in code.lines() {
            text.push_str(line);
            text.push('\n');
            text.push_str(indent);
        }
        let at = self.file_byte(stmt.start_byte());
        Some(Edit {
            span: self.file.span(at, at),
            replacement: text,
        })
    }

    /// An edit that includes `header` (`string.h`) after the file's last `#include`, or at its
    /// top when it has none; None when the file includes it already.
    pub fn include(&self, header: &str) -> Option<Edit> {
        let src = self.src();
        let mut after = None;
        let mut offset = 0;
        for line in src.split_inclusive('\n') {
            let t = line.trim_start();
            if let Some(rest) = t.strip_prefix('#') {
                if let Some(name) = rest.trim_start().strip_prefix("include") {
                    let name = name.trim().trim_matches(|c| matches!(c, '<' | '>' | '"'));
                    if name == header {
                        return None;
                    }
                    after = Some(offset + line.len());
                }
            }
            offset += line.len();
        }
        let (at, text) = match after {
            Some(end) if src[..end].ends_with('\n') => (end, format!("#include <{header}>\n")),
            Some(end) => (end, format!("\n#include <{header}>")),
            None => (0, format!("#include <{header}>\n")),
        };
        let at = self.file_byte(at);
        Some(Edit {
            span: self.file.span(at, at),
            replacement: text,
        })
    }

    /// The statement that leaves `func` reporting failure, from its return type:
    /// `return NULL;` for pointers, `return;` for void, `return 1;` from `main`,
    /// `return -1;` for integers, `return false;` for bool; None for other types
    /// (a struct has no failure value to return).
    pub fn failure_return(&self, func: &CFunction) -> Option<&'static str> {
        let ty = func
            .node
            .child_by_field_name("type")
            .map(|t| self.text(t).trim())
            .unwrap_or("int");
        let returns_pointer = func
            .node
            .child_by_field_name("declarator")
            .is_some_and(|d| d.kind() == "pointer_declarator");
        if returns_pointer {
            return Some("return NULL;");
        }
        if ty == "void" {
            return Some("return;");
        }
        if func.name == "main" {
            return Some("return 1;");
        }
        if matches!(ty, "bool" | "_Bool") {
            return Some("return false;");
        }
        is_integer_type(ty).then_some("return -1;")
    }

    /// Functions with their taint.
    pub fn functions(&self) -> impl Iterator<Item = (&CFunction<'t>, &FunctionTaint)> {
        self.model.functions.iter().zip(self.taints.iter())
    }
}

/// A C integer type as written in a declaration (`unsigned long`, `size_t`, `int32_t`).
pub fn is_integer_type(ty: &str) -> bool {
    let words: Vec<&str> = ty.split_whitespace().collect();
    !words.is_empty()
        && words.iter().all(|w| {
            matches!(
                *w,
                "int"
                    | "long"
                    | "short"
                    | "char"
                    | "unsigned"
                    | "signed"
                    | "size_t"
                    | "ssize_t"
                    | "off_t"
                    | "ptrdiff_t"
                    | "intptr_t"
                    | "uintptr_t"
                    | "intmax_t"
                    | "uintmax_t"
                    | "const"
                    | "volatile"
                    | "register"
                    | "static"
            ) || (w.starts_with("int") || w.starts_with("uint")) && w.ends_with("_t")
        })
}
