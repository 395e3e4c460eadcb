#[allow(dead_code, clippy::all)]
pub mod corpus {
    pub mod resources {
        pub mod files {
            /// Calls the exports of `corpus:resources/files@0.1.0` on an actor running in a shim. Each call runs between two of the actor's handlers; its state writes commit when it returns.
            /**
 Not callable from the host (they take or return resources, futures or streams):*/
            /// - `[constructor]file`
            /// - `[method]file.name`
            /// - `[method]file.write`
            /// - `[static]file.open`
            /// - `[method]file.copy-from`
            /// - `list-all`
            /// - `size-of`
            /// - `close`
            #[derive(Clone)]
            pub struct FilesClient<'transport> {
                transport: &'transport ::guestkit_shim::Shim,
                to: ::guestkit_shim::Address,
                timeout: ::core::time::Duration,
            }
            impl<'transport> FilesClient<'transport> {
                /// A stub for the actor at `to`, called through `transport` (Shim).
                pub fn new(
                    transport: &'transport ::guestkit_shim::Shim,
                    to: impl ::core::convert::Into<::guestkit_shim::Address>,
                ) -> Self {
                    Self {
                        transport,
                        to: to.into(),
                        timeout: ::core::time::Duration::from_secs(30),
                    }
                }
                /// How long each call waits for its outcome before failing as timed out.
                pub fn with_timeout(mut self, timeout: ::core::time::Duration) -> Self {
                    self.timeout = timeout;
                    self
                }
            }
        }
    }
}
