//! The warning rules at their boundaries, read like the spec, plus
//! properties of the plan and of the severity ladder.

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;
use crate::catalog::{Comparator, Target};
use crate::report::{Milestone, Money};
use crate::status::TaskStatus;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("test decimal")
}

fn th() -> Thresholds {
    Thresholds::default()
}

fn ms(date: &str, percent: &str) -> Milestone {
    Milestone {
        date: d(date),
        planned_percent: dec(percent),
    }
}

fn sev(w: Option<Warning>) -> Option<Severity> {
    w.map(|w| w.severity)
}

// ---- types ----------------------------------------------------------------

#[test]
fn severities_order_red_above_yellow_above_info() {
    assert!(Severity::Red > Severity::Yellow && Severity::Yellow > Severity::Info);
    let labels: Vec<_> = Severity::ALL.iter().map(|s| s.label_vi()).collect();
    assert_eq!(labels, ["Thông tin", "Vàng", "Đỏ"]);
}

#[test]
fn codes_round_trip_and_match_serde() {
    for r in RuleId::ALL {
        assert_eq!(RuleId::from_code(r.code()), Some(r));
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            format!("\"{}\"", r.code())
        );
        assert!(!r.label_vi().is_empty());
    }
    for s in Severity::ALL {
        assert_eq!(Severity::from_code(s.code()), Some(s));
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            format!("\"{}\"", s.code())
        );
    }
}

#[test]
fn thresholds_file_overrides_some_and_keeps_the_rest() {
    let t: Thresholds =
        serde_json::from_str(r#"{"behind_plan_yellow": 10, "stalled_reports": 4}"#).unwrap();
    assert_eq!(t.behind_plan_yellow, dec("10"));
    assert_eq!(t.stalled_reports, 4);
    assert_eq!(t.behind_plan_red, dec("30"));
    assert_eq!(t.due_soon_days, 14);
    assert!(serde_json::from_str::<Thresholds>(r#"{"behind_plan_yelow": 10}"#).is_err());
}

#[test]
fn warning_round_trips_through_json() {
    let w = behind_plan(dec("60"), dec("35"), "báo cáo tháng 9/2025", &th()).unwrap();
    let json = serde_json::to_string(&w).unwrap();
    assert!(json.contains(r#""rule":"behind_plan""#) && json.contains(r#""severity":"yellow""#));
    assert_eq!(serde_json::from_str::<Warning>(&json).unwrap(), w);
}

// ---- planned_percent ------------------------------------------------------

#[test]
fn planned_percent_follows_start_milestones_and_deadline() {
    let start = Some(d("2025-01-01"));
    let deadline = Some(d("2025-12-31"));
    let m = [ms("2025-03-02", "20"), ms("2025-07-01", "60")];
    let cases = [
        ("2024-12-31", Some("0")),     // before start
        ("2025-01-01", Some("0")),     // at start
        ("2025-01-31", Some("10")),    // half way to the first milestone (30 of 60 days)
        ("2025-03-02", Some("20")),    // at a milestone
        ("2025-05-01", Some("39.83")), // 60 of 121 days from 20 to 60 → 39.83 (rounded)
        ("2025-07-01", Some("60")),
        ("2025-12-31", Some("100")), // at the deadline
        ("2026-06-01", Some("100")), // after it
    ];
    for (at, want) in cases {
        assert_eq!(
            planned_percent(start, deadline, &m, d(at)),
            want.map(dec),
            "at {at}"
        );
    }
}

#[test]
fn planned_percent_is_a_straight_line_without_milestones() {
    let p = |at| planned_percent(Some(d("2025-01-01")), Some(d("2025-01-11")), &[], d(at));
    assert_eq!(p("2025-01-06"), Some(dec("50")));
    assert_eq!(p("2025-01-04"), Some(dec("30")));
}

#[test]
fn planned_percent_counts_february_29_in_a_leap_year() {
    // 2028-02-01 → 2028-03-02 is 30 days in a leap year; Feb 29 is day 28.
    let p = planned_percent(
        Some(d("2028-02-01")),
        Some(d("2028-03-02")),
        &[],
        d("2028-02-29"),
    );
    assert_eq!(p, Some(dec("93.33")));
    // The same span in 2027 is 29 days: Mar 1 is day 28.
    let p = planned_percent(
        Some(d("2027-02-01")),
        Some(d("2027-03-02")),
        &[],
        d("2027-03-01"),
    );
    assert_eq!(p, Some(dec("96.55")));
}

#[test]
fn planned_percent_without_deadline_or_start() {
    // Neither deadline nor milestones: nothing to go by.
    assert_eq!(
        planned_percent(Some(d("2025-01-01")), None, &[], d("2025-06-01")),
        None
    );
    // No deadline: hold the last milestone.
    let m = [ms("2025-03-01", "40")];
    assert_eq!(
        planned_percent(Some(d("2025-01-01")), None, &m, d("2025-09-01")),
        Some(dec("40"))
    );
    // No start: unknown before the first anchor, interpolated after it.
    let m = [ms("2025-01-01", "20")];
    assert_eq!(
        planned_percent(None, Some(d("2025-01-11")), &m, d("2024-12-01")),
        None
    );
    assert_eq!(
        planned_percent(None, Some(d("2025-01-11")), &m, d("2025-01-01")),
        Some(dec("20"))
    );
    assert_eq!(
        planned_percent(None, Some(d("2025-01-11")), &m, d("2025-01-06")),
        Some(dec("60"))
    );
    assert_eq!(
        planned_percent(None, Some(d("2025-01-11")), &[], d("2025-01-06")),
        None
    );
    assert_eq!(
        planned_percent(None, Some(d("2025-01-11")), &[], d("2025-01-11")),
        Some(dec("100"))
    );
}

#[test]
fn planned_percent_survives_bad_milestones() {
    let m = [ms("2025-06-01", "250"), ms("2025-03-01", "-5")];
    let p = planned_percent(
        Some(d("2025-01-01")),
        Some(d("2025-12-31")),
        &m,
        d("2025-06-01"),
    );
    assert_eq!(p, Some(dec("100")));
    let p = planned_percent(
        Some(d("2025-01-01")),
        Some(d("2025-12-31")),
        &m,
        d("2025-03-01"),
    );
    assert_eq!(p, Some(dec("0")));
}

// ---- overdue --------------------------------------------------------------

#[test]
fn overdue_from_the_day_after_the_deadline() {
    let deadline = Some(d("2025-12-31"));
    let ip = TaskStatus::InProgress;
    let cases = [
        ("2025-12-01", None),                 // 30 days left
        ("2025-12-17", Some(Severity::Info)), // exactly 14 days left
        ("2025-12-31", Some(Severity::Info)), // due today: not overdue
        ("2026-01-01", Some(Severity::Red)),  // one day late
    ];
    for (today, want) in cases {
        assert_eq!(
            sev(overdue(ip, deadline, d(today), &th())),
            want,
            "today {today}"
        );
    }
    let w = overdue(ip, deadline, d("2026-01-12"), &th()).unwrap();
    assert_eq!(
        w.message,
        "Quá hạn 12 ngày: thời hạn 31/12/2025, chưa hoàn thành"
    );
    assert_eq!(w.fact_value("days_late"), Some("12"));
    let w = overdue(ip, deadline, d("2025-12-31"), &th()).unwrap();
    assert_eq!(w.message, "Đến hạn hôm nay (31/12/2025), chưa hoàn thành");
}

#[test]
fn finished_suspended_or_undated_tasks_are_never_overdue() {
    let late = d("2027-01-01");
    for s in [
        TaskStatus::Done,
        TaskStatus::Issued,
        TaskStatus::Paused,
        TaskStatus::Cancelled,
    ] {
        assert_eq!(
            overdue(s, Some(d("2025-12-31")), late, &th()),
            None,
            "{s:?}"
        );
    }
    assert_eq!(overdue(TaskStatus::NotStarted, None, late, &th()), None);
    let no_soon = Thresholds {
        due_soon_days: 0,
        ..th()
    };
    assert_eq!(
        overdue(TaskStatus::InProgress, Some(late), late, &no_soon),
        None
    );
}

// ---- behind_plan ----------------------------------------------------------

#[test]
fn behind_plan_at_its_thresholds() {
    let cases = [
        ("60", "60", None),                   // exactly on plan
        ("60", "70", None),                   // ahead
        ("60", "46", None),                   // 14: one point below yellow
        ("60", "45", Some(Severity::Yellow)), // 15: exactly yellow
        ("60", "31", Some(Severity::Yellow)), // 29
        ("60", "30", Some(Severity::Red)),    // 30: exactly red
    ];
    for (planned, reported, want) in cases {
        let got = sev(behind_plan(dec(planned), dec(reported), "", &th()));
        assert_eq!(got, want, "planned {planned} reported {reported}");
    }
}

#[test]
fn behind_plan_says_how_far_behind_in_vietnamese() {
    let w = behind_plan(dec("60"), dec("35"), "báo cáo tháng 9/2025", &th()).unwrap();
    assert_eq!(
        w.message,
        "Chậm 25 điểm % so với kế hoạch: kế hoạch 60%, thực tế 35% (báo cáo tháng 9/2025)"
    );
    assert_eq!(
        (
            w.fact_value("planned"),
            w.fact_value("reported"),
            w.fact_value("lag")
        ),
        (Some("60"), Some("35"), Some("25"))
    );
    let w = behind_plan(dec("60.5"), dec("20"), "", &th()).unwrap();
    assert_eq!(
        w.message,
        "Chậm 40,5 điểm % so với kế hoạch: kế hoạch 60,5%, thực tế 20%"
    );
}

#[test]
fn behind_plan_never_warns_on_plan_even_with_zero_thresholds() {
    let zero = Thresholds {
        behind_plan_yellow: Decimal::ZERO,
        behind_plan_red: Decimal::ZERO,
        ..th()
    };
    assert_eq!(behind_plan(dec("50"), dec("50"), "", &zero), None);
    assert_eq!(behind_plan(Decimal::MAX, Decimal::MIN, "", &th()), None); // overflow
}

// ---- forecast_late --------------------------------------------------------

#[test]
fn forecast_late_projects_from_the_pace_of_recent_reports() {
    // 10 points per 10 days from 40% on Jan 31: 60 more points → 60 days → Apr 1.
    let pts = [(d("2025-01-21"), dec("30")), (d("2025-01-31"), dec("40"))];
    let today = d("2025-02-01");
    let strict = Thresholds {
        forecast_grace_days: 0,
        ..th()
    };
    let cases = [
        ("2025-04-01", None),                   // finishes on the deadline
        ("2025-03-31", Some(Severity::Yellow)), // one day late
        ("2025-03-02", Some(Severity::Yellow)), // 30 days late
        ("2025-03-01", Some(Severity::Red)),    // 31 days late
    ];
    for (deadline, want) in cases {
        assert_eq!(
            sev(forecast_late(&pts, Some(d(deadline)), today, &strict)),
            want,
            "{deadline}"
        );
    }
    let w = forecast_late(&pts, Some(d("2025-03-31")), today, &strict).unwrap();
    assert_eq!(
        w.message,
        "Dự báo hoàn thành ngày 01/04/2025, sau thời hạn 31/03/2025 (1 ngày)"
    );
    assert_eq!(w.fact_value("projected"), Some("2025-04-01"));
    let grace = Thresholds {
        forecast_grace_days: 1,
        ..th()
    };
    assert_eq!(
        forecast_late(&pts, Some(d("2025-03-31")), today, &grace),
        None
    );
    // The default tolerates a week: 7 days late is quiet, 8 is yellow.
    assert_eq!(th().forecast_grace_days, 7);
    assert_eq!(
        sev(forecast_late(&pts, Some(d("2025-03-25")), today, &th())),
        None
    );
    assert_eq!(
        sev(forecast_late(&pts, Some(d("2025-03-24")), today, &th())),
        Some(Severity::Yellow)
    );
}

#[test]
fn forecast_late_with_no_progress_is_red() {
    let pts = [
        (d("2025-01-31"), dec("20")),
        (d("2025-02-28"), dec("35")),
        (d("2025-03-31"), dec("35")),
    ];
    // Pace from first to last is positive here; flat across all points is not.
    let flat = [(d("2025-02-28"), dec("35")), (d("2025-03-31"), dec("35"))];
    let w = forecast_late(&flat, Some(d("2025-12-31")), d("2025-04-01"), &th()).unwrap();
    assert_eq!(w.severity, Severity::Red);
    assert_eq!(
        w.message,
        "Dự báo không hoàn thành trước thời hạn 31/12/2025: không có tiến triển từ ngày 28/02/2025 (35%)"
    );
    assert_eq!(
        forecast_late(&pts, Some(d("2025-12-31")), d("2025-04-01"), &th()),
        None
    );
}

#[test]
fn forecast_late_needs_two_dated_reports_and_an_open_task() {
    let deadline = Some(d("2025-12-31"));
    let today = d("2025-06-01");
    assert_eq!(forecast_late(&[], deadline, today, &th()), None); // no reports
    assert_eq!(
        forecast_late(&[(d("2025-05-01"), dec("10"))], deadline, today, &th()),
        None
    );
    let same_day = [(d("2025-05-01"), dec("10")), (d("2025-05-01"), dec("20"))];
    assert_eq!(forecast_late(&same_day, deadline, today, &th()), None);
    let done = [(d("2025-04-01"), dec("90")), (d("2025-05-01"), dec("100"))];
    assert_eq!(forecast_late(&done, deadline, today, &th()), None);
    let slow = [(d("2025-04-01"), dec("10")), (d("2025-05-01"), dec("11"))];
    assert_eq!(forecast_late(&slow, None, today, &th()), None); // no deadline
    assert_eq!(
        forecast_late(&slow, Some(d("2025-05-31")), today, &th()),
        None
    ); // overdue's job
    let crawl = [
        (d("2025-04-01"), dec("10")),
        (d("2025-05-01"), dec("10.0000001")),
    ];
    let w = forecast_late(&crawl, deadline, today, &th()).unwrap();
    assert_eq!(w.severity, Severity::Red);
    assert!(w.message.contains("hơn 100 năm"), "{}", w.message);
}

// ---- missing_report -------------------------------------------------------

#[test]
fn missing_report_escalates_with_repeated_periods() {
    let cases = [
        (0, None),
        (1, Some(Severity::Yellow)),
        (2, Some(Severity::Red)),
        (9, Some(Severity::Red)),
    ];
    for (n, want) in cases {
        assert_eq!(
            sev(missing_report(n, "tháng 9/2025", &th())),
            want,
            "{n} periods"
        );
    }
    assert_eq!(
        missing_report(2, "tháng 9/2025", &th()).unwrap().message,
        "Chưa gửi báo cáo 2 kỳ liên tiếp (gần nhất: tháng 9/2025)"
    );
    assert_eq!(
        missing_report(1, "", &th()).unwrap().message,
        "Chưa gửi báo cáo 1 kỳ"
    );
}

// ---- stalled --------------------------------------------------------------

#[test]
fn stalled_counts_reports_without_progress() {
    let p = |xs: &[&str]| xs.iter().map(|x| dec(x)).collect::<Vec<_>>();
    let cases: [(&[&str], Option<Severity>); 8] = [
        (&[], None), // no reports
        (&["35"], None),
        (&["10", "35", "35", "35"], None), // two without progress: one below
        (&["10", "35", "35", "35", "35"], Some(Severity::Yellow)), // exactly three
        (&["35", "35", "35", "30"], Some(Severity::Yellow)), // a drop is no progress
        (
            &["35", "35", "35", "35", "35", "35", "35"],
            Some(Severity::Red),
        ), // six
        (&["35", "35", "35", "36"], None), // progress in the last report
        (&["100", "100", "100", "100"], None), // finished
    ];
    for (xs, want) in cases {
        assert_eq!(sev(stalled(&p(xs), &th())), want, "{xs:?}");
    }
    let w = stalled(&p(&["10", "35", "35", "35", "35"]), &th()).unwrap();
    assert_eq!(
        w.message,
        "Không có tiến triển qua 3 kỳ báo cáo liên tiếp (35%)"
    );
    let off = Thresholds {
        stalled_reports: 0,
        ..th()
    };
    assert_eq!(stalled(&p(&["35", "35", "35", "35"]), &off), None);
}

// ---- funding_gap ----------------------------------------------------------

fn money(required: Option<&str>, allocated: Option<&str>, disbursed: Option<&str>) -> Money {
    Money {
        required: required.map(dec),
        allocated: allocated.map(dec),
        disbursed: disbursed.map(dec),
    }
}

#[test]
fn funding_gap_at_its_thresholds() {
    let cases = [
        ("1000", Some("1000"), None),                  // fully allocated
        ("1000", Some("1200"), None),                  // more than needed
        ("1000", Some("910"), None),                   // 9 % missing
        ("1000", Some("900"), Some(Severity::Yellow)), // exactly 10 %
        ("1000", Some("700"), Some(Severity::Red)),    // exactly 30 %
        ("1000", Some("0"), Some(Severity::Red)),
        ("1000", None, None),   // allocation unknown
        ("0", Some("0"), None), // nothing required
    ];
    for (req, alloc, want) in cases {
        assert_eq!(
            sev(funding_gap(&money(Some(req), alloc, None), &th())),
            want,
            "{req} {alloc:?}"
        );
    }
    let w = funding_gap(&money(Some("2000000000"), Some("1500000000"), None), &th()).unwrap();
    assert_eq!(
        w.message,
        "Thiếu vốn: cần 2.000.000.000 đồng, mới bố trí 1.500.000.000 đồng (thiếu 25%)"
    );
    assert_eq!(w.fact_value("missing_share"), Some("25"));
}

// ---- low_disbursement -----------------------------------------------------

#[test]
fn expected_disbursement_counts_leap_years() {
    assert_eq!(expected_disbursement(d("2028-02-29")), Some(dec("16.39"))); // 60 / 366
    assert_eq!(expected_disbursement(d("2027-03-01")), Some(dec("16.44"))); // 60 / 365
    assert_eq!(expected_disbursement(d("2028-12-31")), Some(dec("100")));
    assert_eq!(expected_disbursement(d("2027-12-31")), Some(dec("100")));
    assert_eq!(expected_disbursement(d("2025-07-02")), Some(dec("50.14"))); // 183 / 365
}

#[test]
fn low_disbursement_at_its_thresholds() {
    // 2025-12-31: 100 % of the year expected.
    let today = d("2025-12-31");
    let cases = [
        ("100", None),                  // on track
        ("86", None),                   // 14 points behind
        ("85", Some(Severity::Yellow)), // exactly 15
        ("70", Some(Severity::Red)),    // exactly 30
    ];
    for (disbursed, want) in cases {
        let m = money(None, Some("100"), Some(disbursed));
        assert_eq!(sev(low_disbursement(&m, today, &th())), want, "{disbursed}");
    }
    assert_eq!(
        low_disbursement(&money(None, Some("100"), None), today, &th()),
        None
    );
    assert_eq!(
        low_disbursement(&money(None, Some("0"), Some("0")), today, &th()),
        None
    );
    // Leap day: 16.39 % expected; 1.39 % disbursed is exactly 15 points behind.
    let m = money(None, Some("10000"), Some("139"));
    let w = low_disbursement(&m, d("2028-02-29"), &th()).unwrap();
    assert_eq!(w.severity, Severity::Yellow);
    assert_eq!(
        w.message,
        "Giải ngân 1,39% vốn được bố trí, thấp hơn mức 16,39% dự kiến đến ngày 29/02/2028"
    );
    let m = money(None, Some("10000"), Some("140"));
    assert_eq!(low_disbursement(&m, d("2028-02-29"), &th()), None);
}

// ---- indicator_off_track --------------------------------------------------

fn target(
    comparator: Comparator,
    value: &str,
    max: Option<&str>,
    unit: &str,
    year: Option<i32>,
) -> Target {
    Target {
        comparator,
        value: dec(value),
        value_max: max.map(dec),
        unit: unit.to_string(),
        year,
        base_year: None,
    }
}

#[test]
fn indicator_projects_the_trend_to_the_target_year() {
    // 40 in 2025, 41 in 2026 → 45 in 2030.
    let pts = [(2025, dec("40")), (2026, dec("41"))];
    let t = |c, v, max| target(c, v, max, "%", Some(2030));
    let cases = [
        (t(Comparator::Reach, "45", None), None),
        (t(Comparator::AtLeast, "45", None), None),
        (t(Comparator::Above, "45", None), Some(Severity::Yellow)), // 45 is not above 45
        (t(Comparator::Above, "46.5", None), Some(Severity::Yellow)), // 1,5 short: within 10 %
        (t(Comparator::Reach, "50", None), Some(Severity::Yellow)), // 5 short of 50: exactly 10 %
        (t(Comparator::Reach, "50.1", None), Some(Severity::Red)),
        (t(Comparator::Below, "46", None), None),
        (t(Comparator::Below, "45", None), Some(Severity::Yellow)),
        (t(Comparator::AtMost, "45", None), None),
        (t(Comparator::AtMost, "40", None), Some(Severity::Red)), // 5 over 40: 12,5 %
        (t(Comparator::Between, "44", Some("46")), None),
        (
            t(Comparator::Between, "46", Some("48")),
            Some(Severity::Yellow),
        ),
        (
            t(Comparator::Between, "30", Some("40")),
            Some(Severity::Red),
        ),
    ];
    for (target, want) in cases {
        let got = sev(indicator_off_track(&target, &pts, None, &th()));
        assert_eq!(got, want, "{:?} {}", target.comparator, target.value);
    }
    let w = indicator_off_track(
        &target(Comparator::Above, "46.5", None, "%", Some(2030)),
        &[(2025, dec("40")), (2026, dec("40.82"))],
        None,
        &th(),
    )
    .unwrap();
    assert_eq!(w.message, "Dự báo năm 2030 đạt 44,1%, chỉ tiêu trên 46,5%");
}

#[test]
fn indicator_without_target_year_compares_the_latest() {
    let t = target(Comparator::AtLeast, "1700", None, "USD", None);
    let w =
        indicator_off_track(&t, &[(2023, dec("1500")), (2024, dec("1600"))], None, &th()).unwrap();
    assert_eq!(
        w.message,
        "Năm 2024 đạt 1.600 USD, chỉ tiêu từ 1.700 USD trở lên"
    );
    assert_eq!(w.severity, Severity::Yellow);
    // One point: constant, even with a later target year.
    let t = target(Comparator::AtLeast, "1700", None, "USD", Some(2030));
    let w = indicator_off_track(&t, &[(2024, dec("1000"))], None, &th()).unwrap();
    assert_eq!(w.fact_value("projected"), Some("1000"));
    assert_eq!(w.severity, Severity::Red);
    assert_eq!(indicator_off_track(&t, &[], None, &th()), None);
}

#[test]
fn relative_targets_need_a_base() {
    let mut t = target(Comparator::IncreaseBy, "13", None, "%", Some(2025));
    t.base_year = Some(2020);
    let pts = [(2025, dec("110"))];
    assert_eq!(indicator_off_track(&t, &pts, None, &th()), None);
    let w = indicator_off_track(&t, &pts, Some(dec("100")), &th()).unwrap();
    assert_eq!(
        w.message,
        "Năm 2025 đạt 110, chỉ tiêu tăng 13% so với năm 2020 (tức từ 113 trở lên)"
    );
    assert_eq!(w.severity, Severity::Yellow);
    assert_eq!(
        indicator_off_track(&t, &[(2025, dec("113"))], Some(dec("100")), &th()),
        None
    );
    let half = target(Comparator::DecreaseBy, "50", None, "%", None);
    assert_eq!(
        indicator_off_track(&half, &[(2025, dec("50"))], Some(dec("100")), &th()),
        None
    );
    assert_eq!(
        sev(indicator_off_track(
            &half,
            &[(2025, dec("60"))],
            Some(dec("100")),
            &th()
        )),
        Some(Severity::Red)
    );
    let twice = target(Comparator::Times, "2.2", None, "lần", None);
    assert_eq!(
        indicator_off_track(&twice, &[(2025, dec("220"))], Some(dec("100")), &th()),
        None
    );
    assert_eq!(
        sev(indicator_off_track(
            &twice,
            &[(2025, dec("200"))],
            Some(dec("100")),
            &th()
        )),
        Some(Severity::Yellow)
    );
}

// ---- properties -----------------------------------------------------------

fn date_in(days: i64) -> NaiveDate {
    d("2020-01-01") + chrono::Duration::days(days)
}

fn percent() -> impl Strategy<Value = Decimal> {
    (0u32..=10_000).prop_map(|n| Decimal::new(i64::from(n), 2))
}

fn plan() -> impl Strategy<Value = (NaiveDate, NaiveDate, Vec<Milestone>)> {
    (
        0i64..3000,
        1i64..2000,
        proptest::collection::vec((0i64..2000, percent()), 0..6),
    )
        .prop_map(|(start, len, raw)| {
            let start = date_in(start);
            let deadline = start + chrono::Duration::days(len);
            let mut offsets: Vec<i64> = raw.iter().map(|(o, _)| o % len).collect();
            let mut values: Vec<Decimal> = raw.iter().map(|(_, v)| *v).collect();
            offsets.sort_unstable();
            values.sort_unstable();
            let milestones = offsets
                .into_iter()
                .zip(values)
                .map(|(o, v)| Milestone {
                    date: start + chrono::Duration::days(o),
                    planned_percent: v,
                })
                .collect();
            (start, deadline, milestones)
        })
}

proptest! {
    #[test]
    fn a_task_exactly_on_plan_never_falls_behind((start, deadline, m) in plan(), at in 0i64..6000) {
        let at = date_in(at);
        let planned = planned_percent(Some(start), Some(deadline), &m, at).unwrap();
        prop_assert_eq!(behind_plan(planned, planned, "", &th()), None);
    }

    #[test]
    fn planned_percent_never_decreases((start, deadline, m) in plan(), a in 0i64..6000, b in 0i64..6000) {
        let (a, b) = (date_in(a.min(b)), date_in(a.max(b)));
        let pa = planned_percent(Some(start), Some(deadline), &m, a).unwrap();
        let pb = planned_percent(Some(start), Some(deadline), &m, b).unwrap();
        prop_assert!(pa <= pb, "{} at {} > {} at {}", pa, a, pb, b);
        prop_assert!(pa >= Decimal::ZERO && pb <= Decimal::ONE_HUNDRED);
    }

    #[test]
    fn more_lag_never_lowers_severity(planned in percent(), r1 in percent(), r2 in percent()) {
        let (more, less) = (r1.min(r2), r1.max(r2)); // lower reported % = more lag
        let s_less = sev(behind_plan(planned, less, "", &th()));
        let s_more = sev(behind_plan(planned, more, "", &th()));
        prop_assert!(s_more >= s_less);
    }

    #[test]
    fn more_missing_money_never_lowers_severity(req in 1u64..1_000_000, a1 in 0u64..1_000_000, a2 in 0u64..1_000_000) {
        let m = |a: u64| Money { required: Some(Decimal::from(req)), allocated: Some(Decimal::from(a)), disbursed: None };
        let (lo, hi) = (a1.min(a2), a1.max(a2));
        prop_assert!(sev(funding_gap(&m(lo), &th())) >= sev(funding_gap(&m(hi), &th())));
    }

    #[test]
    fn rules_never_panic(a in any::<i64>(), b in any::<i64>(), c in any::<u32>(), day in 0i64..100_000) {
        let (x, y) = (Decimal::new(a, 3), Decimal::new(b, 0));
        let today = date_in(day);
        let m = Money { required: Some(x), allocated: Some(y), disbursed: Some(x) };
        let _ = behind_plan(x, y, "", &th());
        let _ = funding_gap(&m, &th());
        let _ = low_disbursement(&m, today, &th());
        let _ = missing_report(c, "", &th());
        let _ = stalled(&[x, y, x, y], &th());
        let _ = forecast_late(&[(today, x), (date_in(day + 1), y)], Some(date_in(day + 2)), today, &th());
        let t = Target { comparator: Comparator::Times, value: x, value_max: None, unit: "%".into(), year: Some(i32::MAX), base_year: None };
        let _ = indicator_off_track(&t, &[(i32::MIN, x), (i32::MAX, y)], Some(y), &th());
        let t = Target { comparator: Comparator::IncreaseBy, ..t };
        let _ = indicator_off_track(&t, &[(0, y), (1, x)], Some(y), &th());
    }
}
