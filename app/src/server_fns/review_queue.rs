//! The review queue (`/reviews`), the navigation badge and the named-reviewer choices
//! of the commitment form. Each is cached per reader until the next write.

use crate::error::AppError;
use accord::{Classification, QueueGroup, ReviewQueueQuery};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use time::Date;

/// The queue page's data: its groups as HTML, the filter options and the marking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewQueuePage {
    /// Route filter options (slug, name) the reader may see.
    pub routes: Vec<(String, String)>,
    /// Lead department options (id, name).
    pub uk_bodies: Vec<(String, String)>,
    /// The highest marking of the rows shown.
    pub marking: Classification,
    /// The day the groups were computed for (the page names the boundaries).
    pub today: Date,
    /// The count and the groups' tables, rendered once per cached queue (four tables
    /// of rows cost more to render than the rest of the page).
    pub groups_html: String,
}

/// The badge's resource, put in context by the app and read by the header.
#[derive(Clone, Copy)]
pub struct ReviewBadge(pub Resource<Result<Option<Vec<(QueueGroup, i64)>>, AppError>>);

/// Who "mine" means for the signed-in user.
#[cfg(feature = "ssr")]
fn mine(user: &accord::User) -> accord::review_queue::Mine {
    accord::review_queue::Mine {
        user_id: user.id,
        display_name: user.display_name.clone(),
        email: user.email.clone(),
    }
}

#[server]
pub async fn fetch_review_queue(query: ReviewQueueQuery) -> Result<ReviewQueuePage, AppError> {
    use accord::storage::review_queue;
    let user = crate::state::current_user().ok_or(AppError::Unauthorized)?;
    let me = mine(&user);
    let key = (query.clone(), me.clone());
    // The agreements and arrangements counted outlive commitments' changes (every
    // assessment); the rest is read again after each.
    let (asked, mine_too) = (query.clone(), me.clone());
    let records = crate::state::cached_following(
        accord::storage::cache::Topic::Partners,
        "review_queue records",
        key.clone(),
        |pool, clearance, today| async move {
            Ok(review_queue::record_counts(&pool, &asked, &mine_too, clearance, today).await?)
        },
    )
    .await?;
    let asked = query.clone();
    let groups = crate::state::cached("review_queue", key, |pool, clearance, today| async move {
        Ok(review_queue::queue_given(&pool, &asked, &me, clearance, today, records).await?)
    })
    .await?;
    let lookups = super::choices::lookups().await?;
    let marking = Classification::highest(
        groups.iter().flat_map(|g| g.rows.iter().map(|r| &r.classification)),
    );
    let may_assess = user.may(accord::Action::Assess);
    let key = (query.clone(), mine(&user), may_assess);
    let groups_html = crate::state::cached("review_queue html", key, move |_, _, _| async move {
        Ok(crate::routes::reviews::queue::groups_html(groups, query, may_assess))
    })
    .await?;
    Ok(ReviewQueuePage {
        routes: lookups.routes,
        uk_bodies: lookups.uk_bodies,
        marking,
        today: accord::dates::today(),
        groups_html,
    })
}

/// The signed-in user's own records in each group of the queue (`None` when signed out).
#[server]
pub async fn fetch_review_badge() -> Result<Option<Vec<(QueueGroup, i64)>>, AppError> {
    use accord::storage::review_queue;
    let Some(user) = crate::state::current_user() else { return Ok(None) };
    let me = mine(&user);
    let counts =
        crate::state::cached("review_badge", me.clone(), |pool, clearance, today| async move {
            Ok(review_queue::badge_counts(&pool, &me, clearance, today).await?)
        })
        .await?;
    Ok(Some(counts))
}

/// The users a commitment may name as reviewer: active reviewers and administrators,
/// (id, display name) by name.
#[server]
pub async fn fetch_reviewer_choices() -> Result<Vec<(String, String)>, AppError> {
    crate::state::cached("reviewer_choices", (), |pool, _, _| async move {
        Ok(accord::storage::review_queue::reviewer_choices(&pool).await?)
    })
    .await
}
