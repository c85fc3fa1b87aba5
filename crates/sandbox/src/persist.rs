//! Saving and loading the state file, so a restarted sandbox keeps its instances, tasks and audit list.
//!
//! Two files: the **snapshot** (`state.json`, the whole world) and the **journal** beside it
//! (`state.json.journal`, one JSON line per accepted write: the tasks, audit entries and tokens it added).
//! A write appends one short line instead of rewriting a snapshot of thousands of fleet instances, so a
//! 1000-instance batch stays cheap; the sandbox folds the journal into a new snapshot every few hundred
//! writes. Snapshots go to a temporary file that is renamed over the old one, so a crash never leaves half
//! a snapshot; a torn last journal line is ignored. Instance statuses and versions are never journalled:
//! they follow from the tasks and the clock ([`World::advance`]), which the next request runs anyway.
//!
//! Each line carries the id counter at its write; a line whose counter the snapshot already covers is
//! skipped, so a crash between writing a snapshot and removing the journal replays nothing twice.

use std::ffi::OsString;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::audit::AuditEntry;
use crate::sandbox::SandboxError;
use crate::world::task::Task;
use crate::world::{ClientToken, IamTokenRecord, World};

/// What one accepted write added to the world (one journal line).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Delta {
    counter: u64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tasks: Vec<Task>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    audit: Vec<AuditEntry>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    client_tokens: Vec<ClientToken>,
    /// The whole (small) token list when a login changed it (logins also drop expired tokens).
    #[serde(skip_serializing_if = "Option::is_none")]
    iam_tokens: Option<Vec<IamTokenRecord>>,
    /// Task ids canceled by this call.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    canceled: Vec<String>,
}

/// The list lengths before a request, from which its [`Delta`] is cut afterwards.
#[derive(Clone, Debug)]
pub(crate) struct Marks {
    tasks: usize,
    audit: usize,
    client_tokens: usize,
    iam_tokens: (usize, Option<String>),
}

fn iam_mark(world: &World) -> (usize, Option<String>) {
    let last = world.iam_tokens.last().map(|t| t.token.clone());
    (world.iam_tokens.len(), last)
}

impl Marks {
    /// Marks the world before a request.
    pub(crate) fn of(world: &World) -> Self {
        Self {
            tasks: world.tasks.len(),
            audit: world.audit.len(),
            client_tokens: world.client_tokens.len(),
            iam_tokens: iam_mark(world),
        }
    }

    /// What the request added (these lists only grow during a request; a login may prune tokens, so the
    /// token list is taken whole when it changed).
    pub(crate) fn delta(&self, world: &World, canceled: Vec<String>) -> Delta {
        let tail = |v: usize, len: usize| v.min(len);
        Delta {
            counter: world.counter,
            tasks: world.tasks[tail(self.tasks, world.tasks.len())..].to_vec(),
            audit: world.audit[tail(self.audit, world.audit.len())..].to_vec(),
            client_tokens: world.client_tokens
                [tail(self.client_tokens, world.client_tokens.len())..]
                .to_vec(),
            iam_tokens: (iam_mark(world) != self.iam_tokens).then(|| world.iam_tokens.clone()),
            canceled,
        }
    }
}

fn io_error(path: &Path) -> impl Fn(std::io::Error) -> SandboxError + '_ {
    move |source| SandboxError::Io {
        path: path.to_owned(),
        source,
    }
}

/// The journal's path: the state file's name plus `.journal`.
pub(crate) fn journal_path(path: &Path) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(".journal");
    PathBuf::from(name)
}

fn replay(world: &mut World, d: Delta) {
    world.counter = world.counter.max(d.counter);
    world.tasks.extend(d.tasks);
    world.audit.extend(d.audit);
    world.client_tokens.extend(d.client_tokens);
    if let Some(tokens) = d.iam_tokens {
        world.iam_tokens = tokens;
    }
    for id in d.canceled {
        if let Some(t) = world.tasks.iter_mut().find(|t| t.id == id) {
            t.canceled = true;
        }
    }
}

/// Loads the snapshot at `path` and replays its journal; `Ok(None)` when there is no snapshot yet (a
/// journal without one is stale and ignored). The number says how many journal lines were replayed.
pub(crate) fn load(path: &Path) -> Result<Option<(World, usize)>, SandboxError> {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(io_error(path)(source)),
    };
    let mut world: World = serde_json::from_str(&text).map_err(|source| SandboxError::Corrupt {
        path: path.to_owned(),
        source,
    })?;
    let journal = journal_path(path);
    let lines = match fs::read_to_string(&journal) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => return Err(io_error(&journal)(source)),
    };
    let mut replayed = 0;
    for line in lines.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(delta) = serde_json::from_str::<Delta>(line) else {
            eprintln!(
                "console-sandbox: ignoring a torn line at the end of {}",
                journal.display()
            );
            break;
        };
        if delta.counter > world.counter {
            replay(&mut world, delta);
            replayed += 1;
        }
    }
    world.reindex();
    Ok(Some((world, replayed)))
}

/// Writes a snapshot of the world to `path` atomically, then drops the journal it now covers.
pub(crate) fn save(path: &Path, world: &World) -> Result<(), SandboxError> {
    let text = serde_json::to_vec(world).map_err(|source| SandboxError::Corrupt {
        path: path.to_owned(),
        source,
    })?;
    let tmp = path.with_extension("tmp");
    fs::write(&tmp, text).map_err(io_error(path))?;
    fs::rename(&tmp, path).map_err(io_error(path))?;
    let journal = journal_path(path);
    match fs::remove_file(&journal) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_error(&journal)(e)),
        _ => Ok(()),
    }
}

/// Appends one write to the journal beside `path`.
pub(crate) fn append(path: &Path, delta: &Delta) -> Result<(), SandboxError> {
    let journal = journal_path(path);
    let mut line = serde_json::to_vec(delta).map_err(|source| SandboxError::Corrupt {
        path: journal.clone(),
        source,
    })?;
    line.push(b'\n');
    OpenOptions::new()
        .create(true)
        .append(true)
        .open(&journal)
        .and_then(|mut f| f.write_all(&line))
        .map_err(io_error(&journal))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::{seed, task};

    #[test]
    fn round_trip_and_missing_and_corrupt() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        assert!(load(&path).unwrap().is_none());
        let mut w = seed::world();
        w.counter = 42;
        save(&path, &w).unwrap();
        assert_eq!(load(&path).unwrap(), Some((w, 0)));
        fs::write(&path, "{not json").unwrap();
        assert!(matches!(load(&path), Err(SandboxError::Corrupt { .. })));
    }

    #[test]
    fn journal_replays_once_and_survives_a_torn_tail() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let mut w = seed::world();
        w.counter = 10;
        save(&path, &w).unwrap();
        let marks = Marks::of(&w);
        w.tasks.push(task::sample(5, false));
        w.record(5, "UpgradeDBInstanceEngineVersion", "dds-x", "r");
        w.counter = 11;
        append(&path, &marks.delta(&w, Vec::new())).unwrap();
        let stale = Delta {
            counter: 9,
            tasks: vec![task::sample(1, false)],
            ..Delta::default()
        };
        append(&path, &stale).unwrap();
        let cancel = Delta {
            counter: 12,
            canceled: vec!["t1".into()],
            ..Delta::default()
        };
        append(&path, &cancel).unwrap();
        let mut f = OpenOptions::new()
            .append(true)
            .open(journal_path(&path))
            .unwrap();
        f.write_all(b"{\"counter\":13,\"tas").unwrap();
        let (loaded, replayed) = load(&path).unwrap().unwrap();
        assert_eq!(replayed, 2);
        assert_eq!(
            (loaded.tasks.len(), loaded.audit.len(), loaded.counter),
            (1, 1, 12)
        );
        assert!(loaded.tasks[0].canceled);
        save(&path, &loaded).unwrap();
        assert!(!journal_path(&path).exists());
        assert_eq!(load(&path).unwrap().unwrap().0, loaded);
    }
}
