//! Breaking changes between two versions of a WIT package, with semver in mind.
//!
//! The component model links by name and type. `wasm-tools component semver-check` asks
//! whether a component built for the old world still fits the new one, the implementer's
//! view; `check` takes that view and adds its users': every change is an *addition* (which a
//! minor release may make) or a *break* (which needs a major one, or a minor one below 1.0):
//!
//! - breaks: deleting or changing an interface, function, type or world export (callers of
//!   the old version break), deleting a world import or an imported interface's function
//!   (components built for the old world need it), renaming the package;
//! - additions: a function or type added to an interface, an export or import added to a
//!   world. semver-check rejects the additions to what a component exports (old
//!   implementations lack them) and accepts the rest.
//!
//! A break without a major bump is an error. An addition is fine at a minor bump; at a patch
//! bump it is an error (a patch release must not add), and in an unreleased version (the same
//! version as before, or none) a warning that names the bump it will need. Whatever the right
//! bump announces is a notice. Aliases are transparent, as in the component model: with
//! `type order-id = string`, `id: order-id` and `id: string` are the same.

use std::path::Path;

use wit_parser::{
    Function, Handle, Interface, PackageId, Resolve, Type, TypeDefKind, TypeId, World, WorldItem,
    WorldKey,
};

use super::{Finding, Location, Severity};

/// Every breaking-change rule, with what it asks of the version: `major` for a break, `minor`
/// for an addition.
pub const RULES: &[(&str, &str)] = &[
    ("WIT_PACKAGE_SAME_NAME", "major"),
    ("WIT_INTERFACE_NO_DELETE", "major"),
    ("WIT_WORLD_NO_DELETE", "major"),
    ("WIT_FUNCTION_NO_DELETE", "major"),
    ("WIT_FUNCTION_SAME_PARAMS", "major"),
    ("WIT_FUNCTION_SAME_RESULT", "major"),
    ("WIT_TYPE_NO_DELETE", "major"),
    ("WIT_TYPE_SAME_KIND", "major"),
    ("WIT_TYPE_SAME_DEFINITION", "major"),
    ("WIT_RECORD_SAME_FIELDS", "major"),
    ("WIT_VARIANT_SAME_CASES", "major"),
    ("WIT_ENUM_SAME_CASES", "major"),
    ("WIT_FLAGS_SAME", "major"),
    ("WIT_WORLD_EXPORT_NO_DELETE", "major"),
    ("WIT_WORLD_IMPORT_NO_DELETE", "major"),
    ("WIT_ITEM_ADDED", "minor"),
    ("WIT_IMPORT_ITEM_ADDED", "minor"),
    ("WIT_WORLD_IMPORT_ADDED", "minor"),
];

/// One version of a WIT package, resolved with its `deps/`.
pub struct WitPackage {
    resolve: Resolve,
    package: PackageId,
}

impl WitPackage {
    /// Reads the package in `dir` (a crate's `wit/` folder), next to the bundled
    /// `guestkit:host` it may use.
    pub fn load(dir: &Path) -> Result<Self, String> {
        crate::wit_rules::on_deep_stack(|| {
            let (mut resolve, _) = crate::wit::host();
            let package = match resolve.push_path(dir) {
                Ok((package, _)) => package,
                Err(e) => return Err(resolve.render_error(&e)),
            };
            // What is compared is walked type by type: as deep as `wit_rules` allows.
            crate::wit_rules::check(&resolve, None)?;
            Ok(Self { resolve, package })
        })
    }
}

/// The changes from `before` to `after` that break its users.
pub fn breaking(before: &WitPackage, after: &WitPackage) -> Vec<Finding> {
    let mut check = Check {
        old: before,
        new: after,
        changes: Vec::new(),
    };
    let top = check.new.package_at();
    let (old, new) = (check.old.package(), check.new.package());
    let old_name = format!("{}:{}", old.name.namespace, old.name.name);
    let new_name = format!("{}:{}", new.name.namespace, new.name.name);
    if old_name != new_name {
        check.report(
            "WIT_PACKAGE_SAME_NAME",
            top.clone(),
            format!("package `{old_name}` was renamed to `{new_name}`"),
        );
    }
    for (name, &id) in &old.interfaces {
        match new.interfaces.get(name) {
            None => check.report(
                "WIT_INTERFACE_NO_DELETE",
                top.clone(),
                format!("interface `{name}` was deleted"),
            ),
            Some(&now) => check.interface(
                name,
                check.new.imported_only(now),
                &check.old.resolve.interfaces[id],
                &check.new.resolve.interfaces[now],
            ),
        }
    }
    for (name, &id) in &old.worlds {
        match new.worlds.get(name) {
            None => check.report(
                "WIT_WORLD_NO_DELETE",
                top.clone(),
                format!("world `{name}` was deleted"),
            ),
            Some(&now) => check.world(
                name,
                &check.old.resolve.worlds[id],
                &check.new.resolve.worlds[now],
            ),
        }
    }
    check.settle_versions()
}

impl WitPackage {
    fn package(&self) -> &wit_parser::Package {
        &self.resolve.packages[self.package]
    }

    /// The start of the file that declares the package, for what was deleted from it.
    fn package_at(&self) -> Option<Location> {
        let package = self.package();
        let spans = package
            .interfaces
            .values()
            .map(|&i| self.resolve.interfaces[i].span)
            .chain(
                package
                    .worlds
                    .values()
                    .map(|&w| self.resolve.worlds[w].span),
            );
        spans
            .filter_map(|span| self.at(span))
            .next()
            .map(|at| Location {
                line: 1,
                column: 1,
                ..at
            })
    }

    fn at(&self, span: wit_parser::Span) -> Option<Location> {
        if !span.is_known() {
            return None;
        }
        let rendered = self.resolve.render_location(span);
        let mut parts = rendered.rsplitn(3, ':');
        let column = parts.next()?.parse().ok()?;
        let line = parts.next()?.parse().ok()?;
        Some(Location {
            file: parts.next()?.to_owned(),
            line,
            column,
        })
    }

    /// A type as WIT spells it, with named types by name.
    fn show(&self, ty: &Type) -> String {
        match ty {
            Type::Bool => "bool".into(),
            Type::U8 => "u8".into(),
            Type::U16 => "u16".into(),
            Type::U32 => "u32".into(),
            Type::U64 => "u64".into(),
            Type::S8 => "s8".into(),
            Type::S16 => "s16".into(),
            Type::S32 => "s32".into(),
            Type::S64 => "s64".into(),
            Type::F32 => "f32".into(),
            Type::F64 => "f64".into(),
            Type::Char => "char".into(),
            Type::String => "string".into(),
            Type::ErrorContext => "error-context".into(),
            Type::Id(id) => self.show_def(*id),
        }
    }

    fn show_def(&self, id: TypeId) -> String {
        let def = &self.resolve.types[id];
        // Aliases (and `use`d types) are transparent: they stand for their target.
        if let TypeDefKind::Type(target) = &def.kind {
            return self.show(target);
        }
        if let Some(name) = &def.name {
            return name.clone();
        }
        let opt = |t: &Option<Type>| t.as_ref().map_or("_".to_owned(), |t| self.show(t));
        match &def.kind {
            TypeDefKind::Option(t) => format!("option<{}>", self.show(t)),
            TypeDefKind::List(t) => format!("list<{}>", self.show(t)),
            TypeDefKind::FixedLengthList(t, n) => format!("list<{}, {n}>", self.show(t)),
            TypeDefKind::Map(k, v) => format!("map<{}, {}>", self.show(k), self.show(v)),
            TypeDefKind::Result(r) => format!("result<{}, {}>", opt(&r.ok), opt(&r.err)),
            TypeDefKind::Tuple(t) => {
                let items: Vec<_> = t.types.iter().map(|t| self.show(t)).collect();
                format!("tuple<{}>", items.join(", "))
            }
            TypeDefKind::Handle(Handle::Own(r)) => self.show_def(*r),
            TypeDefKind::Handle(Handle::Borrow(r)) => format!("borrow<{}>", self.show_def(*r)),
            TypeDefKind::Future(t) => format!("future<{}>", opt(t)),
            TypeDefKind::Stream(t) => format!("stream<{}>", opt(t)),
            TypeDefKind::Type(t) => self.show(t),
            other => other.as_str().to_owned(),
        }
    }

    /// The shape of a named type's definition, item by item: what users rely on.
    fn shape(&self, id: TypeId) -> (&'static str, Vec<String>) {
        let def = &self.resolve.types[id];
        let items = match &def.kind {
            TypeDefKind::Record(r) => r
                .fields
                .iter()
                .map(|f| format!("{}: {}", f.name, self.show(&f.ty)))
                .collect(),
            TypeDefKind::Variant(v) => v
                .cases
                .iter()
                .map(|c| match &c.ty {
                    Some(t) => format!("{}({})", c.name, self.show(t)),
                    None => c.name.clone(),
                })
                .collect(),
            TypeDefKind::Enum(e) => e.cases.iter().map(|c| c.name.clone()).collect(),
            TypeDefKind::Flags(f) => f.flags.iter().map(|f| f.name.clone()).collect(),
            TypeDefKind::Resource => Vec::new(),
            _ => vec![{
                // An alias or anonymous shape: compare what it stands for.
                let mut unnamed = def.clone();
                unnamed.name = None;
                match &unnamed.kind {
                    TypeDefKind::Type(t) => self.show(t),
                    _ => self.show_def(id),
                }
            }],
        };
        (def.kind.as_str(), items)
    }

    /// Whether the package's worlds import interface `id` and none exports it.
    fn imported_only(&self, id: wit_parser::InterfaceId) -> bool {
        let uses = |items: fn(&World) -> &wit_parser::IndexMap<wit_parser::WorldKey, WorldItem>| {
            self.package().worlds.values().any(|&w| {
                items(&self.resolve.worlds[w])
                    .values()
                    .any(|item| matches!(item, WorldItem::Interface { id: i, .. } if *i == id))
            })
        };
        uses(|w| &w.imports) && !uses(|w| &w.exports)
    }

    /// A world's import or export as the versions compare it: the package's own interfaces
    /// by name (their package's name and version are checked once, for the package), others
    /// by their full name without a version.
    fn key(&self, key: &WorldKey) -> String {
        match key {
            WorldKey::Interface(id) => {
                let interface = &self.resolve.interfaces[*id];
                match (&interface.name, interface.package) {
                    (Some(name), Some(p)) if p == self.package => name.clone(),
                    _ => {
                        let full = self.resolve.name_world_key(key);
                        full.split('@').next().unwrap_or(&full).to_owned()
                    }
                }
            }
            WorldKey::Name(name) => name.clone(),
        }
    }

    fn signature(&self, f: &Function) -> (Vec<String>, String) {
        let params = f
            .params
            .iter()
            .map(|p| format!("{}: {}", p.name, self.show(&p.ty)))
            .collect();
        let result = f.result.as_ref().map_or("()".into(), |t| self.show(t));
        (params, result)
    }
}

/// What a change asks of the version: a break needs a major bump, an addition a minor one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Break,
    Addition,
}

struct Check<'a> {
    old: &'a WitPackage,
    new: &'a WitPackage,
    changes: Vec<(Finding, Change)>,
}

impl Check<'_> {
    /// A change that breaks users or implementers of the old version.
    fn report(&mut self, rule: &'static str, at: Option<Location>, message: String) {
        let finding =
            Finding::error(rule, at, message).hint("keep the old item beside the new one");
        self.changes.push((finding, Change::Break));
    }

    /// Something new: `hint` says who it concerns.
    fn added(&mut self, rule: &'static str, at: Option<Location>, message: String, hint: &str) {
        let finding = Finding::warning(rule, at, message).hint(hint);
        self.changes.push((finding, Change::Addition));
    }

    /// `imported` when the package's worlds only import the interface: hosts implement it and
    /// guests call it, the other way round from an exported one.
    fn interface(&mut self, name: &str, imported: bool, old: &Interface, new: &Interface) {
        let here = self.new.at(new.span);
        for (fname, f) in &old.functions {
            match new.functions.get(fname) {
                None => {
                    let at = here.clone();
                    self.report(
                        "WIT_FUNCTION_NO_DELETE",
                        at,
                        format!("function `{name}.{fname}` was deleted"),
                    );
                }
                Some(now) => self.function(&format!("{name}.{fname}"), f, now),
            }
        }
        for (tname, &id) in &old.types {
            match new.types.get(tname) {
                None => {
                    let at = here.clone();
                    self.report(
                        "WIT_TYPE_NO_DELETE",
                        at,
                        format!("type `{name}.{tname}` was deleted"),
                    );
                }
                Some(&now) => self.typedef(&format!("{name}.{tname}"), id, now),
            }
        }
        let functions = new
            .functions
            .iter()
            .filter(|(f, _)| !old.functions.contains_key(*f))
            .map(|(f, def)| (f, self.new.at(def.span)));
        let types = new
            .types
            .iter()
            .filter(|(t, _)| !old.types.contains_key(*t))
            .map(|(t, &id)| (t, self.new.at(self.new.resolve.types[id].span)));
        let added: Vec<_> = functions.chain(types).collect();
        for (item, at) in added {
            let at = at.or_else(|| here.clone());
            if imported {
                self.added(
                    "WIT_IMPORT_ITEM_ADDED",
                    at,
                    format!("imported interface `{name}` gained `{item}`"),
                    "every host must now provide it; components built before are unaffected",
                );
            } else {
                self.added(
                    "WIT_ITEM_ADDED",
                    at,
                    format!("interface `{name}` gained `{item}`"),
                    "components built for the old version do not export it",
                );
            }
        }
    }

    fn function(&mut self, what: &str, old: &Function, new: &Function) {
        let (old_params, old_result) = self.old.signature(old);
        let (new_params, new_result) = self.new.signature(new);
        let at = self.new.at(new.span);
        if old_params != new_params {
            self.report(
                "WIT_FUNCTION_SAME_PARAMS",
                at.clone(),
                format!(
                    "function `{what}` changed its parameters from ({}) to ({})",
                    old_params.join(", "),
                    new_params.join(", ")
                ),
            );
        }
        if old_result != new_result {
            self.report(
                "WIT_FUNCTION_SAME_RESULT",
                at,
                format!(
                    "function `{what}` changed its result from `{old_result}` to `{new_result}`"
                ),
            );
        }
    }

    fn typedef(&mut self, what: &str, old: TypeId, new: TypeId) {
        let (old_kind, old_items) = self.old.shape(old);
        let (new_kind, new_items) = self.new.shape(new);
        let at = self.new.at(self.new.resolve.types[new].span);
        if old_kind != new_kind {
            self.report(
                "WIT_TYPE_SAME_KIND",
                at,
                format!("type `{what}` changed from a {old_kind} to a {new_kind}"),
            );
            return;
        }
        if old_items == new_items {
            return;
        }
        let (rule, items) = match old_kind {
            "record" => ("WIT_RECORD_SAME_FIELDS", "fields"),
            "variant" => ("WIT_VARIANT_SAME_CASES", "cases"),
            "enum" => ("WIT_ENUM_SAME_CASES", "cases"),
            "flags" => ("WIT_FLAGS_SAME", "flags"),
            _ => ("WIT_TYPE_SAME_DEFINITION", "definition"),
        };
        let removed: Vec<_> = old_items
            .iter()
            .filter(|i| !new_items.contains(i))
            .collect();
        let added: Vec<_> = new_items
            .iter()
            .filter(|i| !old_items.contains(i))
            .collect();
        let mut change = Vec::new();
        if !removed.is_empty() {
            change.push(format!("lost {}", quote(&removed)));
        }
        if !added.is_empty() {
            change.push(format!("gained {}", quote(&added)));
        }
        if change.is_empty() {
            change.push("reordered them".into());
        }
        self.report(
            rule,
            at,
            format!(
                "{old_kind} `{what}` changed its {items}: {}",
                change.join(", ")
            ),
        );
    }

    fn world(&mut self, name: &str, old: &World, new: &World) {
        let (old_key, new_key) = (|k: &_| self.old.key(k), |k: &_| self.new.key(k));
        let old_exports: Vec<String> = old.exports.keys().map(old_key).collect();
        let at = self.new.at(new.span);
        let find = |items: &wit_parser::IndexMap<WorldKey, WorldItem>, key: &str| {
            items
                .iter()
                .find(|(k, _)| new_key(k) == key)
                .map(|(_, item)| item.clone())
        };
        for (k, item) in &new.exports {
            let export = new_key(k);
            if !old_exports.contains(&export) {
                self.added(
                    "WIT_ITEM_ADDED",
                    self.item_at(item).or_else(|| at.clone()),
                    format!("world `{name}` now exports `{export}`"),
                    "components built for the old world do not export it",
                );
            }
        }
        for (k, item) in &old.exports {
            let export = old_key(k);
            match (item, find(&new.exports, &export)) {
                (_, None) => self.report(
                    "WIT_WORLD_EXPORT_NO_DELETE",
                    at.clone(),
                    format!("world `{name}` no longer exports `{export}`"),
                ),
                (WorldItem::Function(f), Some(WorldItem::Function(now))) => {
                    self.function(&format!("{name}.{export}"), f, &now)
                }
                _ => {}
            }
        }
        for (k, item) in &old.imports {
            let import = old_key(k);
            if matches!(item, WorldItem::Type { .. }) {
                continue;
            }
            match (item, find(&new.imports, &import)) {
                (_, None) => self.report(
                    "WIT_WORLD_IMPORT_NO_DELETE",
                    at.clone(),
                    format!(
                        "world `{name}` no longer imports `{import}`, which components built \
                         for the old world need"
                    ),
                ),
                (WorldItem::Function(f), Some(WorldItem::Function(now))) => {
                    self.function(&format!("{name}.{import}"), f, &now)
                }
                _ => {}
            }
        }
        let old_imports: Vec<String> = old.imports.keys().map(old_key).collect();
        for (k, item) in &new.imports {
            let import = new_key(k);
            if matches!(item, WorldItem::Type { .. }) || old_imports.contains(&import) {
                continue;
            }
            self.added(
                "WIT_WORLD_IMPORT_ADDED",
                self.item_at(item).or_else(|| at.clone()),
                format!("world `{name}` now imports `{import}`"),
                "hosts of the old world do not provide it; components built before are \
                 unaffected",
            );
        }
    }

    /// Where a world's own function is declared (interfaces are placed at the world).
    fn item_at(&self, item: &WorldItem) -> Option<Location> {
        match item {
            WorldItem::Function(f) => self.new.at(f.span),
            _ => None,
        }
    }

    /// Each change judged against the version bump: what the bump announces is a notice; a
    /// break without a major bump is an error; an addition without a minor bump is an error
    /// in a release that bumped only the patch, and a warning in an unreleased version.
    fn settle_versions(self) -> Vec<Finding> {
        let was = self.old.package().name.version.clone();
        let is = self.new.package().name.version.clone();
        let bump = Bump::between(
            was.as_ref().map(|v| (v.major, v.minor, v.patch)),
            is.as_ref().map(|v| (v.major, v.minor, v.patch)),
        );
        let need_major = match &was {
            Some(v) if v.major == 0 => format!("{}.{}.0", v.major, v.minor + 1),
            Some(v) => format!("{}.0.0", v.major + 1),
            None => "a version (`package ns:name@1.0.0;`)".into(),
        };
        let need_minor = match &was {
            Some(v) if v.major == 0 => format!("0.{}.{}", v.minor, v.patch + 1),
            Some(v) => format!("{}.{}.0", v.major, v.minor + 1),
            None => "a version (`package ns:name@0.1.0;`)".into(),
        };
        let shown = is.as_ref().map(ToString::to_string).unwrap_or_default();
        let mut findings = Vec::new();
        for (mut finding, change) in self.changes {
            let covered = match change {
                Change::Break => bump >= Bump::Major,
                Change::Addition => bump >= Bump::Minor,
            };
            if covered {
                finding.severity = Severity::Notice;
                finding.hint = format!("announced by the version bump to {shown}");
            } else if change == Change::Break {
                finding.severity = Severity::Error;
                finding.hint = format!("{}; or bump the package to {need_major}", finding.hint);
            } else if bump == Bump::Patch {
                finding.severity = Severity::Error;
                finding.hint = format!(
                    "a patch release must not add to the contract: bump the package to \
                     {need_minor} ({})",
                    finding.hint
                );
            } else {
                finding.severity = Severity::Warning;
                finding.hint = format!(
                    "{}; release it as {need_minor} or later, not as a patch",
                    finding.hint
                );
            }
            findings.push(finding);
        }
        findings
    }
}

/// How far a version moved, in semver's terms (below 1.0, a minor bump is a major one and a
/// patch bump a minor one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Bump {
    /// The same version, or none.
    None,
    Patch,
    Minor,
    Major,
}

impl Bump {
    /// Between two versions as (major, minor, patch).
    fn between(was: Option<(u64, u64, u64)>, is: Option<(u64, u64, u64)>) -> Self {
        let (Some(a), Some(b)) = (was, is) else {
            return Self::None;
        };
        if b <= a {
            return Self::None;
        }
        match (a.0, b.0 > a.0, b.1 > a.1) {
            (_, true, _) => Self::Major,
            (0, false, true) => Self::Major,
            (0, false, false) => Self::Minor,
            (_, false, true) => Self::Minor,
            _ => Self::Patch,
        }
    }
}

fn quote(items: &[&String]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Findings about one version of a WIT package on its own: a versioned package, doc comments
/// on what its worlds export, and `use`s nothing refers to.
pub fn lint(pkg: &WitPackage) -> Vec<Finding> {
    let resolve = &pkg.resolve;
    let package = pkg.package();
    let mut findings = Vec::new();
    let mut warn = |rule: &'static str, at: Option<Location>, message: String, hint: &str| {
        findings.push(Finding::warning(rule, at, message).hint(hint));
    };
    if package.name.version.is_none() {
        let first = package
            .interfaces
            .values()
            .next()
            .map(|&i| resolve.interfaces[i].span);
        warn(
            "WIT_PACKAGE_VERSIONED",
            first.and_then(|span| pkg.at(span)),
            format!("package `{}` has no version", package.name),
            "version it (`package ns:name@0.1.0;`) so that `check` can tell a breaking \
             change announced by a version bump from one that is not",
        );
    }
    let exported: Vec<_> = package
        .worlds
        .values()
        .flat_map(|&w| resolve.worlds[w].exports.iter())
        .collect();
    for (_, item) in &exported {
        match item {
            WorldItem::Interface { id, .. }
                if resolve.interfaces[*id].package == Some(pkg.package) =>
            {
                let interface = &resolve.interfaces[*id];
                let iname = interface.name.as_deref().unwrap_or("<anonymous>");
                for (name, f) in &interface.functions {
                    if f.docs.contents.is_none() {
                        warn(
                            "WIT_DOCUMENTED",
                            pkg.at(f.span),
                            format!("exported function `{iname}.{name}` has no doc comment"),
                            "say what it does and how it fails, in a `///` comment above it",
                        );
                    }
                }
                for (name, &id) in &interface.types {
                    let def = &resolve.types[id];
                    let used = matches!(def.kind, TypeDefKind::Type(Type::Id(t))
                        if resolve.types[t].owner != def.owner);
                    if def.docs.contents.is_none() && !used {
                        warn(
                            "WIT_DOCUMENTED",
                            pkg.at(def.span),
                            format!("exported type `{iname}.{name}` has no doc comment"),
                            "say what it stands for, in a `///` comment above it",
                        );
                    }
                }
            }
            WorldItem::Function(f) if f.docs.contents.is_none() => warn(
                "WIT_DOCUMENTED",
                pkg.at(f.span),
                format!("exported function `{}` has no doc comment", f.name),
                "say what it does, in a `///` comment above it",
            ),
            _ => {}
        }
    }
    for &id in package.interfaces.values() {
        let interface = &resolve.interfaces[id];
        let mut referenced = Vec::new();
        for f in interface.functions.values() {
            for ty in f.params.iter().map(|p| &p.ty).chain(&f.result) {
                pkg.references(ty, &mut referenced);
            }
        }
        for &t in interface.types.values() {
            pkg.references_in(t, &mut referenced);
        }
        for (name, &t) in &interface.types {
            let def = &resolve.types[t];
            let TypeDefKind::Type(Type::Id(target)) = def.kind else {
                continue;
            };
            let from_use = resolve.types[target].owner != def.owner;
            if from_use && !referenced.contains(&t) {
                warn(
                    "WIT_USE_USED",
                    pkg.at(def.span),
                    format!(
                        "interface `{}` uses `{name}` but nothing in it refers to it",
                        interface.name.as_deref().unwrap_or("<anonymous>")
                    ),
                    "remove it from the `use` list",
                );
            }
        }
    }
    findings
}

impl WitPackage {
    /// Collects the named types `ty` refers to, looking through anonymous ones.
    fn references(&self, ty: &Type, out: &mut Vec<TypeId>) {
        if let Type::Id(id) = ty {
            if self.resolve.types[*id].name.is_some() {
                out.push(*id);
            } else {
                self.references_in(*id, out);
            }
        }
    }

    /// Collects the named types the definition of `id` refers to.
    fn references_in(&self, id: TypeId, out: &mut Vec<TypeId>) {
        let mut each = |ty: &Type| self.references(ty, out);
        match &self.resolve.types[id].kind {
            TypeDefKind::Record(r) => r.fields.iter().for_each(|f| each(&f.ty)),
            TypeDefKind::Variant(v) => v.cases.iter().flat_map(|c| &c.ty).for_each(each),
            TypeDefKind::Tuple(t) => t.types.iter().for_each(each),
            TypeDefKind::Option(t) | TypeDefKind::List(t) | TypeDefKind::FixedLengthList(t, _) => {
                each(t)
            }
            TypeDefKind::Map(k, v) => {
                each(k);
                each(v);
            }
            TypeDefKind::Result(r) => r.ok.iter().chain(&r.err).for_each(each),
            TypeDefKind::Future(t) | TypeDefKind::Stream(t) => t.iter().for_each(each),
            TypeDefKind::Handle(Handle::Own(r) | Handle::Borrow(r)) => out.push(*r),
            // An alias refers to its target only when something refers to the alias.
            TypeDefKind::Type(_) => {}
            _ => {}
        }
    }
}
