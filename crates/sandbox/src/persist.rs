//! Saving and loading the state file, so a restarted sandbox keeps its instances, tasks and audit list.
//! Writes go to a temporary file that is then renamed over the old one, so a crash never leaves half a file.

use std::fs;
use std::path::Path;

use crate::sandbox::SandboxError;
use crate::world::World;

/// Loads the world from `path`; `Ok(None)` when the file does not exist yet.
pub(crate) fn load(path: &Path) -> Result<Option<World>, SandboxError> {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(SandboxError::Io {
                path: path.to_owned(),
                source,
            })
        }
    };
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|source| SandboxError::Corrupt {
            path: path.to_owned(),
            source,
        })
}

/// Writes the world to `path` atomically.
pub(crate) fn save(path: &Path, world: &World) -> Result<(), SandboxError> {
    let io = |source| SandboxError::Io {
        path: path.to_owned(),
        source,
    };
    let text = serde_json::to_string_pretty(world).map_err(|source| SandboxError::Corrupt {
        path: path.to_owned(),
        source,
    })?;
    let tmp = path.with_extension("tmp");
    fs::write(&tmp, text).map_err(io)?;
    fs::rename(&tmp, path).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::seed;

    #[test]
    fn round_trip_and_missing_and_corrupt() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        assert!(load(&path).unwrap().is_none());
        let mut w = seed::world();
        w.counter = 42;
        save(&path, &w).unwrap();
        assert_eq!(load(&path).unwrap(), Some(w));
        fs::write(&path, "{not json").unwrap();
        assert!(matches!(load(&path), Err(SandboxError::Corrupt { .. })));
    }
}
