//! The body of a forwarded reply: the upstream's bytes passed straight through, frame by frame.
//!
//! It also carries what must live exactly as long as the reply: the concurrency permit (released at the
//! last byte or when the page goes away), the exchange's total deadline (a reply body that stalls past it
//! ends with an error), and the upstream host for error messages that never include the URL. For audited
//! writes, [`ReplyBody::peek`] reads the start of the body to find the cloud's request id and replays it.
//!
//! A plain [`Body`] rather than a boxed stream: no extra allocation or combinator per chunk, and the
//! upstream's exact length stays visible to the server, which then frames the reply the same way.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use axum::body::Bytes;
use http_body::{Body, Frame, SizeHint};
use hyper::body::Incoming;
use tokio::sync::OwnedSemaphorePermit;
use tokio::time::{Instant, Sleep};

use crate::error::ProxyError;

/// A streamed upstream reply (see the module docs).
pub(crate) struct ReplyBody {
    /// Chunks already read by [`ReplyBody::peek`], handed out first.
    replay: VecDeque<Bytes>,
    /// An error met while peeking, handed out after the replayed chunks.
    failed: Option<std::io::Error>,
    inner: Incoming,
    deadline: Instant,
    /// Created only when the upstream makes us wait, so small replies never touch the timer.
    timer: Option<Pin<Box<Sleep>>>,
    host: String,
    _permit: OwnedSemaphorePermit,
}

impl ReplyBody {
    /// Wraps the upstream body; `host` is used in error messages.
    pub(crate) fn new(
        inner: Incoming,
        permit: OwnedSemaphorePermit,
        deadline: Instant,
        host: String,
    ) -> Self {
        Self {
            replay: VecDeque::new(),
            failed: None,
            inner,
            deadline,
            timer: None,
            host,
            _permit: permit,
        }
    }

    /// Reads chunks until more than `limit` bytes are buffered or the body ends; returns the whole body
    /// when it ended within the limit. What was read is replayed to the page afterwards.
    pub(crate) async fn peek(&mut self, limit: usize) -> Option<Vec<u8>> {
        let mut size = 0;
        while size <= limit {
            match std::future::poll_fn(|cx| self.poll_upstream(cx)).await {
                Some(Ok(chunk)) => {
                    size += chunk.len();
                    self.replay.push_back(chunk);
                }
                Some(Err(e)) => {
                    self.failed = Some(e);
                    return None;
                }
                None => return Some(self.replay.iter().flat_map(|b| b.iter().copied()).collect()),
            }
        }
        None
    }

    /// The next data chunk from the upstream, skipping trailers, bounded by the deadline.
    fn poll_upstream(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, std::io::Error>>> {
        loop {
            match Pin::new(&mut self.inner).poll_frame(cx) {
                Poll::Ready(Some(Ok(frame))) => {
                    if let Ok(data) = frame.into_data() {
                        return Poll::Ready(Some(Ok(data)));
                    }
                }
                Poll::Ready(Some(Err(e))) => {
                    let err = ProxyError::from_upstream(&e, &self.host);
                    return Poll::Ready(Some(Err(std::io::Error::other(err.to_string()))));
                }
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => {
                    let deadline = self.deadline;
                    let timer = self
                        .timer
                        .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
                    ready!(timer.as_mut().poll(cx));
                    let err = ProxyError::UpstreamTimeout(self.host.clone());
                    return Poll::Ready(Some(Err(std::io::Error::other(err.to_string()))));
                }
            }
        }
    }
}

impl Body for ReplyBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        let this = self.get_mut();
        if let Some(chunk) = this.replay.pop_front() {
            return Poll::Ready(Some(Ok(Frame::data(chunk))));
        }
        if let Some(e) = this.failed.take() {
            return Poll::Ready(Some(Err(e)));
        }
        this.poll_upstream(cx).map_ok(Frame::data)
    }

    fn is_end_stream(&self) -> bool {
        self.replay.is_empty() && self.failed.is_none() && self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        let replayed: usize = self.replay.iter().map(Bytes::len).sum();
        let replayed = replayed as u64;
        let rest = self.inner.size_hint();
        let mut hint = SizeHint::new();
        hint.set_lower(rest.lower() + replayed);
        if let Some(upper) = rest.upper() {
            hint.set_upper(upper + replayed);
        }
        hint
    }
}
