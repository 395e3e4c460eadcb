//! `cargo guest inspect`: what a component is — target, size, imports and exports, whether it
//! conforms to the host world, and the contract it carries — for any component, built here
//! or not.

use std::fmt;
use std::path::PathBuf;

use anyhow::bail;
use guestkit_codegen::embed;
use guestkit_shim::conformance;
use serde::Serialize;

use crate::component::{DecodedWorld, Sizes, WorldItem, infer_target, unexported};
use crate::contract::ContractSummary;
use crate::guest::GuestArgs;

/// Show a component's target, size, imports and exports, conformance and embedded contract.
#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    #[command(flatten)]
    pub guest: GuestArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Also print the WIT decoded from the component's type
    #[arg(long)]
    pub wit: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Everything `inspect` reports.
#[derive(Debug, Serialize)]
pub struct Report {
    pub path: PathBuf,
    /// `component`, `core module` or `WIT package`.
    pub kind: &'static str,
    pub sha256: String,
    pub size: Sizes,
    pub target: String,
    /// `contract` when the embedded contract records the target, `inferred` otherwise.
    pub target_from: &'static str,
    pub conformance: Conformance,
    /// What the component declares as a durable service, when it declares anything.
    pub durable: Option<Durable>,
    pub imports: Vec<WorldItem>,
    pub exports: Vec<WorldItem>,
    /// Why the types could not be shown as WIT, when they could not.
    pub undecodable: Option<String>,
    pub contract: Option<ContractSummary>,
    /// Why the contract section could not be read, when it could not.
    pub contract_error: Option<String>,
    #[serde(skip)]
    pub wit: String,
}

/// A durable service's kind and shared handlers, as the component declares them.
#[derive(Debug, Serialize)]
pub struct Durable {
    /// `service`, `object`, `workflow`, or none declared.
    pub kind: Option<&'static str>,
    pub shared: Vec<String>,
}

impl Durable {
    fn of(declared: &guestkit_shim::declaration::Declaration) -> Option<Self> {
        (!declared.is_empty()).then(|| Durable {
            kind: declared.kind.map(|k| k.as_str()),
            shared: declared.shared.iter().cloned().collect(),
        })
    }
}

#[derive(Debug, Serialize)]
pub struct Conformance {
    pub world: &'static str,
    pub ok: bool,
    pub error: Option<String>,
}

pub fn run(args: InspectArgs) -> anyhow::Result<()> {
    let path = args.guest.component(false)?;
    let report = inspect(path)?;
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        Format::Text => print!("{report}"),
    }
    if args.wit {
        print!("\n{}", report.wit);
    }
    Ok(())
}

/// Reads and describes the component at `path`.
pub fn inspect(path: PathBuf) -> anyhow::Result<Report> {
    let bytes = guestkit_shim::read_component(&path)?;
    let embedded = embed::read(&bytes);
    let mut durable = None;
    let conformance = match conformance::check(&bytes) {
        Ok(summary) => {
            durable = Durable::of(&summary.durable);
            // Conforming to the host world, and exporting all its own world declares.
            let missing = match &embedded {
                Ok(Some(contract)) => unexported(&summary, contract).unwrap_or_else(Some),
                _ => None,
            };
            Conformance {
                world: conformance::WORLD,
                ok: missing.is_none(),
                error: missing,
            }
        }
        Err(conformance::ConformanceError::Invalid(e)) => {
            bail!("{}: not valid WebAssembly: {e}", path.display())
        }
        Err(e @ conformance::ConformanceError::TooDeep { .. }) => {
            bail!("{}: {e}", path.display())
        }
        Err(e) => Conformance {
            world: conformance::WORLD,
            ok: false,
            error: Some(e.to_string()),
        },
    };
    let world = DecodedWorld::of(&bytes);
    let (contract, contract_error) = match embedded
        .map_err(anyhow::Error::msg)
        .and_then(|c| c.map(|c| ContractSummary::of(&c)).transpose())
    {
        Ok(contract) => (contract, None),
        Err(e) => (None, Some(format!("{e:#}"))),
    };
    let (target, target_from) = match contract.as_ref().filter(|c| !c.target.is_empty()) {
        Some(c) => (c.target.clone(), "contract"),
        None => (infer_target(&bytes, &world).to_owned(), "inferred"),
    };
    Ok(Report {
        kind: world.kind,
        sha256: embed::sha256_hex(&bytes),
        size: Sizes::of(&bytes)?,
        target,
        target_from,
        conformance,
        durable,
        imports: world.imports,
        exports: world.exports,
        undecodable: world.undecodable,
        contract,
        contract_error,
        wit: world.wit,
        path,
    })
}

/// The report as text for a terminal.
impl fmt::Display for Report {
    fn fmt(&self, w: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(w, "{:<11} {}", self.kind, self.path.display())?;
        writeln!(w, "sha256      {}", self.sha256)?;
        writeln!(w, "target      {} ({})", self.target, self.target_from)?;
        writeln!(w, "size        {}", self.size)?;
        match &self.conformance.error {
            None => writeln!(w, "conforms    yes, to {}", self.conformance.world)?,
            Some(e) => writeln!(w, "conforms    no: {e}")?,
        }
        if let Some(durable) = &self.durable {
            let kind = durable.kind.unwrap_or("kind not declared");
            match durable.shared.as_slice() {
                [] => writeln!(w, "durable     {kind}")?,
                shared => writeln!(w, "durable     {kind}; shared: {}", shared.join(", "))?,
            }
        }
        if let Some(why) = &self.undecodable {
            writeln!(w, "types       not shown as WIT: {why}")?;
        }
        match self.kind {
            "WIT package" => writeln!(
                w,
                "\nworld       none: a WIT package defines interfaces and worlds, it runs \
                 nothing (--wit prints it)\n{{"
            )?,
            "core module" => writeln!(w, "\nmodule {{")?,
            _ => writeln!(w, "\nworld {{")?,
        }
        for (verb, items) in [("import", &self.imports), ("export", &self.exports)] {
            for item in items {
                match item.kind {
                    "interface" if item.functions.is_empty() => {
                        writeln!(w, "  {verb} {};", item.name)?
                    }
                    "interface" => writeln!(
                        w,
                        "  {verb} {};  // {}",
                        item.name,
                        item.functions.join(", ")
                    )?,
                    kind => writeln!(w, "  {verb} {} ({kind});", item.name)?,
                }
            }
        }
        writeln!(w, "}}")?;
        match (&self.contract, &self.contract_error) {
            (Some(contract), _) => write!(w, "{contract}"),
            (None, Some(e)) => writeln!(w, "\ncontract    unreadable: {e}"),
            (None, None) => writeln!(
                w,
                "\ncontract    none (not built with `cargo guest build`; `run --body` needs one)"
            ),
        }
    }
}

impl fmt::Display for ContractSummary {
    fn fmt(&self, w: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = |part: &str| {
            if self.tampered.contains(&part) {
                "DOES NOT MATCH its content"
            } else {
                "matches"
            }
        };
        writeln!(
            w,
            "\ncontract    built by guestkit {} (contract format {})",
            self.guestkit_version, self.format
        )?;
        writeln!(w, "  wit       {} ({})", self.wit_world, self.wit_sha256)?;
        writeln!(w, "            hash {}", verdict("wit"))?;
        writeln!(
            w,
            "  proto     {} ({})",
            self.proto_files.join(", "),
            self.proto_sha256
        )?;
        writeln!(w, "            hash {}", verdict("proto"))?;
        for called in &self.calls {
            let package = match called.package.as_str() {
                "" => "no package".to_owned(),
                p => format!("package `{p}`"),
            };
            writeln!(
                w,
                "  calls     {} of {package}: {}",
                called.file,
                called.services.join(", ")
            )?;
        }
        for service in &self.services {
            writeln!(w, "\nservice {}", service.name)?;
            for route in &service.routes {
                let streaming = if route.streaming { "  (streaming)" } else { "" };
                writeln!(
                    w,
                    "  {}  {} -> {}{streaming}",
                    route.route, route.request, route.reply
                )?;
            }
        }
        if !self.messages.is_empty() {
            writeln!(w, "\nmessages")?;
        }
        for message in &self.messages {
            match message.fields.is_empty() {
                true => writeln!(w, "  {} {{}}", message.name)?,
                false => writeln!(w, "  {} {{ {} }}", message.name, message.fields.join(", "))?,
            }
        }
        Ok(())
    }
}
