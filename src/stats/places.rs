//! `places`: the run's linked places with their points, one row per entity, most widely named first.
//!
//! A separate pass over `entities`, reading only the rows with a point, so that a run made before linking
//! existed (no `latitude` column) or with `--no-linking` gives an empty table rather than an error. One row
//! per entity and place (`kb_id`): its most frequent canonical name, its country and point. The entity is the
//! dump-level `global_id` (itself derived from the place's `kb_id`), or the article-level `entity_id` for a run
//! made with `--no-identity`, where one id may have two rows ("Washington" the city and the state).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use polars::prelude::DataType;

use super::articles::Articles;
use super::input::{for_each_row_group, has_column};
use super::output::PlaceRow;
use crate::error::Result;

struct Place {
    names: Vec<(Arc<str>, u64)>,
    country: Option<Arc<str>>,
    lat: f64,
    lon: f64,
    articles: u64,
}

/// The `places` rows of the `entities` tables in `files`, joined to the `ok` `articles`.
pub(crate) fn read(files: &[PathBuf], articles: &Articles) -> Result<Vec<PlaceRow>> {
    if !has_column(files, "latitude")? {
        return Ok(Vec::new());
    }
    // `global_id` is null in a run made with `--no-identity`, and absent from runs older than it.
    let global = has_column(files, "global_id")?;
    let mut columns = vec![
        ("article_id", DataType::String),
        ("entity_id", DataType::String),
        ("name", DataType::String),
        ("country_code", DataType::String),
        ("latitude", DataType::Float64),
        ("longitude", DataType::Float64),
        ("kb_id", DataType::String),
    ];
    if global {
        columns.push(("global_id", DataType::String));
    }
    // Keyed by entity and place: one entity ("Washington") can name the city in one article and the state in
    // another (dump-level identity decides per name, not per article), and both belong on the map.
    let mut places: HashMap<(Arc<str>, Option<Arc<str>>), Place> = HashMap::new();
    for_each_row_group(files, &columns, |group| {
        let rows = group
            .str(0)?
            .iter()
            .zip(group.str(1)?.iter())
            .zip(group.str(2)?.iter().zip(group.str(3)?.iter()))
            .zip(group.f64(4)?.iter().zip(group.f64(5)?.iter()))
            .zip(group.str(6)?.iter());
        let globals: Vec<Option<&str>> = if global { group.str(7)?.iter().collect() } else { Vec::new() };
        for (row, ((((article, id), (name, country)), (lat, lon)), kb)) in rows.enumerate() {
            let id = globals.get(row).copied().flatten().or(id);
            let (Some(_), Some(id), Some(lat), Some(lon)) = (article.and_then(|a| articles.number(a)), id, lat, lon)
            else {
                continue;
            };
            let place = places.entry((Arc::from(id), kb.map(Arc::from))).or_insert_with(|| Place {
                names: Vec::new(),
                country: country.map(Arc::from),
                lat,
                lon,
                articles: 0,
            });
            place.articles += 1;
            let name = name.unwrap_or("");
            match place.names.iter_mut().find(|(n, _)| &**n == name) {
                Some((_, k)) => *k += 1,
                None => place.names.push((Arc::from(name), 1)),
            }
        }
        Ok(())
    })?;
    let mut rows: Vec<PlaceRow> = places
        .into_iter()
        .map(|((id, _), p)| PlaceRow {
            name: p
                .names
                .iter()
                .min_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)))
                .map(|(n, _)| n.clone())
                .unwrap_or_else(|| Arc::from("")),
            global_id: id,
            country: p.country,
            lat: p.lat,
            lon: p.lon,
            articles: p.articles as i64,
        })
        .collect();
    rows.sort_by(|a, b| {
        b.articles.cmp(&a.articles).then_with(|| a.global_id.cmp(&b.global_id)).then_with(|| a.lat.total_cmp(&b.lat))
    });
    Ok(rows)
}
