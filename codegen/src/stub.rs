//! Host stubs for a component's own WIT exports: `guestkit_shim::wit!`.
//!
//! For every interface the world exports (other than the platform's `guest`), a module
//! `namespace::package::interface` with the interface's types and a `{Interface}Client`
//! whose async methods call the running actor through `Shim::invoke`; functions the world
//! exports directly get a `{World}Client` at the root. Types are plain Rust values
//! (records are structs, variants and enums are enums, flags are structs of `bool`s) that
//! convert to and from the shim's component values.
//!
//! Resources, futures and streams cannot cross from the host into an actor this way:
//! functions that use them get no method, and the client's documentation lists them.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use wit_parser::{
    Function, FunctionKind, Handle, InterfaceId, Resolve, Type, TypeDefKind, TypeId, TypeOwner,
    WorldItem,
};

use crate::bindings::WitWorld;
use crate::{Options, client};

/// The Rust source of the host stubs for `wit`'s exports.
pub fn host(wit: &WitWorld, opts: &Options) -> TokenStream {
    Stubs {
        resolve: &wit.resolve,
        krate: &opts.crate_path,
        opts,
        callable: callable_types(&wit.resolve),
    }
    .world(wit)
}

struct Stubs<'a> {
    resolve: &'a Resolve,
    krate: &'a syn::Path,
    opts: &'a Options,
    /// Whether values of each type (by arena index) can be passed from the host.
    callable: Vec<bool>,
}

/// Whether values of each type of `resolve`, by arena index, can be passed from the host:
/// no resources, futures or streams in them. One pass, since wit-parser keeps types in
/// topological order (a type comes after every type it uses), so a long alias chain or a
/// type used many times over costs no more than the types themselves.
fn callable_types(resolve: &Resolve) -> Vec<bool> {
    let mut callable: Vec<bool> = Vec::with_capacity(resolve.types.len());
    for (_, def) in resolve.types.iter() {
        let known = |ty: &Type| match ty {
            Type::Id(id) => callable.get(id.index()).copied().unwrap_or(false),
            Type::ErrorContext => false,
            _ => true,
        };
        let can = match &def.kind {
            TypeDefKind::Record(r) => r.fields.iter().all(|f| known(&f.ty)),
            TypeDefKind::Variant(v) => v.cases.iter().all(|c| c.ty.iter().all(known)),
            TypeDefKind::Tuple(t) => t.types.iter().all(known),
            TypeDefKind::Option(t) | TypeDefKind::List(t) | TypeDefKind::Type(t) => known(t),
            TypeDefKind::Result(r) => r.ok.iter().chain(&r.err).all(known),
            TypeDefKind::Enum(_) | TypeDefKind::Flags(_) => true,
            TypeDefKind::Resource
            | TypeDefKind::Handle(_)
            | TypeDefKind::Map(..)
            | TypeDefKind::FixedLengthList(..)
            | TypeDefKind::Future(_)
            | TypeDefKind::Stream(_)
            | TypeDefKind::Unknown => false,
        };
        callable.push(can);
    }
    callable
}

/// Where generated code lives: the root (depth 0) or `ns::pkg::iface` (depth 3).
#[derive(Clone, Copy)]
struct Depth(usize);

impl Stubs<'_> {
    fn world(&self, wit: &WitWorld) -> TokenStream {
        let world = &self.resolve.worlds[wit.world];
        let mut exported = Vec::new();
        let mut functions = Vec::new();
        for (key, item) in &world.exports {
            match item {
                WorldItem::Interface { id, .. } if !self.is_platform_guest(*id) => {
                    exported.push((self.resolve.name_world_key(key), *id));
                }
                WorldItem::Function(f) => functions.push(f),
                _ => {}
            }
        }
        // Every interface whose types the exports use, each in its own module.
        let mut interfaces = BTreeSet::new();
        let mut todo: Vec<_> = exported.iter().map(|(_, id)| *id).collect();
        while let Some(id) = todo.pop() {
            if interfaces.insert(id) {
                todo.extend(self.resolve.interface_direct_deps(id));
            }
        }
        let mut tree: BTreeMap<String, BTreeMap<String, TokenStream>> = BTreeMap::new();
        for id in &interfaces {
            let iface = &self.resolve.interfaces[*id];
            let (Some(name), Some(pkg)) = (&iface.name, iface.package) else {
                continue;
            };
            let pkg = &self.resolve.packages[pkg].name;
            let mut body = self.types(iface.types.values(), Depth(3));
            if let Some((export, _)) = exported.iter().find(|(_, e)| e == id) {
                let funcs: Vec<_> = iface.functions.values().collect();
                body.extend(self.client(name, Some(export), &funcs, Depth(3)));
            }
            let module = snake(name);
            tree.entry(pkg.namespace.clone())
                .or_default()
                .entry(pkg.name.clone())
                .or_default()
                .extend(quote!(pub mod #module { #body }));
        }
        let mut out = self.types(
            world
                .exports
                .values()
                .chain(world.imports.values())
                .filter_map(|item| match item {
                    WorldItem::Type { id, .. }
                        if self.resolve.types[*id].owner == TypeOwner::World(wit.world) =>
                    {
                        Some(id)
                    }
                    _ => None,
                }),
            Depth(0),
        );
        if !functions.is_empty() {
            out.extend(self.client(&world.name, None, &functions, Depth(0)));
        }
        for (ns, packages) in tree {
            let ns = snake(&ns);
            let packages = packages.into_iter().map(|(pkg, body)| {
                let pkg = snake(&pkg);
                quote!(pub mod #pkg { #body })
            });
            out.extend(quote! {
                #[allow(dead_code, clippy::all)]
                pub mod #ns { #(#packages)* }
            });
        }
        out
    }

    fn is_platform_guest(&self, id: InterfaceId) -> bool {
        self.resolve
            .id_of(id)
            .is_some_and(|n| n.starts_with("guestkit:host/guest@"))
    }

    /// A client struct with one async method per function that can be called from the host.
    fn client(
        &self,
        name: &str,
        export: Option<&str>,
        functions: &[&Function],
        depth: Depth,
    ) -> TokenStream {
        let ident = format_ident!("{}Client", camel(name));
        let interface = match export {
            Some(e) => quote!(::core::option::Option::Some(#e)),
            None => quote!(::core::option::Option::None),
        };
        let mut skipped = Vec::new();
        let mut methods = Vec::new();
        for f in functions {
            if !matches!(
                f.kind,
                FunctionKind::Freestanding | FunctionKind::AsyncFreestanding
            ) || !f
                .params
                .iter()
                .map(|p| &p.ty)
                .chain(&f.result)
                .all(|t| self.callable(t))
            {
                skipped.push(format!(" - `{}`", f.name));
                continue;
            }
            methods.push(self.method(f, &interface, depth));
        }
        let what = export.unwrap_or(name);
        let mut doc = vec![format!(
            " Calls the exports of `{what}` on an actor running in a shim. Each call runs \
             between two of the actor's handlers; its state writes commit when it returns."
        )];
        if !skipped.is_empty() {
            doc.push(
                "\n Not callable from the host (they take or return resources, futures or \
                 streams):"
                    .into(),
            );
            doc.extend(skipped);
        }
        client::shell(self.opts, &ident, &doc, methods)
    }

    fn method(&self, f: &Function, interface: &TokenStream, depth: Depth) -> TokenStream {
        let krate = self.krate;
        let value = quote!(#krate::__private::value);
        let name = &f.name;
        let method = ident(&snake(&f.name));
        let params: Vec<_> = f.params.iter().map(|p| ident(&snake(&p.name))).collect();
        let types = f.params.iter().map(|p| self.rust_type(&p.ty, depth));
        let result = f
            .result
            .as_ref()
            .map_or_else(|| quote!(()), |t| self.rust_type(t, depth));
        let doc = docs(&f.docs);
        quote! {
            #(#[doc = #doc])*
            pub async fn #method(
                &self,
                #(#params: #types),*
            ) -> ::core::result::Result<#result, #krate::InvokeError> {
                let results = self
                    .transport
                    .invoke(
                        &self.to,
                        #interface,
                        #name,
                        ::std::vec![#(#value::IntoVal::into_val(#params)),*],
                        self.timeout,
                    )
                    .await?;
                #value::from_results(results, #interface, #name)
            }
        }
    }

    /// Definitions of the named types among `ids`.
    fn types<'b>(&self, ids: impl Iterator<Item = &'b TypeId>, depth: Depth) -> TokenStream {
        ids.map(|id| self.typedef(*id, depth)).collect()
    }

    fn typedef(&self, id: TypeId, depth: Depth) -> TokenStream {
        let krate = self.krate;
        let value = quote!(#krate::__private::value);
        let def = &self.resolve.types[id];
        let Some(wit_name) = &def.name else {
            return TokenStream::new();
        };
        let name = format_ident!("{}", camel(wit_name));
        let doc = docs(&def.docs);
        let derive = quote!(#[derive(Debug, Clone, PartialEq)]);
        match &def.kind {
            TypeDefKind::Record(r) if r.fields.iter().all(|f| self.callable(&f.ty)) => {
                let fields: Vec<_> = r.fields.iter().map(|f| ident(&snake(&f.name))).collect();
                let names = r.fields.iter().map(|f| &f.name);
                let names2 = names.clone();
                let types = r.fields.iter().map(|f| self.rust_type(&f.ty, depth));
                quote! {
                    #(#[doc = #doc])*
                    #derive
                    pub struct #name { #(pub #fields: #types),* }

                    impl #value::IntoVal for #name {
                        fn into_val(self) -> #value::Val {
                            #value::Val::Record(::std::vec![
                                #((#names.into(), #value::IntoVal::into_val(self.#fields))),*
                            ])
                        }
                    }

                    impl #value::FromVal for #name {
                        fn from_val(val: #value::Val) -> ::core::result::Result<Self, #value::ValueError> {
                            let #value::Val::Record(mut fields) = val else {
                                return ::core::result::Result::Err(#value::ValueError::new(#wit_name, &val));
                            };
                            let _ = &mut fields;
                            ::core::result::Result::Ok(Self {
                                #(#fields: #value::FromVal::from_val(#value::take_field(&mut fields, #names2)?)?),*
                            })
                        }
                    }
                }
            }
            TypeDefKind::Variant(v)
                if v.cases
                    .iter()
                    .all(|c| c.ty.iter().all(|t| self.callable(t))) =>
            {
                let cases: Vec<_> = v
                    .cases
                    .iter()
                    .map(|c| format_ident!("{}", camel(&c.name)))
                    .collect();
                let decl = v.cases.iter().zip(&cases).map(|(c, case)| match &c.ty {
                    Some(t) => {
                        let t = self.rust_type(t, depth);
                        quote!(#case(#t))
                    }
                    None => quote!(#case),
                });
                let into = v.cases.iter().zip(&cases).map(|(c, case)| {
                    let wit = &c.name;
                    match c.ty {
                        Some(_) => quote!(Self::#case(v) => #value::Val::Variant(#wit.into(), #value::IntoVal::into_case(v))),
                        None => quote!(Self::#case => #value::Val::Variant(#wit.into(), ::core::option::Option::None)),
                    }
                });
                let from = v.cases.iter().zip(&cases).map(|(c, case)| {
                    let wit = &c.name;
                    match c.ty {
                        Some(_) => quote!(#wit => #value::FromVal::from_case(payload).map(Self::#case)),
                        None => quote!(#wit => <() as #value::FromVal>::from_case(payload).map(|()| Self::#case)),
                    }
                });
                quote! {
                    #(#[doc = #doc])*
                    #derive
                    pub enum #name { #(#decl),* }

                    impl #value::IntoVal for #name {
                        fn into_val(self) -> #value::Val {
                            match self { #(#into),* }
                        }
                    }

                    impl #value::FromVal for #name {
                        fn from_val(val: #value::Val) -> ::core::result::Result<Self, #value::ValueError> {
                            match val {
                                #value::Val::Variant(case, payload) => match case.as_str() {
                                    #(#from,)*
                                    _ => ::core::result::Result::Err(#value::ValueError::new(#wit_name, &#value::Val::Variant(case, payload))),
                                },
                                other => ::core::result::Result::Err(#value::ValueError::new(#wit_name, &other)),
                            }
                        }
                    }
                }
            }
            TypeDefKind::Enum(e) => {
                let cases: Vec<_> = e
                    .cases
                    .iter()
                    .map(|c| format_ident!("{}", camel(&c.name)))
                    .collect();
                let wits: Vec<_> = e.cases.iter().map(|c| &c.name).collect();
                quote! {
                    #(#[doc = #doc])*
                    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
                    pub enum #name { #(#cases),* }

                    impl #value::IntoVal for #name {
                        fn into_val(self) -> #value::Val {
                            #value::Val::Enum(match self { #(Self::#cases => #wits),* }.into())
                        }
                    }

                    impl #value::FromVal for #name {
                        fn from_val(val: #value::Val) -> ::core::result::Result<Self, #value::ValueError> {
                            match &val {
                                #value::Val::Enum(case) => match case.as_str() {
                                    #(#wits => ::core::result::Result::Ok(Self::#cases),)*
                                    _ => ::core::result::Result::Err(#value::ValueError::new(#wit_name, &val)),
                                },
                                _ => ::core::result::Result::Err(#value::ValueError::new(#wit_name, &val)),
                            }
                        }
                    }
                }
            }
            TypeDefKind::Flags(flags) => {
                let fields: Vec<_> = flags.flags.iter().map(|f| ident(&snake(&f.name))).collect();
                let wits: Vec<_> = flags.flags.iter().map(|f| &f.name).collect();
                quote! {
                    #(#[doc = #doc])*
                    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
                    pub struct #name { #(pub #fields: bool),* }

                    impl #value::IntoVal for #name {
                        fn into_val(self) -> #value::Val {
                            let mut set = ::std::vec::Vec::new();
                            #(if self.#fields { set.push(::std::string::String::from(#wits)); })*
                            #value::Val::Flags(set)
                        }
                    }

                    impl #value::FromVal for #name {
                        fn from_val(val: #value::Val) -> ::core::result::Result<Self, #value::ValueError> {
                            match val {
                                #value::Val::Flags(set) => ::core::result::Result::Ok(Self {
                                    #(#fields: set.iter().any(|f| f == #wits)),*
                                }),
                                other => ::core::result::Result::Err(#value::ValueError::new(#wit_name, &other)),
                            }
                        }
                    }
                }
            }
            TypeDefKind::Type(_)
            | TypeDefKind::Tuple(_)
            | TypeDefKind::Option(_)
            | TypeDefKind::Result(_)
            | TypeDefKind::List(_)
                if self.callable(&Type::Id(id)) =>
            {
                let target = self.anonymous(id, depth);
                quote! {
                    #(#[doc = #doc])*
                    pub type #name = #target;
                }
            }
            _ => TokenStream::new(),
        }
    }

    /// Whether values of `ty` can be passed from the host: no resources, futures, streams.
    fn callable(&self, ty: &Type) -> bool {
        match ty {
            Type::Id(id) => self.callable[id.index()],
            Type::ErrorContext => false,
            _ => true,
        }
    }

    /// The Rust type of `ty` as written in a module at `depth`.
    fn rust_type(&self, ty: &Type, depth: Depth) -> TokenStream {
        match ty {
            Type::Bool => quote!(bool),
            Type::U8 => quote!(u8),
            Type::U16 => quote!(u16),
            Type::U32 => quote!(u32),
            Type::U64 => quote!(u64),
            Type::S8 => quote!(i8),
            Type::S16 => quote!(i16),
            Type::S32 => quote!(i32),
            Type::S64 => quote!(i64),
            Type::F32 => quote!(f32),
            Type::F64 => quote!(f64),
            Type::Char => quote!(char),
            Type::String => quote!(::std::string::String),
            Type::ErrorContext => quote!(()),
            Type::Id(id) => {
                let def = &self.resolve.types[*id];
                match &def.name {
                    Some(name) => {
                        let name = format_ident!("{}", camel(name));
                        let path = self.module_of(def.owner, depth);
                        quote!(#path #name)
                    }
                    None => self.anonymous(*id, depth),
                }
            }
        }
    }

    /// The structural Rust type of an unnamed (or aliased) type.
    fn anonymous(&self, id: TypeId, depth: Depth) -> TokenStream {
        let unit_or = |t: &Option<Type>| {
            t.as_ref()
                .map_or_else(|| quote!(()), |t| self.rust_type(t, depth))
        };
        match &self.resolve.types[id].kind {
            TypeDefKind::Type(t) => self.rust_type(t, depth),
            TypeDefKind::Tuple(t) => {
                let types = t.types.iter().map(|t| self.rust_type(t, depth));
                quote!((#(#types,)*))
            }
            TypeDefKind::Option(t) => {
                let t = self.rust_type(t, depth);
                quote!(::core::option::Option<#t>)
            }
            TypeDefKind::List(t) => {
                let t = self.rust_type(t, depth);
                quote!(::std::vec::Vec<#t>)
            }
            TypeDefKind::Result(r) => {
                let (ok, err) = (unit_or(&r.ok), unit_or(&r.err));
                quote!(::core::result::Result<#ok, #err>)
            }
            TypeDefKind::Handle(Handle::Own(t) | Handle::Borrow(t)) => {
                self.rust_type(&Type::Id(*t), depth)
            }
            _ => quote!(()),
        }
    }

    /// The path prefix from a module at `depth` to where types of `owner` are defined.
    fn module_of(&self, owner: TypeOwner, depth: Depth) -> TokenStream {
        let up = std::iter::repeat_n(quote!(super::), depth.0);
        match owner {
            TypeOwner::Interface(id) => {
                let iface = &self.resolve.interfaces[id];
                let (Some(name), Some(pkg)) = (&iface.name, iface.package) else {
                    return quote!(#(#up)*);
                };
                let pkg = &self.resolve.packages[pkg].name;
                let (ns, p, i) = (snake(&pkg.namespace), snake(&pkg.name), snake(name));
                quote!(#(#up)* #ns :: #p :: #i ::)
            }
            TypeOwner::World(_) | TypeOwner::None => quote!(#(#up)*),
        }
    }
}

fn docs(docs: &wit_parser::Docs) -> Vec<String> {
    docs.contents
        .iter()
        .flat_map(|c| c.lines())
        .map(|l| format!(" {l}"))
        .collect()
}

/// `kebab-case` to `snake_case`.
fn snake(name: &str) -> syn::Ident {
    ident(&name.replace('-', "_"))
}

/// An identifier, raw when `name` is a keyword.
fn ident(name: &impl ToString) -> syn::Ident {
    let name = name.to_string();
    syn::parse_str::<syn::Ident>(&name)
        .unwrap_or_else(|_| syn::Ident::new_raw(&name, Span::call_site()))
}

/// `kebab-case` to `UpperCamelCase`.
fn camel(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn names_follow_rust_conventions() {
        assert_eq!(camel("http-request"), "HttpRequest");
        assert_eq!(snake("max-age").to_string(), "max_age");
        assert_eq!(ident(&"type").to_string(), "r#type");
    }

    #[test]
    fn stubs_cover_the_corpus_and_skip_what_the_host_cannot_pass() {
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/wit/corpus");
        let wit = WitWorld::load(&corpus, "types.wit", Some("types-export")).unwrap();
        let code = crate::pretty(&host(&wit, &Options::host()));
        assert!(code.contains("pub struct ShapesClient"), "{code}");
        assert!(code.contains("pub enum Shape"), "{code}");
        assert!(
            code.contains("s: super::super::super::corpus::types::shapes::Shape,"),
            "{code}"
        );

        let wit = WitWorld::load(&corpus, "resources.wit", Some("resources-export")).unwrap();
        let code = crate::pretty(&host(&wit, &Options::host()));
        assert!(code.contains(" - `size-of`"), "{code}");
        assert!(!code.contains("fn size_of"), "{code}");
    }
}
