//! The contracts a guest crate calls: the `contract!("…")` invocations of its sources that
//! name a proto file outside its own folder, such as another guest's
//! `contract!("../inventory/proto/inventory.proto")`. What `build` records in the component,
//! `inspect` and `bindings` show, and `check` follows to gate a contract's consumers.

use std::path::{Path, PathBuf};

use crate::contract_set::ContractError;

/// One `contract!` invocation naming a proto file outside the crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consumed {
    /// The source file of the invocation, relative to the crate.
    pub source: PathBuf,
    /// Its 1-based line.
    pub line: u32,
    /// The proto file, as the crate names it (relative to the crate).
    pub written: String,
    /// That file, resolved.
    pub file: PathBuf,
    /// The crate that owns it: the nearest folder above it with a `Cargo.toml`.
    pub owner: Option<PathBuf>,
}

impl Consumed {
    /// The file relative to its owning crate (`proto/inventory.proto`), else as written.
    pub fn in_owner(&self) -> String {
        self.owner
            .as_ref()
            .and_then(|owner| self.file.strip_prefix(owner).ok())
            .map_or(self.written.clone(), |p| p.to_string_lossy().into_owned())
    }
}

/// The proto files outside `dir` that the crate in `dir` names in `contract!` invocations
/// under its `src/`, in source order. A source that does not parse is skipped: the compiler
/// reports it better.
pub fn consumed(dir: &Path) -> Result<Vec<Consumed>, ContractError> {
    let mut sources = Vec::new();
    collect_rs(&dir.join("src"), &mut sources)
        .map_err(|e| ContractError(format!("reading {}: {e}", dir.join("src").display())))?;
    sources.sort();
    let own = canonical(dir);
    let mut found = Vec::new();
    for source in sources {
        let Ok(text) = std::fs::read_to_string(&source) else {
            continue;
        };
        let Ok(file) = syn::parse_file(&text) else {
            continue;
        };
        let mut written = Vec::new();
        invocations(&file.items, &mut written);
        for path in written {
            let file = canonical(&dir.join(&path));
            if file.starts_with(&own) {
                continue;
            }
            let line = text
                .find(&format!("\"{path}\""))
                .map_or(1, |at| text[..at].lines().count().max(1) as u32);
            found.push(Consumed {
                source: source.strip_prefix(dir).unwrap_or(&source).to_path_buf(),
                line,
                owner: owner_of(&file),
                written: path,
                file,
            });
        }
    }
    Ok(found)
}

/// The string literals given to `contract!` (by any path: `guestkit::contract!`) among
/// `items`, inline modules included.
fn invocations(items: &[syn::Item], out: &mut Vec<String>) {
    for item in items {
        match item {
            syn::Item::Macro(m) => {
                let named = m.mac.path.segments.last().map(|s| s.ident == "contract");
                if named == Some(true)
                    && let Ok(lit) = syn::parse2::<syn::LitStr>(first_token(&m.mac.tokens))
                {
                    out.push(lit.value());
                }
            }
            syn::Item::Mod(module) => {
                if let Some((_, inner)) = &module.content {
                    invocations(inner, out);
                }
            }
            _ => {}
        }
    }
}

/// The first token of a macro's input: the path literal, before any options.
fn first_token(tokens: &proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    tokens.clone().into_iter().take(1).collect()
}

fn owner_of(file: &Path) -> Option<PathBuf> {
    file.ancestors()
        .skip(1)
        .find(|dir| dir.join("Cargo.toml").is_file())
        .map(Path::to_path_buf)
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

fn collect_rs(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_rs(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}
