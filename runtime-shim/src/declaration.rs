//! What a guest declares about itself as a durable service, in a `guestkit:durable` custom
//! section of its core module: the kind of service it is (Restate's service, virtual object
//! or workflow) and which of its handlers are shared. `#[guestkit::actor(object)]` and
//! `#[shared]` write it; the section is text, one declaration per line, so that the pieces
//! the linker concatenates read as one:
//!
//! ```text
//! kind object
//! shared orders.v1.Orders/Status
//! ```

use std::collections::BTreeSet;

/// Name of the custom section.
pub const SECTION: &str = "guestkit:durable";

/// The kind of a durable service, as Restate has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceKind {
    /// Invocations have no key and no state, and run concurrently.
    Service,
    /// Invocations name an object key; its state is theirs, and its exclusive handlers run
    /// one invocation at a time.
    Object,
    /// An object whose exclusive handler runs once per key.
    Workflow,
}

impl ServiceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceKind::Service => "service",
            ServiceKind::Object => "object",
            ServiceKind::Workflow => "workflow",
        }
    }
}

/// What a component declares. A component that declares nothing is judged by its calls: an
/// invocation with a key is exclusive on it, one without runs with no state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Declaration {
    pub kind: Option<ServiceKind>,
    /// Handlers (routes) that run beside the exclusive one and only read state.
    pub shared: BTreeSet<String>,
}

/// The longest section read: far more than any real declaration.
const MAX_SECTION_BYTES: usize = 1 << 20;

impl Declaration {
    /// Adds the declarations of one section's bytes.
    pub fn read(&mut self, bytes: &[u8]) -> Result<(), String> {
        if bytes.len() > MAX_SECTION_BYTES {
            return Err(format!(
                "its {SECTION} section is {} bytes, more than the {MAX_SECTION_BYTES} it may be",
                bytes.len()
            ));
        }
        let text = std::str::from_utf8(bytes)
            .map_err(|e| format!("its {SECTION} section is not UTF-8: {e}"))?;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            match line.split_once(' ') {
                Some(("kind", kind)) => {
                    let kind = match kind {
                        "service" => ServiceKind::Service,
                        "object" => ServiceKind::Object,
                        "workflow" => ServiceKind::Workflow,
                        other => {
                            return Err(format!(
                                "its {SECTION} section names an unknown kind `{other}` (known: \
                                 service, object, workflow)"
                            ));
                        }
                    };
                    if self.kind.is_some_and(|k| k != kind) {
                        return Err(format!(
                            "its {SECTION} section declares two kinds, `{}` and `{}`: one \
                             component is one kind of service",
                            self.kind.unwrap().as_str(),
                            kind.as_str()
                        ));
                    }
                    self.kind = Some(kind);
                }
                Some(("shared", route)) if !route.is_empty() => {
                    self.shared.insert(route.to_owned());
                }
                _ => {
                    return Err(format!(
                        "its {SECTION} section has a line this shim does not read: {line:?} \
                         (lines are `kind <service|object|workflow>` and `shared <route>`)"
                    ));
                }
            }
        }
        if self.kind == Some(ServiceKind::Service) && !self.shared.is_empty() {
            return Err(format!(
                "it declares shared handlers in a `service`, whose invocations have no object \
                 to share: declare it an `object` or drop `#[shared]` from {}",
                self.shared.iter().cloned().collect::<Vec<_>>().join(", ")
            ));
        }
        Ok(())
    }

    /// Whether nothing is declared.
    pub fn is_empty(&self) -> bool {
        self.kind.is_none() && self.shared.is_empty()
    }

    /// How an invocation of `handler`, with or without an object key, runs; an error when the
    /// declaration does not allow it.
    pub fn access(&self, handler: &str, keyed: bool) -> Result<Access, String> {
        match (self.kind, keyed) {
            (Some(ServiceKind::Service), true) => Err(
                "it is a `service`: its invocations have no key; declare it an `object` to give \
                 them one"
                    .to_owned(),
            ),
            (Some(kind @ (ServiceKind::Object | ServiceKind::Workflow)), false) => Err(format!(
                "it is a{} `{}`: every invocation names its key",
                if kind == ServiceKind::Object { "n" } else { "" },
                kind.as_str()
            )),
            (_, false) => Ok(Access::Stateless),
            (_, true) if self.shared.contains(handler) => Ok(Access::Shared),
            (_, true) => Ok(Access::Exclusive),
        }
    }
}

/// How an invocation runs with respect to its object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Access {
    /// No object: no state, and it runs beside any other invocation.
    Stateless,
    /// Holds its object's key from its first attempt until it ends, and reads and writes
    /// its state.
    Exclusive,
    /// Runs beside the exclusive invocation of its object, and reads its committed state.
    Shared,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Declaration, String> {
        let mut d = Declaration::default();
        d.read(text.as_bytes())?;
        Ok(d)
    }

    #[test]
    fn pieces_read_as_one_declaration() {
        let mut d = read("kind object\nshared a.S/Get\n").unwrap();
        d.read(b"shared a.S/List\nkind object\n").unwrap();
        assert_eq!(d.kind, Some(ServiceKind::Object));
        assert_eq!(d.shared.len(), 2);
        assert_eq!(d.access("a.S/Get", true), Ok(Access::Shared));
        assert_eq!(d.access("a.S/Put", true), Ok(Access::Exclusive));
        assert!(
            d.access("a.S/Put", false)
                .unwrap_err()
                .contains("names its key")
        );
    }

    #[test]
    fn what_does_not_read_is_refused_with_what_would() {
        for (text, says) in [
            ("kind actor\n", "unknown kind `actor`"),
            ("kind object\nkind service\n", "two kinds"),
            ("share x\n", "lines are `kind"),
            ("shared \n", "lines are `kind"),
            (
                "kind service\nshared a.S/Get\n",
                "drop `#[shared]` from a.S/Get",
            ),
        ] {
            let e = read(text).unwrap_err();
            assert!(e.contains(says), "{text:?}: {e}");
        }
        let mut d = Declaration::default();
        assert!(d.read(&[0xff]).unwrap_err().contains("not UTF-8"));
    }

    #[test]
    fn undeclared_components_are_judged_by_their_calls() {
        let d = Declaration::default();
        assert_eq!(d.access("h", true), Ok(Access::Exclusive));
        assert_eq!(d.access("h", false), Ok(Access::Stateless));
        let service = read("kind service\n").unwrap();
        assert!(service.access("h", true).unwrap_err().contains("no key"));
    }
}
