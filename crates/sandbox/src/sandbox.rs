//! The sandbox handle: configuration, clock and the locked state, shared by every request. Cloning it is
//! cheap (an `Arc`), so the router, the server and a test can each hold one.

use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::Value;

use crate::audit::AuditEntry;
use crate::clock::{system_clock, Clock};
use crate::config::{Faults, SandboxConfig, MAX_FLEET};
use crate::faults::FaultState;
use crate::persist::{self, Delta};
use crate::verify::nonce::NonceCache;
use crate::world::{fleet, seed, World};

/// Journal lines after which the next write folds the journal into a fresh snapshot.
const COMPACT_EVERY: usize = 500;

/// Why the sandbox could not start, save or serve; `Display` says what to fix.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    /// The state file could not be read or written.
    #[error("cannot read or write the sandbox state file {path}: {source}")]
    Io {
        /// The state file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The state file exists but is not a sandbox state; it is left untouched (delete it to start over).
    #[error(
        "the sandbox state file {path} is not valid ({source}); delete it to start from the seed"
    )]
    Corrupt {
        /// The state file.
        path: PathBuf,
        /// The parse error.
        source: serde_json::Error,
    },
    /// A configuration value is out of range.
    #[error("invalid sandbox configuration: {0}")]
    Config(String),
    /// The HTTP server stopped with an error.
    #[error("the sandbox server failed: {0}")]
    Serve(std::io::Error),
}

/// Mutable state behind one lock, so a request sees and changes it atomically.
#[derive(Debug, Default)]
pub(crate) struct Core {
    pub(crate) world: World,
    pub(crate) nonces: NonceCache,
    pub(crate) faults: FaultState,
    /// Lines in the journal since the last snapshot.
    pub(crate) journal_lines: usize,
}

struct Inner {
    cfg: SandboxConfig,
    clock: Clock,
    core: Mutex<Core>,
}

/// A running sandbox's state. Build it with [`Sandbox::new`] (wall clock) or [`Sandbox::with_clock`]
/// (tests), then hand it to [`crate::router()`].
#[derive(Clone)]
pub struct Sandbox {
    inner: Arc<Inner>,
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox")
            .field("cfg", &self.inner.cfg)
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// A sandbox on the wall clock; loads `cfg.state_file` if it exists, else starts from the seed plus
    /// `cfg.fleet` fleet instances per product. A loaded state keeps its fleet unless `cfg.fleet` is
    /// non-zero and differs, in which case the fleet is re-created at the configured size.
    ///
    /// # Errors
    /// [`SandboxError`] for an unreadable, unwritable or corrupt state file, out-of-range fault rates or
    /// a fleet above [`MAX_FLEET`].
    pub fn new(cfg: SandboxConfig) -> Result<Self, SandboxError> {
        Self::with_clock(cfg, system_clock())
    }

    /// The same with an injected clock, so tests control time (see [`crate::ManualClock`]).
    ///
    /// # Errors
    /// As [`Sandbox::new`].
    pub fn with_clock(cfg: SandboxConfig, clock: Clock) -> Result<Self, SandboxError> {
        cfg.faults.validate().map_err(SandboxError::Config)?;
        if cfg.step_seconds == 0 {
            return Err(SandboxError::Config(
                "step_seconds must be at least 1".to_owned(),
            ));
        }
        if cfg.fleet > MAX_FLEET {
            return Err(SandboxError::Config(format!(
                "fleet must be at most {MAX_FLEET} per product, got {}",
                cfg.fleet
            )));
        }
        let loaded = match &cfg.state_file {
            Some(path) => persist::load(path)?.map(|(world, _)| world),
            None => None,
        };
        let world = match loaded {
            Some(mut w) => {
                if cfg.fleet > 0 && w.fleet != cfg.fleet {
                    fleet::set(&mut w, cfg.fleet);
                }
                w
            }
            None => fresh_world(cfg.fleet),
        };
        if let Some(path) = &cfg.state_file {
            persist::save(path, &world)?;
        }
        let mut core = Core {
            world,
            ..Core::default()
        };
        core.faults.set(cfg.faults);
        Ok(Self {
            inner: Arc::new(Inner {
                cfg,
                clock,
                core: Mutex::new(core),
            }),
        })
    }

    /// The configuration it was started with.
    #[must_use]
    pub fn config(&self) -> &SandboxConfig {
        &self.inner.cfg
    }

    /// "Now" on the sandbox clock (unix seconds).
    #[must_use]
    pub fn now(&self) -> i64 {
        (self.inner.clock)()
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Core> {
        // A panic while holding the lock leaves plain data behind; keep serving.
        self.inner
            .core
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The fault knobs in force.
    #[must_use]
    pub fn faults(&self) -> Faults {
        self.lock().faults.knobs
    }

    /// Replaces the fault knobs (what `POST /_sandbox/faults` does).
    ///
    /// # Errors
    /// [`SandboxError::Config`] for a rate outside `0.0..=1.0`.
    pub fn set_faults(&self, faults: Faults) -> Result<(), SandboxError> {
        faults.validate().map_err(SandboxError::Config)?;
        self.lock().faults.set(faults);
        Ok(())
    }

    /// Every accepted write call so far, oldest first.
    #[must_use]
    pub fn audit(&self) -> Vec<AuditEntry> {
        self.lock().world.audit.clone()
    }

    /// The whole state as JSON (what `GET /_sandbox/state` returns and the state file holds), brought up
    /// to date with the clock first.
    #[must_use]
    pub fn state_json(&self) -> Value {
        let now = self.now();
        let mut core = self.lock();
        core.world.advance(now);
        serde_json::to_value(&core.world).unwrap_or(Value::Null)
    }

    /// Writes the state file now (no-op without one).
    ///
    /// # Errors
    /// [`SandboxError::Io`] when the file cannot be written.
    pub fn save(&self) -> Result<(), SandboxError> {
        let core = self.lock();
        self.save_locked(&core.world)
    }

    pub(crate) fn save_locked(&self, world: &World) -> Result<(), SandboxError> {
        match &self.inner.cfg.state_file {
            Some(path) => persist::save(path, world),
            None => Ok(()),
        }
    }

    /// Persists one accepted write: a journal line, and every [`COMPACT_EVERY`] lines a snapshot instead.
    pub(crate) fn persist_write(
        &self,
        world: &World,
        journal_lines: &mut usize,
        delta: &Delta,
    ) -> Result<(), SandboxError> {
        let Some(path) = &self.inner.cfg.state_file else {
            return Ok(());
        };
        if *journal_lines >= COMPACT_EVERY {
            *journal_lines = 0;
            return persist::save(path, world);
        }
        *journal_lines += 1;
        persist::append(path, delta)
    }

    /// Throws away all changes and starts again from the seed inventory plus the configured fleet (and
    /// saves that).
    ///
    /// # Errors
    /// [`SandboxError::Io`] when the state file cannot be written.
    pub fn reset(&self) -> Result<(), SandboxError> {
        let mut core = self.lock();
        core.world = fresh_world(self.inner.cfg.fleet);
        core.nonces = NonceCache::default();
        core.journal_lines = 0;
        self.save_locked(&core.world)
    }
}

/// The seed plus `fleet` fleet instances per product.
fn fresh_world(fleet_size: u32) -> World {
    let mut world = seed::world();
    if fleet_size > 0 {
        fleet::set(&mut world, fleet_size);
    }
    world
}
