//! The readers of the fast path, generated as JavaScript from the schemas (`gen readers` →
//! `pkg/readers.js`).
//!
//! One function per schema: it lists the object's own enumerable keys once (as `JSON.stringify`
//! and the generic path do: by `for-in`, for a plain object while `Object.prototype` has no
//! enumerable key; anything else takes the generic path), reads each key the schema knows,
//! picks the variant its discriminator names, and writes one cell pair per field into the
//! buffer, as `src/engine/layout.rs` lays it out; nested objects and short arrays of the schema
//! get blocks of their own. The code measures (kinds, lengths, enum positions, numbers); every
//! rule is judged by the engine, in wasm, over what it wrote.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::engine::layout::{
    body_cells, kind_code, measure, Measure, ARRAY_ITEMS, OBJECT_HEADER, ROOT_BLOCK, TREE_DEPTH, TREE_VALUES,
    UNKNOWN_KEYS,
};
use crate::engine::value::Kind;
use crate::engine::value::MAX_KEY_LEN;
use crate::schema::endpoints::ENDPOINTS;
use crate::schema::{Options, Schema};

/// The schemas under the endpoints' bodies, each once, numbered in the order met.
struct Schemas {
    list: Vec<&'static Schema>,
    index: BTreeMap<usize, usize>,
}

fn addr(s: &'static Schema) -> usize {
    s as *const Schema as usize
}

impl Schemas {
    fn collect() -> Schemas {
        let mut all = Schemas { list: Vec::new(), index: BTreeMap::new() };
        for e in &ENDPOINTS {
            all.add(e.body);
        }
        all
    }
    fn add(&mut self, s: &'static Schema) {
        if self.index.contains_key(&addr(s)) {
            return;
        }
        self.index.insert(addr(s), self.list.len());
        self.list.push(s);
        for v in s.variants_and_base() {
            for f in s.fields_for(v) {
                self.add_measure(measure(&f.ty, s), s);
            }
        }
    }
    fn add_measure(&mut self, m: Measure, owner: &'static Schema) {
        match m {
            Measure::Object(inner) => self.add(inner),
            Measure::Array(item) => self.add_measure(measure(item, owner), owner),
            _ => {}
        }
    }
    fn name(&self, s: &'static Schema) -> String {
        format!("s{}", self.index.get(&addr(s)).copied().unwrap_or(0))
    }
}

fn js(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

/// A stable key for comparing measurements across variants.
fn measure_key(m: Measure) -> (u8, usize) {
    match m {
        Measure::Plain => (0, 0),
        Measure::Length => (1, 0),
        Measure::CodePoints(max) => (2, max as usize),
        Measure::Options(o) => (3, o.id()),
        Measure::Object(s) => (4, addr(s)),
        Measure::Array(item) => (5, item as *const _ as usize),
        Measure::Tree => (6, 0),
    }
}

/// Code that measures the value `v` into the cell pair at `c` (JS expressions); blocks go at `n`
/// (a variable), which it advances. `depth` keeps the names of nested loops apart.
fn emit(out: &mut String, all: &Schemas, m: Measure, owner: &'static Schema, v: &str, c: &str, depth: usize) {
    let string = kind_code(Kind::String);
    match m {
        // K measures any value with its plain payload (a string's UTF-16 length).
        Measure::Plain | Measure::Length => {
            let _ = writeln!(out, "K({v}, {c});");
        }
        Measure::CodePoints(max) => {
            let _ = writeln!(out, "C({v}, {c}, {max});");
        }
        Measure::Options(options) => {
            let _ = writeln!(out, "if (typeof {v} === \"string\") {{ V[{c}] = {v}; B[{c}] = {string}; B[{c} + 1] = {}; }} else K({v}, {c});", position(options, v));
        }
        Measure::Tree => {
            let _ = writeln!(
                out,
                "if (typeof {v} === \"object\" && {v} !== null) {{ V[{c}] = {v}; B[{c}] = Array.isArray({v}) ? {} : {}; B[{c} + 1] = T({v}, 0); }} else K({v}, {c});",
                kind_code(Kind::Array),
                kind_code(Kind::Object)
            );
        }
        Measure::Object(inner) => {
            let _ = writeln!(
                out,
                "if (typeof {v} === \"object\" && {v} !== null && !Array.isArray({v})) {{ V[{c}] = {v}; B[{c}] = {}; B[{c} + 1] = n; n = {}({v}, n); }} else K({v}, {c});",
                kind_code(Kind::Object),
                all.name(inner)
            );
        }
        Measure::Array(item) => {
            let (len, e, j, w, d) = (
                format!("len{depth}"),
                format!("e{depth}"),
                format!("j{depth}"),
                format!("w{depth}"),
                format!("d{depth}"),
            );
            let _ = writeln!(out, "if (Array.isArray({v})) {{");
            let _ = writeln!(out, "V[{c}] = {v}; B[{c}] = {}; const {len} = {v}.length;", kind_code(Kind::Array));
            let _ = writeln!(out, "if ({len} >>> 0 === {len} && {len} <= {ARRAY_ITEMS}) {{");
            let _ = writeln!(out, "B[{c} + 1] = n; B[n] = {len}; const {e} = n + 1; n = {e} + 2 * {len};");
            let _ = writeln!(
                out,
                "for (let {j} = 0; {j} < {len}; {j}++) {{ const {w} = {v}[{j}]; const {d} = {e} + 2 * {j};"
            );
            emit(out, all, measure(item, owner), owner, &w, &d, depth + 1);
            let _ = writeln!(out, "}}\n}} else B[{c} + 1] = -1;\n}} else K({v}, {c});");
        }
    }
}

/// A JS expression: the index of the string `v` among `options`, -1 for none (the first of equal
/// values, as `indexOf`), by a function written once per list.
fn position(options: Options, v: &str) -> String {
    let name = OPTION_FNS.with(|fns| {
        let mut fns = fns.borrow_mut();
        let n = fns.len();
        let (name, _) = fns.entry(options.id()).or_insert_with(|| {
            let mut seen = Vec::new();
            let mut cases = String::new();
            for (i, o) in options.iter().enumerate() {
                if seen.contains(&o) {
                    continue;
                }
                seen.push(o);
                let _ = write!(cases, "case {}: return {i}; ", js(o));
            }
            let name = format!("E{n}");
            let code = format!("function {name}(x) {{ switch (x) {{ {cases}default: return -1; }} }}\n");
            (name, code)
        });
        name.clone()
    });
    format!("{name}({v})")
}

thread_local! {
    /// The position functions written so far: options id → (name, code).
    static OPTION_FNS: std::cell::RefCell<BTreeMap<usize, (String, String)>> = const { std::cell::RefCell::new(BTreeMap::new()) };
}

fn schema_fn(out: &mut String, all: &Schemas, s: &'static Schema) {
    let name = all.name(s);
    let _ = writeln!(out, "function {name}(o, at) {{");
    // for-in lists exactly the own enumerable keys of an object whose prototype is
    // Object.prototype while that has no enumerable keys (checked around each body), without
    // the array Object.keys makes; any other object takes the generic path.
    let _ = writeln!(out, "if (getProto(o) !== OP) throw NOT_PLAIN;");
    let vars: Vec<String> = (0..s.fields.len()).map(|i| format!("v{i}")).collect();
    let _ = writeln!(out, "let keys = 0, x0 = xn;");
    // A key the schema does not define goes to the key list X with its value (at most
    // UNKNOWN_KEYS of them; past that the object's unknown keys are the generic reader's).
    let unknown = format!(
        "if (x0 >= 0) {{ if (xn - x0 < {}) {{ X[xn++] = k.length > {MAX_KEY_LEN} ? k.slice(0, {MAX_KEY_LEN}) : k; X[xn++] = o[k]; }} else x0 = -1; }}",
        2 * UNKNOWN_KEYS
    );
    if !vars.is_empty() {
        let _ = writeln!(out, "let {};", vars.join(", "));
    }
    let _ = writeln!(out, "for (const k in o) {{ keys++; switch (k) {{");
    for (i, f) in s.fields.iter().enumerate() {
        let _ = writeln!(out, "case {k}: v{i} = o[{k}]; break;", k = js(f.name));
    }
    let _ = writeln!(out, "default: {unknown}\n}} }}");
    let _ = writeln!(out, "B[at] = keys; B[at + 2] = x0; B[at + 3] = x0 < 0 ? 0 : (xn - x0) / 2;");
    match s.union.and_then(|u| s.fields.iter().position(|f| f.name == u.tag)) {
        Some(t) => {
            let _ = writeln!(
                out,
                "const x = typeof v{t} === \"string\" ? {} : -1;",
                position(s.tag_options(), &format!("v{t}"))
            );
        }
        None => {
            let _ = writeln!(out, "const x = -1;");
        }
    }
    let _ = writeln!(out, "B[at + 1] = x;");
    let _ = writeln!(out, "let n = at + {};", OBJECT_HEADER + 2 * s.fields.len());
    let union: Vec<_> = s.union.map(|u| u.variants.iter().collect()).unwrap_or_default();
    for (i, base) in s.fields.iter().enumerate() {
        let c = format!("at + {}", OBJECT_HEADER + 2 * i);
        let base_m = measure(&base.ty, s);
        // The variants whose field i is measured otherwise than the base field.
        let mut groups: Vec<(Measure, Vec<usize>)> = Vec::new();
        for (x, v) in union.iter().enumerate() {
            let f = s.fields_for(Some(v)).nth(i).unwrap_or(base);
            let m = measure(&f.ty, s);
            if measure_key(m) == measure_key(base_m) {
                continue;
            }
            match groups.iter_mut().find(|(g, _)| measure_key(*g) == measure_key(m)) {
                Some((_, xs)) => xs.push(x),
                None => groups.push((m, vec![x])),
            }
        }
        let var = format!("v{i}");
        if groups.is_empty() {
            emit(out, all, base_m, s, &var, &c, 0);
        } else {
            let _ = writeln!(out, "switch (x) {{");
            for (m, xs) in groups {
                for x in xs {
                    let _ = write!(out, "case {x}: ");
                }
                let _ = writeln!(out, "{{");
                emit(out, all, m, s, &var, &c, 0);
                let _ = writeln!(out, "break; }}");
            }
            let _ = writeln!(out, "default: {{");
            emit(out, all, base_m, s, &var, &c, 0);
            let _ = writeln!(out, "}} }}");
        }
    }
    let _ = writeln!(out, "return n;\n}}");
}

/// `pkg/readers.js`: `CELLS` (the buffer size every body fits) and `readers()`, which makes one
/// set of readers over its own buffer view and value list (one per wasm instance).
pub fn readers() -> String {
    let all = Schemas::collect();
    let cells = ENDPOINTS.iter().map(|e| body_cells(e.body)).max().unwrap_or(0);
    let mut out = String::new();
    out.push_str(
        "// Generated from the Rust schemas by `cargo run --bin gen -- readers` (src/gen/readers.rs). Do not edit.\n\
         // The fast path's readers: each measures a body into the buffer as src/engine/layout.rs lays it out;\n\
         // the engine judges it in wasm (src/wasm/fast.rs). They measure; they never judge.\n",
    );
    let _ = writeln!(out, "/** Cells (f64) that every body fits. */\nexport const CELLS = {cells};");
    out.push_str(
        "/**\n * One set of readers, over its own buffer view (`view(b)`, again whenever wasm memory grows) and\n \
         * value list `V` (the value measured at each cell, for what a measurement cannot answer).\n \
         * `read[i](body)` measures a body of endpoint i and returns the cells used, or -1 (without\n \
         * writing anything) for a body that is no object; it throws whatever the body's getters or\n \
         * Proxy traps throw.\n * @returns {{ V: unknown[], keys(): unknown[], clear(used: number): void, view(b: Float64Array): void, read: ((body: unknown) => number)[] }}\n */\n",
    );
    out.push_str(
        "// Thrown (and caught by js/validate.js, which then takes the generic path) for an object that is\n\
         // not plain, or when Object.prototype gained an enumerable key while a body was read.\n\
         const NOT_PLAIN = Object.freeze({ notPlain: true });\nconst OP = Object.prototype;\nconst getProto = Object.getPrototypeOf;\nconst EMPTY = {};\n\
         /** Whether Object.prototype has an enumerable key (for-in would list it in every object). */\n\
         function polluted() {\nfor (const _ in EMPTY) return true;\nreturn false;\n}\n",
    );
    out.push_str(
        "export function readers() {\nlet B = new Float64Array(0);\nconst V = new Array(CELLS).fill(undefined);\nconst X = [];\nlet xn = 0;\n",
    );
    let _ = writeln!(
        out,
        "function K(v, c) {{\nswitch (typeof v) {{\n\
         case \"undefined\": B[c] = {u}; B[c + 1] = 0; return;\n\
         case \"boolean\": B[c] = {b}; B[c + 1] = v ? 1 : 0; return;\n\
         case \"number\": if (Number.isFinite(v)) {{ B[c] = {num}; B[c + 1] = v; }} else {{ B[c] = {other}; B[c + 1] = 0; }} return;\n\
         case \"string\": V[c] = v; B[c] = {s}; B[c + 1] = v.length; return;\n\
         case \"object\": V[c] = v; B[c] = v === null ? {null} : Array.isArray(v) ? {arr} : {obj}; B[c + 1] = -1; return;\n\
         default: V[c] = v; B[c] = {other}; B[c + 1] = 0;\n}}\n}}",
        u = kind_code(Kind::Undefined),
        b = kind_code(Kind::Bool),
        num = kind_code(Kind::Number),
        other = kind_code(Kind::Other),
        s = kind_code(Kind::String),
        null = kind_code(Kind::Null),
        arr = kind_code(Kind::Array),
        obj = kind_code(Kind::Object),
    );
    let _ = writeln!(
        out,
        "function C(v, c, max) {{ if (typeof v === \"string\") {{ V[c] = v; B[c] = {}; B[c + 1] = v.length <= max ? v.length : P(v); }} else K(v, c); }}",
        kind_code(Kind::String)
    );
    out.push_str(
        "function P(v) {\nlet n = v.length;\nfor (let i = 0; i < v.length; i++) {\nconst c = v.charCodeAt(i);\n\
         if (c >= 0xd800 && c <= 0xdbff && i + 1 < v.length) { const d = v.charCodeAt(i + 1); if (d >= 0xdc00 && d <= 0xdfff) { n--; i++; } }\n}\nreturn n;\n}\n",
    );
    // T: the size of a tree of JSON values, read as the engine's walk reads it (Object.keys, which
    // throws where the walk finds a container unreadable; every element up to the length), or -1.
    let _ = writeln!(
        out,
        "function T(v, d) {{\nif (d >= {TREE_DEPTH}) return -1;\nconst arr = Array.isArray(v);\n\
         const len = arr ? v.length : 0;\nif (arr && !(typeof len === \"number\" && len >>> 0 === len && len <= {TREE_VALUES})) return -1;\n\
         const ks = Object.keys(v);\nconst n = arr ? len : ks.length;\nif (n > {TREE_VALUES}) return -1;\nlet size = 1;\n\
         for (let i = 0; i < n; i++) {{\nconst e = arr ? v[i] : v[ks[i]];\nswitch (typeof e) {{\n\
         case \"string\": case \"boolean\": case \"undefined\": size++; break;\n\
         case \"number\": if (!Number.isFinite(e)) return -1; size++; break;\n\
         case \"object\": if (e === null) size++; else {{ const m = T(e, d + 1); if (m < 0) return -1; size += m; }} break;\n\
         default: return -1;\n}}\nif (size > {TREE_VALUES}) return -1;\n}}\nreturn size;\n}}"
    );
    OPTION_FNS.with(|fns| fns.borrow_mut().clear());
    let mut body = String::new();
    for s in &all.list {
        schema_fn(&mut body, &all, s);
    }
    OPTION_FNS.with(|fns| fns.borrow().values().for_each(|(_, code)| out.push_str(code)));
    out.push_str(&body);
    let read: Vec<String> = ENDPOINTS
        .iter()
        .map(|e| {
            format!(
                "(o) => {{ if (typeof o !== \"object\" || o === null || Array.isArray(o) || polluted()) return -1; xn = 0; V[0] = o; B[0] = {}; B[1] = {ROOT_BLOCK}; const n = {}(o, {ROOT_BLOCK}); if (polluted()) throw NOT_PLAIN; return n; }}",
                kind_code(Kind::Object),
                all.name(e.body)
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "/** Forgets the values of the body just read (`used`: the cells it used). */\n\
         function clear(used) {{\nV.fill(undefined, 0, used);\nif (xn > 0) {{ if (xn > 4096) X.length = 0; else X.fill(undefined, 0, xn); xn = 0; }}\n}}\n\
         return {{ V, keys: () => X, clear, view(b) {{ B = b; }}, read: [\n{}\n] }};\n}}",
        read.join(",\n")
    );
    out
}
