//! Capabilities (Kinode's model): an issuer's address and JSON params. An actor may message a
//! non-public actor only while it holds `{issuer: target, params: "messaging"}`; the kernel
//! issues the capabilities that guard the shim itself (`"spawn"`, `"compile-module"`,
//! `"network"`, `{"host-call": "binding/namespace"}`).

use std::collections::BTreeMap;

use crate::bindings::types::{Address, Capability, ProcessId};

/// The params of a messaging capability.
pub(crate) const MESSAGING: &str = "messaging";

/// The process name of the kernel, the issuer of the shim's own capabilities.
pub(crate) const KERNEL: &str = "kernel";

/// `params` in one canonical form, so that `{"a":1, "b":2}` and `{"b":2,"a":1}` name the same
/// capability. Text that is not JSON stands for the JSON string of itself: `spawn` and
/// `"spawn"` are the same params.
pub(crate) fn canonical_params(params: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(params) {
        Ok(value) => value.to_string(),
        Err(_) => serde_json::Value::String(params.to_owned()).to_string(),
    }
}

/// The kernel's address on `node`.
pub(crate) fn kernel(node: &str) -> Address {
    Address::new(
        node,
        ProcessId {
            process_name: KERNEL.into(),
            package_name: "distro".into(),
            publisher_node: "sys".into(),
        },
    )
}

impl Capability {
    /// The capability `issuer` issues with `params` (in canonical form).
    pub fn new(issuer: Address, params: &str) -> Self {
        Self {
            issuer,
            params: canonical_params(params),
        }
    }

    fn key(&self) -> (String, String) {
        (self.issuer.to_string(), canonical_params(&self.params))
    }
}

/// The capabilities one actor holds.
#[derive(Debug, Default, Clone)]
pub(crate) struct Held {
    caps: BTreeMap<(String, String), Capability>,
}

impl Held {
    pub fn has(&self, cap: &Capability) -> bool {
        self.caps.contains_key(&cap.key())
    }

    pub fn insert(&mut self, cap: Capability) {
        let key = cap.key();
        self.caps.insert(
            key.clone(),
            Capability {
                issuer: cap.issuer,
                params: key.1,
            },
        );
    }

    pub fn remove(&mut self, cap: &Capability) {
        self.caps.remove(&cap.key());
    }

    /// Drops every capability `issuer` issued.
    pub fn revoke_from(&mut self, issuer: &Address) {
        let issuer = issuer.to_string();
        self.caps.retain(|(i, _), _| *i != issuer);
    }

    pub fn list(&self) -> Vec<Capability> {
        self.caps.values().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_compare_in_canonical_form() {
        assert_eq!(canonical_params("spawn"), canonical_params("\"spawn\""));
        assert_eq!(
            canonical_params(r#"{"b": 2, "a": 1}"#),
            canonical_params(r#"{"a":1,"b":2}"#)
        );
        let issuer = Address::parse("local@a:a:local").unwrap();
        let mut held = Held::default();
        held.insert(Capability::new(issuer.clone(), "messaging"));
        assert!(held.has(&Capability {
            issuer: issuer.clone(),
            params: "\"messaging\"".into()
        }));
        held.revoke_from(&issuer);
        assert!(held.list().is_empty());
    }
}
