//! 5. Idempotency

use super::*;

#[tokio::test]
async fn a_retried_request_gets_the_first_answer_and_a_reused_key_is_refused() {
    let w = World::new().await;
    w.assign_roads(&Ctx::system()).await;
    let xd = w.reporter("sxd", XD).await;
    let key = |hash: &str| Idempotency {
        key: "5f0e6c1a-retry".into(),
        request_hash: hash.into(),
    };
    let new = report(
        w.tasks[0],
        w.september(),
        None,
        body(TaskStatus::InProgress, "33.5"),
    );
    let now = vn(2025, 9, 16, 9, 0, 0);

    let first = w
        .store()
        .submit_report(&xd.clone().with_idempotency(key("h1")), new.clone(), now)
        .await
        .unwrap();
    assert!(!first.is_replayed());
    let audits = w.audit_count().await;
    let before_retry = w.db.count("reports").await;

    let second = w
        .store()
        .submit_report(
            &xd.clone().with_idempotency(key("h1")),
            new.clone(),
            vn(2025, 9, 20, 9, 0, 0),
        )
        .await
        .unwrap();
    let Outcome::Replayed(replayed) = &second else {
        panic!("expected a replay, got {second:?}");
    };
    assert_eq!(replayed, &first.clone().into_inner());
    assert_eq!(w.report_count().await, 1);
    assert_eq!(w.db.count("reports").await, before_retry);
    assert_eq!(w.audit_count().await, audits, "a replay writes no audit");

    // The same key with another request.
    let before = w.db.dump().await;
    let mut other = new.clone();
    other.body.percent = dec("34");
    assert_eq!(
        code(
            w.store()
                .submit_report(&xd.clone().with_idempotency(key("h2")), other, now)
                .await
        ),
        "idempotency_key_reused"
    );
    assert_eq!(w.db.dump().await, before);

    // Keys belong to their user: another user's identical key is a new request.
    let tc = w.reporter("stc", TC).await;
    let theirs = w
        .store()
        .submit_report(
            &tc.with_idempotency(key("h1")),
            report(
                w.tasks[0],
                w.september(),
                None,
                body(TaskStatus::InProgress, "5"),
            ),
            now,
        )
        .await
        .unwrap();
    assert!(!theirs.is_replayed());
    assert_eq!(w.report_count().await, 2);

    // A refused request leaves its key free for the corrected retry.
    let fresh = Idempotency {
        key: "second-key".into(),
        request_hash: "h3".into(),
    };
    let bad = report(
        w.tasks[1],
        w.september(),
        Some(w.agency(TTTT)),
        body(TaskStatus::InProgress, "101"),
    );
    let ops = Ctx::system().with_idempotency(fresh.clone());
    assert_eq!(
        code(w.store().submit_report(&ops, bad, now).await),
        "percent_out_of_range"
    );
    let good = report(
        w.tasks[1],
        w.september(),
        Some(w.agency(TTTT)),
        body(TaskStatus::InProgress, "10"),
    );
    assert!(
        !w.store()
            .submit_report(&ops, good, now)
            .await
            .unwrap()
            .is_replayed()
    );

    // Assignments replay the same way.
    let op = w.operator("dieuphoi").await.with_idempotency(Idempotency {
        key: "assign-1".into(),
        request_hash: "a".into(),
    });
    let mut a = w.roads_assignment();
    a.budget = Some(dec("2000000000"));
    let done = w.store().assign(&op, w.tasks[0], a.clone()).await.unwrap();
    let again = w.store().assign(&op, w.tasks[0], a).await.unwrap();
    assert!(!done.is_replayed());
    assert!(again.is_replayed());
    assert_eq!(done.into_inner(), again.into_inner());

    // So do periods, flattened dates and all.
    let key = |k: &str| {
        Ctx::system().with_idempotency(Idempotency {
            key: k.into(),
            request_hash: "p".into(),
        })
    };
    let generated = w
        .store()
        .generate_periods(
            &key("periods-2026"),
            w.program,
            date(2026, 1, 1),
            date(2026, 12, 31),
        )
        .await
        .unwrap();
    let replayed = w
        .store()
        .generate_periods(
            &key("periods-2026"),
            w.program,
            date(2026, 1, 1),
            date(2026, 12, 31),
        )
        .await
        .unwrap();
    assert!(replayed.is_replayed());
    assert_eq!(generated.into_inner(), replayed.into_inner());
    let extra = ExtraPeriod {
        label: "Báo cáo đột xuất".into(),
        window_start: date(2025, 3, 1),
        window_end: date(2025, 3, 31),
        due_on: date(2025, 3, 25),
        closes_on: Some(date(2025, 4, 30)),
    };
    let opened = w
        .store()
        .open_extra_period(&key("extra"), w.program, extra.clone())
        .await
        .unwrap();
    let reopened = w
        .store()
        .open_extra_period(&key("extra"), w.program, extra)
        .await
        .unwrap();
    assert!(reopened.is_replayed());
    let opened = opened.into_inner();
    assert!(opened.dates.estimate, "due before the window closes");
    assert_eq!(opened, reopened.into_inner());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_request_sent_many_times_at_once_is_done_once() {
    let w = World::new().await;
    w.assign_roads(&Ctx::system()).await;
    let xd = w.reporter("sxd", XD).await.with_idempotency(Idempotency {
        key: "double-click".into(),
        request_hash: "same".into(),
    });
    let new = report(
        w.tasks[0],
        w.september(),
        None,
        body(TaskStatus::InProgress, "12"),
    );
    let mut handles = Vec::new();
    for _ in 0..20 {
        let (store, ctx, new) = (w.store().clone(), xd.clone(), new.clone());
        handles.push(tokio::spawn(async move {
            store
                .submit_report(&ctx, new, vn(2025, 9, 16, 9, 0, 0))
                .await
                .unwrap()
        }));
    }
    let mut outcomes = Vec::new();
    for h in handles {
        outcomes.push(h.await.unwrap());
    }
    let done: Vec<_> = outcomes.iter().filter(|o| !o.is_replayed()).collect();
    assert_eq!(done.len(), 1, "{outcomes:?}");
    let first = done[0].clone().into_inner();
    assert!(outcomes.into_iter().all(|o| o.into_inner() == first));
    assert_eq!(w.report_count().await, 1);
    assert_eq!(w.audit("report.create").await.len(), 1);
}
