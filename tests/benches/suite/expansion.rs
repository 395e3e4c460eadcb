//! Macro expansion for large contracts: what `guestkit::wit!` and `guestkit::contract!` run
//! to produce their tokens, against the same input through wit-bindgen and prost-build alone.
//! Both sides end in a `proc_macro2::TokenStream`, as a macro must.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use guestkit_codegen::Options;
use guestkit_codegen::bindings::{self, WitWorld};
use guestkit_tests::workspace_root;
use proc_macro2::TokenStream;
use wit_bindgen_core::WorldGenerator as _;

use super::{Figure, Row, Scale};

/// Messages in the generated proto contract: one request and one reply per RPC.
const MESSAGES: usize = 50;

/// `guestkit::wit!` over the WASI 0.2 command imports plus the HTTP proxy world, against
/// `wit_bindgen_rust` generating the same world.
pub fn wit(scale: &Scale) -> Row {
    let dir = workspace_root().join("tests/benches/contracts/wasi-http");
    let ours = best(scale, || {
        let wit = WitWorld::load(&dir, "wit", None).unwrap();
        tokens(&bindings::guest(&wit, &Options::guest()).unwrap())
    });
    let floor = best(scale, || {
        let mut resolve = wit_parser::Resolve::default();
        let (package, _) = resolve.push_path(dir.join("wit")).unwrap();
        let world = resolve.select_world(&[package], None).unwrap();
        let mut files = wit_bindgen_core::Files::default();
        wit_bindgen_rust::Opts {
            generate_all: true,
            ..Default::default()
        }
        .build()
        .generate(&mut resolve, world, &mut files)
        .unwrap();
        let (_, source) = files.iter().next().unwrap();
        tokens(std::str::from_utf8(source).unwrap())
    });
    Row {
        path: "wit! expansion (WASI + HTTP world)".into(),
        ours: Figure::Time(ours),
        floor: Some(Figure::Time(floor)),
        target: "-",
    }
}

/// `guestkit::contract!` over a proto file of 25 RPCs and 50 messages, against protox and
/// prost-build generating the message types alone.
pub fn proto(scale: &Scale) -> Row {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("proto")).unwrap();
    let file = dir.path().join("proto/large.proto");
    std::fs::write(&file, large_proto()).unwrap();

    let ours = best(scale, || {
        guestkit_codegen::contract::expand(dir.path(), "proto/large.proto", &Options::guest())
            .unwrap()
    });
    let floor = best(scale, || prost_alone(&file, &dir.path().join("proto")));
    Row {
        path: format!("contract! expansion ({MESSAGES}-message proto)"),
        ours: Figure::Time(ours),
        floor: Some(Figure::Time(floor)),
        target: "-",
    }
}

fn prost_alone(file: &Path, include: &Path) -> TokenStream {
    let fds = protox::compile([file], [include]).unwrap();
    let requests = fds
        .file
        .into_iter()
        .filter(|f| !f.name().starts_with("google/protobuf/"))
        .map(|f| {
            (
                prost_build::Module::from_protobuf_package_name(f.package()),
                f,
            )
        })
        .collect();
    let modules = prost_build::Config::new().generate(requests).unwrap();
    modules.values().map(|code| tokens(code)).collect()
}

fn tokens(code: &str) -> TokenStream {
    code.parse().expect("generated code lexes")
}

/// The fastest of a few runs (each run's output is dropped inside the timing).
fn best<T>(scale: &Scale, run: impl Fn() -> T) -> Duration {
    (0..scale.pick(1, 10))
        .map(|_| {
            let started = Instant::now();
            drop(std::hint::black_box(run()));
            started.elapsed()
        })
        .min()
        .unwrap()
}

/// A service with one RPC per request/reply pair, whose messages use every kind of field.
fn large_proto() -> String {
    let mut proto = String::from(
        "syntax = \"proto3\";\npackage bench.large.v1;\n\n\
         enum Level {\n  LEVEL_UNSPECIFIED = 0;\n  LEVEL_LOW = 1;\n  LEVEL_HIGH = 2;\n}\n\n\
         service LargeService {\n",
    );
    for rpc in 0..MESSAGES / 2 {
        writeln!(
            proto,
            "  rpc Op{rpc}(Op{rpc}Request) returns (Op{rpc}Reply);"
        )
        .unwrap();
    }
    proto.push_str("}\n");
    for rpc in 0..MESSAGES / 2 {
        for kind in ["Request", "Reply"] {
            write!(
                proto,
                "\nmessage Op{rpc}{kind} {{\n  string name = 1;\n  int64 count = 2;\n  \
                 bytes data = 3;\n  repeated string tags = 4;\n  map<string, int32> scores = 5;\n  \
                 optional double ratio = 6;\n  Level level = 7;\n  \
                 oneof choice {{\n    uint32 small = 8;\n    string label = 9;\n  }}\n}}\n"
            )
            .unwrap();
        }
    }
    proto
}
