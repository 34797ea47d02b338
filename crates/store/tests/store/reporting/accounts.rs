//! 8. Accounts, tokens, sessions

use super::*;

#[tokio::test]
async fn tokens_work_until_revoked_and_sessions_until_ended() {
    let store = Store::open_in_memory().await.unwrap();
    let new_user = |name: &str, role| NewUser {
        name: name.into(),
        display_name: "Nguyễn Văn A".into(),
        role,
        agency: None,
        money_access: false,
        password_hash: password_hash().into(),
    };
    let user = store
        .create_user(&Ctx::system(), new_user("nva", Role::Leader))
        .await
        .unwrap()
        .into_inner();
    let other = store
        .create_user(&Ctx::system(), new_user("ntb", Role::Supervisor))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(user.display_name, "Nguyễn Văn A");
    assert_eq!(
        code(
            store
                .create_user(&Ctx::system(), new_user("nva", Role::Leader))
                .await
        ),
        "user_exists"
    );
    assert_eq!(
        code(
            store
                .create_user(&Ctx::system(), new_user("có dấu cách", Role::Leader))
                .await
        ),
        "invalid_user_name"
    );
    assert_eq!(
        code(
            store
                .create_user(&Ctx::system(), new_user("bcbc", Role::Reporter))
                .await
        ),
        "agency_required"
    );
    forbidden(
        store
            .create_user(&Ctx::of(user.actor()), new_user("moi", Role::Leader))
            .await,
    );

    // Passwords.
    assert_eq!(
        store.login("nva", PASSWORD).await.unwrap(),
        Some(user.clone())
    );
    assert_eq!(
        store.login(" nva ", PASSWORD).await.unwrap(),
        Some(user.clone())
    );
    assert_eq!(store.login("nva", "sai mật khẩu").await.unwrap(), None);
    assert_eq!(store.login("khong-co", PASSWORD).await.unwrap(), None);

    // Tokens: made for oneself, shown once, stored as a hash.
    let me = Ctx::of(user.actor());
    let made = store.create_token(&me, user.id, "Tích hợp").await.unwrap();
    assert!(made.secret.starts_with(TOKEN_PREFIX), "{}", made.secret);
    assert!(made.secret.starts_with("tdk_"));
    assert!(made.secret.len() > 60);
    assert!(made.secret.starts_with(&made.token.prefix));
    assert_eq!(made.token.user_id, user.id);
    assert_eq!(
        store.user_by_token(&made.secret).await.unwrap(),
        Some(user.clone())
    );
    assert_eq!(store.user_by_token("tdk_0000").await.unwrap(), None);
    assert_eq!(store.user_by_token("not-a-token").await.unwrap(), None);
    assert_eq!(
        store.tokens(user.id).await.unwrap(),
        vec![made.token.clone()]
    );
    forbidden(store.create_token(&me, other.id, "của người khác").await);
    forbidden(
        store
            .revoke_token(&Ctx::of(other.actor()), made.token.id)
            .await,
    );
    assert!(store.user_by_token(&made.secret).await.unwrap().is_some());

    let revoked = store.revoke_token(&me, made.token.id).await.unwrap();
    assert!(revoked.revoked_at.is_some());
    assert_eq!(store.user_by_token(&made.secret).await.unwrap(), None);
    // Revoking twice is harmless and audited once.
    assert_eq!(
        store.revoke_token(&me, made.token.id).await.unwrap(),
        revoked
    );
    let revokes = store
        .audit_log(&AuditFilter {
            action: Some("token.revoke".into()),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(revokes.total, 1);
    assert!(
        !revokes.items[0]
            .after
            .as_ref()
            .unwrap()
            .to_string()
            .contains(&made.secret),
        "the secret never reaches the audit trail"
    );
    assert_eq!(store.tokens(user.id).await.unwrap(), vec![revoked]);
    // An operator (the system) makes one for anyone.
    let for_other = store
        .create_token(&Ctx::system(), other.id, "cli")
        .await
        .unwrap();
    assert_eq!(
        store.user_by_token(&for_other.secret).await.unwrap(),
        Some(other)
    );

    // Sessions.
    let session = store.create_session(user.id).await.unwrap();
    assert_ne!(session.secret, session.csrf);
    assert!(session.expires_at > Utc::now());
    let (found, csrf) = store
        .user_by_session(&session.secret)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found, user);
    assert_eq!(csrf, session.csrf);
    assert_eq!(store.user_by_session("deadbeef").await.unwrap(), None);
    store.end_session(&session.secret).await.unwrap();
    assert_eq!(store.user_by_session(&session.secret).await.unwrap(), None);
    store.end_session(&session.secret).await.unwrap();
}
