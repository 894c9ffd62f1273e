//! A bounded least-recently-used cache that handlers share: one type for everything the
//! server keeps (a date's tile layers, encoded tiles, PMTiles archives), each under a typed
//! key.

use std::borrow::Borrow;
use std::hash::Hash;
use std::sync::{Mutex, PoisonError};

use lru::LruCache;

/// What a body counts as beyond its bytes in a cache bounded by bytes: its key and the
/// bookkeeping of the entry.
const ENTRY_OVERHEAD: usize = 128;

/// Values under keys of type `K`, bounded by their total weight: the least recently used go
/// first when a new value would exceed the budget. A value is weighed once, when it is put.
///
/// Values are cheap to clone (`Arc`s): a lookup hands out a clone and holds the lock only
/// for the lookup, never while a value is being made.
#[derive(Debug)]
pub(crate) struct Cache<K: Hash + Eq, V> {
    entries: Mutex<Entries<K, V>>,
}

#[derive(Debug)]
struct Entries<K: Hash + Eq, V> {
    lru: LruCache<K, V>,
    /// The total weight held.
    weight: usize,
    /// The most weight held after a put.
    budget: usize,
    /// What one value weighs.
    weigh: fn(&V) -> usize,
}

impl<K: Hash + Eq, V: Clone> Cache<K, V> {
    /// Keeps at most `count` values.
    #[cfg(test)]
    pub(crate) fn entries(count: std::num::NonZeroUsize) -> Self {
        Self::weighed(count.get(), |_| 1)
    }

    /// Keeps values up to `budget` in all, each weighing what `weigh` says.
    pub(crate) fn weighed(budget: usize, weigh: fn(&V) -> usize) -> Self {
        Self {
            entries: Mutex::new(Entries {
                lru: LruCache::unbounded(),
                weight: 0,
                budget,
                weigh,
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries<K, V>> {
        // A panic while holding the lock leaves the entries consistent (every change to
        // them is a single call), so a poisoned lock is still usable.
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The value under `key`, now the most recently used.
    pub(crate) fn get<Q: Hash + Eq + ?Sized>(&self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        self.lock().lru.get(key).cloned()
    }

    /// Keeps `value` under `key` (replacing what was there), then drops the least recently
    /// used until the budget holds.
    pub(crate) fn put(&self, key: K, value: V) {
        let mut entries = self.lock();
        let weigh = entries.weigh;
        entries.weight += weigh(&value);
        if let Some(old) = entries.lru.put(key, value) {
            entries.weight -= weigh(&old);
        }
        while entries.weight > entries.budget {
            let Some((_, old)) = entries.lru.pop_lru() else {
                break;
            };
            entries.weight -= weigh(&old);
        }
    }

    /// Drops every value and gives back the memory of the table itself.
    pub(crate) fn clear(&self) {
        let mut entries = self.lock();
        entries.lru = LruCache::unbounded();
        entries.weight = 0;
    }

    /// The value under `key`, or the one `make` makes, which is kept. The lock is not held
    /// while `make` runs: two requests for a missing key may both make it (the later put
    /// wins); a failure is returned and nothing is kept.
    ///
    /// # Errors
    /// What `make` fails with.
    pub(crate) async fn get_or_try_make<E>(
        &self,
        key: K,
        make: impl Future<Output = Result<V, E>>,
    ) -> Result<V, E> {
        if let Some(value) = self.get(&key) {
            return Ok(value);
        }
        let value = make.await?;
        self.put(key, value.clone());
        Ok(value)
    }
}

impl<K: Hash + Eq, B: AsRef<[u8]> + Clone> Cache<K, B> {
    /// Keeps bodies up to `budget` bytes in all, each counted as its length plus a fixed
    /// overhead per entry.
    pub(crate) fn bytes(budget: usize) -> Self {
        Self::weighed(budget, |body| body.as_ref().len() + ENTRY_OVERHEAD)
    }
}

#[cfg(test)]
mod tests {
    use std::num::NonZeroUsize;
    use std::sync::Arc;

    use super::*;

    #[test]
    fn the_tile_cache_evicts_the_least_recently_used_beyond_its_byte_budget() {
        let cache: Cache<u8, Arc<[u8]>> = Cache::bytes(3 * (1000 + 128));
        for z in 0..3 {
            cache.put(z, vec![0; 1000].into());
        }
        assert!(cache.get(&0).is_some());
        cache.put(3, vec![0; 1000].into());
        assert_eq!(cache.lock().lru.len(), 3);
        assert!(
            cache.get(&1).is_none(),
            "the least recently used went first"
        );
        assert!(cache.get(&0).is_some());
        assert_eq!(cache.lock().weight, 3 * 1128);
        cache.clear();
        assert!(cache.get(&0).is_none(), "a cleared cache holds nothing");
        assert_eq!(cache.lock().weight, 0);
        cache.put(4, vec![0; 1000].into());
        assert_eq!(cache.lock().weight, 1128, "and counts afresh");
    }

    #[test]
    fn a_cache_of_entries_keeps_the_most_recently_used_few() {
        let cache: Cache<&str, Arc<str>> = Cache::entries(NonZeroUsize::new(2).expect("not zero"));
        cache.put("a", "1".into());
        cache.put("b", "2".into());
        assert!(cache.get(&"a").is_some());
        cache.put("c", "3".into());
        assert!(cache.get(&"b").is_none(), "the least recently used went");
        cache.put("a", "4".into());
        assert_eq!(cache.get(&"a").as_deref(), Some("4"), "a put replaces");
        assert_eq!(cache.get(&"c").as_deref(), Some("3"));
        assert_eq!(cache.lock().weight, 2);
    }

    #[tokio::test]
    async fn a_value_is_made_once_and_a_failure_is_not_kept() {
        let cache: Cache<u8, Arc<str>> = Cache::entries(NonZeroUsize::new(4).expect("not zero"));
        let failed = cache
            .get_or_try_make(1, async { Err::<Arc<str>, _>("no") })
            .await;
        assert_eq!(failed, Err("no"));
        assert!(cache.get(&1).is_none());
        let made = cache
            .get_or_try_make(1, async { Ok::<_, &str>(Arc::from("made")) })
            .await;
        assert_eq!(made.as_deref(), Ok("made"));
        let again = cache
            .get_or_try_make(1, async { Err::<Arc<str>, _>("not asked") })
            .await;
        assert_eq!(again.as_deref(), Ok("made"));
    }
}
