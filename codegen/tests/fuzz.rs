//! Fuzz targets that run on stable: contracts a guest crate could hold, as WIT made by
//! `wit-smith` and as proto text made from the protobuf grammar (then mutated), read by
//! `ContractSet` and expanded through both generators. Each runs 256 cases in the test suite;
//! `PROPTEST_CASES=100000 cargo test -p guestkit-codegen --test fuzz` runs a long one
//! (`docs/fuzzing.md`).

use std::path::Path;

use arbitrary::Unstructured;
use proptest::prelude::*;
use proptest::sample::Index;

use guestkit_codegen::Options;
use guestkit_codegen::contract_set::ContractSet;
use wit_component::DecodedWasm;
use wit_parser::Resolve;

/// What every contract must come to: an error that says something, or code on both sides
/// that reads as a Rust file. A failure shows the contract's files, to keep as a fixed case.
fn expands_or_is_refused(dir: &Path, world: Option<&str>) -> Result<(), TestCaseError> {
    let outcome = std::panic::catch_unwind(|| expand_both(dir, world));
    let failure = match outcome {
        Ok(Ok(())) => return Ok(()),
        Ok(Err(e)) => e.to_string(),
        Err(panic) => match panic.downcast_ref::<String>() {
            Some(message) => format!("panicked: {message}"),
            None => format!("panicked: {:?}", panic.downcast_ref::<&str>()),
        },
    };
    Err(TestCaseError::fail(format!("{failure}\n{}", files(dir))))
}

/// Every file under `dir`, with its path.
fn files(dir: &Path) -> String {
    let mut out = String::new();
    for entry in walk(dir) {
        let text = std::fs::read_to_string(&entry).unwrap_or_default();
        out.push_str(&format!(
            "--- {}\n{text}\n",
            entry.strip_prefix(dir).unwrap().display()
        ));
    }
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .flat_map(|p| if p.is_dir() { walk(&p) } else { vec![p] })
        .collect()
}

fn expand_both(dir: &Path, world: Option<&str>) -> Result<(), TestCaseError> {
    let set = match ContractSet::load(dir, world) {
        Ok(set) => set,
        Err(e) => {
            prop_assert!(!e.0.trim().is_empty(), "an empty error");
            return Ok(());
        }
    };
    for opts in [Options::guest(), Options::host()] {
        match set.expand(&opts) {
            Ok(tokens) => {
                if let Err(e) = syn::parse2::<syn::File>(tokens) {
                    prop_assert!(false, "{:?} side is not Rust: {e}", opts.side);
                }
            }
            Err(e) => prop_assert!(!e.0.trim().is_empty(), "an empty error"),
        }
    }
    Ok(())
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The WIT package `wit-smith` makes of `seed`, printed as a crate's `wit/` folder (its own
/// package in `wit/`, each dependency in `wit/deps/`), and the name of its first world; none
/// when the seed makes no package.
fn smith_wit(seed: &[u8], dir: &Path) -> Option<Option<String>> {
    let mut u = Unstructured::new(seed);
    let config: wit_smith::Config = u.arbitrary().ok()?;
    let wasm = wit_smith::smith(&config, &mut u).ok()?;
    let Ok(DecodedWasm::WitPackage(resolve, main)) = wit_component::decode(&wasm) else {
        panic!("wit-smith made a package that does not decode");
    };
    let own = &resolve.packages[main];
    for (id, package) in &resolve.packages {
        let mut text = print(&resolve, id);
        let name = &package.name;
        if id == main {
            // A package of interfaces only: a world that imports half of them and exports
            // the rest, so the generators see them.
            if own.worlds.is_empty() && !own.interfaces.is_empty() {
                text.push_str("\nworld fuzz-world {\n");
                for (k, interface) in own.interfaces.keys().enumerate() {
                    let direction = if k % 2 == 0 { "import" } else { "export" };
                    text.push_str(&format!("  {direction} {interface};\n"));
                }
                text.push_str("}\n");
            }
            write(dir, "wit/main.wit", &text);
        } else {
            write(
                dir,
                &format!("wit/deps/{}-{}/package.wit", name.namespace, name.name),
                &text,
            );
        }
    }
    let world = match own.worlds.keys().next() {
        Some(world) => Some(world.clone()),
        None => (!own.interfaces.is_empty()).then(|| "fuzz-world".to_owned()),
    };
    Some(world)
}

fn print(resolve: &Resolve, package: wit_parser::PackageId) -> String {
    let mut printer = wit_component::WitPrinter::default();
    printer.print(resolve, package, &[]).unwrap();
    printer.output.to_string()
}

proptest! {
    /// WIT packages of every shape `wit-smith` makes (types, resources, interfaces, worlds,
    /// dependencies, async): `ContractSet` refuses them with a message or both generators
    /// make Rust of them; nothing panics.
    #[test]
    fn fuzz_smithed_wit_expands_or_is_refused(
        seed in prop::collection::vec(any::<u8>(), 64..4096),
    ) {
        let dir = tempfile::tempdir().unwrap();
        if let Some(world) = smith_wit(&seed, dir.path()) {
            expands_or_is_refused(dir.path(), world.as_deref())?;
        }
    }

    /// Proto files made from the protobuf grammar (messages, nested messages, enums, maps,
    /// oneofs, well-known types, services, names that are Rust keywords, field numbers at
    /// and over the limits), then mutated a character at a time: refused with a message,
    /// or made into Rust on both sides; nothing panics.
    #[test]
    fn fuzz_proto_text_expands_or_is_refused(
        text in proto_file(),
        edits in prop_oneof![Just(Vec::new()), prop::collection::vec(edit(), 1..3)],
    ) {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "proto/fuzz.proto", &mutated(&text, edits));
        expands_or_is_refused(dir.path(), None)?;
    }
}

const SCALARS: &[&str] = &[
    "double", "float", "int32", "int64", "uint32", "uint64", "sint32", "sint64", "fixed32",
    "fixed64", "sfixed32", "sfixed64", "bool", "string", "bytes",
];

const WELL_KNOWN: &[(&str, &str)] = &[
    (
        "google.protobuf.Timestamp",
        "google/protobuf/timestamp.proto",
    ),
    ("google.protobuf.Duration", "google/protobuf/duration.proto"),
    ("google.protobuf.Empty", "google/protobuf/empty.proto"),
    ("google.protobuf.Any", "google/protobuf/any.proto"),
    ("google.protobuf.Struct", "google/protobuf/struct.proto"),
    ("google.protobuf.Value", "google/protobuf/struct.proto"),
    (
        "google.protobuf.StringValue",
        "google/protobuf/wrappers.proto",
    ),
    (
        "google.protobuf.FieldMask",
        "google/protobuf/field_mask.proto",
    ),
];

/// Names a user could pick, among them Rust keywords and names the generated code uses.
const NAMES: &[&str] = &[
    "id", "name", "item", "order", "type", "self", "Self", "fn", "async", "crate", "super",
    "match", "Option", "Result", "String", "Box", "Vec", "client", "Client", "Service", "handle",
    "_x", "a1", "value", "Value", "dispatch", "new", "r#type",
];

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(NAMES).prop_map(str::to_owned),
        1 => "[A-Za-z_][A-Za-z0-9_]{0,12}",
    ]
}

/// A field's number: mostly the next free one, sometimes one at or over the limits.
fn field_number() -> impl Strategy<Value = Option<u32>> {
    prop_oneof![
        12 => Just(None),
        1 => (18_990..19_010u32).prop_map(Some),
        1 => prop::sample::select(&[0u32, 536_870_911, 536_870_912][..]).prop_map(Some),
    ]
}

/// One field's type: a scalar, a message or enum of the file, a well-known type, a map.
fn field_type(types: usize) -> impl Strategy<Value = String> {
    let named = (0..types.max(1)).prop_map(|i| format!("T{i}"));
    let well_known = prop::sample::select(WELL_KNOWN).prop_map(|(t, _)| t.to_owned());
    let scalar = prop::sample::select(SCALARS).prop_map(str::to_owned);
    let key = prop::sample::select(&["string", "int32", "uint64", "bool", "double"][..]);
    prop_oneof![
        4 => scalar.clone(),
        2 => named.clone(),
        1 => well_known,
        1 => (key, prop_oneof![scalar, named]).prop_map(|(k, v)| format!("map<{k}, {v}>")),
    ]
}

/// A field before it has its place in a message: label, type, name and maybe a number.
type Field = (&'static str, String, String, Option<u32>);

fn field(types: usize) -> impl Strategy<Value = Field> {
    (
        prop::sample::select(&["", "", "repeated ", "optional "][..]),
        field_type(types),
        name(),
        field_number(),
    )
}

/// `fields` as the lines of a message body: names made unique (as protoc requires, also in
/// camel case), numbers counted from `next` unless one was picked, labels as `syntax` and
/// `in_oneof` allow.
fn field_lines(fields: Vec<Field>, next: &mut u32, syntax: &str, in_oneof: bool) -> String {
    let mut text = String::new();
    for (k, (label, ty, name, number)) in fields.into_iter().enumerate() {
        let name = format!("{name}_{}{k}", *next);
        let number = number.unwrap_or(*next);
        *next += 1;
        let label = match (ty.starts_with("map<") || in_oneof, label, syntax) {
            (true, _, _) => "",
            (false, "", "proto2") => "optional ",
            (false, label, _) => label,
        };
        text.push_str(&format!("  {label}{ty} {name} = {number};\n"));
    }
    text
}

/// A message `T{index}` with fields, and maybe a oneof and a nested message.
fn message(index: usize, types: usize, syntax: &'static str) -> impl Strategy<Value = String> {
    (
        prop::collection::vec(field(types), 0..5),
        prop::option::of((name(), prop::collection::vec(field(types), 1..3))),
        prop::option::of(prop::collection::vec(field(types), 0..3)),
    )
        .prop_map(move |(fields, oneof, nested)| {
            let mut next = 1;
            let mut text = format!("message T{index} {{\n");
            text.push_str(&field_lines(fields, &mut next, syntax, false));
            if let Some((name, fields)) = oneof {
                text.push_str(&format!("  oneof {name}_{index} {{\n"));
                text.push_str(&field_lines(fields, &mut next, syntax, true));
                text.push_str("  }\n");
            }
            if let Some(fields) = nested {
                text.push_str(&format!("  message Inner{index} {{\n"));
                text.push_str(&field_lines(fields, &mut 1, syntax, false));
                text.push_str("  }\n");
            }
            text.push_str("}\n");
            text
        })
}

fn enumeration(index: usize) -> impl Strategy<Value = String> {
    let number = prop_oneof![8 => Just(None), 1 => (-2..4i32).prop_map(Some)];
    prop::collection::vec((name(), number), 1..4).prop_map(move |values| {
        let mut text = format!("enum T{index} {{\n");
        for (k, (name, number)) in values.into_iter().enumerate() {
            let number = number.unwrap_or(k as i32);
            let name = name.to_uppercase();
            text.push_str(&format!("  T{index}_{name}_{k} = {number};\n"));
        }
        text.push_str("}\n");
        text
    })
}

fn rpc(types: usize) -> impl Strategy<Value = String> {
    let message = prop_oneof![
        4 => (0..types.max(1)).prop_map(|i| format!("T{i}")),
        1 => prop::sample::select(WELL_KNOWN).prop_map(|(t, _)| t.to_owned()),
    ];
    (
        name(),
        message.clone(),
        message,
        prop::sample::select(&["", "", "", "stream "][..]),
    )
        .prop_map(|(name, input, output, stream)| {
            format!("  rpc {name}_RPC({input}) returns ({stream}{output});\n")
        })
}

/// A whole file: a syntax, a package, the well-known imports, then types and a service.
fn proto_file() -> impl Strategy<Value = String> {
    (1..5usize)
        .prop_flat_map(|types| {
            let items = (0..types)
                .map(|i| (prop::bool::weighted(0.75), Just(i)))
                .collect::<Vec<_>>();
            (
                prop::sample::select(&["proto3", "proto2"][..]),
                Just(types),
                items,
            )
        })
        .prop_flat_map(|(syntax, types, kinds)| {
            let items = kinds
                .into_iter()
                .map(|(is_message, i)| match is_message {
                    true => message(i, types, syntax).boxed(),
                    false => enumeration(i).boxed(),
                })
                .collect::<Vec<_>>();
            (
                Just(syntax),
                prop::collection::vec(name(), 1..3),
                items,
                prop::option::of((name(), prop::collection::vec(rpc(types), 0..4))),
            )
                .prop_map(|(syntax, package, items, service)| {
                    let package: Vec<String> = package
                        .iter()
                        .map(|segment| segment.trim_start_matches("r#").to_lowercase())
                        .collect();
                    let mut text =
                        format!("syntax = \"{syntax}\";\npackage {};\n", package.join("."));
                    let mut imports: Vec<&str> = WELL_KNOWN.iter().map(|(_, f)| *f).collect();
                    imports.dedup();
                    for import in imports {
                        text.push_str(&format!("import \"{import}\";\n"));
                    }
                    items.iter().for_each(|item| text.push_str(item));
                    if let Some((name, rpcs)) = service {
                        text.push_str(&format!("service {name} {{\n"));
                        rpcs.iter().for_each(|r| text.push_str(r));
                        text.push_str("}\n");
                    }
                    text
                })
        })
}

/// One change to a file's text: replace a character, insert one, or remove one.
#[derive(Debug, Clone)]
enum Edit {
    Replace(Index, char),
    Insert(Index, char),
    Remove(Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    let character = prop_oneof![
        prop::sample::select(&['{', '}', ';', '=', '"', '<', '>', '.', ' ', '\n', '/', '\r'][..]),
        any::<char>(),
    ];
    prop_oneof![
        (any::<Index>(), character.clone()).prop_map(|(at, c)| Edit::Replace(at, c)),
        (any::<Index>(), character).prop_map(|(at, c)| Edit::Insert(at, c)),
        any::<Index>().prop_map(Edit::Remove),
    ]
}

fn mutated(text: &str, edits: Vec<Edit>) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        match edit {
            Edit::Replace(at, c) => {
                let i = at.index(chars.len());
                chars[i] = c;
            }
            Edit::Insert(at, c) => chars.insert(at.index(chars.len() + 1), c),
            Edit::Remove(at) => {
                chars.remove(at.index(chars.len()));
            }
        }
    }
    chars.into_iter().collect()
}
