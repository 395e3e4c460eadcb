//! Actor addresses: Kinode-style `node@process:package:publisher`, stable across restarts.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};

use super::types::{Address, ProcessId};

impl Address {
    /// The address of `process` on `node`.
    pub fn new(node: &str, process: ProcessId) -> Self {
        Self {
            node: node.to_owned(),
            process,
        }
    }

    /// Parses `node@name:package:publisher`.
    pub fn parse(s: &str) -> Option<Self> {
        let (node, process) = s.split_once('@')?;
        let mut parts = process.splitn(3, ':');
        let (name, package, publisher) = (parts.next()?, parts.next()?, parts.next()?);
        if [node, name, package, publisher]
            .iter()
            .any(|p| p.is_empty())
        {
            return None;
        }
        Some(Self::new(
            node,
            ProcessId {
                process_name: name.to_owned(),
                package_name: package.to_owned(),
                publisher_node: publisher.to_owned(),
            },
        ))
    }
}

/// An address as the key of a table: hashed and compared by its four names, and looked up
/// with a borrowed address (`table.get(address.names())`) without building a string.
#[derive(Clone, Debug)]
pub(crate) struct Key(Address);

impl Key {
    pub fn address(&self) -> &Address {
        &self.0
    }
}

impl From<&Address> for Key {
    fn from(address: &Address) -> Self {
        Self(address.clone())
    }
}

/// The four names that make an address, which is what a [`Key`] borrows as.
pub(crate) trait Names {
    fn names(&self) -> [&str; 4];
}

impl Names for Address {
    fn names(&self) -> [&str; 4] {
        [
            &self.node,
            &self.process.process_name,
            &self.process.package_name,
            &self.process.publisher_node,
        ]
    }
}

impl Address {
    /// This address as a [`Key`] is borrowed, to look it up in a table.
    pub(crate) fn key(&self) -> &dyn Names {
        self
    }
}

impl Names for Key {
    fn names(&self) -> [&str; 4] {
        self.0.names()
    }
}

impl Hash for dyn Names + '_ {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.names().hash(state);
    }
}

impl PartialEq for dyn Names + '_ {
    fn eq(&self, other: &Self) -> bool {
        self.names() == other.names()
    }
}

impl Eq for dyn Names + '_ {}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self as &dyn Names).hash(state);
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.names() == other.names()
    }
}

impl Eq for Key {}

impl<'a> Borrow<dyn Names + 'a> for Key {
    fn borrow(&self) -> &(dyn Names + 'a) {
        self
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.node, self.process)
    }
}

impl fmt::Display for ProcessId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}",
            self.process_name, self.package_name, self.publisher_node
        )
    }
}

impl Address {
    /// True when both name the same actor.
    pub fn same_as(&self, other: &Address) -> bool {
        self.node == other.node
            && self.process.process_name == other.process.process_name
            && self.process.package_name == other.process.package_name
            && self.process.publisher_node == other.process.publisher_node
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_parse_round_trip() {
        let a = Address::parse("local@counter:counter:local").unwrap();
        assert_eq!(a.process.process_name, "counter");
        assert_eq!(a.to_string(), "local@counter:counter:local");
        assert!(Address::parse("counter:counter:local").is_none());
        assert!(Address::parse("local@counter:counter").is_none());
        assert!(Address::parse("local@:p:q").is_none());
    }

    #[test]
    fn a_table_keyed_by_address_is_found_by_a_borrowed_address_of_the_same_names() {
        let a = Address::parse("local@counter:counter:local").unwrap();
        let mut table = std::collections::HashMap::new();
        table.insert(Key::from(&a), 1);
        assert_eq!(table.get(a.clone().key()), Some(&1));
        for other in [
            "remote@counter:counter:local",
            "local@counter:counter:remote",
            "local@count:ercounter:local",
        ] {
            let other = Address::parse(other).unwrap();
            assert_eq!(table.get(other.key()), None, "{other}");
        }
    }
}
