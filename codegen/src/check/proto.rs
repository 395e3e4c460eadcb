//! Breaking changes between two compiled protobuf contracts, in buf's categories and under
//! buf's rule IDs, so a team that knows `buf breaking` reads the same names here.
//!
//! One rule is guestkit's own: an actor serves `package.Service/Method` routes, and a caller
//! names the route in every message, so deleting an RPC, a service or renaming the package
//! breaks callers on the wire (`ROUTE_NO_DELETE`, in every category).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::str::FromStr;

use prost_types::field_descriptor_proto::{Label, Type};
use prost_types::{
    DescriptorProto, EnumDescriptorProto, FieldDescriptorProto, FileDescriptorProto,
    FileDescriptorSet, ServiceDescriptorProto,
};

use super::{Finding, Location};

/// buf's breaking-change categories, strictest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Generated code, file by file.
    File,
    /// Generated code, package by package.
    Package,
    /// The binary and the JSON encoding.
    WireJson,
    /// The binary encoding.
    Wire,
}

impl FromStr for Category {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_uppercase().as_str() {
            "FILE" => Ok(Self::File),
            "PACKAGE" => Ok(Self::Package),
            "WIRE_JSON" => Ok(Self::WireJson),
            "WIRE" => Ok(Self::Wire),
            _ => Err(format!(
                "unknown breaking category `{s}`; use FILE, PACKAGE, WIRE_JSON or WIRE"
            )),
        }
    }
}

use Category::{File, Package, Wire, WireJson};

const ALL: &[Category] = &[File, Package, WireJson, Wire];
const SOURCE: &[Category] = &[File, Package];
const SOURCE_AND_JSON: &[Category] = &[File, Package, WireJson];
const ENCODED: &[Category] = &[WireJson, Wire];

/// Every rule, with the categories it belongs to.
pub const RULES: &[(&str, &[Category])] = &[
    ("FILE_NO_DELETE", &[File]),
    ("FILE_SAME_PACKAGE", ALL),
    ("MESSAGE_NO_DELETE", SOURCE),
    ("ENUM_NO_DELETE", SOURCE),
    ("SERVICE_NO_DELETE", SOURCE),
    ("RPC_NO_DELETE", SOURCE),
    ("ROUTE_NO_DELETE", ALL),
    ("RPC_SAME_REQUEST_TYPE", ALL),
    ("RPC_SAME_RESPONSE_TYPE", ALL),
    ("RPC_SAME_CLIENT_STREAMING", ALL),
    ("RPC_SAME_SERVER_STREAMING", ALL),
    ("FIELD_NO_DELETE", SOURCE),
    ("FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED", ENCODED),
    ("FIELD_NO_DELETE_UNLESS_NAME_RESERVED", &[WireJson]),
    ("FIELD_SAME_NAME", SOURCE_AND_JSON),
    ("FIELD_SAME_JSON_NAME", SOURCE_AND_JSON),
    ("FIELD_SAME_TYPE", SOURCE),
    ("FIELD_WIRE_JSON_COMPATIBLE_TYPE", &[WireJson]),
    ("FIELD_WIRE_COMPATIBLE_TYPE", &[Wire]),
    ("FIELD_SAME_CARDINALITY", SOURCE),
    ("FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY", &[WireJson]),
    ("FIELD_WIRE_COMPATIBLE_CARDINALITY", &[Wire]),
    ("FIELD_SAME_ONEOF", ALL),
    ("ONEOF_NO_DELETE", SOURCE),
    ("ENUM_VALUE_NO_DELETE", SOURCE),
    ("ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED", ENCODED),
    ("ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED", &[WireJson]),
    ("ENUM_VALUE_SAME_NAME", SOURCE_AND_JSON),
    ("MESSAGE_SAME_REQUIRED_FIELDS", ALL),
    ("RESERVED_MESSAGE_NO_DELETE", ALL),
    ("RESERVED_ENUM_NO_DELETE", ALL),
];

fn in_category(rule: &str, category: Category) -> bool {
    RULES
        .iter()
        .any(|(id, categories)| *id == rule && categories.contains(&category))
}

/// The changes from `before` to `after` that break programs in `category`. Files of the
/// well-known types (`google/protobuf/`) are left out.
pub fn breaking(
    before: &FileDescriptorSet,
    after: &FileDescriptorSet,
    category: Category,
) -> Vec<Finding> {
    let old = Index::new(before);
    let new = Index::new(after);
    let mut check = Check {
        category,
        old: &old,
        new: &new,
        findings: Vec::new(),
    };
    check.files();
    check.services();
    check.messages();
    check.enums();
    check.findings
}

/// Where a descriptor lives: its file and its source-info path.
#[derive(Clone)]
struct Place {
    file: String,
    path: Vec<i32>,
}

/// A contract's files and types by name, and where each was declared.
struct Index<'a> {
    files: BTreeMap<&'a str, &'a FileDescriptorProto>,
    messages: BTreeMap<String, (&'a DescriptorProto, Place)>,
    enums: BTreeMap<String, (&'a EnumDescriptorProto, Place)>,
    services: BTreeMap<String, (&'a ServiceDescriptorProto, Place)>,
    spans: HashMap<(String, Vec<i32>), Location>,
    /// Declarations with a leading doc comment.
    documented: HashSet<(String, Vec<i32>)>,
}

impl<'a> Index<'a> {
    fn new(set: &'a FileDescriptorSet) -> Self {
        let mut index = Self {
            files: BTreeMap::new(),
            messages: BTreeMap::new(),
            enums: BTreeMap::new(),
            services: BTreeMap::new(),
            spans: HashMap::new(),
            documented: HashSet::new(),
        };
        for file in &set.file {
            let name = file.name();
            if name.starts_with("google/protobuf/") {
                continue;
            }
            index.files.insert(name, file);
            for loc in file.source_code_info.iter().flat_map(|i| &i.location) {
                if let [line, column, ..] = loc.span[..] {
                    let at = Location {
                        file: name.to_owned(),
                        line: line as u32 + 1,
                        column: column as u32 + 1,
                    };
                    index.spans.insert((name.to_owned(), loc.path.clone()), at);
                }
                if loc
                    .leading_comments
                    .as_deref()
                    .is_some_and(|c| !c.trim().is_empty())
                {
                    index.documented.insert((name.to_owned(), loc.path.clone()));
                }
            }
            let prefix = match file.package() {
                "" => String::new(),
                p => format!("{p}."),
            };
            let place = |path: Vec<i32>| Place {
                file: name.to_owned(),
                path,
            };
            for (i, message) in file.message_type.iter().enumerate() {
                index.message(&prefix, message, place(vec![4, i as i32]));
            }
            for (i, e) in file.enum_type.iter().enumerate() {
                let full = format!("{prefix}{}", e.name());
                index.enums.insert(full, (e, place(vec![5, i as i32])));
            }
            for (i, service) in file.service.iter().enumerate() {
                let full = format!("{prefix}{}", service.name());
                index
                    .services
                    .insert(full, (service, place(vec![6, i as i32])));
            }
        }
        index
    }

    fn message(&mut self, prefix: &str, message: &'a DescriptorProto, at: Place) {
        let full = format!("{prefix}{}", message.name());
        let inner = format!("{full}.");
        for (i, nested) in message.nested_type.iter().enumerate() {
            self.message(&inner, nested, at.child(3, i));
        }
        for (i, e) in message.enum_type.iter().enumerate() {
            self.enums
                .insert(format!("{inner}{}", e.name()), (e, at.child(4, i)));
        }
        self.messages.insert(full, (message, at));
    }

    /// Whether `file` is proto2, where every singular field tracks presence.
    fn proto2(&self, file: &str) -> bool {
        self.files
            .get(file)
            .is_some_and(|f| matches!(f.syntax(), "" | "proto2"))
    }

    /// The start of `file`, for what was deleted from it.
    fn file_at(&self, file: &str) -> Option<Location> {
        self.files.contains_key(file).then(|| Location {
            file: file.to_owned(),
            line: 1,
            column: 1,
        })
    }

    fn at(&self, place: &Place) -> Option<Location> {
        self.spans
            .get(&(place.file.clone(), place.path.clone()))
            .cloned()
    }
}

impl Place {
    fn child(&self, kind: i32, index: usize) -> Place {
        let mut path = self.path.clone();
        path.extend([kind, index as i32]);
        Place {
            file: self.file.clone(),
            path,
        }
    }
}

struct Check<'a> {
    category: Category,
    old: &'a Index<'a>,
    new: &'a Index<'a>,
    findings: Vec<Finding>,
}

impl Check<'_> {
    fn report(&mut self, rule: &'static str, at: Option<Location>, message: String, hint: &str) {
        if in_category(rule, self.category) {
            self.findings
                .push(Finding::error(rule, at, message).hint(hint));
        }
    }

    fn files(&mut self) {
        for (name, old) in &self.old.files {
            let Some(new) = self.new.files.get(name) else {
                self.report(
                    "FILE_NO_DELETE",
                    None,
                    format!("file `{name}` was deleted"),
                    "keep the file, or move its types in a step that FILE-level users can follow",
                );
                continue;
            };
            if old.package() != new.package() {
                let at = self.new.at(&Place {
                    file: name.to_string(),
                    path: vec![2],
                });
                self.report(
                    "FILE_SAME_PACKAGE",
                    at,
                    format!(
                        "file `{name}` moved from package `{}` to `{}`: every type and route \
                         in it changed its name",
                        old.package(),
                        new.package()
                    ),
                    "keep the package, and put new versions in a new package beside it",
                );
            }
        }
    }

    fn services(&mut self) {
        for (name, (old, place)) in &self.old.services {
            let Some((new, new_place)) = self.new.services.get(name) else {
                let at = self.new.file_at(&place.file);
                self.report(
                    "SERVICE_NO_DELETE",
                    at.clone(),
                    format!("service `{name}` was deleted"),
                    "keep the service; deprecate it with `option deprecated = true;`",
                );
                for method in &old.method {
                    self.report(
                        "ROUTE_NO_DELETE",
                        at.clone(),
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
            for method in &old.method {
                let route = format!("{name}/{}", method.name());
                let Some((j, now)) = new
                    .method
                    .iter()
                    .enumerate()
                    .find(|(_, m)| m.name() == method.name())
                else {
                    let at = self.new.at(new_place);
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
                let at = self.new.at(&new_place.child(2, j));
                let pairs = [
                    (
                        "RPC_SAME_REQUEST_TYPE",
                        "request type",
                        method.input_type(),
                        now.input_type(),
                    ),
                    (
                        "RPC_SAME_RESPONSE_TYPE",
                        "response type",
                        method.output_type(),
                        now.output_type(),
                    ),
                ];
                for (rule, what, was, is) in pairs {
                    if was != is {
                        self.report(
                            rule,
                            at.clone(),
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
                            at.clone(),
                            format!("RPC `{route}` {how} {side} streaming"),
                            "add a new RPC with the new streaming and keep the old one",
                        );
                    }
                }
            }
        }
    }

    fn messages(&mut self) {
        for (name, (old, place)) in &self.old.messages {
            let Some((new, new_place)) = self.new.messages.get(name) else {
                self.type_deleted("MESSAGE_NO_DELETE", "message", name, place);
                continue;
            };
            self.reserved(
                "RESERVED_MESSAGE_NO_DELETE",
                name,
                (&old.reserved_range, &old.reserved_name),
                (&new.reserved_range, &new.reserved_name),
                self.new.at(new_place),
                |r| (r.start(), r.end() - 1),
            );
            let required = |m: &DescriptorProto| -> BTreeSet<i32> {
                m.field
                    .iter()
                    .filter(|f| f.label() == Label::Required)
                    .map(|f| f.number())
                    .collect()
            };
            let (was_required, is_required) = (required(old), required(new));
            if was_required != is_required {
                let list = |set: &BTreeSet<i32>| {
                    let numbers: Vec<String> = set.iter().map(ToString::to_string).collect();
                    format!("[{}]", numbers.join(", "))
                };
                self.report(
                    "MESSAGE_SAME_REQUIRED_FIELDS",
                    self.new.at(new_place),
                    format!(
                        "`{name}` changed its required fields from {} to {}: readers of one \
                         version reject messages of the other",
                        list(&was_required),
                        list(&is_required)
                    ),
                    "keep the required fields as they are; new fields should be optional",
                );
            }
            let explicit = (
                self.old.proto2(&place.file),
                self.new.proto2(&new_place.file),
            );
            let oneof = |m: &DescriptorProto, f: &FieldDescriptorProto| {
                f.oneof_index
                    .filter(|_| !f.proto3_optional())
                    .and_then(|i| m.oneof_decl.get(i as usize))
                    .map(|o| o.name().to_owned())
            };
            let new_oneofs: BTreeSet<&str> = new.oneof_decl.iter().map(|o| o.name()).collect();
            for decl in &old.oneof_decl {
                // proto3 `optional` fields live in synthetic oneofs named `_field`.
                if !new_oneofs.contains(decl.name()) && !decl.name().starts_with('_') {
                    self.report(
                        "ONEOF_NO_DELETE",
                        self.new.at(new_place),
                        format!("oneof `{name}.{}` was deleted", decl.name()),
                        "keep the oneof",
                    );
                }
            }
            for field in &old.field {
                let number = field.number();
                let Some((j, now)) = new
                    .field
                    .iter()
                    .enumerate()
                    .find(|(_, f)| f.number() == number)
                else {
                    self.field_deleted(name, field, new, self.new.at(new_place));
                    continue;
                };
                let at = self.new.at(&new_place.child(2, j));
                let what = format!("field {number} of `{name}`");
                if field.name() != now.name() {
                    self.report(
                        "FIELD_SAME_NAME",
                        at.clone(),
                        format!(
                            "{what} was renamed from `{}` to `{}`",
                            field.name(),
                            now.name()
                        ),
                        "keep the name: JSON and generated code use it",
                    );
                }
                if field.json_name() != now.json_name() {
                    self.report(
                        "FIELD_SAME_JSON_NAME",
                        at.clone(),
                        format!(
                            "{what} changed its JSON name from `{}` to `{}`",
                            field.json_name(),
                            now.json_name()
                        ),
                        "keep the JSON name (`json_name` option)",
                    );
                }
                self.field_type(&what, field, now, at.clone());
                let (a, b) = (cardinality(field, explicit.0), cardinality(now, explicit.1));
                self.cardinality(&what, (a, b), field, now, at.clone());
                let (was, is) = (oneof(old, field), oneof(new, now));
                if was != is {
                    let name_of = |o: &Option<String>| {
                        o.as_deref()
                            .map_or("no oneof".to_owned(), |o| format!("oneof `{o}`"))
                    };
                    self.report(
                        "FIELD_SAME_ONEOF",
                        at,
                        format!("{what} moved from {} to {}", name_of(&was), name_of(&is)),
                        "leave fields where they are; add a new field for the new place",
                    );
                }
            }
        }
    }

    /// A message or enum is gone; when its file changed package, the move says it already.
    fn type_deleted(&mut self, rule: &'static str, kind: &str, name: &str, place: &Place) {
        if !self.package_moved(&place.file) {
            self.report(
                rule,
                self.new.file_at(&place.file),
                format!("{kind} `{name}` was deleted"),
                &format!("keep the {kind}; deprecate it with `option deprecated = true;`"),
            );
        }
    }

    /// Whether `file` changed its package: its types are then reported once, as a move.
    fn package_moved(&self, file: &str) -> bool {
        match (self.old.files.get(file), self.new.files.get(file)) {
            (Some(old), Some(new)) => old.package() != new.package(),
            _ => false,
        }
    }

    fn field_deleted(
        &mut self,
        message: &str,
        field: &FieldDescriptorProto,
        new: &DescriptorProto,
        at: Option<Location>,
    ) {
        let what = format!("field {} `{}` of `{message}`", field.number(), field.name());
        self.report(
            "FIELD_NO_DELETE",
            at.clone(),
            format!("{what} was deleted"),
            "keep the field; deprecate it with `[deprecated = true]`",
        );
        let number = field.number();
        let number_reserved = new
            .reserved_range
            .iter()
            .any(|r| (r.start()..r.end()).contains(&number));
        if !number_reserved {
            self.report(
                "FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED",
                at.clone(),
                format!("{what} was deleted without reserving its number"),
                &format!("add `reserved {number};` so that no new field reuses it"),
            );
        }
        if !new.reserved_name.iter().any(|n| n == field.name()) {
            self.report(
                "FIELD_NO_DELETE_UNLESS_NAME_RESERVED",
                at,
                format!("{what} was deleted without reserving its name"),
                &format!("add `reserved \"{}\";`", field.name()),
            );
        }
    }

    fn field_type(
        &mut self,
        what: &str,
        was: &FieldDescriptorProto,
        is: &FieldDescriptorProto,
        at: Option<Location>,
    ) {
        let (a, b) = (type_name(was), type_name(is));
        if a == b {
            return;
        }
        let message = format!("{what} changed type from `{a}` to `{b}`");
        let hint = "add a new field with the new type and deprecate this one";
        self.report("FIELD_SAME_TYPE", at.clone(), message.clone(), hint);
        self.report(
            "FIELD_WIRE_JSON_COMPATIBLE_TYPE",
            at.clone(),
            message.clone(),
            hint,
        );
        if wire_class(was) != wire_class(is) || wire_class(was).is_none() {
            self.report("FIELD_WIRE_COMPATIBLE_TYPE", at, message, hint);
        }
    }

    fn cardinality(
        &mut self,
        what: &str,
        (a, b): (&str, &str),
        was: &FieldDescriptorProto,
        is: &FieldDescriptorProto,
        at: Option<Location>,
    ) {
        if a == b {
            return;
        }
        let message = format!("{what} changed from {a} to {b}");
        let hint = "add a new field with the new cardinality and deprecate this one";
        self.report("FIELD_SAME_CARDINALITY", at.clone(), message.clone(), hint);
        let repeated = |f: &FieldDescriptorProto| f.label() == Label::Repeated;
        let presence_only = repeated(was) == repeated(is)
            && (was.label() == Label::Required) == (is.label() == Label::Required);
        if !presence_only {
            self.report(
                "FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY",
                at.clone(),
                message.clone(),
                hint,
            );
            self.report("FIELD_WIRE_COMPATIBLE_CARDINALITY", at, message, hint);
        }
    }

    fn enums(&mut self) {
        for (name, (old, place)) in &self.old.enums {
            let Some((new, new_place)) = self.new.enums.get(name) else {
                self.type_deleted("ENUM_NO_DELETE", "enum", name, place);
                continue;
            };
            let at = self.new.at(new_place);
            self.reserved(
                "RESERVED_ENUM_NO_DELETE",
                name,
                (&old.reserved_range, &old.reserved_name),
                (&new.reserved_range, &new.reserved_name),
                at.clone(),
                |r| (r.start(), r.end()),
            );
            for value in &old.value {
                let number = value.number();
                let same_number: Vec<_> = new
                    .value
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| v.number() == number)
                    .collect();
                if same_number.is_empty() {
                    let what = format!("value {number} `{}` of enum `{name}`", value.name());
                    self.report(
                        "ENUM_VALUE_NO_DELETE",
                        at.clone(),
                        format!("{what} was deleted"),
                        "keep the value; deprecate it with `[deprecated = true]`",
                    );
                    let number_reserved = new
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
                    if !new.reserved_name.iter().any(|n| n == value.name()) {
                        self.report(
                            "ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED",
                            at.clone(),
                            format!("{what} was deleted without reserving its name"),
                            &format!("add `reserved \"{}\";`", value.name()),
                        );
                    }
                } else if !same_number.iter().any(|(_, v)| v.name() == value.name()) {
                    let (j, now) = same_number[0];
                    self.report(
                        "ENUM_VALUE_SAME_NAME",
                        self.new.at(&new_place.child(2, j)),
                        format!(
                            "value {number} of enum `{name}` was renamed from `{}` to `{}`",
                            value.name(),
                            now.name()
                        ),
                        "keep the name (JSON uses it); `option allow_alias = true;` lets a \
                         new name share the number",
                    );
                }
            }
        }
    }

    /// Reserved numbers and names must stay reserved: otherwise a new field or value could
    /// reuse them and be read as the old one.
    #[allow(clippy::too_many_arguments)]
    fn reserved<R>(
        &mut self,
        rule: &'static str,
        name: &str,
        (old_ranges, old_names): (&[R], &[String]),
        (new_ranges, new_names): (&[R], &[String]),
        at: Option<Location>,
        bounds: impl Fn(&R) -> (i32, i32),
    ) {
        let covered = |n: i32| {
            new_ranges.iter().any(|r| {
                let (lo, hi) = bounds(r);
                (lo..=hi).contains(&n)
            })
        };
        for range in old_ranges {
            let (lo, hi) = bounds(range);
            if let Some(n) = (lo..=hi.min(lo.saturating_add(1 << 16))).find(|n| !covered(*n)) {
                let was = if lo == hi {
                    String::new()
                } else {
                    format!(" (it reserved {lo} to {hi})")
                };
                self.report(
                    rule,
                    at.clone(),
                    format!("`{name}` no longer reserves {n}{was}"),
                    "keep the reservation: a number once used must never be reused",
                );
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

/// Types that read each other's encoding: protobuf's documented wire-compatible groups.
fn wire_class(field: &FieldDescriptorProto) -> Option<&'static str> {
    Some(match field.r#type() {
        Type::Int32 | Type::Uint32 | Type::Int64 | Type::Uint64 | Type::Bool => "varint",
        // Varints too, but an open enum read as a closed one drops unknown values.
        Type::Enum => "enum",
        Type::Sint32 | Type::Sint64 => "zigzag",
        Type::Fixed32 | Type::Sfixed32 => "fixed32",
        Type::Fixed64 | Type::Sfixed64 => "fixed64",
        Type::String | Type::Bytes => "length-delimited",
        Type::Float | Type::Double | Type::Message | Type::Group => return None,
    })
}

/// How many values a field holds and whether it tracks presence, as buf compares it:
/// proto2 fields, oneof members, messages and proto3 `optional` fields know whether they
/// were set; other proto3 singular fields do not.
fn cardinality(field: &FieldDescriptorProto, proto2: bool) -> &'static str {
    let tracked = proto2
        || field.oneof_index.is_some()
        || matches!(field.r#type(), Type::Message | Type::Group);
    match field.label() {
        Label::Repeated => "repeated",
        Label::Required => "required",
        Label::Optional if tracked => "optional (explicit presence)",
        Label::Optional => "singular (implicit presence)",
    }
}

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
    for (name, (message, place)) in &index.messages {
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
    for (name, (e, place)) in &index.enums {
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
    for (name, (service, place)) in &index.services {
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
            let route =
                crate::service::route(&place_package(&index, place), service.name(), method.name());
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

fn place_package(index: &Index, place: &Place) -> String {
    index
        .files
        .get(place.file.as_str())
        .map(|f| f.package().to_owned())
        .unwrap_or_default()
}

/// The imports of `file` that define none of the types it uses.
fn unused_imports<'a>(index: &Index, name: &str, file: &'a FileDescriptorProto) -> Vec<&'a str> {
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut uses = |type_name: &str| {
        used.insert(type_name.trim_start_matches('.').to_owned());
    };
    for (message, _) in index.messages.values().filter(|(_, p)| p.file == name) {
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
        index.messages.get(ty).is_some_and(|(_, p)| p.file == dep)
            || index.enums.get(ty).is_some_and(|(_, p)| p.file == dep)
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
