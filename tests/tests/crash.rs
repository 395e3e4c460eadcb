//! Durable workflows through repeated `kill -9` of the shim process (SEMANTICS 25, 28, 30,
//! 36): the shim is `cargo guest run --durable` and `cargo guest resume`, killed with SIGKILL
//! at random moments, over and over, then left to finish. Every workflow must complete, each
//! step's result must be journaled exactly once, and every step's side effect (a message to
//! the host, printed by the CLI) must have happened; a step killed between its effect and its
//! journal entry runs again, as in Restate, and its effect carries the idempotency key an
//! outside system deduplicates it by. Each workflow also makes a durable call, which must
//! start exactly one callee however often the workflow replays (SEMANTICS 32). The workflows
//! also run on three nodes sharing a PostgreSQL database, killed at random together, where a
//! node's invocations finish on another once its lease has run out.

use std::collections::HashMap;
use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use guestkit_shim::journal::{Invocation, JournalEntry, Status};
use guestkit_shim::storage::{PostgresStore, StateStore};
use guestkit_tests::host::{postgres_for, store_at};
use guestkit_tests::{built_guest, cargo_guest};
use probe_script::{Answers, Combinator, Effect, Op, Ran, Script, Taken, Target, names};
use serde_json::json;

const WORKFLOWS: usize = 6;
const KILLS: usize = 50;
const STEPS: usize = 4;

/// A workflow: four runs, each followed by a state write, a durable timer in the middle and
/// a durable call (to a callee that runs one step) before the last run.
fn workflow() -> Script {
    let mut ops = Vec::new();
    for step in 1..=STEPS {
        if step == STEPS {
            ops.push(Op::DurableCall {
                target: Target {
                    service: Some("workflow".into()),
                    ..Target::default()
                },
                script: callee(),
                pad: 0,
                name_as: "call".into(),
            });
            ops.extend([Op::wait(["call"]), Op::take("call")]);
        }
        ops.push(Op::run(&format!("step{step}")));
        ops.push(Op::state_set(&format!("step{step}"), "done"));
        if step == 2 {
            ops.push(Op::DurableSleep {
                name: "pause".into(),
                ms: 150,
                name_as: "pause".into(),
            });
            ops.push(Op::wait(["pause"]));
        }
    }
    Script::new(ops)
}

/// Where the answer to the first op of [`workflow`] that `pick` accepts is.
fn answer_to(pick: impl Fn(&Op) -> bool) -> usize {
    let ops = workflow().ops;
    ops.iter()
        .position(pick)
        .expect("the workflow has such an op")
}

/// What a workflow's durable call runs.
fn callee() -> Script {
    Script::new([Op::run("callee")])
}

/// A small xorshift generator: the seed is printed, so a failing run can be repeated.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// A workflow the test started, not a callee one of them started.
fn is_workflow(invocation: &Invocation) -> bool {
    Script::from_bytes(&invocation.input).ok() != Some(callee())
}

/// The invocations in the database of the state directory `state`, read in one open of it:
/// the test opens the database once at a time, since a child process another test forks at
/// that moment holds the lock until it execs, and an open right after would find the
/// directory in use.
fn invocations_at(state: &Path) -> Vec<Invocation> {
    if postgres_for(state).is_none() && !state.join("state.redb").exists() {
        return Vec::new();
    }
    invocations(&*store_at(state))
}

fn invocations(store: &dyn StateStore) -> Vec<Invocation> {
    let records = store.invocations().unwrap();
    records
        .iter()
        .map(|r| Invocation::decode(r).unwrap())
        .collect()
}

/// A shim process per command, on the component and state database in `dir`, the component
/// being the probe (precompiled, so that each process starts in milliseconds).
struct Shims {
    component: std::path::PathBuf,
    state: std::path::PathBuf,
    printed: Arc<Mutex<Vec<String>>>,
    random: Random,
    seed: u64,
    /// With several nodes: the database they share, and their names. Each round runs a
    /// process of each node at once.
    nodes: Option<(String, Vec<String>)>,
}

/// The lease of each node of [`Shims::on_nodes`], in ms.
const LEASE_MS: &str = "300";

impl Shims {
    fn new(dir: &Path, name: &str) -> Self {
        Self::declared(dir, name, None)
    }

    /// As [`new`](Self::new), the probe declaring its durable service's `kind` when given.
    fn declared(dir: &Path, name: &str, kind: Option<&str>) -> Self {
        use wasm_encoder::{ComponentSection, CustomSection};
        let component = dir.join(format!("{name}.wasm"));
        let mut bytes = std::fs::read(built_guest("probe")).unwrap();
        if let Some(kind) = kind {
            let section = CustomSection {
                name: "guestkit:durable".into(),
                data: format!("kind {kind}\n").into_bytes().into(),
            };
            section.append_to_component(&mut bytes);
        }
        std::fs::write(&component, bytes).unwrap();
        guestkit_shim::precompile(&component).unwrap();
        let state = dir.join("state");
        let seed = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
            | 1;
        eprintln!("seed {seed}");
        Self {
            component,
            state,
            printed: Arc::default(),
            random: Random(seed),
            seed,
            nodes: None,
        }
    }

    /// The same, as nodes `names` of the PostgreSQL database `url`.
    fn on_nodes(mut self, url: &str, names: &[&str]) -> Self {
        let names = names.iter().map(|&n| n.to_owned()).collect();
        self.nodes = Some((url.to_owned(), names));
        self
    }

    /// The database the shims are on, to look at it.
    fn store(&self) -> Box<dyn StateStore> {
        match &self.nodes {
            Some((url, _)) => Box::new(PostgresStore::connect_to_read(url).unwrap()),
            None => store_at(&self.state),
        }
    }

    /// The invocations in the shims' database (none before it exists).
    fn invocations(&self) -> Vec<Invocation> {
        match &self.nodes {
            Some(_) => invocations(&*self.store()),
            None => invocations_at(&self.state),
        }
    }

    /// A command of the first node (or the one shim).
    fn command(&self, args: &[&str]) -> Command {
        self.command_of(args, 0)
    }

    /// A command of node `node` (of [`on_nodes`](Self::on_nodes)), or of the one shim.
    fn command_of(&self, args: &[&str], node: usize) -> Command {
        let mut command = Command::new(cargo_guest());
        command
            .arg("guest")
            .args(args)
            .arg(&self.component)
            .arg("--state-dir")
            .arg(&self.state)
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        match &self.nodes {
            Some((url, names)) => {
                let node = &names[node % names.len()];
                command.args(["--node", node, "--lease-ms", LEASE_MS]);
                command.env("GUESTKIT_STORE", url);
            }
            None => {
                command.envs(postgres_for(&self.state).map(|url| ("GUESTKIT_STORE", url)));
            }
        }
        command
    }

    /// How many processes each round runs: one per node.
    fn per_round(&self) -> usize {
        self.nodes.as_ref().map_or(1, |(_, names)| names.len())
    }

    /// Runs shim processes and kills each with SIGKILL at a random moment, at least `kills`
    /// times and until `count` invocations that `ours` picks have started: each process
    /// starts the next of them (`start(n)` with `n` started so far) or, once all have, resumes
    /// them. Then a last process finishes what is left. Returns the kills.
    fn kill_repeatedly(
        &mut self,
        kills: usize,
        count: usize,
        ours: impl Fn(&Invocation) -> bool,
        start: impl Fn(usize, &[Invocation]) -> Vec<String>,
    ) -> usize {
        // How long a shim process takes to get going here (a debug build starts slowly):
        // kills land anywhere from before it opened the database to well into the work.
        let started = std::time::Instant::now();
        assert!(self.command(&["resume"]).status().unwrap().success());
        let window = started.elapsed().as_millis() as u64 + 500;
        eprintln!("kill window {window} ms");

        // Rounds go on until every invocation has started, too: a start killed before it
        // recorded its invocation (a slow machine kills most of them there) starts nothing.
        let (mut killed, mut rounds, mut starting) = (0, 0, true);
        while killed < kills || starting {
            rounds += 1;
            assert!(
                rounds < kills * 4,
                "the shim kept finishing before it could be killed, or kept being killed \
                 before it could start an invocation"
            );
            let all = self.invocations();
            let started = all.iter().filter(|i| ours(i)).count();
            starting = started < count;
            let args = match starting {
                true => start(started, &all),
                false => vec!["resume".to_owned()],
            };
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            // With several nodes, each runs at once, the round's first node (in turn) the
            // command and the others `resume`; each is killed at a moment of its own.
            let mut running = Vec::new();
            for n in 0..self.per_round() {
                let node = rounds + n;
                let args = if n == 0 { &args[..] } else { &["resume"][..] };
                let mut child = self.command_of(args, node).spawn().unwrap();
                let stdout = child.stdout.take().unwrap();
                let sink = Arc::clone(&self.printed);
                let reader = std::thread::spawn(move || {
                    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                        sink.lock().unwrap().push(line);
                    }
                });
                let at = self.random.below(window);
                running.push((at, child, reader));
            }
            running.sort_by_key(|(at, ..)| *at);
            let began = std::time::Instant::now();
            for (at, mut child, reader) in running {
                let due = Duration::from_millis(at).saturating_sub(began.elapsed());
                std::thread::sleep(due);
                if child.try_wait().unwrap().is_none() {
                    child.kill().unwrap();
                    killed += 1;
                }
                child.wait().unwrap();
                reader.join().unwrap();
            }
        }
        eprintln!("seed {}: {killed} kills in {rounds} rounds", self.seed);

        // Let the last shim finish what is left.
        let finished = self.command(&["resume"]).output().unwrap();
        assert!(finished.status.success(), "the last resume failed");
        self.printed.lock().unwrap().extend(
            String::from_utf8_lossy(&finished.stdout)
                .lines()
                .map(str::to_owned),
        );
        killed
    }
}

impl Shims {
    /// How often each run's side effect reached the host, by its idempotency key
    /// (`invocation/run`), as the shims of `service` printed them.
    fn effects(&self, service: &str) -> HashMap<String, usize> {
        let mut effects: HashMap<String, usize> = HashMap::new();
        let prefix = format!("{service}: ");
        for line in self.printed.lock().unwrap().iter() {
            let Some(effect) = line.strip_prefix(&prefix) else {
                continue;
            };
            if let Ok(effect) = serde_json::from_str::<Effect>(effect) {
                *effects.entry(effect.key).or_default() += 1;
            }
        }
        effects
    }
}

/// The runs named `name` in invocation `id`'s journal in `store`.
fn runs_named(store: &dyn StateStore, id: &str, name: &str) -> usize {
    let journal = store.journal(id).unwrap();
    (journal.iter().map(|e| JournalEntry::decode(e).unwrap()))
        .filter(|e| e.command == "run" && e.fields["name"] == json!(name))
        .count()
}

/// The `run --durable` arguments that start an invocation of the probe on `key`.
fn start_on(key: &str, script: &Script) -> Vec<String> {
    let body = script.to_text();
    [
        "run",
        "--durable",
        "--key",
        key,
        "--route",
        "probe",
        "--body",
        &body,
    ]
    .map(str::to_owned)
    .to_vec()
}

#[test]
fn sem_25_28_30_36_workflows_finish_with_each_step_once_through_repeated_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let mut shims = Shims::new(dir.path(), "workflow");
    // Each workflow on an object of its own: its state is the object's.
    let kills = shims.kill_repeatedly(KILLS, WORKFLOWS, is_workflow, |n, _| {
        start_on(&format!("wf{n}"), &workflow())
    });
    assert_workflows_finished_each_step_once(&shims, kills);
}

#[test]
fn sem_25_workflows_on_three_nodes_killed_at_random_finish_with_each_step_once() {
    // Already on PostgreSQL: the run of this suite over it (`over_postgres`) adds nothing.
    if std::env::var_os("GUESTKIT_TEST_STORE").is_some() {
        return;
    }
    let Some(url) = guestkit_tests::servers::postgres_database("three nodes killed at random")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut shims = Shims::new(dir.path(), "workflow").on_nodes(&url, &["n0", "n1", "n2"]);
    let kills = shims.kill_repeatedly(KILLS, WORKFLOWS, is_workflow, |n, _| {
        start_on(&format!("wf{n}"), &workflow())
    });
    assert_workflows_finished_each_step_once(&shims, kills);
}

/// Every workflow of [`workflow`] that `shims` ran through `kills` kills finished, with each
/// step journaled once, its effect done at least once, its state written, and one callee.
fn assert_workflows_finished_each_step_once(shims: &Shims, kills: usize) {
    let seed = shims.seed;
    let store = shims.store();
    let all = invocations(&*store);
    let (workflows, callees): (Vec<_>, Vec<_>) = all.iter().partition(|i| is_workflow(i));
    assert_eq!(workflows.len(), WORKFLOWS, "seed {seed}");
    assert_eq!(
        callees.len(),
        WORKFLOWS,
        "seed {seed}: one callee per workflow"
    );
    let effects = shims.effects("workflow");
    for callee in &callees {
        assert!(
            matches!(callee.status, Status::Succeeded(_)),
            "seed {seed}: callee {} did not finish: {:?}",
            callee.id,
            callee.status
        );
    }
    for invocation in &workflows {
        let Status::Succeeded(output) = &invocation.status else {
            panic!(
                "seed {seed}: {} did not finish: {:?}",
                invocation.id, invocation.status
            );
        };
        let results = Answers::from_bytes(output).unwrap();
        let called = results.get::<Taken>(answer_to(|op| matches!(op, Op::DurableCall { .. })));
        assert!(
            callees.iter().any(|c| c.id == called.invocation()),
            "seed {seed}: {results:?}"
        );
        let output = results.get::<Taken>(answer_to(|op| matches!(op, Op::Take { .. })));
        assert!(
            output.ok().contains("callee done"),
            "seed {seed}: the callee's output in {results:?}"
        );
        let journal: Vec<JournalEntry> = store
            .journal(&invocation.id)
            .unwrap()
            .iter()
            .map(|e| JournalEntry::decode(e).unwrap())
            .collect();
        for step in 1..=STEPS {
            let name = format!("step{step}");
            let runs = journal
                .iter()
                .filter(|e| e.command == "run" && e.fields["name"] == json!(name))
                .count();
            assert_eq!(
                runs, 1,
                "seed {seed}: {name} of {} journaled once",
                invocation.id
            );
            let run = answer_to(|op| matches!(op, Op::Run { name: ran, .. } if *ran == name));
            assert_eq!(
                results.get::<Ran>(run).value,
                Some(Taken::Ok(format!("{name} done"))),
                "seed {seed}: {name} in {results:?}"
            );
            let key = format!("{}/{name}", invocation.id);
            assert!(
                effects.get(&key).is_some_and(|n| *n >= 1),
                "seed {seed}: the effect of {key} never happened"
            );
            let owner = format!("durable:workflow/{}", invocation.key.as_deref().unwrap());
            let state = store.get(&owner, &name).unwrap();
            assert_eq!(
                state.as_deref(),
                Some(b"done".as_slice()),
                "seed {seed}: {name}"
            );
        }
    }
    let repeated: usize = effects.values().map(|n| n - 1).sum();
    eprintln!(
        "seed {seed}: {} effects, {repeated} repeated by a kill between an effect and its \
         journal entry",
        effects.len()
    );
    assert!(repeated <= kills, "seed {seed}: more repeats than kills");
}

const QUEUED: usize = 8;
const KEY_KILLS: usize = 100;

/// The invocation that is `n`th on the shared key: it reads who wrote last, sleeps durably,
/// then writes its own number. Holding the key from its first attempt to its end, through the
/// sleep and every kill, is what makes each read the write of the one before it.
fn queued(n: usize) -> Script {
    Script::new([
        Op::state_get("last"),
        Op::DurableSleep {
            name: "nap".into(),
            ms: 50,
            name_as: "nap".into(),
        },
        Op::wait(["nap"]),
        Op::state_set("last", &n.to_string()),
        Op::run(&format!("wrote{n}")),
    ])
}

#[test]
fn sem_32_invocations_on_one_key_keep_submission_order_and_lose_no_update_through_repeated_sigkill()
{
    let dir = tempfile::tempdir().unwrap();
    let mut shims = Shims::new(dir.path(), "counter");
    let kills = shims.kill_repeatedly(
        KEY_KILLS,
        QUEUED,
        |_| true,
        |n, _| start_on("k", &queued(n)),
    );
    let seed = shims.seed;
    let store = store_at(&shims.state);
    let mut all = invocations(&*store);
    assert_eq!(all.len(), QUEUED, "seed {seed}");
    all.sort_by_key(|i| i.submitted);
    for (n, invocation) in all.iter().enumerate() {
        assert_eq!(
            invocation.input,
            queued(n).to_bytes(),
            "seed {seed}: submission order"
        );
        let Status::Succeeded(output) = &invocation.status else {
            panic!(
                "seed {seed}: {} did not finish: {:?}",
                invocation.id, invocation.status
            );
        };
        let read = Answers::from_bytes(output)
            .unwrap()
            .get::<Option<String>>(0);
        let before = n.checked_sub(1).map(|p| p.to_string());
        assert_eq!(
            read, before,
            "seed {seed}: invocation {n} read the write of the one submitted before it"
        );
    }
    let last = store.get("durable:counter/k", "last").unwrap();
    assert_eq!(
        last,
        Some((QUEUED - 1).to_string().into_bytes()),
        "seed {seed}"
    );
    assert!(kills >= KEY_KILLS);
}

const FLOWS: usize = 4;
const FLOW_KILLS: usize = 20;

/// A workflow's run: a step, then a wait for an approval that never comes; cancelled, it
/// compensates.
fn flow() -> Script {
    Script::new([
        Op::run("reserve"),
        Op::awakeable("approval"),
        Op::Wait {
            of: names(["approval"]),
            combinator: Combinator::First,
            cancellable: true,
        },
        Op::run("refund"),
    ])
}

#[test]
fn sem_42_43_workflows_run_once_per_key_and_cancelled_compensate_once_through_repeated_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let mut shims = Shims::declared(dir.path(), "flow", Some("workflow"));
    // Each key's run is submitted until it is recorded; a submission killed after recording
    // is submitted again by no one, and one of the same key would attach to it.
    let mut kills = shims.kill_repeatedly(
        FLOW_KILLS,
        FLOWS,
        |_| true,
        |n, _| start_on(&format!("f{n}"), &flow()),
    );
    let args = start_on("f0", &flow());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let again = shims.command(&args).output().unwrap();
    assert!(
        again.status.success(),
        "a second submission of f0 attaches to its run"
    );
    // Then each process cancels the first workflow that has not ended, until all have.
    let ended = |i: &Invocation| i.status.is_ended();
    kills += shims.kill_repeatedly(FLOW_KILLS, FLOWS, ended, |_, all| {
        let open = all.iter().find(|i| !ended(i));
        let id = &open.expect("a workflow that has not ended").id;
        ["cancel", "--invocation", id].map(str::to_owned).to_vec()
    });

    let seed = shims.seed;
    let store = store_at(&shims.state);
    let all = invocations(&*store);
    assert_eq!(all.len(), FLOWS, "seed {seed}: one run per key: {all:?}");
    let effects = shims.effects("flow");
    for invocation in &all {
        let Status::Succeeded(output) = &invocation.status else {
            panic!(
                "seed {seed}: {} ended as {:?}",
                invocation.id, invocation.status
            );
        };
        let results = Answers::from_bytes(output).unwrap();
        assert_eq!(
            results.get::<String>(2),
            "cancelled",
            "seed {seed}: {results:?}"
        );
        for run in ["reserve", "refund"] {
            assert_eq!(
                runs_named(&*store, &invocation.id, run),
                1,
                "seed {seed}: {run} of {} journaled once",
                invocation.id
            );
            let key = format!("{}/{run}", invocation.id);
            assert!(
                effects.get(&key).is_some_and(|n| *n >= 1),
                "seed {seed}: the effect of {key} never happened"
            );
        }
    }
    let repeated: usize = effects.values().map(|n| n - 1).sum();
    assert!(repeated <= kills, "seed {seed}: more repeats than kills");
}
