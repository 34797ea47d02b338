//! 1. The full loop

use super::*;

#[tokio::test]
async fn the_default_regime_gives_fifteen_periods_in_2025_and_september_is_due_on_the_18th() {
    let w = World::new().await;
    let count = |kind| w.periods.iter().filter(|p| p.kind == kind).count();
    assert_eq!(w.periods.len(), 15);
    assert_eq!(count(PeriodKind::Monthly), 12);
    assert_eq!(count(PeriodKind::SixMonth), 2);
    assert_eq!(count(PeriodKind::Yearly), 1);
    let september = w.monthly(9);
    assert_eq!(september.label, "Tháng 9/2025");
    assert_eq!(september.dates.window_start, date(2025, 8, 15));
    assert_eq!(september.dates.window_end, date(2025, 9, 14));
    assert_eq!(september.dates.due_on, date(2025, 9, 18));
    assert_eq!(september.dates.closes_on, date(2025, 10, 14));
    let year = w
        .periods
        .iter()
        .find(|p| p.kind == PeriodKind::Yearly)
        .unwrap();
    assert_eq!(year.dates.due_on, date(2025, 11, 30));
    assert!(year.dates.estimate, "due before its cut-off of 14/12");

    // Generating again creates nothing and returns the same periods.
    let before = w.db.dump().await;
    let again = w
        .store()
        .generate_periods(
            &Ctx::system(),
            w.program,
            date(2025, 1, 1),
            date(2025, 12, 31),
        )
        .await
        .unwrap()
        .into_inner();
    assert_eq!(again, w.periods);
    assert_eq!(w.db.dump().await, before);
    assert_eq!(w.store().periods(w.program).await.unwrap(), w.periods);
}

#[tokio::test]
async fn a_report_by_the_due_day_is_on_time_one_after_it_is_late_and_a_silent_agency_is_missing() {
    let w = World::new().await;

    // The import assigned the two tasks that name a lead agency, and only those.
    let imported = w.store().assignment(w.tasks[0]).await.unwrap().unwrap();
    assert_eq!(imported.assignment.lead_agency, Some(w.agency(XD).0));
    assert_eq!(imported.assignment.deadline, Some(date(2025, 12, 31)));
    assert_eq!(imported.revision, 1);
    assert!(w.store().assignment(w.tasks[1]).await.unwrap().is_some());
    assert!(w.store().assignment(w.tasks[2]).await.unwrap().is_none());

    let operator = w.operator("dieuphoi").await;
    let view = w.assign_roads(&operator).await;
    assert_eq!(view.revision, 2);
    assert_eq!(view.assignment, w.roads_assignment());
    assert_eq!(view.finished_on, None);
    assert_eq!(
        w.store().assignment(w.tasks[0]).await.unwrap().unwrap(),
        view
    );

    let september = w.september();
    let xd = w.reporter("sxd", XD).await;
    // 23:59:59 on the due day in Vietnam is still on time (16:59:59 UTC).
    let on_time = w
        .store()
        .submit_report(
            &xd,
            report(
                w.tasks[0],
                september,
                None,
                body(TaskStatus::InProgress, "45"),
            ),
            vn(2025, 9, 18, 23, 59, 59),
        )
        .await
        .unwrap();
    let Outcome::Done(on_time) = on_time else {
        panic!("a first submission is done, not replayed: {on_time:?}");
    };
    assert_eq!(on_time.agency_id, w.agency(XD), "the reporter's own agency");
    assert!(!on_time.late);
    assert_eq!(on_time.current.revision, 1);
    assert_eq!(on_time.current.author.as_deref(), Some("sxd"));
    assert_eq!(on_time.current.body.percent, dec("45"));

    let c = w.store().completeness(september).await.unwrap();
    assert_eq!(c.period.id, september);
    // (expected, received, on time, late, missing) of one agency.
    let row = |c: &PeriodCompleteness, name: &str| {
        let r = c
            .agencies
            .iter()
            .find(|r| r.agency_id == w.agency(name))
            .unwrap_or_else(|| panic!("{name} missing from {c:?}"));
        assert_eq!(r.agency_name, name);
        (r.expected, r.received, r.on_time, r.late, r.missing)
    };
    assert_eq!(row(&c, XD), (1, 1, 1, 0, 0));
    assert_eq!(row(&c, TTTT), (1, 0, 0, 0, 1));
    assert_eq!(c.agencies.len(), 2, "coordinators are not expected: {c:?}");
    assert_eq!((c.expected, c.received, c.missing), (2, 1, 1));

    // One second past midnight of the 19th in Vietnam: late, but taken.
    let tttt = w.reporter("stttt", TTTT).await;
    let late = w
        .store()
        .submit_report(
            &tttt,
            report(
                w.tasks[1],
                september,
                None,
                body(TaskStatus::InProgress, "10"),
            ),
            vn(2025, 9, 19, 0, 0, 0),
        )
        .await
        .unwrap()
        .into_inner();
    assert!(late.late);
    assert!(late.current.late);

    let c = w.store().completeness(september).await.unwrap();
    assert_eq!(row(&c, TTTT), (1, 1, 0, 1, 0));
    assert_eq!(
        (c.expected, c.received, c.on_time, c.late, c.missing),
        (2, 2, 1, 1, 0)
    );

    // The report list filters by lateness, agency and period.
    let late_only = w
        .store()
        .reports(&ReportFilter {
            late: Some(true),
            ..ReportFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(late_only.total, 1);
    assert_eq!(late_only.items[0].id, late.id);
    let by_agency = w
        .store()
        .reports(&ReportFilter {
            agency: Some(w.agency(XD)),
            period: Some(september),
            program: Some(w.program),
            ..ReportFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(by_agency.items, vec![on_time.clone()]);
    assert_eq!(w.store().report(on_time.id).await.unwrap(), Some(on_time));

    // Another period of the same program expects both agencies and has heard nobody.
    let october = w.store().completeness(w.monthly(10).id).await.unwrap();
    assert_eq!((october.expected, october.missing), (2, 2));

    // An agency's page counts the same, period by period, newest first,
    // and only periods that have opened.
    let until = date(2025, 10, 5);
    let xd_rows = w
        .store()
        .agency_reporting(w.agency(XD), until)
        .await
        .unwrap();
    assert!(xd_rows.iter().any(|r| r.period.id == september));
    for r in &xd_rows {
        assert!(r.period.dates.opens_on <= until, "{r:?}");
        let c = w.store().completeness(r.period.id).await.unwrap();
        let same = c.agencies.iter().find(|a| a.agency_id == w.agency(XD));
        assert_eq!(Some(&r.row), same, "{}", r.period.label);
    }
    assert!(
        xd_rows
            .windows(2)
            .all(|p| p[0].period.dates.window_end >= p[1].period.dates.window_end)
    );
    let september_row = xd_rows.iter().find(|r| r.period.id == september).unwrap();
    assert_eq!(
        (september_row.row.expected, september_row.row.on_time),
        (1, 1)
    );
    assert!(matches!(
        w.store().agency_reporting(AgencyId(999_999), until).await,
        Err(StoreError::NotFound(_))
    ));

    // The task list shows the lead agency's latest percent.
    let roads = w.store().task(w.tasks[0]).await.unwrap().unwrap();
    assert_eq!(roads.summary.percent, Some(dec("45")));
    assert_eq!(roads.summary.status, TaskStatus::InProgress);
    assert_eq!(roads.text.title, "Kế hoạch phát triển hạ tầng giao thông");
}

#[tokio::test]
async fn an_extra_period_with_explicit_dates_takes_reports_like_any_other() {
    let w = World::new().await;
    let extra = w
        .store()
        .open_extra_period(
            &Ctx::system(),
            w.program,
            ExtraPeriod {
                label: "Báo cáo sơ kết quý III".into(),
                window_start: date(2025, 7, 1),
                window_end: date(2025, 9, 30),
                due_on: date(2025, 10, 5),
                closes_on: None,
            },
        )
        .await
        .unwrap()
        .into_inner();
    assert_eq!(extra.kind, PeriodKind::Extra);
    assert_eq!(extra.dates.closes_on, date(2025, 11, 4));
    assert_eq!(extra.dates.opens_on, date(2025, 7, 1));
    assert!(!extra.dates.estimate);

    let xd = w.reporter("sxd", XD).await;
    let on_time = w
        .store()
        .submit_report(
            &xd,
            report(
                w.tasks[0],
                extra.id,
                None,
                body(TaskStatus::InProgress, "50"),
            ),
            vn(2025, 10, 5, 12, 0, 0),
        )
        .await
        .unwrap()
        .into_inner();
    assert!(!on_time.late);
    let c = w.store().completeness(extra.id).await.unwrap();
    assert_eq!((c.expected, c.on_time, c.missing), (2, 1, 1));
}
