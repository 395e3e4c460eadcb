//! The Rust targets a guest can be compiled for. rustc emits a component for
//! `wasm32-wasip2`; for the two core-module targets `cargo guest build` componentizes the
//! module itself (see [`crate::componentize`]).

use std::fmt;

/// A Rust target guests are built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, clap::ValueEnum)]
pub enum GuestTarget {
    /// WASI 0.2: rustc links a component directly.
    #[default]
    #[value(name = "wasm32-wasip2")]
    Wasip2,
    /// WASI preview 1: a core module, adapted to WASI 0.2 by the preview1 reactor adapter.
    #[value(name = "wasm32-wasip1")]
    Wasip1,
    /// No WASI at all: a core module whose only imports are the host world's.
    #[value(name = "wasm32-unknown-unknown")]
    UnknownUnknown,
}

impl GuestTarget {
    pub const ALL: [Self; 3] = [Self::Wasip2, Self::Wasip1, Self::UnknownUnknown];

    /// The target triple rustc and cargo know it by.
    pub fn triple(self) -> &'static str {
        match self {
            Self::Wasip2 => "wasm32-wasip2",
            Self::Wasip1 => "wasm32-wasip1",
            Self::UnknownUnknown => "wasm32-unknown-unknown",
        }
    }

    /// The target named `triple`, with an error listing the supported ones.
    pub fn from_triple(triple: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|t| t.triple() == triple)
            .ok_or_else(|| {
                format!(
                    "`{triple}` is not a guest target; use one of {}",
                    Self::ALL.map(Self::triple).join(", ")
                )
            })
    }

    /// Whether rustc's output for this target is already a component.
    pub fn emits_component(self) -> bool {
        self == Self::Wasip2
    }
}

impl fmt::Display for GuestTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.triple())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triples_round_trip_and_an_unknown_one_lists_the_supported() {
        for target in GuestTarget::ALL {
            assert_eq!(GuestTarget::from_triple(target.triple()), Ok(target));
        }
        let err = GuestTarget::from_triple("wasm64-unknown-unknown").unwrap_err();
        assert!(
            err.contains("wasm32-wasip2, wasm32-wasip1, wasm32-unknown-unknown"),
            "{err}"
        );
    }
}
