//! Actor addresses: as text, `node@name:package:publisher` (the form the shim prints), and
//! by the name an actor is registered under.

use std::fmt;

use crate::Error;
use crate::host::types::{Address, ProcessId};

impl Address {
    /// The actor registered under `name` on this node (`discovery.register`). `cargo guest
    /// serve` and `cargo guest dev` register every actor of the app under its name in the app
    /// manifest, so `Address::lookup("inventory")` finds the app's `inventory`.
    pub fn lookup(name: &str) -> Result<Self, Error> {
        crate::host::discovery::lookup(name).ok_or_else(|| {
            Error::not_found(format!(
                "no actor is registered as `{name}`: an app's actors are, under their names in \
                 [workspace.metadata.guestkit.actors], when `cargo guest serve` runs them"
            ))
        })
    }

    /// Parses `node@name:package:publisher`.
    pub fn parse(s: &str) -> Result<Self, Error> {
        let invalid = || {
            Error::invalid_argument(format!(
                "`{s}` is not an address like `node@name:package:publisher`"
            ))
        };
        let (node, process) = s.split_once('@').ok_or_else(invalid)?;
        let mut parts = process.splitn(3, ':');
        let (name, package, publisher) = match (parts.next(), parts.next(), parts.next()) {
            (Some(n), Some(p), Some(q)) if ![node, n, p, q].contains(&"") => (n, p, q),
            _ => return Err(invalid()),
        };
        Ok(Self {
            node: node.to_owned(),
            process: ProcessId {
                process_name: name.to_owned(),
                package_name: package.to_owned(),
                publisher_node: publisher.to_owned(),
            },
        })
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = &self.process;
        write!(
            f,
            "{}@{}:{}:{}",
            self.node, p.process_name, p.package_name, p.publisher_node
        )
    }
}
