//! `frontline places` and `frontline parties`.

use anyhow::Result;
use frontline_atlas::Atlas;
use frontline_model::{Party, Place};
use frontline_store::Store;
use serde::Serialize;

use crate::cli::{ListArgs, PlacesArgs};
use crate::output;
use crate::settings::Settings;

#[derive(Serialize)]
struct PlaceRow<'a> {
    id: &'a str,
    name: &'a str,
    name_ar: Option<&'a str>,
    kind: &'a str,
    lon: f64,
    lat: f64,
    population: Option<u64>,
    population_year: Option<i32>,
    region: Option<&'a str>,
}

pub(crate) fn places(settings: &Settings, args: &PlacesArgs) -> Result<()> {
    let store = super::open_existing(settings)?;
    let (atlas, latest);
    let places: Vec<&Place> = match args.known_at {
        Some(known_at) => {
            atlas = Atlas::load(&store)?;
            // In id order, as the store lists them.
            atlas.places_at(known_at).into_iter().flatten().collect()
        }
        None => {
            latest = store.places()?;
            latest.iter().collect()
        }
    };
    let rows: Vec<PlaceRow<'_>> = places
        .iter()
        .map(|p| PlaceRow {
            id: p.id.as_str(),
            name: &p.names.en,
            name_ar: p.names.ar.as_deref(),
            kind: p.kind.as_str(),
            lon: p.lon,
            lat: p.lat,
            population: p.population.as_ref().map(|x| x.value),
            population_year: p.population.as_ref().and_then(|x| x.year),
            region: p.region.as_ref().map(|r| r.as_str()),
        })
        .collect();
    let header = [
        "id",
        "name",
        "name_ar",
        "kind",
        "lon",
        "lat",
        "population",
        "region",
    ];
    output::emit(args.format, &header, &rows, |r| {
        vec![
            r.id.to_owned(),
            r.name.to_owned(),
            r.name_ar.unwrap_or_default().to_owned(),
            r.kind.to_owned(),
            r.lon.to_string(),
            r.lat.to_string(),
            r.population.map(|p| p.to_string()).unwrap_or_default(),
            r.region.unwrap_or_default().to_owned(),
        ]
    })
}

#[derive(Serialize)]
struct PartyRow<'a> {
    id: &'a str,
    name: &'a str,
    name_ar: Option<&'a str>,
    colour: String,
    kind: &'a str,
    parent: Option<&'a str>,
    successor_of: Vec<&'a str>,
    valid_from: Option<String>,
    valid_until: Option<String>,
    since: Option<String>,
}

pub(crate) fn parties(settings: &Settings, args: &ListArgs) -> Result<()> {
    let store = super::open_existing(settings)?;
    let parties: Vec<Party> = store.parties()?;
    let rows: Vec<PartyRow<'_>> = parties
        .iter()
        .map(|p| PartyRow {
            id: p.id.as_str(),
            name: &p.names.en,
            name_ar: p.names.ar.as_deref(),
            colour: p.colour.to_string(),
            kind: p.kind.as_str(),
            parent: p.parent.as_ref().map(|x| x.as_str()),
            successor_of: p.successor_of.iter().map(|x| x.as_str()).collect(),
            valid_from: p.valid_from.map(|d| d.to_string()),
            valid_until: p.valid_until.map(|d| d.to_string()),
            since: p.since.map(|d| d.to_string()),
        })
        .collect();
    let header = [
        "id",
        "name",
        "colour",
        "kind",
        "parent",
        "valid_from",
        "valid_until",
        "since",
    ];
    output::emit(args.format, &header, &rows, |r| {
        vec![
            r.id.to_owned(),
            r.name.to_owned(),
            r.colour.clone(),
            r.kind.to_owned(),
            r.parent.unwrap_or_default().to_owned(),
            r.valid_from.clone().unwrap_or_default(),
            r.valid_until.clone().unwrap_or_default(),
            r.since.clone().unwrap_or_default(),
        ]
    })
}
