//! The intra-procedural taint engine for Python, with summaries for the
//! functions defined in the same file.
//!
//! Each function body is interpreted once in statement order over an
//! abstract state (variable → [`Taint`]). Branches are analysed on copies
//! and joined (a sanitizer on one branch only leaves the value tainted);
//! loops run twice. Guards (`if not is_safe(x): abort()`) clean a variable
//! on the path where the check passed. Calls to functions of the same file
//! use their summaries: which parameters reach the return value and which
//! reach a sink. Sinks and sources come from [`super::concepts`].

use super::concepts::{self, src, Arg, ParamPolicy, SinkKind, When, ALL_KINDS, LOG_METHODS};
use super::model::{self, last_component, Args, PyModel};
use crate::ast::NodeExt;
use crate::ast::{self, text};
use std::collections::HashMap;
use tree_sitter::Node;

/// Abstract value of an expression.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Taint {
    /// Source bits ([`src`]) plus, while summarising, one bit per parameter.
    pub src: u32,
    /// The tainted part was interpolated into a larger string.
    pub interp: bool,
    /// Sink kinds this value has been sanitized for.
    pub clean: u32,
    /// The value is text derived from the source (not an object returned
    /// by some library call): what an HTTP response body cares about.
    pub is_text: bool,
}

impl Taint {
    pub const NONE: Taint = Taint {
        src: 0,
        interp: false,
        clean: 0,
        is_text: false,
    };

    fn source(bits: u32) -> Taint {
        Taint {
            src: bits,
            interp: false,
            clean: 0,
            is_text: bits != 0,
        }
    }

    fn opaque(self) -> Taint {
        Taint {
            is_text: false,
            ..self
        }
    }

    pub fn is_tainted(self) -> bool {
        self.src != 0
    }

    /// Join at a merge point or of the operands of one expression.
    pub fn join(self, other: Taint) -> Taint {
        if !self.is_tainted() {
            return other;
        }
        if !other.is_tainted() {
            return self;
        }
        Taint {
            src: self.src | other.src,
            interp: self.interp || other.interp,
            clean: self.clean & other.clean,
            is_text: self.is_text || other.is_text,
        }
    }

    fn sanitized(self, kinds: u32) -> Taint {
        if kinds == ALL_KINDS {
            return Taint::NONE;
        }
        Taint {
            clean: self.clean | kinds,
            ..self
        }
    }

    fn interpolated(self) -> Taint {
        Taint {
            interp: self.is_tainted(),
            is_text: self.is_tainted(),
            ..self
        }
    }

    /// True if this value flowing into a sink of `kind` is a finding.
    pub fn reaches(self, kind: SinkKind) -> bool {
        if self.clean & kind.bit() != 0 {
            return false;
        }
        let (bits, param) = kind.policy();
        if self.src & bits != 0 {
            return true;
        }
        if self.src & src::BUILT != 0 && kind == SinkKind::Command {
            return true;
        }
        if self.src & src::PARAM != 0 {
            return match param {
                ParamPolicy::Never => false,
                ParamPolicy::WhenInterpolated => self.interp,
                ParamPolicy::Always => true,
            };
        }
        false
    }
}

/// A tainted value reaching a sink.
#[derive(Debug, Clone)]
pub struct Flow<'t> {
    pub kind: SinkKind,
    /// The sink call (or `return` statement of a route handler).
    pub sink: Node<'t>,
    /// The argument carrying the value.
    pub arg: Node<'t>,
    pub taint: Taint,
    /// Name of the sink API (`os.system`) or, for flows through a local
    /// function, `helper → os.system`.
    pub callee: String,
}

#[derive(Debug, Clone, Default)]
struct Summary {
    /// Taint of the return value: real source bits and parameter markers.
    ret: Taint,
    /// (parameter index, sink kind, interpolated on the way, clean mask, sink name)
    sinks: Vec<(usize, SinkKind, bool, u32, String)>,
    /// Parameters are shifted by one at `self.method(...)` call sites.
    is_method: bool,
}

const MAX_PARAMS: usize = 20;

/// `Flow::callee` of a SQL statement built from tainted data (no sink seen).
pub const BUILT_SQL: &str = "string formatting";

/// Methods that add their arguments to the receiver (`cmd.append(x)`).
const MUTATORS: &[&str] = &[
    "append",
    "extend",
    "insert",
    "add",
    "update",
    "appendleft",
    "write",
];

/// Methods whose result is text derived from the receiver.
const STRING_METHODS: &[&str] = &[
    "strip",
    "lstrip",
    "rstrip",
    "lower",
    "upper",
    "title",
    "capitalize",
    "casefold",
    "swapcase",
    "decode",
    "encode",
    "get",
    "getlist",
    "split",
    "rsplit",
    "splitlines",
    "partition",
    "rpartition",
    "center",
    "ljust",
    "rjust",
    "zfill",
    "expandtabs",
    "translate",
    "removeprefix",
    "removesuffix",
    "pop",
    "setdefault",
    "values",
    "items",
    "copy",
    "read",
    "readline",
    "readlines",
    "get_data",
    "get_json",
    "getvalue",
    "text",
    "group",
    "groups",
    "groupdict",
    "__getitem__",
];
const PARAM_SHIFT: u32 = 8;
const MAX_DEPTH: usize = 200;

type State = HashMap<String, Taint>;

/// Runs the engine over a module and returns every flow with a real source, and whether the
/// analysis was cut short somewhere (code nested deeper than [`MAX_DEPTH`] is not followed, so
/// flows through it may be missing; callers must say so rather than report a clean file).
pub fn analyse<'t>(model: &PyModel<'t>) -> (Vec<Flow<'t>>, bool) {
    let mut cut_short = false;
    let mut functions: Vec<Node<'t>> = Vec::new();
    model.preorder(|n| {
        if n.node_kind() == "function_definition" {
            functions.push(n);
        }
    });
    let mut summaries: HashMap<String, Summary> = HashMap::new();
    let mut flows = Vec::new();
    // Two rounds so that callers see summaries of functions defined later.
    for round in 0..2 {
        let last = round == 1;
        let mut next = HashMap::new();
        for &func in &functions {
            let mut engine = Engine::new(model, &summaries, Some(func));
            let summary = engine.run_function(func);
            cut_short |= engine.cut_short;
            if last {
                flows.extend(
                    engine
                        .flows
                        .into_iter()
                        .filter(|f| f.taint.src & src::REAL != 0),
                );
            }
            if let Some(name) = func.field("name") {
                next.insert(text(name, model.src).to_string(), summary);
            }
        }
        summaries = next;
    }
    let mut engine = Engine::new(model, &summaries, None);
    let mut state = State::new();
    engine.block(model.root, &mut state, 0);
    cut_short |= engine.cut_short;
    flows.extend(engine.flows);
    flows.retain(|f| f.taint.reaches(f.kind));
    (flows, cut_short)
}

struct Engine<'m, 't> {
    model: &'m PyModel<'t>,
    src: &'t str,
    summaries: &'m HashMap<String, Summary>,
    func: Option<Node<'t>>,
    route_handler: bool,
    ret: Taint,
    flows: Vec<Flow<'t>>,
    /// Variable → identifiers of the expression last assigned to it, so a
    /// check on `full = join(base, name)` also validates `name`.
    deps: HashMap<String, Vec<String>>,
    /// Variables last assigned a string built by formatting with
    /// non-literal parts (`cmd = "ls %s" % d`).
    built: std::collections::HashSet<String>,
    /// Literal text of strings assigned to each variable so far, so
    /// `q = "UPDATE t SET a = 1 "; q += f"WHERE id = {x}"` is seen as SQL.
    literals: HashMap<String, String>,
    /// Variables a guard validated (`if not x.isalnum(): abort()`).
    validated: std::collections::HashSet<String>,
    /// Code nested deeper than [`MAX_DEPTH`] was skipped.
    cut_short: bool,
}

impl<'m, 't> Engine<'m, 't> {
    fn new(
        model: &'m PyModel<'t>,
        summaries: &'m HashMap<String, Summary>,
        func: Option<Node<'t>>,
    ) -> Self {
        Engine {
            model,
            src: model.src,
            summaries,
            func,
            route_handler: func.is_some_and(|f| model::is_route_handler(f, model.src)),
            ret: Taint::NONE,
            flows: Vec::new(),
            deps: HashMap::new(),
            built: Default::default(),
            literals: HashMap::new(),
            validated: Default::default(),
            cut_short: false,
        }
    }

    fn run_function(&mut self, func: Node<'t>) -> Summary {
        let params = model::parameter_names(func, self.src);
        let is_method = model::is_method(func);
        let mut state = State::new();
        // Methods cut out of their class (dedented) still take `self`.
        let is_method = is_method || params.first().is_some_and(|p| p == "self" || p == "cls");
        for (i, name) in params.iter().enumerate() {
            if i == 0 && (name == "self" || name == "cls") {
                continue;
            }
            let mut bits = if self.route_handler || name == "request" || name == "req" {
                src::REMOTE
            } else {
                src::PARAM
            };
            if i < MAX_PARAMS {
                bits |= 1 << (PARAM_SHIFT + i as u32);
            }
            state.insert(name.clone(), Taint::source(bits));
        }
        if let Some(body) = func.field("body") {
            self.block(body, &mut state, 0);
        }
        let mut summary = Summary {
            ret: self.ret,
            sinks: Vec::new(),
            is_method,
        };
        for flow in &self.flows {
            for i in 0..MAX_PARAMS {
                if flow.taint.src & (1 << (PARAM_SHIFT + i as u32)) != 0 {
                    summary.sinks.push((
                        i,
                        flow.kind,
                        flow.taint.interp,
                        flow.taint.clean,
                        flow.callee.clone(),
                    ));
                }
            }
        }
        summary
    }

    // ---- statements -------------------------------------------------------

    fn block(&mut self, node: Node<'t>, st: &mut State, depth: usize) {
        for child in ast::named_children(node) {
            self.stmt(child, st, depth + 1);
        }
    }

    fn stmt(&mut self, node: Node<'t>, st: &mut State, depth: usize) {
        if depth > MAX_DEPTH {
            self.cut_short = true;
            return;
        }
        match node.node_kind() {
            "function_definition" | "class_definition" | "decorated_definition" => {
                if self.func.is_none() && node.node_kind() == "class_definition" {
                    if let Some(body) = node.field("body") {
                        // Class bodies at module level run at import time.
                        let mut inner = st.clone();
                        for c in ast::named_children(body) {
                            if !matches!(
                                c.node_kind(),
                                "function_definition" | "decorated_definition"
                            ) {
                                self.stmt(c, &mut inner, depth + 1);
                            }
                        }
                    }
                }
            }
            "return_statement" => {
                if let Some(value) = node.named_child(0) {
                    let t = self.expr(value, st, depth + 1);
                    self.ret = self.ret.join(t);
                    if self.route_handler && t.is_tainted() && t.is_text {
                        self.flows.push(Flow {
                            kind: SinkKind::Xss,
                            sink: node,
                            arg: value,
                            taint: t,
                            callee: "HTTP response".into(),
                        });
                    }
                }
            }
            "if_statement" => self.if_stmt(node, st, depth),
            "for_statement" => {
                let iter = node
                    .field("right")
                    .map(|r| self.expr(r, st, depth + 1))
                    .unwrap_or_default();
                if let Some(left) = node.field("left") {
                    self.bind(left, iter, st);
                }
                if let Some(body) = node.field("body") {
                    let before = st.clone();
                    self.block(body, st, depth);
                    self.block(body, st, depth);
                    join_into(st, &before);
                }
                if let Some(alt) = node.field("alternative") {
                    self.block(alt, st, depth);
                }
            }
            "while_statement" => {
                if let Some(c) = node.field("condition") {
                    self.expr(c, st, depth + 1);
                }
                if let Some(body) = node.field("body") {
                    let before = st.clone();
                    self.block(body, st, depth);
                    self.block(body, st, depth);
                    join_into(st, &before);
                }
            }
            "with_statement" => {
                for child in ast::named_children(node) {
                    match child.node_kind() {
                        "with_clause" => {
                            for item in ast::named_children(child) {
                                self.with_item(item, st, depth);
                            }
                        }
                        "block" => self.block(child, st, depth),
                        _ => {}
                    }
                }
            }
            "try_statement" => {
                // Handlers may run after any prefix of the body: they start
                // from the join of the states after each of its statements.
                let before = st.clone();
                let mut handlers = Vec::new();
                let mut prefixes = before.clone();
                for child in ast::named_children(node) {
                    match child.node_kind() {
                        "block" => {
                            for stmt in ast::named_children(child) {
                                self.stmt(stmt, st, depth + 1);
                                join_into(&mut prefixes, st);
                            }
                        }
                        "except_clause" | "except_group_clause" => handlers.push(child),
                        "else_clause" => self.stmt(child, st, depth + 1),
                        "finally_clause" => {
                            join_into(st, &before);
                            self.stmt(child, st, depth + 1);
                        }
                        _ => {}
                    }
                }
                if !handlers.is_empty() {
                    let entry = prefixes;
                    for h in handlers {
                        let mut hs = entry.clone();
                        self.stmt_children(h, &mut hs, depth);
                        join_into(st, &hs);
                    }
                }
            }
            "block" | "else_clause" | "finally_clause" | "except_clause" | "match_statement"
            | "case_clause" => {
                for child in ast::named_children(node) {
                    self.stmt(child, st, depth + 1);
                }
            }
            "expression_statement" => {
                for child in ast::named_children(node) {
                    self.expr(child, st, depth + 1);
                }
            }
            "comment"
            | "pass_statement"
            | "break_statement"
            | "continue_statement"
            | "import_statement"
            | "import_from_statement"
            | "global_statement"
            | "nonlocal_statement" => {}
            _ => {
                for child in ast::named_children(node) {
                    if is_statement(child.node_kind()) {
                        self.stmt(child, st, depth + 1);
                    } else {
                        self.expr(child, st, depth + 1);
                    }
                }
            }
        }
    }

    fn stmt_children(&mut self, node: Node<'t>, st: &mut State, depth: usize) {
        for child in ast::named_children(node) {
            if is_statement(child.node_kind()) {
                self.stmt(child, st, depth + 1);
            }
        }
    }

    fn with_item(&mut self, item: Node<'t>, st: &mut State, depth: usize) {
        let Some(value) = item.field("value") else {
            return;
        };
        if value.node_kind() == "as_pattern" {
            let inner = value.named_child(0);
            let t = inner
                .map(|v| self.expr(v, st, depth + 1))
                .unwrap_or_default();
            if let Some(alias) = value.field("alias") {
                let target = alias.named_child(0).unwrap_or(alias);
                self.bind(target, t, st);
            }
        } else {
            self.expr(value, st, depth + 1);
        }
    }

    fn if_stmt(&mut self, node: Node<'t>, st: &mut State, depth: usize) {
        let alternatives = ast::field_children(node, "alternative");
        self.conditional(node, &alternatives, st, depth);
    }

    /// One `if`/`elif` test with its body, then the rest of the chain
    /// (`elif … else …`) as the false branch. The state after it joins the
    /// branches that fall through; returns whether every branch terminates.
    fn conditional(
        &mut self,
        clause: Node<'t>,
        rest: &[Node<'t>],
        st: &mut State,
        depth: usize,
    ) -> bool {
        let cond = clause.field("condition");
        if let Some(c) = cond {
            self.expr(c, st, depth + 1);
        }
        let (pos, neg) = cond.map(|c| self.guard(c, 0)).unwrap_or_default();
        let mut then_st = st.clone();
        self.clean_vars(&mut then_st, &pos);
        let then_ends = match clause.field("consequence") {
            Some(body) => {
                self.block(body, &mut then_st, depth);
                terminates(body, self.src)
            }
            None => false,
        };
        let mut else_st = st.clone();
        self.clean_vars(&mut else_st, &neg);
        let else_ends = self.alternative_chain(rest, &mut else_st, depth);
        *st = match (then_ends, else_ends) {
            (true, false) => else_st,
            (false, true) => then_st,
            _ => {
                let mut s = then_st;
                join_into(&mut s, &else_st);
                s
            }
        };
        then_ends && else_ends
    }

    /// Analyses `elif … else …` clauses in order; returns whether every
    /// branch of the chain (including its final else) terminates.
    fn alternative_chain(&mut self, alts: &[Node<'t>], st: &mut State, depth: usize) -> bool {
        let Some((first, rest)) = alts.split_first() else {
            return false;
        };
        match first.node_kind() {
            "else_clause" => match first.field("body") {
                Some(body) => {
                    self.block(body, st, depth);
                    terminates(body, self.src)
                }
                None => false,
            },
            "elif_clause" => self.conditional(*first, rest, st, depth),
            _ => false,
        }
    }

    /// Variables validated when `cond` is true (`pos`) or false (`neg`).
    fn guard(&self, cond: Node<'t>, depth: usize) -> (Vec<String>, Vec<String>) {
        if depth > 32 {
            return Default::default();
        }
        let src = self.src;
        match cond.node_kind() {
            "parenthesized_expression" => cond
                .named_child(0)
                .map(|c| self.guard(c, depth + 1))
                .unwrap_or_default(),
            "not_operator" => {
                let (p, n) = cond
                    .field("argument")
                    .map(|c| self.guard(c, depth + 1))
                    .unwrap_or_default();
                (n, p)
            }
            "boolean_operator" => {
                let op = cond.field("operator").map(|o| text(o, src)).unwrap_or("");
                let (lp, ln) = cond
                    .field("left")
                    .map(|c| self.guard(c, depth + 1))
                    .unwrap_or_default();
                let (rp, rn) = cond
                    .field("right")
                    .map(|c| self.guard(c, depth + 1))
                    .unwrap_or_default();
                if op == "and" {
                    ([lp, rp].concat(), Vec::new())
                } else {
                    (Vec::new(), [ln, rn].concat())
                }
            }
            "call" => {
                let qual = self.model.qualname(cond.field("function").unwrap_or(cond));
                let last = last_component(&qual);
                let args = Args::of(cond, src);
                let receiver = cond
                    .field("function")
                    .filter(|f| f.node_kind() == "attribute")
                    .and_then(|f| f.field("object"));
                let vars = match last {
                    "startswith" | "endswith" | "isalnum" | "isdigit" | "isnumeric"
                    | "isdecimal" | "isalpha" | "isidentifier" | "isascii" => {
                        receiver.map(|r| identifiers(r, src)).unwrap_or_default()
                    }
                    "match" | "fullmatch" | "search" => {
                        if qual.starts_with("re.") {
                            args.positional
                                .get(1)
                                .map(|a| identifiers(*a, src))
                                .unwrap_or_default()
                        } else {
                            args.positional
                                .first()
                                .map(|a| identifiers(*a, src))
                                .unwrap_or_default()
                        }
                    }
                    "isinstance" | "commonpath" => args
                        .positional
                        .first()
                        .map(|a| identifiers(*a, src))
                        .unwrap_or_default(),
                    name if concepts::is_validator_name(name) => args
                        .positional
                        .iter()
                        .flat_map(|a| identifiers(*a, src))
                        .collect(),
                    _ => Vec::new(),
                };
                // A predicate on the value is a check whichever way its
                // result is used (allow-list or deny-list).
                (vars.clone(), vars)
            }
            // `if urlparse(target).netloc:` — a URL with no host part is relative, so the
            // value is checked when the test is false (`…: abort()` or `…: target = "/"`).
            "attribute" => {
                let part = cond.field("attribute").map(|a| text(a, src)).unwrap_or("");
                let parsed = cond
                    .field("object")
                    .filter(|o| o.node_kind() == "call")
                    .map(|o| self.model.qualname(o.field("function").unwrap_or(o)))
                    .is_some_and(|q| matches!(last_component(&q), "urlparse" | "urlsplit"));
                if parsed && matches!(part, "netloc" | "hostname") {
                    (Vec::new(), identifiers(cond, src))
                } else {
                    Default::default()
                }
            }
            "comparison_operator" => {
                let children = ast::named_children(cond);
                let ops: Vec<&str> = {
                    let mut c = cond.walk();
                    cond.children(&mut c)
                        .filter(|n| !n.is_named())
                        .map(|n| text(n, src))
                        .collect()
                };
                if children.len() != 2 || ops.is_empty() {
                    return Default::default();
                }
                let (l, r) = (children[0], children[1]);
                let op = ops.join(" ");
                let l_const = model::is_constant(l, src);
                let r_const = model::is_constant(r, src);
                match op.as_str() {
                    "in" if l_const => (Vec::new(), identifiers(r, src)),
                    "not in" if l_const => (identifiers(r, src), Vec::new()),
                    "in" => (identifiers(l, src), Vec::new()),
                    "not in" => (Vec::new(), identifiers(l, src)),
                    "==" if r_const => (identifiers(l, src), Vec::new()),
                    "==" if l_const => (identifiers(r, src), Vec::new()),
                    "!=" if r_const => (Vec::new(), identifiers(l, src)),
                    "==" | "!=" if is_path_check(l, src) || is_path_check(r, src) => {
                        let vars = [identifiers(l, src), identifiers(r, src)].concat();
                        (vars.clone(), vars)
                    }
                    _ => Default::default(),
                }
            }
            _ => Default::default(),
        }
    }

    // ---- expressions ------------------------------------------------------

    fn expr(&mut self, node: Node<'t>, st: &mut State, depth: usize) -> Taint {
        if depth > MAX_DEPTH {
            self.cut_short = true;
            return Taint::NONE;
        }
        let d = depth + 1;
        match node.node_kind() {
            "identifier" => {
                let name = text(node, self.src);
                if let Some(t) = st.get(name) {
                    return *t;
                }
                Taint::source(concepts::source_of(&self.model.qualname(node)))
            }
            "attribute" => {
                let key = text(node, self.src);
                if let Some(t) = st.get(key) {
                    return *t;
                }
                let bits = direct_source(&self.model.qualname(node));
                if bits != 0 {
                    return Taint::source(bits);
                }
                node.field("object")
                    .map(|o| self.expr(o, st, d))
                    .unwrap_or_default()
            }
            "subscript" => {
                let mut t = node
                    .field("value")
                    .map(|v| self.expr(v, st, d))
                    .unwrap_or_default();
                for idx in ast::field_children(node, "subscript") {
                    let it = self.expr(idx, st, d);
                    // Slicing/indexing a string with tainted bounds does not taint it.
                    let _ = it;
                }
                if t.src == 0 {
                    t = Taint::source(concepts::source_of(&self.model.qualname(node)));
                }
                t
            }
            "call" => self.call(node, st, d),
            "binary_operator" => {
                let l = node
                    .field("left")
                    .map(|c| self.expr(c, st, d))
                    .unwrap_or_default();
                let r = node
                    .field("right")
                    .map(|c| self.expr(c, st, d))
                    .unwrap_or_default();
                let t = l.join(r).interpolated();
                self.sql_build(node, t);
                t
            }
            "string" => {
                let mut t = Taint::NONE;
                for child in ast::named_children(node) {
                    if child.node_kind() == "interpolation" {
                        if let Some(e) = child.field("expression") {
                            t = t.join(self.expr(e, st, d));
                        }
                    }
                }
                let t = t.interpolated();
                self.sql_build(node, t);
                t
            }
            "concatenated_string" => {
                let mut t = Taint::NONE;
                for child in ast::named_children(node) {
                    t = t.join(self.expr(child, st, d));
                }
                let t = t.interpolated();
                self.sql_build(node, t);
                t
            }
            "assignment" => {
                let right = node.field("right");
                let t = right.map(|r| self.expr(r, st, d)).unwrap_or_default();
                if let Some(left) = node.field("left") {
                    if let (true, Some(r)) = (
                        matches!(left.node_kind(), "identifier" | "attribute"),
                        right,
                    ) {
                        let name = text(left, self.src).to_string();
                        self.deps.insert(name.clone(), identifiers(r, self.src));
                        if is_built_string(r, self.src) {
                            self.built.insert(name.clone());
                        } else {
                            self.built.remove(&name);
                        }
                        self.literals.insert(name, literal_text(r, self.src));
                    }
                    self.bind_assignment(left, t, right, st);
                }
                t
            }
            "augmented_assignment" => {
                let left = node.field("left");
                let l = left.map(|c| self.expr(c, st, d)).unwrap_or_default();
                let r = node
                    .field("right")
                    .map(|c| self.expr(c, st, d))
                    .unwrap_or_default();
                let t = l.join(r).interpolated();
                if let Some(left) = left {
                    let name = text(left, self.src).to_string();
                    if let Some(right) = node.field("right") {
                        let mut lit = self.literals.get(&name).cloned().unwrap_or_default();
                        lit.push_str(&literal_text(right, self.src));
                        if r.is_tainted() && concepts::looks_like_sql(&lit) {
                            self.push_sql_build(node, t);
                        }
                        self.literals.insert(name, lit);
                    }
                    self.bind(left, t, st);
                }
                t
            }
            "named_expression" => {
                let t = node
                    .field("value")
                    .map(|c| self.expr(c, st, d))
                    .unwrap_or_default();
                if let Some(name) = node.field("name") {
                    self.bind(name, t, st);
                }
                t
            }
            "comparison_operator" | "not_operator" | "lambda" => {
                if node.node_kind() != "lambda" {
                    for child in ast::named_children(node) {
                        self.expr(child, st, d);
                    }
                }
                Taint::NONE
            }
            "list_comprehension"
            | "set_comprehension"
            | "generator_expression"
            | "dictionary_comprehension" => {
                let mut inner = st.clone();
                for child in ast::named_children(node) {
                    if child.node_kind() == "for_in_clause" {
                        let t = child
                            .field("right")
                            .map(|r| self.expr(r, &mut inner, d))
                            .unwrap_or_default();
                        if let Some(left) = child.field("left") {
                            self.bind(left, t, &mut inner);
                        }
                    }
                }
                let mut t = Taint::NONE;
                if let Some(body) = node.field("body") {
                    t = self.expr(body, &mut inner, d);
                }
                t
            }
            "integer" | "float" | "true" | "false" | "none" | "comment" | "ellipsis" => Taint::NONE,
            // Containers hold tainted items but are not text themselves.
            "list" | "tuple" | "set" | "dictionary" => {
                let mut t = Taint::NONE;
                for child in ast::named_children(node) {
                    t = t.join(self.expr(child, st, d));
                }
                t.opaque()
            }
            _ => {
                let mut t = Taint::NONE;
                for child in ast::named_children(node) {
                    t = t.join(self.expr(child, st, d));
                }
                t
            }
        }
    }

    fn call(&mut self, node: Node<'t>, st: &mut State, depth: usize) -> Taint {
        let src = self.src;
        let Some(func) = node.field("function") else {
            return Taint::NONE;
        };
        let qual = self.model.qualname(func);
        let last = last_component(&qual).to_string();
        let args = Args::of(node, src);
        let receiver = (func.node_kind() == "attribute")
            .then(|| func.field("object"))
            .flatten();
        let recv_t = receiver
            .map(|r| self.expr(r, st, depth))
            .unwrap_or_default();
        let pos_t: Vec<Taint> = args
            .positional
            .iter()
            .map(|a| self.expr(*a, st, depth))
            .collect();
        let kw_t: Vec<Taint> = args
            .keywords
            .iter()
            .map(|(_, v)| self.expr(*v, st, depth))
            .collect();
        let all_args = pos_t
            .iter()
            .chain(kw_t.iter())
            .fold(Taint::NONE, |a, b| a.join(*b));

        self.check_sinks(node, &qual, &args, &pos_t, &kw_t, recv_t, st, depth);
        // Wrappers named like command runners (`_run_ssh`): only when the
        // catalogue does not know the callee (it judges known APIs exactly).
        let lower_last = last.to_ascii_lowercase();
        let command_arg = args.positional.first().is_some_and(|a| {
            let t = text(*a, src).to_ascii_lowercase();
            a.node_kind() == "identifier" && (t.contains("cmd") || t.contains("command"))
        });
        let runs_named_command = command_arg
            && (lower_last.contains("exec")
                || lower_last.contains("run")
                || lower_last.contains("spawn"))
            && !matches!(lower_last.as_str(), "executemany" | "executescript");
        if (concepts::is_command_runner(&last) || runs_named_command)
            && self.local_summary(func, &qual).is_none()
            && concepts::sinks_for(&qual).next().is_none()
        {
            if let (Some(a), Some(t)) = (args.positional.first(), pos_t.first()) {
                let literal = model::string_value(*a, src).unwrap_or_default();
                let not_sql =
                    !concepts::looks_like_sql(text(*a, src)) && !concepts::looks_like_sql(&literal);
                if t.interp && t.is_text && not_sql {
                    self.push(node, SinkKind::Command, *a, *t, &qual);
                } else if not_sql
                    && (is_built_string(*a, src) || self.built.contains(text(*a, src)))
                {
                    let built = Taint {
                        src: src::BUILT,
                        interp: true,
                        clean: 0,
                        is_text: true,
                    };
                    self.push(node, SinkKind::Command, *a, built, &qual);
                }
            }
        }

        let bits = direct_source(&qual);
        if bits != 0 {
            return Taint::source(bits).join(recv_t.sanitized(0));
        }

        // Functions defined in this file: apply their summary.
        if let Some(summary) = self.local_summary(func, &qual) {
            let shift = usize::from(summary.is_method && receiver.is_some());
            let arg_taint = |i: usize| -> Taint {
                if i < shift {
                    return recv_t;
                }
                pos_t.get(i - shift).copied().unwrap_or_default()
            };
            // The callee's own parameters come back through the markers.
            let mut out = Taint::source(summary.ret.src & src::REAL & !src::PARAM);
            out.interp = summary.ret.interp && out.is_tainted();
            out.clean = summary.ret.clean;
            for i in 0..MAX_PARAMS {
                if summary.ret.src & (1 << (PARAM_SHIFT + i as u32)) != 0 {
                    let a = arg_taint(i);
                    out = out.join(Taint {
                        interp: a.interp || summary.ret.interp,
                        clean: a.clean | summary.ret.clean,
                        is_text: a.is_text && summary.ret.is_text,
                        ..a
                    });
                }
            }
            let name = text(func, src).to_string();
            for (i, kind, interp, clean, sink_name) in summary.sinks.clone() {
                let a = arg_taint(i);
                let arg_node = if i >= shift {
                    args.positional.get(i - shift).copied()
                } else {
                    receiver
                };
                if a.is_tainted() {
                    self.flows.push(Flow {
                        kind,
                        sink: node,
                        arg: arg_node.unwrap_or(node),
                        taint: Taint {
                            interp: a.interp || interp,
                            clean: a.clean | clean,
                            ..a
                        },
                        callee: format!("{name} → {sink_name}"),
                    });
                }
            }
            return out;
        }

        let sanitizes = concepts::sanitizer_of(&qual);
        if sanitizes != 0 {
            return all_args.join(recv_t).sanitized(sanitizes);
        }
        // A call on a module (`os.path.join`) is a function call; a call on
        // a value (`name.strip()`) is a method of that value.
        let on_value = receiver.is_some_and(|r| !self.is_module(r));
        if on_value {
            if MUTATORS.contains(&last.as_str()) && all_args.is_tainted() {
                if let Some(r) = receiver {
                    let key = text(r, src).to_string();
                    let old = st.get(&key).copied().unwrap_or_default();
                    st.insert(key, old.join(all_args).opaque());
                }
                return Taint::NONE;
            }
            return match last.as_str() {
                // `s.replace("\n", "")` removes line breaks: a log sanitizer.
                "replace"
                    if args.positional.first().is_some_and(|a| {
                        model::string_value(*a, src)
                            .is_some_and(|v| v.contains("\\n") || v.contains("\\r"))
                    }) =>
                {
                    recv_t.sanitized(SinkKind::Log.bit() | SinkKind::Header.bit())
                }
                "format" | "join" | "format_map" | "replace" => {
                    let t = recv_t.join(all_args).interpolated();
                    if last == "format" {
                        self.sql_build(node, t);
                    }
                    t
                }
                // Predicates and measurements return booleans and numbers.
                "startswith" | "endswith" | "isdigit" | "isalnum" | "isalpha" | "isnumeric"
                | "count" | "index" | "find" | "rfind" | "exists" | "isfile" | "isdir"
                | "__len__" | "keys" => Taint::NONE,
                name if STRING_METHODS.contains(&name) => recv_t,
                _ => recv_t.opaque(),
            };
        }
        // A file opened at a caller-chosen path holds data the caller
        // chose: the file object carries the path's taint (not as text, so
        // returning file contents is not reflected input).
        if matches!(
            qual.as_str(),
            "open" | "io.open" | "codecs.open" | "gzip.open" | "bz2.open"
        ) {
            return pos_t.first().copied().unwrap_or_default().opaque();
        }
        if concepts::propagates(&qual) {
            let t = all_args.join(recv_t);
            return if concepts::returns_text(&qual) {
                t
            } else {
                t.opaque()
            };
        }
        Taint::NONE
    }

    /// A SQL statement assembled by string formatting from tainted data
    /// (the query's literal text reads like SQL), wherever it is then
    /// executed: the database API may be a project's own wrapper.
    fn sql_build(&mut self, node: Node<'t>, t: Taint) {
        if !t.is_tainted() || t.clean & SinkKind::Sql.bit() != 0 {
            return;
        }
        // Only the outermost building expression.
        if node
            .parent_node()
            .is_some_and(|p| matches!(p.node_kind(), "binary_operator" | "concatenated_string"))
        {
            return;
        }
        if concepts::looks_like_sql(&literal_text(node, self.src)) {
            self.push_sql_build(node, t);
        }
    }

    fn push_sql_build(&mut self, node: Node<'t>, t: Taint) {
        if !t.is_tainted() || t.clean & SinkKind::Sql.bit() != 0 {
            return;
        }
        self.flows.push(Flow {
            kind: SinkKind::Sql,
            sink: node,
            arg: node,
            taint: t,
            callee: BUILT_SQL.into(),
        });
    }

    /// True if `node` names an imported module (or something under one).
    fn is_module(&self, node: Node<'t>) -> bool {
        let mut root = node;
        while root.node_kind() == "attribute" {
            match root.field("object") {
                Some(o) => root = o,
                None => return false,
            }
        }
        root.node_kind() == "identifier" && self.model.imports.contains_key(text(root, self.src))
    }

    /// Marks validated variables (and what they were computed from) clean.
    fn clean_vars(&mut self, st: &mut State, vars: &[String]) {
        for v in vars {
            st.insert(v.clone(), Taint::NONE);
            self.validated.insert(v.clone());
            for d in self.deps.get(v).into_iter().flatten() {
                if st.contains_key(d) {
                    st.insert(d.clone(), Taint::NONE);
                }
            }
        }
    }

    fn local_summary(&self, func: Node<'t>, qual: &str) -> Option<&'m Summary> {
        match func.node_kind() {
            "identifier" if !self.model.imports.contains_key(qual) => self.summaries.get(qual),
            "attribute" => {
                let obj = func.field("object")?;
                let name = text(obj, self.src);
                if name == "self" || name == "cls" {
                    self.summaries.get(last_component(qual))
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn check_sinks(
        &mut self,
        node: Node<'t>,
        qual: &str,
        args: &Args<'t>,
        pos_t: &[Taint],
        kw_t: &[Taint],
        recv_t: Taint,
        st: &mut State,
        depth: usize,
    ) {
        let src = self.src;
        let last = last_component(qual);
        // Logger methods on logger-like receivers.
        if LOG_METHODS.contains(&last) && !qual.starts_with("logging.") {
            let recv = qual.to_ascii_lowercase();
            if recv.contains("log") {
                self.push_all_args(node, SinkKind::Log, qual, args, pos_t, kw_t);
            }
        }
        // `headers.add(name, value)`, `response.headers.set(...)`.
        if matches!(
            last,
            "add" | "set" | "add_header" | "setdefault" | "__setitem__"
        ) && qual.to_ascii_lowercase().contains("header")
        {
            if let (Some(a), Some(t)) = (args.positional.get(1), pos_t.get(1)) {
                self.push(node, SinkKind::Header, *a, *t, qual);
            }
        }
        for sink in concepts::sinks_for(qual) {
            match sink.when {
                When::Always => {}
                When::FileImports(mods) => {
                    if !mods.iter().any(|m| self.model.imports_module(m)) {
                        continue;
                    }
                }
                When::UnsafeYamlLoader => {
                    let loader = args.get(1, "Loader");
                    if loader.is_some_and(|l| {
                        let q = self.model.qualname(l);
                        let n = last_component(&q);
                        n.contains("Safe") || n == "BaseLoader"
                    }) {
                        continue;
                    }
                }
                When::LxmlDefaultParser => {
                    if let Some(parser) = args.get(1, "parser") {
                        if !self.parser_resolves_entities(parser) {
                            continue;
                        }
                    }
                }
                When::Subprocess => {
                    let shell = args.keyword("shell");
                    let shell_on = shell.is_some_and(|s| text(s, src) != "False");
                    let Some(cmd) = args.get(0, "args") else {
                        continue;
                    };
                    let t = if shell_on {
                        // An explicit shell with a caller's command string:
                        // the function is a shell-command wrapper.
                        let mut t = self.expr(cmd, st, depth);
                        let literal_true = shell.is_some_and(|s| text(s, src) == "True");
                        if literal_true && (t.src & !src::REAL != 0 || t.src & src::PARAM != 0) {
                            t.interp = true;
                        }
                        if !t.is_tainted() && self.unsafe_built(cmd, st) {
                            t = Taint {
                                src: src::BUILT,
                                interp: true,
                                clean: 0,
                                is_text: true,
                            };
                        }
                        t
                    } else if matches!(cmd.node_kind(), "list" | "tuple") {
                        cmd.named_child(0)
                            .map(|c| self.expr(c, st, depth))
                            .unwrap_or_default()
                    } else {
                        let t = self.expr(cmd, st, depth);
                        if t.interp && t.is_text {
                            t
                        } else {
                            Taint::NONE
                        }
                    };
                    self.push(node, SinkKind::Command, cmd, t, qual);
                    continue;
                }
            }
            match sink.arg {
                Arg::All => self.push_all_args(node, sink.kind, qual, args, pos_t, kw_t),
                Arg::Pos(usize::MAX, _) => {
                    // The receiver is the value (pathlib.Path(x).read_text()).
                    if let Some(r) = node.field("function").and_then(|f| f.field("object")) {
                        self.push(node, sink.kind, r, recv_t, qual);
                    }
                }
                Arg::Pos(i, name) => {
                    let (arg, t) = match args.positional.get(i) {
                        Some(a) => (Some(*a), pos_t[i]),
                        None => match args.keywords.iter().position(|(n, _)| n == name) {
                            Some(k) => (Some(args.keywords[k].1), kw_t[k]),
                            None => (None, Taint::NONE),
                        },
                    };
                    if let Some(arg) = arg {
                        let t = if sink.kind == SinkKind::NoSql {
                            self.nosql_filter_taint(arg, t, st, depth)
                        } else if sink.kind == SinkKind::Command
                            && !t.is_tainted()
                            && self.unsafe_built(arg, st)
                        {
                            // A shell command assembled from values nothing
                            // quoted (Bandit's B605 on built strings).
                            Taint {
                                src: src::BUILT,
                                interp: true,
                                clean: 0,
                                is_text: true,
                            }
                        } else {
                            t
                        };
                        self.push(node, sink.kind, arg, t, qual);
                    }
                }
            }
        }
    }

    /// A Mongo filter is dangerous when the whole document comes from the
    /// user (`json.loads(request.data)`) or a `$where` clause is built from
    /// input; a literal document with user *values* is a normal query.
    fn nosql_filter_taint(
        &mut self,
        arg: Node<'t>,
        t: Taint,
        st: &mut State,
        depth: usize,
    ) -> Taint {
        if arg.node_kind() != "dictionary" {
            return t;
        }
        let mut out = Taint::NONE;
        for pair in ast::named_children(arg) {
            if pair.node_kind() != "pair" {
                continue;
            }
            let key = pair
                .field("key")
                .and_then(|k| model::string_value(k, self.src));
            if key.as_deref() == Some("$where") {
                if let Some(v) = pair.field("value") {
                    out = out.join(self.expr(v, st, depth));
                }
            }
        }
        out
    }

    /// A command string assembled from non-literal parts that are not
    /// quoted (`shlex.quote`) or numbers.
    fn unsafe_built(&self, node: Node<'t>, st: &State) -> bool {
        let src = self.src;
        if node.node_kind() == "identifier" {
            let name = text(node, src);
            return self.built.contains(name)
                && !self.validated.contains(name)
                && st
                    .get(name)
                    .is_none_or(|t| t.clean & SinkKind::Command.bit() == 0);
        }
        if !is_built_string(node, src) {
            return false;
        }
        let mut unsafe_part = false;
        let mut check = |part: Node| {
            if model::is_constant(part, src)
                || matches!(part.node_kind(), "string" | "concatenated_string")
            {
                return;
            }
            let t = text(part, src);
            let safe_call = part.node_kind() == "call"
                && part.field("function").is_some_and(|f| {
                    let q = self.model.qualname(f);
                    concepts::sanitizer_of(&q) & SinkKind::Command.bit() != 0
                        || matches!(
                            q.as_str(),
                            "int" | "float" | "len" | "shlex.quote" | "pipes.quote"
                        )
                });
            let constant_name = t
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '_' || c == '.' || c.is_ascii_digit());
            if !safe_call && !constant_name && !self.validated.contains(t) {
                unsafe_part = true;
            }
        };
        match node.node_kind() {
            "binary_operator" => {
                let mut stack = vec![node];
                while let Some(n) = stack.pop() {
                    if n.node_kind() == "binary_operator" {
                        stack.extend(n.field("left"));
                        stack.extend(n.field("right"));
                    } else if matches!(
                        n.node_kind(),
                        "tuple" | "parenthesized_expression" | "dictionary"
                    ) {
                        for c in ast::named_children(n) {
                            if c.node_kind() == "pair" {
                                stack.extend(c.field("value"));
                            } else {
                                stack.push(c);
                            }
                        }
                    } else {
                        check(n);
                    }
                }
            }
            "string" => {
                for i in ast::named_children(node) {
                    if let Some(e) = i
                        .field("expression")
                        .filter(|_| i.node_kind() == "interpolation")
                    {
                        check(e);
                    }
                }
            }
            "call" => {
                for a in Args::of(node, src).positional {
                    check(a);
                }
            }
            _ => unsafe_part = true,
        }
        unsafe_part
    }

    fn parser_resolves_entities(&self, parser: Node<'t>) -> bool {
        // Explicit parser objects are safe unless some XMLParser in the file
        // turns entity resolution on.
        let _ = parser;
        self.model.calls.iter().any(|c| {
            last_component(&c.qualname) == "XMLParser"
                && Args::of(c.node, self.src)
                    .keyword("resolve_entities")
                    .is_some_and(|v| text(v, self.src) == "True")
        })
    }

    fn push_all_args(
        &mut self,
        node: Node<'t>,
        kind: SinkKind,
        qual: &str,
        args: &Args<'t>,
        pos_t: &[Taint],
        kw_t: &[Taint],
    ) {
        for (a, t) in args.positional.iter().zip(pos_t) {
            self.push(node, kind, *a, *t, qual);
        }
        for ((_, a), t) in args.keywords.iter().zip(kw_t) {
            self.push(node, kind, *a, *t, qual);
        }
    }

    fn push(&mut self, sink: Node<'t>, kind: SinkKind, arg: Node<'t>, taint: Taint, qual: &str) {
        if taint.is_tainted() && taint.clean & kind.bit() == 0 {
            self.flows.push(Flow {
                kind,
                sink,
                arg,
                taint,
                callee: qual.trim_end_matches("()").to_string(),
            });
        }
    }

    // ---- binding ----------------------------------------------------------

    fn bind_assignment(
        &mut self,
        left: Node<'t>,
        t: Taint,
        right: Option<Node<'t>>,
        st: &mut State,
    ) {
        // `resp.headers['Location'] = url` is a redirect / header sink.
        if left.node_kind() == "subscript" && t.is_tainted() {
            let value = left.field("value");
            if let Some(v) = value {
                let key = left
                    .field("subscript")
                    .and_then(|k| model::string_value(k, self.src))
                    .unwrap_or_default();
                if key.eq_ignore_ascii_case("location") {
                    self.push(
                        left,
                        SinkKind::Redirect,
                        right.unwrap_or(left),
                        t,
                        "the Location header",
                    );
                } else if text(v, self.src).ends_with("headers") {
                    self.push(
                        left,
                        SinkKind::Header,
                        right.unwrap_or(left),
                        t,
                        "response header",
                    );
                }
            }
        }
        self.bind(left, t, st);
    }

    fn bind(&mut self, target: Node<'t>, t: Taint, st: &mut State) {
        match target.node_kind() {
            "identifier" | "attribute" => {
                st.insert(text(target, self.src).to_string(), t);
            }
            "subscript" => {
                if let Some(v) = target.field("value") {
                    let key = text(v, self.src).to_string();
                    let old = st.get(&key).copied().unwrap_or_default();
                    st.insert(key, old.join(t));
                }
            }
            "pattern_list"
            | "tuple_pattern"
            | "list_pattern"
            | "expression_list"
            | "tuple"
            | "list"
            | "list_splat_pattern"
            | "parenthesized_expression" => {
                for child in ast::named_children(target) {
                    self.bind(child, t, st);
                }
            }
            _ => {}
        }
    }
}

/// The literal text of the string pieces in an expression.
fn literal_text(node: Node, src: &str) -> String {
    let mut literal = String::new();
    ast::preorder(node, |n| {
        if n.node_kind() == "string_content" {
            literal.push_str(text(n, src));
        }
    });
    literal
}

/// A string assembled from non-literal parts: `"x %s" % v`, `"a" + v`,
/// `f"{v}"`, `"{}".format(v)`, `" ".join(parts)`.
fn is_built_string(node: Node, src: &str) -> bool {
    match node.node_kind() {
        "parenthesized_expression" => node.named_child(0).is_some_and(|c| is_built_string(c, src)),
        "binary_operator" => {
            let op = node.field("operator").map(|o| text(o, src)).unwrap_or("");
            let (Some(l), Some(r)) = (node.field("left"), node.field("right")) else {
                return false;
            };
            let stringy = |n: Node| {
                matches!(n.node_kind(), "string" | "concatenated_string") || is_built_string(n, src)
            };
            (op == "%" || op == "+")
                && (stringy(l) || stringy(r))
                && !(model::is_constant(l, src) && model::is_constant(r, src))
        }
        "string" | "concatenated_string" => model::string_value(node, src).is_none(),
        "call" => node.field("function").is_some_and(|f| {
            f.node_kind() == "attribute"
                && f.field("object")
                    .is_some_and(|o| matches!(o.node_kind(), "string" | "concatenated_string"))
                && f.field("attribute")
                    .is_some_and(|a| matches!(text(a, src), "format" | "join"))
        }),
        _ => false,
    }
}

/// A source named directly (`request.args.get`), not a call on a value
/// derived from one (`request.data.replace(...)`), which is handled by
/// propagation (so sanitizing methods apply).
fn direct_source(qualname: &str) -> u32 {
    if qualname.trim_end_matches("()").contains("()") {
        return 0;
    }
    concepts::source_of(qualname)
}

fn is_statement(kind: &str) -> bool {
    kind.ends_with("_statement") || kind.ends_with("_definition") || kind == "block"
}

fn join_into(st: &mut State, other: &State) {
    for (k, v) in other {
        let e = st.entry(k.clone()).or_default();
        *e = e.join(*v);
    }
}

/// Identifiers (and `self.x` attribute paths) appearing in an expression.
fn identifiers(node: Node, src: &str) -> Vec<String> {
    // The attribute name in `obj.name` is not a variable.
    let attribute = ast::field_id(&node, "attribute");
    let root_is_attr_name = node
        .parent_node()
        .is_some_and(|p| p.node_kind() == "attribute" && p.field("attribute") == Some(node));
    let mut out = Vec::new();
    ast::preorder_with_field(node, |n, field| match n.node_kind() {
        "identifier" => {
            let is_attr_name = if n == node {
                root_is_attr_name
            } else {
                field.is_some() && field == attribute
            };
            if !is_attr_name {
                out.push(text(n, src).to_string());
            }
        }
        "attribute" => out.push(text(n, src).to_string()),
        _ => {}
    });
    out
}

/// `os.path.commonpath([...]) == base`: a containment check on a path.
fn is_path_check(node: Node, src: &str) -> bool {
    let t = text(node, src);
    t.contains("commonpath")
        || t.contains("commonprefix")
        || t.contains("realpath")
        || t.contains("abspath")
}

/// True if the last statement of a block leaves it: return/raise/continue/
/// break, or a call to `abort`/`exit`.
fn terminates(block: Node, src: &str) -> bool {
    let children = ast::named_children(block);
    let Some(last) = children.iter().rev().find(|c| c.node_kind() != "comment") else {
        return false;
    };
    match last.node_kind() {
        "return_statement" | "raise_statement" | "continue_statement" | "break_statement" => true,
        "expression_statement" => last.named_child(0).is_some_and(|e| {
            e.node_kind() == "call"
                && e.field("function").is_some_and(|f| {
                    let name = text(f, src);
                    let l = name.rsplit('.').next().unwrap_or(name);
                    matches!(l, "abort" | "exit" | "_exit" | "fail")
                })
        }),
        _ => false,
    }
}
