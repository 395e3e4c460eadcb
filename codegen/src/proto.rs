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
    let fds = protox::compile(files, includes).map_err(|e| ProtoError(render(&e, includes)))?;
    refuse_reserved_names(&fds, includes)?;
    Ok(fds)
}

/// Every message and enum of `file`, nested ones too, with its source-info path and its name
/// inside the package (`Order.Line`).
type Declarations<'a> = (
    Vec<(&'a prost_types::DescriptorProto, Vec<i32>, String)>,
    Vec<(&'a prost_types::EnumDescriptorProto, Vec<i32>, String)>,
);

fn declarations(file: &prost_types::FileDescriptorProto) -> Declarations<'_> {
    // Paths into FileDescriptorProto: message_type = 4, enum_type = 5; DescriptorProto:
    // nested_type = 3, enum_type = 4.
    let mut pending: Vec<_> = (file.message_type.iter().enumerate())
        .map(|(i, m)| (m, vec![4, i as i32], m.name().to_owned()))
        .collect();
    let mut enums: Vec<_> = (file.enum_type.iter().enumerate())
        .map(|(i, e)| (e, vec![5, i as i32], e.name().to_owned()))
        .collect();
    let mut messages = Vec::new();
    while let Some((message, path, name)) = pending.pop() {
        for (n, nested) in message.nested_type.iter().enumerate() {
            let full = format!("{name}.{}", nested.name());
            pending.push((nested, [&path[..], &[3, n as i32]].concat(), full));
        }
        for (e, nested) in message.enum_type.iter().enumerate() {
            let full = format!("{name}.{}", nested.name());
            enums.push((nested, [&path[..], &[4, e as i32]].concat(), full));
        }
        messages.push((message, path, name));
    }
    (messages, enums)
}

/// Refuses a field or enum value that bears a name its message or enum reserves, as protoc
/// does: a reservation says no field may bear that name again.
fn refuse_reserved_names(fds: &FileDescriptorSet, includes: &[PathBuf]) -> Result<(), ProtoError> {
    for file in &fds.file {
        let (messages, enums) = declarations(file);
        // (kind, its name, its owner, its path); field = 2 in a message, value = 2 in an enum.
        let mut clashes: Vec<(&str, &str, String, Vec<i32>)> = Vec::new();
        for (message, path, name) in messages {
            for (f, field) in message.field.iter().enumerate() {
                if message.reserved_name.iter().any(|r| r == field.name()) {
                    let at = [&path[..], &[2, f as i32]].concat();
                    clashes.push(("field", field.name(), name.clone(), at));
                }
            }
        }
        for (enumeration, path, name) in enums {
            for (v, value) in enumeration.value.iter().enumerate() {
                if enumeration.reserved_name.iter().any(|r| r == value.name()) {
                    let at = [&path[..], &[2, v as i32]].concat();
                    clashes.push(("value", value.name(), name.clone(), at));
                }
            }
        }
        if let Some((kind, bearer, owner, path)) =
            clashes.into_iter().min_by_key(|c| span_of(file, &c.3))
        {
            let at = span_of(file, &path)
                .map(|(line, col)| format!(":{line}:{col}"))
                .unwrap_or_default();
            return Err(ProtoError(format!(
                "{}{at}: {kind} `{bearer}` of `{owner}` bears a name `{owner}` reserves; a \
                 reserved name may not be used: rename the {kind}, or take `\"{bearer}\"` out \
                 of `reserved`",
                display_path(file.name(), includes),
            )));
        }
    }
    Ok(())
}

/// Refuses what compiles as protobuf but cannot become a guestkit contract, at its
/// file:line:col: a streaming rpc, and a name with no Rust name.
pub fn refuse_unsupported(fds: &FileDescriptorSet, includes: &[PathBuf]) -> Result<(), ProtoError> {
    refuse_unservable(fds, includes)?;
    refuse_nameless(fds, includes)
}

/// Refuses a package, message, enum, field, value, service or rpc whose name has no letter
/// or digit (`_`, `__`): prost-build makes Rust names of protobuf names in snake or camel
/// case, and those come out empty.
fn refuse_nameless(fds: &FileDescriptorSet, includes: &[PathBuf]) -> Result<(), ProtoError> {
    let nameless = |name: &str| !name.is_empty() && !name.chars().any(char::is_alphanumeric);
    for file in &fds.file {
        // Paths into FileDescriptorProto: package = 2, message_type = 4, enum_type = 5,
        // service = 6; DescriptorProto: field = 2, nested_type = 3, enum_type = 4;
        // EnumDescriptorProto.value = 2; ServiceDescriptorProto.method = 2.
        let mut named: Vec<(&str, &str, Vec<i32>)> = Vec::new();
        if file.package().split('.').any(nameless) {
            named.push(("package", file.package(), vec![2]));
        }
        let (messages, enums) = declarations(file);
        for (message, path, _) in messages {
            named.push(("message", message.name(), path.clone()));
            for (f, field) in message.field.iter().enumerate() {
                named.push(("field", field.name(), [&path[..], &[2, f as i32]].concat()));
            }
        }
        for (enumeration, path, _) in enums {
            named.push(("enum", enumeration.name(), path.clone()));
            for (v, value) in enumeration.value.iter().enumerate() {
                named.push(("value", value.name(), [&path[..], &[2, v as i32]].concat()));
            }
        }
        for (s, service) in file.service.iter().enumerate() {
            named.push(("service", service.name(), vec![6, s as i32]));
            for (m, method) in service.method.iter().enumerate() {
                named.push(("rpc", method.name(), vec![6, s as i32, 2, m as i32]));
            }
        }
        let Some((kind, name, path)) =
            (named.into_iter()).find(|(kind, name, _)| *kind == "package" || nameless(name))
        else {
            continue;
        };
        let at = span_of(file, &path)
            .map(|(line, col)| format!(":{line}:{col}"))
            .unwrap_or_default();
        return Err(ProtoError(format!(
            "{}{at}: {kind} `{name}` has no Rust name: a name of underscores alone becomes an \
             empty one; give it a letter",
            display_path(file.name(), includes),
        )));
    }
    Ok(())
}

/// Refuses `stream` rpcs: a guest's handler takes one request and returns one reply.
fn refuse_unservable(fds: &FileDescriptorSet, includes: &[PathBuf]) -> Result<(), ProtoError> {
    for file in &fds.file {
        for (s, service) in file.service.iter().enumerate() {
            for (m, method) in service.method.iter().enumerate() {
                // FileDescriptorProto.service = 6, ServiceDescriptorProto.method = 2,
                // MethodDescriptorProto.client_streaming = 5, server_streaming = 6.
                let field = match (method.client_streaming(), method.server_streaming()) {
                    (true, _) => 5,
                    (_, true) => 6,
                    _ => continue,
                };
                let method_path = [6, s as i32, 2, m as i32];
                let at = span_of(file, &[&method_path[..], &[field]].concat())
                    .or_else(|| span_of(file, &method_path))
                    .map(|(line, col)| format!(":{line}:{col}"))
                    .unwrap_or_default();
                let route = crate::service::route(file.package(), service.name(), method.name());
                return Err(ProtoError(format!(
                    "{}{at}: rpc {route} streams; guestkit services take one request and \
                     return one reply, so declare it without `stream` (use \
                     guestkit:host/streams for data streams)",
                    display_path(file.name(), includes)
                )));
            }
        }
    }
    Ok(())
}

/// The 1-based line and column where the element at `path` of `file` starts.
fn span_of(file: &prost_types::FileDescriptorProto, path: &[i32]) -> Option<(i32, i32)> {
    let info = file.source_code_info.as_ref()?;
    let loc = info.location.iter().find(|l| l.path == path)?;
    match loc.span[..] {
        [line, column, ..] => Some((line + 1, column + 1)),
        _ => None,
    }
}

/// Line breaks in comments as Rust doc comments take them: protobuf reads a lone `\r` as
/// part of a comment, Rust refuses a bare carriage return in a doc comment. Comments become
/// the generated code's docs, so each `\r\n` and lone `\r` becomes `\n`.
pub fn normalize_comments(fds: &mut FileDescriptorSet) {
    let fix = |c: &mut String| {
        if c.contains('\r') {
            *c = c.replace("\r\n", "\n").replace('\r', "\n");
        }
    };
    for info in fds
        .file
        .iter_mut()
        .filter_map(|f| f.source_code_info.as_mut())
    {
        for loc in &mut info.location {
            loc.leading_comments.as_mut().map(fix);
            loc.trailing_comments.as_mut().map(fix);
            loc.leading_detached_comments.iter_mut().for_each(fix);
        }
    }
}

/// The on-disk path of a descriptor's file name, if it was read from one of `includes`.
pub fn source_path(name: &str, includes: &[PathBuf]) -> Option<PathBuf> {
    includes
        .iter()
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// `path:line:col: message (label); help`, from the first labelled span protox reports.
fn render(e: &protox::Error, includes: &[PathBuf]) -> String {
    let help = e.help().map(|h| h.to_string());
    // protox-parse 0.10 titles a bad import path "invalid group name"; its help is right.
    let message = match &help {
        Some(h) if h.starts_with("imports may not") => "invalid import path".to_owned(),
        _ => e.to_string(),
    };
    let message = match help {
        Some(help) => format!("{message}; {help}"),
        None => message,
    };
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
    fn an_import_that_is_not_proto_is_blamed_on_the_import() {
        let dir = tempfile::tempdir().unwrap();
        let proto = dir.path().join("proto");
        std::fs::create_dir(&proto).unwrap();
        write(dir.path(), "Cargo.toml", "[package]\nname = \"x\"\n");
        let file = write(
            &proto,
            "a.proto",
            "syntax = \"proto3\";\npackage a;\nimport \"../Cargo.toml\";\nmessage M {}\n",
        );
        let e = compile(&[file], std::slice::from_ref(&proto))
            .unwrap_err()
            .to_string();
        assert!(e.contains("a.proto:3:8: invalid import path"), "{e}");
        assert!(e.contains("may not contain") && e.contains("'..'"), "{e}");
        assert!(!e.contains("group"), "{e}");
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
