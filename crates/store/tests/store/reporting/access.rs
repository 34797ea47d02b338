//! 2. Who may do what

use super::*;

#[tokio::test]
async fn only_the_agencies_on_a_task_report_on_it_and_only_operators_assign() {
    let w = World::new().await;
    let operator = w.operator("dieuphoi").await;
    let outsider = w.reporter("snv", NV).await;
    let xd = w.reporter("sxd", XD).await;
    let tc = w.reporter("stc", TC).await;
    let leader = Ctx::of(w.user("lanhdao", Role::Leader, None).await.actor());
    let supervisor = Ctx::of(w.user("giamsat", Role::Supervisor, None).await.actor());

    // A reporter may not assign; an operator may.
    let before = w.db.dump().await;
    forbidden(
        w.store()
            .assign(&xd, w.tasks[0], w.roads_assignment())
            .await,
    );
    forbidden(
        w.store()
            .generate_periods(&xd, w.program, date(2026, 1, 1), date(2026, 12, 31))
            .await,
    );
    assert_eq!(w.db.dump().await, before);
    w.assign_roads(&operator).await;

    let september = w.september();
    let now = vn(2025, 9, 16, 9, 0, 0);
    let before = w.db.dump().await;
    let audits = w.audit_count().await;
    // Its own agency, but a task it neither leads nor coordinates.
    forbidden(
        w.store()
            .submit_report(
                &outsider,
                report(
                    w.tasks[0],
                    september,
                    None,
                    body(TaskStatus::InProgress, "5"),
                ),
                now,
            )
            .await,
    );
    // In the name of the lead agency.
    forbidden(
        w.store()
            .submit_report(
                &outsider,
                report(
                    w.tasks[0],
                    september,
                    Some(w.agency(XD)),
                    body(TaskStatus::InProgress, "5"),
                ),
                now,
            )
            .await,
    );
    // A reporter of the lead agency in the name of the coordinator.
    forbidden(
        w.store()
            .submit_report(
                &xd,
                report(
                    w.tasks[0],
                    september,
                    Some(w.agency(TC)),
                    body(TaskStatus::InProgress, "5"),
                ),
                now,
            )
            .await,
    );
    for reader in [&leader, &supervisor] {
        forbidden(
            w.store()
                .submit_report(
                    reader,
                    report(
                        w.tasks[0],
                        september,
                        Some(w.agency(XD)),
                        body(TaskStatus::InProgress, "5"),
                    ),
                    now,
                )
                .await,
        );
        forbidden(
            w.store()
                .assign(reader, w.tasks[0], w.roads_assignment())
                .await,
        );
    }
    assert_eq!(w.report_count().await, 0);
    assert_eq!(w.audit_count().await, audits);
    assert_eq!(w.db.dump().await, before);

    // The coordinator files for itself, and the lead agency may not correct it.
    let coordinated = w
        .store()
        .submit_report(
            &tc,
            report(
                w.tasks[0],
                september,
                None,
                body(TaskStatus::InProgress, "5"),
            ),
            now,
        )
        .await
        .unwrap()
        .into_inner();
    assert_eq!(coordinated.agency_id, w.agency(TC));
    forbidden(
        w.store()
            .revise_report(&xd, coordinated.id, body(TaskStatus::InProgress, "6"), now)
            .await,
    );
    // A coordinator's report does not move the task's status.
    let view = w.store().assignment(w.tasks[0]).await.unwrap().unwrap();
    assert_eq!(view.revision, 2);

    // An operator files for any agency on the task.
    let for_lead = w
        .store()
        .submit_report(
            &operator,
            report(
                w.tasks[0],
                september,
                Some(w.agency(XD)),
                body(TaskStatus::InProgress, "7"),
            ),
            now,
        )
        .await
        .unwrap()
        .into_inner();
    assert_eq!(for_lead.current.author.as_deref(), Some("dieuphoi"));

    // A reporter sees only the reports of tasks its agency takes part in.
    for (agency, expected) in [(TC, 2), (XD, 2), (NV, 0)] {
        let visible = w
            .store()
            .reports(&ReportFilter {
                visible_to_agency: Some(w.agency(agency)),
                ..ReportFilter::default()
            })
            .await
            .unwrap();
        assert_eq!(visible.total, expected, "{agency}");
    }
}

#[tokio::test]
async fn a_period_takes_reports_from_its_opening_and_reporters_until_it_closes() {
    let w = World::new().await;
    let operator = w.operator("dieuphoi").await;
    w.assign_roads(&operator).await;
    let xd = w.reporter("sxd", XD).await;
    let september = w.monthly(9).clone();

    let early = w
        .store()
        .submit_report(
            &xd,
            report(
                w.tasks[0],
                september.id,
                None,
                body(TaskStatus::InProgress, "1"),
            ),
            vn(2025, 8, 14, 23, 0, 0),
        )
        .await;
    assert_eq!(code(early), "period_not_open");
    let closed = w
        .store()
        .submit_report(
            &xd,
            report(
                w.tasks[0],
                september.id,
                None,
                body(TaskStatus::InProgress, "1"),
            ),
            vn(2025, 10, 15, 8, 0, 0),
        )
        .await;
    assert_eq!(code(closed), "period_closed");
    // An operator still files late into a closed period.
    let late = w
        .store()
        .submit_report(
            &operator,
            report(
                w.tasks[0],
                september.id,
                Some(w.agency(XD)),
                body(TaskStatus::InProgress, "1"),
            ),
            vn(2025, 10, 15, 8, 0, 0),
        )
        .await
        .unwrap()
        .into_inner();
    assert!(late.late);
    // ... but a reporter cannot correct it any more.
    assert_eq!(
        code(
            w.store()
                .revise_report(
                    &xd,
                    late.id,
                    body(TaskStatus::InProgress, "2"),
                    vn(2025, 10, 16, 8, 0, 0)
                )
                .await
        ),
        "period_closed"
    );
}
