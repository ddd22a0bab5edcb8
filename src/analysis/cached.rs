//! The one idiom for derived data in views: a value computed from a key
//! (usually the document's revision, plus whatever else it depends on) and
//! kept until the key changes. Views borrow the value; nothing is cloned per
//! frame.

/// A value derived from `K`, recomputed only when the key changes.
#[derive(Debug)]
pub struct Cached<K, T> {
    entry: Option<(K, T)>,
}

impl<K, T> Default for Cached<K, T> {
    fn default() -> Self {
        Self { entry: None }
    }
}

impl<K: PartialEq, T> Cached<K, T> {
    /// The value for `key`, computed by `compute` if the cached one was made
    /// for another key (or none was made yet).
    pub fn get(&mut self, key: K, compute: impl FnOnce() -> T) -> &T {
        self.get_mut(key, compute)
    }

    /// Like [`Cached::get`], for views that keep per-frame state (a sort
    /// order applied in place) inside the cached value.
    pub fn get_mut(&mut self, key: K, compute: impl FnOnce() -> T) -> &mut T {
        // Taken out and put back (a move, not a copy of the data), so that
        // one borrow covers both cases.
        let entry = match self.entry.take() {
            Some((cached_key, value)) if cached_key == key => (cached_key, value),
            _ => (key, compute()),
        };
        &mut self.entry.insert(entry).1
    }

    /// The last value computed, whatever its key.
    pub fn last(&self) -> Option<&T> {
        self.entry.as_ref().map(|(_, value)| value)
    }

    /// Forgets the value: the next `get` computes it again.
    pub fn clear(&mut self) {
        self.entry = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_once_per_key() {
        let mut cache = Cached::default();
        let mut runs = 0;
        for key in [1, 1, 2, 2, 1] {
            cache.get(key, || {
                runs += 1;
                key * 10
            });
        }
        assert_eq!(runs, 3);
        assert_eq!(cache.last(), Some(&10));
        cache.clear();
        assert_eq!(cache.last(), None);
    }
}
