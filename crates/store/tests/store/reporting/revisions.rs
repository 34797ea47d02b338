//! 4. Revisions

use super::*;

#[tokio::test]
async fn a_correction_is_a_new_revision_and_the_lead_agencys_status_moves_the_task() {
    let w = World::new().await;
    let operator = w.operator("dieuphoi").await;
    w.assign_roads(&operator).await;
    let xd = w.reporter("sxd", XD).await;
    let september = w.september();

    let mut first_body = body(TaskStatus::InProgress, "60");
    first_body.money = Money {
        required: Some(dec("2000000000")),
        allocated: Some(dec("1500000000")),
        disbursed: Some(dec("750000000.5")),
    };
    let first = w
        .store()
        .submit_report(
            &xd.clone().with_request("req-1"),
            report(w.tasks[0], september, None, first_body.clone()),
            vn(2025, 9, 17, 10, 0, 0),
        )
        .await
        .unwrap()
        .into_inner();
    assert!(!first.late);

    let mut done = body(TaskStatus::Done, "100");
    done.done = "Đã hoàn thành toàn bộ".into();
    let revised = w
        .store()
        .revise_report(
            &xd.clone().with_request("req-2"),
            first.id,
            done.clone(),
            vn(2025, 9, 25, 10, 0, 0),
        )
        .await
        .unwrap()
        .into_inner();
    assert_eq!(revised.id, first.id);
    assert_eq!(revised.current.revision, 2);
    assert_eq!(revised.current.body, done);
    assert!(
        revised.current.late,
        "the correction came after the due day"
    );
    assert!(
        !revised.late,
        "the report keeps the lateness of its first revision"
    );
    assert_eq!(revised.first_submitted_at, first.first_submitted_at);
    assert_eq!(
        w.store().report(first.id).await.unwrap(),
        Some(revised.clone())
    );

    let revisions = w.store().report_revisions(first.id).await.unwrap();
    assert_eq!(revisions.len(), 2);
    assert_eq!(revisions[0], first.current);
    assert_eq!(revisions[0].body, first_body);
    assert_eq!(revisions[0].body.money.disbursed, Some(dec("750000000.5")));
    assert_eq!(revisions[0].request_id.as_deref(), Some("req-1"));
    assert_eq!(revisions[1], revised.current);
    assert_eq!(revisions[1].request_id.as_deref(), Some("req-2"));

    // Still one report, counted on time.
    assert_eq!(w.report_count().await, 1);
    let c = w.store().completeness(september).await.unwrap();
    assert_eq!((c.on_time, c.late), (1, 0));

    // The lead agency said done: the task is done, finished on the day of the correction.
    let view = w.store().assignment(w.tasks[0]).await.unwrap().unwrap();
    assert_eq!(view.assignment.status, TaskStatus::Done);
    assert_eq!(view.finished_on, Some(date(2025, 9, 25)));
    assert_eq!(view.revision, 3);
    let moved = w.audit("assignment.status_from_report").await;
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0].before.as_ref().unwrap()["status"], "in_progress");
    assert_eq!(moved[0].after.as_ref().unwrap()["status"], "done");
    assert_eq!(
        moved[0].after.as_ref().unwrap()["finished_on"],
        "2025-09-25"
    );

    // A task finished in September is no longer expected once a later window opens.
    let november = w.store().completeness(w.monthly(11).id).await.unwrap();
    assert!(
        november
            .agencies
            .iter()
            .all(|r| r.agency_id != w.agency(XD)),
        "{november:?}"
    );
    let october = w.store().completeness(w.monthly(10).id).await.unwrap();
    assert!(october.agencies.iter().any(|r| r.agency_id == w.agency(XD)));

    // Done again keeps the first finishing day.
    let mut again = done.clone();
    again.done = "Bổ sung hồ sơ nghiệm thu".into();
    w.store()
        .revise_report(&xd, first.id, again, vn(2025, 10, 2, 10, 0, 0))
        .await
        .unwrap();
    let view = w.store().assignment(w.tasks[0]).await.unwrap().unwrap();
    assert_eq!(view.finished_on, Some(date(2025, 9, 25)));
    assert_eq!(
        view.revision, 3,
        "an unchanged status writes no new assignment"
    );
    assert_eq!(w.store().report_revisions(first.id).await.unwrap().len(), 3);
}
