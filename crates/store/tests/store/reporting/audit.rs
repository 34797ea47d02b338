//! 7. The audit trail

use super::*;

#[tokio::test]
async fn every_write_is_audited_with_its_actor_and_the_trail_cannot_be_rewritten() {
    let w = World::new().await;
    let operator_user = w.user("dieuphoi", Role::Operator, None).await;
    let operator = Ctx::of(operator_user.actor()).with_request("req-assign");
    w.assign_roads(&operator).await;
    let xd_user = w.user("sxd", Role::Reporter, Some(XD)).await;
    let xd = Ctx::of(xd_user.actor());
    let created = w
        .store()
        .submit_report(
            &xd.clone().with_request("req-report"),
            report(
                w.tasks[0],
                w.september(),
                None,
                body(TaskStatus::InProgress, "20"),
            ),
            vn(2025, 9, 16, 9, 0, 0),
        )
        .await
        .unwrap()
        .into_inner();
    let revised = w
        .store()
        .revise_report(
            &xd,
            created.id,
            body(TaskStatus::InProgress, "25"),
            vn(2025, 9, 17, 9, 0, 0),
        )
        .await
        .unwrap()
        .into_inner();
    w.store()
        .record_actual(
            &xd,
            w.indicator,
            w.september(),
            ActualBody {
                value: dec("8.2"),
                agency: Some(w.agency(XD).0),
                area: String::new(),
                source: "Cục Thống kê".into(),
                note: String::new(),
                estimate: true,
            },
        )
        .await
        .unwrap();

    let imports = w.audit("assignment.import").await;
    assert_eq!(imports.len(), 2, "the two tasks that name a lead agency");
    assert!(
        imports
            .iter()
            .all(|r| r.actor_name == "hệ thống" && r.actor_id.is_none())
    );

    let set = w.audit("assignment.set").await;
    assert_eq!(set.len(), 1);
    let set = &set[0];
    assert_eq!(set.actor_name, "dieuphoi");
    assert_eq!(set.actor_id, Some(operator_user.id));
    assert_eq!(set.request_id.as_deref(), Some("req-assign"));
    assert_eq!(set.task_id, Some(w.tasks[0].0));
    assert_eq!(
        (set.subject_kind.as_str(), set.subject_id),
        ("task", Some(w.tasks[0].0))
    );
    let before = set.before.as_ref().unwrap();
    let after = set.after.as_ref().unwrap();
    assert_eq!(before["status"], "not_started");
    assert_eq!(before["coordinators"], serde_json::json!([]));
    assert_eq!(after["status"], "in_progress");
    assert_eq!(after["coordinators"], serde_json::json!([w.agency(TC).0]));
    assert_eq!(after["budget"], "1500000000");
    assert_eq!(after["revision"], 2);

    let create = w.audit("report.create").await;
    assert_eq!(create.len(), 1);
    let create = &create[0];
    assert_eq!(create.actor_name, "sxd");
    assert_eq!(create.actor_id, Some(xd_user.id));
    assert_eq!(create.request_id.as_deref(), Some("req-report"));
    assert_eq!(
        (create.subject_kind.as_str(), create.subject_id),
        ("report", Some(created.id))
    );
    assert!(create.before.is_none());
    let after: Report = serde_json::from_value(create.after.clone().unwrap()).unwrap();
    assert_eq!(after, created);

    let revise = w.audit("report.revise").await;
    assert_eq!(revise.len(), 1);
    let before: Report = serde_json::from_value(revise[0].before.clone().unwrap()).unwrap();
    let after: Report = serde_json::from_value(revise[0].after.clone().unwrap()).unwrap();
    assert_eq!(before, created);
    assert_eq!(after, revised);

    let actual = w.audit("actual.record").await;
    assert_eq!(actual.len(), 1);
    assert_eq!(actual[0].after.as_ref().unwrap()["value"], "8.2");

    for action in ["user.create", "period.generate"] {
        assert!(!w.audit(action).await.is_empty(), "{action}");
    }

    // The task's trail, newest first, and one actor's.
    let trail = w
        .store()
        .audit_log(&AuditFilter {
            task: Some(w.tasks[0]),
            per_page: 50,
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = trail.items.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(
        actions,
        vec![
            "report.revise",
            "report.create",
            "assignment.set",
            "assignment.import"
        ]
    );
    let mine = w
        .store()
        .audit_log(&AuditFilter {
            actor: Some(xd_user.id),
            per_page: 50,
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(mine.total, 3);
    let paged = w
        .store()
        .audit_log(&AuditFilter {
            task: Some(w.tasks[0]),
            page: 2,
            per_page: 3,
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!((paged.total, paged.items.len()), (4, 1));
    assert_eq!(paged.items[0].action, "assignment.import");

    // Append-only, even to someone holding the file.
    let total = w.audit_count().await;
    let mut raw = SqliteConnectOptions::new()
        .filename(&w.db.path)
        .connect()
        .await
        .unwrap();
    for sql in [
        "UPDATE audit SET actor_name = 'someone else'",
        "DELETE FROM audit",
        "DELETE FROM audit WHERE action = 'report.revise'",
    ] {
        let err = sqlx::query(sql).execute(&mut raw).await.unwrap_err();
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    raw.close().await.unwrap();
    assert_eq!(w.audit_count().await, total);
    assert_eq!(w.audit("report.revise").await.len(), 1);
}
