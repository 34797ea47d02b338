//! 10. The task list

use super::*;

#[tokio::test]
async fn the_task_list_filters_by_section_agency_status_deadline_and_words() {
    let w = World::new().await;
    w.assign_roads(&Ctx::system()).await;
    // The outreach task (section 2) goes to Sở Nội vụ, Sở Xây dựng coordinating.
    w.store()
        .assign(
            &Ctx::system(),
            w.tasks[3],
            Assignment {
                lead_agency: Some(w.agency(NV).0),
                coordinators: vec![w.agency(XD).0],
                deadline: Some(date(2025, 10, 31)),
                status: TaskStatus::Paused,
                ..Assignment::default()
            },
        )
        .await
        .unwrap();
    let store = w.store();
    let ids = |page: tiendo_store::Page<tiendo_store::TaskSummary>| {
        page.items.into_iter().map(|t| t.id).collect::<Vec<_>>()
    };
    let find = |filter: TaskFilter| async move {
        store
            .tasks(&TaskFilter {
                program: Some(w.program),
                per_page: if filter.per_page == 0 {
                    100
                } else {
                    filter.per_page
                },
                ..filter
            })
            .await
            .unwrap()
    };
    let t = &w.tasks;

    let everything = find(TaskFilter::default()).await;
    assert_eq!(everything.total, 5);
    assert_eq!(ids(everything.clone()), t.clone(), "document order");
    let roads = &everything.items[0];
    assert_eq!(roads.section, "1.1");
    assert_eq!(roads.lead_agency_name.as_deref(), Some(XD));
    assert_eq!(roads.status, TaskStatus::InProgress);
    assert!(roads.assigned);
    let culture = &everything.items[2];
    assert!(!culture.assigned);
    assert_eq!(culture.status, TaskStatus::NotStarted);
    assert_eq!(culture.lead_agency_id, None);
    // The assignment's deadline wins over the document's.
    assert_eq!(everything.items[3].deadline, Some(date(2025, 10, 31)));

    // A section and its subsections, not a section that merely starts alike.
    let section = |s: &str| TaskFilter {
        section: Some(s.into()),
        ..TaskFilter::default()
    };
    assert_eq!(ids(find(section("1")).await), vec![t[0], t[1]]);
    assert_eq!(ids(find(section("1.2")).await), vec![t[1]]);
    assert_eq!(ids(find(section("10")).await), vec![t[4]]);
    assert_eq!(ids(find(section("2")).await), vec![t[2], t[3]]);
    assert_eq!(find(section("1.%")).await.total, 0);

    // An agency that leads or coordinates.
    let agency = |name: &str| TaskFilter {
        agency: Some(w.agency(name)),
        ..TaskFilter::default()
    };
    assert_eq!(ids(find(agency(XD)).await), vec![t[0], t[3]]);
    assert_eq!(ids(find(agency(TC)).await), vec![t[0]]);
    assert_eq!(ids(find(agency(TTTT)).await), vec![t[1]]);
    assert_eq!(ids(find(agency(NV)).await), vec![t[3]]);

    // Status; unassigned tasks count as not started.
    let status = |s| TaskFilter {
        status: Some(s),
        ..TaskFilter::default()
    };
    assert_eq!(ids(find(status(TaskStatus::InProgress)).await), vec![t[0]]);
    assert_eq!(ids(find(status(TaskStatus::Paused)).await), vec![t[3]]);
    assert_eq!(
        ids(find(status(TaskStatus::NotStarted)).await),
        vec![t[1], t[2], t[4]]
    );

    // Deadlines, both ends inclusive; no deadline matches no range.
    let range = |from: Option<NaiveDate>, to: Option<NaiveDate>| TaskFilter {
        deadline_from: from,
        deadline_to: to,
        ..TaskFilter::default()
    };
    assert_eq!(
        ids(find(range(Some(date(2025, 10, 31)), Some(date(2025, 12, 31)))).await),
        vec![t[0], t[3]]
    );
    assert_eq!(
        ids(find(range(Some(date(2026, 1, 1)), None)).await),
        vec![t[1]]
    );
    assert_eq!(
        ids(find(range(None, Some(date(2025, 10, 30)))).await),
        Vec::<TaskId>::new()
    );

    // Words without their marks, in any case.
    let q = |s: &str| TaskFilter {
        q: Some(s.into()),
        ..TaskFilter::default()
    };
    assert_eq!(ids(find(q("ke hoach")).await), vec![t[0], t[3]]);
    assert_eq!(ids(find(q("KẾ HOẠCH giao thong")).await), vec![t[0]]);
    assert_eq!(ids(find(q("chuyen doi so")).await), vec![t[1]]);
    assert_eq!(ids(find(q("đại hội")).await), vec![t[3]]);
    assert_eq!(find(q("khong co")).await.total, 0);
    assert_eq!(find(q("%")).await.total, 5, "a lone wildcard is no filter");

    // The kind of task.
    let kind = |k| TaskFilter {
        kind: Some(k),
        ..TaskFilter::default()
    };
    assert_eq!(ids(find(kind(TaskKind::Plan)).await), vec![t[0], t[3]]);
    assert_eq!(ids(find(kind(TaskKind::Directive)).await), vec![t[4]]);
    assert_eq!(find(kind(TaskKind::Strategy)).await.total, 0);

    // Filters combine.
    let combined = TaskFilter {
        section: Some("2".into()),
        q: Some("ke hoach".into()),
        agency: Some(w.agency(XD)),
        ..TaskFilter::default()
    };
    assert_eq!(ids(find(combined).await), vec![t[3]]);

    // Pages.
    let page = |page, per_page| TaskFilter {
        page,
        per_page,
        ..TaskFilter::default()
    };
    let second = find(page(2, 2)).await;
    assert_eq!((second.page, second.per_page, second.total), (2, 2, 5));
    assert_eq!(ids(second), vec![t[2], t[3]]);
    let third = find(page(3, 2)).await;
    assert_eq!(ids(third), vec![t[4]]);
    let beyond = find(page(9, 2)).await;
    assert_eq!((beyond.items.len(), beyond.total), (0, 5));
    let zero = find(page(0, 2)).await;
    assert_eq!(zero.page, 1, "pages count from 1");
    assert_eq!(ids(zero), vec![t[0], t[1]]);

    // Other programs' tasks stay out when a program is named.
    store
        .import_catalog(&sample(), &source("ctr.txt"))
        .await
        .unwrap();
    assert_eq!(find(TaskFilter::default()).await.total, 5);
    assert_eq!(store.tasks(&TaskFilter::default()).await.unwrap().total, 8);
    assert!(store.task(TaskId(999_999)).await.unwrap().is_none());
}

#[tokio::test]
async fn the_headings_of_the_task_part_come_in_document_order_with_their_depth() {
    let w = World::new().await;
    let headings = w.store().section_headings(w.program).await.unwrap();
    let read: Vec<(&str, &str, usize)> = headings
        .iter()
        .map(|h| (h.number.as_str(), h.title.as_str(), h.depth))
        .collect();
    assert_eq!(
        read,
        [
            ("1", "Kinh tế", 1),
            ("1.1", "Hạ tầng", 2),
            ("1.2", "Chuyển đổi số", 2),
            ("2", "Văn hóa - xã hội", 1),
            ("10", "Quốc phòng - an ninh", 1),
        ]
    );
    assert!(
        w.store()
            .section_headings(ProgramId(w.program.0 + 99))
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_tree_lists_a_headings_own_tasks_before_its_subsections() {
    let db = crate::helpers::TestDb::new().await;
    let mut catalog = program_catalog();
    // A closing task of section 1, after its subsections in the document.
    let mut closing = Task::new(Part::Tasks, "1", TaskKind::Plan, "Kế hoạch tổng kết");
    closing.line = 15;
    catalog.tasks.insert(2, closing);
    let program = db
        .store
        .import_catalog(&catalog, &source("cay.txt"))
        .await
        .unwrap()
        .program_id();
    let sections = |by_heading| {
        let store = &db.store;
        async move {
            store
                .tasks(&TaskFilter {
                    program: Some(program),
                    by_heading,
                    ..TaskFilter::default()
                })
                .await
                .unwrap()
                .items
                .into_iter()
                .map(|t| t.section)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(sections(false).await, ["1.1", "1.2", "1", "2", "2", "10"]);
    assert_eq!(sections(true).await, ["1", "1.1", "1.2", "2", "2", "10"]);
}
