//! A buffered log sink for the tracing subscriber, so the per-request access line costs a memory copy
//! instead of a `write(2)` on the request's own thread.
//!
//! Lines are appended to an in-memory buffer that a background thread writes out every
//! [`FLUSH_INTERVAL`]. Memory is bounded: a thread that finds [`MAX_PENDING`] bytes waiting writes them
//! out itself (so a stalled stderr slows logging down instead of growing the heap). Warnings and errors
//! are written out at once. Lines are never reordered or dropped, and [`FlushGuard`] writes what is left
//! when it is dropped, at the end of `main`.

use std::io::Write;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use tracing::{Level, Metadata};
use tracing_subscriber::fmt::MakeWriter;

/// How often the background thread writes out buffered lines: short enough to read logs live.
pub const FLUSH_INTERVAL: Duration = Duration::from_millis(50);
/// Buffered bytes beyond which the logging thread writes them out itself.
pub const MAX_PENDING: usize = 64 * 1024;

/// The buffer and the sink. Lock order: `pending`, then `sink`; taking `sink` before releasing
/// `pending` keeps chunks in the order they were buffered.
struct Shared {
    pending: Mutex<Vec<u8>>,
    /// The destination and a spare buffer that is swapped with `pending` when writing out.
    sink: Mutex<(Box<dyn Write + Send>, Vec<u8>)>,
    stop: Mutex<bool>,
    wake: Condvar,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared {
    fn append(&self, line: &[u8], urgent: bool) {
        let mut pending = lock(&self.pending);
        pending.extend_from_slice(line);
        if urgent || pending.len() >= MAX_PENDING {
            self.write_out(pending);
        }
    }

    /// Writes out everything buffered so far. Log output failing is not worth failing a request for, so
    /// write errors are ignored.
    fn write_out(&self, mut pending: MutexGuard<'_, Vec<u8>>) {
        if pending.is_empty() {
            return;
        }
        let mut sink = lock(&self.sink);
        let (out, spare) = &mut *sink;
        std::mem::swap(&mut *pending, spare);
        drop(pending);
        let _ = out.write_all(spare).and_then(|()| out.flush());
        spare.clear();
        if spare.capacity() > 4 * MAX_PENDING {
            spare.shrink_to(MAX_PENDING);
        }
    }

    fn flush(&self) {
        self.write_out(lock(&self.pending));
    }
}

/// The [`MakeWriter`] handed to `tracing_subscriber::fmt().with_writer(..)`.
#[derive(Clone)]
pub struct BufferedWriter {
    shared: Arc<Shared>,
}

/// Writes out what is still buffered and stops the background thread when dropped; keep it alive for
/// as long as the program logs.
#[must_use = "dropping the guard stops the background flushing"]
pub struct FlushGuard {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

/// A buffered writer over `sink` (stderr in the binary, a capture in tests) and its guard.
pub fn buffered(sink: impl Write + Send + 'static) -> (BufferedWriter, FlushGuard) {
    let shared = Arc::new(Shared {
        pending: Mutex::new(Vec::with_capacity(MAX_PENDING)),
        sink: Mutex::new((Box::new(sink), Vec::with_capacity(MAX_PENDING))),
        stop: Mutex::new(false),
        wake: Condvar::new(),
    });
    let bg = Arc::clone(&shared);
    let thread = std::thread::Builder::new()
        .name("log-flush".into())
        .spawn(move || loop {
            let stop = lock(&bg.stop);
            let (stop, _) = bg
                .wake
                .wait_timeout_while(stop, FLUSH_INTERVAL, |s| !*s)
                .unwrap_or_else(PoisonError::into_inner);
            let stopping = *stop;
            drop(stop);
            bg.flush();
            if stopping {
                break;
            }
        })
        .ok();
    (
        BufferedWriter {
            shared: Arc::clone(&shared),
        },
        FlushGuard { shared, thread },
    )
}

impl Drop for FlushGuard {
    fn drop(&mut self) {
        *lock(&self.shared.stop) = true;
        self.shared.wake.notify_all();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        self.shared.flush();
    }
}

/// One event's writer: the formatter hands it a whole line at once.
pub struct LineWriter<'a> {
    shared: &'a Shared,
    urgent: bool,
}

impl Write for LineWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.shared.append(buf, self.urgent);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl BufferedWriter {
    /// Appends a whole line (at info level: buffered, not written out at once).
    pub(crate) fn append(&self, line: &[u8]) {
        self.shared.append(line, false);
    }
}

impl<'a> MakeWriter<'a> for BufferedWriter {
    type Writer = LineWriter<'a>;

    fn make_writer(&'a self) -> LineWriter<'a> {
        LineWriter {
            shared: &self.shared,
            urgent: false,
        }
    }

    fn make_writer_for(&'a self, meta: &Metadata<'_>) -> LineWriter<'a> {
        LineWriter {
            shared: &self.shared,
            urgent: *meta.level() <= Level::WARN,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sink recording each `write_all` batch.
    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<Vec<u8>>>>);

    impl Write for Sink {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().expect("lock").push(b.to_vec());
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn batches_in_order_bounds_memory_and_flushes_on_drop() {
        let sink = Sink::default();
        let (w, guard) = buffered(sink.clone());
        let line = vec![b'x'; 1000];
        for _ in 0..200 {
            w.make_writer().write_all(&line).expect("write");
            assert!(lock(&w.shared.pending).len() < MAX_PENDING, "bounded");
        }
        w.make_writer().write_all(b"last\n").expect("write");
        drop(guard);
        let batches = sink.0.lock().expect("lock").clone();
        assert!(batches.len() < 50, "{} writes for 201 lines", batches.len());
        let all: Vec<u8> = batches.concat();
        assert_eq!(all.len(), 200 * 1000 + 5);
        assert!(all.ends_with(b"last\n"));
    }

    #[test]
    fn background_thread_and_warnings_write_promptly() {
        let sink = Sink::default();
        let (w, _guard) = buffered(sink.clone());
        w.make_writer().write_all(b"info\n").expect("write");
        std::thread::sleep(FLUSH_INTERVAL * 6);
        assert_eq!(sink.0.lock().expect("lock").concat(), b"info\n");
        let urgent = LineWriter {
            shared: &w.shared,
            urgent: true,
        };
        let mut urgent = urgent;
        urgent.write_all(b"warn\n").expect("write");
        assert_eq!(sink.0.lock().expect("lock").concat(), b"info\nwarn\n");
    }
}
