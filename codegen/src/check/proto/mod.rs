//! Breaking changes between two compiled protobuf contracts, in buf's categories and under
//! buf's rule IDs, so a team that knows `buf breaking` reads the same names here: every rule
//! of buf's v2 breaking set, in the categories buf puts it in.
//!
//! One rule is guestkit's own: an actor serves `package.Service/Method` routes, and a caller
//! names the route in every message, so deleting an RPC, a service or renaming the package
//! breaks callers on the wire (`ROUTE_NO_DELETE`, in every category).
//!
//! Two rule sets judge the encodings: [`Rules::Buf`] gives buf's verdicts; [`Rules::Protobuf`]
//! follows protobuf's own compatibility rules ("Updating a message type", and the proto3 JSON
//! mapping) where they allow more than buf does, and reports those changes as notices that
//! say why they are safe and under which condition.

mod compare;
mod index;
mod lint;

use std::str::FromStr;

use prost_types::FileDescriptorSet;

pub use lint::lint;

use super::Finding;

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

/// Whose compatibility rules judge changes to the encodings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rules {
    /// buf's: the same rule IDs and verdicts as `buf breaking`.
    #[default]
    Buf,
    /// protobuf's documented rules, where they are more precise than buf's: what they allow
    /// is reported as a notice, with the condition under which it holds.
    Protobuf,
}

impl FromStr for Rules {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "buf" => Ok(Self::Buf),
            "protobuf" => Ok(Self::Protobuf),
            _ => Err(format!(
                "unknown rule set `{s}`; use \"buf\" or \"protobuf\""
            )),
        }
    }
}

use Category::{File, Package, Wire, WireJson};

const ALL: &[Category] = &[File, Package, WireJson, Wire];
const SOURCE: &[Category] = &[File, Package];
const SOURCE_AND_JSON: &[Category] = &[File, Package, WireJson];
const ENCODED: &[Category] = &[WireJson, Wire];

/// Every rule, with the categories it belongs to (buf's v2 breaking rules).
pub const RULES: &[(&str, &[Category])] = &[
    ("ENUM_NO_DELETE", &[File]),
    ("EXTENSION_NO_DELETE", &[File]),
    ("FILE_NO_DELETE", &[File]),
    ("MESSAGE_NO_DELETE", &[File]),
    ("SERVICE_NO_DELETE", &[File]),
    ("ENUM_SAME_TYPE", SOURCE),
    ("ENUM_VALUE_NO_DELETE", SOURCE),
    ("EXTENSION_MESSAGE_NO_DELETE", SOURCE),
    ("FIELD_NO_DELETE", SOURCE),
    ("FIELD_SAME_CARDINALITY", SOURCE),
    ("FIELD_SAME_CPP_STRING_TYPE", SOURCE),
    ("FIELD_SAME_JAVA_UTF8_VALIDATION", SOURCE),
    ("FIELD_SAME_JSTYPE", SOURCE),
    ("FIELD_SAME_TYPE", SOURCE),
    ("FIELD_SAME_UTF8_VALIDATION", SOURCE),
    ("FILE_SAME_CC_ENABLE_ARENAS", SOURCE),
    ("FILE_SAME_CC_GENERIC_SERVICES", SOURCE),
    ("FILE_SAME_CSHARP_NAMESPACE", SOURCE),
    ("FILE_SAME_GO_PACKAGE", SOURCE),
    ("FILE_SAME_JAVA_GENERIC_SERVICES", SOURCE),
    ("FILE_SAME_JAVA_MULTIPLE_FILES", SOURCE),
    ("FILE_SAME_JAVA_OUTER_CLASSNAME", SOURCE),
    ("FILE_SAME_JAVA_PACKAGE", SOURCE),
    ("FILE_SAME_OBJC_CLASS_PREFIX", SOURCE),
    ("FILE_SAME_OPTIMIZE_FOR", SOURCE),
    ("FILE_SAME_PHP_CLASS_PREFIX", SOURCE),
    ("FILE_SAME_PHP_METADATA_NAMESPACE", SOURCE),
    ("FILE_SAME_PHP_NAMESPACE", SOURCE),
    ("FILE_SAME_PY_GENERIC_SERVICES", SOURCE),
    ("FILE_SAME_RUBY_PACKAGE", SOURCE),
    ("FILE_SAME_SWIFT_PREFIX", SOURCE),
    ("FILE_SAME_SYNTAX", SOURCE),
    ("MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR", SOURCE),
    ("ONEOF_NO_DELETE", SOURCE),
    ("RPC_NO_DELETE", SOURCE),
    ("ENUM_SAME_JSON_FORMAT", SOURCE_AND_JSON),
    ("ENUM_VALUE_SAME_NAME", SOURCE_AND_JSON),
    ("FIELD_SAME_JSON_NAME", SOURCE_AND_JSON),
    ("FIELD_SAME_NAME", SOURCE_AND_JSON),
    ("MESSAGE_SAME_JSON_FORMAT", SOURCE_AND_JSON),
    ("FIELD_SAME_DEFAULT", ALL),
    ("FIELD_SAME_ONEOF", ALL),
    ("FILE_SAME_PACKAGE", ALL),
    ("MESSAGE_SAME_REQUIRED_FIELDS", ALL),
    ("RESERVED_ENUM_NO_DELETE", ALL),
    ("RESERVED_MESSAGE_NO_DELETE", ALL),
    ("RPC_SAME_CLIENT_STREAMING", ALL),
    ("RPC_SAME_IDEMPOTENCY_LEVEL", ALL),
    ("RPC_SAME_REQUEST_TYPE", ALL),
    ("RPC_SAME_RESPONSE_TYPE", ALL),
    ("RPC_SAME_SERVER_STREAMING", ALL),
    ("PACKAGE_ENUM_NO_DELETE", &[Package]),
    ("PACKAGE_EXTENSION_NO_DELETE", &[Package]),
    ("PACKAGE_MESSAGE_NO_DELETE", &[Package]),
    ("PACKAGE_NO_DELETE", &[Package]),
    ("PACKAGE_SERVICE_NO_DELETE", &[Package]),
    ("ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED", &[WireJson]),
    ("FIELD_NO_DELETE_UNLESS_NAME_RESERVED", &[WireJson]),
    ("FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY", &[WireJson]),
    ("FIELD_WIRE_JSON_COMPATIBLE_TYPE", &[WireJson]),
    ("ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED", ENCODED),
    ("FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED", ENCODED),
    ("FIELD_WIRE_COMPATIBLE_CARDINALITY", &[Wire]),
    ("FIELD_WIRE_COMPATIBLE_TYPE", &[Wire]),
    // In no category, as in buf: only checked when configured on its own (`deny`).
    ("MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT", &[]),
    ("ROUTE_NO_DELETE", ALL),
];

/// Whether `rule` is checked in `category`.
pub fn in_category(rule: &str, category: Category) -> bool {
    RULES
        .iter()
        .any(|(id, categories)| *id == rule && categories.contains(&category))
}

/// The changes from `before` to `after` that break programs in `category`, judged by buf's
/// rules. Files of the well-known types (`google/protobuf/`) are left out.
pub fn breaking(
    before: &FileDescriptorSet,
    after: &FileDescriptorSet,
    category: Category,
) -> Vec<Finding> {
    breaking_under(before, after, category, Rules::Buf, &[])
}

/// [`breaking`] under the rule set `rules`, also checking the rules of `extra` (IDs a
/// package turned on by name, such as `MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT`).
pub fn breaking_under(
    before: &FileDescriptorSet,
    after: &FileDescriptorSet,
    category: Category,
    rules: Rules,
    extra: &[&str],
) -> Vec<Finding> {
    compare::Check::run(before, after, category, rules, extra)
}
