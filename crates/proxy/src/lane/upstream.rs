//! The lane's upstream side: raw HTTP/1.1 connections (TCP, or rustls over TCP for `https`), kept in the
//! loop's own [`Pool`]; their replies are read by [`super::framing`].
//!
//! The rules are the general path's (`client.rs`): `TCP_NODELAY`, the configured connect timeout, one
//! total deadline per exchange, reuse of a connection only once its reply was read to the end, and no
//! request ever sent twice. A pooled connection that the upstream closed (or wrote to) while it sat
//! idle is dropped at checkout, before anything is written to it, which is the one case the general
//! path retries.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::BytesMut;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::Instant;
use tokio_rustls::client::TlsStream;
use tokio_rustls::TlsConnector;

use crate::error::ProxyError;
use crate::host::{Host, Scheme};
use crate::pool::{Conn, Idle, Key, Pool, IDLE_TIMEOUT};
use crate::Config;

/// One upstream connection.
pub(crate) enum Stream {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

impl Stream {
    fn tcp(&self) -> &TcpStream {
        match self {
            Self::Plain(s) => s,
            Self::Tls(s) => s.get_ref().0,
        }
    }

    /// Open with nothing to read: an idle connection the upstream has neither closed nor written to.
    fn quiet(&self) -> bool {
        matches!(self.tcp().try_read(&mut [0; 1]), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock)
    }
}

impl AsyncRead for Stream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Self::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Self::Tls(s) => Pin::new(s).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Stream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        match self.get_mut() {
            Self::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Self::Tls(s) => Pin::new(s).poll_write(cx, buf),
        }
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Self::Plain(s) => Pin::new(s).poll_flush(cx),
            Self::Tls(s) => Pin::new(s).poll_flush(cx),
        }
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Self::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Self::Tls(s) => Pin::new(s).poll_shutdown(cx),
        }
    }
}

/// A connection and the bytes read from it but not yet used.
pub(crate) struct Link {
    pub(crate) stream: Stream,
    pub(crate) buf: BytesMut,
}

impl Idle for Link {
    fn ready(&self) -> bool {
        self.stream.quiet()
    }
    fn closed(&self) -> bool {
        !self.stream.quiet()
    }
}

/// One loop's upstream side: TLS settings, connect timeout, idle connections.
#[derive(Clone)]
pub(crate) struct Client {
    tls: TlsConnector,
    connect_timeout: std::time::Duration,
    pool: Pool<Link>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("lane::Client").finish_non_exhaustive()
    }
}

impl Client {
    /// With the process's TLS settings, shared with the general path (built once, `tls.rs`).
    pub(crate) fn new(cfg: &Config, tls: &Arc<rustls::ClientConfig>) -> Self {
        Self {
            tls: TlsConnector::from(Arc::clone(tls)),
            connect_timeout: cfg.connect_timeout,
            pool: Pool::new(cfg.max_concurrent, IDLE_TIMEOUT),
        }
    }

    /// An idle connection to the upstream, or a new one (connected before `deadline`).
    pub(crate) async fn link(
        &self,
        scheme: Scheme,
        host: &Host,
        port: u16,
        authority: &str,
        deadline: Instant,
    ) -> Result<Conn<Link>, ProxyError> {
        if let Some(conn) = self.pool.checkout(scheme, authority) {
            return Ok(conn);
        }
        let timeout = |_| ProxyError::UpstreamTimeout(authority.to_owned());
        let stream = tokio::time::timeout_at(deadline, self.connect(scheme, host, port, authority))
            .await
            .map_err(timeout)??;
        Ok(Conn {
            key: Arc::new(Key {
                scheme,
                authority: authority.into(),
            }),
            sender: Link {
                stream,
                buf: BytesMut::with_capacity(8 * 1024),
            },
            reused: false,
        })
    }

    /// Keeps a connection whose reply was read to the end.
    pub(crate) fn put(&self, conn: Conn<Link>) {
        self.pool.put(conn);
    }

    async fn connect(
        &self,
        scheme: Scheme,
        host: &Host,
        port: u16,
        authority: &str,
    ) -> Result<Stream, ProxyError> {
        let failed = |e: std::io::Error| ProxyError::from_connect(&e, authority);
        let name = match host {
            Host::Dns(s) => s.as_str(),
            Host::Ip(s) => s.trim_start_matches('[').trim_end_matches(']'),
        };
        let tcp = match tokio::time::timeout(self.connect_timeout, TcpStream::connect((name, port)))
            .await
        {
            Ok(tcp) => tcp.map_err(failed)?,
            Err(_) => return Err(ProxyError::UpstreamTimeout(authority.to_owned())),
        };
        let _ = tcp.set_nodelay(true);
        if scheme == Scheme::Http {
            return Ok(Stream::Plain(tcp));
        }
        let server = rustls::pki_types::ServerName::try_from(name.to_owned())
            .map_err(|_| ProxyError::UpstreamConnect(authority.to_owned()))?;
        let tls = self.tls.connect(server, tcp).await.map_err(failed)?;
        Ok(Stream::Tls(Box::new(tls)))
    }
}
