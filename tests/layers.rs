//! The crate's layers, checked: each module imports only modules of its own layer or of the layers
//! above it, and no modules import each other in a circle. See ARCHITECTURE.md.
//!
//! Layers, top first: `schema` (data), `engine` (rules), `http` and `gen` (beside each other,
//! over the two above), `wasm` (the binding), `bin` (build steps). Code under `#[cfg(test)]` is
//! not counted.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn rank(layer: &str) -> Option<u8> {
    match layer {
        "schema" => Some(0),
        "engine" => Some(1),
        "http" | "gen" => Some(2),
        "wasm" => Some(3),
        "bin" => Some(4),
        _ => None,
    }
}

/// `src/engine/issue.rs` → `engine::issue`; `src/schema/mod.rs` → `schema`.
fn module_of(rel: &Path) -> String {
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("::")
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The modules a source file names (`crate::a::b`, `super::b`, `workspace_requests::a`), at most
/// two segments deep, outside its tests.
fn imports(module: &str, text: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    let parent: Vec<&str> = {
        let mut p: Vec<&str> = module.split("::").collect();
        p.pop();
        p
    };
    let mut out = BTreeSet::new();
    for (prefix, base) in [("crate::", Vec::new()), ("workspace_requests::", Vec::new()), ("super::", parent.clone())] {
        let mut rest = code;
        while let Some(i) = rest.find(prefix) {
            let before = rest[..i].chars().last();
            rest = &rest[i + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let segs: Vec<&str> = rest
                .split("::")
                .take(2)
                .map(|s| s.split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or(""))
                .take_while(|s| !s.is_empty())
                .collect();
            let mut path: Vec<&str> = base.clone();
            path.extend(segs);
            // The longest known module the path starts with.
            while !path.is_empty() {
                let name = path.join("::");
                if known.contains(&name) {
                    if name != module {
                        out.insert(name);
                    }
                    break;
                }
                path.pop();
            }
        }
    }
    out
}

#[test]
fn layers_import_downwards_and_modules_form_no_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    files(&src, &mut paths);
    let modules: BTreeMap<String, String> = paths
        .iter()
        .filter_map(|p| {
            let rel = p.strip_prefix(&src).ok()?;
            (rel != Path::new("lib.rs")).then(|| (module_of(rel), std::fs::read_to_string(p).unwrap_or_default()))
        })
        .collect();
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    assert!(known.contains("engine::validate") && known.contains("schema::model"), "the layout moved: {known:?}");
    let graph: BTreeMap<&String, BTreeSet<String>> =
        modules.iter().map(|(m, text)| (m, imports(m, text, &known))).collect();

    let layer = |m: &str| m.split("::").next().unwrap_or("").to_string();
    let mut wrong = Vec::new();
    for (m, deps) in &graph {
        let Some(own) = rank(&layer(m)) else {
            wrong.push(format!("{m} is in no layer"));
            continue;
        };
        for d in deps {
            let theirs = rank(&layer(d)).unwrap_or(u8::MAX);
            if theirs > own || (theirs == own && layer(d) != layer(m)) {
                wrong.push(format!("{m} imports {d}, a layer below or beside it"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // A cycle between modules: depth-first search with colours.
    fn visit<'a>(
        m: &'a str,
        graph: &'a BTreeMap<&String, BTreeSet<String>>,
        state: &mut BTreeMap<&'a str, u8>,
        stack: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        match state.get(m) {
            Some(2) => return None,
            Some(1) => {
                let start = stack.iter().position(|s| *s == m).unwrap_or(0);
                let mut cycle: Vec<String> = stack[start..].iter().map(|s| s.to_string()).collect();
                cycle.push(m.to_string());
                return Some(cycle);
            }
            _ => {}
        }
        state.insert(m, 1);
        stack.push(m);
        let deps = graph.iter().find(|(k, _)| k.as_str() == m).map(|(_, d)| d);
        for d in deps.into_iter().flatten() {
            // A module's parent (`schema` for `schema::model`) re-exports it: not a real edge back.
            if m.starts_with(&format!("{d}::")) {
                continue;
            }
            if let Some(c) = visit(d, graph, state, stack) {
                return Some(c);
            }
        }
        stack.pop();
        state.insert(m, 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in graph.keys() {
        let mut stack = Vec::new();
        if let Some(cycle) = visit(m, &graph, &mut state, &mut stack) {
            panic!("modules import each other in a circle: {}", cycle.join(" → "));
        }
    }
}
