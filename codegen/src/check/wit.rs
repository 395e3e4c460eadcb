//! Breaking changes between two versions of a WIT package, with semver in mind.
//!
//! The component model links by name and type, so what users rely on must stay: interfaces,
//! functions (their parameters and result), types (their fields, cases and flags), and a
//! world's exports; a world must not demand new imports from its host. A breaking change is an
//! error unless the package version was bumped for it (a new major, or a new minor below 1.0),
//! when it is a notice.
//!
//! Those are the breaks of the *users* of a contract (callers of its exports, guests of its
//! imports). Its *implementers* see it the other way round, as `wasm-tools component
//! semver-check` does: an item added to an interface or to a world's exports, or an import
//! dropped from a world, leaves components built for the old version short. Those are
//! warnings (`WIT_ITEM_ADDED`, `WIT_WORLD_IMPORT_NO_DELETE`), since a guest crate rebuilds
//! against its own WIT; `deny` them where others implement the contract.

use std::path::Path;

use wit_parser::{
    Function, Handle, Interface, PackageId, Resolve, Type, TypeDefKind, TypeId, World, WorldItem,
    WorldKey,
};

use super::{Finding, Location, Severity};

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
        findings: Vec::new(),
    };
    let (old, new) = (check.old.package(), check.new.package());
    let old_name = format!("{}:{}", old.name.namespace, old.name.name);
    let new_name = format!("{}:{}", new.name.namespace, new.name.name);
    if old_name != new_name {
        check.report(
            "WIT_PACKAGE_SAME_NAME",
            None,
            format!("package `{old_name}` was renamed to `{new_name}`"),
        );
    }
    for (name, &id) in &old.interfaces {
        match new.interfaces.get(name) {
            None => check.report(
                "WIT_INTERFACE_NO_DELETE",
                None,
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
                None,
                format!("world `{name}` was deleted"),
            ),
            Some(&now) => check.world(
                name,
                &check.old.resolve.worlds[id],
                &check.new.resolve.worlds[now],
            ),
        }
    }
    check.settle_versions();
    check.findings
}

impl WitPackage {
    fn package(&self) -> &wit_parser::Package {
        &self.resolve.packages[self.package]
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

/// The hint for a change that components built for the old version cannot follow.
const BUILT_FOR_OLD: &str = "components built for the old version lack it; rebuild them, or add it in a new interface \
     or world";

struct Check<'a> {
    old: &'a WitPackage,
    new: &'a WitPackage,
    findings: Vec<Finding>,
}

impl Check<'_> {
    fn report(&mut self, rule: &'static str, at: Option<Location>, message: String) {
        let hint = match rule {
            "WIT_WORLD_IMPORT_NO_ADD" => {
                "hosts of the old world do not provide it; make the new import a new world"
            }
            _ => "keep the old item beside the new one",
        };
        self.findings
            .push(Finding::error(rule, at, message).hint(hint));
    }

    /// A change that leaves some implementers of the old version short of what it needs.
    fn warn(&mut self, rule: &'static str, at: Option<Location>, message: String, hint: &str) {
        self.findings
            .push(Finding::warning(rule, at, message).hint(hint));
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
        let added = new
            .functions
            .keys()
            .filter(|f| !old.functions.contains_key(*f))
            .chain(new.types.keys().filter(|t| !old.types.contains_key(*t)));
        for item in added {
            if imported {
                self.warn(
                    "WIT_IMPORT_ITEM_ADDED",
                    here.clone(),
                    format!("imported interface `{name}` gained `{item}`"),
                    "every host must now provide it; guests built before are unaffected",
                );
            } else {
                self.warn(
                    "WIT_ITEM_ADDED",
                    here.clone(),
                    format!("interface `{name}` gained `{item}`"),
                    BUILT_FOR_OLD,
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
        let new_exports: Vec<String> = new.exports.keys().map(new_key).collect();
        let old_exports: Vec<String> = old.exports.keys().map(old_key).collect();
        let new_imports: Vec<String> = new.imports.keys().map(new_key).collect();
        let old_imports: Vec<String> = old.imports.keys().map(old_key).collect();
        let at = self.new.at(new.span);
        for export in new_exports.iter().filter(|e| !old_exports.contains(e)) {
            self.warn(
                "WIT_ITEM_ADDED",
                at.clone(),
                format!("world `{name}` now exports `{export}`"),
                BUILT_FOR_OLD,
            );
        }
        for (k, item) in &old.imports {
            let import = old_key(k);
            if !matches!(item, WorldItem::Type { .. }) && !new_imports.contains(&import) {
                self.warn(
                    "WIT_WORLD_IMPORT_NO_DELETE",
                    at.clone(),
                    format!("world `{name}` no longer imports `{import}`"),
                    BUILT_FOR_OLD,
                );
            }
        }
        for (k, item) in &old.exports {
            let export = old_key(k);
            if !new_exports.contains(&export) {
                let at = self.new.at(new.span);
                self.report(
                    "WIT_WORLD_EXPORT_NO_DELETE",
                    at,
                    format!("world `{name}` no longer exports `{export}`"),
                );
            } else if let WorldItem::Function(f) = item
                && let Some((_, WorldItem::Function(now))) =
                    new.exports.iter().find(|(k, _)| new_key(k) == export)
            {
                self.function(&format!("{name}.{export}"), f, now);
            }
        }
        for (k, item) in &new.imports {
            let import = new_key(k);
            if matches!(item, WorldItem::Type { .. }) || old_imports.contains(&import) {
                continue;
            }
            let at = self.new.at(new.span);
            self.report(
                "WIT_WORLD_IMPORT_NO_ADD",
                at,
                format!("world `{name}` now imports `{import}`"),
            );
        }
    }

    /// A breaking change with the right version bump is only a notice.
    fn settle_versions(&mut self) {
        if self.findings.is_empty() {
            return;
        }
        let was = self.old.package().name.version.clone();
        let is = self.new.package().name.version.clone();
        let bumped = match (&was, &is) {
            (Some(a), Some(b)) if a.major == 0 => b.major > 0 || b.minor > a.minor,
            (Some(a), Some(b)) => b.major > a.major,
            _ => false,
        };
        let need = match &was {
            Some(v) if v.major == 0 => format!("{}.{}.0", v.major, v.minor + 1),
            Some(v) => format!("{}.0.0", v.major + 1),
            None => "a version (`package ns:name@1.0.0;`)".into(),
        };
        for finding in &mut self.findings {
            if bumped {
                finding.severity = Severity::Notice;
                finding.hint = format!(
                    "breaking, and announced by the version bump to {}",
                    is.as_ref().map(ToString::to_string).unwrap_or_default()
                );
            } else {
                finding.hint = format!("{}; or bump the package to {need}", finding.hint);
            }
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
