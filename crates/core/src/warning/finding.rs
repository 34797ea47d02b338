//! A rule's finding before it is put into words: the rule, the severity and
//! the figures it used, in a `Copy` value that holds no text.
//! [`Finding::render`] turns it into the [`Warning`] users read; the
//! fingerprint in `digest` digests the facts that warning would carry
//! without building it. Both walk the facts through [`Finding::visit`], so
//! they cannot disagree.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::inputs::Calendar;
use super::rules::{Need, expected_disbursement};
use super::text::{self, Sink};
use super::trajectory::{days_between, round2};
use super::{FactSet, RuleId, Severity, Warning, messages};
use crate::catalog::{Comparator, Target};

/// A text a finding names but does not hold; its [`Context`] supplies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Label {
    /// The label the caller handed to a public rule function.
    Given,
    /// `báo cáo ` and the label of the calendar's period at this index.
    Report(u32),
    /// `báo cáo đến ngày dd/mm/yyyy`: a report outside the calendar.
    ReportAsOf(NaiveDate),
    /// The label of the calendar's period at this index.
    Period(u32),
}

/// What a finding's labels and targets are read from when it is rendered
/// or fingerprinted: the program's calendar, the label given to a public
/// rule function, the indicator's target.
#[derive(Clone, Copy)]
pub(super) struct Context<'a> {
    pub calendar: Option<&'a Calendar>,
    pub given: &'a str,
    pub target: Option<&'a Target>,
}

impl<'a> Context<'a> {
    pub(super) fn given(label: &'a str) -> Self {
        Context {
            calendar: None,
            given: label,
            target: None,
        }
    }

    pub(super) fn task(calendar: &'a Calendar) -> Self {
        Context {
            calendar: Some(calendar),
            given: "",
            target: None,
        }
    }

    pub(super) fn indicator(target: &'a Target) -> Self {
        Context {
            calendar: None,
            given: "",
            target: Some(target),
        }
    }

    fn period(&self, index: u32) -> &'a str {
        self.calendar
            .and_then(|c| c.get(index))
            .map_or("", |p| p.label.as_str())
    }

    /// The label as the message shows it (before trimming).
    fn label_text(&self, label: Label) -> String {
        match label {
            Label::Given => self.given.to_string(),
            Label::Period(i) => self.period(i).to_string(),
            Label::Report(i) => format!("báo cáo {}", self.period(i)),
            Label::ReportAsOf(d) => {
                let mut s = String::from("báo cáo đến ngày ");
                text::put_vn_date(&mut s, d);
                s
            }
        }
    }

    /// A label that is also a fact (`last_due`), trimmed as recorded.
    fn label_fact(&self, label: Label) -> &'a str {
        match label {
            Label::Given => self.given.trim(),
            Label::Period(i) => self.period(i).trim(),
            // Report labels are never facts; nothing uses these arms.
            Label::Report(_) | Label::ReportAsOf(_) => "",
        }
    }
}

/// How `forecast_late` reads the pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Outlook {
    /// No progress since that date.
    NoProgress { since: NaiveDate },
    /// Progress too slow to finish within 100 years.
    TooSlow,
    /// Done on `projected`, after the deadline.
    Late { projected: NaiveDate },
}

/// The figures of each rule, as the facts of its warning record them
/// (decimals already rounded and normalized). Figures the facts derive from
/// others (`gap`, `bound`, …) are derived again when needed, to keep a
/// finding small.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Facts {
    Overdue {
        deadline: NaiveDate,
        days_late: i64,
    },
    DueSoon {
        deadline: NaiveDate,
        days_left: i64,
    },
    BehindPlan {
        planned: Decimal,
        reported: Decimal,
        lag: Decimal,
        report: Label,
    },
    ForecastLate {
        deadline: NaiveDate,
        last_date: NaiveDate,
        last_percent: Decimal,
        pace: Decimal,
        outlook: Outlook,
    },
    MissingReport {
        missed: u32,
        last_due: Label,
    },
    Stalled {
        run: u32,
        percent: Decimal,
    },
    FundingGap {
        required: Decimal,
        allocated: Decimal,
        share: Decimal,
    },
    LowDisbursement {
        allocated: Decimal,
        disbursed: Decimal,
        actual: Decimal,
        today: NaiveDate,
    },
    /// `bound`, `miss`, the comparator and the target's words come from
    /// the target in the [`Context`].
    IndicatorOffTrack {
        year: i32,
        last_year: i32,
        projected: Decimal,
        last_value: Decimal,
        base: Option<Decimal>,
    },
}

/// One fact's value, written by [`Value::put`] exactly as the `Display`
/// of the value the rules used to record writes it.
#[derive(Debug, Clone, Copy)]
pub(super) enum Value<'a> {
    Int(i64),
    Date(NaiveDate),
    Dec(Decimal),
    Text(&'a str),
}

impl fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Out<'a, 'b>(&'a mut fmt::Formatter<'b>, fmt::Result);
        impl Sink for Out<'_, '_> {
            fn put(&mut self, s: &str) {
                if self.1.is_ok() {
                    self.1 = self.0.write_str(s);
                }
            }
        }
        let mut out = Out(f, Ok(()));
        self.put(&mut out);
        out.1
    }
}

impl Value<'_> {
    pub(super) fn put<S: Sink>(self, sink: &mut S) {
        match self {
            Value::Int(n) => text::put_int(sink, n),
            Value::Date(d) => text::put_iso_date(sink, d),
            Value::Dec(d) => text::put_decimal(sink, d),
            Value::Text(s) => sink.put(s),
        }
    }
}

/// A rule's finding about one subject, without its words. Cheap to compute,
/// copy and compare; [`Engine::render`](super::Engine::render) puts it into
/// words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Finding {
    pub(super) severity: Severity,
    pub(super) facts: Facts,
}

/// The most facts a rule records (`indicator_off_track` with a base).
const MAX_FACTS: usize = 8;

struct FactList<'c> {
    items: [(&'static str, Value<'c>); MAX_FACTS],
    len: usize,
}

impl<'c> FactList<'c> {
    fn iter(&self) -> impl Iterator<Item = &(&'static str, Value<'c>)> {
        self.items[..self.len].iter()
    }
}

/// What `indicator_off_track` derives again from the target.
struct Derived {
    bound: Decimal,
    miss: Decimal,
    goal: Decimal,
    relative: bool,
}

fn derive(target: &Target, projected: Decimal, base: Option<Decimal>) -> Option<Derived> {
    let need = Need::of(target, base)?;
    let (bound, by) = need.miss(projected)?;
    Some(Derived {
        bound,
        miss: by,
        goal: need.goal(),
        relative: matches!(
            target.comparator,
            Comparator::IncreaseBy | Comparator::DecreaseBy | Comparator::Times
        ),
    })
}

impl Finding {
    pub(super) fn new(severity: Severity, facts: Facts) -> Self {
        Finding { severity, facts }
    }

    /// The rule that found it.
    pub fn rule(&self) -> RuleId {
        match self.facts {
            Facts::Overdue { .. } | Facts::DueSoon { .. } => RuleId::Overdue,
            Facts::BehindPlan { .. } => RuleId::BehindPlan,
            Facts::ForecastLate { .. } => RuleId::ForecastLate,
            Facts::MissingReport { .. } => RuleId::MissingReport,
            Facts::Stalled { .. } => RuleId::Stalled,
            Facts::FundingGap { .. } => RuleId::FundingGap,
            Facts::LowDisbursement { .. } => RuleId::LowDisbursement,
            Facts::IndicatorOffTrack { .. } => RuleId::IndicatorOffTrack,
        }
    }

    /// How loud the warning it renders to is.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Calls `f` with every fact the rendered warning records, key and
    /// value, in the order of their keys — the order a stored warning's
    /// `BTreeMap` gives them back in, which the fingerprint relies on.
    pub(super) fn visit<'c>(&self, ctx: &Context<'c>, mut f: impl FnMut(&'static str, Value<'c>)) {
        use Value::{Date, Dec, Int, Text};
        match self.facts {
            Facts::Overdue {
                deadline,
                days_late,
            } => {
                f("days_late", Int(days_late));
                f("deadline", Date(deadline));
            }
            Facts::DueSoon {
                deadline,
                days_left,
            } => {
                f("days_left", Int(days_left));
                f("deadline", Date(deadline));
            }
            Facts::BehindPlan {
                planned,
                reported,
                lag,
                ..
            } => {
                f("lag", Dec(lag));
                f("planned", Dec(planned));
                f("reported", Dec(reported));
            }
            Facts::ForecastLate {
                deadline,
                last_date,
                last_percent,
                pace,
                outlook,
            } => {
                let projected = match outlook {
                    Outlook::Late { projected } => Some(projected),
                    _ => None,
                };
                if let Some(projected) = projected {
                    f("days_late", Int(days_between(projected, deadline)));
                }
                f("deadline", Date(deadline));
                f("last_date", Date(last_date));
                f("last_percent", Dec(last_percent));
                f("pace_per_day", Dec(pace));
                if let Some(projected) = projected {
                    f("projected", Date(projected));
                }
            }
            Facts::MissingReport { missed, last_due } => {
                f("last_due", Text(ctx.label_fact(last_due)));
                f("missed_periods", Int(i64::from(missed)));
            }
            Facts::Stalled { run, percent } => {
                f("percent", Dec(percent));
                f("reports_without_progress", Int(i64::from(run)));
            }
            Facts::FundingGap {
                required,
                allocated,
                share,
            } => {
                f("allocated", Dec(allocated));
                f("missing_share", Dec(share));
                f("required", Dec(required));
            }
            Facts::LowDisbursement {
                allocated,
                disbursed,
                actual,
                today,
            } => {
                let expected = expected_disbursement(today).unwrap_or_default();
                f("actual_share", Dec(actual));
                f("allocated", Dec(allocated));
                f("disbursed", Dec(disbursed));
                f("expected_share", Dec(expected));
                f("gap", Dec(expected.checked_sub(actual).unwrap_or_default()));
            }
            Facts::IndicatorOffTrack {
                year,
                last_year,
                projected,
                last_value,
                base,
            } => {
                let derived = ctx
                    .target
                    .and_then(|t| Some((t, derive(t, projected, base)?)));
                if let Some((_, d)) = &derived {
                    if let Some(base) = base.filter(|_| d.relative) {
                        f("base", Dec(base.normalize()));
                    }
                    f("bound", Dec(d.bound.normalize()));
                }
                if let Some((target, _)) = &derived {
                    f("comparator", Text(target.comparator.code()));
                }
                f("last_value", Dec(last_value));
                f("last_year", Int(i64::from(last_year)));
                if let Some((_, d)) = &derived {
                    f("miss", Dec(round2(d.miss)));
                }
                f("projected", Dec(projected));
                f("year", Int(i64::from(year)));
            }
        }
    }

    /// The facts as a list (a finding has at most [`MAX_FACTS`]).
    fn fact_list<'c>(&self, ctx: &Context<'c>) -> FactList<'c> {
        let mut list = FactList {
            items: [("", Value::Int(0)); MAX_FACTS],
            len: 0,
        };
        self.visit(ctx, |key, value| {
            if let Some(slot) = list.items.get_mut(list.len) {
                *slot = (key, value);
                list.len += 1;
            }
        });
        list
    }

    /// The warning users read: the same sentence and facts the rule
    /// functions return.
    pub(super) fn render(&self, ctx: &Context<'_>) -> Warning {
        let list = self.fact_list(ctx);
        let mut facts = FactSet::with_capacity(list.len);
        for &(key, value) in list.iter() {
            facts.push(key, value);
        }
        let mut message = self.message(ctx);
        // Written into room for any sentence; a cold sweep keeps hundreds of
        // thousands of them, so give back what is left over.
        message.shrink_to_fit();
        Warning {
            rule: self.rule(),
            severity: self.severity,
            message,
            facts,
        }
    }

    fn message(&self, ctx: &Context<'_>) -> String {
        let mut m = String::with_capacity(128);
        match self.facts {
            Facts::Overdue {
                deadline,
                days_late,
            } => messages::overdue(&mut m, days_late, deadline),
            Facts::DueSoon {
                deadline,
                days_left,
            } => messages::due_soon(&mut m, days_left, deadline),
            Facts::BehindPlan {
                planned,
                reported,
                lag,
                report,
            } => messages::behind_plan(&mut m, lag, planned, reported, &ctx.label_text(report)),
            Facts::ForecastLate {
                deadline,
                last_percent,
                outlook,
                ..
            } => match outlook {
                Outlook::NoProgress { since } => {
                    messages::forecast_no_progress(&mut m, since, last_percent, deadline)
                }
                Outlook::TooSlow => messages::forecast_too_slow(&mut m, deadline),
                Outlook::Late { projected } => messages::forecast_late(
                    &mut m,
                    projected,
                    deadline,
                    days_between(projected, deadline),
                ),
            },
            Facts::MissingReport { missed, last_due } => {
                messages::missing_report(&mut m, missed, &ctx.label_text(last_due))
            }
            Facts::Stalled { run, percent } => messages::stalled(&mut m, run, percent),
            Facts::FundingGap {
                required,
                allocated,
                share,
            } => messages::funding_gap(&mut m, required, allocated, share),
            Facts::LowDisbursement { actual, today, .. } => {
                let expected = expected_disbursement(today).unwrap_or_default();
                messages::low_disbursement(&mut m, actual, expected, today)
            }
            Facts::IndicatorOffTrack {
                year,
                last_year,
                projected,
                base,
                ..
            } => {
                let Some(target) = ctx.target else {
                    return m;
                };
                let Some(d) = derive(target, projected, base) else {
                    return m;
                };
                let reached = if d.relative {
                    messages::quantity(projected, "")
                } else {
                    messages::quantity(projected, &target.unit)
                };
                let phrase = messages::target_phrase(
                    target.comparator,
                    target.value,
                    target.value_max,
                    &target.unit,
                    target.base_year,
                    d.goal,
                );
                m = messages::indicator_off_track(year, year > last_year, &reached, &phrase);
            }
        }
        m
    }
}
