//! The cross-node round trip: an actor's `messaging.call` to an actor of another node of the
//! cluster, over the NATS server, against a raw NATS request/reply of the same one-byte body on
//! the same server (a client answering on a subject of its own). Both nodes run in this
//! process, each with its own NATS connection, as two machines would have.

use std::time::{Duration, Instant};

use futures_util::StreamExt as _;
use guestkit_shim::{ClusterOptions, Payload, Shim, SpawnOptions};

use super::{Figure, Row, Scale, guest};

/// A node named `name` with the bench guest loaded, joined to the cluster at `url`; an actor
/// of it that may talk to other nodes.
async fn node(scale: &Scale, url: &str, name: &str) -> (Shim, guestkit_shim::Address) {
    let state = tempfile::tempdir().unwrap();
    let shim = (Shim::builder().state_dir(state.path()).node(name))
        .on_log(|_| {})
        .build()
        .unwrap();
    shim.join_cluster(url, &ClusterOptions::default())
        .await
        .unwrap();
    let module = shim.load_file(&guest(scale, "bench")).unwrap();
    let network = shim.kernel_capability("network");
    let opts = SpawnOptions::new("bench").capability(network);
    let actor = shim.spawn(&module, opts).await.unwrap();
    (shim, actor)
}

pub async fn round_trip(scale: &Scale, url: &str) -> Row {
    let n = scale.pick(200, 20_000);
    let run = std::process::id();
    let (caller, a) = node(scale, url, &format!("benchA{run}")).await;
    let (_callee, b) = node(scale, url, &format!("benchB{run}")).await;
    let drive = |count: u32| {
        let body = format!("{count} {b}").into_bytes();
        caller.call(&a, Payload::new("drive", body), Duration::from_secs(600))
    };
    drive(10).await.unwrap();
    let started = Instant::now();
    drive(n).await.unwrap();
    let ours = started.elapsed() / n;
    Row {
        path: "cross-node round trip (call over NATS)".into(),
        ours: Figure::Time(ours),
        floor: Some(Figure::Time(raw_request_reply(url, n).await)),
        target: "≤ 3x",
    }
}

/// A NATS request/reply of a one-byte body, answered by another client, `n` times: per
/// request.
async fn raw_request_reply(url: &str, n: u32) -> Duration {
    let subject = format!("bench.echo.{}", std::process::id());
    let responder = async_nats::connect(url).await.unwrap();
    let mut asked = responder.subscribe(subject.clone()).await.unwrap();
    tokio::spawn(async move {
        while let Some(request) = asked.next().await {
            if let Some(reply) = request.reply {
                let _ = responder.publish(reply, request.payload).await;
            }
        }
    });
    let requester = async_nats::connect(url).await.unwrap();
    for _ in 0..10 {
        requester
            .request(subject.clone(), "x".into())
            .await
            .unwrap();
    }
    let started = Instant::now();
    for _ in 0..n {
        requester
            .request(subject.clone(), "x".into())
            .await
            .unwrap();
    }
    started.elapsed() / n
}
