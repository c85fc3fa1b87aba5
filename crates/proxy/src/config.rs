//! Proxy configuration, shared by the binary's argument parser and the tests.

use std::path::PathBuf;

/// What the proxy needs to know to build its router. Plain data, so tests can construct it directly.
#[derive(Clone, Debug)]
pub struct Config {
    /// Folder holding the trunk build (`index.html`, hashed `.wasm`/`.js`/`.css`, their `.gz`/`.br`).
    pub dist: PathBuf,
}

impl Config {
    /// A configuration serving the given build folder, for tests and embedders.
    #[must_use]
    pub fn new(dist: impl Into<PathBuf>) -> Self {
        Self { dist: dist.into() }
    }
}
