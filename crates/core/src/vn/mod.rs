//! Vietnamese text as the documents write it: Unicode normalisation, folded
//! search keys, Vietnamese alphabetical order, numbers with `.` for thousands and `,` for decimals, and the
//! calendar phrases (quarters, months, spans, horizons, dates). Every
//! function is total: bad input gives `None`, never a panic.

mod collate;
mod dates;
mod find;
mod numbers;
mod text;
mod tokens;

pub use collate::{SortKey, compare, sort_by_name, sort_key};
pub use dates::{
    parse_date, parse_deadline, parse_month, parse_quarter, parse_year_span, roman_to_int,
};
pub use find::{find_horizon, find_period, find_target_year, find_years};
pub use numbers::{format_number, parse_number, parse_percent, parse_range};
pub use text::{clean_line, fold, is_alphanumeric, is_clean, nfc};
