//! What a guest's WIT must satisfy beyond what wit-parser checks, so that bindings can be
//! generated for it at all, and in time.
//!
//! - Names a binding could not hold: two fields of a record, cases of a variant or enum,
//!   flags, parameters, or types or functions of one interface with the same name. The
//!   component model compares names without regard to case (`a-b` and `A-B` are one name),
//!   and so do the generated Rust identifiers, so this does too.
//! - Types nested deeper than [`MAX_TYPE_DEPTH`]: wit-bindgen walks a type's whole depth by
//!   recursion, once for every level, so its time grows with the square of the depth and a
//!   few thousand levels (a chain of `type b = a;` aliases is enough) overflow its stack.
//! - Types larger than [`MAX_TYPE_BYTES`] in memory, or holding more than
//!   [`MAX_TYPE_NODES`] types counted one use at a time.
//! - What the shim's engine does not run: component-model async (`async` functions,
//!   `future`, `stream`, `error-context`) and fixed-length lists, which wasmtime keeps behind
//!   features the shim leaves off (and wit-bindgen's guest generator fails on some of them).
//! - A handle given a name of its own (`type t = own<r>;`), which wit-bindgen's guest
//!   generator cannot define.

use std::collections::HashMap;

use wit_parser::{Function, Handle, PackageId, Resolve, Span, Type, TypeDefKind, TypeOwner};

/// How deeply types may nest: through aliases, records, variants, lists, options, results,
/// tuples and handles, counting each named or anonymous type once.
pub const MAX_TYPE_DEPTH: usize = 100;

/// The most bytes a value of one type may take in memory (lists count as their pointer and
/// length). wit-parser computes sizes without checking for overflow, and wit-bindgen
/// flattens a type field by field, so a record built of records that each hold the one
/// below twice is 2^depth fields of work.
pub const MAX_TYPE_BYTES: u64 = 16 << 20;

/// The most types one type may hold, counted as a tree: a type used twice counts twice.
/// wit-bindgen writes the code that moves a value into and out of memory inline, once for
/// every use of every type inside it, so its output (and time) grows with this count, which
/// doubles with each level of types that use the one below twice.
pub const MAX_TYPE_NODES: u64 = 4096;

/// The stack [`on_deep_stack`] runs its work on: address space only, until used.
const DEEP_STACK_BYTES: usize = 256 << 20;

/// Runs `work` on a thread with a stack of [`DEEP_STACK_BYTES`], for what recurses as deep
/// as its input nests before the rules here can refuse it.
pub fn on_deep_stack<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("guestkit-wit".into())
            .stack_size(DEEP_STACK_BYTES)
            .spawn_scoped(scope, work)
            .expect("spawning a thread to read WIT on")
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Refuses the first breach of the rules above in a package other than `platform`.
pub fn check(resolve: &Resolve, platform: Option<PackageId>) -> Result<(), String> {
    refuse_unbounded_types(resolve)?;
    refuse_unrunnable(resolve, platform)?;
    refuse_handle_aliases(resolve)?;
    refuse_clashes(resolve, platform)
}

/// Refuses the first named type that is a handle: `type t = own<r>;` or `borrow<r>`.
fn refuse_handle_aliases(resolve: &Resolve) -> Result<(), String> {
    for (_, def) in resolve.types.iter() {
        let (TypeDefKind::Handle(handle), Some(name)) = (&def.kind, &def.name) else {
            continue;
        };
        let (form, resource) = match handle {
            Handle::Own(r) => ("own", *r),
            Handle::Borrow(r) => ("borrow", *r),
        };
        let resource = resolve.types[resource]
            .name
            .as_deref()
            .unwrap_or("the resource");
        let at = match def.span.is_known() {
            true => format!("{}: ", resolve.render_location(def.span)),
            false => String::new(),
        };
        return Err(format!(
            "{at}type `{name}` names a handle (`{form}<{resource}>`), which the guest bindings \
             cannot define; write `{}` where `{name}` is used",
            match form {
                "own" => resource.to_owned(),
                _ => format!("borrow<{resource}>"),
            }
        ));
    }
    Ok(())
}

/// Refuses the first use of what the shim's engine does not run, in a package other than
/// `platform`.
fn refuse_unrunnable(resolve: &Resolve, platform: Option<PackageId>) -> Result<(), String> {
    let refuse = |span: Span, owner: String, what: &str| {
        let at = match span.is_known() {
            true => format!("{}: ", resolve.render_location(span)),
            false => String::new(),
        };
        Err(format!(
            "{at}{owner} uses {what}, which the shim does not run (it runs WASI 0.2 \
             components, without component-model async or fixed-length lists); pass data \
             as a `list<…>`, and streams through guestkit:host/streams"
        ))
    };
    let owned_by = |owner: &TypeOwner| match owner {
        TypeOwner::Interface(i) => resolve.interfaces[*i].package,
        TypeOwner::World(w) => resolve.worlds[*w].package,
        TypeOwner::None => None,
    };
    for (_, def) in resolve.types.iter() {
        if owned_by(&def.owner) == platform && platform.is_some() {
            continue;
        }
        let owner = (def.name.as_deref()).map_or("a type".to_owned(), |n| format!("type `{n}`"));
        let what = match &def.kind {
            TypeDefKind::Future(_) => Some("`future`"),
            TypeDefKind::Stream(_) => Some("`stream`"),
            TypeDefKind::FixedLengthList(..) => Some("a fixed-length list"),
            kind if parts(kind).any(|t| matches!(t, Type::ErrorContext)) => Some("`error-context`"),
            _ => None,
        };
        if let Some(what) = what {
            return refuse(def.span, owner, what);
        }
    }
    for function in functions(resolve, platform) {
        let owner = format!("function `{}`", function.name);
        if function.kind.is_async() {
            return refuse(function.span, owner, "`async`");
        }
        let mut types = function
            .params
            .iter()
            .map(|p| &p.ty)
            .chain(&function.result);
        if types.any(|t| matches!(t, Type::ErrorContext)) {
            return refuse(function.span, owner, "`error-context`");
        }
    }
    Ok(())
}

/// The types a type definition holds directly.
/// Every function of an interface or world outside `platform`.
fn functions(resolve: &Resolve, platform: Option<PackageId>) -> impl Iterator<Item = &Function> {
    let interfaces = (resolve.interfaces.iter())
        .filter(move |(_, i)| i.package != platform)
        .flat_map(|(_, i)| i.functions.values());
    let worlds = (resolve.worlds.iter())
        .filter(move |(_, w)| w.package != platform)
        .flat_map(|(_, w)| w.imports.values().chain(w.exports.values()))
        .filter_map(|item| match item {
            wit_parser::WorldItem::Function(f) => Some(f),
            _ => None,
        });
    interfaces.chain(worlds)
}

fn parts(kind: &TypeDefKind) -> Box<dyn Iterator<Item = &Type> + '_> {
    match kind {
        TypeDefKind::Record(r) => Box::new(r.fields.iter().map(|f| &f.ty)),
        TypeDefKind::Tuple(t) => Box::new(t.types.iter()),
        TypeDefKind::Variant(v) => Box::new(v.cases.iter().filter_map(|c| c.ty.as_ref())),
        TypeDefKind::Result(r) => Box::new(r.ok.iter().chain(&r.err)),
        TypeDefKind::Option(t) | TypeDefKind::Type(t) | TypeDefKind::List(t) => {
            Box::new(std::iter::once(t))
        }
        TypeDefKind::Map(k, v) => Box::new([k, v].into_iter()),
        TypeDefKind::FixedLengthList(t, _) => Box::new(std::iter::once(t)),
        TypeDefKind::Future(t) | TypeDefKind::Stream(t) => Box::new(t.iter()),
        _ => Box::new(std::iter::empty()),
    }
}

/// How far a type reaches: how deep it nests, the bytes a value of it takes in memory, and
/// the types it holds counted as a tree (a type used twice counts twice).
#[derive(Clone, Copy, Default)]
struct Extent {
    depth: usize,
    bytes: u64,
    nodes: u64,
}

impl Extent {
    /// A type holding all of `parts` side by side (a record's fields).
    fn all(parts: impl Iterator<Item = Extent>) -> Extent {
        parts.fold(Extent::default(), |sum, p| Extent {
            depth: sum.depth.max(p.depth),
            bytes: sum.bytes.saturating_add(p.bytes),
            nodes: sum.nodes.saturating_add(p.nodes),
        })
    }

    /// A type holding one of `parts` after a 4-byte tag (a variant's cases).
    fn one_of(parts: impl Iterator<Item = Extent>) -> Extent {
        let sum = parts.fold(Extent::default(), |sum, p| Extent {
            depth: sum.depth.max(p.depth),
            bytes: sum.bytes.max(p.bytes),
            nodes: sum.nodes.saturating_add(p.nodes),
        });
        Extent {
            bytes: sum.bytes.saturating_add(4),
            ..sum
        }
    }

    /// A type that holds what it points at elsewhere, in `bytes` of its own (a list).
    fn behind(self, bytes: u64) -> Extent {
        Extent { bytes, ..self }
    }
}

/// Refuses a type deeper than [`MAX_TYPE_DEPTH`], larger than [`MAX_TYPE_BYTES`] or holding
/// more than [`MAX_TYPE_NODES`], at the first one, in one pass: wit-parser keeps types in
/// topological order, so each type's extent follows from those before it.
fn refuse_unbounded_types(resolve: &Resolve) -> Result<(), String> {
    let mut known: Vec<Extent> = Vec::with_capacity(resolve.types.len());
    for (_, def) in resolve.types.iter() {
        let of = |ty: &Type| match ty {
            Type::Id(id) => known.get(id.index()).copied().unwrap_or_default(),
            other => Extent {
                depth: 0,
                bytes: primitive_bytes(other),
                nodes: 1,
            },
        };
        let inner = match &def.kind {
            TypeDefKind::Record(r) => Extent::all(r.fields.iter().map(|f| of(&f.ty))),
            TypeDefKind::Tuple(t) => Extent::all(t.types.iter().map(of)),
            TypeDefKind::Variant(v) => {
                Extent::one_of(v.cases.iter().filter_map(|c| c.ty.as_ref()).map(of))
            }
            TypeDefKind::Result(r) => Extent::one_of(r.ok.iter().chain(&r.err).map(of)),
            TypeDefKind::Option(t) => Extent::one_of([of(t)].into_iter()),
            TypeDefKind::Type(t) => of(t),
            // A list or map is a pointer and a length, whatever it holds.
            TypeDefKind::List(t) => of(t).behind(8),
            TypeDefKind::Map(k, v) => Extent::all([of(k), of(v)].into_iter()).behind(8),
            TypeDefKind::FixedLengthList(t, n) => {
                let each = of(t);
                each.behind(each.bytes.saturating_mul(u64::from(*n)))
            }
            TypeDefKind::Future(t) | TypeDefKind::Stream(t) => {
                t.as_ref().map(of).unwrap_or_default().behind(4)
            }
            TypeDefKind::Handle(Handle::Own(id) | Handle::Borrow(id)) => {
                of(&Type::Id(*id)).behind(4)
            }
            TypeDefKind::Flags(f) => {
                Extent::default().behind((f.flags.len() as u64).div_ceil(8).max(4))
            }
            TypeDefKind::Enum(_) => Extent::default().behind(4),
            TypeDefKind::Resource | TypeDefKind::Unknown => Extent::default(),
        };
        let extent = Extent {
            depth: inner.depth + 1,
            nodes: inner.nodes.saturating_add(1),
            ..inner
        };
        let beyond = |n: u64| match n {
            u64::MAX => "more than 2^64".to_owned(),
            n => n.to_string(),
        };
        let too = if extent.depth > MAX_TYPE_DEPTH {
            format!(
                "nests {} types deep (counting aliases, records, lists and the like), more \
                 than the limit of {MAX_TYPE_DEPTH} (guestkit_codegen::wit_rules::MAX_TYPE_DEPTH): \
                 refer to the type at the bottom of the chain directly",
                extent.depth
            )
        } else if extent.bytes > MAX_TYPE_BYTES {
            format!(
                "takes {} bytes in memory, more than the limit of {MAX_TYPE_BYTES} \
                 (guestkit_codegen::wit_rules::MAX_TYPE_BYTES): hold the repeated parts in a \
                 `list<…>`",
                beyond(extent.bytes)
            )
        } else if extent.nodes > MAX_TYPE_NODES {
            format!(
                "holds {} types counted one use at a time, more than the limit of \
                 {MAX_TYPE_NODES} (guestkit_codegen::wit_rules::MAX_TYPE_NODES): a type used \
                 twice by each of the types above it doubles at every level; break the chain \
                 with a resource or an id that refers to the value",
                beyond(extent.nodes)
            )
        } else {
            known.push(extent);
            continue;
        };
        let at = match def.span.is_known() {
            true => format!("{}: ", resolve.render_location(def.span)),
            false => String::new(),
        };
        let name = (def.name.as_deref()).map_or("a type".to_owned(), |n| format!("type `{n}`"));
        return Err(format!("{at}{name} {too}"));
    }
    Ok(())
}

/// The bytes a value of a primitive type takes in memory.
fn primitive_bytes(ty: &Type) -> u64 {
    match ty {
        Type::Bool | Type::U8 | Type::S8 => 1,
        Type::U16 | Type::S16 => 2,
        Type::U64 | Type::S64 | Type::F64 | Type::String => 8,
        _ => 4,
    }
}

/// Refuses the first clash in a package other than `platform`, at the second of the two
/// names, saying where the first one is.
fn refuse_clashes(resolve: &Resolve, platform: Option<PackageId>) -> Result<(), String> {
    let ours = |owner: &TypeOwner| {
        let package = match owner {
            TypeOwner::Interface(i) => resolve.interfaces[*i].package,
            TypeOwner::World(w) => resolve.worlds[*w].package,
            TypeOwner::None => None,
        };
        package != platform
    };
    for (_, ty) in resolve.types.iter().filter(|(_, t)| ours(&t.owner)) {
        let name = ty.name.as_deref().unwrap_or("<anonymous>");
        let (kind, what, names): (&str, &str, Vec<(&str, Span)>) = match &ty.kind {
            TypeDefKind::Record(r) => {
                let fields = r.fields.iter().map(|f| (&*f.name, f.span));
                ("record", "field", fields.collect())
            }
            TypeDefKind::Variant(v) => {
                let cases = v.cases.iter().map(|c| (&*c.name, c.span));
                ("variant", "case", cases.collect())
            }
            TypeDefKind::Enum(e) => {
                let cases = e.cases.iter().map(|c| (&*c.name, c.span));
                ("enum", "case", cases.collect())
            }
            TypeDefKind::Flags(f) => {
                let flags = f.flags.iter().map(|f| (&*f.name, f.span));
                ("flags", "flag", flags.collect())
            }
            _ => continue,
        };
        unique(resolve, &format!("{kind} `{name}`"), what, &names)?;
    }
    // Items of one interface: wit-parser refuses two of one name, not `a` and `A`, which
    // become one Rust item.
    for (_, interface) in resolve
        .interfaces
        .iter()
        .filter(|(_, i)| i.package != platform)
    {
        let owner = format!(
            "interface `{}`",
            interface.name.as_deref().unwrap_or("<inline>")
        );
        let types: Vec<_> = (interface.types.iter())
            .map(|(name, &id)| (&**name, resolve.types[id].span))
            .collect();
        unique(resolve, &owner, "type", &types)?;
        let functions: Vec<_> = (interface.functions.iter())
            .map(|(name, f)| (&**name, f.span))
            .collect();
        unique(resolve, &owner, "function", &functions)?;
    }
    for function in functions(resolve, platform) {
        params(resolve, function)?;
    }
    Ok(())
}

fn params(resolve: &Resolve, function: &Function) -> Result<(), String> {
    let names: Vec<_> = function.params.iter().map(|p| (&*p.name, p.span)).collect();
    unique(
        resolve,
        &format!("function `{}`", function.name),
        "parameter",
        &names,
    )
}

fn unique(
    resolve: &Resolve,
    owner: &str,
    what: &str,
    names: &[(&str, Span)],
) -> Result<(), String> {
    let mut seen: HashMap<String, Span> = HashMap::with_capacity(names.len());
    for &(name, span) in names {
        if let Some(first) = seen.insert(name.to_lowercase(), span) {
            return Err(format!(
                "{}: {owner} has two {what}s named `{name}` (the first at {}); names are \
                 compared without regard to case, and each must be unique",
                resolve.render_location(span),
                resolve.render_location(first)
            ));
        }
    }
    Ok(())
}
