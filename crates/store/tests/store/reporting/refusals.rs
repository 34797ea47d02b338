//! 3. Refusals store nothing

use super::*;

#[tokio::test]
async fn each_refused_report_names_its_rule_and_stores_nothing() {
    let w = World::new().await;
    // A second program with periods of its own.
    let other = w
        .store()
        .import_catalog(&sample(), &source("ctr.txt"))
        .await
        .unwrap()
        .program_id();
    let other_periods = w
        .store()
        .generate_periods(&Ctx::system(), other, date(2025, 1, 1), date(2025, 12, 31))
        .await
        .unwrap()
        .into_inner();
    let operator = w.operator("dieuphoi").await;
    w.assign_roads(&operator).await;
    let xd = w.reporter("sxd", XD).await;
    let september = w.september();
    let now = vn(2025, 9, 16, 9, 0, 0);
    let roads = |b: ReportBody| report(w.tasks[0], september, None, b);

    let mut cases: Vec<(&str, NewReport, &Ctx)> = Vec::new();
    let mut b = body(TaskStatus::InProgress, "101");
    cases.push(("percent_out_of_range", roads(b.clone()), &xd));
    b.percent = dec("-1");
    cases.push(("percent_out_of_range", roads(b), &xd));
    let mut b = body(TaskStatus::InProgress, "10");
    b.money.required = Some(dec("-1000"));
    cases.push(("money_negative", roads(b), &xd));
    let mut b = body(TaskStatus::InProgress, "10");
    b.money.allocated = Some(dec("1000000"));
    b.money.disbursed = Some(dec("1000000.01"));
    cases.push(("disbursed_above_allocated", roads(b), &xd));
    cases.push((
        "done_below_hundred",
        roads(body(TaskStatus::Done, "99")),
        &xd,
    ));
    let mut b = body(TaskStatus::InProgress, "10");
    b.evidence = vec!["file:///etc/passwd".into()];
    cases.push(("evidence_not_link", roads(b), &xd));
    cases.push((
        "unknown_task",
        report(
            TaskId(999_999),
            september,
            Some(w.agency(XD)),
            body(TaskStatus::InProgress, "10"),
        ),
        &xd,
    ));
    cases.push((
        "unknown_period",
        roads(body(TaskStatus::InProgress, "10")),
        &xd,
    ));
    let last = cases.len() - 1;
    cases[last].1.period_id = other_periods[0].id;
    cases.push((
        "unknown_period",
        report(
            w.tasks[0],
            999_999,
            None,
            body(TaskStatus::InProgress, "10"),
        ),
        &xd,
    ));
    // Task 2 names no lead agency and was never assigned.
    cases.push((
        "task_not_assigned",
        report(
            w.tasks[2],
            september,
            Some(w.agency(XD)),
            body(TaskStatus::InProgress, "10"),
        ),
        &operator,
    ));
    cases.push((
        "agency_not_on_task",
        report(
            w.tasks[0],
            september,
            Some(w.agency(NV)),
            body(TaskStatus::InProgress, "10"),
        ),
        &operator,
    ));
    cases.push((
        "agency_required",
        report(
            w.tasks[0],
            september,
            None,
            body(TaskStatus::InProgress, "10"),
        ),
        &operator,
    ));

    for (expected, new, ctx) in cases {
        let before = w.db.dump().await;
        let got = w.store().submit_report(ctx, new.clone(), now).await;
        assert_eq!(code(got), expected, "{new:?}");
        assert_eq!(w.db.dump().await, before, "{expected} stored something");
    }
    assert_eq!(w.report_count().await, 0);

    // A second report for the same task, period and agency.
    let first = w
        .store()
        .submit_report(&xd, roads(body(TaskStatus::InProgress, "10")), now)
        .await
        .unwrap()
        .into_inner();
    let before = w.db.dump().await;
    for ctx in [&xd, &operator] {
        let again = w
            .store()
            .submit_report(
                ctx,
                report(
                    w.tasks[0],
                    september,
                    Some(w.agency(XD)),
                    body(TaskStatus::InProgress, "20"),
                ),
                now,
            )
            .await;
        assert_eq!(code(again), "report_exists");
    }
    assert_eq!(w.db.dump().await, before);
    assert_eq!(w.report_count().await, 1);

    // A bad correction is refused the same way; an unknown report is not found.
    let mut b = body(TaskStatus::InProgress, "10");
    b.money.disbursed = Some(dec("5"));
    assert_eq!(
        code(w.store().revise_report(&xd, first.id, b, now).await),
        "disbursed_without_allocation"
    );
    assert!(matches!(
        w.store()
            .revise_report(&xd, 999_999, body(TaskStatus::InProgress, "10"), now)
            .await,
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(w.db.dump().await, before);
}

#[tokio::test]
async fn a_refused_assignment_stores_nothing() {
    let w = World::new().await;
    let before = w.db.dump().await;
    let mut a = w.roads_assignment();
    a.budget = Some(dec("-1"));
    assert_eq!(
        code(w.store().assign(&Ctx::system(), w.tasks[0], a).await),
        "money_negative"
    );
    let mut a = w.roads_assignment();
    a.coordinators.push(987_654);
    assert_eq!(
        code(w.store().assign(&Ctx::system(), w.tasks[0], a).await),
        "unknown_agency"
    );
    let mut a = w.roads_assignment();
    a.milestones[0].date = date(2024, 12, 1);
    assert_eq!(
        code(w.store().assign(&Ctx::system(), w.tasks[0], a).await),
        "milestone_outside_schedule"
    );
    assert!(matches!(
        w.store()
            .assign(&Ctx::system(), TaskId(999_999), w.roads_assignment())
            .await,
        Err(StoreError::NotFound(_))
    ));
    // In a batch, one bad item refuses all of them and is named.
    let mut bad = w.roads_assignment();
    bad.lead_agency = Some(987_654);
    let many = w
        .store()
        .assign_many(
            &Ctx::system(),
            vec![(w.tasks[0], w.roads_assignment()), (w.tasks[2], bad)],
        )
        .await;
    match many {
        Err(StoreError::Rejected(r)) => {
            assert_eq!(
                (r.code, r.field.as_str()),
                ("unknown_agency", "items[1].lead_agency")
            );
        }
        other => panic!("expected a rejection, got {other:?}"),
    }
    assert_eq!(w.db.dump().await, before);
}
