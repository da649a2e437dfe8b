//! Administrators' posts under `/admin/users` (the access layer admits only those who
//! may manage users): add an account, change its role and clearance, disable or
//! enable it, reset its password. One-time passwords are shown once, on the page that
//! answers the post, and never logged.

use crate::accounts::one_time_password;
use crate::auth::CurrentUser;
use crate::pages;
use crate::router::ServerState;
use accord::storage::audit::Actor;
use accord::storage::users::{self, Change, NewUser};
use accord::storage::StorageError;
use accord::{Action, FieldErrors, FormData, FormReader, Level, Role, User};
use app::access::{CsrfToken, CSRF_FIELD};
use app::error::AppError;
use app::forms::Submission;
use app::routes::admin::IssuedPassword;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Extension, Router};

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/admin/users", post(add))
        .route("/admin/users/{id}", post(set_access))
        .route("/admin/users/{id}/active", post(set_active))
        .route("/admin/users/{id}/password", post(reset_password))
}

type Csrf = Option<Extension<CsrfToken>>;
type Pairs = Form<Vec<(String, String)>>;

fn form(pairs: Vec<(String, String)>) -> FormData {
    FormData(pairs.into_iter().filter(|(k, _)| k != CSRF_FIELD).collect())
}

async fn refused(
    state: &ServerState,
    path: &str,
    user: User,
    csrf: Csrf,
    values: FormData,
    errors: FieldErrors,
) -> Response {
    let submission = Submission { path: path.to_owned(), values, errors, conflict: false };
    let csrf = csrf.map(|Extension(t)| t);
    pages::refused_form(state, path, Some(user), csrf, submission, StatusCode::UNPROCESSABLE_ENTITY)
        .await
}

fn failed(error: &dyn std::fmt::Display) -> Response {
    tracing::error!(%error, "user administration failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        pages::plain("Sorry, the change could not be saved. Try again later."),
    )
        .into_response()
}

/// Defence in depth: the access layer asked the permission table already.
fn manager(user: &User) -> Result<(), AppError> {
    if user.may(Action::ManageUsers) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

async fn add(
    State(state): State<ServerState>,
    CurrentUser(admin): CurrentUser,
    csrf: Csrf,
    Form(pairs): Pairs,
) -> Response {
    if let Err(error) = manager(&admin) {
        return pages::error(&state, error, Some(admin)).await;
    }
    let values = form(pairs);
    let mut reader = FormReader::new(&values);
    let email = reader.required_max("email", "Enter an email address", "Email address", 254);
    let name =
        reader.required_max("display_name", "Enter the person's full name", "Full name", 200);
    let role: Option<Role> = reader.choice("role", "Select a role");
    let clearance: Option<Level> = reader.choice("clearance", "Select a clearance");
    let mut errors = reader.finish(()).err().unwrap_or_default();
    if !email.is_empty() && (!email.contains('@') || email.starts_with('@') || email.ends_with('@'))
    {
        errors
            .add("email", "Enter an email address in the correct format, like name@example.gov.uk");
    }
    let (Some(role), Some(clearance), true) = (role, clearance, errors.is_empty()) else {
        return refused(&state, "/admin/users", admin, csrf, values, errors).await;
    };
    let password = one_time_password();
    let password_hash = match users::hash_password(password.clone()).await {
        Ok(hash) => hash,
        Err(error) => return failed(&error),
    };
    let new = NewUser {
        email: email.clone(),
        display_name: name,
        role,
        clearance,
        password_hash,
        must_change_password: true,
    };
    let result = async {
        let mut tx = accord::storage::begin_write(&state.pool).await?;
        users::create(&mut tx, &Actor::user(&admin), &new).await?;
        tx.commit().await?;
        Ok::<_, StorageError>(())
    }
    .await;
    match result {
        Ok(()) => {
            let issued = IssuedPassword { email, password };
            pages::with_context(
                &state,
                "/admin/users",
                Some(admin),
                csrf.map(|Extension(t)| t),
                issued,
            )
            .await
        }
        Err(StorageError::Invalid(errors)) => {
            refused(&state, "/admin/users", admin, csrf, values, errors).await
        }
        Err(error) => failed(&error),
    }
}

async fn set_access(
    State(state): State<ServerState>,
    CurrentUser(admin): CurrentUser,
    csrf: Csrf,
    session: tower_sessions::Session,
    Path(id): Path<i64>,
    Form(pairs): Pairs,
) -> Response {
    if let Err(error) = manager(&admin) {
        return pages::error(&state, error, Some(admin)).await;
    }
    let path = format!("/admin/users/{id}");
    let values = form(pairs);
    let mut reader = FormReader::new(&values);
    let role: Option<Role> = reader.choice("role", "Select a role");
    let clearance: Option<Level> = reader.choice("clearance", "Select a clearance");
    let version: Option<i64> = values.text("version").parse().ok();
    let mut errors = reader.finish(()).err().unwrap_or_default();
    if id == admin.id && role.is_some_and(|r| r != Role::Admin) {
        errors.add(
            "role",
            "You cannot remove your own administrator role: ask another administrator",
        );
    }
    let (Some(role), Some(clearance), Some(version), true) =
        (role, clearance, version, errors.is_empty())
    else {
        if version.is_none() {
            errors.add("role", "The form was incomplete: reload the page and try again");
        }
        return refused(&state, &path, admin, csrf, values, errors).await;
    };
    let result = async {
        let mut tx = accord::storage::begin_write(&state.pool).await?;
        let current = users::account(&mut **tx, id).await?.ok_or(StorageError::NotFound)?;
        if users::version(&mut **tx, id).await? != version {
            return Err(StorageError::Conflict);
        }
        if current.user.role != role {
            users::change(&mut tx, &Actor::user(&admin), id, &Change::Role(role)).await?;
        }
        if current.user.clearance != clearance {
            users::change(&mut tx, &Actor::user(&admin), id, &Change::Clearance(clearance)).await?;
        }
        tx.commit().await?;
        Ok(())
    }
    .await;
    match result {
        Ok(()) => {
            crate::flash::set(&session, "Role and clearance saved").await;
            Redirect::to(&path).into_response()
        }
        Err(StorageError::NotFound) => pages::error(&state, AppError::NotFound, Some(admin)).await,
        Err(StorageError::Conflict) => {
            let errors = FieldErrors::single("role", "Someone else changed this account while you were editing it: check its role and clearance, then try again");
            refused(&state, &path, admin, csrf, values, errors).await
        }
        Err(error) => failed(&error),
    }
}

async fn set_active(
    State(state): State<ServerState>,
    CurrentUser(admin): CurrentUser,
    csrf: Csrf,
    session: tower_sessions::Session,
    Path(id): Path<i64>,
    Form(pairs): Pairs,
) -> Response {
    if let Err(error) = manager(&admin) {
        return pages::error(&state, error, Some(admin)).await;
    }
    let path = format!("/admin/users/{id}");
    let values = form(pairs);
    let active = values.text("active") == "true";
    if id == admin.id && !active {
        let errors = FieldErrors::single("active", "You cannot disable your own account");
        return refused(&state, &path, admin, csrf, values, errors).await;
    }
    let result = async {
        let mut tx = accord::storage::begin_write(&state.pool).await?;
        users::change(&mut tx, &Actor::user(&admin), id, &Change::Active(active)).await?;
        tx.commit().await?;
        if !active {
            accord::storage::sessions::end_all_for_user(&state.pool, id).await?;
        }
        Ok::<_, StorageError>(())
    }
    .await;
    match result {
        Ok(()) => {
            let done = if active { "Account enabled" } else { "Account disabled" };
            crate::flash::set(&session, done).await;
            Redirect::to(&path).into_response()
        }
        Err(StorageError::NotFound) => pages::error(&state, AppError::NotFound, Some(admin)).await,
        Err(error) => failed(&error),
    }
}

async fn reset_password(
    State(state): State<ServerState>,
    CurrentUser(admin): CurrentUser,
    csrf: Csrf,
    Path(id): Path<i64>,
) -> Response {
    if let Err(error) = manager(&admin) {
        return pages::error(&state, error, Some(admin)).await;
    }
    let password = one_time_password();
    let hash = match users::hash_password(password.clone()).await {
        Ok(hash) => hash,
        Err(error) => return failed(&error),
    };
    let result = async {
        let mut tx = accord::storage::begin_write(&state.pool).await?;
        let user =
            users::change(&mut tx, &Actor::user(&admin), id, &Change::Password(hash, true)).await?;
        tx.commit().await?;
        accord::storage::sessions::end_all_for_user(&state.pool, id).await?;
        Ok::<_, StorageError>(user)
    }
    .await;
    match result {
        Ok(user) => {
            let issued = IssuedPassword { email: user.email, password };
            let path = format!("/admin/users/{id}");
            pages::with_context(&state, &path, Some(admin), csrf.map(|Extension(t)| t), issued)
                .await
        }
        Err(StorageError::NotFound) => pages::error(&state, AppError::NotFound, Some(admin)).await,
        Err(error) => failed(&error),
    }
}
