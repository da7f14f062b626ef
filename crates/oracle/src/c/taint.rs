//! Per-function taint for C: which variables hold data from `argv`,
//! `getenv`, `fgets`/`scanf`/`recv` buffers, `rand()`, or the function's
//! parameters, propagated through assignments, conversions (`atoi`) and
//! string builders (`sprintf`, `strcat`, `strcpy`, `memcpy`).
//!
//! Flow-insensitive within a function (two passes in source order): for
//! short generated functions this is what matters, and it keeps the engine
//! total on arbitrary input.
//!
//! Across the functions of one file, context-insensitive summaries ([`FileFacts`]) carry
//! taint from a caller's arguments into the callee's parameters, from a function's
//! `return` to its call sites, from a pointer parameter a callee fills (`fgets(p, …)`) back
//! into the caller's buffer, and through file-scope variables; [`compute_file`] iterates
//! them to a fixpoint (a value read in one function and used in another is tracked, as
//! textbook programs spread one flow over several functions).

use super::concepts::{self, src};
use super::model::{
    call_args, call_name, root_name, strip_parens_casts, unqualified, CFunction, CModel,
};
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

/// Source bits of data from outside the program (not a parameter's own marker).
const REAL: u32 = src::LOCAL | src::REMOTE | src::RANDOM | src::LIMIT_MAX | src::LIMIT_MIN;

/// What the functions of one file tell each other (real source bits only).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileFacts {
    /// (function, parameter index) → what its callers pass in.
    pub params: HashMap<(String, usize), u32>,
    /// function → what it returns.
    pub returns: HashMap<String, u32>,
    /// (function, pointer parameter index) → what it writes through that parameter.
    pub out_params: HashMap<(String, usize), u32>,
    /// file-scope variable → what any function writes into it.
    pub globals: HashMap<String, u32>,
    /// (function, parameter index) whose every caller in the file passes a constant or a
    /// number it bounded on both sides first: not an unknown value from outside.
    pub bounded_params: std::collections::HashSet<(String, usize)>,
}

/// The taint of every function of the file, with the facts between functions iterated to a
/// fixpoint (a few rounds: each carries a flow one call further).
pub fn compute_file(model: &CModel) -> Vec<FunctionTaint> {
    let mut facts = FileFacts::default();
    let local = |facts: &FileFacts| -> Vec<FunctionTaint> {
        model
            .functions
            .iter()
            .map(|f| FunctionTaint::compute_with(model, f, facts))
            .collect()
    };
    let mut taints = local(&facts);
    let defined: std::collections::HashSet<&str> =
        model.functions.iter().map(|f| f.name.as_str()).collect();
    // A call of the file's own function, directly or as a method (`runner.run(x)`).
    let calls_own = model.functions.iter().any(|f| {
        f.calls
            .iter()
            .any(|(_, name)| defined.contains(name) || defined.contains(unqualified(name)))
    });
    if !calls_own && model.file_scope.is_empty() {
        return taints;
    }
    for _ in 0..4 {
        let next = FileFacts::derive(model, &taints, &facts);
        if next == facts {
            break;
        }
        facts = next;
        taints = local(&facts);
    }
    taints
}

/// Names declared at file scope.
pub(crate) fn globals(model: &CModel) -> Vec<String> {
    let mut out = Vec::new();
    for d in ast::named_children(model.root) {
        if d.node_kind() != "declaration" {
            continue;
        }
        for decl in ast::field_children(d, "declarator") {
            let decl = if decl.node_kind() == "init_declarator" {
                decl.field("declarator").unwrap_or(decl)
            } else {
                decl
            };
            if decl.node_kind() == "function_declarator" {
                continue;
            }
            if let Some(name) = super::model::declarator_name(decl, model.src) {
                out.push(name);
            }
        }
    }
    out
}

impl FileFacts {
    /// The facts the functions' current taint implies. Out-parameters come from each
    /// function alone (callers' taint left out of its parameters), so one caller's tainted
    /// buffer does not flow back into another caller's clean one.
    fn derive(model: &CModel, taints: &[FunctionTaint], current: &FileFacts) -> FileFacts {
        let s = model.src;
        let defined: HashMap<&str, &CFunction> = model
            .functions
            .iter()
            .map(|f| (f.name.as_str(), f))
            .collect();
        let file_scope = &model.file_scope;
        let mut next = FileFacts::default();
        let mut calls_seen: HashMap<(String, usize), bool> = HashMap::new();
        let own_only = FileFacts {
            params: HashMap::new(),
            ..current.clone()
        };
        for (func, t) in model.functions.iter().zip(taints) {
            for (call, name) in &func.calls {
                // `runner.run(x)`, `util::read(x)` (C++) reach the file's `run`, `read`.
                let name = if defined.contains_key(name) {
                    name
                } else {
                    unqualified(name)
                };
                if !defined.contains_key(name) {
                    continue;
                }
                for (i, a) in call_args(*call).into_iter().enumerate() {
                    // `if (strcmp(cmd, "ls") == 0) run(cmd);` passes a constant.
                    if crate::c::concepts::allowlisted(model, *call, a) {
                        continue;
                    }
                    // A string whose characters the caller checked before handing it down
                    // (`if (host.find_first_not_of("a…z.") != npos) return 1; r.set(host);`).
                    let plain = strip_parens_casts(a);
                    if plain.node_kind() == "identifier"
                        && crate::c::concepts::character_checked(
                            model,
                            func,
                            text(plain, s),
                            call.start_byte(),
                        )
                    {
                        continue;
                    }
                    // `if (pos >= 0 && pos < 4) put(slots, pos, v);`: a number the caller
                    // bounded before the call is within what the callee was written for.
                    let key = (name.to_string(), i);
                    let bounded = bounded_number(model, func, a, call.start_byte());
                    let seen = calls_seen.entry(key.clone()).or_insert(true);
                    *seen &= bounded || model.const_int(a).is_some();
                    if bounded {
                        continue;
                    }
                    let bits = t.of(a, s).src & REAL;
                    if bits != 0 {
                        *next.params.entry((name.to_string(), i)).or_default() |= bits;
                    }
                }
            }
            // C++: `Runner r(line);` (read by tree-sitter as a function declaration, its
            // arguments as parameter types), `Runner r{line}`, `new Runner(line)`: the
            // arguments reach the constructor's parameters.
            for n in &func.nodes {
                for (class, args) in constructions(*n, s) {
                    let class = unqualified(class);
                    if !defined.contains_key(class) {
                        continue;
                    }
                    for (i, a) in args.into_iter().enumerate() {
                        let bits = match a {
                            Arg::Name(name) => t.var(name).src,
                            Arg::Expr(e) => t.of(e, s).src,
                        } & REAL;
                        if bits != 0 {
                            *next.params.entry((class.to_string(), i)).or_default() |= bits;
                        }
                    }
                }
            }
            for n in &func.nodes {
                if n.node_kind() == "return_statement" {
                    if let Some(e) = n.named_child(0) {
                        let bits = t.of(e, s).src & REAL;
                        if bits != 0 {
                            *next.returns.entry(func.name.clone()).or_default() |= bits;
                        }
                    }
                }
            }
            for g in file_scope {
                let bits = t.vars.get(g).map_or(0, |v| v.src & REAL);
                if bits != 0 {
                    *next.globals.entry(g.clone()).or_default() |= bits;
                }
            }
            if func.params.iter().any(|p| p.is_pointer || p.is_reference) {
                let alone = FunctionTaint::compute_with(model, func, &own_only);
                for (i, p) in func.params.iter().enumerate() {
                    // The pointer's target, or a field of the struct it points to
                    // (`fgets(req->command, …)` fills the caller's `req`).
                    let (arrow, dot) = (format!("{}->", p.name), format!("{}.", p.name));
                    let fields = alone
                        .vars
                        .iter()
                        .filter(|(k, _)| k.starts_with(&arrow) || k.starts_with(&dot))
                        .fold(0, |acc, (_, v)| acc | v.src);
                    let bits = (alone.var(&p.name).src | fields) & REAL;
                    if (p.is_pointer || p.is_reference) && bits != 0 {
                        *next.out_params.entry((func.name.clone(), i)).or_default() |= bits;
                    }
                }
            }
        }
        next.bounded_params = calls_seen
            .into_iter()
            .filter(|(_, all)| *all)
            .map(|(k, _)| k)
            .collect();
        next
    }
}

/// `a` is a number variable (not a pointer, array or string) that `func` tested on both
/// sides before `at` (from above alone when it cannot be negative): `pos >= 0 && pos < 4`.
fn bounded_number(model: &CModel, func: &CFunction, a: Node, at: usize) -> bool {
    let s = model.src;
    let plain = strip_parens_casts(a);
    if plain.node_kind() != "identifier" {
        return false;
    }
    let v = text(plain, s);
    func.bounded_before(v, at)
        && (!func.signed_integer(s, v) || func.lower_bounded_before(model, v, at))
        && func.declared_type(s, v).is_some_and(|t| is_number_type(&t))
        && !func.pointers.iter().any(|p| p == v)
        && !func.params.iter().any(|p| p.name == v && p.is_pointer)
        && func.array_len(model, v).is_none()
}

/// An argument of a constructor call: an expression, or a name tree-sitter read as a type.
enum Arg<'t> {
    Name(&'t str),
    Expr(Node<'t>),
}

/// The objects `n` constructs with arguments: (class as written, arguments).
fn constructions<'t>(n: Node<'t>, s: &'t str) -> Vec<(&'t str, Vec<Arg<'t>>)> {
    let mut out = Vec::new();
    match n.node_kind() {
        "declaration" => {
            let Some(ty) = n.field("type") else {
                return out;
            };
            let class = text(ty, s);
            for d in ast::field_children(n, "declarator") {
                match d.node_kind() {
                    // `Runner r(line);` inside a body: the most vexing parse.
                    "function_declarator" => {
                        let Some(list) = d.field("parameters") else {
                            continue;
                        };
                        let args: Option<Vec<Arg>> = ast::named_children(list)
                            .into_iter()
                            .map(|p| {
                                (p.node_kind() == "parameter_declaration"
                                    && p.field("declarator").is_none())
                                .then(|| p.field("type").map(|t| Arg::Name(text(t, s))))
                                .flatten()
                            })
                            .collect();
                        if let Some(args) = args {
                            out.push((class, args));
                        }
                    }
                    "init_declarator" => {
                        let Some(v) = d.field("value") else { continue };
                        if matches!(v.node_kind(), "argument_list" | "initializer_list") {
                            let args = ast::named_children(v).into_iter().map(Arg::Expr).collect();
                            out.push((class, args));
                        }
                    }
                    _ => {}
                }
            }
        }
        "new_expression" => {
            if let (Some(ty), Some(args)) = (n.field("type"), n.field("arguments")) {
                let args = ast::named_children(args)
                    .into_iter()
                    .map(Arg::Expr)
                    .collect();
                out.push((text(ty, s), args));
            }
        }
        _ => {}
    }
    out
}

/// `std::cin`, `cin`, `std::wcin`: the program's standard input stream.
fn is_stdin_stream(name: &str) -> bool {
    matches!(name.trim(), "cin" | "std::cin" | "wcin" | "std::wcin")
}

/// `std::cin >> x` (the outermost `>>` of a chain whose leftmost operand is standard input).
pub(crate) fn is_stream_read(n: Node, s: &str) -> bool {
    if n.parent_node().is_some_and(|p| {
        p.node_kind() == "binary_expression"
            && p.field("operator").is_some_and(|o| text(o, s) == ">>")
    }) {
        return false;
    }
    let mut cur = n;
    while cur.node_kind() == "binary_expression"
        && cur.field("operator").is_some_and(|o| text(o, s) == ">>")
    {
        match cur.field("left") {
            Some(l) => cur = l,
            None => return false,
        }
    }
    cur != n && is_stdin_stream(text(cur, s))
}

/// The operands a `>>` chain reads into (`std::cin >> a >> b` → `a`, `b`), last first.
pub(crate) fn stream_read_targets<'t>(n: Node<'t>, s: &str) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    let mut cur = n;
    while cur.node_kind() == "binary_expression"
        && cur.field("operator").is_some_and(|o| text(o, s) == ">>")
    {
        out.extend(cur.field("right"));
        match cur.field("left") {
            Some(l) => cur = l,
            None => break,
        }
    }
    out
}

/// Whether `node` runs only on some paths through `body`: inside an `if`/`else`, a loop, a
/// `switch` case or a ternary.
pub(crate) fn is_conditional(node: Node, body: Node) -> bool {
    let mut n = node;
    while let Some(p) = n.parent_node() {
        if p.id() == body.id() {
            return false;
        }
        if matches!(
            p.node_kind(),
            "if_statement"
                | "else_clause"
                | "while_statement"
                | "do_statement"
                | "for_statement"
                | "for_range_loop"
                | "case_statement"
                | "conditional_expression"
        ) {
            return true;
        }
        n = p;
    }
    false
}

pub struct FunctionTaint {
    vars: HashMap<String, CTaint>,
    /// Functions declared `extern` and not defined in the file: their
    /// results are data from elsewhere, as uncontrolled as `rand()`.
    externs: std::collections::HashSet<String>,
    /// What the file's functions return, and what its file-scope variables hold.
    returns: HashMap<String, u32>,
    globals: HashMap<String, u32>,
    /// `#define` aliases of functions, resolved (`EXECL` → `execl`).
    aliases: HashMap<String, String>,
    /// A struct whose field holds tainted data (`j.target = argv[1]`) → that taint, so the
    /// whole struct passed on (`run_job(j)`) carries it.
    field_roots: HashMap<String, CTaint>,
}

impl FunctionTaint {
    /// The function's taint on its own (no facts from the rest of the file).
    pub fn compute(model: &CModel, func: &CFunction) -> FunctionTaint {
        FunctionTaint::compute_with(model, func, &FileFacts::default())
    }

    pub fn compute_with(model: &CModel, func: &CFunction, facts: &FileFacts) -> FunctionTaint {
        let src_text = model.src;
        let mut vars: HashMap<String, CTaint> = HashMap::new();
        let is_main = func.name == "main";
        for (i, p) in func.params.iter().enumerate() {
            let bits = if is_main {
                src::LOCAL
            } else if facts.bounded_params.contains(&(func.name.clone(), i)) {
                0
            } else {
                src::PARAM
            };
            let callers = facts
                .params
                .get(&(func.name.clone(), i))
                .copied()
                .unwrap_or(0);
            vars.insert(
                p.name.clone(),
                CTaint {
                    src: bits | callers,
                    interp: false,
                },
            );
        }
        let mut ft = FunctionTaint {
            vars,
            externs: model.externs.clone(),
            returns: facts.returns.clone(),
            globals: facts.globals.clone(),
            aliases: model.macros.alias_map(),
            field_roots: HashMap::new(),
        };
        // C++: a constructor's member initialisers (`: arg_(arg)`) store into the members.
        let inits = ast::named_children(func.node)
            .into_iter()
            .filter(|c| c.node_kind() == "field_initializer_list");
        for list in inits {
            for init in ast::named_children(list) {
                let (Some(field), Some(args)) = (init.named_child(0), init.named_child(1)) else {
                    continue;
                };
                let t = ast::named_children(args)
                    .into_iter()
                    .fold(CTaint::default(), |acc, a| acc.join(ft.of(a, src_text)));
                ft.add(text(field, src_text).to_string(), t);
            }
        }
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
                            // A plain assignment replaces the value, unless it sits in a
                            // branch or loop (`if (fscanf(…) != 1) n = 0;`): the analysis is
                            // flow-insensitive, so a conditional reset must not erase what
                            // the other path keeps.
                            if op == "="
                                && l.node_kind() == "identifier"
                                && !is_conditional(n, func.body)
                            {
                                ft.vars.insert(name, t);
                            } else {
                                ft.add(name, t);
                            }
                        }
                    }
                }
                // C++ stream input: `std::cin >> a >> b` fills `a` and `b`.
                "binary_expression" if is_stream_read(n, src_text) => {
                    for target in stream_read_targets(n, src_text) {
                        if let Some(r) = root_name(target, src_text) {
                            ft.add(
                                r,
                                CTaint {
                                    src: src::LOCAL,
                                    interp: false,
                                },
                            );
                        }
                    }
                }
                "call_expression" => {
                    let name = model.call_name(n);
                    let args = call_args(n);
                    // `std::cin.getline(buf, n)`, `cin.get(buf, n)`, `cin.read(buf, n)`.
                    if let Some((stream, method)) = name.rsplit_once('.') {
                        if is_stdin_stream(stream) && matches!(method, "getline" | "get" | "read") {
                            if let Some(r) = args.first().and_then(|a| root_name(*a, src_text)) {
                                ft.add(
                                    r,
                                    CTaint {
                                        src: src::LOCAL,
                                        interp: false,
                                    },
                                );
                            }
                        }
                        // A container filled with a value holds its taint
                        // (`v.insert(v.end(), 1, data)`, `l.push_back(data)`).
                        if matches!(
                            method,
                            "push_back"
                                | "push_front"
                                | "insert"
                                | "emplace_back"
                                | "emplace"
                                | "assign"
                        ) && !stream.contains(['.', '-', '('])
                        {
                            let t = args
                                .iter()
                                .fold(CTaint::default(), |acc, a| acc.join(ft.of(*a, src_text)));
                            ft.add(stream.to_string(), t);
                        }
                    }
                    // A function of this file that fills a pointer or reference parameter
                    // (`net::read_host(host)`, `reader.fill(buf)` reach `read_host`, `fill`).
                    let own = unqualified(name);
                    for (i, a) in args.iter().enumerate() {
                        let bits = facts
                            .out_params
                            .get(&(name.to_string(), i))
                            .or_else(|| facts.out_params.get(&(own.to_string(), i)));
                        if let Some(bits) = bits {
                            if let Some(r) = root_name(*a, src_text) {
                                ft.add(
                                    r,
                                    CTaint {
                                        src: *bits,
                                        interp: false,
                                    },
                                );
                            }
                        }
                    }
                    if let Some((i, bits)) = concepts::input_buffer_arg(name) {
                        // C++'s `getline(stream, string)` fills its second argument.
                        let i = if name == "getline" && args.len() == 2 {
                            1
                        } else {
                            i
                        };
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
                            // Copied only where a `strcmp` found it equal to a literal, or
                            // after a check of its characters (`if (!safe_name(line))
                            // return; strncat(j->command, line, …)`): the copy carries no
                            // more than the checked string.
                            if concepts::allowlisted(model, n, *a) {
                                continue;
                            }
                            let plain = strip_parens_casts(*a);
                            if matches!(plain.node_kind(), "identifier" | "field_expression")
                                && concepts::character_checked(
                                    model,
                                    func,
                                    text(plain, src_text),
                                    n.start_byte(),
                                )
                            {
                                continue;
                            }
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
        if let Some(i) = name.find(['.', '-']) {
            let e = self.field_roots.entry(name[..i].to_string()).or_default();
            *e = e.join(t);
        }
        let e = self.vars.entry(name).or_default();
        *e = e.join(t);
    }

    /// A variable's taint: the function's own, or for a file-scope variable the function
    /// never assigns, what the file's other functions wrote into it.
    pub fn var(&self, name: &str) -> CTaint {
        match self.vars.get(name) {
            Some(t) => *t,
            None => CTaint {
                src: self.globals.get(name).copied().unwrap_or(0),
                interp: false,
            },
        }
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
                let name = text(node, s);
                let mut t = self.var(name);
                if t.src == 0 && node.node_kind() == "identifier" {
                    if let Some(f) = self.field_roots.get(name) {
                        t = *f;
                    }
                    // `#define COMMAND_ARG data`: a macro standing for a variable.
                    if let Some(v) = self.aliases.get(name).filter(|_| t.src == 0) {
                        t = self.var(v);
                    }
                    if t.src == 0 {
                        t.src = concepts::type_limit(name);
                    }
                }
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
                let raw = call_name(node, s);
                let name = self.aliases.get(raw).map_or(raw, String::as_str);
                // C++: `s.c_str()`, `s.substr(…)` carry the object's data.
                if let Some(callee) = node
                    .field("function")
                    .filter(|f| f.node_kind() == "field_expression")
                {
                    let method = callee.field("field").map(|f| text(f, s)).unwrap_or("");
                    if concepts::is_view_method(method) {
                        if let Some(obj) = callee.field("argument") {
                            return self.of_depth(obj, s, depth + 1);
                        }
                    }
                }
                // A C++ qualified or method call returns what the file's function of that
                // name returns (`util::read_count()`, `reader.next()`).
                let own = unqualified(name);
                let bits = if self.externs.contains(name) {
                    src::RANDOM
                } else {
                    concepts::source_call(name)
                        | self
                            .returns
                            .get(name)
                            .or_else(|| self.returns.get(own))
                            .copied()
                            .unwrap_or(0)
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
                            | "strcasestr"
                            | "strpbrk"
                            | "memchr"
                            // A token of the string being split (`strtok(NULL, …)` goes on
                            // with the previous one, which the analysis does not reset).
                            | "strtok"
                            | "strtok_r"
                            | "strsep"
                            // C++: `std::move(t)`, `std::forward<T>(t)` hand the value on.
                            | "move"
                            | "forward"
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
                // Arithmetic on a type's limit (`INT_MAX / 2`, `-INT_MAX - 1`) is a value
                // computed to fit, no longer the limit itself.
                t.src &= !(src::LIMIT_MAX | src::LIMIT_MIN);
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

/// A scalar number type as declared (`int`, `unsigned long`, `size_t`, `int32_t`): what a
/// bounds test can make safe, unlike a string or a struct.
fn is_number_type(ty: &str) -> bool {
    ty.split_whitespace()
        .filter(|w| !matches!(*w, "const" | "volatile" | "static" | "unsigned" | "signed"))
        .all(|w| {
            matches!(
                w,
                "int"
                    | "short"
                    | "long"
                    | "char"
                    | "size_t"
                    | "ssize_t"
                    | "off_t"
                    | "int8_t"
                    | "uint8_t"
                    | "int16_t"
                    | "uint16_t"
                    | "int32_t"
                    | "uint32_t"
                    | "int64_t"
                    | "uint64_t"
                    | "intptr_t"
                    | "uintptr_t"
                    | "std::size_t"
            )
        })
}
