//! Actor addresses: Kinode-style `node@process:package:publisher`, stable across restarts.

use std::fmt;

use crate::bindings::types::{Address, ProcessId};

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
}
