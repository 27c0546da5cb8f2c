//! The dependencies between Lectern's top-level modules run one way: no module reaches, through
//! `crate::` paths in its files (tests included), a module that reaches back to it, and the
//! app's state knows nothing of drawing. Read from the source, so a new `use` that ties a knot
//! fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every `.rs` file under `dir`.
fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to (`src/app/search.rs` → `app`); `None` for the crate
/// root and the binary.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_owned())
}

/// The top-level modules named in `crate::name` paths in `text`, also inside braces
/// (`use crate::{app, ui}`).
fn referenced(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let word = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let name = word(part.trim());
                if !name.is_empty() {
                    names.insert(name);
                }
            }
        } else {
            let name = word(rest);
            if !name.is_empty() {
                names.insert(name);
            }
        }
    }
    names
}

/// Module → the other top-level modules it names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in all {
        let Some(module) = module_of(&src, &file) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).expect("read a source file");
        let entry = graph.entry(module.clone()).or_default();
        entry.extend(referenced(&text).into_iter().filter(|m| *m != module));
    }
    graph
}

/// A cycle through `start`, if there is one: the modules on it, in order.
fn cycle_from(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_owned(), vec![start.to_owned()])];
    let mut seen = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for next in graph.get(&node).into_iter().flatten() {
            if next == start {
                let mut cycle = path.clone();
                cycle.push(start.to_owned());
                return Some(cycle);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push((next.clone(), longer));
            }
        }
    }
    None
}

#[test]
fn no_two_modules_depend_on_each_other() {
    let graph = graph();
    assert!(graph.len() > 10, "{graph:?}");
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|m| cycle_from(&graph, m))
        .map(|c| c.join(" → "))
        .collect();
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_app_knows_nothing_of_drawing() {
    let graph = graph();
    let app = &graph["app"];
    for drawing in ["ui", "theme", "run", "effects", "terminal", "cli"] {
        assert!(!app.contains(drawing), "app uses {drawing}: {app:?}");
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app");
    let mut all = Vec::new();
    files(&src, &mut all);
    for file in all {
        let text = std::fs::read_to_string(&file).expect("read");
        assert!(
            !text.contains("ratatui"),
            "{} names ratatui",
            file.display()
        );
    }
}

/// The checks above must be able to fail.
#[test]
fn a_cycle_and_braced_paths_are_found() {
    let refs = referenced("use crate::{app, ui::Areas};\nlet x = crate::search::Query::parse(q);");
    assert_eq!(
        refs.into_iter().collect::<Vec<_>>(),
        ["app", "search", "ui"]
    );
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    graph.entry("a".into()).or_default().insert("b".into());
    graph.entry("b".into()).or_default().insert("c".into());
    assert_eq!(cycle_from(&graph, "a"), None);
    graph.entry("c".into()).or_default().insert("a".into());
    assert_eq!(
        cycle_from(&graph, "a"),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
}
