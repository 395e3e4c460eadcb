//! WIT values as text: WAVE, the WebAssembly Value Encoding (`"ada"`, `[1, 2]`, `{name:
//! "ada", age: 3}`, `some(ok("x"))`), which wasmtime reads and writes ([`wasm_wave`]). It is
//! the one form in which `cargo guest run --call` and the HTTP ingress of `cargo guest serve`
//! take the arguments of a function a component exports from its own WIT world, and show its
//! result.
//!
//! [`wasm_wave`]: wasmtime::component::wasm_wave

use wasmtime::Engine;
use wasmtime::component::types::{ComponentFunc, ComponentItem};
use wasmtime::component::wasm_wave::parser::ParserError;
use wasmtime::component::wasm_wave::untyped::UntypedFuncCall;
use wasmtime::component::wasm_wave::wasm::WasmType as _;
use wasmtime::component::{Type, Val};

use crate::component::Module;
use crate::error::{InvokeError, export_name};

/// A function a component exports from its own WIT world, with its types.
#[derive(Debug, Clone)]
pub struct ExportedFunction {
    /// The exported interface's full name (`acme:greeter/directory@1.0.0`), or `None` for a
    /// function the world exports directly.
    pub interface: Option<String>,
    pub function: String,
    params: Vec<(String, Type)>,
    result: Option<Type>,
}

impl ExportedFunction {
    /// The function `function` of the interface `interface` (its full name, or its short name
    /// like `directory`) that `module` exports, or of the world itself when `interface` is
    /// `None`. The error lists what it does export.
    pub(crate) fn find(
        engine: &Engine,
        module: &Module,
        interface: Option<&str>,
        function: &str,
    ) -> Result<Self, InvokeError> {
        let ty = module.component().component_type();
        let func = |item: ComponentItem| match item {
            ComponentItem::ComponentFunc(func) => Some(func),
            _ => None,
        };
        let found = match interface {
            None => (ty.get_export(engine, function))
                .and_then(|e| func(e.ty))
                .map(|f| (None, f)),
            Some(wanted) => ty.exports(engine).find_map(|(name, export)| {
                let ComponentItem::ComponentInstance(instance) = export.ty else {
                    return None;
                };
                if name != wanted && short_name(name) != wanted {
                    return None;
                }
                let f = instance
                    .get_export(engine, function)
                    .and_then(|e| func(e.ty))?;
                Some((Some(name.to_owned()), f))
            }),
        };
        let Some((interface, func)) = found else {
            return Err(InvokeError::NoSuchFunction {
                export: export_name(interface, function),
                exported: exported(engine, module).join(", "),
            });
        };
        Ok(Self::of(interface, function, &func))
    }

    fn of(interface: Option<String>, function: &str, func: &ComponentFunc) -> Self {
        Self {
            interface,
            function: function.to_owned(),
            params: (func.params())
                .map(|(name, ty)| (name.to_owned(), ty))
                .collect(),
            result: func.results().next(),
        }
    }

    /// `interface#function`, as errors name it.
    pub fn export(&self) -> String {
        export_name(self.interface.as_deref(), &self.function)
    }

    /// Its parameters and result, with the kinds of their types, for people:
    /// `count(name: string) -> u32`.
    pub fn signature(&self) -> String {
        let params: Vec<String> = (self.params.iter())
            .map(|(name, ty)| format!("{name}: {}", ty.kind()))
            .collect();
        let result = (self.result.as_ref()).map_or(String::new(), |t| format!(" -> {}", t.kind()));
        format!("{}({}){result}", self.function, params.join(", "))
    }

    /// `args`, the WAVE values of its arguments separated by commas (`"ada", 3`), as values
    /// of its parameters' types. Trailing `option` arguments may be left out.
    pub fn arguments(&self, args: &str) -> Result<Vec<Val>, InvokeError> {
        let bad = |message: String| InvokeError::Arguments {
            export: self.export(),
            signature: self.signature(),
            message,
        };
        // WAVE reads a whole call: `f(` stands in for the function, and the error's place is
        // moved back into `args`.
        let call = format!("f({args})");
        let refused = |e: ParserError| {
            let span = e.span();
            let (from, to) = (span.start.saturating_sub(2), span.end.saturating_sub(2));
            let quoted = args.get(from..to.min(args.len())).unwrap_or_default();
            let what = match e.detail() {
                Some(detail) => format!("{}: {detail}", e.kind()),
                None => e.kind().to_string(),
            };
            bad(format!("{what} at `{quoted}` (byte {from})"))
        };
        let call = UntypedFuncCall::parse(&call).map_err(refused)?;
        let types = self.params.iter().map(|(_, ty)| ty);
        call.to_wasm_params::<Val>(types).map_err(refused)
    }

    /// Its result among `results` as WAVE text; empty when it returns nothing.
    pub fn result(&self, results: &[Val]) -> Result<String, InvokeError> {
        match results {
            [] => Ok(String::new()),
            [one] => one.to_wave().map_err(|e| InvokeError::Unwritable {
                export: self.export(),
                message: e.to_string(),
            }),
            more => Err(InvokeError::Unwritable {
                export: self.export(),
                message: format!("{} results where WIT allows one", more.len()),
            }),
        }
    }
}

/// `acme:greeter/directory@1.0.0` → `directory`.
fn short_name(interface: &str) -> &str {
    let name = interface.rsplit_once('/').map_or(interface, |(_, n)| n);
    name.split_once('@').map_or(name, |(n, _)| n)
}

/// What `module` exports of its own: its functions, by `interface#function`, but for the
/// `guestkit:host` interfaces every guest exports.
fn exported(engine: &Engine, module: &Module) -> Vec<String> {
    let ty = module.component().component_type();
    let mut names = Vec::new();
    for (name, export) in ty.exports(engine) {
        match export.ty {
            ComponentItem::ComponentFunc(_) => names.push(name.to_owned()),
            ComponentItem::ComponentInstance(instance) if !name.starts_with("guestkit:host/") => {
                for (function, item) in instance.exports(engine) {
                    if let ComponentItem::ComponentFunc(_) = item.ty {
                        names.push(format!("{name}#{function}"));
                    }
                }
            }
            _ => {}
        }
    }
    if names.is_empty() {
        names.push("nothing of its own".into());
    }
    names
}
