//! The TLS settings of every upstream connection, the general path's and the lane's alike: rustls with
//! ring, HTTP/1.1 by ALPN, and as trust anchors the webpki roots plus the CA certificates of
//! [`crate::Config::ca_files`].
//!
//! Why extra CA files: a corporate network that inspects TLS re-signs every cloud certificate with its
//! own CA, which no public root list holds; without it the proxy could reach no cloud from there. The
//! certificates are read once at start, so a wrong file stops the proxy with a message instead of
//! failing every call later.

use std::path::Path;
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;

use crate::Config;

/// The client settings built from `cfg`; a CA file that cannot be read or holds no usable
/// certificate is an error naming the file.
pub(crate) fn client_config(cfg: &Config) -> std::io::Result<rustls::ClientConfig> {
    let mut roots =
        rustls::RootCertStore::from_iter(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    for path in &cfg.ca_files {
        for cert in read_certs(path)? {
            roots
                .add(cert)
                .map_err(|e| invalid(path, &format!("not a usable CA certificate ({e})")))?;
        }
    }
    let mut tls = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|_| std::io::Error::other("cannot initialise TLS"))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    tls.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(tls)
}

/// Every `CERTIFICATE` block of a PEM file (at least one).
fn read_certs(path: &Path) -> std::io::Result<Vec<CertificateDer<'static>>> {
    // The PEM parser's own messages name byte values; only its I/O errors read well as they are.
    let unreadable = |e: rustls::pki_types::pem::Error| match e {
        rustls::pki_types::pem::Error::Io(io) => invalid(path, &io.to_string()),
        _ => invalid(path, "not a valid PEM file"),
    };
    let certs = CertificateDer::pem_file_iter(path)
        .map_err(unreadable)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(unreadable)?;
    if certs.is_empty() {
        return Err(invalid(path, "no PEM certificate in it"));
    }
    Ok(certs)
}

fn invalid(path: &Path, why: &str) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!("CA file {}: {why}", path.display()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ca_files_and_names_a_bad_one() {
        let dir = tempfile::tempdir().expect("tmp");
        let mut cfg = Config::new("dist");
        assert!(client_config(&cfg).is_ok(), "no extra CA is fine");
        let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tls/ca.pem");
        cfg.ca_files.push(good);
        assert!(client_config(&cfg).is_ok());
        for (name, text) in [
            ("empty.pem", ""),
            (
                "key.pem",
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
            ),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, text).expect("write");
            cfg.ca_files = vec![path];
            let e = client_config(&cfg).expect_err(name).to_string();
            assert!(e.contains(name) && e.contains("no PEM certificate"), "{e}");
        }
        let cut = dir.path().join("cut.pem");
        std::fs::write(&cut, "-----BEGIN CERTIFICATE-----\nAAAA\n").expect("write");
        cfg.ca_files = vec![cut];
        let e = client_config(&cfg).expect_err("cut").to_string();
        assert!(e.ends_with("cut.pem: not a valid PEM file"), "{e}");
        cfg.ca_files = vec![dir.path().join("missing.pem")];
        let e = client_config(&cfg).expect_err("missing").to_string();
        assert!(e.contains("missing.pem"), "{e}");
    }
}
