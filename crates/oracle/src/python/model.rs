//! The Python semantic model: imports resolved to qualified names, the
//! functions defined in the file, and helpers that read literals.
//!
//! `from subprocess import run as r; r(cmd, shell=True)` resolves `r` to
//! `subprocess.run`, so rules match library APIs however they were imported,
//! never the raw text of the call.

use crate::ast::NodeExt;
use crate::ast::{self, text};
use std::collections::HashMap;
use tree_sitter::Node;

/// Per-file semantic facts.
pub struct PyModel<'t> {
    pub src: &'t str,
    pub root: Node<'t>,
    /// Local name → qualified name, from `import` statements anywhere in the
    /// file (generated code often imports inside functions).
    pub imports: HashMap<String, String>,
    /// Function and method definitions by name (last definition wins).
    pub functions: HashMap<String, Node<'t>>,
    /// Every call in the file, in source order, with its resolved callee.
    pub calls: Vec<CallSite<'t>>,
    /// Modules imported with `from m import *`, in order.
    pub wildcards: Vec<String>,
    /// Names bound to an HTTP client object (`s = requests.Session()`, `async with
    /// aiohttp.ClientSession() as s`) → the name its methods resolve under (see
    /// `HTTP_CLIENTS`), so `s.get(url)` is `requests.get` as the sinks name it.
    pub clients: HashMap<String, String>,
    /// Every node of the file in pre-order, collected once: whole-file rules
    /// iterate this instead of re-walking the tree with a cursor.
    pub nodes: Vec<Node<'t>>,
}

/// A call expression and its callee's qualified name.
#[derive(Clone)]
pub struct CallSite<'t> {
    pub node: Node<'t>,
    pub qualname: String,
}

impl<'t> PyModel<'t> {
    /// Visits every node of the file in pre-order (see [`PyModel::nodes`]).
    pub fn preorder(&self, mut visit: impl FnMut(Node<'t>)) {
        for &n in &self.nodes {
            visit(n);
        }
    }

    pub fn build(root: Node<'t>, src: &'t str) -> PyModel<'t> {
        let mut model = PyModel {
            src,
            root,
            imports: HashMap::new(),
            functions: HashMap::new(),
            calls: Vec::new(),
            wildcards: Vec::new(),
            clients: HashMap::new(),
            nodes: Vec::new(),
        };
        let mut call_nodes = Vec::new();
        let mut nodes = Vec::new();
        ast::preorder(root, |node| nodes.push(node));
        nodes.iter().for_each(|&node| match node.node_kind() {
            "import_statement" => model.add_import(node),
            "import_from_statement" => model.add_import_from(node),
            "function_definition" => {
                if let Some(name) = node.field("name") {
                    model.functions.insert(text(name, src).to_string(), node);
                }
            }
            "call" => call_nodes.push(node),
            _ => {}
        });
        for &node in &nodes {
            let (target, value) = match node.node_kind() {
                "assignment" => (node.field("left"), node.field("right")),
                "as_pattern" => (
                    node.field("alias").and_then(|a| a.named_child(0)),
                    node.named_child(0),
                ),
                _ => continue,
            };
            let (Some(target), Some(value)) = (target, value) else {
                continue;
            };
            if target.node_kind() != "identifier" || value.node_kind() != "call" {
                continue;
            }
            let ctor = value
                .field("function")
                .map(|f| model.qualname(f))
                .unwrap_or_default();
            if let Some((_, stands_for)) = HTTP_CLIENTS.iter().find(|(c, _)| *c == ctor) {
                model
                    .clients
                    .insert(text(target, src).to_string(), stands_for.to_string());
            }
        }
        model.nodes = nodes;
        model.calls = call_nodes
            .into_iter()
            .map(|node| CallSite {
                node,
                qualname: node
                    .field("function")
                    .map(|f| model.qualname(f))
                    .unwrap_or_default(),
            })
            .collect();
        model
    }

    fn add_import(&mut self, node: Node<'t>) {
        for name in ast::field_children(node, "name") {
            match name.node_kind() {
                "dotted_name" => {
                    // `import os.path` binds `os`.
                    let full = text(name, self.src);
                    let first = full.split('.').next().unwrap_or(full).trim();
                    self.imports.insert(first.to_string(), first.to_string());
                }
                "aliased_import" => {
                    if let (Some(n), Some(a)) = (name.field("name"), name.field("alias")) {
                        self.imports
                            .insert(text(a, self.src).into(), squash(text(n, self.src)));
                    }
                }
                _ => {}
            }
        }
    }

    fn add_import_from(&mut self, node: Node<'t>) {
        let Some(module) = node.field("module_name") else {
            return;
        };
        let module = squash(text(module, self.src).trim_start_matches('.'));
        if ast::named_children(node)
            .iter()
            .any(|c| c.node_kind() == "wildcard_import")
        {
            self.wildcards.push(module.clone());
        }
        for name in ast::field_children(node, "name") {
            let (orig, local) = match name.node_kind() {
                "dotted_name" => (text(name, self.src), text(name, self.src)),
                "aliased_import" => match (name.field("name"), name.field("alias")) {
                    (Some(n), Some(a)) => (text(n, self.src), text(a, self.src)),
                    _ => continue,
                },
                _ => continue,
            };
            let qual = if module.is_empty() {
                squash(orig)
            } else {
                format!("{module}.{}", squash(orig))
            };
            self.imports.insert(local.to_string(), qual);
        }
    }

    /// The qualified name of an expression used as a callee or receiver:
    /// imports are resolved, attribute chains joined with `.`, calls in a
    /// chain written as `name()`. Unknown roots keep their own name, so
    /// `cursor.execute` stays `cursor.execute`.
    pub fn qualname(&self, node: Node) -> String {
        self.qualname_depth(node, 0)
    }

    fn qualname_depth(&self, node: Node, depth: usize) -> String {
        if depth > 64 {
            return String::new();
        }
        match node.node_kind() {
            "identifier" => {
                let name = text(node, self.src);
                match (self.imports.get(name), self.wildcards.first()) {
                    (Some(q), _) => q.clone(),
                    (None, _) if self.clients.contains_key(name) => self.clients[name].clone(),
                    // `from Crypto.Cipher import *` then `DES.new(...)`: a
                    // capitalised unknown name most likely comes from there.
                    (None, Some(m)) if name.starts_with(|c: char| c.is_ascii_uppercase()) => {
                        format!("{m}.{name}")
                    }
                    _ => name.to_string(),
                }
            }
            "attribute" => {
                let obj = node
                    .field("object")
                    .map(|o| self.qualname_depth(o, depth + 1))
                    .unwrap_or_default();
                let attr = node
                    .field("attribute")
                    .map(|a| text(a, self.src))
                    .unwrap_or("");
                format!("{obj}.{attr}")
            }
            "call" => {
                let f = node
                    .field("function")
                    .map(|f| self.qualname_depth(f, depth + 1))
                    .unwrap_or_default();
                format!("{f}()")
            }
            "parenthesized_expression" => node
                .named_child(0)
                .map(|c| self.qualname_depth(c, depth + 1))
                .unwrap_or_default(),
            "subscript" => {
                let v = node
                    .field("value")
                    .map(|v| self.qualname_depth(v, depth + 1))
                    .unwrap_or_default();
                format!("{v}[]")
            }
            _ => String::new(),
        }
    }

    /// True if any import in the file comes from `module` (or a submodule).
    pub fn imports_module(&self, module: &str) -> bool {
        self.imports
            .values()
            .any(|q| q == module || q.starts_with(&format!("{module}.")))
    }
}

/// Constructors of HTTP client objects, and the name their methods resolve under: a
/// `requests.Session()`'s `get` is `requests.get` for every rule (one sink list, not one per
/// client); clients without a module-level twin keep their constructor.
const HTTP_CLIENTS: &[(&str, &str)] = &[
    ("requests.Session", "requests"),
    ("requests.session", "requests"),
    ("httpx.Client", "httpx"),
    ("httpx.AsyncClient", "httpx"),
    ("aiohttp.ClientSession", "aiohttp.ClientSession()"),
    ("urllib3.PoolManager", "urllib3.PoolManager()"),
];

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The last component of a qualified name: `subprocess.run` → `run`.
pub fn last_component(qualname: &str) -> &str {
    let q = qualname.trim_end_matches("()");
    q.rsplit('.').next().unwrap_or(q)
}

/// Positional arguments and keyword arguments of a call.
pub struct Args<'t> {
    pub positional: Vec<Node<'t>>,
    pub keywords: Vec<(String, Node<'t>)>,
    /// `*args` / `**kwargs` present: positions are then uncertain.
    pub has_splat: bool,
}

impl<'t> Args<'t> {
    pub fn of(call: Node<'t>, src: &str) -> Args<'t> {
        let mut args = Args {
            positional: Vec::new(),
            keywords: Vec::new(),
            has_splat: false,
        };
        let Some(list) = call.field("arguments") else {
            return args;
        };
        if list.node_kind() == "generator_expression" {
            args.positional.push(list);
            return args;
        }
        for child in ast::named_children(list) {
            match child.node_kind() {
                "keyword_argument" => {
                    if let (Some(n), Some(v)) = (child.field("name"), child.field("value")) {
                        args.keywords.push((text(n, src).to_string(), v));
                    }
                }
                "list_splat" | "dictionary_splat" => args.has_splat = true,
                "comment" => {}
                _ => args.positional.push(child),
            }
        }
        args
    }

    pub fn keyword(&self, name: &str) -> Option<Node<'t>> {
        self.keywords
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| *v)
    }

    /// Argument by position, or by keyword if not given positionally.
    pub fn get(&self, pos: usize, name: &str) -> Option<Node<'t>> {
        self.positional
            .get(pos)
            .copied()
            .or_else(|| self.keyword(name))
    }
}

/// The value of a string literal without quotes or prefix (raw source
/// text, escapes not interpreted), or `None` if `node` is not a plain
/// literal (f-strings with interpolations are not plain).
pub fn string_value(node: Node, src: &str) -> Option<String> {
    match node.node_kind() {
        "string" => {
            let mut out = String::new();
            for child in ast::named_children(node) {
                match child.node_kind() {
                    "string_content" | "escape_sequence" => out.push_str(text(child, src)),
                    "interpolation" => return None,
                    _ => {}
                }
            }
            Some(out)
        }
        "concatenated_string" => {
            let mut out = String::new();
            for child in ast::named_children(node) {
                out.push_str(&string_value(child, src)?);
            }
            Some(out)
        }
        "parenthesized_expression" => string_value(node.named_child(0)?, src),
        _ => None,
    }
}

/// True for literals and expressions built only from literals.
pub fn is_constant(node: Node, src: &str) -> bool {
    match node.node_kind() {
        "integer" | "float" | "true" | "false" | "none" => true,
        "string" | "concatenated_string" => string_value(node, src).is_some(),
        "parenthesized_expression" => node.named_child(0).is_some_and(|c| is_constant(c, src)),
        "binary_operator" => {
            node.field("left").is_some_and(|c| is_constant(c, src))
                && node.field("right").is_some_and(|c| is_constant(c, src))
        }
        "unary_operator" => node.field("argument").is_some_and(|c| is_constant(c, src)),
        _ => false,
    }
}

/// Evaluates a constant integer expression (`0o777`, `stat.S_IRWXU | 0o44`,
/// `0x1FF`); `stat.*` permission names are known. `None` if not constant.
pub fn int_value(node: Node, model: &PyModel) -> Option<i64> {
    let src = model.src;
    match node.node_kind() {
        "integer" => {
            let t = text(node, src).replace('_', "").to_ascii_lowercase();
            let t = t.trim_end_matches('l');
            if let Some(o) = t.strip_prefix("0o") {
                i64::from_str_radix(o, 8).ok()
            } else if let Some(h) = t.strip_prefix("0x") {
                i64::from_str_radix(h, 16).ok()
            } else if let Some(b) = t.strip_prefix("0b") {
                i64::from_str_radix(b, 2).ok()
            } else if t.len() > 1 && t.starts_with('0') {
                i64::from_str_radix(&t[1..], 8).ok()
            } else {
                t.parse().ok()
            }
        }
        "parenthesized_expression" => int_value(node.named_child(0)?, model),
        "binary_operator" => {
            let l = int_value(node.field("left")?, model)?;
            let r = int_value(node.field("right")?, model)?;
            let op = node.field("operator")?;
            match text(op, src) {
                "|" => Some(l | r),
                "&" => Some(l & r),
                "+" => l.checked_add(r),
                "^" => Some(l ^ r),
                _ => None,
            }
        }
        "attribute" | "identifier" => stat_constant(last_component(&model.qualname(node))),
        _ => None,
    }
}

fn stat_constant(name: &str) -> Option<i64> {
    Some(match name {
        "S_IRWXU" => 0o700,
        "S_IRUSR" => 0o400,
        "S_IWUSR" => 0o200,
        "S_IXUSR" => 0o100,
        "S_IRWXG" => 0o070,
        "S_IRGRP" => 0o040,
        "S_IWGRP" => 0o020,
        "S_IXGRP" => 0o010,
        "S_IRWXO" => 0o007,
        "S_IROTH" => 0o004,
        "S_IWOTH" => 0o002,
        "S_IXOTH" => 0o001,
        "S_ISUID" => 0o4000,
        "S_ISGID" => 0o2000,
        "S_ISVTX" => 0o1000,
        _ => return None,
    })
}

/// True if the function is a web request handler: decorated with a route
/// (`@app.route`, `@bp.get`, `@router.post`, …), so its parameters come
/// from the URL.
pub fn is_route_handler(func: Node, src: &str) -> bool {
    let Some(parent) = func.parent_node() else {
        return false;
    };
    if parent.node_kind() != "decorated_definition" {
        return false;
    }
    ast::named_children(parent)
        .into_iter()
        .filter(|d| d.node_kind() == "decorator")
        .any(|d| {
            let t = text(d, src);
            let name = t
                .trim_start_matches('@')
                .split('(')
                .next()
                .unwrap_or("")
                .trim();
            let last = name.rsplit('.').next().unwrap_or(name);
            matches!(
                last,
                "route" | "get" | "post" | "put" | "delete" | "patch" | "api_view" | "websocket"
            )
        })
}

/// Parameter names of a function definition, in order.
pub fn parameter_names(func: Node, src: &str) -> Vec<String> {
    let Some(params) = func.field("parameters") else {
        return Vec::new();
    };
    ast::named_children(params)
        .into_iter()
        .filter_map(|p| {
            let id = match p.node_kind() {
                "identifier" => Some(p),
                "typed_parameter" => p.named_child(0),
                "default_parameter" | "typed_default_parameter" => p.field("name"),
                "list_splat_pattern" | "dictionary_splat_pattern" => p.named_child(0),
                _ => None,
            }?;
            Some(text(id, src).to_string())
        })
        .collect()
}

/// True if `func` is defined directly inside a class body (a method).
pub fn is_method(func: Node) -> bool {
    let mut cur = func.parent_node();
    while let Some(n) = cur {
        match n.node_kind() {
            "decorated_definition" | "block" => cur = n.parent_node(),
            "class_definition" => return true,
            _ => return false,
        }
    }
    false
}
