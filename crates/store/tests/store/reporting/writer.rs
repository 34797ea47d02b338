//! 6. The writer under load

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_concurrent_reports_are_all_stored_and_a_bad_one_spoils_none() {
    // Twenty tasks led by one agency, twelve monthly periods: 240 slots.
    let mut catalog = program_catalog();
    catalog.tasks = (0..20)
        .map(|i| {
            task(
                "1",
                TaskKind::Plan,
                &format!("Kế hoạch số {i} về phát triển đô thị"),
                XD,
                100 + i,
            )
        })
        .collect();
    let db = TestDb::new().await;
    let program = db
        .store
        .import_catalog(&catalog, &source("many.txt"))
        .await
        .unwrap()
        .program_id();
    let tasks = db.store.load_version(program, None).await.unwrap().task_ids;
    let periods = db
        .store
        .generate_periods(
            &Ctx::system(),
            program,
            date(2025, 1, 1),
            date(2025, 12, 31),
        )
        .await
        .unwrap()
        .into_inner();
    let monthly: Vec<i64> = periods
        .iter()
        .filter(|p| p.kind == PeriodKind::Monthly)
        .map(|p| p.id)
        .collect();
    let xd = db.store.find_agency(XD).await.unwrap().unwrap().id;
    let now = vn(2026, 1, 10, 9, 0, 0);

    // Period by period, so that every task gets reports.
    let mut slots: Vec<(TaskId, i64)> = monthly
        .iter()
        .flat_map(|&p| tasks.iter().map(move |&t| (t, p)))
        .take(200)
        .collect();
    assert_eq!(slots.len(), 200);
    // One duplicate of a slot and one unknown task ride along.
    slots.push(slots[77]);
    slots.push((TaskId(999_999), monthly[0]));

    let mut handles = Vec::new();
    for (i, (task, period)) in slots.into_iter().enumerate() {
        let store = db.store.clone();
        handles.push(tokio::spawn(async move {
            let mut b = body(TaskStatus::InProgress, "1");
            b.done = format!("Báo cáo số {i}");
            store
                .submit_report(
                    &Ctx::system().with_request(format!("req-{i}")),
                    report(task, period, Some(xd), b),
                    now,
                )
                .await
        }));
    }
    let mut ok = 0;
    let mut refused = Vec::new();
    for h in handles {
        match h.await.unwrap() {
            Ok(Outcome::Done(r)) => {
                assert_eq!(r.current.revision, 1);
                ok += 1;
            }
            other => refused.push(code(other)),
        }
    }
    refused.sort_unstable();
    assert_eq!(ok, 200);
    assert_eq!(refused, vec!["report_exists", "unknown_task"]);

    db.store.close().await;
    let reopened = Store::open(&db.path).await.unwrap();
    let all = reopened
        .reports(&ReportFilter {
            program: Some(program),
            per_page: 500,
            ..ReportFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(all.total, 200);
    assert_eq!(all.items.len(), 200);
    let mut texts: Vec<&str> = all
        .items
        .iter()
        .map(|r| r.current.body.done.as_str())
        .collect();
    texts.sort_unstable();
    texts.dedup();
    assert_eq!(texts.len(), 200);
    let created = reopened
        .audit_log(&AuditFilter {
            action: Some("report.create".into()),
            per_page: 1,
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(created.total, 200);
    // Each task's first report moved it from not started to in progress, once.
    let moved = reopened
        .audit_log(&AuditFilter {
            action: Some("assignment.status_from_report".into()),
            per_page: 1,
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(moved.total, 20);
    reopened.close().await;
}
