//! C rules and the context they run in.

pub mod cwe_022_path_traversal;
pub mod cwe_078_command_injection;
pub mod cwe_125_index_underflow;
pub mod cwe_125_negative_index;
pub mod cwe_125_off_by_one_check;
pub mod cwe_125_unchecked_index;
pub mod cwe_125_unchecked_length_param;
pub mod cwe_125_unchecked_stream_read;
pub mod cwe_134_format_string;
pub mod cwe_190_integer_overflow;
pub mod cwe_190_wrapping_bounds_check;
pub mod cwe_416_dangling_field;
pub mod cwe_416_use_after_free;
pub mod cwe_476_deref_before_check;
pub mod cwe_476_null_dereference;
pub mod cwe_787_negative_index;
pub mod cwe_787_off_by_one;
pub mod cwe_787_unbounded_write;

use crate::ast::text;
use crate::c::model::{CFunction, CModel};
use crate::c::taint::FunctionTaint;
use crate::finding::{Edit, Finding, Fix, RuleMeta};
use crate::source::SourceFile;
use tree_sitter::Node;

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

    /// Functions with their taint.
    pub fn functions(&self) -> impl Iterator<Item = (&CFunction<'t>, &FunctionTaint)> {
        self.model.functions.iter().zip(self.taints.iter())
    }
}
