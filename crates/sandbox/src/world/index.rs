//! Instance lookup by id in constant time, so no request path is quadratic with thousands of fleet
//! instances (a running task marks its instance busy on every request, a batch names 100 instances).
//!
//! The index maps an id to its position in its product's list. It is derived data, rebuilt with
//! [`World::reindex`] whenever the lists change shape (seed, fleet, load), and never trusted blindly: a
//! lookup checks the id at that position and falls back to a scan, so a stale index is slow, never wrong.

use std::collections::HashMap;

use super::dds::DdsInstance;
use super::es::EsInstance;
use super::redis::RedisInstance;
use super::taurus::TaurusInstance;
use super::World;

/// Position of `id` in `list`: the indexed one when it checks out, else a scan.
fn locate<T>(
    list: &[T],
    index: &HashMap<String, usize>,
    id: &str,
    id_of: impl Fn(&T) -> &str,
) -> Option<usize> {
    index
        .get(id)
        .copied()
        .filter(|&i| list.get(i).is_some_and(|x| id_of(x) == id))
        .or_else(|| list.iter().position(|x| id_of(x) == id))
}

impl World {
    /// Rebuilds the id index after instances were added or removed.
    pub(crate) fn reindex(&mut self) {
        let mut index = HashMap::with_capacity(
            self.dds.len() + self.redis.len() + self.es.len() + self.taurus.len(),
        );
        let ids = self
            .dds
            .iter()
            .map(|d| &d.id)
            .enumerate()
            .chain(self.redis.iter().map(|r| &r.id).enumerate())
            .chain(self.es.iter().map(|e| &e.id).enumerate())
            .chain(self.taurus.iter().map(|t| &t.id).enumerate());
        for (i, id) in ids {
            index.insert(id.clone(), i);
        }
        self.index = index;
    }

    /// The MongoDB instance with this id.
    pub(crate) fn dds_mut(&mut self, id: &str) -> Option<&mut DdsInstance> {
        let i = locate(&self.dds, &self.index, id, |d| &d.id)?;
        self.dds.get_mut(i)
    }

    /// The Redis instance with this id.
    pub(crate) fn redis_mut(&mut self, id: &str) -> Option<&mut RedisInstance> {
        let i = locate(&self.redis, &self.index, id, |r| &r.id)?;
        self.redis.get_mut(i)
    }

    /// The Elasticsearch instance with this id.
    pub(crate) fn es_mut(&mut self, id: &str) -> Option<&mut EsInstance> {
        let i = locate(&self.es, &self.index, id, |e| &e.id)?;
        self.es.get_mut(i)
    }

    /// The TaurusDB instance with this id.
    pub(crate) fn taurus_mut(&mut self, id: &str) -> Option<&mut TaurusInstance> {
        let i = locate(&self.taurus, &self.index, id, |t| &t.id)?;
        self.taurus.get_mut(i)
    }

    /// The MongoDB instance with this id (read-only).
    pub(crate) fn dds(&self, id: &str) -> Option<&DdsInstance> {
        locate(&self.dds, &self.index, id, |d| &d.id).and_then(|i| self.dds.get(i))
    }

    /// The Redis instance with this id (read-only).
    pub(crate) fn redis(&self, id: &str) -> Option<&RedisInstance> {
        locate(&self.redis, &self.index, id, |r| &r.id).and_then(|i| self.redis.get(i))
    }

    /// The Elasticsearch instance with this id (read-only).
    pub(crate) fn es(&self, id: &str) -> Option<&EsInstance> {
        locate(&self.es, &self.index, id, |e| &e.id).and_then(|i| self.es.get(i))
    }

    /// The TaurusDB instance with this id (read-only).
    pub(crate) fn taurus(&self, id: &str) -> Option<&TaurusInstance> {
        locate(&self.taurus, &self.index, id, |t| &t.id).and_then(|i| self.taurus.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::super::seed;

    #[test]
    fn finds_by_index_and_survives_a_stale_one() {
        let mut w = seed::world();
        assert_eq!(
            w.dds("dds-bp1sandbox0002").map(|d| d.id.as_str()),
            Some("dds-bp1sandbox0002")
        );
        assert!(w.redis("r-bp1sandbox0001").is_some());
        assert!(w.es("es-cn-sandbox0001").is_some());
        assert!(w.taurus_mut(&w.taurus[3].id.clone()).is_some());
        assert!(w.dds("nope").is_none());
        w.dds.swap(0, 1);
        assert_eq!(
            w.dds_mut("dds-bp1sandbox0002").map(|d| d.id.clone()),
            Some("dds-bp1sandbox0002".to_owned()),
            "a stale index falls back to a scan"
        );
        w.index.clear();
        assert!(w.es_mut("es-cn-sandbox0003").is_some());
    }
}
