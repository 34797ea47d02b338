//! Reading indicator targets (chỉ tiêu) out of target lines.
