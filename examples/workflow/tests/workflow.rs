//! The order workflow as its users test it, with guestkit-test: on the shim's manual clock,
//! with the approval completed by the test and the shim crashed in the middle.

use std::time::Duration;

use guestkit_test::{App, Spawn};

guestkit_test::contract!("proto/workflow.proto");
use crate::workflow::v1::{OrderServiceClient, ProcessReply, ProcessRequest, StatusRequest};

fn order(id: &str) -> ProcessRequest {
    ProcessRequest {
        order_id: id.into(),
        amount_cents: 1250,
    }
}

/// The names of the runs invocation `id` journaled, in order.
async fn runs(app: &App, id: &str) -> Result<Vec<String>, guestkit_test::Error> {
    let journal = app.journal(id).await?;
    Ok((journal.iter())
        .filter(|entry| entry["command"] == "run")
        .map(|entry| {
            entry["fields"]["name"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect())
}

#[tokio::test]
async fn an_order_ships_once_approved_though_the_shim_crashed_at_the_charge()
-> Result<(), Box<dyn std::error::Error>> {
    let app = App::start(&["workflow"]).await?;
    app.spawn(Spawn::service("workflow")).await?;

    // The shim dies once the charge ran, before its receipt is journaled.
    app.crash_at_run("charge").await?;
    let id = app.send("workflow/A1", "Process", &order("A1")).await?;
    app.recover().await?;

    // The charge ran again and is journaled once; the workflow sleeps on the test's clock.
    app.settle().await?;
    assert_eq!(runs(&app, &id).await?, ["charge"]);
    let status = OrderServiceClient::new(&app, "workflow/A1");
    assert_eq!(status.status(&StatusRequest {}).await?.status, "charged");
    app.advance(Duration::from_millis(200)).await?;

    let approvals = app.awakeables(&id).await?;
    assert_eq!(approvals.len(), 1, "{approvals:?}");
    app.resolve_awakeable(&approvals[0], "approved").await?;
    let shipped: ProcessReply = app.output(&id).await?;
    assert_eq!(shipped.status, "shipped A1");
    assert_eq!(shipped.receipt, "rcpt-A1-1250");
    assert_eq!(shipped.tracking, "trk-A1");
    assert_eq!(runs(&app, &id).await?, ["charge"]);
    assert_eq!(status.status(&StatusRequest {}).await?.status, "shipped");
    assert_eq!(
        app.object_state::<String>("workflow", Some("A1"), "status")
            .await?,
        Some("shipped".into())
    );
    Ok(())
}

#[tokio::test]
async fn a_rejected_order_is_not_shipped() -> Result<(), Box<dyn std::error::Error>> {
    let app = App::start(&["workflow"]).await?;
    app.spawn(Spawn::service("workflow")).await?;
    let id = app.send("workflow/B2", "Process", &order("B2")).await?;
    app.advance(Duration::from_millis(200)).await?;
    let approval = app.awakeables(&id).await?.remove(0);
    app.resolve_awakeable(&approval, "fraud").await?;
    let reply: ProcessReply = app.output(&id).await?;
    assert_eq!(reply.status, "not shipped: fraud");
    assert_eq!(reply.tracking, "");
    Ok(())
}

#[tokio::test]
async fn a_crash_after_any_journal_entry_loses_no_step() -> Result<(), Box<dyn std::error::Error>> {
    for entries in 1..=6 {
        crash_then_ship(entries, |app| async move {
            app.crash_after_entries(entries).await
        })
        .await?;
    }
    Ok(())
}

#[tokio::test]
async fn a_crash_at_a_seeded_random_entry_loses_no_step() -> Result<(), Box<dyn std::error::Error>>
{
    for seed in 1..=3 {
        crash_then_ship(
            seed,
            |app| async move { app.crash_at_random(seed, 3).await },
        )
        .await?;
    }
    Ok(())
}

/// An order, with a crash armed by `arm` before it starts (`case` names the case in
/// failures), which ships once approved with its charge journaled once.
async fn crash_then_ship<F: Future<Output = Result<(), guestkit_test::Error>>>(
    case: u64,
    arm: impl FnOnce(App) -> F,
) -> Result<(), Box<dyn std::error::Error>> {
    let app = App::start(&["workflow"]).await?;
    app.spawn(Spawn::service("workflow")).await?;
    arm(app.clone()).await?;
    let id = app.send("workflow/C3", "Process", &order("C3")).await?;
    app.advance(Duration::from_millis(200)).await?;
    app.recover().await?;
    app.advance(Duration::from_millis(200)).await?;
    let approval = app.awakeables(&id).await?.remove(0);
    app.resolve_awakeable(&approval, "approved").await?;
    let reply: ProcessReply = app.output(&id).await?;
    assert_eq!(reply.status, "shipped C3", "case {case}");
    assert_eq!(runs(&app, &id).await?, ["charge"], "case {case}");
    Ok(())
}

#[tokio::test]
async fn a_cancelled_order_ends_where_it_waits() -> Result<(), Box<dyn std::error::Error>> {
    let (app, id) = waiting_for_approval("D4").await?;

    app.cancel(&id).await?;
    let cancelled = app.output::<ProcessReply>(&id).await.unwrap_err();
    assert_eq!(cancelled.code(), Some("409"), "{cancelled}");
    assert_eq!(runs(&app, &id).await?, ["charge"]);
    let status = OrderServiceClient::new(&app, "workflow/D4");
    assert_eq!(
        status.status(&StatusRequest {}).await?.status,
        "waiting for approval"
    );
    Ok(())
}

#[tokio::test]
async fn a_killed_order_ends_at_once() -> Result<(), Box<dyn std::error::Error>> {
    let (app, id) = waiting_for_approval("F6").await?;

    app.kill(&id).await?;
    let killed = app.output::<ProcessReply>(&id).await.unwrap_err();
    assert_eq!(killed.code(), Some("409"), "{killed}");
    assert!(killed.to_string().contains("killed"), "{killed}");
    Ok(())
}

/// The app with order `key` started and waiting for its approval, and the order's invocation.
async fn waiting_for_approval(key: &str) -> Result<(App, String), Box<dyn std::error::Error>> {
    let app = App::start(&["workflow"]).await?;
    app.spawn(Spawn::service("workflow")).await?;
    let id = app
        .send(format!("workflow/{key}"), "Process", &order(key))
        .await?;
    app.advance(Duration::from_millis(200)).await?;
    assert_eq!(app.awakeables(&id).await?.len(), 1);
    Ok((app, id))
}

#[tokio::test]
async fn a_rejected_approval_fails_the_order_without_retrying()
-> Result<(), Box<dyn std::error::Error>> {
    let (app, id) = waiting_for_approval("G7").await?;
    let approval = app.awakeables(&id).await?.remove(0);
    app.reject_awakeable(&approval, "card declined").await?;
    let failed = app.output::<ProcessReply>(&id).await.unwrap_err();
    assert_eq!(failed.code(), Some("500"), "{failed}");
    assert!(failed.to_string().contains("card declined"), "{failed}");
    // It ended there: a rejection is terminal, as in Restate, not an error to retry.
    let ended = app.invocations().await?.into_iter().find(|i| i.id == id);
    assert!(ended.is_some_and(|i| i.has_ended() && i.status.get("Failed").is_some()));
    Ok(())
}
