//! Thresholds from a TOML file: a `[defaults]` table for every program and a
//! `[programs."key"]` table per program that overrides some of them.
//!
//! ```toml
//! [defaults]
//! behind_plan_yellow = 15
//! behind_plan_red = 30
//!
//! [programs."ctr-08-2025-2030"]
//! behind_plan_red = 25
//! ```
//!
//! A key the engine does not know is refused, naming the table it is in, so
//! a misspelt threshold never silently keeps its default.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Thresholds;

/// The parsed file: defaults and per-program thresholds (each already merged
/// with the defaults).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WarningConfig {
    pub defaults: Thresholds,
    pub programs: BTreeMap<String, Thresholds>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("tệp cấu hình cảnh báo không đọc được: {0}")]
    Syntax(String),
    #[error("tệp cấu hình cảnh báo, bảng [{table}]: {message}")]
    Table { table: String, message: String },
}

impl WarningConfig {
    pub fn from_toml(text: &str) -> Result<Self, ConfigError> {
        let mut root: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| ConfigError::Syntax(e.message().to_string()))?;
        let defaults_table = match root.remove("defaults") {
            None => toml::Table::new(),
            Some(toml::Value::Table(t)) => t,
            Some(_) => return Err(table_error("defaults", "phải là một bảng")),
        };
        let programs_table = match root.remove("programs") {
            None => toml::Table::new(),
            Some(toml::Value::Table(t)) => t,
            Some(_) => return Err(table_error("programs", "phải là một bảng")),
        };
        if let Some(key) = root.keys().next() {
            return Err(ConfigError::Syntax(format!(
                "khóa «{key}» không thuộc bảng nào; đặt ngưỡng trong [defaults] hoặc [programs.\"khóa chương trình\"]"
            )));
        }
        let defaults = thresholds(&defaults_table, "defaults")?;
        let mut programs = BTreeMap::new();
        for (key, value) in programs_table {
            let name = format!("programs.\"{key}\"");
            let toml::Value::Table(overrides) = value else {
                return Err(table_error(&name, "phải là một bảng"));
            };
            let mut merged = defaults_table.clone();
            merged.extend(overrides);
            programs.insert(key, thresholds(&merged, &name)?);
        }
        Ok(WarningConfig { defaults, programs })
    }

    /// The thresholds for the program stored under `key`.
    pub fn for_program(&self, key: &str) -> &Thresholds {
        self.programs.get(key).unwrap_or(&self.defaults)
    }
}

fn table_error(table: &str, message: &str) -> ConfigError {
    ConfigError::Table {
        table: table.to_string(),
        message: message.to_string(),
    }
}

fn thresholds(table: &toml::Table, name: &str) -> Result<Thresholds, ConfigError> {
    Thresholds::deserialize(toml::Value::Table(table.clone()))
        .map_err(|e| table_error(name, e.message()))
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;

    #[test]
    fn an_empty_file_keeps_every_default() {
        assert_eq!(
            WarningConfig::from_toml("").unwrap(),
            WarningConfig::default()
        );
    }

    #[test]
    fn a_program_overrides_on_top_of_the_file_defaults() {
        let config = WarningConfig::from_toml(
            r#"
            [defaults]
            behind_plan_yellow = 10
            stalled_reports = 4

            [programs."ctr-08"]
            behind_plan_red = 25.5
            "#,
        )
        .unwrap();
        assert_eq!(config.defaults.behind_plan_yellow, Decimal::from(10));
        assert_eq!(config.defaults.behind_plan_red, Decimal::from(30));
        let p = config.for_program("ctr-08");
        assert_eq!(p.behind_plan_yellow, Decimal::from(10));
        assert_eq!(p.behind_plan_red, Decimal::new(255, 1));
        assert_eq!(p.stalled_reports, 4);
        assert_eq!(config.for_program("other"), &config.defaults);
    }

    #[test]
    fn misspelt_keys_and_misplaced_values_are_refused_with_their_table() {
        let err = WarningConfig::from_toml("[defaults]\nbehind_plan_yelow = 10\n").unwrap_err();
        assert!(
            matches!(&err, ConfigError::Table { table, message } if table == "defaults" && message.contains("behind_plan_yelow")),
            "{err}"
        );
        let err =
            WarningConfig::from_toml("[programs.\"x\"]\nstalled_reports = \"ba\"\n").unwrap_err();
        assert!(
            matches!(&err, ConfigError::Table { table, .. } if table == "programs.\"x\""),
            "{err}"
        );
        let err = WarningConfig::from_toml("behind_plan_red = 1\n").unwrap_err();
        assert!(err.to_string().contains("behind_plan_red"), "{err}");
        assert!(matches!(
            WarningConfig::from_toml("[defaults"),
            Err(ConfigError::Syntax(_))
        ));
    }

    /// The documented file in `docs/` states exactly the built-in defaults.
    #[test]
    fn the_documented_file_matches_the_defaults() {
        let text = include_str!("../../../../docs/warnings.toml");
        let config = WarningConfig::from_toml(text).unwrap();
        assert_eq!(config.defaults, Thresholds::default());
        let documented: Vec<&str> = text
            .lines()
            .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim()))
            .filter(|k| !k.starts_with('#'))
            .collect();
        let all = serde_json::to_value(Thresholds::default()).unwrap();
        let fields: Vec<&str> = all
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for field in fields {
            assert!(
                documented.contains(&field),
                "docs/warnings.toml omits {field}"
            );
        }
    }
}
