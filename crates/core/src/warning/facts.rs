//! The facts of a warning: its figures by name, in name order. A cold sweep
//! words hundreds of thousands of warnings at once, so a fact costs one
//! allocation (its value): the names the engine writes are static, the
//! list is one `Vec` sized once. It reads and writes as a JSON object.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Facts by name, in name order, each name once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FactSet(Vec<(Cow<'static, str>, String)>);

impl FactSet {
    pub fn new() -> Self {
        FactSet::default()
    }

    pub(super) fn with_capacity(n: usize) -> Self {
        FactSet(Vec::with_capacity(n))
    }

    /// Sets `key` to `value`, replacing what it held.
    pub fn insert(&mut self, key: impl Into<Cow<'static, str>>, value: impl Into<String>) {
        let key = key.into();
        match self
            .0
            .binary_search_by(|(k, _)| k.as_ref().cmp(key.as_ref()))
        {
            Ok(i) => self.0[i].1 = value.into(),
            Err(i) => self.0.insert(i, (key, value.into())),
        }
    }

    /// Appends a fact whose name sorts after every name present (the
    /// engine visits facts in name order); otherwise inserts it in place.
    pub(super) fn push(&mut self, key: &'static str, value: impl fmt::Display) {
        let value = value.to_string();
        match self.0.last() {
            Some((last, _)) if last.as_ref() >= key => self.insert(key, value),
            _ => self.0.push((Cow::Borrowed(key), value)),
        }
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .binary_search_by(|(k, _)| k.as_ref().cmp(key))
            .ok()
            .map(|i| self.0[i].1.as_str())
    }

    /// Name and value of each fact, in name order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), v.as_str()))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::ops::Index<&str> for FactSet {
    type Output = str;

    /// The fact named `key`; panics when there is none.
    fn index(&self, key: &str) -> &str {
        self.get(key)
            .unwrap_or_else(|| panic!("no fact named {key:?}"))
    }
}

impl<K: Into<Cow<'static, str>>, V: Into<String>> FromIterator<(K, V)> for FactSet {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut facts = FactSet::new();
        for (k, v) in iter {
            facts.insert(k, v);
        }
        facts
    }
}

impl From<FactSet> for BTreeMap<String, String> {
    fn from(facts: FactSet) -> Self {
        facts
            .0
            .into_iter()
            .map(|(k, v)| (k.into_owned(), v))
            .collect()
    }
}

impl Serialize for FactSet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for FactSet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(BTreeMap::<String, String>::deserialize(d)?
            .into_iter()
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_stay_in_name_order_and_read_and_write_as_a_json_object() {
        let mut f = FactSet::new();
        f.push("lag", 25);
        f.push("planned", "60");
        f.push("deadline", "2025-12-31");
        f.insert("lag".to_string(), "30");
        assert_eq!(
            f.iter().collect::<Vec<_>>(),
            [("deadline", "2025-12-31"), ("lag", "30"), ("planned", "60")]
        );
        assert_eq!(f.get("lag"), Some("30"));
        assert_eq!(&f["planned"], "60");
        assert_eq!(f.get("reported"), None);
        let json = serde_json::to_string(&f).expect("json");
        assert_eq!(
            json,
            r#"{"deadline":"2025-12-31","lag":"30","planned":"60"}"#
        );
        let back: FactSet = serde_json::from_str(&json).expect("back");
        assert_eq!(back, f);
        let map: BTreeMap<String, String> = f.into();
        assert_eq!(map.len(), 3);
    }
}
