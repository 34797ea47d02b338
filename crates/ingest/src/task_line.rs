//! Reading one task's text: its kind, a clean title, period, horizon,
//! conditions and the components of a compound bullet.
