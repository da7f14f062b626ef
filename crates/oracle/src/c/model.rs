//! The C semantic model: functions with their parameters, fixed-size
//! arrays, `#define` constants, and where in each function a variable is
//! tested (null checks, bounds checks), so rules can ask "was `i` checked
//! before this access?".

use super::macros::{strip_parens, Macros};
use crate::ast::NodeExt;
use crate::ast::{self, text};
use std::collections::HashMap;
use tree_sitter::Node;

pub struct CModel<'t> {
    pub src: &'t str,
    pub root: Node<'t>,
    /// `#define NAME 123` integer constants.
    pub defines: HashMap<String, i64>,
    /// File-scope arrays: name → element count.
    pub global_arrays: HashMap<String, i64>,
    /// C++: fixed arrays that are members of a class (`class Buffer { int data[32]; … }`),
    /// which its methods name bare (`data[i]`).
    pub member_arrays: HashMap<String, i64>,
    /// Fixed arrays that are fields of the file's structs: (struct or typedef name, field) →
    /// element count (`typedef struct { char data[32]; } packet_t;` gives `("packet_t",
    /// "data") → 32`), so `p->data` and `p.data` have a known length.
    pub struct_arrays: HashMap<(String, String), i64>,
    /// C++: the data members of the file's classes, which their methods name bare. They
    /// count as file-scope variables for the summaries: what a constructor or setter stores
    /// in one, another method reads (all objects of the class taken as one).
    pub members: Vec<String>,
    pub functions: Vec<CFunction<'t>>,
    /// Functions declared `extern` (prototypes only) in this file.
    pub externs: std::collections::HashSet<String>,
    /// `#define` aliases of functions and strings (see [`Macros`]).
    pub macros: Macros<'t>,
    /// Function name → its first definition in `functions`, so rules that look a callee up
    /// at each call stay linear on files with hundreds of thousands of functions.
    pub by_name: HashMap<String, usize>,
    /// Names declared at file scope.
    pub file_scope: Vec<String>,
    /// Function-pointer variables set to exactly one function of the file
    /// (`void (*fp)(char *) = runner;`, `fp = &runner;`): a call through them reaches it.
    pub fn_pointers: HashMap<&'t str, &'t str>,
    /// Callee name (through `#define` aliases) → (index of the calling function, call): the
    /// callers of a function, found without scanning every call of the file each time.
    calls_to: HashMap<&'t str, Vec<(usize, Node<'t>)>>,
}

pub struct Param {
    pub name: String,
    pub is_pointer: bool,
    /// C++ `T &name`: the callee writes the caller's object through it, as through a
    /// pointer, but it is never NULL.
    pub is_reference: bool,
}

pub struct CFunction<'t> {
    pub node: Node<'t>,
    pub name: String,
    pub params: Vec<Param>,
    pub body: Node<'t>,
    /// Local arrays with a constant size: name → element count.
    pub arrays: HashMap<String, i64>,
    /// The body's nodes in pre-order, collected once: rules iterate this
    /// instead of each walking the tree with a cursor (which dominated the
    /// oracle's time on C).
    pub nodes: Vec<Node<'t>>,
    /// Local arrays whose size is not a known constant (`u8 buf[SC_MAX_LEN]`
    /// with the macro defined elsewhere): fixed storage of unknown length.
    pub unsized_arrays: Vec<String>,
    /// Locals declared with a pointer declarator (`char *data`, `int *p = NULL`).
    pub pointers: Vec<String>,
    /// (byte offset, identifiers) of every condition: `if`/`while`/`for`
    /// tests, ternaries, operands of `&&`/`||`, and assert-like calls.
    pub conditions: Vec<(usize, Vec<String>)>,
    /// (byte offset, identifiers) of every relational comparison or
    /// clamping call (`MIN`, `min`, `clamp` …) anywhere in the body, and
    /// every condition from the byte where it ends.
    pub bounds: Vec<(usize, Vec<String>)>,
    /// (byte offset, target, identifiers of the value) of every plain
    /// assignment or initialisation.
    pub assigns: Vec<(usize, String, Vec<String>)>,
    /// Byte offsets (as in `assigns`) of the assignments whose value is a call's result
    /// (not a clamp's): `a = read_int(f)` is not bounded because `f` was NULL-tested.
    pub call_results: Vec<usize>,
    /// Every call in the body, in source order, with the callee as written
    /// (collected once: several rules scan them).
    pub calls: Vec<(Node<'t>, &'t str)>,
    /// C++: a method, defined in its class or as `Class::name` outside it (it sees the
    /// class's member arrays).
    pub is_method: bool,
    /// Each name's declared type as written, from its first declaration (parameter or local)
    /// in the definition: collected once, since rules ask for it per expression.
    pub declared_types: HashMap<String, String>,
}

/// The first declared type of each name declared in `def` (see [`CFunction::declared_types`]).
fn declared_types(def: Node, src: &str) -> HashMap<String, String> {
    let mut types = HashMap::new();
    ast::preorder(def, |n| {
        if !matches!(n.node_kind(), "parameter_declaration" | "declaration") {
            return;
        }
        let Some(ty) = n.field("type") else { return };
        for d in ast::field_children(n, "declarator") {
            let d = if d.node_kind() == "init_declarator" {
                d.field("declarator").unwrap_or(d)
            } else {
                d
            };
            if let Some(name) = declarator_name(d, src) {
                types
                    .entry(name)
                    .or_insert_with(|| text(ty, src).to_string());
            }
        }
    });
    types
}

impl<'t> CFunction<'t> {
    /// Visits the body's nodes in pre-order (see [`CFunction::nodes`]).
    pub fn preorder(&self, mut visit: impl FnMut(Node<'t>)) {
        for &n in &self.nodes {
            visit(n);
        }
    }

    /// True if some node of the body satisfies `pred`.
    pub fn any(&self, mut pred: impl FnMut(Node<'t>) -> bool) -> bool {
        self.nodes.iter().any(|&n| pred(n))
    }

    /// True if `var` appears in a condition that starts before `pos`.
    pub fn tested_before(&self, var: &str, pos: usize) -> bool {
        self.conditions
            .iter()
            .any(|(p, ids)| *p < pos && ids.iter().any(|i| i == var))
    }

    /// True if `var` is compared or clamped before `pos`, or was last
    /// assigned (before `pos`) from values that were (`data = (int)checked`).
    pub fn bounded_before(&self, var: &str, pos: usize) -> bool {
        self.bounded_depth(var, pos, 0)
    }

    fn bounded_depth(&self, var: &str, pos: usize, depth: usize) -> bool {
        if self
            .bounds
            .iter()
            .any(|(p, ids)| *p < pos && ids.iter().any(|i| i == var))
        {
            return true;
        }
        if depth > 4 {
            return false;
        }
        let last = self
            .assigns
            .iter()
            .filter(|(p, t, _)| *p < pos && t == var)
            .max_by_key(|(p, _, _)| *p);
        match last {
            Some((p, _, ids)) if !ids.is_empty() && !self.call_results.contains(p) => {
                ids.iter().all(|i| self.bounded_depth(i, *p, depth + 1))
            }
            _ => false,
        }
    }

    /// The type a parameter or local was declared with, as written
    /// (`unsigned int`, `jas_tvparser_t`, `struct smb2_req`), without the
    /// declarator's `*`s.
    pub fn declared_type(&self, _src: &str, var: &str) -> Option<String> {
        self.declared_types.get(var).cloned()
    }

    /// `var` is a plain signed integer of this function (`int i`, `long n`, `short k`): a
    /// value that can be negative. Unknown types (file-scope variables, typedefs) are not.
    pub fn signed_integer(&self, src: &str, var: &str) -> bool {
        self.declared_type(src, var).is_some_and(|t| {
            let t = t.trim_start_matches("const ").trim();
            matches!(
                t,
                "int"
                    | "signed"
                    | "signed int"
                    | "short"
                    | "short int"
                    | "long"
                    | "long int"
                    | "long long"
                    | "signed char"
                    | "int32_t"
                    | "int64_t"
                    | "ssize_t"
            )
        })
    }

    /// True if `var` is tested from below before `pos`: compared with a constant from below
    /// (`i >= 0`, `i > -1`, `c >= 1`, `i >= MIN`, `0 <= i`), tested for negativity (`i < 0`,
    /// `0 > i`), or cast to an unsigned type in a comparison (`(unsigned)i < n`), so a
    /// negative value cannot pass.
    pub fn lower_bounded_before(&self, model: &CModel, var: &str, pos: usize) -> bool {
        let src = model.src;
        self.nodes.iter().any(|&n| {
            if n.start_byte() >= pos || n.node_kind() != "binary_expression" {
                return false;
            }
            let (Some(op), Some(l), Some(r)) =
                (n.field("operator"), n.field("left"), n.field("right"))
            else {
                return false;
            };
            let op = text(op, src);
            if !matches!(op, "<" | "<=" | ">" | ">=") {
                return false;
            }
            let is_var = |x: Node| squeezed(text(strip_parens_casts(x), src)) == var;
            let unsigned_cast = |x: Node| {
                x.node_kind() == "cast_expression"
                    && (text(x, src).contains("unsigned") || text(x, src).contains("size_t"))
                    && is_var(x)
            };
            let constant = |x: Node| {
                model
                    .const_int(x)
                    .or_else(|| parse_int(&squeezed(text(x, src))))
            };
            let from_below = match (is_var(l), is_var(r)) {
                // `v >= c`, `v > c` bound from below; `v < c`, `v <= c` do when they reject
                // the negatives (`v < 0`).
                (true, _) => constant(r).is_some_and(|c| matches!(op, ">" | ">=") || c <= 0),
                (_, true) => constant(l).is_some_and(|c| matches!(op, "<" | "<=") || c <= 0),
                _ => false,
            };
            from_below || unsigned_cast(l) || unsigned_cast(r)
        })
    }

    /// `name` is a local array (fixed storage), with or without a known size.
    pub fn is_array(&self, model: &CModel, name: &str) -> bool {
        self.array_len(model, name).is_some() || self.unsized_arrays.iter().any(|a| a == name)
    }

    /// Bytes in a fixed local or global array of a byte type (`char`, `uint8_t`, `BYTE`).
    pub fn byte_array_len(&self, model: &CModel, name: &str) -> Option<i64> {
        let len = self.array_len(model, name)?;
        let ty = self
            .declared_type(model.src, name)
            .or_else(|| model.global_type(name))?;
        ty.split_whitespace()
            .any(|w| matches!(w, "char" | "uint8_t" | "int8_t" | "u8" | "BYTE" | "byte"))
            .then_some(len)
    }

    pub fn param_index(&self, name: &str) -> Option<usize> {
        self.params.iter().position(|p| p.name == name)
    }

    /// Element count of a local or global array, or in a method of a member array (unless
    /// a parameter shadows it).
    pub fn array_len(&self, model: &CModel, name: &str) -> Option<i64> {
        self.arrays
            .get(name)
            .or_else(|| model.global_arrays.get(name))
            .or_else(|| {
                (self.is_method && self.param_index(name).is_none())
                    .then(|| model.member_arrays.get(name))
                    .flatten()
            })
            .copied()
            .or_else(|| self.struct_field_len(model, name))
    }

    /// `p->data` or `p.data` (one level) where `p` is declared with a struct of the file
    /// whose field `data` is a fixed array: its length.
    fn struct_field_len(&self, model: &CModel, name: &str) -> Option<i64> {
        if model.struct_arrays.is_empty() {
            return None;
        }
        let (base, field) = name.split_once("->").or_else(|| name.split_once('.'))?;
        if field.contains(['.', '-', '[', '(']) || base.contains(['.', '-', '[', '(', '*']) {
            return None;
        }
        let ty = self.declared_types.get(base.trim())?;
        let ty = ty
            .trim()
            .trim_start_matches("const ")
            .trim_start_matches("struct ")
            .trim();
        model
            .struct_arrays
            .get(&(ty.to_string(), field.trim().to_string()))
            .copied()
    }
}

/// Buffer-size macros of the C library and POSIX/Linux headers, with their
/// glibc/Linux values, so `char addr[INET_ADDRSTRLEN]` has a known size even
/// though the snippet does not include the header. A `#define` in the file
/// overrides them.
const SYSTEM_SIZES: &[(&str, i64)] = &[
    ("INET_ADDRSTRLEN", 16),
    ("INET6_ADDRSTRLEN", 46),
    ("IFNAMSIZ", 16),
    ("IF_NAMESIZE", 16),
    ("HOST_NAME_MAX", 64),
    ("NI_MAXHOST", 1025),
    ("NI_MAXSERV", 32),
    ("PATH_MAX", 4096),
    ("NAME_MAX", 255),
    ("FILENAME_MAX", 4096),
    ("MAXPATHLEN", 4096),
    ("BUFSIZ", 8192),
    ("LINE_MAX", 2048),
    ("TASK_COMM_LEN", 16),
    ("ETH_ALEN", 6),
];

impl<'t> CModel<'t> {
    pub fn build(root: Node<'t>, src: &'t str) -> CModel<'t> {
        let mut model = CModel {
            src,
            root,
            defines: SYSTEM_SIZES
                .iter()
                .map(|(k, v)| (k.to_string(), *v))
                .collect(),
            global_arrays: HashMap::new(),
            member_arrays: HashMap::new(),
            struct_arrays: HashMap::new(),
            members: Vec::new(),
            functions: Vec::new(),
            externs: Default::default(),
            macros: Macros::collect(root, src),
            by_name: HashMap::new(),
            file_scope: Vec::new(),
            fn_pointers: HashMap::new(),
            calls_to: HashMap::new(),
        };
        // (variable, the identifier it is set to): function pointers, once functions are known.
        let mut pointer_sets: Vec<(&'t str, &'t str)> = Vec::new();
        let mut defs = Vec::new();
        let mut globals = Vec::new();
        let mut members = Vec::new();
        let mut structs = Vec::new();
        ast::preorder(root, |n| match n.node_kind() {
            "struct_specifier" if n.field("body").is_some() => structs.push(n),
            "preproc_def" => {
                if let (Some(name), Some(value)) = (n.field("name"), n.field("value")) {
                    if let Some(v) = parse_int(strip_parens(text(value, src).trim())) {
                        model.defines.insert(text(name, src).to_string(), v);
                    }
                }
            }
            "function_definition" => defs.push(n),
            "init_declarator" | "assignment_expression" => {
                let (target, value) = if n.node_kind() == "init_declarator" {
                    (
                        n.field("declarator").and_then(|d| {
                            // Only pointer declarators: `void (*fp)(…)`, `handler *h`.
                            (d.node_kind() != "identifier")
                                .then(|| function_pointer_name(d, src))
                                .flatten()
                        }),
                        n.field("value"),
                    )
                } else {
                    (
                        n.field("left")
                            .filter(|l| l.node_kind() == "identifier")
                            .filter(|_| n.field("operator").is_some_and(|o| text(o, src) == "="))
                            .map(|l| text(l, src)),
                        n.field("right"),
                    )
                };
                if let (Some(t), Some(v)) = (target, value.map(strip_address_of)) {
                    if v.node_kind() == "identifier" {
                        pointer_sets.push((t, text(v, src)));
                    }
                }
            }
            "field_declaration"
                if n.parent_node().is_some_and(|l| {
                    l.node_kind() == "field_declaration_list"
                        && l.parent_node()
                            .is_some_and(|c| c.node_kind() == "class_specifier")
                }) =>
            {
                members.push(n)
            }
            "declaration"
                if n.parent_node()
                    .is_some_and(|p| p.node_kind() == "translation_unit") =>
            {
                globals.push(n)
            }
            _ => {}
        });
        for st in &structs {
            let mut names: Vec<String> = st
                .field("name")
                .map(|n| text(n, src).to_string())
                .into_iter()
                .collect();
            if let Some(def) = st
                .parent_node()
                .filter(|p| p.node_kind() == "type_definition")
            {
                names.extend(
                    ast::field_children(def, "declarator")
                        .into_iter()
                        .filter(|d| d.node_kind() == "type_identifier")
                        .map(|d| text(d, src).to_string()),
                );
            }
            let Some(body) = st.field("body") else {
                continue;
            };
            for f in ast::named_children(body) {
                if f.node_kind() != "field_declaration" {
                    continue;
                }
                for (field, len) in model.arrays_in(f) {
                    for ty in &names {
                        model.struct_arrays.insert((ty.clone(), field.clone()), len);
                    }
                }
            }
        }
        for m in &members {
            let arrays = model.arrays_in(*m);
            model.member_arrays.extend(arrays);
            for d in ast::field_children(*m, "declarator") {
                let is_function = d.node_kind() == "function_declarator"
                    || d.field("declarator")
                        .is_some_and(|x| x.node_kind() == "function_declarator");
                if let Some(name) = declarator_name(d, src).filter(|_| !is_function) {
                    if !model.members.contains(&name) {
                        model.members.push(name);
                    }
                }
            }
        }
        for g in &globals {
            let arrays = model.arrays_in(*g);
            model.global_arrays.extend(arrays);
            let is_extern = ast::named_children(*g)
                .iter()
                .any(|c| c.node_kind() == "storage_class_specifier" && text(*c, src) == "extern");
            if is_extern {
                for d in ast::field_children(*g, "declarator") {
                    if d.node_kind() == "function_declarator"
                        || d.field("declarator")
                            .is_some_and(|x| x.node_kind() == "function_declarator")
                    {
                        if let Some(name) = declarator_name(d, src) {
                            model.externs.insert(name);
                        }
                    }
                }
            }
        }
        for def in defs {
            if let Some(f) = model.function(def) {
                model
                    .by_name
                    .entry(f.name.clone())
                    .or_insert(model.functions.len());
                model.functions.push(f);
            }
        }
        let mut targets: HashMap<&'t str, Option<&'t str>> = HashMap::new();
        for (var, f) in pointer_sets {
            if !model.by_name.contains_key(f) || model.by_name.contains_key(var) {
                continue;
            }
            let slot = targets.entry(var).or_insert(Some(f));
            if *slot != Some(f) {
                *slot = None; // set to two functions: which one a call reaches is unknown
            }
        }
        model.fn_pointers = targets
            .into_iter()
            .filter_map(|(v, f)| Some((v, f?)))
            .collect();
        if !model.fn_pointers.is_empty() {
            // The functions were modelled before the pointers were known: their calls
            // through a pointer now name the function reached.
            let pointers = &model.fn_pointers;
            for f in &mut model.functions {
                for (_, name) in &mut f.calls {
                    if let Some(target) = pointers.get(*name) {
                        *name = target;
                    }
                }
            }
        }
        model.file_scope = super::taint::globals(&model);
        for m in &model.members {
            if !model.file_scope.contains(m) {
                model.file_scope.push(m.clone());
            }
        }
        let mut calls_to: HashMap<&'t str, Vec<(usize, Node<'t>)>> = HashMap::new();
        for (i, f) in model.functions.iter().enumerate() {
            for &(call, name) in &f.calls {
                // C++: `obj->action(data)`, `runner.run(x)`, `util::read(x)` reach the file's
                // `action`, `run`, `read` (as the taint summaries take them).
                let resolved = model.macros.resolve(name);
                let key = if model.by_name.contains_key(resolved) {
                    resolved
                } else {
                    unqualified(resolved)
                };
                calls_to.entry(key).or_default().push((i, call));
            }
        }
        model.calls_to = calls_to;
        model
    }

    /// Every call of `name` in the file, with the function it is made in.
    pub fn calls_of<'m>(
        &'m self,
        name: &str,
    ) -> impl Iterator<Item = (&'m CFunction<'t>, Node<'t>)> + 'm {
        self.calls_to
            .get(name)
            .into_iter()
            .flatten()
            .map(|&(i, call)| (&self.functions[i], call))
    }

    /// The file's definition of `name`, if it has one.
    /// The type a file-scope variable was declared with, as written.
    pub fn global_type(&self, name: &str) -> Option<String> {
        ast::named_children(self.root).into_iter().find_map(|d| {
            (d.node_kind() == "declaration"
                && identifiers(d, self.src).first().is_some_and(|i| i == name))
            .then(|| d.field("type").map(|t| text(t, self.src).to_string()))
            .flatten()
        })
    }

    pub fn function_named(&self, name: &str) -> Option<&CFunction<'t>> {
        self.by_name.get(name).map(|&i| &self.functions[i])
    }

    /// The function a call reaches: its name as written, through `#define` aliases and
    /// function-pointer variables set to one function of the file.
    pub fn call_name(&self, call: Node<'t>) -> &'t str {
        let name = self.macros.resolve(call_name(call, self.src));
        self.fn_pointers.get(name).copied().unwrap_or(name)
    }

    /// A string literal's value, or the string a macro name stands for.
    pub fn string_value(&self, node: Node) -> Option<String> {
        if node.node_kind() == "identifier" {
            return self.macros.string(text(node, self.src)).map(str::to_string);
        }
        string_literal(node, self.src)
    }

    fn function(&self, def: Node<'t>) -> Option<CFunction<'t>> {
        let src = self.src;
        let body = def.field("body")?;
        let mut decl = def.field("declarator")?;
        while decl.node_kind() != "function_declarator" {
            // C++: `const T &get(int i)`: a reference declarator holds the function's
            // declarator as its unnamed child.
            decl = decl.field("declarator").or_else(|| {
                (decl.node_kind() == "reference_declarator")
                    .then(|| decl.named_child(0))
                    .flatten()
            })?;
        }
        let is_method = decl
            .field("declarator")
            .is_some_and(|d| d.node_kind() == "qualified_identifier")
            || std::iter::successors(def.parent_node(), |a| a.parent_node())
                .any(|a| a.node_kind() == "class_specifier");
        // C++: a method defined outside its class (`void Pinger::ping(…)`) is called as
        // `p.ping(…)`: it goes by its own name, as one defined inside the class does.
        let name = decl
            .field("declarator")
            .map(|d| match d.node_kind() {
                "qualified_identifier" => declarator_name(d, src).unwrap_or_default(),
                _ => text(d, src).to_string(),
            })
            .unwrap_or_default();
        let mut params = Vec::new();
        if let Some(list) = decl.field("parameters") {
            for p in ast::named_children(list) {
                if p.node_kind() != "parameter_declaration" {
                    continue;
                }
                if let Some(d) = p.field("declarator") {
                    let is_pointer =
                        matches!(d.node_kind(), "pointer_declarator" | "array_declarator");
                    let is_reference = d.node_kind() == "reference_declarator";
                    if let Some(id) = declarator_name(d, src) {
                        params.push(Param {
                            name: id,
                            is_pointer,
                            is_reference,
                        });
                    }
                }
            }
        }
        let mut arrays = HashMap::new();
        let mut unsized_arrays = Vec::new();
        let mut pointers = Vec::new();
        let mut conditions = Vec::new();
        let mut condition_ends = Vec::new();
        let mut bounds = Vec::new();
        let mut assigns = Vec::new();
        let mut call_results = Vec::new();
        let mut calls = Vec::new();
        let mut nodes = Vec::new();
        ast::preorder(body, |n| {
            nodes.push(n);
        });
        nodes.iter().for_each(|&n| match n.node_kind() {
            "declaration" => {
                arrays.extend(self.arrays_in(n));
                unsized_arrays.extend(self.unsized_arrays_in(n));
                pointers.extend(
                    ast::field_children(n, "declarator")
                        .into_iter()
                        .filter_map(|d| {
                            let d = if d.node_kind() == "init_declarator" {
                                d.field("declarator")?
                            } else {
                                d
                            };
                            (d.node_kind() == "pointer_declarator")
                                .then(|| declarator_name(d, src))
                                .flatten()
                        }),
                );
            }
            "init_declarator" => {
                if let (Some(d), Some(v)) = (n.field("declarator"), n.field("value")) {
                    if let Some(name) = declarator_name(d, src) {
                        let (ids, from_call) = self.value_ids(v);
                        if from_call {
                            call_results.push(n.start_byte());
                        }
                        assigns.push((n.start_byte(), name, ids));
                    }
                }
            }
            "assignment_expression" => {
                let op = n.field("operator").map(|o| text(o, src)).unwrap_or("");
                if let (Some(l), Some(r), "=") = (n.field("left"), n.field("right"), op) {
                    let (ids, from_call) = self.value_ids(r);
                    if from_call {
                        call_results.push(n.start_byte());
                    }
                    assigns.push((n.start_byte(), text(l, src).to_string(), ids));
                }
            }
            "if_statement"
            | "while_statement"
            | "do_statement"
            | "conditional_expression"
            | "for_statement" => {
                if let Some(c) = n.field("condition") {
                    conditions.push((c.start_byte(), identifiers(c, src)));
                    condition_ends.push((c.end_byte(), bound_identifiers(c, src)));
                }
            }
            "binary_expression" => {
                let op = n.field("operator").map(|o| text(o, src)).unwrap_or("");
                match op {
                    "&&" | "||" => {
                        for side in ["left", "right"] {
                            if let Some(s) = n.field(side) {
                                conditions.push((s.start_byte(), identifiers(s, src)));
                                condition_ends.push((s.end_byte(), bound_identifiers(s, src)));
                            }
                        }
                    }
                    "<" | "<=" | ">" | ">=" | "==" | "!=" => {
                        bounds.push((n.start_byte(), bound_identifiers(n, src)));
                    }
                    "%" | "&" => {
                        // `i % N` and `i & MASK` bound the left operand.
                        if let Some(l) = n.field("left") {
                            bounds.push((n.start_byte(), identifiers(l, src)));
                        }
                    }
                    _ => {}
                }
            }
            "call_expression" => {
                let fname = self.call_name(n);
                calls.push((n, fname));
                let lower = fname.to_ascii_lowercase();
                if lower.contains("assert")
                    || lower.ends_with("bug_on")
                    || lower.ends_with("warn_on")
                    || lower.contains("return_if_fail")
                    || lower.contains("return_val_if_fail")
                    || lower.contains("check")
                    || lower.contains("null")
                    || lower.starts_with("unlikely")
                    || lower.starts_with("likely")
                    || lower.starts_with("is_err")
                {
                    conditions.push((n.start_byte(), identifiers(n, src)));
                    condition_ends.push((n.end_byte(), identifiers(n, src)));
                }
                if is_clamp(fname) {
                    bounds.push((n.start_byte(), identifiers(n, src)));
                }
            }
            _ => {}
        });
        // Every condition is also a bound, from where it has been evaluated:
        // `if (!(p = malloc(a * b)))` tests the result, not `a` or `b` before
        // the call inside it.
        bounds.extend(condition_ends);
        Some(CFunction {
            node: def,
            name,
            params,
            body,
            arrays,
            unsized_arrays,
            pointers,
            nodes,
            conditions,
            bounds,
            assigns,
            call_results,
            calls,
            is_method,
            declared_types: declared_types(def, src),
        })
    }

    /// Arrays declared with a size that is not a known constant.
    fn unsized_arrays_in(&self, decl: Node<'t>) -> Vec<String> {
        ast::field_children(decl, "declarator")
            .into_iter()
            .filter_map(|d| {
                let d = if d.node_kind() == "init_declarator" {
                    d.field("declarator")?
                } else {
                    d
                };
                let size = d.field("size");
                (d.node_kind() == "array_declarator"
                    && size.is_some_and(|n| self.const_int(n).is_none()))
                .then(|| declarator_name(d, self.src))
                .flatten()
            })
            .collect()
    }

    /// Arrays with constant sizes declared in a declaration.
    /// The variables an assigned value is made of (macros left out), and whether the value
    /// is a call's result (not a clamp's such as `MIN(x, 10)`), which the bounds of its
    /// arguments do not bound.
    fn value_ids(&self, v: Node) -> (Vec<String>, bool) {
        let inner = strip_parens_casts(v);
        let from_call = inner.node_kind() == "call_expression" && !is_clamp(self.call_name(inner));
        let ids = identifiers(v, self.src)
            .into_iter()
            .filter(|i| !self.defines.contains_key(i))
            .collect();
        (ids, from_call)
    }

    fn arrays_in(&self, decl: Node<'t>) -> Vec<(String, i64)> {
        let mut out = Vec::new();
        for d0 in ast::field_children(decl, "declarator") {
            let d = if d0.node_kind() == "init_declarator" {
                match d0.field("declarator") {
                    Some(x) => x,
                    None => continue,
                }
            } else {
                d0
            };
            if d.node_kind() != "array_declarator" {
                continue;
            }
            let n = match d.field("size") {
                Some(size) => self.const_int(size),
                // `int sizes[] = {0, 1, 2}`, `char s[] = "abc"`: the initialiser sizes it.
                None => d0.field("value").and_then(|v| match v.node_kind() {
                    "initializer_list" => Some(
                        ast::named_children(v)
                            .iter()
                            .filter(|c| c.node_kind() != "comment")
                            .count() as i64,
                    ),
                    _ => string_literal(v, self.src).map(|t| t.len() as i64 + 1),
                }),
            };
            let Some(n) = n else {
                continue;
            };
            if let Some(name) = declarator_name(d, self.src) {
                out.push((name, n));
            }
        }
        out
    }

    /// Value of a constant integer expression (literals, `#define`s,
    /// `+ - * /`, parentheses).
    pub fn const_int(&self, node: Node) -> Option<i64> {
        let src = self.src;
        match node.node_kind() {
            "number_literal" => parse_int(text(node, src)),
            "identifier" => self.defines.get(text(node, src)).copied(),
            "parenthesized_expression" => self.const_int(node.named_child(0)?),
            // `sizeof(char)`, `sizeof(int)`: the sizes of an LP64 platform.
            "sizeof_expression" => {
                let ty = node.field("type")?;
                match squeezed(text(ty, src))
                    .trim_start_matches("unsigned")
                    .trim()
                {
                    "char" | "signedchar" | "int8_t" | "uint8_t" => Some(1),
                    "short" | "int16_t" | "uint16_t" => Some(2),
                    "int" | "float" | "wchar_t" | "int32_t" | "uint32_t" => Some(4),
                    "long" | "double" | "size_t" | "longlong" | "int64_t" | "uint64_t" => Some(8),
                    _ => None,
                }
            }
            "binary_expression" => {
                let l = self.const_int(node.field("left")?)?;
                let r = self.const_int(node.field("right")?)?;
                match text(node.field("operator")?, src) {
                    "+" => l.checked_add(r),
                    "-" => l.checked_sub(r),
                    "*" => l.checked_mul(r),
                    "/" if r != 0 => Some(l / r),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

/// The identifier a declarator declares (`*buf[10]` → `buf`).
pub fn declarator_name(mut d: Node, src: &str) -> Option<String> {
    for _ in 0..64 {
        match d.node_kind() {
            "identifier" | "field_identifier" => return Some(text(d, src).to_string()),
            // C++: `Reader::read` names `read`.
            "qualified_identifier" => d = d.field("name")?,
            _ => d = d.field("declarator").or_else(|| d.named_child(0))?,
        }
    }
    None
}

/// Identifiers in an expression, excluding called function names and
/// struct field names.
pub fn identifiers(node: Node, src: &str) -> Vec<String> {
    let mut out = Vec::new();
    // `p->next` is tested as `p`, and the whole path as written (after the
    // plain identifiers).
    let mut fields = Vec::new();
    // In tree-sitter-c only a call has a `function` field: its callee.
    let function = ast::field_id(&node, "function");
    let root_is_callee = node
        .parent_node()
        .is_some_and(|p| p.node_kind() == "call_expression" && p.field("function") == Some(node));
    ast::preorder_with_field(node, |n, field| match n.node_kind() {
        "identifier" => {
            let callee = if n == node {
                root_is_callee
            } else {
                field.is_some() && field == function
            };
            if !callee {
                out.push(text(n, src).to_string());
            }
        }
        "field_expression" => fields.push(text(n, src).to_string()),
        _ => {}
    });
    out.extend(fields);
    out
}

/// The identifiers a condition or comparison bounds: [`identifiers`] without the buffers
/// of input calls in it (`fgets(line, …) == NULL` tests whether the read worked, not what
/// `line` holds).
fn bound_identifiers(node: Node, src: &str) -> Vec<String> {
    let mut reads: Vec<String> = Vec::new();
    ast::preorder(node, |n| {
        // `while (std::cin >> v)` tests the stream, not what it stored in `v`.
        if n.node_kind() == "binary_expression" && super::taint::is_stream_read(n, src) {
            for t in super::taint::stream_read_targets(n, src) {
                reads.extend(identifiers(t, src));
            }
        }
        if n.node_kind() != "call_expression" {
            return;
        }
        if super::concepts::input_buffer_arg(call_name(n, src)).is_some() {
            for a in call_args(n) {
                reads.extend(identifiers(a, src));
            }
        }
        // `fscanf(in, "%u", &count) != 1` tests what the call returned: `&count` is where it
        // writes, so the test says nothing of `count`'s range.
        for a in call_args(n) {
            let address_of = a.node_kind() == "pointer_expression"
                && a.field("operator").is_some_and(|o| text(o, src) == "&");
            if address_of {
                reads.extend(identifiers(a, src));
            }
        }
    });
    let mut ids = identifiers(node, src);
    if !reads.is_empty() {
        ids.retain(|i| !reads.contains(i));
    }
    // `n < (ssize_t)sizeof(h)` bounds `n`, not `h`: a name only inside `sizeof` is measured,
    // not compared.
    let mut sized: Vec<String> = Vec::new();
    let mut outside: Vec<String> = Vec::new();
    ast::preorder(node, |n| {
        if n.node_kind() == "identifier" {
            let inside = std::iter::successors(n.parent_node(), |p| p.parent_node())
                .take_while(|p| p.id() != node.id())
                .any(|p| p.node_kind() == "sizeof_expression");
            let name = text(n, src).to_string();
            if inside {
                sized.push(name);
            } else {
                outside.push(name);
            }
        }
    });
    if !sized.is_empty() {
        ids.retain(|i| !sized.contains(i) || outside.contains(i));
    }
    // `i >= 0` bounds `i` from below only: neither branch keeps an index under an array's
    // length (the classic flaw is exactly `if (i >= 0) buf[i] = …`), so it does not count.
    ast::preorder(node, |n| {
        if is_sign_test(n, src) {
            for l in identifiers(n, src) {
                if let Some(at) = ids.iter().position(|i| *i == l) {
                    ids.remove(at);
                }
            }
        }
    });
    ids
}

/// `x >= 0`, `x > 0`, `x >= 1`, `0 < x`, `-1 < x`, `x < 0`: a test of the sign, positivity or
/// negativity alone.
fn is_sign_test(n: Node, src: &str) -> bool {
    if n.node_kind() != "binary_expression" {
        return false;
    }
    let (Some(op), Some(l), Some(r)) = (n.field("operator"), n.field("left"), n.field("right"))
    else {
        return false;
    };
    let constant = |x: Node| parse_int(&squeezed(text(x, src)));
    // `n > 0` and `n >= 1` test positivity, like `n >= 0` the sign: the value may still be as
    // large as its type. So do `n <= 0`, `n < 1` and `n == 0` on a variable (`if (n <= 0)
    // return`): they reject the non-positive values and leave every large one. (A call's
    // result tested against 0, `strncmp(buf, …) == 0`, says nothing of the arguments' range
    // and keeps counting as a test of them.)
    let plain = |x: Node| matches!(x.node_kind(), "identifier" | "field_expression");
    let rejects_non_positive = matches!(
        (text(op, src), constant(l), constant(r)),
        ("<=", None, Some(0)) | ("<", None, Some(1)) | ("==", None, Some(0))
    ) && plain(l)
        || matches!((text(op, src), constant(l)), (">=" | "==", Some(0))) && plain(r);
    rejects_non_positive
        || matches!(
            (text(op, src), constant(l), constant(r)),
            (">=", None, Some(0 | 1))
            | (">", None, Some(-1 | 0))
            | ("<=", Some(0 | 1), None)
            | ("<", Some(-1 | 0), None)
            // `x < 0`: negativity, which bounds nothing below (`x * 2` still underflows).
            | ("<", None, Some(0))
            | (">", Some(0), None)
        )
}

/// The variable an lvalue/pointer expression is rooted at: `buf`, `s->buf`
/// (as written), `*p` → `p`, `&x` → `x`, `(char *)p` → `p`.
/// `len` (squeezed text) is the string length of `buf` in bytes: `strlen(buf)`, times
/// `sizeof(char)` or not, or `wcslen(buf) * sizeof(wchar_t)`. A terminated string's length
/// is less than its buffer's size.
pub fn is_length_of(len: &str, buf: &str) -> bool {
    let narrow = format!("strlen({buf})");
    let wide = format!("wcslen({buf})");
    [
        narrow.clone(),
        format!("{narrow}*sizeof(char)"),
        format!("sizeof(char)*{narrow}"),
        format!("{wide}*sizeof(wchar_t)"),
        format!("sizeof(wchar_t)*{wide}"),
    ]
    .contains(&len.to_string())
}

pub fn root_name(node: Node, src: &str) -> Option<String> {
    match node.node_kind() {
        "identifier" => Some(text(node, src).to_string()),
        "field_expression" => Some(text(node, src).to_string()),
        "pointer_expression" | "cast_expression" | "parenthesized_expression" => {
            let inner = node
                .field("argument")
                .or_else(|| node.field("value"))
                .or_else(|| node.named_child(node.named_child_count().saturating_sub(1) as u32))?;
            root_name(inner, src)
        }
        "subscript_expression" => root_name(node.field("argument")?, src),
        "binary_expression" => root_name(node.field("left")?, src),
        _ => None,
    }
}

pub(crate) fn parse_int(t: &str) -> Option<i64> {
    let t = t.trim_end_matches(['u', 'U', 'l', 'L']);
    if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        i64::from_str_radix(h, 16).ok()
    } else if t.len() > 1 && t.starts_with('0') {
        i64::from_str_radix(&t[1..], 8).ok()
    } else {
        t.parse().ok()
    }
}

/// `sizeof(buf)` or `sizeof buf` (spaces squeezed out) → `buf`.
pub fn sizeof_operand(squeezed_text: &str) -> Option<&str> {
    squeezed_text
        .strip_prefix("sizeof(")
        .and_then(|x| x.strip_suffix(')'))
        .or_else(|| squeezed_text.strip_prefix("sizeof"))
}

/// A callee as the file defines it: `runner.run`, `p->run`, `util::run` → `run`.
pub fn unqualified(name: &str) -> &str {
    name.rsplit_once(['.', '>', ':']).map_or(name, |(_, m)| m)
}

/// `MIN`, `max_t`, `clamp`, `imin` …: a call whose result is bounded by its arguments.
fn is_clamp(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "min" | "max" | "min_t" | "max_t" | "clamp" | "clamp_t" | "umin" | "fmin" | "imin"
    ) || lower.contains("min") && lower.len() <= 10
}

/// Arguments of a call expression.
pub fn call_args(call: Node) -> Vec<Node> {
    call.field("arguments")
        .map(ast::named_children)
        .unwrap_or_default()
        .into_iter()
        .filter(|n| n.node_kind() != "comment")
        .collect()
}

/// The called function's name (`strcpy`, or `obj->fn` as written); in C++, `std::system`
/// and `::system` are `system`.
pub fn call_name<'a>(call: Node, src: &'a str) -> &'a str {
    let name = call.field("function").map(|f| text(f, src)).unwrap_or("");
    name.strip_prefix("std::")
        .or_else(|| name.strip_prefix("::"))
        .unwrap_or(name)
}

/// The value of a C string literal (without quotes; escapes kept raw).
pub fn string_literal(node: Node, src: &str) -> Option<String> {
    match node.node_kind() {
        "string_literal" => {
            let mut out = String::new();
            for c in ast::named_children(node) {
                if matches!(c.node_kind(), "string_content" | "escape_sequence") {
                    out.push_str(text(c, src));
                }
            }
            Some(out)
        }
        "concatenated_string" => {
            let mut out = String::new();
            for c in ast::named_children(node) {
                out.push_str(&string_literal(c, src)?);
            }
            Some(out)
        }
        _ => None,
    }
}

/// An expression's text without whitespace: `px->ft` and `px -> ft` name the same place.
/// The variable a function-pointer declarator declares: `(*fp)(char *)` → `fp`, `*h` → `h`;
/// `None` for a plain function prototype (`void f(int)`).
fn function_pointer_name<'t>(d: Node<'t>, src: &'t str) -> Option<&'t str> {
    let mut d = d;
    let mut through_pointer = false;
    loop {
        match d.node_kind() {
            "identifier" => return through_pointer.then(|| text(d, src)),
            "pointer_declarator" => through_pointer = true,
            "function_declarator" | "parenthesized_declarator" => {}
            _ => return None,
        }
        d = d.field("declarator").or_else(|| d.named_child(0))?;
    }
}

/// `&f` → `f`; anything else as it is.
fn strip_address_of(n: Node) -> Node {
    if n.node_kind() == "pointer_expression" && n.child(0).is_some_and(|c| c.node_kind() == "&") {
        n.field("argument").unwrap_or(n)
    } else {
        n
    }
}

pub fn squeezed(t: &str) -> String {
    t.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The expression inside any parentheses and casts: `((size_t)(n))` → `n`.
pub fn strip_parens_casts(mut n: Node) -> Node {
    while matches!(
        n.node_kind(),
        "parenthesized_expression" | "cast_expression"
    ) {
        match n
            .field("value")
            .or_else(|| n.named_child(n.named_child_count().saturating_sub(1) as u32))
        {
            Some(x) => n = x,
            None => break,
        }
    }
    n
}

/// [`strip_parens_casts`], and C++'s named casts too: `static_cast<char *>(malloc(n))` is
/// the call inside.
pub fn strip_all_casts<'t>(mut n: Node<'t>, src: &str) -> Node<'t> {
    loop {
        n = strip_parens_casts(n);
        let named_cast = n.node_kind() == "call_expression"
            && n.field("function").is_some_and(|f| {
                f.node_kind() == "template_function"
                    && f.field("name").is_some_and(|name| {
                        matches!(
                            text(name, src),
                            "static_cast" | "reinterpret_cast" | "const_cast"
                        )
                    })
            });
        match call_args(n).first() {
            Some(x) if named_cast => n = *x,
            _ => return n,
        }
    }
}
