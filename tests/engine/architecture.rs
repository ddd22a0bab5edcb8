//! The layout of `src/` is a map of the architecture, and stays one: no
//! two files use each other, directly or round a circle. A file uses
//! another when one of its `use` declarations, or a `crate::…` or
//! `super::…` path in its code, names an item that the other file defines
//! (a `pub use` re-export is followed to the file that defines the item;
//! the re-export itself is not a use).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Source text with comments, strings and character literals blanked out
/// (newlines kept), so paths in them are not taken for code.
fn code_of(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !ident_before(&chars, i) {
            let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let mut j = i + 2 + hashes;
            while j < chars.len() {
                if chars[j] == '"' && chars[j + 1..].iter().take(hashes).all(|&c| c == '#') {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.extend(chars[i..j.min(chars.len())].iter().map(|&c| blank(c)));
            i = j;
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            out.extend(chars[i..(j + 1).min(chars.len())].iter().map(|&c| blank(c)));
            i = j + 1;
        } else if c == '\'' && is_char_literal(&chars, i) {
            let end = chars[i + 1..]
                .iter()
                .position(|&c| c == '\'')
                .map_or(chars.len(), |p| i + 2 + p);
            out.extend(chars[i..end].iter().map(|&c| blank(c)));
            i = end;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// `'a'`, `'\n'`, `'\u{1F600}'`, not a lifetime such as `'a`.
fn is_char_literal(chars: &[char], i: usize) -> bool {
    match chars.get(i + 1) {
        Some('\\') => true,
        Some(_) => chars.get(i + 2) == Some(&'\''),
        None => false,
    }
}

/// `a::{b, c::{d, e}}` as `a::b`, `a::c::d`, `a::c::e` (aliases dropped).
fn expand(tree: &str, prefix: &str, out: &mut Vec<String>) {
    let mut depth = 0;
    let mut part = String::new();
    let mut parts = Vec::new();
    for c in tree.chars().filter(|c| !c.is_whitespace()) {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth == 0 {
            parts.push(std::mem::take(&mut part));
        } else {
            part.push(c);
        }
    }
    parts.push(part);
    for part in parts.into_iter().filter(|p| !p.is_empty()) {
        match part.find('{') {
            Some(open) if part.ends_with('}') => {
                let inner = &part[open + 1..part.len() - 1];
                expand(inner, &format!("{prefix}{}", &part[..open]), out);
            }
            _ => {
                let path = part.split("as").next().unwrap_or(&part);
                out.push(format!("{prefix}{path}"));
            }
        }
    }
}

/// One source file: its module path and what it names.
struct File {
    module: Vec<String>,
    /// `use` paths, and whether each is a re-export.
    uses: Vec<(bool, Vec<String>)>,
    /// `crate::…` and `super::…` paths in its code.
    paths: Vec<Vec<String>>,
}

fn segments(path: &str) -> Vec<String> {
    path.split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn parse(module: Vec<String>, source: &str) -> File {
    let code = code_of(source);
    let mut uses = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = find_word(rest, "use") {
        let before = rest[..at].trim_end();
        let is_pub = before.ends_with("pub") || before.ends_with(')') && before.contains("pub(");
        let after = &rest[at + 3..];
        let end = after.find(';').unwrap_or(after.len());
        let mut paths = Vec::new();
        expand(&after[..end], "", &mut paths);
        uses.extend(paths.iter().map(|p| (is_pub, segments(p))));
        rest = &after[end..];
    }
    let mut paths = Vec::new();
    for start in ["crate::", "super::"] {
        let mut rest = code.as_str();
        while let Some(at) = find_word(rest, start.trim_end_matches(':')) {
            let tail = &rest[at..];
            let len = tail
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(tail.len());
            if tail[..len].starts_with(start) {
                paths.push(segments(&tail[..len]));
            }
            rest = &rest[at + start.len().min(len.max(1))..];
        }
    }
    File {
        module,
        uses,
        paths,
    }
}

/// Where `word` starts as a whole word in `text`.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = text[from..].find(word).map(|p| p + from) {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        if boundary(before) && boundary(after) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

struct Crate {
    files: BTreeMap<PathBuf, File>,
    by_module: BTreeMap<Vec<String>, PathBuf>,
}

impl Crate {
    fn read(src: &Path) -> Self {
        let mut files = BTreeMap::new();
        let mut pending = vec![src.to_path_buf()];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    pending.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") || path.ends_with("main.rs") {
                    continue;
                }
                let relative = path.strip_prefix(src).unwrap().with_extension("");
                let mut module: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if module.last().is_some_and(|m| m == "mod" || m == "lib") {
                    module.pop();
                }
                let source = std::fs::read_to_string(&path).unwrap();
                files.insert(path, parse(module, &source));
            }
        }
        let by_module = files
            .iter()
            .map(|(path, file)| (file.module.clone(), path.clone()))
            .collect();
        Self { files, by_module }
    }

    /// A path as seen from `module`, made absolute; `None` for another crate.
    fn absolute(&self, module: &[String], path: &[String]) -> Option<Vec<String>> {
        let first = path.first()?;
        if first == "crate" {
            return Some(path[1..].to_vec());
        }
        if first == "super" || first == "self" {
            let mut at = module.to_vec();
            let mut rest = path;
            while let Some(head) = rest.first().filter(|h| *h == "super" || *h == "self") {
                if head == "super" {
                    at.pop();
                }
                rest = &rest[1..];
            }
            at.extend_from_slice(rest);
            return Some(at);
        }
        let child: Vec<String> = module.iter().chain([first]).cloned().collect();
        self.by_module.contains_key(&child).then(|| {
            let mut at = module.to_vec();
            at.extend_from_slice(path);
            at
        })
    }

    /// The file that defines what `path` names, following re-exports.
    fn resolve(&self, path: &[String], depth: usize) -> Option<&PathBuf> {
        let mut module: Vec<String> = Vec::new();
        for (i, segment) in path.iter().enumerate() {
            if segment == "*" || segment == "self" {
                break;
            }
            let child: Vec<String> = module.iter().chain([segment]).cloned().collect();
            if self.by_module.contains_key(&child) {
                module = child;
                continue;
            }
            let file = self.by_module.get(&module).and_then(|p| self.files.get(p));
            let reexport = file.and_then(|f| {
                f.uses
                    .iter()
                    .find(|(is_pub, p)| *is_pub && p.last() == Some(segment))
            });
            if let Some((_, target)) = reexport
                && depth < 10
                && let Some(target) = self.absolute(&module, target)
                && target != child
            {
                let mut full = target;
                full.extend_from_slice(&path[i + 1..]);
                if let Some(found) = self.resolve(&full, depth + 1) {
                    return Some(found);
                }
            }
            break;
        }
        self.by_module.get(&module)
    }

    /// Which files each file uses.
    fn uses(&self) -> BTreeMap<&PathBuf, BTreeSet<&PathBuf>> {
        let mut edges = BTreeMap::new();
        for (path, file) in &self.files {
            let named = file
                .uses
                .iter()
                .filter(|(is_pub, _)| !is_pub)
                .map(|(_, p)| p)
                .chain(&file.paths);
            let targets = named
                .filter_map(|p| self.absolute(&file.module, p))
                .filter_map(|p| self.resolve(&p, 0))
                .filter(|target| *target != path)
                .collect();
            edges.insert(path, targets);
        }
        edges
    }
}

/// The circles among `edges`: groups of files each reachable from every
/// other (Tarjan's strongly connected components of more than one file).
fn circles<'a>(edges: &BTreeMap<&'a PathBuf, BTreeSet<&'a PathBuf>>) -> Vec<Vec<&'a PathBuf>> {
    struct Walk<'a, 'e> {
        edges: &'e BTreeMap<&'a PathBuf, BTreeSet<&'a PathBuf>>,
        index: BTreeMap<&'a PathBuf, usize>,
        low: BTreeMap<&'a PathBuf, usize>,
        stack: Vec<&'a PathBuf>,
        found: Vec<Vec<&'a PathBuf>>,
    }
    impl<'a> Walk<'a, '_> {
        fn visit(&mut self, v: &'a PathBuf) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            for &w in self.edges.get(v).into_iter().flatten() {
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.stack.contains(&w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let at = self.stack.iter().position(|&x| x == v).unwrap();
                let group = self.stack.split_off(at);
                if group.len() > 1 {
                    self.found.push(group);
                }
            }
        }
    }
    let mut walk = Walk {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for &v in edges.keys() {
        if !walk.index.contains_key(v) {
            walk.visit(v);
        }
    }
    walk.found
}

#[test]
fn no_two_files_of_src_use_each_other_round_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let krate = Crate::read(&src);
    assert!(krate.files.len() > 100, "read {} files", krate.files.len());
    let edges = krate.uses();
    let found = circles(&edges);
    let shown: Vec<String> = found
        .iter()
        .map(|group| {
            let names: Vec<String> = group
                .iter()
                .map(|p| p.strip_prefix(&src).unwrap().display().to_string())
                .collect();
            names.join(" ↔ ")
        })
        .collect();
    assert!(shown.is_empty(), "import circles:\n{}", shown.join("\n"));
}

#[test]
fn the_check_finds_a_circle_when_there_is_one() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::write(src.join("lib.rs"), "mod a;\nmod b;\nmod c;\n").unwrap();
    std::fs::write(src.join("a.rs"), "use crate::b::B;\npub struct A;\n").unwrap();
    std::fs::create_dir(src.join("b")).unwrap();
    std::fs::write(
        src.join("b/mod.rs"),
        "mod inner;\npub use inner::B;\n// use crate::c; in a comment\n",
    )
    .unwrap();
    std::fs::write(
        src.join("b/inner.rs"),
        "pub struct B(crate::a::A);\nconst S: &str = \"super::c\";\n",
    )
    .unwrap();
    std::fs::write(src.join("c.rs"), "pub use super::a::A;\n").unwrap();
    let krate = Crate::read(src);
    let edges = krate.uses();
    let found = circles(&edges);
    assert_eq!(found.len(), 1, "a ↔ b/inner through b's re-export");
    let mut names: Vec<_> = found[0]
        .iter()
        .map(|p| p.strip_prefix(src).unwrap().to_path_buf())
        .collect();
    names.sort();
    assert_eq!(names, [PathBuf::from("a.rs"), PathBuf::from("b/inner.rs")]);
}
