//! Capabilities (Kinode's model): an issuer's address and JSON params. An actor may message a
//! non-public actor only while it holds `{issuer: target, params: "messaging"}`; the kernel
//! issues the capabilities that guard the shim itself (`"spawn"`, `"compile-module"`,
//! `"network"`, `{"host-call": "binding/namespace"}`).
//!
//! Inside one shim a capability is only ever in memory, where the router vets it against what
//! its sender holds. It leaves memory when an actor saves it: the state database then keeps it
//! with the node's [`Seal`], and a saved capability whose seal does not match (altered or
//! written by anything but this node) is dropped when it is read back.

use std::collections::BTreeMap;

use hmac::{Hmac, Mac as _};
use sha2::Sha256;

use crate::storage::SavedCapability;
use crate::wit::types::{Address, Capability, ProcessId};

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

/// The kernel capabilities named by a word.
const KERNEL_WORDS: [&str; 3] = ["spawn", "compile-module", "network"];

/// Whether `params` names a capability the kernel issues: one of [`KERNEL_WORDS`], or
/// `{"host-call": "binding/namespace"}`. The error lists them.
pub(crate) fn check_kernel_params(params: &str) -> Result<(), String> {
    let value: serde_json::Value =
        serde_json::from_str(&canonical_params(params)).expect("canonical params are JSON");
    let host_call = |scope: &str| {
        scope
            .split_once('/')
            .is_some_and(|(binding, namespace)| !binding.is_empty() && !namespace.is_empty())
    };
    let known = match &value {
        serde_json::Value::String(word) => KERNEL_WORDS.contains(&word.as_str()),
        serde_json::Value::Object(fields) => {
            fields.len() == 1
                && fields
                    .get("host-call")
                    .and_then(|s| s.as_str())
                    .is_some_and(host_call)
        }
        _ => false,
    };
    match known {
        true => Ok(()),
        false => Err(format!(
            "`{params}` is not a capability the shim issues: it issues `spawn`, \
             `compile-module`, `network` and `{{\"host-call\":\"binding/namespace\"}}`"
        )),
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

    pub(crate) fn key(&self) -> (String, String) {
        (self.issuer.to_string(), canonical_params(&self.params))
    }
}

/// The node's signature on the capabilities it keeps outside memory: HMAC-SHA256 under the
/// node's secret over the holder, the issuer and the canonical params.
pub(crate) struct Seal {
    mac: Hmac<Sha256>,
}

impl Seal {
    pub fn new(secret: &[u8; 32]) -> Self {
        Self {
            mac: Hmac::new_from_slice(secret).expect("HMAC takes a key of any length"),
        }
    }

    fn mac(&self, holder: &str, issuer: &str, params: &str) -> Hmac<Sha256> {
        let mut mac = self.mac.clone();
        // Each field with its length first, so that no two triples sign the same bytes.
        for field in [holder, issuer, params] {
            mac.update(&(field.len() as u64).to_le_bytes());
            mac.update(field.as_bytes());
        }
        mac
    }

    /// The signature on `cap` for `holder`.
    pub fn sign(&self, holder: &str, cap: &Capability) -> Vec<u8> {
        let (issuer, params) = cap.key();
        self.mac(holder, &issuer, &params)
            .finalize()
            .into_bytes()
            .to_vec()
    }

    /// Whether this node signed `cap` for `holder`.
    pub fn verify(&self, holder: &str, cap: &Capability, signature: &[u8]) -> bool {
        let (issuer, params) = cap.key();
        self.mac(holder, &issuer, &params)
            .verify_slice(signature)
            .is_ok()
    }

    /// `cap` as `holder` saves it.
    pub fn save(&self, holder: &str, cap: &Capability) -> SavedCapability {
        let (issuer, params) = cap.key();
        SavedCapability {
            signature: self.sign(holder, cap),
            issuer,
            params,
        }
    }

    /// The capability `saved` stands for, if this node signed it for `holder`.
    pub fn open(&self, holder: &str, saved: &SavedCapability) -> Option<Capability> {
        let cap = Capability {
            issuer: Address::parse(&saved.issuer)?,
            params: saved.params.clone(),
        };
        self.verify(holder, &cap, &saved.signature).then_some(cap)
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
        for known in [
            "spawn",
            "\"network\"",
            "compile-module",
            r#"{"host-call":"kv/demo"}"#,
        ] {
            assert_eq!(check_kernel_params(known), Ok(()), "{known}");
        }
        for unknown in [
            "bogus",
            r#"{"host-call":"kv"#,
            r#"{"host-call":"kv"}"#,
            "[1]",
            "{}",
        ] {
            let said = check_kernel_params(unknown).unwrap_err();
            assert!(
                said.contains(unknown) && said.contains("host-call"),
                "{said}"
            );
        }
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

    #[test]
    fn a_seal_opens_only_what_it_signed_for_that_holder() {
        let seal = Seal::new(&[7; 32]);
        let cap = Capability::new(kernel("local"), "spawn");
        let saved = seal.save("a:x:local", &cap);
        let opened = seal.open("a:x:local", &saved).map(|c| c.key());
        assert_eq!(opened, Some(cap.key()));
        assert!(seal.open("b:x:local", &saved).is_none(), "another holder");
        let altered = SavedCapability {
            params: canonical_params("compile-module"),
            ..saved.clone()
        };
        assert!(seal.open("a:x:local", &altered).is_none(), "altered params");
        let other_node = Seal::new(&[8; 32]);
        assert!(
            other_node.open("a:x:local", &saved).is_none(),
            "another secret"
        );
    }
}
