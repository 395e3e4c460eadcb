//! Protobuf contracts: compiled in-process with protox into a `FileDescriptorSet`, with
//! errors that point at file:line:col.

use std::path::{Path, PathBuf};

use miette::Diagnostic;
use prost_types::FileDescriptorSet;

/// A contract that could not be read or compiled.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ProtoError(pub String);

/// Compiles `files`, resolving imports against `includes` (well-known types are built in).
pub fn compile(files: &[PathBuf], includes: &[PathBuf]) -> Result<FileDescriptorSet, ProtoError> {
    for file in files {
        if !file.is_file() {
            return Err(ProtoError(format!(
                "{}: no such proto file; paths are relative to the crate's Cargo.toml",
                file.display()
            )));
        }
    }
    protox::compile(files, includes).map_err(|e| ProtoError(render(&e, includes)))
}

/// The on-disk path of a descriptor's file name, if it was read from one of `includes`.
pub fn source_path(name: &str, includes: &[PathBuf]) -> Option<PathBuf> {
    includes
        .iter()
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// `path:line:col: message`, from the first labelled span protox reports.
fn render(e: &protox::Error, includes: &[PathBuf]) -> String {
    let message = e.to_string();
    let (Some(source), Some(label)) = (e.source_code(), e.labels().and_then(|mut l| l.next()))
    else {
        return match e.file() {
            Some(file) => format!("{}: {message}", display_path(file, includes)),
            None => message,
        };
    };
    match source.read_span(label.inner(), 0, 0) {
        Ok(span) => {
            let file = span.name().or(e.file()).unwrap_or("<proto>");
            let hint = label.label().map(|l| format!(" ({l})")).unwrap_or_default();
            format!(
                "{}:{}:{}: {message}{hint}",
                display_path(file, includes),
                span.line() + 1,
                span.column() + 1
            )
        }
        Err(_) => message,
    }
}

fn display_path(name: &str, includes: &[PathBuf]) -> String {
    source_path(name, includes)
        .unwrap_or_else(|| Path::new(name).to_path_buf())
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn syntax_error_names_file_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let file = write(
            dir.path(),
            "bad.proto",
            "syntax = \"proto3\";\npackage a;\nmessage M {\n  int32 x = ;\n}\n",
        );
        let e = compile(&[file], &[dir.path().to_path_buf()])
            .unwrap_err()
            .to_string();
        assert!(e.contains("bad.proto:4:"), "{e}");
    }

    #[test]
    fn unknown_type_is_reported_at_its_use() {
        let dir = tempfile::tempdir().unwrap();
        let file = write(
            dir.path(),
            "a.proto",
            "syntax = \"proto3\";\npackage a;\nmessage M {\n  Missing x = 1;\n}\n",
        );
        let e = compile(&[file], &[dir.path().to_path_buf()])
            .unwrap_err()
            .to_string();
        assert!(e.contains("a.proto:4:3") && e.contains("Missing"), "{e}");
    }

    #[test]
    fn missing_file_says_where_paths_are_relative_to() {
        let dir = tempfile::tempdir().unwrap();
        let e = compile(
            &[dir.path().join("nope.proto")],
            &[dir.path().to_path_buf()],
        )
        .unwrap_err();
        assert!(
            e.to_string().contains("relative to the crate's Cargo.toml"),
            "{e}"
        );
    }

    #[test]
    fn imports_and_well_known_types_resolve() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "common.proto",
            "syntax = \"proto3\";\npackage common;\nmessage Id { string v = 1; }\n",
        );
        let file = write(
            dir.path(),
            "svc.proto",
            "syntax = \"proto3\";\npackage svc;\nimport \"common.proto\";\nimport \"google/protobuf/timestamp.proto\";\nmessage R { common.Id id = 1; google.protobuf.Timestamp at = 2; }\n",
        );
        let fds = compile(&[file], &[dir.path().to_path_buf()]).unwrap();
        let names: Vec<_> = fds.file.iter().map(|f| f.name()).collect();
        assert!(
            names.contains(&"common.proto") && names.contains(&"svc.proto"),
            "{names:?}"
        );
    }
}
