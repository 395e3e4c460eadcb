//! An app as a user makes and runs one: `cargo guest new --template app`, members added with
//! `cargo guest new` inside it, and `cargo guest dev` serving it while its sources change:
//! a new handler and a new proto field are swapped in with the actors' state, a breaking
//! contract change and code that cannot read the state are refused and the running version
//! keeps serving.

use guestkit_tests::server::Server;
use guestkit_tests::{cli, edit, failure, success};

#[test]
fn new_scaffolds_an_app_and_adds_members_to_it() {
    let tmp = tempfile::tempdir().unwrap();
    success(cli(&["new", "shop", "--template", "app"], tmp.path()));
    let app = tmp.path().join("shop");
    for file in [
        "Cargo.toml",
        "README.md",
        "inventory/proto/inventory.proto",
        "inventory/src/lib.rs",
        "orders/proto/orders.proto",
        "orders/src/lib.rs",
    ] {
        assert!(app.join(file).is_file(), "the app lacks {file}");
    }

    // A guest made inside the app's workspace is one of its members, and one of its actors.
    success(cli(&["new", "shipping"], &app));
    let metadata = cargo_metadata::MetadataCommand::new()
        .manifest_path(app.join("Cargo.toml"))
        .no_deps()
        .exec()
        .unwrap();
    let mut members: Vec<&str> = (metadata.workspace_packages().into_iter())
        .map(|p| p.name.as_str())
        .collect();
    members.sort();
    assert_eq!(members, ["inventory", "orders", "shipping"]);
    let actors = &metadata.workspace_metadata["guestkit"]["actors"];
    assert_eq!(actors["shipping"]["package"], "shipping", "{actors}");
    let member = std::fs::read_to_string(app.join("shipping/Cargo.toml")).unwrap();
    assert!(!member.contains("[workspace]"), "{member}");
    assert!(member.contains("guestkit.workspace = true"), "{member}");
    // The workspace builds with it: cargo sees one workspace, three guests.
    let built = cli(&["build"], &app);
    let said = String::from_utf8_lossy(&built.stderr).into_owned();
    success(built);
    for guest in ["inventory", "orders", "shipping"] {
        assert!(said.contains(&format!("{guest}.wasm")), "{said}");
    }

    // An actor may not take a name the ingress's own paths begin with.
    let manifest = app.join("Cargo.toml");
    let declared = std::fs::read_to_string(&manifest).unwrap();
    let reserved = "\n[workspace.metadata.guestkit.actors.wit]\npackage = \"orders\"\n";
    std::fs::write(&manifest, format!("{declared}{reserved}")).unwrap();
    let err = failure(cli(&["serve", "--listen", "127.0.0.1:0"], &app));
    assert!(
        err.contains("actors.wit]: `wit` is a path of the ingress's own"),
        "{err}"
    );
    // Its limits are applied: no actor starts in one page less than it needs.
    let limited = declared.replace(
        "[workspace.metadata.guestkit.actors.orders]\npackage = \"orders\"\n",
        "[workspace.metadata.guestkit.actors.orders]\npackage = \"orders\"\nmax_memory_bytes = 65536\n",
    );
    assert_ne!(limited, declared);
    std::fs::write(&manifest, limited).unwrap();
    let err = failure(cli(&["serve", "--listen", "127.0.0.1:0"], &app));
    assert!(err.contains("starting actor `orders`"), "{err}");
    std::fs::write(&manifest, declared).unwrap();

    // An app in an app is refused, naming the workspace it would sit in.
    let err = failure(cli(&["new", "mall", "--template", "app"], &app));
    assert!(err.contains("an app is a workspace of its own"), "{err}");
    let err = failure(cli(&["new", "shop", "--template", "bazaar"], tmp.path()));
    assert!(
        err.contains("possible values: service, actor, workflow, app"),
        "{err}"
    );
}

#[test]
fn dev_swaps_new_versions_in_with_their_state_and_refuses_breaking_ones() {
    let tmp = tempfile::tempdir().unwrap();
    success(cli(&["new", "store", "--template", "app"], tmp.path()));
    let app = tmp.path().join("store");
    let server = Server::start("dev", &app);
    let order = |n: u32| {
        let body = format!(r#"{{"item": "widget", "quantity": {n}}}"#);
        server.json("/orders.v1.OrdersService/PlaceOrder", &body)
    };

    // orders calls inventory, which it finds by name.
    let restock = r#"{"item": "widget", "quantity": 10}"#;
    let (status, stock) = server.json("/inventory.v1.InventoryService/Restock", restock);
    assert_eq!((status, &stock["inStock"]), (200, &serde_json::json!(10)));
    let (status, placed) = order(2);
    assert_eq!(status, 200, "{placed}");
    assert_eq!(
        placed,
        serde_json::json!({"orderNumber": "1", "leftInStock": 8})
    );
    let (status, refused) = order(100);
    assert_eq!(
        (status, &refused["code"]),
        (400, &serde_json::json!("failed_precondition")),
        "{refused}"
    );

    // A new handler: swapped in, with the order count and the stock as they were.
    let orders = app.join("orders/src/lib.rs");
    edit(
        &orders,
        "order_number: self.placed,",
        "order_number: self.placed * 100,",
    );
    server.wait_for_line(|l| l == "swapped orders (orders) to the new version");
    assert_eq!(
        order(1).1,
        serde_json::json!({"orderNumber": "200", "leftInStock": 7})
    );

    // A new field: safe, swapped in, and the ingress speaks the new contract.
    edit(
        &app.join("orders/proto/orders.proto"),
        "  uint32 left_in_stock = 2;\n",
        "  uint32 left_in_stock = 2;\n  string note = 3;\n",
    );
    edit(
        &orders,
        "left_in_stock: stock.in_stock }",
        "left_in_stock: stock.in_stock, note: \"thanks\".into() }",
    );
    server.wait_for_lines(2, |l| l == "swapped orders (orders) to the new version");
    assert_eq!(
        order(1).1,
        serde_json::json!({"orderNumber": "300", "leftInStock": 6, "note": "thanks"})
    );

    // A breaking change (a field's number): refused with the finding; the former version
    // keeps serving, state and all.
    edit(
        &app.join("orders/proto/orders.proto"),
        "uint32 left_in_stock = 2;",
        "uint32 left_in_stock = 4;",
    );
    let refused = server.wait_for_line(|l| l.starts_with("orders: not swapped"));
    assert!(refused.contains("break its callers"), "{refused}");
    let said = server.said();
    assert!(
        said.iter()
            .any(|l| l.starts_with("orders: ")
                && l.contains("[FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED]")),
        "{said:?}"
    );
    assert_eq!(
        order(1).1,
        serde_json::json!({"orderNumber": "400", "leftInStock": 5, "note": "thanks"})
    );

    // Code that cannot read the actor's persisted fields: refused, naming the field.
    edit(
        &app.join("orders/proto/orders.proto"),
        "uint32 left_in_stock = 4;",
        "uint32 left_in_stock = 2;",
    );
    edit(&orders, "placed: u64,", "placed: String,");
    edit(&orders, "self.placed += 1;", "self.placed.push('x');");
    edit(
        &orders,
        "order_number: self.placed * 100,",
        "order_number: self.placed.len() as u64,",
    );
    let refused = server.wait_for_lines(2, |l| l.starts_with("orders: not swapped"));
    assert!(refused[1].contains("`placed`"), "{refused:?}");
    assert!(
        refused[1].contains("former code keeps running"),
        "{refused:?}"
    );
    assert_eq!(
        order(1).1,
        serde_json::json!({"orderNumber": "500", "leftInStock": 4, "note": "thanks"})
    );

    // A build that fails leaves it serving too.
    edit(&orders, "self.placed.push('x');", "self.placed.push(");
    server.wait_for_line(|l| l.starts_with("build failed; the running versions keep serving"));
    assert_eq!(order(1).0, 200);
}
