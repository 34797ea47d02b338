//! Acknowledging warnings and activating conditional tasks

use tiendo_store::{AuditFilter, Idempotency, WarningEventKind, WarningState};

use super::*;

async fn audit(w: &World, action: &str) -> Vec<tiendo_store::AuditRecord> {
    w.store()
        .audit_log(&AuditFilter {
            action: Some(action.into()),
            per_page: 500,
            ..AuditFilter::default()
        })
        .await
        .unwrap()
        .items
}

#[tokio::test]
async fn the_lead_agency_operators_and_leaders_acknowledge_and_nobody_else() {
    let w = World::new().await;
    let events = w
        .apply(&[
            w.raised(
                w.roads(),
                finding(RuleId::Overdue, Severity::Red, "Quá hạn."),
            ),
            w.raised(
                Subject::indicator(w.indicator.0),
                finding(RuleId::IndicatorOffTrack, Severity::Red, "Khó đạt."),
            ),
        ])
        .await;
    let (roads, indicator) = (events[0].warning.id, events[1].warning.id);
    let xd = w.user("sxd", Role::Reporter, Some(XD), false).await;
    let xd_ctx = Ctx::of(xd.actor());
    let tc = w.ctx("stc", Role::Reporter, Some(TC)).await;
    let supervisor = w.ctx("giamsat", Role::Supervisor, None).await;
    let leader = w.ctx("lanhdao", Role::Leader, None).await;

    forbidden(w.store().acknowledge_warning(&tc, roads, "Đã biết").await);
    forbidden(
        w.store()
            .acknowledge_warning(&supervisor, roads, "Đã biết")
            .await,
    );
    forbidden(
        w.store()
            .acknowledge_warning(&xd_ctx, indicator, "Đã biết")
            .await,
    );
    assert_eq!(
        code(w.store().acknowledge_warning(&xd_ctx, roads, "  \n ").await),
        ("note_required", "note".to_string())
    );
    assert_eq!(
        code(
            w.store()
                .acknowledge_warning(&xd_ctx, roads, &"x".repeat(2001))
                .await
        )
        .0,
        "text_too_long"
    );
    assert!(matches!(
        w.store()
            .acknowledge_warning(&xd_ctx, 999_999, "Đã biết")
            .await,
        Err(StoreError::NotFound(_))
    ));
    assert!(audit(&w, "warning.acknowledge").await.is_empty());

    // Decomposed input is stored composed.
    let acked = w
        .store()
        .acknowledge_warning(
            &xd_ctx,
            roads,
            "  Đã giao nha\u{300} thầu bổ sung nhân lực ",
        )
        .await
        .unwrap()
        .into_inner();
    assert_eq!(acked.state, WarningState::Acknowledged);
    assert_eq!(acked.acknowledged_by, Some(xd.id));
    assert_eq!(acked.acknowledged_by_name.as_deref(), Some("Cán bộ sxd"));
    assert_eq!(
        acked.ack_note.as_deref(),
        Some("Đã giao nhà thầu bổ sung nhân lực")
    );
    assert!(acked.acknowledged_at.is_some());
    assert_eq!(acked.updated_at, events[0].warning.updated_at);

    // Again, by a leader: the note is replaced and a second event kept.
    let again = w
        .store()
        .acknowledge_warning(&leader, roads, "Yêu cầu báo cáo lại trước 15/10")
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        again.ack_note.as_deref(),
        Some("Yêu cầu báo cáo lại trước 15/10")
    );
    assert_eq!(
        again.acknowledged_by_name.as_deref(),
        Some("Cán bộ lanhdao")
    );
    let history = w.store().warning_history(roads).await.unwrap();
    let acks: Vec<_> = history
        .iter()
        .filter(|e| e.kind == WarningEventKind::Acknowledged)
        .map(|e| (e.actor_name.clone(), e.note.clone()))
        .collect();
    assert_eq!(
        acks,
        vec![
            (
                Some("Cán bộ sxd".to_string()),
                Some("Đã giao nhà thầu bổ sung nhân lực".to_string())
            ),
            (
                Some("Cán bộ lanhdao".to_string()),
                Some("Yêu cầu báo cáo lại trước 15/10".to_string())
            ),
        ]
    );
    let trail = audit(&w, "warning.acknowledge").await;
    assert_eq!(trail.len(), 2);
    assert_eq!(trail[1].actor_id, Some(xd.id));
    assert_eq!(trail[1].task_id, Some(w.tasks[0].0));
    assert_eq!(trail[1].subject_id, Some(roads));
    assert_eq!(trail[1].before.as_ref().unwrap()["state"], "raised");
    assert_eq!(trail[1].after.as_ref().unwrap()["state"], "acknowledged");

    // An operator acknowledges the indicator's warning.
    let operator = w.ctx("dieuphoi", Role::Operator, None).await;
    w.store()
        .acknowledge_warning(&operator, indicator, "Đã giao Cục Thống kê rà soát")
        .await
        .unwrap();

    // Resolved: nothing left to acknowledge.
    w.apply(&[w.resolved(w.roads(), RuleId::Overdue, Severity::Red)])
        .await;
    assert_eq!(
        code(
            w.store()
                .acknowledge_warning(&leader, roads, "Đã biết")
                .await
        )
        .0,
        "warning_resolved"
    );
}

#[tokio::test]
async fn an_acknowledgement_retried_with_its_key_is_replayed_not_repeated() {
    let w = World::new().await;
    let id = w
        .apply(&[w.raised(
            w.roads(),
            finding(RuleId::Overdue, Severity::Red, "Quá hạn."),
        )])
        .await[0]
        .warning
        .id;
    let ctx = w
        .ctx("sxd", Role::Reporter, Some(XD))
        .await
        .with_idempotency(Idempotency {
            key: "ack-1".into(),
            request_hash: "h1".into(),
        });
    let first = w
        .store()
        .acknowledge_warning(&ctx, id, "Đã biết")
        .await
        .unwrap();
    let second = w
        .store()
        .acknowledge_warning(&ctx, id, "Đã biết")
        .await
        .unwrap();
    assert!(!first.is_replayed());
    assert!(second.is_replayed());
    assert_eq!(first.into_inner(), second.into_inner());
    assert_eq!(w.store().warning_history(id).await.unwrap().len(), 2);
}

#[tokio::test]
async fn an_operator_activates_a_conditional_task_and_only_that() {
    let w = World::new().await;
    let operator = w.ctx("dieuphoi", Role::Operator, None).await;
    let xd = w.ctx("sxd", Role::Reporter, Some(XD)).await;
    forbidden(
        w.store()
            .activate_task(&xd, w.tasks[1], day(2025, 8, 1), "")
            .await,
    );
    assert_eq!(
        code(
            w.store()
                .activate_task(&operator, w.tasks[0], day(2025, 8, 1), "")
                .await
        ),
        ("task_not_conditional", "task_id".to_string())
    );
    assert!(matches!(
        w.store()
            .activate_task(&operator, TaskId(999_999), day(2025, 8, 1), "")
            .await,
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(w.store().task_activation(w.tasks[1]).await.unwrap(), None);

    let first = w
        .store()
        .activate_task(&operator, w.tasks[1], day(2025, 8, 1), " Đã bố trí vốn ")
        .await
        .unwrap()
        .into_inner();
    assert_eq!(first.task_id, w.tasks[1]);
    assert_eq!(first.activated_on, day(2025, 8, 1));
    assert_eq!(first.note, "Đã bố trí vốn");
    assert!(first.actor_id.is_some());
    let moved = w
        .store()
        .activate_task(&operator, w.tasks[1], day(2025, 9, 1), "Lùi một tháng")
        .await
        .unwrap()
        .into_inner();
    assert_eq!(moved.activated_on, day(2025, 9, 1));
    assert_eq!(
        w.store().task_activation(w.tasks[1]).await.unwrap(),
        Some(moved)
    );
    let input = w
        .store()
        .load_task_input(w.tasks[1])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(input.activated_on, Some(day(2025, 9, 1)));
    let trail = audit(&w, "task.activate").await;
    assert_eq!(trail.len(), 2);
    assert_eq!(
        trail[0].before.as_ref().unwrap()["activated_on"],
        "2025-08-01"
    );
    assert_eq!(
        trail[0].after.as_ref().unwrap()["activated_on"],
        "2025-09-01"
    );
    assert_eq!(trail[1].before, None);
}
