//! Guest-side bindings of `guestkit:host/actor` (wit-bindgen). The export macro is public so
//! that `#[guestkit::actor]` can invoke it in the user's crate, where the component's export
//! symbols must live.

wit_bindgen::generate!({
    path: "../wit",
    world: "guestkit:host/actor",
    pub_export_macro: true,
    export_macro_name: "export_actor_world",
    default_bindings_module: "::guestkit::__private::bindings",
    runtime_path: "::guestkit::__private::wit_bindgen::rt",
    generate_all,
});
