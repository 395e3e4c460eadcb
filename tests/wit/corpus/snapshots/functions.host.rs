/// Calls the exports of `functions` on an actor running in a shim. Each call runs between two of the actor's handlers; its state writes commit when it returns.
#[derive(Clone)]
pub struct FunctionsClient<'transport> {
    transport: &'transport ::guestkit_shim::Shim,
    to: ::guestkit_shim::Address,
    timeout: ::core::time::Duration,
}
impl<'transport> FunctionsClient<'transport> {
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
    pub async fn run(
        &self,
        args: ::std::vec::Vec<::std::string::String>,
    ) -> ::core::result::Result<
        ::core::result::Result<u32, ::std::string::String>,
        ::guestkit_shim::InvokeError,
    > {
        let results = self
            .transport
            .invoke(
                &self.to,
                ::core::option::Option::None,
                "run",
                ::std::vec![::guestkit_shim::__private::value::IntoVal::into_val(args)],
                self.timeout,
            )
            .await?;
        ::guestkit_shim::__private::value::from_results(
            results,
            ::core::option::Option::None,
            "run",
        )
    }
    pub async fn version(
        &self,
    ) -> ::core::result::Result<(u16, u16, u16), ::guestkit_shim::InvokeError> {
        let results = self
            .transport
            .invoke(
                &self.to,
                ::core::option::Option::None,
                "version",
                ::std::vec![],
                self.timeout,
            )
            .await?;
        ::guestkit_shim::__private::value::from_results(
            results,
            ::core::option::Option::None,
            "version",
        )
    }
}
