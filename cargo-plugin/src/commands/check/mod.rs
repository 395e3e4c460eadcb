//! `cargo guest check`: the CI gate for contracts. Lints each guest's `proto/` and `wit/`,
//! and with `--against` compares them with an earlier version (a git ref or a directory) and
//! reports what breaks their users. Rules can be turned off, or made warnings or errors, under
//! `[package.metadata.guestkit.check]`. Exit status: 0 clean, 1 a finding at error level,
//! 2 bad usage or unreadable input.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, bail};
use guestkit_codegen::check::proto::{self as proto_check, Category, Rules};
use guestkit_codegen::check::wit::{self as wit_check, WitPackage};
use guestkit_codegen::check::{Finding, Severity};
use guestkit_codegen::contract_set;

use crate::workspace::{GuestSettings, Workspace};

mod component;
mod replay;
mod report;

pub use report::{Format, print_error};
use report::{Reported, print};

/// Lint guests' contracts, and check them against an earlier version for breaking changes
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Guest package(s); by default the current package, or every guest of the workspace
    #[arg(short, long = "package", value_name = "PKG")]
    pub packages: Vec<String>,
    /// Path to the Cargo.toml of the package or workspace
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,
    /// The earlier version: a git ref (`main`, `v1.2.0`, `HEAD~1`) of the repository the
    /// package lives in, or a directory laid out like the package (`proto/`, `wit/`)
    #[arg(long, value_name = "REF|DIR")]
    pub against: Option<String>,
    /// The protobuf breaking-change category, as buf names it: FILE, PACKAGE, WIRE_JSON or
    /// WIRE (default: `[package.metadata.guestkit.check] category`, else WIRE_JSON)
    #[arg(long, value_name = "CATEGORY")]
    pub category: Option<String>,
    /// Whose rules judge the protobuf encodings: `buf` (buf's verdicts) or `protobuf`
    /// (protobuf's documented compatibility rules, where they allow more; default:
    /// `[package.metadata.guestkit.check] rules`, else buf)
    #[arg(long, value_name = "buf|protobuf")]
    pub rules: Option<String>,
    /// How to print findings
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Check this component instead of `<target-dir>/guest/PKG.wasm` (one package only)
    #[arg(long, value_name = "PATH")]
    pub component: Option<PathBuf>,
    /// Replay the package's durable invocations against its built component (or
    /// --component): do the journals recorded by the running code replay on the new?
    #[arg(long)]
    pub replay: bool,
    /// With --replay: the directory of the state database that holds the invocations
    #[arg(
        long,
        value_name = "DIR",
        default_value = ".guestkit",
        requires = "replay"
    )]
    pub state_dir: PathBuf,
    /// With --replay: only this invocation
    #[arg(
        long,
        value_name = "ID",
        requires = "replay",
        conflicts_with = "service"
    )]
    pub invocation: Option<String>,
    /// With --replay: the service the invocations belong to (default: the package's name,
    /// which `run`, `serve` and `dev` register it under)
    #[arg(long, value_name = "NAME", requires = "replay")]
    pub service: Option<String>,
    /// With --replay: finished invocations too, as long as the database retains them
    #[arg(long, requires = "replay")]
    pub include_finished: bool,
}

/// What `check` found: whether the gate passes.
pub enum Verdict {
    Clean,
    Broken,
}

pub fn run(args: CheckArgs) -> anyhow::Result<Verdict> {
    let workspace = Workspace::load(args.manifest_path.as_ref())?;
    let mut reported = Vec::new();
    let guests = workspace.guests(&args.packages)?;
    if args.component.is_some() && guests.len() != 1 {
        bail!("--component checks one package's component; name it with -p");
    }
    for package in guests {
        let dir = package
            .manifest_path
            .parent()
            .context("a manifest path has a parent")?
            .as_std_path();
        let config = Config::of(package)?;
        let category = match &args.category {
            Some(c) => c.parse::<Category>().map_err(anyhow::Error::msg)?,
            None => config.category,
        };
        let rules = match &args.rules {
            Some(r) => r.parse::<Rules>().map_err(anyhow::Error::msg)?,
            None => config.rules,
        };
        let world = GuestSettings::of(package)?.world;
        crate::contract::validate(dir, world.as_deref())
            .with_context(|| format!("the contracts of package `{}`", package.name))?;
        let contracts = Contracts::load(dir)?;
        let mut findings = contracts.lint();
        let baseline = match &args.against {
            Some(against) => Some(Baseline::of(against, dir)?),
            None => None,
        };
        if let Some(baseline) = &baseline {
            let before =
                Contracts::load(baseline.dir()).context("reading the earlier contracts")?;
            findings.extend(contracts.breaking(&before, category, rules, &config.extra())?);
        }
        let name = format!("{}.wasm", package.name);
        let built = args
            .component
            .clone()
            .unwrap_or_else(|| workspace.guest_dir().join(&name));
        if let Some(asked) = &args.component
            && !asked.is_file()
        {
            bail!("--component {}: no such file", asked.display());
        }
        // A baseline directory may hold the earlier build of the guest, to diff imports with.
        let before = baseline.as_ref().and_then(|b| {
            [
                b.dir().join(&name),
                b.dir().join("target/guest").join(&name),
            ]
            .into_iter()
            .find(|p| p.is_file())
        });
        findings.extend(component::check(
            &built,
            dir,
            world.as_deref(),
            before.as_deref(),
        ));
        if args.replay {
            let selection = replay::Selection {
                state_dir: &args.state_dir,
                service: args.service.as_deref().unwrap_or(package.name.as_str()),
                invocation: args.invocation.as_deref(),
                include_finished: args.include_finished,
            };
            findings.extend(replay::check(&built, &selection)?);
        }
        let repository = repository_root(dir);
        for finding in config.apply(findings) {
            let path = finding.location.as_ref().map(|at| {
                let path = Path::new(&at.file);
                if path.is_absolute() {
                    path.to_path_buf()
                } else {
                    dir.join("proto").join(path)
                }
            });
            // Relative to where check runs, as editors and people expect...
            let file = path.as_ref().map(|path| match std::env::current_dir() {
                Ok(here) => path
                    .strip_prefix(&here)
                    .map_or(path.clone(), Path::to_path_buf),
                Err(_) => path.clone(),
            });
            // ...and to the repository root, as GitHub and SARIF place findings.
            let in_repository = finding.location.as_ref().map(|at| {
                let path = Path::new(&at.file);
                let path = if path.is_absolute() {
                    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
                } else {
                    // A deleted file is named where it was: under the package's `proto/`.
                    let base = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
                    base.join("proto").join(path)
                };
                path.strip_prefix(&repository)
                    .map_or(path.clone(), Path::to_path_buf)
            });
            reported.push(Reported {
                package: package.name.to_string(),
                file,
                in_repository,
                finding,
            });
        }
    }
    if args.against.is_some() {
        let consumers = consumers(&workspace)?;
        let passed_on = against_consumers(&reported, &consumers);
        reported.extend(passed_on);
    }
    print(&reported, args.format)?;
    let broken = reported
        .iter()
        .any(|r| r.finding.severity == Severity::Error);
    Ok(if broken {
        Verdict::Broken
    } else {
        Verdict::Clean
    })
}

/// A guest that calls another guest's contract: who, which file of whose, and where.
struct Consumer {
    package: String,
    /// The package owning the contract.
    owner: String,
    /// The contract's file relative to the owner's `proto/`, as its findings name it.
    file: String,
    /// The `contract!` call: `src/lib.rs:9`.
    call: String,
}

/// Every call of a guest of the workspace into another guest's contract.
fn consumers(workspace: &Workspace) -> anyhow::Result<Vec<Consumer>> {
    let mut found = Vec::new();
    for guest in workspace.all_guests() {
        let dir = guest
            .manifest_path
            .parent()
            .context("a manifest path has a parent")?;
        for used in guestkit_codegen::consumes::consumed(dir.as_std_path())? {
            let owner = crate::contract::owner_package(&used)?;
            let in_owner = used.in_owner();
            found.push(Consumer {
                package: guest.name.to_string(),
                owner,
                file: in_owner
                    .strip_prefix("proto/")
                    .unwrap_or(&in_owner)
                    .to_owned(),
                call: format!("{}:{}", used.source.display(), used.line),
            });
        }
    }
    Ok(found)
}

/// A break in a contract, reported again against each guest that calls it: that guest's
/// build and its calls break with it.
fn against_consumers(reported: &[Reported], consumers: &[Consumer]) -> Vec<Reported> {
    let mut passed_on = Vec::new();
    for r in reported
        .iter()
        .filter(|r| r.finding.severity == Severity::Error)
    {
        let Some(at) = &r.finding.location else {
            continue;
        };
        let callers = consumers
            .iter()
            .filter(|c| c.owner == r.package && c.package != r.package && c.file == at.file);
        for caller in callers {
            let mut finding = r.finding.clone();
            finding.message = format!(
                "`{}` calls this contract of `{}` ({}): {}",
                caller.package, r.package, caller.call, finding.message
            );
            finding.hint = format!(
                "{}; or change `{}` with it, in the same change",
                finding.hint, caller.package
            );
            passed_on.push(Reported {
                package: caller.package.clone(),
                file: r.file.clone(),
                in_repository: r.in_repository.clone(),
                finding,
            });
        }
    }
    passed_on
}

/// What changed in `package`'s contracts since the version in `baseline` (a directory laid
/// out like the package: `proto/`, `wit/`) and breaks their users, at the levels the package
/// configures: the gate `cargo guest dev` runs before a new version takes over.
pub(crate) fn breaking_since(
    package: &cargo_metadata::Package,
    baseline: &Path,
) -> anyhow::Result<Vec<Finding>> {
    let dir = (package.manifest_path.parent())
        .context("a manifest path has a parent")?
        .as_std_path();
    let config = Config::of(package)?;
    let before = Contracts::load(baseline).context("reading the running version's contracts")?;
    let findings =
        Contracts::load(dir)?.breaking(&before, config.category, config.rules, &config.extra())?;
    Ok(config.apply(findings))
}

/// `[package.metadata.guestkit.check]`: the proto category, whose rules judge the encodings
/// (`rules = "buf"` or `"protobuf"`), and rule IDs to turn off (`allow`), report as warnings
/// (`warn`) or as errors (`deny`).
struct Config {
    category: Category,
    rules: Rules,
    levels: Vec<(String, Option<Severity>)>,
}

impl Config {
    fn of(package: &cargo_metadata::Package) -> anyhow::Result<Self> {
        let table = &package.metadata["guestkit"]["check"];
        let at = |key: &str| {
            format!(
                "{}: [package.metadata.guestkit.check] `{key}`",
                package.manifest_path
            )
        };
        let category = match &table["category"] {
            serde_json::Value::Null => Category::WireJson,
            serde_json::Value::String(c) => c
                .parse()
                .map_err(|e: String| anyhow::anyhow!("{}: {e}", at("category")))?,
            other => bail!("{} must be a string, not {other}", at("category")),
        };
        let rules = match &table["rules"] {
            serde_json::Value::Null => Rules::Buf,
            serde_json::Value::String(r) => r
                .parse()
                .map_err(|e: String| anyhow::anyhow!("{}: {e}", at("rules")))?,
            other => bail!("{} must be a string, not {other}", at("rules")),
        };
        let mut levels = Vec::new();
        for (key, level) in [
            ("allow", None),
            ("warn", Some(Severity::Warning)),
            ("deny", Some(Severity::Error)),
        ] {
            match &table[key] {
                serde_json::Value::Null => {}
                serde_json::Value::Array(rules) => {
                    for rule in rules {
                        let rule = rule.as_str().with_context(|| {
                            format!("{} lists rule IDs as strings, not {rule}", at(key))
                        })?;
                        levels.push((rule.to_owned(), level));
                    }
                }
                other => bail!("{} must be a list of rule IDs, not {other}", at(key)),
            }
        }
        Ok(Self {
            category,
            rules,
            levels,
        })
    }

    /// Rules the package turned on by name (`warn` or `deny`): checked whatever the category.
    fn extra(&self) -> Vec<&str> {
        (self.levels.iter())
            .filter(|(_, level)| level.is_some())
            .map(|(rule, _)| rule.as_str())
            .collect()
    }

    /// The findings with the configured levels: allowed rules are dropped.
    fn apply(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter_map(|mut f| {
                match self.levels.iter().rev().find(|(rule, _)| rule == f.rule) {
                    Some((_, None)) => return None,
                    Some((_, Some(level))) => f.severity = *level,
                    None => {}
                }
                Some(f)
            })
            .collect()
    }
}

/// One version of a package's contracts, read once for linting and comparing.
struct Contracts {
    dir: PathBuf,
    /// Its `proto/` files compiled, when there are any.
    protos: Option<prost_types::FileDescriptorSet>,
    /// Its `wit/` package, when it has one.
    wit: Option<WitPackage>,
}

impl Contracts {
    /// The contracts of the package dir `dir`.
    fn load(dir: &Path) -> anyhow::Result<Self> {
        let (_, protos) = contract_set::load_protos(dir)?;
        let wit = dir.join("wit");
        let wit = if wit.is_dir() {
            Some(WitPackage::load(&wit).map_err(anyhow::Error::msg)?)
        } else {
            None
        };
        Ok(Self {
            dir: dir.to_path_buf(),
            protos,
            wit,
        })
    }

    /// What they say on their own.
    fn lint(&self) -> Vec<Finding> {
        let mut findings = Vec::new();
        if let Some(set) = &self.protos {
            findings.extend(proto_check::lint(set));
        }
        if let Some(package) = &self.wit {
            findings.extend(wit_check::lint(package));
        }
        findings
    }

    /// What changed from `before` to these, and breaks their users.
    fn breaking(
        &self,
        before: &Self,
        category: Category,
        rules: Rules,
        extra: &[&str],
    ) -> anyhow::Result<Vec<Finding>> {
        let mut findings = Vec::new();
        if let Some(old) = &before.protos {
            let new = self.protos.clone().unwrap_or_default();
            findings.extend(proto_check::breaking_under(
                old, &new, category, rules, extra,
            ));
        }
        if let Some(old) = &before.wit {
            let Some(new) = &self.wit else {
                bail!(
                    "{} is gone, but the earlier version had WIT contracts: every interface \
                     of it was deleted",
                    self.dir.join("wit").display()
                );
            };
            findings.extend(wit_check::breaking(old, new));
        }
        Ok(findings)
    }
}

/// The earlier version of one package's contracts, on disk.
enum Baseline {
    Dir(PathBuf),
    /// Files taken out of git into a directory of our own.
    Git(tempfile::TempDir),
}

impl Baseline {
    fn of(against: &str, package_dir: &Path) -> anyhow::Result<Self> {
        let as_dir = Path::new(against);
        if as_dir.is_dir() {
            return Ok(Self::Dir(as_dir.to_path_buf()));
        }
        let top = git(package_dir, &["rev-parse", "--show-toplevel"]).with_context(|| {
            format!("--against {against}: no such directory, and not in a git repository")
        })?;
        let top = PathBuf::from(String::from_utf8_lossy(&top).trim());
        let package_dir = package_dir.canonicalize()?;
        let relative = package_dir
            .strip_prefix(top.canonicalize()?)
            .unwrap_or(Path::new(""));
        let commit = format!("{against}^{{commit}}");
        if git(&top, &["rev-parse", "--verify", "--quiet", &commit]).is_err() {
            let branches = git(&top, &["branch", "--all", "--format=%(refname:short)"])
                .map(|out| {
                    String::from_utf8_lossy(&out)
                        .split_whitespace()
                        .map(str::to_owned)
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            let listed = if branches.is_empty() {
                "it has no branches yet (no commits)".to_owned()
            } else {
                format!("its branches are {}", branches.join(", "))
            };
            bail!(
                "--against {against}: neither a directory nor a git ref of {}; {listed}",
                top.display()
            );
        }
        let out = tempfile::tempdir()?;
        let listed = git(
            &top,
            &[
                "ls-tree",
                "-r",
                "-z",
                "--name-only",
                against,
                "--",
                &relative.join("proto").to_string_lossy(),
                &relative.join("wit").to_string_lossy(),
            ],
        )?;
        for name in listed.split(|b| *b == 0).filter(|n| !n.is_empty()) {
            let name = String::from_utf8_lossy(name);
            let bytes = git(&top, &["show", &format!("{against}:{name}")])?;
            let path = out.path().join(
                Path::new(name.as_ref())
                    .strip_prefix(relative)
                    .unwrap_or(name.as_ref().as_ref()),
            );
            std::fs::create_dir_all(path.parent().expect("a file has a parent"))?;
            std::fs::write(path, bytes)?;
        }
        Ok(Self::Git(out))
    }

    fn dir(&self) -> &Path {
        match self {
            Self::Dir(dir) => dir,
            Self::Git(dir) => dir.path(),
        }
    }
}

/// The root of the git repository `dir` is in, or `dir` itself outside git.
fn repository_root(dir: &Path) -> PathBuf {
    let top = git(dir, &["rev-parse", "--show-toplevel"])
        .map(|out| PathBuf::from(String::from_utf8_lossy(&out).trim()));
    let root = top.unwrap_or_else(|_| dir.to_path_buf());
    root.canonicalize().unwrap_or(root)
}

/// Runs git in `dir` and returns its stdout, or its stderr as the error.
fn git(dir: &Path, args: &[&str]) -> anyhow::Result<Vec<u8>> {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .context("cannot run git")?;
    if !out.status.success() {
        bail!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(out.stdout)
}
