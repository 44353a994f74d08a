//! SP-initiated step-up: an app sends the user to the custom sign-in page with a stateToken; the
//! user signs in (unless they have a session) and verifies a factor; SUCCESS links back to the app,
//! and the redirect raises (or creates) the user's session.

use crate::engine::sign_in::{PasswordCheck, SignedIn, check_password};
use crate::error::{ApiError, ApiResult};
use crate::model::{Purpose, Session, Status, StatusKind, StepUp, Transaction};
use crate::rules::facts::facts_for;
use crate::rules::transition;
use crate::secrets::{self, Secret};
use crate::store::AppState;

/// A step-up that was started: its stateToken and the demo page started on it.
#[derive(Debug)]
pub struct Started {
    /// The stateToken.
    pub state_token: Secret,
    /// `<demo page>?stateToken=...`.
    pub url: String,
}

/// `POST /emulator/step-up`: a transaction for `username` as if the app `app` had redirected to the
/// custom sign-in page. With `session` the user counts as signed in (the emulator creates the
/// session); without, the transaction starts UNAUTHENTICATED. Unknown users and apps are 400
/// E0000001.
pub async fn start(
    state: &AppState,
    username: &str,
    app: &str,
    session: bool,
) -> ApiResult<Started> {
    let app = state
        .config
        .scenario
        .app(app)
        .cloned()
        .ok_or_else(|| ApiError::validation("app: No app with this name is in the scenario"))?;
    let user = state
        .store()
        .user_by_login(username)
        .cloned()
        .ok_or_else(|| ApiError::validation("username: No user with this username"))?;
    let now = state.now();
    let session_id = session.then(|| {
        let facts = facts_for(&user, Some(now));
        state.store().create_session(facts, now).id
    });
    let mut tx = Transaction::new(
        Secret::new(secrets::random_token("00", 40)),
        Some(user.id.clone()),
        Purpose::StepUp(StepUp { app, session_id }),
        Status::Unauthenticated,
        now + state.token_lifetime(),
    );
    if session {
        // The session's sign-in is the transaction's: the user counts as authenticated.
        transition::password_verified(&mut tx, &user, now);
    }
    let mut tx = state.insert_tx(tx).await;
    super::advance(state, &mut tx);
    let state_token = tx.token.clone();
    tracing::info!(user = %user.login, "step-up started");
    Ok(Started {
        url: state.urls.demo_page(state_token.expose()),
        state_token,
    })
}

/// `POST /api/v1/authn {stateToken, username, password}` in UNAUTHENTICATED: signs the user of the
/// step-up in. Another user's credentials fail like a wrong password.
pub async fn authenticate(
    state: &AppState,
    token: Option<&str>,
    username: &str,
    password: &Secret,
) -> ApiResult<SignedIn> {
    let mut tx = state.open_tx(token).await?;
    transition::require(&tx.status, &[StatusKind::Unauthenticated])?;
    let user = match check_password(state, username, password).await? {
        PasswordCheck::Verified(user) => *user,
        PasswordCheck::LockedOut => return Ok(SignedIn::LockedOut),
    };
    if tx.user_id.as_deref() != Some(user.id.as_str()) {
        return Err(ApiError::auth_failed());
    }
    transition::password_verified(&mut tx, &user, state.now());
    super::advance(state, &mut tx);
    Ok(SignedIn::Transaction(Box::new(super::view(state, &mut tx))))
}

/// Where the browser goes once a step-up is done.
#[derive(Debug)]
pub struct Redirect {
    /// The app's name.
    pub app: String,
    /// The user's session, raised by the step-up (its cookie goes with the redirect).
    pub session: Session,
}

/// `GET /login/step-up/redirect?stateToken=`: ends a step-up in SUCCESS. The session the user had
/// now carries what the step-up proved; without one, a session is created. The stateToken is then
/// used up. Unknown or expired tokens are E0000011; a step-up not done yet is E0000079.
pub async fn redirect(state: &AppState, token: Option<&str>) -> ApiResult<Redirect> {
    let mut tx = state.open_tx(token).await?;
    let step_up = tx
        .step_up()
        .filter(|_| tx.status.is_success())
        .cloned()
        .ok_or_else(ApiError::wrong_state)?;
    let user = state.tx_user(&tx)?;
    let now = state.now();
    let facts = tx.facts.clone().unwrap_or_else(|| facts_for(&user, None));
    let session = {
        let mut store = state.store();
        let raised = step_up.session_id.as_ref().and_then(|id| {
            let session = store.sessions.get_mut(id.expose())?;
            (session.expires > now).then(|| {
                session.facts = facts.clone();
                session.clone()
            })
        });
        raised.unwrap_or_else(|| store.create_session(facts, now))
    };
    state.close_tx(&mut tx);
    tracing::info!(user = %user.login, app = %step_up.app.name, "step-up done");
    Ok(Redirect {
        app: step_up.app.name,
        session,
    })
}
