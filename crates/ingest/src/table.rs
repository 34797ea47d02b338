//! The appendix table (PHỤ LỤC): tab-separated text, CSV or XLSX, columns
//! found by their Vietnamese headers.
