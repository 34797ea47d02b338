//! The report's appendix as CSV: one task a row, a header row in
//! Vietnamese, UTF-8 with a byte-order mark (so a spreadsheet opened by
//! double-click reads the diacritics), numbers with a decimal point and
//! dates as `YYYY-MM-DD`, as data files carry them.

use crate::ReportError;
use crate::model::{APPENDIX_HEAD, Consolidated};

/// Writes the appendix of `r` as CSV bytes.
pub fn write(r: &Consolidated) -> Result<Vec<u8>, ReportError> {
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let fail = |e: csv::Error| ReportError::Csv(e.to_string());
    out.write_record(APPENDIX_HEAD).map_err(fail)?;
    for a in &r.appendix {
        out.write_record([
            a.stt.to_string(),
            a.title.clone(),
            a.lead.clone(),
            a.deadline.map(|d| d.to_string()).unwrap_or_default(),
            a.status.label_vi().to_string(),
            a.percent.map(|p| p.to_string()).unwrap_or_default(),
            a.warning.clone(),
        ])
        .map_err(fail)?;
    }
    out.into_inner()
        .map_err(|e| ReportError::Csv(e.to_string()))
}
