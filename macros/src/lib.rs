//! Procedural macros of guestkit guests. Thin by design: each parses its input, calls
//! `guestkit-codegen`, and turns errors into compile errors on the user's span. Use them
//! through the `guestkit` crate (`guestkit::contract!`, `guestkit::wit!`, `#[guestkit::actor]`),
//! `guestkit-shim` (`guestkit_shim::contract!`, `wit!`) or `guestkit-test` (`contract!`).
//!
//! Set `GUESTKIT_EXPAND=DIR` (or `=1` for a folder under the system temp dir) while building
//! and each macro writes its formatted expansion to a file there and expands to an
//! `include!` of it, so compiler errors point at real lines you can open.

use std::path::{Path, PathBuf};

use guestkit_codegen::Options;
use guestkit_codegen::bindings::WitWorld;
use proc_macro::TokenStream;
use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};

/// Generates the Rust side of a protobuf contract: message types, one trait per service and
/// its route dispatcher. The path is relative to the crate's `Cargo.toml`.
///
/// ```ignore
/// guestkit::contract!("proto/counter.proto");
/// ```
#[proc_macro]
pub fn contract(input: TokenStream) -> TokenStream {
    expand_contract(input, Options::guest())
}

/// The host side of a protobuf contract, for the application that embeds the shim: message
/// types and, per service, an async `{Service}Client` that calls an actor through the shim.
/// Use it as `guestkit_shim::contract!`.
///
/// ```ignore
/// guestkit_shim::contract!("../greeter/proto/greeter.proto");
/// let reply = GreeterServiceClient::new(&shim, addr).greet(&request).await?;
/// ```
#[proc_macro]
pub fn host_contract(input: TokenStream) -> TokenStream {
    expand_contract(input, Options::host())
}

/// The test side of a protobuf contract, for a guest crate's tests: message types and, per
/// service, an async `{Service}Client` that calls an actor through a test's app, whose shim
/// runs in a process of its own. Use it as `guestkit_test::contract!`.
///
/// ```ignore
/// guestkit_test::contract!("proto/hello.proto");
/// let reply = HelloServiceClient::new(&app, "hello").greet(&request).await?;
/// ```
#[proc_macro]
pub fn test_contract(input: TokenStream) -> TokenStream {
    expand_contract(input, Options::test())
}

fn expand_contract(input: TokenStream, opts: Options) -> TokenStream {
    let path = syn::parse_macro_input!(input as syn::LitStr);
    let expanded = guestkit_codegen::contract::expand(&manifest_dir(), &path.value(), &opts)
        .map_err(|e| syn::Error::new(path.span(), e));
    emit("contract", &path.value(), expanded)
}

/// Generates typed bindings for the crate's own WIT world: `wit/` and the only world in it
/// unless `path = "…"` or `world = "…"` say otherwise. Imports become functions, exports
/// become traits to implement and register with the generated `export!` macro.
///
/// ```ignore
/// guestkit::wit!(world = "greeter");
/// impl exports::acme::greeter::names::Guest for Greeter { /* ... */ }
/// export!(Greeter);
/// ```
#[proc_macro]
pub fn wit(input: TokenStream) -> TokenStream {
    expand_wit(input, |wit| {
        let code = guestkit_codegen::bindings::guest(wit, &Options::guest())?;
        code.parse()
            .map_err(|e| guestkit_codegen::bindings::WitError(format!("{e}")))
    })
}

/// Host stubs for a component's own WIT exports, for the application that embeds the shim:
/// the exported interfaces' types, and per interface an async `{Interface}Client` that calls
/// a running actor through the shim. Takes the same `path` and `world` as `guestkit::wit!`;
/// use it as `guestkit_shim::wit!`.
///
/// ```ignore
/// guestkit_shim::wit!(path = "../greeter/wit");
/// let n = acme::greeter::directory::DirectoryClient::new(&shim, addr).count("Ada".into()).await?;
/// ```
#[proc_macro]
pub fn host_wit(input: TokenStream) -> TokenStream {
    expand_wit(input, |wit| {
        Ok(guestkit_codegen::stub::host(wit, &Options::host()))
    })
}

/// The test side of the crate's own WIT exports, for its tests: the same stubs as
/// `guestkit_shim::wit!`, calling an actor of a test's app. Use it as `guestkit_test::wit!`.
#[proc_macro]
pub fn test_wit(input: TokenStream) -> TokenStream {
    expand_wit(input, |wit| {
        Ok(guestkit_codegen::stub::host(wit, &Options::test()))
    })
}

fn expand_wit(
    input: TokenStream,
    generate: impl FnOnce(
        &WitWorld,
    ) -> Result<proc_macro2::TokenStream, guestkit_codegen::bindings::WitError>,
) -> TokenStream {
    let args = syn::parse_macro_input!(input as WitArgs);
    let expanded = WitWorld::load(
        &manifest_dir(),
        args.path
            .as_ref()
            .map_or("wit".into(), syn::LitStr::value)
            .as_str(),
        args.world.as_ref().map(syn::LitStr::value).as_deref(),
    )
    .and_then(|wit| {
        let mut tokens = generate(&wit)?;
        for file in &wit.files {
            let file = file.display().to_string();
            tokens.extend(quote::quote!(
                const _: &[u8] = ::core::include_bytes!(#file);
            ));
        }
        Ok((wit.name(), tokens))
    })
    .map_err(|e| syn::Error::new(args.span(), e));
    match expanded {
        Ok((name, tokens)) => emit("wit", &name, Ok(tokens)),
        Err(e) => e.into_compile_error().into(),
    }
}

/// Makes the crate a guest component whose requests are served by this service impl.
///
/// ```ignore
/// #[guestkit::actor]
/// impl counter::v1::CounterService for Counter { /* ... */ }
/// ```
#[proc_macro_attribute]
pub fn actor(attr: TokenStream, item: TokenStream) -> TokenStream {
    let expanded = guestkit_codegen::actor::expand(attr.into(), item.into(), &Options::guest());
    emit("actor", "", expanded)
}

/// `path = "…"` and `world = "…"`, both optional, in any order.
struct WitArgs {
    path: Option<syn::LitStr>,
    world: Option<syn::LitStr>,
}

impl WitArgs {
    fn span(&self) -> Span {
        self.path
            .as_ref()
            .or(self.world.as_ref())
            .map_or_else(Span::call_site, syn::LitStr::span)
    }
}

impl Parse for WitArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut args = WitArgs {
            path: None,
            world: None,
        };
        while !input.is_empty() {
            let key: syn::Ident = input.parse()?;
            input.parse::<syn::Token![=]>()?;
            let value: syn::LitStr = input.parse()?;
            let slot = match key.to_string().as_str() {
                "path" => &mut args.path,
                "world" => &mut args.world,
                _ => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown option `{key}`; guestkit::wit! takes `path = \"wit\"` and \
                             `world = \"name\"`"
                        ),
                    ));
                }
            };
            if slot.replace(value).is_some() {
                return Err(syn::Error::new(
                    key.span(),
                    format!("`{key}` is given twice"),
                ));
            }
            if !input.is_empty() {
                input.parse::<syn::Token![,]>()?;
            }
        }
        Ok(args)
    }
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default())
}

/// The expansion, or its error on the user's span; dumped to a file when `GUESTKIT_EXPAND`
/// is set.
fn emit(
    macro_name: &str,
    what: &str,
    expanded: syn::Result<proc_macro2::TokenStream>,
) -> TokenStream {
    let tokens = match expanded {
        Ok(tokens) => tokens,
        Err(e) => return e.into_compile_error().into(),
    };
    match std::env::var_os("GUESTKIT_EXPAND") {
        Some(dir) if !dir.is_empty() => match dump(Path::new(&dir), macro_name, what, &tokens) {
            Ok(path) => {
                let path = path.display().to_string();
                quote::quote!(::core::include!(#path);).into()
            }
            Err(e) => syn::Error::new(
                Span::call_site(),
                format!("GUESTKIT_EXPAND is set but the expansion could not be written: {e}"),
            )
            .into_compile_error()
            .into(),
        },
        _ => tokens.into(),
    }
}

/// Writes the formatted expansion to `DIR/CRATE-MACRO-HASH.rs`, named by its content so that
/// repeated builds reuse the file.
fn dump(
    dir: &Path,
    macro_name: &str,
    what: &str,
    tokens: &proc_macro2::TokenStream,
) -> std::io::Result<PathBuf> {
    use std::hash::{Hash, Hasher};
    let dir = if dir == Path::new("1") {
        std::env::temp_dir().join("guestkit-expand")
    } else {
        dir.to_path_buf()
    };
    std::fs::create_dir_all(&dir)?;
    let text = format!(
        "// Expansion of guestkit's `{macro_name}` macro{}.\n{}",
        if what.is_empty() {
            String::new()
        } else {
            format!(" for {what}")
        },
        guestkit_codegen::pretty(tokens)
    );
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    let krate = std::env::var("CARGO_CRATE_NAME").unwrap_or_default();
    let path =
        std::path::absolute(dir.join(format!("{krate}-{macro_name}-{:016x}.rs", hasher.finish())))?;
    if !path.exists() {
        std::fs::write(&path, text)?;
    }
    Ok(path)
}

/// Keeps the actor struct's fields in persistent state: loaded before each handler, saved
/// after one that succeeds. Each field is stored under its name; `#[persistent(key = "…")]`
/// picks another key, `#[persistent(skip)]` keeps a field in memory only.
///
/// ```ignore
/// #[derive(Default, guestkit::Persistent)]
/// struct Counter { total: u64, #[persistent(skip)] calls_since_start: u32 }
/// ```
#[proc_macro_derive(Persistent, attributes(persistent))]
pub fn derive_persistent(input: TokenStream) -> TokenStream {
    emit(
        "Persistent",
        "",
        guestkit_codegen::derive::persistent(input.into(), &Options::guest()),
    )
}

/// Makes a serde type a message of its own, without protobuf: its route is its Rust path,
/// its body JSON, and `#[message(reply = T)]` names what a `guestkit::Handler` answers.
///
/// ```ignore
/// #[derive(serde::Serialize, serde::Deserialize, guestkit::Message)]
/// #[message(reply = Pong)]
/// struct Ping { n: u32 }
/// ```
#[proc_macro_derive(Message, attributes(message))]
pub fn derive_message(input: TokenStream) -> TokenStream {
    emit(
        "Message",
        "",
        guestkit_codegen::derive::message(input.into(), &Options::guest()),
    )
}
