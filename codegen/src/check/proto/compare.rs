//! The comparisons: each of buf's breaking rules, applied to two indexed versions of a contract
//! the way buf applies it (files paired by path, packages by name, types by full name, fields
//! by number, enum values by number, RPCs by name).

use std::collections::{BTreeMap, BTreeSet};

use prost_types::field_descriptor_proto::{Label, Type};
use prost_types::field_options::{CType, JsType};
use prost_types::{
    DescriptorProto, EnumDescriptorProto, FieldDescriptorProto, FileDescriptorProto,
    FileDescriptorSet,
};

use super::index::{Cardinality, Declared, Index, Place, is_map_entry};
use super::{Category, Rules, in_category};
use crate::check::{Finding, Location, Severity};

pub(super) struct Check<'a> {
    category: Category,
    rules: Rules,
    extra: &'a [&'a str],
    old: &'a Index<'a>,
    new: &'a Index<'a>,
    findings: Vec<Finding>,
}

/// One side of a field pair: the field, its message (none for an extension), its file.
#[derive(Clone, Copy)]
struct Side<'a> {
    field: &'a FieldDescriptorProto,
    message: Option<&'a DescriptorProto>,
    file: &'a str,
}

/// The `FileOptions` buf compares, with their field numbers in `descriptor.proto`.
type FileOption = (
    &'static str,
    &'static str,
    i32,
    fn(&FileDescriptorProto) -> String,
);

const FILE_OPTIONS: &[FileOption] = &[
    ("FILE_SAME_CC_ENABLE_ARENAS", "cc_enable_arenas", 31, |f| {
        opt(f, |o| o.cc_enable_arenas().to_string(), "true")
    }),
    (
        "FILE_SAME_CC_GENERIC_SERVICES",
        "cc_generic_services",
        16,
        |f| opt(f, |o| o.cc_generic_services().to_string(), "false"),
    ),
    ("FILE_SAME_CSHARP_NAMESPACE", "csharp_namespace", 37, |f| {
        opt(f, |o| o.csharp_namespace().to_owned(), "")
    }),
    ("FILE_SAME_GO_PACKAGE", "go_package", 11, |f| {
        opt(f, |o| o.go_package().to_owned(), "")
    }),
    (
        "FILE_SAME_JAVA_GENERIC_SERVICES",
        "java_generic_services",
        17,
        |f| opt(f, |o| o.java_generic_services().to_string(), "false"),
    ),
    (
        "FILE_SAME_JAVA_MULTIPLE_FILES",
        "java_multiple_files",
        10,
        |f| opt(f, |o| o.java_multiple_files().to_string(), "false"),
    ),
    (
        "FILE_SAME_JAVA_OUTER_CLASSNAME",
        "java_outer_classname",
        8,
        |f| opt(f, |o| o.java_outer_classname().to_owned(), ""),
    ),
    ("FILE_SAME_JAVA_PACKAGE", "java_package", 1, |f| {
        opt(f, |o| o.java_package().to_owned(), "")
    }),
    (
        "FILE_SAME_OBJC_CLASS_PREFIX",
        "objc_class_prefix",
        36,
        |f| opt(f, |o| o.objc_class_prefix().to_owned(), ""),
    ),
    ("FILE_SAME_OPTIMIZE_FOR", "optimize_for", 9, |f| {
        opt(f, |o| o.optimize_for().as_str_name().to_owned(), "SPEED")
    }),
    ("FILE_SAME_PHP_CLASS_PREFIX", "php_class_prefix", 40, |f| {
        opt(f, |o| o.php_class_prefix().to_owned(), "")
    }),
    (
        "FILE_SAME_PHP_METADATA_NAMESPACE",
        "php_metadata_namespace",
        44,
        |f| opt(f, |o| o.php_metadata_namespace().to_owned(), ""),
    ),
    ("FILE_SAME_PHP_NAMESPACE", "php_namespace", 41, |f| {
        opt(f, |o| o.php_namespace().to_owned(), "")
    }),
    (
        "FILE_SAME_PY_GENERIC_SERVICES",
        "py_generic_services",
        18,
        |f| opt(f, |o| o.py_generic_services().to_string(), "false"),
    ),
    ("FILE_SAME_RUBY_PACKAGE", "ruby_package", 45, |f| {
        opt(f, |o| o.ruby_package().to_owned(), "")
    }),
    ("FILE_SAME_SWIFT_PREFIX", "swift_prefix", 39, |f| {
        opt(f, |o| o.swift_prefix().to_owned(), "")
    }),
];

fn opt(
    file: &FileDescriptorProto,
    get: impl Fn(&prost_types::FileOptions) -> String,
    default: &str,
) -> String {
    file.options.as_ref().map_or(default.to_owned(), get)
}

impl<'a> Check<'a> {
    pub fn run(
        before: &FileDescriptorSet,
        after: &FileDescriptorSet,
        category: Category,
        rules: Rules,
        extra: &[&str],
    ) -> Vec<Finding> {
        let old = Index::new(before);
        let new = Index::new(after);
        let mut check = Check {
            category,
            rules,
            extra,
            old: &old,
            new: &new,
            findings: Vec::new(),
        };
        check.files();
        check.packages();
        check.services();
        check.messages();
        check.extensions();
        check.enums();
        check.findings
    }

    fn wants(&self, rule: &str) -> bool {
        in_category(rule, self.category) || self.extra.contains(&rule)
    }

    fn report(&mut self, rule: &'static str, at: Option<Location>, message: String, hint: &str) {
        if self.wants(rule) {
            self.findings
                .push(Finding::error(rule, at, message).hint(hint));
        }
    }

    /// A change buf calls breaking and protobuf's rules allow under a condition: an error under
    /// buf's rules, a notice saying the condition under protobuf's.
    fn judged(
        &mut self,
        rule: &'static str,
        at: Option<Location>,
        message: String,
        hint: &str,
        allowed: Option<&str>,
    ) {
        match allowed {
            Some(why) if self.rules == Rules::Protobuf && self.wants(rule) => {
                let message = format!("{message}; protobuf's rules allow this: {why}");
                let finding = Finding::new(rule, Severity::Notice, at, message).hint(hint);
                self.findings.push(finding);
            }
            _ => self.report(rule, at, message, hint),
        }
    }

    /// Where to point for something deleted from `place`'s file: the nearest enclosing
    /// message that is still there, else the file; a deleted file is named at its start.
    fn deleted_at(&self, place: &Place, nested: &str) -> Option<Location> {
        if !self.new.files.contains_key(place.file.as_str()) {
            return Some(Location {
                file: place.file.clone(),
                line: 1,
                column: 1,
            });
        }
        let mut outer = nested;
        while let Some((parent, _)) = outer.rsplit_once('.') {
            let found = self
                .new
                .messages
                .values()
                .find(|m| m.nested == parent && m.place.file == place.file);
            if let Some(m) = found {
                return self.new.at(&m.place);
            }
            outer = parent;
        }
        self.new.file_at(&place.file)
    }

    fn files(&mut self) {
        let (old, new) = (self.old, self.new);
        for (name, was) in &old.files {
            let Some(is) = new.files.get(name) else {
                self.report(
                    "FILE_NO_DELETE",
                    Some(Location {
                        file: name.to_string(),
                        line: 1,
                        column: 1,
                    }),
                    format!("file `{name}` was deleted"),
                    "keep the file, or move its types in a step that FILE-level users can follow",
                );
                continue;
            };
            let file = Place {
                file: name.to_string(),
                path: vec![],
            };
            if was.package() != is.package() {
                self.report(
                    "FILE_SAME_PACKAGE",
                    new.part_at(&file, &[2]),
                    format!(
                        "file `{name}` moved from package `{}` to `{}`: every type and route \
                         in it changed its name",
                        was.package(),
                        is.package()
                    ),
                    "keep the package, and put new versions in a new package beside it",
                );
            }
            let syntax = |f: &FileDescriptorProto| match f.syntax() {
                "" => "proto2".to_owned(),
                s => s.to_owned(),
            };
            if syntax(was) != syntax(is) {
                self.report(
                    "FILE_SAME_SYNTAX",
                    new.part_at(&file, &[12]),
                    format!(
                        "file `{name}` changed syntax from `{}` to `{}`: presence, enums and \
                         UTF-8 checks change with it",
                        syntax(was),
                        syntax(is)
                    ),
                    "keep the syntax of the file",
                );
            }
            for (rule, option, number, value) in FILE_OPTIONS {
                let (a, b) = (value(was), value(is));
                if a != b {
                    self.report(
                        rule,
                        new.part_at(&file, &[8, *number]),
                        format!(
                            "file option `{option}` of `{name}` changed from \"{a}\" to \"{b}\""
                        ),
                        &format!(
                            "keep `option {option} = {}`: generated code is named after it",
                            if a.parse::<bool>().is_ok()
                                || a == "SPEED"
                                || a.ends_with("SIZE")
                                || a == "LITE_RUNTIME"
                            {
                                a.clone()
                            } else {
                                format!("\"{a}\"")
                            }
                        ),
                    );
                }
            }
            self.deleted_in_file(name);
        }
    }

    /// Types deleted from a file that is still there: buf's FILE-level rules, by the name of
    /// the type inside its package (so a file that changed package deletes nothing here).
    fn deleted_in_file(&mut self, name: &str) {
        let (old, new) = (self.old, self.new);
        let gone = |nested: &str, kind: &str| -> bool {
            let present = |f: &str, n: &str| f == name && n == nested;
            match kind {
                "message" => !new
                    .messages
                    .values()
                    .any(|d| present(&d.place.file, &d.nested)),
                "enum" => !new
                    .enums
                    .values()
                    .any(|d| present(&d.place.file, &d.nested)),
                "extension" => !new
                    .extensions
                    .values()
                    .any(|d| present(&d.place.file, &d.nested)),
                _ => !new
                    .services
                    .values()
                    .any(|d| present(&d.place.file, &d.nested)),
            }
        };
        let mut deleted = Vec::new();
        for m in old.messages.values().filter(|m| m.place.file == name) {
            if !is_map_entry(m.item) && gone(&m.nested, "message") {
                deleted.push(("MESSAGE_NO_DELETE", "message", &m.nested, &m.place));
            }
        }
        for e in old.enums.values().filter(|e| e.place.file == name) {
            if gone(&e.nested, "enum") {
                deleted.push(("ENUM_NO_DELETE", "enum", &e.nested, &e.place));
            }
        }
        for x in old.extensions.values().filter(|x| x.place.file == name) {
            if gone(&x.nested, "extension") {
                deleted.push(("EXTENSION_NO_DELETE", "extension", &x.nested, &x.place));
            }
        }
        for s in old.services.values().filter(|s| s.place.file == name) {
            if gone(&s.nested, "service") {
                deleted.push(("SERVICE_NO_DELETE", "service", &s.nested, &s.place));
            }
        }
        for (rule, kind, nested, place) in deleted {
            let moved = self.moved_to(kind, nested, name);
            let hint = match &moved {
                Some(to) => format!(
                    "it moved to `{to}`: code generated per file (imports, Java outer classes) \
                     must follow it; keep it in `{name}` for FILE-level users"
                ),
                None => format!("keep the {kind}; deprecate it with `option deprecated = true;`"),
            };
            let message = match &moved {
                Some(to) => format!("{kind} `{nested}` moved from `{name}` to `{to}`"),
                None => format!("{kind} `{nested}` was deleted from `{name}`"),
            };
            self.report(rule, self.deleted_at(place, nested), message, &hint);
        }
    }

    /// The file a type of the same package and name now lives in, when it moved.
    fn moved_to(&self, kind: &str, nested: &str, from: &str) -> Option<String> {
        let package = self.old.files.get(from)?.package();
        let same = |n: &str, p: &str, f: &str| n == nested && p == package && f != from;
        let new = self.new;
        match kind {
            "message" => new
                .messages
                .values()
                .find(|d| same(&d.nested, d.package, &d.place.file))
                .map(|d| d.place.file.clone()),
            "enum" => new
                .enums
                .values()
                .find(|d| same(&d.nested, d.package, &d.place.file))
                .map(|d| d.place.file.clone()),
            "extension" => new
                .extensions
                .values()
                .find(|d| same(&d.nested, d.package, &d.place.file))
                .map(|d| d.place.file.clone()),
            _ => new
                .services
                .values()
                .find(|d| same(&d.nested, d.package, &d.place.file))
                .map(|d| d.place.file.clone()),
        }
    }

    /// buf's PACKAGE-level deletions: a package, or a type that is in no file of its package.
    fn packages(&mut self) {
        let (old, new) = (self.old, self.new);
        let now = new.packages();
        for (package, files) in old.packages() {
            if !now.contains_key(package) {
                let shown = if package.is_empty() {
                    "the package without a name".to_owned()
                } else {
                    format!("package `{package}`")
                };
                self.report(
                    "PACKAGE_NO_DELETE",
                    Some(Location {
                        file: files[0].to_owned(),
                        line: 1,
                        column: 1,
                    }),
                    format!("{shown} was deleted"),
                    "keep the package; put a new version in a new package beside it",
                );
                continue;
            }
            let gone = |full: &str, kind: &str| match kind {
                "message" => !new.messages.contains_key(full),
                "enum" => !new.enums.contains_key(full),
                "extension" => !new.extensions.contains_key(full),
                _ => !new.services.contains_key(full),
            };
            let mut deleted = Vec::new();
            for (full, m) in old.messages.iter().filter(|(_, m)| m.package == package) {
                if !is_map_entry(m.item) && gone(full, "message") {
                    deleted.push((
                        "PACKAGE_MESSAGE_NO_DELETE",
                        "message",
                        m.nested.clone(),
                        m.place.clone(),
                    ));
                }
            }
            for (full, e) in old.enums.iter().filter(|(_, e)| e.package == package) {
                if gone(full, "enum") {
                    deleted.push((
                        "PACKAGE_ENUM_NO_DELETE",
                        "enum",
                        e.nested.clone(),
                        e.place.clone(),
                    ));
                }
            }
            for (full, x) in old.extensions.iter().filter(|(_, x)| x.package == package) {
                if gone(full, "extension") {
                    deleted.push((
                        "PACKAGE_EXTENSION_NO_DELETE",
                        "extension",
                        x.nested.clone(),
                        x.place.clone(),
                    ));
                }
            }
            for (full, s) in old.services.iter().filter(|(_, s)| s.package == package) {
                if gone(full, "service") {
                    deleted.push((
                        "PACKAGE_SERVICE_NO_DELETE",
                        "service",
                        s.nested.clone(),
                        s.place.clone(),
                    ));
                }
            }
            for (rule, kind, nested, place) in deleted {
                self.report(
                    rule,
                    self.deleted_at(&place, &nested),
                    format!("{kind} `{nested}` was deleted from package `{package}`"),
                    &format!("keep the {kind}; deprecate it with `option deprecated = true;`"),
                );
            }
        }
    }

    fn services(&mut self) {
        let (old, new) = (self.old, self.new);
        for (name, was) in &old.services {
            let Some(is) = new.services.get(name) else {
                for method in &was.item.method {
                    self.report(
                        "ROUTE_NO_DELETE",
                        self.deleted_at(&was.place, &was.nested),
                        format!(
                            "route `{name}/{}` is gone, so actors no longer answer callers \
                             that use it",
                            method.name()
                        ),
                        "keep the RPC (it can return an error), or move callers first",
                    );
                }
                continue;
            };
            for method in &was.item.method {
                let route = format!("{name}/{}", method.name());
                let Some((j, now)) =
                    (is.item.method.iter().enumerate()).find(|(_, m)| m.name() == method.name())
                else {
                    let at = new.at(&is.place);
                    self.report(
                        "RPC_NO_DELETE",
                        at.clone(),
                        format!("RPC `{route}` was deleted"),
                        "keep the RPC; deprecate it with `option deprecated = true;`",
                    );
                    self.report(
                        "ROUTE_NO_DELETE",
                        at,
                        format!(
                            "route `{route}` is gone, so actors no longer answer callers that \
                             use it"
                        ),
                        "keep the RPC (it can return an error), or move callers first",
                    );
                    continue;
                };
                let place = is.place.child(2, j);
                let types = [
                    (
                        "RPC_SAME_REQUEST_TYPE",
                        "request type",
                        2,
                        method.input_type(),
                        now.input_type(),
                    ),
                    (
                        "RPC_SAME_RESPONSE_TYPE",
                        "response type",
                        3,
                        method.output_type(),
                        now.output_type(),
                    ),
                ];
                for (rule, what, number, was, is) in types {
                    if was != is {
                        let mut path = place.path.clone();
                        path.push(number);
                        self.report(
                            rule,
                            new.at(&Place {
                                file: place.file.clone(),
                                path,
                            }),
                            format!(
                                "RPC `{route}` changed its {what} from `{}` to `{}`",
                                was.trim_start_matches('.'),
                                is.trim_start_matches('.')
                            ),
                            "add a new RPC with the new type and keep the old one",
                        );
                    }
                }
                let streams = [
                    (
                        "RPC_SAME_CLIENT_STREAMING",
                        "client",
                        method.client_streaming(),
                        now.client_streaming(),
                    ),
                    (
                        "RPC_SAME_SERVER_STREAMING",
                        "server",
                        method.server_streaming(),
                        now.server_streaming(),
                    ),
                ];
                for (rule, side, was, is) in streams {
                    if was != is {
                        let how = if is { "started" } else { "stopped" };
                        self.report(
                            rule,
                            new.at(&place),
                            format!("RPC `{route}` {how} {side} streaming"),
                            "add a new RPC with the new streaming and keep the old one",
                        );
                    }
                }
                let level = |m: &prost_types::MethodDescriptorProto| {
                    m.options.as_ref().map_or("IDEMPOTENCY_UNKNOWN", |o| {
                        o.idempotency_level().as_str_name()
                    })
                };
                if level(method) != level(now) {
                    self.report(
                        "RPC_SAME_IDEMPOTENCY_LEVEL",
                        new.part_at(&place, &[4, 34]),
                        format!(
                            "RPC `{route}` changed `idempotency_level` from {} to {}: clients \
                             choose GET or retries by it",
                            level(method),
                            level(now)
                        ),
                        &format!("keep `option idempotency_level = {};`", level(method)),
                    );
                }
            }
        }
    }

    fn messages(&mut self) {
        let (old, new) = (self.old, self.new);
        for (name, was) in &old.messages {
            let Some(is) = new.messages.get(name) else {
                continue;
            };
            let at = new.at(&is.place);
            let (a, b) = (was.item, is.item);
            self.reserved(
                "RESERVED_MESSAGE_NO_DELETE",
                "message",
                name,
                (
                    &ranges(&a.reserved_range, |r| (r.start(), r.end() - 1)),
                    &a.reserved_name,
                ),
                (
                    &ranges(&b.reserved_range, |r| (r.start(), r.end() - 1)),
                    &b.reserved_name,
                ),
                at.clone(),
            );
            self.reserved(
                "EXTENSION_MESSAGE_NO_DELETE",
                "extension",
                name,
                (
                    &ranges(&a.extension_range, |r| (r.start(), r.end() - 1)),
                    &[],
                ),
                (
                    &ranges(&b.extension_range, |r| (r.start(), r.end() - 1)),
                    &[],
                ),
                at.clone(),
            );
            self.required(name, was, is);
            let options = |m: &DescriptorProto| {
                m.options.as_ref().map_or((false, false), |o| {
                    (
                        o.no_standard_descriptor_accessor(),
                        o.message_set_wire_format(),
                    )
                })
            };
            let ((accessor_was, set_was), (accessor_is, set_is)) = (options(a), options(b));
            if !accessor_was && accessor_is {
                self.report(
                    "MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR",
                    new.part_at(&is.place, &[7, 2]),
                    format!("`{name}` turned on `no_standard_descriptor_accessor`"),
                    "remove the option: generated code that calls `descriptor()` breaks",
                );
            }
            if set_was != set_is {
                self.report(
                    "MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT",
                    new.part_at(&is.place, &[7, 1]),
                    format!(
                        "`{name}` changed `message_set_wire_format` from {set_was} to {set_is}"
                    ),
                    "keep the option: it changes the encoding",
                );
            }
            if !is_map_entry(a) && !old.proto2(&was.place.file) && new.proto2(&is.place.file) {
                self.report(
                    "MESSAGE_SAME_JSON_FORMAT",
                    at.clone(),
                    format!(
                        "`{name}` moved to a proto2 file, so its JSON support changed from \
                         ALLOW to LEGACY_BEST_EFFORT"
                    ),
                    "keep the message in a proto3 file",
                );
            }
            let new_oneofs: BTreeSet<&str> = b.oneof_decl.iter().map(|o| o.name()).collect();
            for (i, decl) in a.oneof_decl.iter().enumerate() {
                let synthetic = a
                    .field
                    .iter()
                    .any(|f| f.oneof_index == Some(i as i32) && f.proto3_optional());
                if !new_oneofs.contains(decl.name()) && !synthetic {
                    self.report(
                        "ONEOF_NO_DELETE",
                        at.clone(),
                        format!("oneof `{name}.{}` was deleted", decl.name()),
                        "keep the oneof",
                    );
                }
            }
            for field in &a.field {
                let number = field.number();
                let Some((j, now)) =
                    (b.field.iter().enumerate()).find(|(_, f)| f.number() == number)
                else {
                    self.field_deleted(name, field, b, at.clone(), &is.place);
                    continue;
                };
                let what = format!("field {number} of `{name}`");
                let was_side = Side {
                    field,
                    message: Some(a),
                    file: &was.place.file,
                };
                let is_side = Side {
                    field: now,
                    message: Some(b),
                    file: &is.place.file,
                };
                self.field_pair(&what, was_side, is_side, &is.place.child(2, j));
            }
        }
    }

    /// Extensions, paired by the message they extend and their number.
    fn extensions(&mut self) {
        let (old, new) = (self.old, self.new);
        let by_number = |index: &'a Index<'a>| {
            let mut map: BTreeMap<(String, i32), &Declared<'a, FieldDescriptorProto>> =
                BTreeMap::new();
            for x in index.extensions.values() {
                map.insert((x.item.extendee().to_owned(), x.item.number()), x);
            }
            map
        };
        let now = by_number(new);
        for ((extendee, number), was) in by_number(old) {
            let Some(is) = now.get(&(extendee.clone(), number)) else {
                continue;
            };
            let what = format!(
                "extension {number} of `{}`",
                extendee.trim_start_matches('.')
            );
            let side = |x: &'a Declared<'a, FieldDescriptorProto>| Side {
                field: x.item,
                message: None,
                file: &x.place.file,
            };
            self.field_pair(&what, side(was), side(is), &is.place);
        }
    }

    fn required(
        &mut self,
        name: &str,
        was: &Declared<'a, DescriptorProto>,
        is: &Declared<'a, DescriptorProto>,
    ) {
        let required = |m: &DescriptorProto| -> BTreeSet<i32> {
            m.field
                .iter()
                .filter(|f| f.label() == Label::Required)
                .map(|f| f.number())
                .collect()
        };
        let (before, after) = (required(was.item), required(is.item));
        for number in before.difference(&after) {
            self.report(
                "MESSAGE_SAME_REQUIRED_FIELDS",
                self.new.at(&is.place),
                format!(
                    "`{name}` no longer requires field {number}: readers of the old version \
                     reject messages without it"
                ),
                "keep the field required; required fields can never change",
            );
        }
        for number in after.difference(&before) {
            let j = is.item.field.iter().position(|f| f.number() == *number);
            let at = j.map_or(self.new.at(&is.place), |j| {
                self.new.at(&is.place.child(2, j))
            });
            self.report(
                "MESSAGE_SAME_REQUIRED_FIELDS",
                at,
                format!(
                    "`{name}` now requires field {number}: readers of the new version reject \
                     messages of old writers"
                ),
                "make the new field optional",
            );
        }
    }

    fn field_deleted(
        &mut self,
        message: &str,
        field: &FieldDescriptorProto,
        new: &DescriptorProto,
        at: Option<Location>,
        place: &Place,
    ) {
        let (number, name) = (field.number(), field.name());
        let what = format!("field {number} `{name}` of `{message}`");
        // The same name under another number: a renumbering, which reads as a deletion of
        // the old number and a new field.
        let renumbered = new.field.iter().enumerate().find(|(_, f)| f.name() == name);
        let at = renumbered.map_or(at, |(j, _)| self.new.at(&place.child(2, j)));
        let (message_text, hint) = match renumbered {
            Some((_, now)) => (
                format!(
                    "{what} was renumbered to {}: old readers see field {} as unknown and new \
                     readers lose what old writers put in {number}",
                    now.number(),
                    now.number()
                ),
                format!(
                    "give `{name}` back its number {number}; to change the number, add a field \
                     with a new name and number and `reserved {number};` (a name can be \
                     reserved only when no field bears it)"
                ),
            ),
            None => (
                format!("{what} was deleted"),
                "keep the field; deprecate it with `[deprecated = true]`".to_owned(),
            ),
        };
        self.report("FIELD_NO_DELETE", at.clone(), message_text.clone(), &hint);
        let number_reserved = new
            .reserved_range
            .iter()
            .any(|r| (r.start()..r.end()).contains(&number));
        if !number_reserved {
            let hint = match renumbered {
                Some(_) => hint.clone(),
                None => format!("add `reserved {number};` so that no new field reuses it"),
            };
            self.report(
                "FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED",
                at.clone(),
                format!("{message_text}, without reserving {number}"),
                &hint,
            );
        }
        if !new.reserved_name.iter().any(|n| n == name) {
            let hint = match renumbered {
                Some(_) => hint,
                None => format!("add `reserved \"{name}\";`"),
            };
            self.report(
                "FIELD_NO_DELETE_UNLESS_NAME_RESERVED",
                at,
                format!("{message_text}, without reserving the name `{name}`"),
                &hint,
            );
        }
    }

    /// The rules on a field present in both versions (or an extension of the same message
    /// and number).
    fn field_pair(&mut self, what: &str, was: Side<'a>, is: Side<'a>, place: &Place) {
        let (old, new) = (self.old, self.new);
        let (a, b) = (was.field, is.field);
        let at = new.at(place);
        let extension = was.message.is_none();
        let (name_was, name_is) = (a.name(), b.name());
        if name_was != name_is {
            self.report(
                "FIELD_SAME_NAME",
                at.clone(),
                format!("{what} was renamed from `{name_was}` to `{name_is}`"),
                "keep the name: JSON and generated code use it",
            );
        }
        if !extension && a.json_name() != b.json_name() {
            self.report(
                "FIELD_SAME_JSON_NAME",
                new.part_at(place, &[10]),
                format!(
                    "{what} changed its JSON name from `{}` to `{}`",
                    a.json_name(),
                    b.json_name()
                ),
                "keep the JSON name (`json_name` option)",
            );
        }
        self.field_type(what, was, is, at.clone());
        let in_map = |s: Side| s.message.is_some_and(is_map_entry);
        if !(in_map(was) && in_map(is)) {
            let cardinality = (old.cardinality(a, was.file), new.cardinality(b, is.file));
            self.cardinality(what, cardinality, (a, b), at.clone());
        }
        if !extension {
            self.oneof(what, was, is, at.clone());
        }
        if let (Some(x), Some(y)) = (old.default_of(a), new.default_of(b))
            && !(x.is_zero() && y.is_zero())
            && x != y
        {
            self.judged(
                "FIELD_SAME_DEFAULT",
                new.part_at(place, &[7]),
                format!("{what} changed its default from {x} to {y}"),
                "keep the default: readers of each version see a different value for an unset field",
                Some(
                    "defaults are never sent, so the encoding is unchanged; but each side reads \
                     an unset field as its own default",
                ),
            );
        }
        let sixty_four = |f: &FieldDescriptorProto| {
            matches!(
                f.r#type(),
                Type::Int64 | Type::Sint64 | Type::Uint64 | Type::Fixed64 | Type::Sfixed64
            )
        };
        let jstype =
            |f: &FieldDescriptorProto| f.options.as_ref().map_or(JsType::JsNormal, |o| o.jstype());
        if sixty_four(a) && sixty_four(b) && jstype(a) != jstype(b) {
            self.report(
                "FIELD_SAME_JSTYPE",
                new.part_at(place, &[8, 6]),
                format!(
                    "{what} changed `jstype` from {} to {}",
                    jstype(a).as_str_name(),
                    jstype(b).as_str_name()
                ),
                "keep the `jstype` option: JavaScript code sees a number or a string by it",
            );
        }
        let text = |f: &FieldDescriptorProto| matches!(f.r#type(), Type::String | Type::Bytes);
        if text(a) && text(b) && !(in_map(was) && in_map(is)) {
            // `STRING_PIECE` is `STRING` in generated code, with a flag.
            let ctype = |f: &FieldDescriptorProto| match f.options.as_ref().map(|o| o.ctype()) {
                Some(CType::Cord) => ("CORD", false),
                Some(CType::StringPiece) => ("STRING", true),
                _ => ("STRING", false),
            };
            let (x, y) = (ctype(a), ctype(b));
            if x != y && !(x.1 && y == ("STRING", false)) {
                let show = |c: (&'static str, bool)| if c.1 { "STRING_PIECE" } else { c.0 };
                self.report(
                    "FIELD_SAME_CPP_STRING_TYPE",
                    new.part_at(place, &[8, 1]),
                    format!(
                        "{what} changed its C++ string type from {} to {}",
                        show(x),
                        show(y)
                    ),
                    "keep the `ctype` option: generated C++ accessors change with it",
                );
            }
        }
        let string = |f: &FieldDescriptorProto| f.r#type() == Type::String;
        if string(a) && string(b) {
            let utf8 = |index: &Index, file: &str| {
                if index.proto2(file) { "NONE" } else { "VERIFY" }
            };
            let (x, y) = (utf8(old, was.file), utf8(new, is.file));
            if x != y {
                self.report(
                    "FIELD_SAME_UTF8_VALIDATION",
                    at.clone(),
                    format!("{what} changed its UTF-8 validation from {x} to {y}"),
                    "keep the field in a file of the same syntax",
                );
            }
            let java = |index: &Index, file: &str, default: &'static str| {
                let checked = index
                    .files
                    .get(file)
                    .and_then(|f| f.options.as_ref())
                    .is_some_and(|o| o.java_string_check_utf8());
                if checked { "VERIFY" } else { default }
            };
            let (x, y) = (java(old, was.file, x), java(new, is.file, y));
            if x != y {
                self.report(
                    "FIELD_SAME_JAVA_UTF8_VALIDATION",
                    new.part_at(
                        &Place {
                            file: is.file.to_owned(),
                            path: vec![],
                        },
                        &[8, 27],
                    ),
                    format!("{what} changed its Java UTF-8 validation from {x} to {y}"),
                    "keep `option java_string_check_utf8` as it was",
                );
            }
        }
    }

    fn field_type(&mut self, what: &str, was: Side<'a>, is: Side<'a>, at: Option<Location>) {
        let (a, b) = (was.field, is.field);
        let (x, y) = (type_name(a), type_name(b));
        if x == y {
            return;
        }
        let message = format!("{what} changed type from `{x}` to `{y}`");
        let hint = "add a new field with the new type and deprecate this one";
        self.report("FIELD_SAME_TYPE", at.clone(), message.clone(), hint);
        let named = matches!(b.r#type(), Type::Message | Type::Group | Type::Enum);
        let enum_compatible =
            a.r#type() == Type::Enum && b.r#type() == Type::Enum && self.enum_grew(a, b);
        // Same group, and for named types the same type (or an enum that only grew).
        let json_ok =
            json_group(a.r#type()) == json_group(b.r#type()) && (!named || enum_compatible);
        if !json_ok {
            let integers =
                |t: Type| matches!(t, Type::Int32 | Type::Uint32 | Type::Int64 | Type::Uint64);
            let allowed = (integers(a.r#type()) && integers(b.r#type())).then_some(
                "these integers share the varint encoding, and JSON parsers take numbers and \
                 strings for all of them; values that do not fit the narrower type are truncated",
            );
            self.judged(
                "FIELD_WIRE_JSON_COMPATIBLE_TYPE",
                at.clone(),
                message.clone(),
                hint,
                allowed,
            );
        }
        let wire_ok = match (a.r#type(), b.r#type()) {
            (Type::String, Type::Bytes) => true,
            (p, q) if wire_group(p) == wire_group(q) => !named || enum_compatible,
            _ => false,
        };
        if !wire_ok {
            let varint =
                |t: Type| matches!(t, Type::Int32 | Type::Uint32 | Type::Int64 | Type::Uint64);
            let allowed = match (a.r#type(), b.r#type()) {
                (Type::Bytes, Type::String) => {
                    Some("string and bytes share an encoding, as long as the bytes are valid UTF-8")
                }
                (Type::Enum, t) | (t, Type::Enum) if varint(t) => Some(
                    "enums are varints like int32, uint32, int64 and uint64; values that do \
                     not fit are truncated, and a closed enum drops values it does not know",
                ),
                (Type::Message, Type::Bytes) | (Type::Bytes, Type::Message) => {
                    Some("a message field is encoded like bytes holding the encoded message")
                }
                _ => None,
            };
            self.judged("FIELD_WIRE_COMPATIBLE_TYPE", at, message, hint, allowed);
        }
    }

    /// Whether the enum of `b` is the enum of `a` under the same name, with every old value.
    fn enum_grew(&self, a: &FieldDescriptorProto, b: &FieldDescriptorProto) -> bool {
        let (Some(x), Some(y)) = (self.old.enum_of(a), self.new.enum_of(b)) else {
            return false;
        };
        x.item.name() == y.item.name()
            && x.item.value.iter().all(|v| {
                y.item
                    .value
                    .iter()
                    .any(|w| w.number() == v.number() && w.name() == v.name())
            })
    }

    fn cardinality(
        &mut self,
        what: &str,
        (x, y): (Cardinality, Cardinality),
        (a, b): (&FieldDescriptorProto, &FieldDescriptorProto),
        at: Option<Location>,
    ) {
        if x == y {
            return;
        }
        let message = format!("{what} changed from {} to {}", x.as_str(), y.as_str());
        let hint = "add a new field with the new cardinality and deprecate this one";
        self.report("FIELD_SAME_CARDINALITY", at.clone(), message.clone(), hint);
        if x.json_group() != y.json_group() {
            self.report(
                "FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY",
                at.clone(),
                message.clone(),
                hint,
            );
        }
        if x.wire_group() != y.wire_group() {
            let delimited = |f: &FieldDescriptorProto| {
                matches!(f.r#type(), Type::String | Type::Bytes | Type::Message)
            };
            let singular =
                |c: Cardinality| matches!(c, Cardinality::Explicit | Cardinality::Implicit);
            let plural = |c: Cardinality| c == Cardinality::Repeated;
            let allowed = (delimited(a)
                && delimited(b)
                && ((singular(x) && plural(y)) || (plural(x) && singular(y))))
            .then_some(
                "for strings, bytes and messages, a singular reader takes the last of \
                 repeated values (messages are merged); a repeated reader takes the one value",
            );
            self.judged(
                "FIELD_WIRE_COMPATIBLE_CARDINALITY",
                at,
                message,
                hint,
                allowed,
            );
        }
    }

    fn oneof(&mut self, what: &str, was: Side<'a>, is: Side<'a>, at: Option<Location>) {
        let name = |s: Side<'a>| -> Option<&'a str> {
            let message = s.message?;
            s.field
                .oneof_index
                .filter(|_| !s.field.proto3_optional())
                .and_then(|i| message.oneof_decl.get(i as usize))
                .map(|o| o.name())
        };
        let (x, y) = (name(was), name(is));
        if x == y {
            return;
        }
        let show = |o: Option<&str>| o.map_or("no oneof".to_owned(), |o| format!("oneof `{o}`"));
        // protobuf: "Changing a single optional field or extension into a member of a new
        // oneof is binary compatible."
        let allowed = match (x, y, was.message, is.message) {
            (None, Some(oneof), Some(old_message), Some(new_message)) => {
                let new_oneof = !old_message.oneof_decl.iter().any(|o| o.name() == oneof);
                let members = new_message
                    .field
                    .iter()
                    .filter(|f| name(Side { field: f, ..is }) == Some(oneof))
                    .filter(|f| old_message.field.iter().any(|g| g.number() == f.number()))
                    .count();
                (new_oneof && members == 1).then_some(
                    "a single field moved into a new oneof keeps its encoding (generated code \
                     changes, notably in Go)",
                )
            }
            _ => None,
        };
        self.judged(
            "FIELD_SAME_ONEOF",
            at,
            format!("{what} moved from {} to {}", show(x), show(y)),
            "leave fields where they are; add a new field for the new place",
            allowed,
        );
    }

    fn enums(&mut self) {
        let (old, new) = (self.old, self.new);
        for (name, was) in &old.enums {
            let Some(is) = new.enums.get(name) else {
                continue;
            };
            let at = new.at(&is.place);
            let (a, b): (&EnumDescriptorProto, &EnumDescriptorProto) = (was.item, is.item);
            self.reserved(
                "RESERVED_ENUM_NO_DELETE",
                "reserved",
                name,
                (
                    &ranges(&a.reserved_range, |r| (r.start(), r.end())),
                    &a.reserved_name,
                ),
                (
                    &ranges(&b.reserved_range, |r| (r.start(), r.end())),
                    &b.reserved_name,
                ),
                at.clone(),
            );
            let (closed_was, closed_is) = (old.proto2(&was.place.file), new.proto2(&is.place.file));
            if closed_was != closed_is {
                let kind = |closed: bool| if closed { "closed" } else { "open" };
                self.report(
                    "ENUM_SAME_TYPE",
                    at.clone(),
                    format!(
                        "enum `{name}` changed from {} to {}: a closed enum drops values it \
                         does not know",
                        kind(closed_was),
                        kind(closed_is)
                    ),
                    "keep the enum in a file of the same syntax",
                );
            }
            if !closed_was && closed_is {
                self.report(
                    "ENUM_SAME_JSON_FORMAT",
                    at.clone(),
                    format!(
                        "enum `{name}` moved to a proto2 file, so its JSON support changed \
                         from ALLOW to LEGACY_BEST_EFFORT"
                    ),
                    "keep the enum in a proto3 file",
                );
            }
            let numbers: BTreeSet<i32> = a.value.iter().map(|v| v.number()).collect();
            for number in numbers {
                let names = |e: &EnumDescriptorProto| -> Vec<String> {
                    e.value
                        .iter()
                        .filter(|v| v.number() == number)
                        .map(|v| v.name().to_owned())
                        .collect()
                };
                let (before, after) = (names(a), names(b));
                let what = format!("value {number} `{}` of enum `{name}`", before.join("`, `"));
                if after.is_empty() {
                    self.report(
                        "ENUM_VALUE_NO_DELETE",
                        at.clone(),
                        format!("{what} was deleted"),
                        "keep the value; deprecate it with `[deprecated = true]`",
                    );
                    let number_reserved = b
                        .reserved_range
                        .iter()
                        .any(|r| (r.start()..=r.end()).contains(&number));
                    if !number_reserved {
                        self.report(
                            "ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED",
                            at.clone(),
                            format!("{what} was deleted without reserving its number"),
                            &format!("add `reserved {number};`"),
                        );
                    }
                    let unreserved: Vec<&String> = before
                        .iter()
                        .filter(|n| !b.reserved_name.contains(n))
                        .collect();
                    if let Some(first) = unreserved.first() {
                        let taken = b.value.iter().any(|v| v.name() == first.as_str());
                        let hint = if taken {
                            format!(
                                "`{first}` now names another value; give it back its number \
                                 {number}, or reserve {number} and keep the new name"
                            )
                        } else {
                            format!("add `reserved \"{first}\";`")
                        };
                        self.report(
                            "ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED",
                            at.clone(),
                            format!("{what} was deleted without reserving its name"),
                            &hint,
                        );
                    }
                } else if !before.iter().all(|n| after.contains(n)) {
                    let j = b
                        .value
                        .iter()
                        .position(|v| v.number() == number)
                        .unwrap_or(0);
                    self.report(
                        "ENUM_VALUE_SAME_NAME",
                        new.at(&is.place.child(2, j)),
                        format!(
                            "value {number} of enum `{name}` was renamed from `{}` to `{}`",
                            before.join("`, `"),
                            after.join("`, `")
                        ),
                        "keep the name (JSON uses it); `option allow_alias = true;` lets a \
                         new name share the number",
                    );
                }
            }
        }
    }

    /// Reserved numbers (or extension ranges) and names must stay: otherwise a new field or
    /// value could reuse them and be read as the old one.
    fn reserved(
        &mut self,
        rule: &'static str,
        kind: &str,
        name: &str,
        (old_ranges, old_names): (&[(i32, i32)], &[String]),
        (new_ranges, new_names): (&[(i32, i32)], &[String]),
        at: Option<Location>,
    ) {
        let covered = |n: i32| new_ranges.iter().any(|(lo, hi)| (*lo..=*hi).contains(&n));
        for &(lo, hi) in old_ranges {
            let missing = missing(lo, hi, new_ranges);
            if let Some(&(from, to)) = missing.first() {
                debug_assert!(!covered(from));
                let was = if lo == hi {
                    format!("{lo}")
                } else {
                    format!("{lo} to {hi}")
                };
                let gone = if from == to {
                    format!("{from}")
                } else {
                    format!("{from} to {to}")
                };
                let (what, hint) = if kind == "extension" {
                    (
                        "extension range",
                        "keep the extension range: extensions declared elsewhere use its numbers",
                    )
                } else {
                    (
                        "reserved range",
                        "keep the reservation: a number once used must never be reused",
                    )
                };
                let message = if lo == hi {
                    format!("`{name}` no longer reserves {lo}")
                } else {
                    format!("`{name}` shrank its {what} {was}: {gone} no longer covered")
                };
                self.report(rule, at.clone(), message, hint);
            }
        }
        for reserved in old_names {
            if !new_names.contains(reserved) {
                self.report(
                    rule,
                    at.clone(),
                    format!("`{name}` no longer reserves the name `{reserved}`"),
                    "keep the reservation: a name once used must never be reused",
                );
            }
        }
    }
}

/// Inclusive ranges from reserved or extension ranges.
fn ranges<R>(items: &[R], bounds: impl Fn(&R) -> (i32, i32)) -> Vec<(i32, i32)> {
    items.iter().map(bounds).collect()
}

/// The parts of `lo..=hi` that no range of `ranges` covers.
fn missing(lo: i32, hi: i32, ranges: &[(i32, i32)]) -> Vec<(i32, i32)> {
    let mut sorted = ranges.to_vec();
    sorted.sort();
    let mut out = Vec::new();
    let mut next = i64::from(lo);
    for (a, b) in sorted {
        let (a, b) = (i64::from(a), i64::from(b));
        if b < next {
            continue;
        }
        if a > next {
            out.push((next as i32, (a - 1).min(i64::from(hi)) as i32));
        }
        next = next.max(b + 1);
        if next > i64::from(hi) {
            break;
        }
    }
    if next <= i64::from(hi) {
        out.push((next as i32, hi));
    }
    out.retain(|(a, b)| a <= b && *a <= hi);
    out
}

/// The field's type as the proto source spells it.
fn type_name(field: &FieldDescriptorProto) -> String {
    match field.r#type() {
        Type::Message | Type::Enum | Type::Group => {
            field.type_name().trim_start_matches('.').to_owned()
        }
        other => other
            .as_str_name()
            .trim_start_matches("TYPE_")
            .to_lowercase(),
    }
}

/// Types whose binary encodings read each other (buf's groups; string → bytes is allowed
/// on its own).
fn wire_group(t: Type) -> u8 {
    match t {
        Type::Int32 | Type::Int64 | Type::Uint32 | Type::Uint64 | Type::Bool => 1,
        Type::Sint32 | Type::Sint64 => 2,
        Type::String => 3,
        Type::Bytes => 4,
        Type::Fixed32 | Type::Sfixed32 => 5,
        Type::Fixed64 | Type::Sfixed64 => 6,
        Type::Double => 7,
        Type::Float => 8,
        Type::Group => 9,
        Type::Message => 10,
        Type::Enum => 11,
    }
}

/// Types whose binary and JSON encodings read each other.
fn json_group(t: Type) -> u8 {
    match t {
        Type::Int32 | Type::Uint32 => 1,
        Type::Int64 | Type::Uint64 => 2,
        Type::Fixed32 | Type::Sfixed32 => 3,
        Type::Fixed64 | Type::Sfixed64 => 4,
        Type::Bool => 5,
        Type::Sint32 => 6,
        Type::Sint64 => 7,
        Type::String => 8,
        Type::Bytes => 9,
        Type::Double => 10,
        Type::Float => 11,
        Type::Group => 12,
        Type::Message => 13,
        Type::Enum => 14,
    }
}

#[cfg(test)]
mod tests {
    use super::missing;

    #[test]
    fn missing_parts_of_a_range() {
        assert_eq!(missing(1, 10, &[(1, 10)]), vec![]);
        assert_eq!(missing(1, 10, &[(1, 4), (6, 10)]), vec![(5, 5)]);
        assert_eq!(missing(1, 10, &[(3, 4)]), vec![(1, 2), (5, 10)]);
        assert_eq!(missing(5, 5, &[]), vec![(5, 5)]);
        assert_eq!(
            missing(1, i32::MAX - 1, &[(1, 100)]),
            vec![(101, i32::MAX - 1)]
        );
    }
}
