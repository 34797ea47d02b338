//! The life cycle of open warnings: what the engine remembers of each
//! ([`Open`] and a quick digest), and how a fresh set of findings about one
//! subject turns into [`Change`]s — raised, escalated, eased, updated,
//! resolved. Knows nothing of tasks, sweeps or threads.

use serde::{Deserialize, Serialize};

use super::digest;
use super::finding::{Context, Finding};
use super::inputs::Subject;
use super::{RuleId, Severity, Warning};

/// A warning the engine holds open: enough to tell whether a new finding is
/// the same, stronger, weaker or carries new figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Open {
    pub rule: RuleId,
    pub severity: Severity,
    /// A digest of the severity and the facts (see [`Open::of`]).
    pub fingerprint: u64,
}

impl Open {
    /// The open state of a warning as stored (rule, severity, facts; the
    /// message is not read). A finding whose rendered warning would carry
    /// the same severity and facts has the same fingerprint, so warnings
    /// restored after a restart stay quiet until their figures change.
    pub fn of(warning: &Warning) -> Self {
        Open {
            rule: warning.rule,
            severity: warning.severity,
            fingerprint: digest::fingerprint(warning),
        }
    }
}

/// What happened to a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Raised,
    /// Same rule and subject, higher severity.
    Escalated,
    /// Lower severity, still open.
    Eased,
    /// Same severity, new figures.
    Updated,
    /// The condition cleared.
    Resolved,
}

impl ChangeKind {
    pub fn code(self) -> &'static str {
        match self {
            ChangeKind::Raised => "raised",
            ChangeKind::Escalated => "escalated",
            ChangeKind::Eased => "eased",
            ChangeKind::Updated => "updated",
            ChangeKind::Resolved => "resolved",
        }
    }
}

/// One change to the open warnings, for the caller to store and announce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub subject: Subject,
    pub program: i64,
    pub rule: RuleId,
    pub kind: ChangeKind,
    /// The finding now; for a resolution, the last one seen open (its
    /// sentence is not kept in memory, so it is `None` then).
    pub warning: Option<Warning>,
    pub previous: Option<Severity>,
}

/// A [`Change`] whose warning is not yet put into words, as
/// [`Engine::sweep_compact`](super::Engine::sweep_compact) returns it;
/// [`Engine::render`](super::Engine::render) makes the
/// `Change`. `finding` is `None` for a resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompactChange {
    pub subject: Subject,
    pub program: i64,
    pub rule: RuleId,
    pub kind: ChangeKind,
    pub finding: Option<Finding>,
    pub previous: Option<Severity>,
}

impl CompactChange {
    pub(super) fn render_in(&self, ctx: &Context<'_>) -> Change {
        Change {
            subject: self.subject,
            program: self.program,
            rule: self.rule,
            kind: self.kind,
            warning: self.finding.map(|f| f.render(ctx)),
            previous: self.previous,
        }
    }
}

/// An open warning as the engine holds it: [`Open`] plus the quick digest
/// ([`Finding::quick`]) of the finding it was last seen as, 0 when restored.
#[derive(Debug, Clone, Copy)]
pub(super) struct Held {
    pub open: Open,
    quick: u64,
}

/// The open warnings of one subject: the first two inline, any more on the
/// heap, so most subjects need no allocation and no pointer to follow.
#[derive(Debug, Default)]
pub(super) struct OpenSet {
    inline: [Option<Held>; 2],
    more: Vec<Held>,
}

impl OpenSet {
    pub(super) fn iter(&self) -> impl Iterator<Item = &Held> {
        self.inline.iter().flatten().chain(&self.more)
    }

    fn find_mut(&mut self, rule: RuleId) -> Option<&mut Held> {
        self.inline
            .iter_mut()
            .flatten()
            .chain(&mut self.more)
            .find(|h| h.open.rule == rule)
    }

    fn insert(&mut self, held: Held) {
        match self.inline.iter_mut().find(|slot| slot.is_none()) {
            Some(slot) => *slot = Some(held),
            None => self.more.push(held),
        }
    }

    fn retain(&mut self, mut keep: impl FnMut(&Held) -> bool) {
        for slot in &mut self.inline {
            if slot.as_ref().is_some_and(|h| !keep(h)) {
                *slot = None;
            }
        }
        self.more.retain(keep);
    }

    /// Holds `open` as the state a previous run left, replacing any open
    /// warning of its rule.
    pub(super) fn restore(&mut self, open: Open) {
        self.retain(|h| h.open.rule != open.rule);
        self.insert(Held { open, quick: 0 });
    }
}

/// Compares `findings` with `held` (both about one subject), updates `held`
/// and hands each difference to `emit`, resolutions first. `salt` names the
/// context (calendar, target) the findings render in.
pub(super) fn reconcile(
    held: &mut OpenSet,
    findings: &[Finding],
    ctx: &Context<'_>,
    salt: u64,
    mut emit: impl FnMut(RuleId, ChangeKind, Option<&Finding>, Option<Severity>),
) {
    held.retain(|h| {
        let still = findings.iter().any(|f| f.rule() == h.open.rule);
        if !still {
            emit(
                h.open.rule,
                ChangeKind::Resolved,
                None,
                Some(h.open.severity),
            );
        }
        still
    });
    for finding in findings {
        let rule = finding.rule();
        let quick = finding.quick(salt);
        let slot = held.find_mut(rule);
        // The same finding as last time: nothing to format or compare.
        if slot.as_ref().is_some_and(|h| h.quick == quick) {
            continue;
        }
        let now = Open {
            rule,
            severity: finding.severity(),
            fingerprint: finding.fingerprint(ctx),
        };
        match slot {
            None => {
                held.insert(Held { open: now, quick });
                emit(rule, ChangeKind::Raised, Some(finding), None);
            }
            // Same facts from a different finding (or first seen since a
            // restore): remember it, announce nothing.
            Some(h) if h.open == now => h.quick = quick,
            Some(h) => {
                let previous = h.open.severity;
                *h = Held { open: now, quick };
                let kind = match now.severity.cmp(&previous) {
                    std::cmp::Ordering::Greater => ChangeKind::Escalated,
                    std::cmp::Ordering::Less => ChangeKind::Eased,
                    std::cmp::Ordering::Equal => ChangeKind::Updated,
                };
                emit(rule, kind, Some(finding), Some(previous));
            }
        }
    }
}
