//! Python rules and the context they run in.

crate::rules::rule_files!(
    Python,
    [
        cwe_020_incomplete_hostname_regexp,
        cwe_020_incomplete_url_substring_sanitization,
        cwe_022_path_injection,
        cwe_022_tarslip,
        cwe_078_command_injection,
        cwe_079_reflective_xss,
        cwe_079_jinja2_autoescape_false,
        cwe_089_sql_injection,
        cwe_094_code_injection,
        cwe_116_bad_tag_filter,
        cwe_117_log_injection,
        cwe_295_request_without_cert_validation,
        cwe_327_weak_sensitive_data_hashing,
        cwe_327_weak_cryptographic_algorithm,
        cwe_377_insecure_temporary_file,
        cwe_502_unsafe_deserialization,
        cwe_601_url_redirection,
        cwe_611_xxe,
        cwe_643_xpath_injection,
        cwe_730_regex_injection,
        cwe_730_redos,
        cwe_732_overly_permissive_file,
        cwe_918_ssrf,
        cwe_943_nosql_injection,
        cwe_090_ldap_injection,
        cwe_113_http_response_splitting,
        cwe_209_stack_trace_exposure,
        cwe_215_flask_debug,
        cwe_319_cleartext_protocol,
        cwe_326_weak_crypto_key,
        cwe_329_static_iv,
        cwe_330_insecure_randomness,
        cwe_347_jwt_missing_verification,
        cwe_614_insecure_cookie,
        cwe_760_predictable_salt,
        cwe_798_hardcoded_credentials,
        // The audit profile (`--profile audit`): insecure practices without a proven flow.
        cwe_078_audit_shell_command,
        cwe_094_audit_dynamic_code,
        cwe_502_audit_deserialization,
        cwe_611_audit_xml_parser,
        cwe_089_audit_sql_string,
        cwe_327_audit_weak_hash,
        cwe_330_audit_random,
        cwe_022_audit_path,
        cwe_605_audit_bind_all,
        cwe_400_audit_request_timeout,
        cwe_352_audit_csrf_exempt,
        cwe_532_audit_credential_logging,
        cwe_703_audit_assert_check,
    ]
);

use crate::ast::text;
use crate::ast::NodeExt;
use crate::finding::{Edit, Finding, Fix, RuleMeta};
use crate::python::concepts::{src, SinkKind};
use crate::python::model::{CallSite, PyModel};
use crate::python::taint::{Flow, Taint};
use crate::source::SourceFile;
use tree_sitter::Node;

/// Everything a Python rule may look at.
pub struct PyContext<'a, 't> {
    pub file: &'a SourceFile,
    pub model: &'a PyModel<'t>,
    pub flows: &'a [Flow<'t>],
}

impl<'a, 't> PyContext<'a, 't> {
    pub fn src(&self) -> &'t str {
        self.model.src
    }

    pub fn text(&self, node: Node) -> &'t str {
        text(node, self.model.src)
    }

    /// A finding of `meta` at `node`.
    pub fn finding(&self, meta: &RuleMeta, node: Node, message: String) -> Finding {
        crate::analysis::make_finding(self.file, meta, node.start_byte(), node.end_byte(), message)
    }

    pub fn edit(&self, node: Node, replacement: impl Into<String>) -> Edit {
        Edit {
            span: self.file.span(node.start_byte(), node.end_byte()),
            replacement: replacement.into(),
        }
    }

    /// An edit that adds `import_line` before the first import of the file
    /// (after a module docstring and `__future__` imports), unless the file
    /// already has it.
    pub fn add_import(&self, module: &str) -> Option<Edit> {
        if self.model.imports.get(module).is_some_and(|q| q == module) {
            return None;
        }
        let mut at = 0;
        // Iterate lazily: a module can have hundreds of thousands of children.
        let mut cursor = self.model.root.walk();
        for child in self.model.root.named_children(&mut cursor) {
            match child.node_kind() {
                "import_from_statement" if self.text(child).contains("__future__") => {
                    at = child.end_byte() + 1;
                }
                "expression_statement"
                    if at == 0
                        && child
                            .named_child(0)
                            .is_some_and(|s| s.node_kind() == "string") =>
                {
                    at = child.end_byte() + 1;
                }
                "comment" => {}
                _ => break,
            }
        }
        let at = at.min(self.file.text.len());
        Some(Edit {
            span: self.file.span(at, at),
            replacement: format!("import {module}\n"),
        })
    }

    /// The statement that holds `node`: its ancestor directly inside a block or the module.
    /// None when `node` sits in a lambda or comprehension (a statement before it cannot see
    /// their names) or when the statement shares its line with code before it (`if x: f(y)`),
    /// where a line inserted before it would land outside its block.
    pub fn statement_of(&self, node: Node<'t>) -> Option<Node<'t>> {
        let mut cur = node;
        loop {
            let parent = cur.parent_node()?;
            match parent.node_kind() {
                "block" | "module" => break,
                "lambda"
                | "list_comprehension"
                | "dictionary_comprehension"
                | "set_comprehension"
                | "generator_expression" => return None,
                _ => cur = parent,
            }
        }
        let src = self.src();
        let line_start = src[..cur.start_byte()].rfind('\n').map_or(0, |i| i + 1);
        src[line_start..cur.start_byte()]
            .chars()
            .all(|c| c == ' ' || c == '\t')
            .then_some(cur)
    }

    /// An edit that puts `lines` (statements without indentation) before `stmt`, each at
    /// the statement's indentation; `stmt` comes from [`Self::statement_of`].
    pub fn insert_before(&self, stmt: Node, lines: &[String]) -> Edit {
        let src = self.src();
        let line_start = src[..stmt.start_byte()].rfind('\n').map_or(0, |i| i + 1);
        let indent = &src[line_start..stmt.start_byte()];
        let mut text = String::new();
        for line in lines {
            for (i, part) in line.split('\n').enumerate() {
                if i > 0 {
                    text.push_str(indent);
                }
                text.push_str(part);
                text.push('\n');
            }
            text.push_str(indent);
        }
        Edit {
            span: self.file.span(stmt.start_byte(), stmt.start_byte()),
            replacement: text,
        }
    }

    /// The imports a fix needs, skipping those the file has.
    pub fn imports(&self, modules: &[&str]) -> Vec<Edit> {
        modules.iter().filter_map(|m| self.add_import(m)).collect()
    }

    /// An edit that adds `keyword=value` as the last argument of a call,
    /// inserted just before its closing parenthesis.
    pub fn add_keyword(&self, call: Node, keyword: &str) -> Option<Edit> {
        let list = call.field("arguments")?;
        let close = list.child(list.child_count().checked_sub(1)?)?;
        if close.node_kind() != ")" {
            return None;
        }
        let has_args = list.named_child_count() > 0;
        let trailing_comma = self
            .text(list)
            .trim_end_matches(')')
            .trim_end()
            .ends_with(',');
        let sep = if !has_args || trailing_comma {
            ""
        } else {
            ", "
        };
        let at = close.start_byte();
        Some(Edit {
            span: self.file.span(at, at),
            replacement: format!("{sep}{keyword}"),
        })
    }

    pub fn fix(&self, description: &str, edits: Vec<Edit>) -> Option<Fix> {
        Some(Fix {
            description: description.to_string(),
            edits,
        })
    }

    /// Calls whose resolved callee satisfies `pred`.
    pub fn calls_where(&self, pred: impl Fn(&str) -> bool) -> impl Iterator<Item = &CallSite<'t>> {
        self.model.calls.iter().filter(move |c| pred(&c.qualname))
    }

    /// An audit finding at every call `matches` accepts whose argument `pick` chooses is not a
    /// constant (a literal, or an expression of literals): the practice the audit rules name.
    pub fn audit_calls(
        &self,
        meta: &RuleMeta,
        out: &mut Vec<Finding>,
        matches: impl Fn(&str) -> bool,
        pick: impl Fn(&crate::python::model::Args<'t>) -> Option<Node<'t>>,
        message: impl Fn(&str) -> String,
    ) {
        for call in self.calls_where(&matches) {
            let args = crate::python::model::Args::of(call.node, self.src());
            let Some(arg) = pick(&args) else {
                continue;
            };
            if crate::python::model::is_constant(arg, self.src()) {
                continue;
            }
            out.push(self.finding(meta, call.node, message(&call.qualname)));
        }
    }

    /// Flows of one sink kind, one per sink argument.
    pub fn flows_of(&self, kind: SinkKind) -> impl Iterator<Item = &Flow<'t>> {
        self.flows.iter().filter(move |f| f.kind == kind)
    }
}

/// Words for where tainted data came from, for messages.
pub fn origin(t: Taint) -> &'static str {
    if t.src & src::REMOTE != 0 {
        "user-provided value"
    } else if t.src & src::LOCAL != 0 {
        "command-line/environment input"
    } else if t.src & src::ARCHIVE != 0 {
        "archive member name"
    } else if t.src & src::BUILT != 0 {
        "string assembled at run time"
    } else {
        "function parameter"
    }
}

/// Reports each flow of `kind` as a finding of `meta`, with the message
/// `what` (what the sink does) and an optional fix.
pub fn report_flows(
    ctx: &PyContext,
    out: &mut Vec<Finding>,
    meta: &RuleMeta,
    kind: SinkKind,
    what: &str,
    fix: impl Fn(&Flow) -> Option<Fix>,
) {
    for flow in ctx.flows_of(kind) {
        let mut f = ctx.finding(
            meta,
            flow.arg,
            format!(
                "{what} `{}` depends on a {}.",
                flow.callee,
                origin(flow.taint)
            ),
        );
        f.fix = fix(flow);
        out.push(f);
    }
}
