//! One compiled version of a contract, indexed for comparing: its files, packages and types by
//! name, where each was declared, and what protobuf makes of each field (its cardinality, its
//! presence, its defaults) given the syntax of the file it is in.

use std::collections::{BTreeMap, HashMap, HashSet};

use prost_types::field_descriptor_proto::{Label, Type};
use prost_types::{
    DescriptorProto, EnumDescriptorProto, FieldDescriptorProto, FileDescriptorProto,
    FileDescriptorSet, ServiceDescriptorProto,
};

use crate::check::Location;

/// Where a descriptor lives: its file and its source-info path.
#[derive(Clone, Debug)]
pub(super) struct Place {
    pub file: String,
    pub path: Vec<i32>,
}

impl Place {
    pub fn child(&self, kind: i32, index: usize) -> Place {
        let mut path = self.path.clone();
        path.extend([kind, index as i32]);
        Place {
            file: self.file.clone(),
            path,
        }
    }
}

/// A declared type, with the place it was declared and the file's package.
pub(super) struct Declared<'a, T> {
    pub item: &'a T,
    pub place: Place,
    /// Its name inside its package: `Order.Line`.
    pub nested: String,
    pub package: &'a str,
}

/// A contract's files and types by name, and where each was declared.
pub(super) struct Index<'a> {
    pub files: BTreeMap<&'a str, &'a FileDescriptorProto>,
    pub messages: BTreeMap<String, Declared<'a, DescriptorProto>>,
    pub enums: BTreeMap<String, Declared<'a, EnumDescriptorProto>>,
    pub services: BTreeMap<String, Declared<'a, ServiceDescriptorProto>>,
    /// Extensions by full name.
    pub extensions: BTreeMap<String, Declared<'a, FieldDescriptorProto>>,
    spans: HashMap<(String, Vec<i32>), Location>,
    /// Declarations with a leading doc comment.
    pub documented: HashSet<(String, Vec<i32>)>,
    /// A map's entry message (which has no source of its own) → the map field that made it.
    made_by: HashMap<(String, Vec<i32>), Vec<i32>>,
}

impl<'a> Index<'a> {
    pub fn new(set: &'a FileDescriptorSet) -> Self {
        let mut index = Self {
            files: BTreeMap::new(),
            messages: BTreeMap::new(),
            enums: BTreeMap::new(),
            services: BTreeMap::new(),
            extensions: BTreeMap::new(),
            spans: HashMap::new(),
            documented: HashSet::new(),
            made_by: HashMap::new(),
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
            let package = file.package();
            let place = |path: Vec<i32>| Place {
                file: name.to_owned(),
                path,
            };
            for (i, message) in file.message_type.iter().enumerate() {
                index.message(package, "", message, place(vec![4, i as i32]));
            }
            for (i, e) in file.enum_type.iter().enumerate() {
                index.declare_enum(package, "", e, place(vec![5, i as i32]));
            }
            for (i, service) in file.service.iter().enumerate() {
                let nested = service.name().to_owned();
                let declared = Declared {
                    item: service,
                    place: place(vec![6, i as i32]),
                    nested: nested.clone(),
                    package,
                };
                index.services.insert(full(package, &nested), declared);
            }
            for (i, extension) in file.extension.iter().enumerate() {
                index.extension(package, "", extension, place(vec![7, i as i32]));
            }
        }
        index
    }

    fn message(&mut self, package: &'a str, outer: &str, message: &'a DescriptorProto, at: Place) {
        let nested = format!("{outer}{}", message.name());
        let inner = format!("{nested}.");
        for (i, child) in message.nested_type.iter().enumerate() {
            let child_at = at.child(3, i);
            if is_map_entry(child) {
                let entry = format!(".{}", full(package, &format!("{inner}{}", child.name())));
                if let Some(j) = message.field.iter().position(|f| f.type_name() == entry) {
                    let key = (child_at.file.clone(), child_at.path.clone());
                    self.made_by.insert(key, at.child(2, j).path);
                }
            }
            self.message(package, &inner, child, child_at);
        }
        for (i, e) in message.enum_type.iter().enumerate() {
            self.declare_enum(package, &inner, e, at.child(4, i));
        }
        for (i, extension) in message.extension.iter().enumerate() {
            self.extension(package, &inner, extension, at.child(6, i));
        }
        let declared = Declared {
            item: message,
            place: at,
            nested: nested.clone(),
            package,
        };
        self.messages.insert(full(package, &nested), declared);
    }

    fn declare_enum(
        &mut self,
        package: &'a str,
        outer: &str,
        e: &'a EnumDescriptorProto,
        at: Place,
    ) {
        let nested = format!("{outer}{}", e.name());
        let declared = Declared {
            item: e,
            place: at,
            nested: nested.clone(),
            package,
        };
        self.enums.insert(full(package, &nested), declared);
    }

    fn extension(
        &mut self,
        package: &'a str,
        outer: &str,
        field: &'a FieldDescriptorProto,
        at: Place,
    ) {
        let nested = format!("{outer}{}", field.name());
        let declared = Declared {
            item: field,
            place: at,
            nested: nested.clone(),
            package,
        };
        self.extensions.insert(full(package, &nested), declared);
    }

    /// The packages of the contract, with the files of each.
    pub fn packages(&self) -> BTreeMap<&'a str, Vec<&'a str>> {
        let mut packages: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (name, file) in &self.files {
            packages.entry(file.package()).or_default().push(name);
        }
        packages
    }

    /// Whether `file` is proto2 (or has no `syntax` line, which means proto2).
    pub fn proto2(&self, file: &str) -> bool {
        self.files
            .get(file)
            .is_some_and(|f| matches!(f.syntax(), "" | "proto2"))
    }

    /// The start of `file`, for what was deleted from it.
    pub fn file_at(&self, file: &str) -> Option<Location> {
        self.files.contains_key(file).then(|| Location {
            file: file.to_owned(),
            line: 1,
            column: 1,
        })
    }

    /// Where `place` is in the source. What has no source of its own (a map's entry message
    /// and its key and value) is found at the map field; failing all, the nearest enclosing
    /// declaration, then the file.
    pub fn at(&self, place: &Place) -> Option<Location> {
        let mut path = place.path.clone();
        loop {
            let key = (place.file.clone(), path);
            if let Some(at) = self.spans.get(&key) {
                return Some(at.clone());
            }
            if let Some(field) = self.made_by.get(&key) {
                path = field.clone();
                continue;
            }
            path = key.1;
            if path.len() < 2 {
                return self.file_at(&place.file);
            }
            path.truncate(path.len() - 2);
        }
    }

    /// Where a part of the declaration at `place` is (its type, its default, one of its
    /// options: `parts` continues its source-info path), or else the declaration.
    pub fn part_at(&self, place: &Place, parts: &[i32]) -> Option<Location> {
        let mut path = place.path.clone();
        path.extend(parts);
        let key = (place.file.clone(), path);
        self.spans.get(&key).cloned().or_else(|| self.at(place))
    }

    /// The field's message type, when it is a message.
    pub fn message_of(
        &self,
        field: &FieldDescriptorProto,
    ) -> Option<&Declared<'a, DescriptorProto>> {
        self.messages.get(field.type_name().trim_start_matches('.'))
    }

    /// The field's enum, when it is an enum.
    pub fn enum_of(
        &self,
        field: &FieldDescriptorProto,
    ) -> Option<&Declared<'a, EnumDescriptorProto>> {
        self.enums.get(field.type_name().trim_start_matches('.'))
    }

    /// How many values `field` (declared in `file`) holds and whether it tracks presence.
    pub fn cardinality(&self, field: &FieldDescriptorProto, file: &str) -> Cardinality {
        match field.label() {
            Label::Repeated if self.message_of(field).is_some_and(|m| is_map_entry(m.item)) => {
                Cardinality::Map
            }
            Label::Repeated => Cardinality::Repeated,
            Label::Required => Cardinality::Required,
            Label::Optional
                if self.proto2(file)
                    || field.oneof_index.is_some()
                    || matches!(field.r#type(), Type::Message | Type::Group) =>
            {
                Cardinality::Explicit
            }
            Label::Optional => Cardinality::Implicit,
        }
    }

    /// The value a reader sees for `field` when it is not set, as protobuf resolves it; `None`
    /// for fields that have no default (repeated, maps, messages).
    pub fn default_of(&self, field: &FieldDescriptorProto) -> Option<Default> {
        if field.label() == Label::Repeated || matches!(field.r#type(), Type::Message | Type::Group)
        {
            return None;
        }
        let text = field.default_value.as_deref();
        Some(match field.r#type() {
            Type::String | Type::Bytes => Default::Text(text.unwrap_or_default().to_owned()),
            Type::Enum => {
                let values = &self.enum_of(field)?.item.value;
                let number = match text {
                    Some(name) => values.iter().find(|v| v.name() == name)?.number(),
                    None => values.first()?.number(),
                };
                Default::Number(f64::from(number))
            }
            Type::Bool => Default::Number(if text == Some("true") { 1.0 } else { 0.0 }),
            _ => match text {
                None => Default::Number(0.0),
                Some("inf") => Default::Number(f64::INFINITY),
                Some("-inf") => Default::Number(f64::NEG_INFINITY),
                Some("nan") => Default::NaN,
                Some(number) => number.parse().map_or(Default::NaN, Default::Number),
            },
        })
    }
}

/// A field's cardinality as buf names and groups them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cardinality {
    /// Singular, knowing whether it was set: proto2 `optional`, proto3 `optional`, a oneof
    /// member, a message.
    Explicit,
    /// Singular, with its zero value meaning "not set": a plain proto3 scalar.
    Implicit,
    Required,
    Repeated,
    Map,
}

impl Cardinality {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Explicit => "optional with explicit presence",
            Self::Implicit => "optional with implicit presence",
            Self::Required => "required",
            Self::Repeated => "repeated",
            Self::Map => "map",
        }
    }

    /// Cardinalities whose binary encodings read each other.
    pub fn wire_group(self) -> u8 {
        match self {
            Self::Explicit | Self::Implicit => 1,
            Self::Required => 2,
            Self::Repeated | Self::Map => 3,
        }
    }

    /// Cardinalities whose binary and JSON encodings read each other: a map is a JSON
    /// object, a repeated field an array.
    pub fn json_group(self) -> u8 {
        match self {
            Self::Map => 4,
            other => other.wire_group(),
        }
    }
}

/// A field's default value, compared across types the way buf does (strings with strings,
/// everything else as a number).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Default {
    Text(String),
    Number(f64),
    NaN,
}

impl std::fmt::Display for Default {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Default::Text(t) => write!(f, "{t:?}"),
            Default::Number(n) => write!(f, "{n}"),
            Default::NaN => f.write_str("nan"),
        }
    }
}

impl Default {
    pub fn is_zero(&self) -> bool {
        match self {
            Default::Text(t) => t.is_empty(),
            Default::Number(n) => *n == 0.0,
            Default::NaN => false,
        }
    }
}

pub(super) fn is_map_entry(message: &DescriptorProto) -> bool {
    message.options.as_ref().is_some_and(|o| o.map_entry())
}

/// `package.Name`, or `Name` in no package.
pub(super) fn full(package: &str, nested: &str) -> String {
    if package.is_empty() {
        nested.to_owned()
    } else {
        format!("{package}.{nested}")
    }
}
