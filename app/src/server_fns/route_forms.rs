//! Adding and editing migration routes and their ordered legs.

use crate::error::AppError;
use accord::route::Route;
use leptos::prelude::*;

/// What the route form needs: the route when editing. Its legs offer the UK and every
/// partner (`Choices::partners_and_home`), fixed ISO data the page need not carry.
#[server]
pub async fn fetch_route_form(slug: Option<String>) -> Result<Option<Route>, AppError> {
    let pool = crate::state::pool()?;
    let route = match slug {
        Some(slug) => Some(
            accord::storage::routes::get_by_slug(&pool, &slug, crate::state::clearance())
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    Ok(route)
}

/// The most leg rows a form may carry.
pub const MAX_LEGS: usize = 40;

#[cfg(feature = "ssr")]
mod actions {
    use super::MAX_LEGS;
    use crate::error::AppError;
    use accord::route::{LegInput, NewRoute, RouteInput};
    use accord::storage::{audit::Actor, begin_write, routes, StorageError};
    use accord::{FieldErrors, FormData};
    use sqlx::SqlitePool;

    /// Reads the form's leg rows (`leg_{i}_partner`, `leg_{i}_role`, `leg_{i}_order`),
    /// puts them in the order the user numbered them, and remembers each one's row so
    /// errors land beside the right row.
    fn input(form: &FormData) -> (RouteInput, Vec<usize>) {
        let mut rows: Vec<(f64, usize, LegInput)> = (1..=MAX_LEGS)
            .filter_map(|i| {
                let partner = form.text(&format!("leg_{i}_partner")).to_owned();
                let role = form.text(&format!("leg_{i}_role")).to_owned();
                if partner.is_empty() && role.is_empty() {
                    return None; // a spare or removed row
                }
                let order = form.text(&format!("leg_{i}_order")).parse::<f64>().unwrap_or(i as f64);
                Some((order, i, LegInput { partner, role }))
            })
            .collect();
        rows.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let row_of = rows.iter().map(|(_, i, _)| *i).collect();
        let input = RouteInput {
            name: form.text("name").to_owned(),
            slug: form.text("slug").to_owned(),
            description: form.text("description").to_owned(),
            classification: form.text("classification").to_owned(),
            caveat: form.text("caveat").to_owned(),
            next_review_on: accord::dates::DateInput::from_form(form, "next_review_on"),
            legs: rows.into_iter().map(|(_, _, leg)| leg).collect(),
        };
        (input, row_of)
    }

    /// Points errors about the `n`th leg in order (`leg_{n}_…`) at the form row the
    /// user typed it in, and a missing-legs error at the first row.
    fn on_rows(
        errors: impl IntoIterator<Item = (String, String)>,
        row_of: &[usize],
    ) -> FieldErrors {
        let mut out = FieldErrors::default();
        for (field, message) in errors {
            let field = match field.strip_prefix("leg_").and_then(|rest| rest.split_once('_')) {
                Some((n, what)) => match n.parse::<usize>().ok().and_then(|n| row_of.get(n - 1)) {
                    Some(row) => format!("leg_{row}_{what}"),
                    None => field,
                },
                None => field,
            };
            let field = if field == "legs" { "leg_1_partner".to_owned() } else { field };
            out.add(&field, message);
        }
        out
    }

    /// The route the form describes, and each leg's form row.
    fn parse(form: &FormData) -> Result<(NewRoute, Vec<usize>), AppError> {
        // Not read through FormReader, so refuse control characters (a NUL byte) here.
        let controls = form.control_character_errors();
        if !controls.is_empty() {
            return Err(AppError::Validation(controls));
        }
        let (input, row_of) = input(form);
        match NewRoute::parse(&input) {
            Ok(route) => Ok((route, row_of)),
            Err(errors) => Err(AppError::Validation(on_rows(errors, &row_of))),
        }
    }

    /// A storage refusal as the form shows it: a taken slug or name, or a field error
    /// (an unknown leg partner, a marking) on the row it belongs to.
    fn refused(error: StorageError, row_of: &[usize]) -> AppError {
        if let StorageError::Invalid(errors) = error {
            return AppError::Validation(on_rows(errors.0, row_of));
        }
        match routes::unique_field(&error) {
            Some(field) => AppError::Validation(FieldErrors::single(
                field,
                if field == "slug" {
                    "Another route already uses this web address name"
                } else {
                    "Another route already has this name"
                },
            )),
            None => error.into(),
        }
    }

    pub async fn create(
        pool: &SqlitePool,
        form: &FormData,
        user: &accord::User,
    ) -> Result<String, AppError> {
        let (route, row_of) = parse(form)?;
        let mut tx = begin_write(pool).await?;
        routes::create(&mut tx, &Actor::user(user), user.clearance(), &route)
            .await
            .map_err(|e| refused(e, &row_of))?;
        tx.commit().await?;
        Ok(format!("/routes/{}", route.slug.as_str()))
    }

    pub async fn update(
        pool: &SqlitePool,
        slug: &str,
        form: &FormData,
        user: &accord::User,
    ) -> Result<String, AppError> {
        let (route, row_of) = parse(form)?;
        let version = form.text("version").parse().map_err(|_| {
            AppError::Validation(FieldErrors::single(
                "version",
                "The form was incomplete: reload the page and try again",
            ))
        })?;
        // The route is found, within the user's clearance, inside the transaction.
        let mut tx = begin_write(pool).await?;
        let id = routes::id_for_slug(&mut tx, slug, user.clearance()).await?;
        routes::update(&mut tx, &Actor::user(user), user.clearance(), id, version, &route)
            .await
            .map_err(|e| refused(e, &row_of))?;
        tx.commit().await?;
        Ok(format!("/routes/{}", route.slug.as_str()))
    }
}

#[cfg(feature = "ssr")]
pub use actions::{create, update};
