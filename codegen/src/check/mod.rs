//! `cargo guest check`: what changed between two versions of a crate's contracts, and which
//! of those changes break the programs on the other side of them.
//!
//! Each finding carries a rule ID, a severity, a place in the new (or, for deletions, the old)
//! sources and a hint that says how to fix it. [`proto`] checks protobuf in buf's categories;
//! [`wit`] checks WIT packages with semver in mind.

pub mod proto;
pub mod wit;

use std::fmt;

/// How much a finding matters: errors fail the gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Notice,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Notice => "notice",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in a contract source: 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub column: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// One thing `check` has to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub location: Option<Location>,
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

impl Finding {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        location: Option<Location>,
        message: String,
    ) -> Self {
        Self {
            rule,
            severity,
            location,
            message,
            hint: String::new(),
        }
    }

    pub fn error(rule: &'static str, location: Option<Location>, message: String) -> Self {
        Self::new(rule, Severity::Error, location, message)
    }

    pub fn warning(rule: &'static str, location: Option<Location>, message: String) -> Self {
        Self::new(rule, Severity::Warning, location, message)
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = hint.into();
        self
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(at) = &self.location {
            write!(f, "{at}: ")?;
        }
        write!(f, "{} [{}]: {}", self.severity, self.rule, self.message)?;
        if !self.hint.is_empty() {
            write!(f, "\n  hint: {}", self.hint)?;
        }
        Ok(())
    }
}
