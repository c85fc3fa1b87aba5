//! Passing a reply body from the upstream connection to the client, as it arrives.
//!
//! A length-framed body goes through unchanged. A chunked one is decoded (sizes by `httparse`) and sent
//! as chunks again, without its trailers, as the general path does; a body that runs until the upstream
//! closes is sent as chunks too. Nothing is buffered beyond what one read brings. Every upstream read is
//! bounded by the exchange's deadline. When the body breaks off (the upstream closes early, sends bad
//! framing, or misses the deadline), the client's connection is closed without the end of the body, so
//! the page sees a failed reply rather than a short one.

use tokio::io::{AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::time::Instant;

use super::framing::Framing;
use super::reply::chunk;
use super::upstream::Link;

/// Bytes of a chunk-size line or a trailer line read before giving up on the framing.
const LINE_MAX: usize = 16 * 1024;

/// The body broke off (see the module docs); the client's connection must be closed.
#[derive(Debug)]
pub(crate) struct Broken;

/// Sends `out` (the reply head, already written into it) and the body framed by `framing` to `client`.
/// Ok once the whole body went through, leaving `link.buf` with whatever followed it.
pub(crate) async fn pass<W: AsyncWrite + Unpin>(
    link: &mut Link,
    framing: Framing,
    client: &mut W,
    out: &mut Vec<u8>,
    deadline: Instant,
) -> Result<(), Broken> {
    match framing {
        Framing::Empty => {}
        Framing::Length(n) => {
            let mut left = n;
            loop {
                let take = usize::try_from(left)
                    .unwrap_or(usize::MAX)
                    .min(link.buf.len());
                out.extend_from_slice(&link.buf.split_to(take));
                left -= take as u64;
                if left == 0 {
                    break;
                }
                flush(client, out).await?;
                fill(link, deadline).await?;
            }
        }
        Framing::Chunked => chunked(link, client, out, deadline).await?,
        Framing::Close => loop {
            if !link.buf.is_empty() {
                let data = link.buf.split();
                chunk(out, &data);
                flush(client, out).await?;
            }
            if !more(link, deadline).await? {
                chunk(out, b"");
                break;
            }
        },
    }
    flush(client, out).await
}

/// Decodes a chunked body from `link` and sends it on as chunks.
async fn chunked<W: AsyncWrite + Unpin>(
    link: &mut Link,
    client: &mut W,
    out: &mut Vec<u8>,
    deadline: Instant,
) -> Result<(), Broken> {
    // Bytes of the current chunk still to come; `None` while a size line is expected.
    let mut data: Option<u64> = None;
    loop {
        match data {
            None => match httparse::parse_chunk_size(&link.buf) {
                Ok(httparse::Status::Complete((used, 0))) => {
                    let _ = link.buf.split_to(used);
                    break;
                }
                Ok(httparse::Status::Complete((used, size))) => {
                    let _ = link.buf.split_to(used);
                    data = Some(size);
                    continue;
                }
                Ok(httparse::Status::Partial) if link.buf.len() < LINE_MAX => {}
                _ => return Err(Broken),
            },
            Some(0) => {
                if link.buf.len() >= 2 {
                    if link.buf[..2] != *b"\r\n" {
                        return Err(Broken);
                    }
                    let _ = link.buf.split_to(2);
                    data = None;
                    continue;
                }
            }
            Some(left) => {
                let take = usize::try_from(left)
                    .unwrap_or(usize::MAX)
                    .min(link.buf.len());
                if take > 0 {
                    chunk(out, &link.buf.split_to(take));
                    data = Some(left - take as u64);
                    continue;
                }
            }
        }
        flush(client, out).await?;
        fill(link, deadline).await?;
    }
    // Trailers, dropped, up to the empty line.
    loop {
        if let Some(end) = link.buf.windows(2).position(|w| w == b"\r\n") {
            let _ = link.buf.split_to(end + 2);
            if end == 0 {
                break;
            }
            continue;
        }
        if link.buf.len() >= LINE_MAX {
            return Err(Broken);
        }
        fill(link, deadline).await?;
    }
    chunk(out, b"");
    Ok(())
}

async fn flush<W: AsyncWrite + Unpin>(client: &mut W, out: &mut Vec<u8>) -> Result<(), Broken> {
    if !out.is_empty() {
        client.write_all(out).await.map_err(|_| Broken)?;
        out.clear();
    }
    Ok(())
}

/// Reads more of the body; the upstream closing here breaks it off.
async fn fill(link: &mut Link, deadline: Instant) -> Result<(), Broken> {
    if more(link, deadline).await? {
        Ok(())
    } else {
        Err(Broken)
    }
}

/// Reads more; false when the upstream closed the connection.
async fn more(link: &mut Link, deadline: Instant) -> Result<bool, Broken> {
    link.buf.reserve(8 * 1024);
    match tokio::time::timeout_at(deadline, link.stream.read_buf(&mut link.buf)).await {
        Ok(Ok(n)) => Ok(n > 0),
        _ => Err(Broken),
    }
}
