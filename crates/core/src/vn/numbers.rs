//! Vietnamese numbers: `1.254` = 1254, `96,25` = 96.25, `9.522,8` = 9522.8.

use rust_decimal::Decimal;

/// Parse one number written the Vietnamese way. Accepts surrounding spaces.
/// `1.254` → 1254 (a dot followed by exactly three digits groups thousands),
/// `2,2` → 2.2, `03` → 3, `-1,5` → -1.5. `None` on anything else.
pub fn parse_number(s: &str) -> Option<Decimal> {
    todo!("helper")
}

/// Format the Vietnamese way: `1254.5` → `1.254,5`; no trailing zeros.
pub fn format_number(d: Decimal) -> String {
    todo!("helper")
}

/// `46,5%`, `46,5 %` → 46.5.
pub fn parse_percent(s: &str) -> Option<Decimal> {
    todo!("helper")
}

/// A range `từ 8 - 8,5%`, `25 - 30%`, `8 – 8,5`, `từ 15% đến 20%`, `4 - 5%/năm`
/// → (8, 8.5). Only the leading range of `s` (after optional `từ`) is read;
/// `None` unless low <= high.
pub fn parse_range(s: &str) -> Option<(Decimal, Decimal)> {
    todo!("helper")
}
