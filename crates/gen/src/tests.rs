//! The province as a whole: determinism, the mix of profiles, the shape of
//! the report series and the figures the benchmarks rely on.

use std::sync::OnceLock;

use tiendo_core::vn::nfc;
use tiendo_core::{ReportBody, TaskStatus};

use super::*;

fn options(tasks: usize, seed: u64) -> Options {
    Options {
        tasks,
        seed,
        ..Options::default()
    }
}

/// Ten thousand tasks, two years, shared by the tests that only read it.
fn big() -> &'static Province {
    static P: OnceLock<Province> = OnceLock::new();
    P.get_or_init(|| generate(&options(10_000, 11)))
}

#[test]
fn the_same_options_give_the_same_province() {
    let a = generate(&options(300, 5));
    let b = generate(&options(300, 5));
    assert_eq!(a, b);
    let c = generate(&options(300, 6));
    assert_ne!(a.reports, c.reports);
    assert_ne!(a.catalog.tasks, c.catalog.tasks);
}

#[test]
fn leaving_titles_out_changes_nothing_else() {
    let with = generate(&options(200, 3));
    let without = generate(&Options {
        titles: false,
        ..options(200, 3)
    });
    assert!(without.catalog.tasks.is_empty());
    assert_eq!(with.catalog.tasks.len(), 200);
    assert_eq!(with.tasks, without.tasks);
    assert_eq!(with.reports, without.reports);
    assert_eq!(with.actuals, without.actuals);
}

#[test]
fn the_mix_of_profiles_is_as_designed() {
    let p = big();
    let n = p.tasks.len() as f64;
    let share = |profile: Profile| {
        p.profile_counts()
            .into_iter()
            .find(|(q, _)| *q == profile)
            .map_or(0.0, |(_, c)| c as f64 / n)
    };
    // The drawn mix, less the tasks that start after today or wait for
    // their conditions (about 7 % of all).
    let within = |profile, lo, hi| {
        let s = share(profile);
        assert!((lo..=hi).contains(&s), "{profile:?}: {s:.3}");
    };
    within(Profile::OnTrack, 0.50, 0.58);
    within(Profile::Slipping, 0.16, 0.21);
    within(Profile::Stalled, 0.08, 0.11);
    within(Profile::Finished, 0.07, 0.09);
    within(Profile::LateStarter, 0.03, 0.05);
    within(Profile::Upcoming, 0.02, 0.08);
    within(Profile::Waiting, 0.01, 0.025);
}

#[test]
fn two_years_give_about_ten_reports_a_task() {
    let p = big();
    let per_task = p.reports.len() as f64 / p.tasks.len() as f64;
    assert!((8.5..=11.0).contains(&per_task), "{per_task:.2}");
}

#[test]
fn reports_are_sorted_and_never_after_today() {
    let p = big();
    assert!(
        p.reports
            .windows(2)
            .all(|w| (w[0].task, w[0].month) < (w[1].task, w[1].month))
    );
    for r in &p.reports {
        assert!(p.filed_on(r) <= p.today, "{r:?}");
        assert!(chrono::Datelike::year(&schedule_local(p.filed_at(r))) >= p.first_month.year);
        assert_eq!(schedule_local(p.filed_at(r)), p.filed_on(r));
        assert!(r.month < p.months());
    }
    for (i, t) in p.tasks.iter().enumerate() {
        assert!(p.reports_of(i).iter().all(|r| r.task as usize == i));
        if let Some(start) = t.start {
            assert!(
                p.reports_of(i)
                    .iter()
                    .all(|r| p.month(r.month).last_day() >= start)
            );
        }
    }
}

fn schedule_local(at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    tiendo_core::schedule::local_date(at)
}

#[test]
fn percents_stay_in_range_and_never_fall() {
    let p = big();
    for i in 0..p.tasks.len() {
        let series = p.reports_of(i);
        for w in series.windows(2) {
            assert!(w[0].percent_bp <= w[1].percent_bp, "task {i}: {series:?}");
        }
        for (k, r) in series.iter().enumerate() {
            assert!(r.percent_bp <= 10_000);
            let finished = r.status.is_finished();
            assert_eq!(finished, r.percent_bp == 10_000, "{r:?}");
            if finished {
                assert_eq!(k, series.len() - 1, "nothing after the finish");
            }
            // Every report would pass the API's own checks.
            let body = ReportBody {
                status: r.status,
                percent: r.percent(),
                done: p.texts(r).done.into(),
                obstacles: p.texts(r).obstacles.into(),
                proposals: p.texts(r).proposals.into(),
                money: Default::default(),
                evidence: vec![],
                estimate: false,
            };
            assert!(body.validated().is_ok(), "{r:?}");
        }
    }
}

#[test]
fn profiles_show_in_the_reports() {
    let p = big();
    let last = |i: usize| p.reports_of(i).last().copied();
    let mut finished_done = 0;
    let mut finished = 0;
    let mut stalled_flat = 0;
    let mut stalled = 0;
    for (i, t) in p.tasks.iter().enumerate() {
        match t.profile {
            Profile::Finished => {
                finished += 1;
                if last(i).is_some_and(|r| r.status.is_finished()) {
                    finished_done += 1;
                }
            }
            Profile::Stalled => {
                let s = p.reports_of(i);
                if s.len() >= 4 {
                    stalled += 1;
                    let tail = &s[s.len() - 3..];
                    if tail.iter().all(|r| r.percent_bp == tail[0].percent_bp) {
                        stalled_flat += 1;
                    }
                }
            }
            Profile::Upcoming | Profile::Waiting => {
                assert!(p.reports_of(i).is_empty(), "{t:?}");
            }
            _ => {}
        }
    }
    assert!(
        finished_done * 100 >= finished * 95,
        "{finished_done}/{finished}"
    );
    assert!(
        stalled_flat * 100 >= stalled * 60,
        "{stalled_flat}/{stalled}"
    );
}

#[test]
fn slipping_tasks_fall_behind_the_plan() {
    let p = big();
    let mut gaps = Vec::new();
    for (i, t) in p.tasks.iter().enumerate() {
        let (Profile::Slipping, Some(start)) = (t.profile, t.start) else {
            continue;
        };
        let Some(r) = p.reports_of(i).last() else {
            continue;
        };
        let cutoff = p.month(r.month).first_day() + Duration::days(13);
        let span = (t.deadline - start).num_days().max(1) as f64;
        let planned = ((cutoff - start).num_days() as f64 / span).min(1.0) * 100.0;
        if planned >= 60.0 && r.percent_bp < 10_000 {
            gaps.push(planned - f64::from(r.percent_bp) / 100.0);
        }
    }
    gaps.sort_by(f64::total_cmp);
    let median = gaps[gaps.len() / 2];
    assert!((12.0..=45.0).contains(&median), "median gap {median:.1}");
}

#[test]
fn conditional_tasks_report_only_once_activated() {
    let p = big();
    let mut waiting = 0;
    let mut activated = 0;
    for (i, t) in p.tasks.iter().enumerate() {
        if !t.conditional {
            assert!(t.activated_on.is_none());
            continue;
        }
        assert_eq!(p.catalog.tasks[i].conditions.len(), 1);
        match t.activated_on {
            None => {
                waiting += 1;
                assert!(p.reports_of(i).is_empty());
                assert_eq!(t.profile, Profile::Waiting);
            }
            Some(on) => {
                activated += 1;
                assert_eq!(t.start, Some(on));
                assert!(on <= p.today);
            }
        }
    }
    let all = (waiting + activated) as f64 / p.tasks.len() as f64;
    assert!((0.02..=0.04).contains(&all), "{all}");
    assert!(waiting > 0 && activated > 0);
}

#[test]
fn some_agencies_are_chronically_late() {
    let p = big();
    let mut per_agency = vec![(0usize, 0usize); p.lead_agencies];
    for r in &p.reports {
        let lead = usize::from(p.tasks[r.task as usize].lead);
        per_agency[lead].0 += 1;
        per_agency[lead].1 += usize::from(p.is_late(r));
    }
    let shares: Vec<f64> = per_agency
        .iter()
        .filter(|(n, _)| *n >= 100)
        .map(|&(n, late)| late as f64 / n as f64)
        .collect();
    assert!(shares.iter().any(|&s| s < 0.1));
    assert!(shares.iter().any(|&s| s > 0.3));
    let late = p.reports.iter().filter(|r| p.is_late(r)).count() as f64;
    let share = late / p.reports.len() as f64;
    assert!((0.05..=0.25).contains(&share), "{share}");
}

#[test]
fn assignments_are_well_formed() {
    let p = big();
    let mut with_milestones = 0;
    for t in &p.tasks {
        if let Some(start) = t.start {
            assert!(start <= t.deadline, "{t:?}");
            for m in t.milestones() {
                assert!(start <= m.date && m.date <= t.deadline, "{t:?}");
            }
        }
        assert!(usize::from(t.lead) < p.lead_agencies);
        assert!(!t.coordinators().contains(&t.lead));
        assert!(
            t.milestones()
                .windows(2)
                .all(|w| w[0].date < w[1].date && w[0].planned_percent <= w[1].planned_percent)
        );
        with_milestones += usize::from(t.milestone_count > 0);
    }
    let share = with_milestones as f64 / p.tasks.len() as f64;
    assert!((0.12..=0.22).contains(&share), "{share}");
}

#[test]
fn money_never_pays_out_more_than_was_allocated() {
    let p = big();
    assert!(!p.money.is_empty());
    for r in &p.reports {
        let t = &p.tasks[r.task as usize];
        match p.money_at(r) {
            Some(m) => {
                assert!(t.budget_million.is_some());
                assert!(0 <= m.disbursed_million && m.disbursed_million <= m.allocated_million);
            }
            None => assert!(t.budget_million.is_none()),
        }
    }
}

#[test]
fn the_catalog_is_realistic_in_size_and_words() {
    let small = generate(&options(300, 2));
    let c = &small.catalog;
    assert_eq!(c.tasks.len(), 300);
    assert!(
        (10..=30).contains(&c.sections.len()),
        "{}",
        c.sections.len()
    );
    assert!((20..=60).contains(&small.lead_agencies));
    assert_eq!(c.indicators.len(), 6);
    let p = big();
    let c = &p.catalog;
    assert!(
        (20..=36).contains(&c.sections.len()),
        "{}",
        c.sections.len()
    );
    assert_eq!(c.indicators.len(), 200);
    assert_eq!(p.lead_agencies, 60);
    for t in &c.tasks {
        assert_eq!(nfc(&t.title), t.title);
        // A ward or commune leads work in its own area.
        if let Some(home) = t
            .lead_agency
            .as_deref()
            .and_then(|l| l.strip_prefix("UBND "))
        {
            assert!(t.title.contains(home), "{} / {home}", t.title);
        }
        assert!(t.title.chars().count() >= 20, "{}", t.title);
        assert!(t.lead_agency.is_some());
        assert!(c.section(tiendo_core::Part::Tasks, &t.section).is_some());
    }
    for s in &c.sections {
        assert_eq!(nfc(&s.title), s.title);
    }
    for a in &c.agencies {
        assert_eq!(&nfc(a), a);
    }
    // Few repeated titles in a province of realistic size; some in a huge one.
    let distinct = |c: &Catalog| {
        c.tasks
            .iter()
            .map(|t| t.title.as_str())
            .collect::<std::collections::HashSet<_>>()
            .len()
    };
    assert!(
        distinct(&small.catalog) >= 295,
        "{}",
        distinct(&small.catalog)
    );
    assert!(distinct(c) * 10 >= c.tasks.len() * 8, "{}", distinct(c));
    let comparators: std::collections::HashSet<_> =
        c.indicators.iter().map(|i| i.target.comparator).collect();
    assert!(comparators.len() >= 6);
    assert_eq!(
        c.program.term,
        Some(YearSpan {
            start: 2025,
            end: 2030
        })
    );
}

#[test]
fn indicators_have_yearly_actuals_some_off_track() {
    let p = big();
    // 2025 final, 2026 estimated (today is late November).
    assert_eq!(p.actuals.len(), p.catalog.indicators.len() * 2);
    assert!(p.actuals.iter().all(|a| a.recorded_on <= p.today));
    assert!(p.actuals.iter().any(|a| a.estimate));
    assert!(p.actuals.iter().any(|a| !a.estimate));
}

#[test]
fn reports_are_compact() {
    assert!(std::mem::size_of::<GenReport>() <= 12);
    assert!(std::mem::size_of::<GenTask>() <= 96);
}

#[test]
fn statuses_follow_the_work() {
    let p = big();
    let count = |s: TaskStatus| p.reports.iter().filter(|r| r.status == s).count();
    assert!(count(TaskStatus::NotStarted) > 0);
    assert!(count(TaskStatus::InProgress) > p.reports.len() / 2);
    assert!(count(TaskStatus::Submitted) > 0);
    assert!(count(TaskStatus::Issued) > 0);
    assert!(count(TaskStatus::Done) > 0);
    assert!(count(TaskStatus::Paused) > 0);
}

#[test]
fn six_month_and_yearly_reports_repeat_the_last_monthly_report_of_their_window() {
    // A week after the yearly report of 2026 was due, before December's.
    let p = &generate(&Options {
        today: NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
        ..options(3_000, 11)
    });
    let mut carried_on = 0;
    let mut seen = std::collections::HashSet::new();
    let (mut six_month, mut yearly) = (0, 0);
    for (k, r) in p.reports.iter().enumerate() {
        for s in p.summaries_after(k) {
            let dates = p.regime.dates(&s.period).unwrap();
            // The monthly report's window ends inside the period's, and
            // the task's next monthly report's does not.
            let end = p.month_end(r.month);
            assert!(dates.window_start <= end && end <= dates.window_end);
            assert!(end + Duration::days(35) >= dates.window_end.min(dates.due_on));
            if let Some(next) = p.reports.get(k + 1).filter(|n| n.task == r.task) {
                assert!(p.month_end(next.month) > dates.window_end);
            }
            assert!(s.filed_at.date_naive() <= p.today, "{s:?}");
            assert!(dates.due_on <= p.today);
            // As late or as early as the monthly report it repeats.
            let days = (s.filed_at - p.filed_at(r)).num_days();
            let offset = (dates.due_on - p.due_on(r.month)).num_days();
            if dates.due_on + Duration::days(i64::from(r.filed_offset_days)) >= dates.opens_on {
                assert_eq!(days, offset, "{s:?}");
            }
            assert_eq!(s.estimate, dates.estimate);
            // The monthly report's share, or more where it is carried on
            // to the window's end; never a finished task's beyond its own.
            assert!(s.percent >= r.percent(), "{s:?}");
            if r.status.is_finished() || p.month_end(r.month) == dates.window_end {
                assert_eq!(s.percent, r.percent(), "{s:?}");
            } else {
                assert!(s.percent <= Decimal::from(99).max(r.percent()), "{s:?}");
                carried_on += usize::from(s.percent > r.percent());
            }
            assert!(
                seen.insert((r.task, s.period)),
                "one report a task and period"
            );
            match s.period.kind {
                PeriodKind::SixMonth => six_month += 1,
                PeriodKind::Yearly => yearly += 1,
                other => panic!("{other:?}"),
            }
        }
    }
    // Most tasks that report monthly report for the year too.
    let reporting_in_2025 = p
        .reports
        .iter()
        .filter(|r| p.month(r.month).year == 2025)
        .map(|r| r.task)
        .collect::<std::collections::HashSet<_>>()
        .len();
    assert!(
        yearly * 10 >= reporting_in_2025 * 8,
        "{yearly} of {reporting_in_2025}"
    );
    assert!(six_month > yearly);
    assert!(carried_on > 100, "{carried_on}");
}
