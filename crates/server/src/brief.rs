//! `GET /brief/{round}`: the briefing for a round of talks as one printable HTML page, the
//! same document `frontline brief ROUND` writes as PDF.

use axum::extract::{Path, State};
use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse as _;
use frontline_atlas::BriefOf;
use frontline_render::PageSize;

use crate::api::{Answer, date_or_milestone};
use crate::app::App;
use crate::caching;
use crate::error::ApiError;
use crate::params::Params;

/// `GET /brief/{round}?lang=en|ar&since=D` (and the question's `known_at` and method).
pub(crate) async fn brief(
    State(app): State<App>,
    Path(round): Path<String>,
    params: Params,
) -> Answer {
    // An unknown round is a 404 that lists the rounds.
    let start = app.atlas().round(&round)?.start.first_day();
    let language = params.language()?;
    let since = params
        .get("since")
        .map(|s| date_or_milestone(app.atlas(), &params, "since", s))
        .transpose()?;
    let q = params.question(start)?;
    let at = q.at(app.now());
    let of = BriefOf::Round { id: round, since };
    let html = app
        .blocking(move |atlas| {
            let scene = atlas.brief_scene(&of, at, language)?;
            frontline_render::brief_html(&scene, PageSize::A4).map_err(|e| ApiError::internal(&e))
        })
        .await?;
    let cache = caching::derived(q.known_at, app.now());
    Ok((
        [
            (
                CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (CACHE_CONTROL, cache),
        ],
        html,
    )
        .into_response())
}
