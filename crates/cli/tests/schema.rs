//! A small JSON Schema checker for the subset `docs/import.schema.json` and
//! the schemas of `docs/openapi.json` use (type, enum, required, properties,
//! additionalProperties, items, oneOf, $ref, minimum and maximum, format for
//! dates and timestamps, pattern for decimals), so the published schemas are
//! tested against what the binary and the server really write. Other
//! keywords are ignored. `$ref`s are `#/…` pointers into the root given to
//! [`validate`].

use serde_json::Value;

pub fn validate(schema: &Value, value: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    check(schema, schema, value, "$", &mut errors);
    errors
}

fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let path = r.trim_start_matches("#/");
            path.split('/').fold(root, |n, k| &n[k])
        }
        None => node,
    }
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        _ => false,
    }
}

fn check(root: &Value, node: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    let node = resolve(root, node);
    if let Some(options) = node.get("oneOf").and_then(Value::as_array) {
        let passing = options
            .iter()
            .filter(|o| {
                let mut e = Vec::new();
                check(root, o, v, at, &mut e);
                e.is_empty()
            })
            .count();
        if passing != 1 {
            errors.push(format!("{at}: matches {passing} of oneOf"));
        }
        return;
    }
    match node.get("type") {
        Some(Value::String(t)) if !type_ok(t, v) => {
            errors.push(format!("{at}: expected {t}, got {v}"))
        }
        Some(Value::Array(ts)) if !ts.iter().filter_map(Value::as_str).any(|t| type_ok(t, v)) => {
            errors.push(format!("{at}: expected one of {ts:?}, got {v}"))
        }
        _ => {}
    }
    if let Some(e) = node.get("enum").and_then(Value::as_array)
        && !e.contains(v)
    {
        errors.push(format!("{at}: {v} not in {e:?}"));
    }
    if let (Some(p), Some(s)) = (node.get("pattern").and_then(Value::as_str), v.as_str())
        && p == "^-?[0-9]+(\\.[0-9]+)?$"
    {
        let body = s.strip_prefix('-').unwrap_or(s);
        let ok = match body.split_once('.') {
            Some((a, b)) => {
                !a.is_empty()
                    && !b.is_empty()
                    && (a.to_owned() + b).chars().all(|c| c.is_ascii_digit())
            }
            None => !body.is_empty() && body.chars().all(|c| c.is_ascii_digit()),
        };
        if !ok {
            errors.push(format!("{at}: {s:?} is not a decimal"));
        }
    }
    if let Some(n) = v.as_f64() {
        if let Some(min) = node.get("minimum").and_then(Value::as_f64)
            && n < min
        {
            errors.push(format!("{at}: {v} is below the minimum {min}"));
        }
        if let Some(max) = node.get("maximum").and_then(Value::as_f64)
            && n > max
        {
            errors.push(format!("{at}: {v} is above the maximum {max}"));
        }
    }
    if let (Some(f), Some(s)) = (node.get("format").and_then(Value::as_str), v.as_str()) {
        let ok = match f {
            "date" => is_date(s),
            "date-time" => is_date_time(s),
            _ => true,
        };
        if !ok {
            errors.push(format!("{at}: {s:?} is not a {f}"));
        }
    }
    if let Some(obj) = v.as_object() {
        let props = node.get("properties").and_then(Value::as_object);
        for r in node
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(k) = r.as_str()
                && !obj.contains_key(k)
            {
                errors.push(format!("{at}: missing {k}"));
            }
        }
        for (k, child) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(s) => check(root, s, child, &format!("{at}.{k}"), errors),
                None if node.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errors.push(format!("{at}: unexpected key {k}"))
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(arr)) = (node.get("items"), v.as_array()) {
        for (i, child) in arr.iter().enumerate() {
            check(root, items, child, &format!("{at}[{i}]"), errors);
        }
    }
}

/// `YYYY-MM-DD` with a month and day in range.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return false;
    }
    let month: u32 = s[5..7].parse().unwrap_or(0);
    let day: u32 = s[8..10].parse().unwrap_or(0);
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// RFC 3339: `YYYY-MM-DDTHH:MM:SS`, maybe a fraction, then `Z` or an offset.
fn is_date_time(s: &str) -> bool {
    let (Some(date), Some(time), Some(zone)) = (s.get(..10), s.get(10..19), s.get(19..)) else {
        return false;
    };
    let t = time.as_bytes();
    let time_ok = t[0] == b'T'
        && t[3] == b':'
        && t[6] == b':'
        && [1, 2, 4, 5, 7, 8].iter().all(|&i| t[i].is_ascii_digit());
    let zone = match zone.strip_prefix('.') {
        Some(rest) => rest.trim_start_matches(|c: char| c.is_ascii_digit()),
        None => zone,
    };
    let zone_ok = zone == "Z"
        || (zone.len() == 6
            && (zone.starts_with('+') || zone.starts_with('-'))
            && zone.as_bytes()[3] == b':');
    is_date(date) && time_ok && zone_ok
}
