//! Per-function taint for C: which variables hold data from `argv`,
//! `getenv`, `fgets`/`scanf`/`recv` buffers, `rand()`, or the function's
//! parameters, propagated through assignments, conversions (`atoi`) and
//! string builders (`sprintf`, `strcat`, `strcpy`, `memcpy`).
//!
//! Flow-insensitive within a function (two passes in source order): for
//! short generated functions this is what matters, and it keeps the engine
//! total on arbitrary input.

use super::concepts::{self, src};
use super::model::{call_args, call_name, root_name, CFunction, CModel};
use crate::ast::NodeExt;
use crate::ast::{self, text};
use std::collections::HashMap;
use tree_sitter::Node;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CTaint {
    pub src: u32,
    /// The value was formatted/concatenated into a larger string.
    pub interp: bool,
}

impl CTaint {
    pub fn join(self, o: CTaint) -> CTaint {
        CTaint {
            src: self.src | o.src,
            interp: (self.interp && self.src != 0) || (o.interp && o.src != 0),
        }
    }

    pub fn is(self, bits: u32) -> bool {
        self.src & bits != 0
    }
}

pub struct FunctionTaint {
    vars: HashMap<String, CTaint>,
    /// Functions declared `extern` and not defined in the file: their
    /// results are data from elsewhere, as uncontrolled as `rand()`.
    externs: std::collections::HashSet<String>,
}

impl FunctionTaint {
    pub fn compute(model: &CModel, func: &CFunction) -> FunctionTaint {
        let src_text = model.src;
        let mut vars: HashMap<String, CTaint> = HashMap::new();
        let is_main = func.name == "main";
        for p in &func.params {
            let bits = if is_main { src::LOCAL } else { src::PARAM };
            vars.insert(
                p.name.clone(),
                CTaint {
                    src: bits,
                    interp: false,
                },
            );
        }
        let mut ft = FunctionTaint {
            vars,
            externs: model.externs.clone(),
        };
        for _ in 0..2 {
            func.preorder(|n| match n.node_kind() {
                "init_declarator" => {
                    if let (Some(d), Some(v)) = (n.field("declarator"), n.field("value")) {
                        if let Some(name) = super::model::declarator_name(d, src_text) {
                            let t = ft.of(v, src_text);
                            ft.add(name, t);
                        }
                    }
                }
                "assignment_expression" => {
                    if let (Some(l), Some(r)) = (n.field("left"), n.field("right")) {
                        if let Some(name) = root_name(l, src_text) {
                            let t = ft.of(r, src_text);
                            let op = n
                                .field("operator")
                                .map(|o| text(o, src_text))
                                .unwrap_or("=");
                            if op == "=" && l.node_kind() == "identifier" {
                                ft.vars.insert(name, t);
                            } else {
                                ft.add(name, t);
                            }
                        }
                    }
                }
                "call_expression" => {
                    let name = call_name(n, src_text);
                    let args = call_args(n);
                    if let Some((i, bits)) = concepts::input_buffer_arg(name) {
                        if let Some(r) = args.get(i).and_then(|a| root_name(*a, src_text)) {
                            ft.add(
                                r,
                                CTaint {
                                    src: bits,
                                    interp: false,
                                },
                            );
                        }
                    }
                    let scan_from = match name {
                        "scanf" | "wscanf" => Some(1),
                        "fscanf" => Some(2),
                        "sscanf" => Some(2),
                        _ => None,
                    };
                    if let Some(from) = scan_from {
                        let t = if name == "sscanf" {
                            args.first()
                                .map(|a| ft.of(*a, src_text))
                                .unwrap_or_default()
                        } else {
                            CTaint {
                                src: src::LOCAL,
                                interp: false,
                            }
                        };
                        for a in args.iter().skip(from) {
                            if let Some(r) = root_name(*a, src_text) {
                                ft.add(r, t);
                            }
                        }
                    }
                    if let Some((dst, interp)) = concepts::writer(name) {
                        let mut t = CTaint::default();
                        for a in args.iter().skip(dst + 1) {
                            t = t.join(ft.of(*a, src_text));
                        }
                        t.interp |= interp && t.src != 0;
                        if let Some(r) = args.get(dst).and_then(|a| root_name(*a, src_text)) {
                            ft.add(r, t);
                        }
                    }
                }
                _ => {}
            });
        }
        ft
    }

    fn add(&mut self, name: String, t: CTaint) {
        if t.src == 0 {
            return;
        }
        let e = self.vars.entry(name).or_default();
        *e = e.join(t);
    }

    pub fn var(&self, name: &str) -> CTaint {
        self.vars.get(name).copied().unwrap_or_default()
    }

    /// Taint of an expression.
    pub fn of(&self, node: Node, src_text: &str) -> CTaint {
        self.of_depth(node, src_text, 0)
    }

    fn of_depth(&self, node: Node, s: &str, depth: usize) -> CTaint {
        if depth > 100 {
            return CTaint::default();
        }
        match node.node_kind() {
            "identifier" | "field_expression" => {
                let t = self.var(text(node, s));
                if t.src != 0 || node.node_kind() == "identifier" {
                    return t;
                }
                node.field("argument")
                    .map(|a| self.of_depth(a, s, depth + 1))
                    .unwrap_or_default()
            }
            "sizeof_expression" | "number_literal" | "string_literal" | "char_literal" => {
                CTaint::default()
            }
            "call_expression" => {
                let name = call_name(node, s);
                let bits = if self.externs.contains(name) {
                    src::RANDOM
                } else {
                    concepts::source_call(name)
                };
                if bits != 0 {
                    return CTaint {
                        src: bits,
                        interp: false,
                    };
                }
                let args = call_args(node);
                if concepts::is_path_join(name) || concepts::is_string_builder(name) {
                    let mut t = CTaint::default();
                    for a in &args {
                        t = t.join(self.of_depth(*a, s, depth + 1));
                    }
                    t.interp = t.src != 0;
                    return t;
                }
                if concepts::is_conversion(name)
                    || matches!(
                        name,
                        "strlen"
                            | "strdup"
                            | "strndup"
                            | "strchr"
                            | "strrchr"
                            | "strstr"
                            | "ntohl"
                            | "ntohs"
                            | "abs"
                            | "labs"
                    )
                {
                    return args
                        .first()
                        .map(|a| self.of_depth(*a, s, depth + 1))
                        .unwrap_or_default();
                }
                CTaint::default()
            }
            "binary_expression" => {
                let op = node.field("operator").map(|o| o.node_kind()).unwrap_or("");
                // Modulo, masks and comparisons bound or collapse the value.
                if matches!(
                    op,
                    "%" | "&" | ">>" | "<" | "<=" | ">" | ">=" | "==" | "!=" | "&&" | "||"
                ) {
                    return CTaint::default();
                }
                let mut t = CTaint::default();
                for side in ["left", "right"] {
                    if let Some(c) = node.field(side) {
                        t = t.join(self.of_depth(c, s, depth + 1));
                    }
                }
                t
            }
            _ => {
                let mut t = CTaint::default();
                for c in ast::named_children(node) {
                    t = t.join(self.of_depth(c, s, depth + 1));
                }
                t
            }
        }
    }
}
