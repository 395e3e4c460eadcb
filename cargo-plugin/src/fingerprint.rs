//! What a built component was made from, so that `cargo guest build` can leave a component
//! alone when none of it changed: the rustc artifact, the package's contract sources, the
//! build options and the `cargo-guest` executable itself (which carries the host contract and
//! the conformance rules), and the component as written. Each input is named by path, size and modification time, the way
//! cargo's own mtime-based freshness works, and the list is kept as text in the target
//! directory.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// The inputs of one component, in a stable order.
#[derive(Debug, PartialEq, Eq)]
pub struct Fingerprint(String);

impl Fingerprint {
    /// The fingerprint of a component built from `artifact` for the package in `package_dir`,
    /// with `options` describing everything else that shapes the output.
    pub fn of(artifact: &Path, package_dir: &Path, options: &str) -> Self {
        let mut text = format!("options {options}\n");
        stamp(&mut text, artifact);
        if let Ok(exe) = std::env::current_exe() {
            stamp(&mut text, &exe);
        }
        let mut sources = Vec::new();
        for folder in ["proto", "wit"] {
            files_under(&package_dir.join(folder), &mut sources);
        }
        sources.sort();
        for source in &sources {
            stamp(&mut text, source);
        }
        Self(text)
    }

    /// Where the fingerprint of `component` is kept: in `dir` (under the target directory,
    /// so that an `--out-dir` holds only components), named by the component's path.
    pub fn path(dir: &Path, component: &Path) -> PathBuf {
        use sha2::Digest as _;
        let digest = sha2::Sha256::digest(component.as_os_str().as_encoded_bytes());
        let name: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
        dir.join(format!("{name}.inputs"))
    }

    /// True when `component` was written from exactly these inputs and not touched since.
    pub fn matches(&self, dir: &Path, component: &Path) -> bool {
        component.is_file()
            && std::fs::read_to_string(Self::path(dir, component))
                .is_ok_and(|saved| saved == self.with_output(component))
    }

    /// Records these inputs for `component`, which was just written. Failing to do so only
    /// costs a rebuild later.
    pub fn save(&self, dir: &Path, component: &Path) {
        let _ = std::fs::create_dir_all(dir);
        let _ = std::fs::write(Self::path(dir, component), self.with_output(component));
    }

    fn with_output(&self, component: &Path) -> String {
        let mut text = self.0.clone();
        stamp(&mut text, component);
        text
    }
}

fn stamp(text: &mut String, path: &Path) {
    match std::fs::metadata(path) {
        Ok(meta) => {
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            let _ = writeln!(text, "{} {} {modified}", path.display(), meta.len());
        }
        Err(_) => {
            let _ = writeln!(text, "{} missing", path.display());
        }
    }
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_contract_or_option_or_missing_component_is_not_a_match() {
        let dir = tempfile::tempdir().unwrap();
        let artifact = dir.path().join("guest.wasm");
        let component = dir.path().join("out.wasm");
        std::fs::write(&artifact, b"core").unwrap();
        std::fs::create_dir_all(dir.path().join("proto/nested")).unwrap();
        std::fs::write(dir.path().join("proto/nested/a.proto"), "syntax").unwrap();

        let before = Fingerprint::of(&artifact, dir.path(), "release");
        assert!(
            !before.matches(dir.path(), &component),
            "no component written yet"
        );
        std::fs::write(&component, b"component").unwrap();
        before.save(dir.path(), &component);
        assert!(Fingerprint::of(&artifact, dir.path(), "release").matches(dir.path(), &component));
        std::fs::write(&component, b"edited by hand").unwrap();
        assert!(
            !before.matches(dir.path(), &component),
            "the component itself changed"
        );
        before.save(dir.path(), &component);
        assert!(!Fingerprint::of(&artifact, dir.path(), "debug").matches(dir.path(), &component));

        std::fs::write(dir.path().join("proto/nested/a.proto"), "syntax = 3").unwrap();
        assert!(!Fingerprint::of(&artifact, dir.path(), "release").matches(dir.path(), &component));
        std::fs::write(dir.path().join("wit.wit"), "not under wit/").unwrap();
        let after = Fingerprint::of(&artifact, dir.path(), "release");
        after.save(dir.path(), &component);
        std::fs::create_dir_all(dir.path().join("wit")).unwrap();
        std::fs::write(dir.path().join("wit/world.wit"), "package a:b;").unwrap();
        assert!(!Fingerprint::of(&artifact, dir.path(), "release").matches(dir.path(), &component));
    }
}
