//! Matching the tasks of two versions of a program by what they say, not by
//! where they sit: sections are renumbered and titles reworded between a draft
//! and the issued text.
