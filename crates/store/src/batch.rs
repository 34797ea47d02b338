//! Multi-row INSERTs for the bulk loader and the restore of an export: rows
//! gather in a batch and go to SQLite a hundred at a time, one prepared statement per batch size. Each
//! statement is a round trip to the connection's thread, and those round
//! trips, not SQLite, are what a row-at-a-time load spends its time on.

use std::borrow::Cow;

use sqlx::SqliteConnection;

use crate::error::Result;

/// Rows per statement: 100 rows of 16 values stay far below SQLite's limit
/// of 32 766 parameters.
pub(crate) const ROWS: usize = 100;

/// One parameter of a row.
pub(crate) enum Value {
    Int(Option<i64>),
    Text(Option<String>),
    Bool(bool),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(Some(v))
    }
}

impl From<Option<i64>> for Value {
    fn from(v: Option<i64>) -> Self {
        Value::Int(v)
    }
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(Some(v))
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(Some(v.to_string()))
    }
}

impl From<Option<String>> for Value {
    fn from(v: Option<String>) -> Self {
        Value::Text(v)
    }
}

impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}

/// An INSERT of up to [`ROWS`] rows at a time.
pub(crate) struct Batch {
    /// `INSERT INTO t (a, b) VALUES `
    head: Cow<'static, str>,
    /// `(?, ?)`: one row's bound parameters (constants may stand among them).
    row: Cow<'static, str>,
    /// What follows the rows: an `ON CONFLICT` clause, or nothing.
    tail: Cow<'static, str>,
    /// Parameters per row.
    width: usize,
    /// The statement of a full batch, built once.
    full: String,
    values: Vec<Value>,
}

impl Batch {
    pub(crate) fn new(
        head: impl Into<Cow<'static, str>>,
        row: impl Into<Cow<'static, str>>,
        tail: impl Into<Cow<'static, str>>,
        width: usize,
    ) -> Batch {
        let (head, row, tail) = (head.into(), row.into(), tail.into());
        Batch {
            full: statement(&head, &row, &tail, ROWS),
            head,
            row,
            tail,
            width,
            values: Vec::with_capacity(width * ROWS),
        }
    }

    /// Rows waiting.
    pub(crate) fn len(&self) -> usize {
        self.values.len() / self.width.max(1)
    }

    pub(crate) fn is_full(&self) -> bool {
        self.len() >= ROWS
    }

    /// Adds one row; its values must number `width`.
    pub(crate) fn push<const N: usize>(&mut self, row: [Value; N]) {
        debug_assert_eq!(N, self.width, "{}", self.head);
        self.values.extend(row);
    }

    /// Adds one row of `width` values, its length known only when running.
    pub(crate) fn push_values(&mut self, row: impl IntoIterator<Item = Value>) {
        let before = self.values.len();
        self.values.extend(row);
        debug_assert_eq!(self.values.len() - before, self.width, "{}", self.head);
    }

    /// Drops the waiting rows.
    pub(crate) fn clear(&mut self) {
        self.values.clear();
    }

    /// Sends the waiting rows; returns how many rows the statement changed.
    pub(crate) async fn flush(&mut self, conn: &mut SqliteConnection) -> Result<u64> {
        let rows = self.len();
        if rows == 0 {
            return Ok(0);
        }
        let partial;
        let sql = if rows == ROWS {
            self.full.as_str()
        } else {
            partial = statement(&self.head, &self.row, &self.tail, rows);
            partial.as_str()
        };
        let mut query = sqlx::query(sql);
        for value in self.values.drain(..) {
            query = match value {
                Value::Int(v) => query.bind(v),
                Value::Text(v) => query.bind(v),
                Value::Bool(v) => query.bind(v),
            };
        }
        Ok(query.execute(&mut *conn).await?.rows_affected())
    }
}

fn statement(head: &str, row: &str, tail: &str, rows: usize) -> String {
    let mut sql = String::with_capacity(head.len() + (row.len() + 2) * rows + tail.len());
    sql.push_str(head);
    for i in 0..rows {
        if i > 0 {
            sql.push_str(", ");
        }
        sql.push_str(row);
    }
    sql.push_str(tail);
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_statement_repeats_its_row() {
        assert_eq!(
            statement(
                "INSERT INTO t (a, b) VALUES ",
                "(?, 1)",
                " ON CONFLICT DO NOTHING",
                3
            ),
            "INSERT INTO t (a, b) VALUES (?, 1), (?, 1), (?, 1) ON CONFLICT DO NOTHING"
        );
    }
}
