//! TLS to the server, as libpq's `sslmode` and `sslrootcert` ask for it, on rustls (with
//! ring, which the NATS client brings already).
//!
//! | `sslmode` | TLS | the server's certificate |
//! |---|---|---|
//! | `disable` | never | — |
//! | `prefer` (the default) | when the server offers it | not checked |
//! | `require` | always | not checked; with `sslrootcert`, as `verify-ca` |
//! | `verify-ca` | always | signed by a root of `sslrootcert` (else the system's) |
//! | `verify-full` | always | that, and issued for the host connected to |
//!
//! `sslrootcert=system` takes the system's roots and implies `verify-full`, as in libpq 16.
//! `tokio-postgres` itself knows only `disable`, `prefer` and `require`: the URL it is given
//! says `require` for the two checking modes, and leaves `sslrootcert` out.

use std::path::PathBuf;
use std::sync::Arc;

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore};
use rustls::{Error, SignatureScheme};
use tokio_postgres_rustls::MakeRustlsConnect;

/// How the server's certificate is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Check {
    /// Not at all: the connection is encrypted, and whoever answers is trusted.
    Nothing,
    /// Its chain, up to one of these roots; not the name it was issued for.
    Chain(Roots),
    /// Its chain and its name.
    Full(Roots),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Roots {
    File(PathBuf),
    System,
}

/// The connection string for `tokio-postgres`, and the TLS connector for it, from `url`.
pub fn configure(url: &str) -> Result<(String, MakeRustlsConnect), String> {
    let (url, check) = options(url)?;
    Ok((url, MakeRustlsConnect::new(client_config(&check)?)))
}

/// Takes what `tokio-postgres` does not parse out of a `postgres://` URL. The `key=value`
/// form is left as it is: it takes `disable`, `prefer` and `require`.
fn options(url: &str) -> Result<(String, Check), String> {
    if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
        return Ok((url.to_owned(), Check::Nothing));
    }
    let Ok(mut parsed) = url::Url::parse(url) else {
        // `tokio-postgres` says what is wrong with it.
        return Ok((url.to_owned(), Check::Nothing));
    };
    let pairs: Vec<(String, String)> = parsed.query_pairs().into_owned().collect();
    let find = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let mode = find("sslmode");
    let roots = find("sslrootcert").map(|root| match root.as_str() {
        "system" => Roots::System,
        file => Roots::File(PathBuf::from(file)),
    });
    let check = match (mode.as_deref(), roots) {
        (_, Some(Roots::System)) | (Some("verify-full"), None) => Check::Full(Roots::System),
        (Some("verify-full"), Some(roots)) => Check::Full(roots),
        (Some("verify-ca"), roots) => Check::Chain(roots.unwrap_or(Roots::System)),
        (Some("require"), Some(roots)) => Check::Chain(roots),
        _ => Check::Nothing,
    };
    if check == Check::Nothing && !pairs.iter().any(|(k, _)| k == "sslrootcert") {
        return Ok((url.to_owned(), Check::Nothing));
    }
    // The other parameters as they were written (their encoding kept), then the mode
    // `tokio-postgres` knows.
    let kept = (parsed.query().unwrap_or_default().split('&'))
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or_default();
            !pair.is_empty() && key != "sslmode" && key != "sslrootcert"
        })
        .map(str::to_owned);
    let mode = match (&check, mode) {
        (Check::Full(_) | Check::Chain(_), _) => Some("sslmode=require".to_owned()),
        (Check::Nothing, mode) => mode.map(|mode| format!("sslmode={mode}")),
    };
    let query: Vec<String> = kept.chain(mode).collect();
    parsed.set_query((!query.is_empty()).then(|| query.join("&")).as_deref());
    Ok((parsed.to_string(), check))
}

fn client_config(check: &Check) -> Result<ClientConfig, String> {
    // ring, as the NATS client's TLS uses: rustls marks it deprecated for lacking
    // post-quantum key exchange, which only its aws-lc-rs provider (a C build) has so far.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(Arc::clone(&provider))
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS: {e}"))?;
    let verifier: Arc<dyn ServerCertVerifier> = match check {
        Check::Nothing => Arc::new(Unchecked(provider)),
        Check::Chain(roots) => Arc::new(AnyName(webpki(roots, provider)?)),
        Check::Full(roots) => webpki(roots, provider)?,
    };
    Ok(builder
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth())
}

fn webpki(
    roots: &Roots,
    provider: Arc<CryptoProvider>,
) -> Result<Arc<WebPkiServerVerifier>, String> {
    let mut store = RootCertStore::empty();
    match roots {
        Roots::File(path) => {
            let unread = |e: &dyn std::fmt::Display| {
                format!("sslrootcert: cannot read {}: {e}", path.display())
            };
            for cert in CertificateDer::pem_file_iter(path).map_err(|e| unread(&e))? {
                let cert = cert.map_err(|e| unread(&e))?;
                store.add(cert).map_err(|e| unread(&e))?;
            }
            if store.is_empty() {
                return Err(unread(&"it holds no PEM certificate"));
            }
        }
        Roots::System => {
            let found = rustls_native_certs::load_native_certs();
            let (added, _) = store.add_parsable_certificates(found.certs);
            if added == 0 {
                return Err(
                    "checking the server's certificate needs roots: the system has none \
                     this process can read; give sslrootcert=FILE"
                        .into(),
                );
            }
        }
    }
    WebPkiServerVerifier::builder_with_provider(Arc::new(store), provider)
        .build()
        .map_err(|e| format!("TLS: {e}"))
}

/// `sslmode=prefer` or `require` without roots: any certificate, as libpq takes it. The
/// handshake's signatures are still checked, so the connection is encrypted to whoever holds
/// the certificate's key.
#[derive(Debug)]
struct Unchecked(Arc<CryptoProvider>);

impl ServerCertVerifier for Unchecked {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        let algorithms = &self.0.signature_verification_algorithms;
        verify_tls12_signature(message, cert, dss, algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        let algorithms = &self.0.signature_verification_algorithms;
        verify_tls13_signature(message, cert, dss, algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// `sslmode=verify-ca`: the chain is checked, the name it was issued for is not.
#[derive(Debug)]
struct AnyName(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for AnyName {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        let verified =
            self.0
                .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now);
        match verified {
            Err(Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(url: &str) -> (String, Check) {
        options(url).unwrap()
    }

    #[test]
    fn the_checking_modes_reach_tokio_postgres_as_require_and_their_roots_stay_here() {
        let file = || Roots::File("/ca.pem".into());
        assert_eq!(
            parsed("postgres://u@h/db?sslmode=verify-full&sslrootcert=/ca.pem&application_name=a"),
            (
                "postgres://u@h/db?application_name=a&sslmode=require".into(),
                Check::Full(file())
            )
        );
        assert_eq!(
            parsed("postgres://u@h/db?sslmode=verify-ca").1,
            Check::Chain(Roots::System)
        );
        assert_eq!(
            parsed("postgres://u@h/db?sslmode=require&sslrootcert=/ca.pem").1,
            Check::Chain(file())
        );
        assert_eq!(
            parsed("postgres://u@h/db?sslrootcert=system"),
            (
                "postgres://u@h/db?sslmode=require".into(),
                Check::Full(Roots::System)
            )
        );
        assert_eq!(
            parsed("postgres://u@h/db?options=-c%20x%3Dy&sslmode=verify-full&sslrootcert=/ca.pem")
                .0,
            "postgres://u@h/db?options=-c%20x%3Dy&sslmode=require",
            "the other parameters keep their encoding"
        );
        for plain in [
            "postgres://u@h/db?options=-c%20x%3Dy&application_name=a%20b",
            "postgres://u@h/db",
            "postgres://u@h/db?sslmode=require",
            "postgres://u@h/db?sslmode=disable",
            "host=h user=u sslmode=require",
        ] {
            assert_eq!(parsed(plain), (plain.to_owned(), Check::Nothing), "{plain}");
        }
    }

    #[test]
    fn roots_that_cannot_be_read_are_named() {
        let missing = Check::Full(Roots::File("/no/such/ca.pem".into()));
        let e = client_config(&missing).unwrap_err();
        assert!(
            e.contains("sslrootcert: cannot read /no/such/ca.pem"),
            "{e}"
        );
    }
}
