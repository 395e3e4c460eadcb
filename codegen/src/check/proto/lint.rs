//! What one version of a contract says on its own: names, versioned packages, doc comments on
//! what an actor serves, unused imports and routes that collide.

use std::collections::{BTreeMap, BTreeSet};

use prost_types::{FileDescriptorProto, FileDescriptorSet};

use super::index::{Index, Place};
use crate::check::{Finding, Location};

/// Findings about one version of a contract on its own: names, versioned packages, doc
/// comments on what an actor serves, unused imports and routes that collide.
pub fn lint(set: &FileDescriptorSet) -> Vec<Finding> {
    let index = Index::new(set);
    let mut findings = Vec::new();
    let mut warn = |rule: &'static str, at: Option<Location>, message: String, hint: String| {
        findings.push(Finding::warning(rule, at, message).hint(hint));
    };
    let mut routes: BTreeMap<String, String> = BTreeMap::new();
    let mut collisions = Vec::new();
    for (name, file) in &index.files {
        let package = file.package();
        let last = package.rsplit('.').next().unwrap_or_default();
        if !is_version(last) {
            let at = index.at(&Place {
                file: name.to_string(),
                path: vec![2],
            });
            warn(
                "PROTO_PACKAGE_VERSIONED",
                at.or_else(|| index.file_at(name)),
                format!("package `{package}` of `{name}` has no version suffix"),
                format!(
                    "end it in a version (`{}v1`), so that a breaking change can move to a new \
                     package beside it",
                    if package.is_empty() {
                        String::new()
                    } else {
                        format!("{package}.")
                    }
                ),
            );
        }
        for unused in unused_imports(&index, name, file) {
            let line = file.dependency.iter().position(|d| d == unused);
            let at = line.and_then(|i| {
                index.at(&Place {
                    file: name.to_string(),
                    path: vec![3, i as i32],
                })
            });
            warn(
                "PROTO_IMPORT_USED",
                at.or_else(|| index.file_at(name)),
                format!("`{name}` imports `{unused}` but uses nothing from it"),
                format!("remove `import \"{unused}\";`"),
            );
        }
    }
    for (name, declared) in &index.messages {
        let (message, place) = (declared.item, &declared.place);
        let short = message.name();
        if !is_pascal(short) {
            warn(
                "PROTO_MESSAGE_PASCAL_CASE",
                index.at(place),
                format!("message `{name}` is not PascalCase"),
                "name messages like `OrderLine`".into(),
            );
        }
        for (i, field) in message.field.iter().enumerate() {
            if !is_lower_snake(field.name()) {
                warn(
                    "PROTO_FIELD_LOWER_SNAKE_CASE",
                    index.at(&place.child(2, i)),
                    format!(
                        "field `{}` of `{name}` is not lower_snake_case",
                        field.name()
                    ),
                    "name fields like `order_id`".into(),
                );
            }
        }
    }
    for (name, declared) in &index.enums {
        let (e, place) = (declared.item, &declared.place);
        for (i, value) in e.value.iter().enumerate() {
            if !is_upper_snake(value.name()) {
                warn(
                    "PROTO_ENUM_VALUE_UPPER_SNAKE_CASE",
                    index.at(&place.child(2, i)),
                    format!(
                        "value `{}` of `{name}` is not UPPER_SNAKE_CASE",
                        value.name()
                    ),
                    "name values like `STATUS_OPEN`".into(),
                );
            }
        }
        if let Some(zero) = e
            .value
            .first()
            .filter(|v| !v.name().ends_with("_UNSPECIFIED"))
        {
            warn(
                "PROTO_ENUM_ZERO_VALUE_SUFFIX",
                index.at(&place.child(2, 0)),
                format!(
                    "`{}`, the default of `{name}`, does not end in `_UNSPECIFIED`",
                    zero.name()
                ),
                "make the zero value mean \"not set\", e.g. `STATUS_UNSPECIFIED = 0`".into(),
            );
        }
    }
    for (name, declared) in &index.services {
        let (service, place) = (declared.item, &declared.place);
        if !index
            .documented
            .contains(&(place.file.clone(), place.path.clone()))
        {
            warn(
                "PROTO_SERVICE_DOCUMENTED",
                index.at(place),
                format!("service `{name}` has no doc comment"),
                "say what the actor serving it does, in a `//` comment above it".into(),
            );
        }
        let mut methods: BTreeMap<String, &str> = BTreeMap::new();
        for (i, method) in service.method.iter().enumerate() {
            let at = index.at(&place.child(2, i));
            let doc = (place.file.clone(), place.child(2, i).path);
            if !index.documented.contains(&doc) {
                warn(
                    "PROTO_RPC_DOCUMENTED",
                    at.clone(),
                    format!("RPC `{name}/{}` has no doc comment", method.name()),
                    "say what it does and how it fails, in a `//` comment above it".into(),
                );
            }
            let route = crate::service::route(declared.package, service.name(), method.name());
            let rust = snake(method.name());
            let clash = methods
                .insert(rust.clone(), method.name())
                .map(|other| format!("`{other}`, which also becomes the Rust method `{rust}`"))
                .or_else(|| {
                    routes
                        .insert(route.to_lowercase(), route.clone())
                        .map(|other| format!("route `{other}`, which differs only in case"))
                });
            if let Some(clash) = clash {
                let finding = Finding::error(
                    "PROTO_ROUTE_COLLISION",
                    at,
                    format!("route `{route}` collides with {clash}"),
                )
                .hint("rename one of the two RPCs");
                collisions.push(finding);
            }
        }
    }
    findings.extend(collisions);
    findings
}

/// The imports of `file` that define none of the types it uses.
fn unused_imports<'a>(index: &Index, name: &str, file: &'a FileDescriptorProto) -> Vec<&'a str> {
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut uses = |type_name: &str| {
        used.insert(type_name.trim_start_matches('.').to_owned());
    };
    for declared in index.messages.values().filter(|d| d.place.file == name) {
        let message = declared.item;
        for field in &message.field {
            if !field.type_name().is_empty() {
                uses(field.type_name());
            }
        }
    }
    for service in &file.service {
        for method in &service.method {
            uses(method.input_type());
            uses(method.output_type());
        }
    }
    let declared_in = |dep: &str, ty: &str| -> bool {
        index.messages.get(ty).is_some_and(|d| d.place.file == dep)
            || index.enums.get(ty).is_some_and(|d| d.place.file == dep)
            || (dep.starts_with("google/protobuf/")
                && ty.starts_with("google.protobuf.")
                && well_known_file(ty) == dep)
    };
    file.dependency
        .iter()
        .filter(|dep| {
            !file
                .public_dependency
                .iter()
                .any(|&i| file.dependency.get(i as usize) == Some(dep))
        })
        .filter(|dep| !used.iter().any(|ty| declared_in(dep, ty)))
        .map(String::as_str)
        .collect()
}

/// The file of a well-known type: `google.protobuf.Timestamp` → `google/protobuf/timestamp.proto`.
fn well_known_file(ty: &str) -> String {
    let short = ty.trim_start_matches("google.protobuf.");
    let file = match short {
        "Any" => "any",
        "Duration" => "duration",
        "Empty" => "empty",
        "FieldMask" => "field_mask",
        "Struct" | "Value" | "ListValue" | "NullValue" => "struct",
        "Timestamp" => "timestamp",
        _ => "wrappers",
    };
    format!("google/protobuf/{file}.proto")
}

fn is_version(part: &str) -> bool {
    let Some(rest) = part.strip_prefix('v') else {
        return false;
    };
    let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    digits.len() < rest.len()
        && (digits.is_empty()
            || ["alpha", "beta", "test", "p"]
                .iter()
                .any(|tag| digits.starts_with(tag)))
}

fn is_pascal(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase()) && !name.contains('_')
}

fn is_lower_snake(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn is_upper_snake(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// The Rust method name prost gives an RPC.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}
