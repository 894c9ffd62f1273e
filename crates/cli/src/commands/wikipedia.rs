//! `frontline import --format wikipedia-module FILE --date D`: a Wikipedia detailed-map
//! module as dated observations of places, matched to known places or created, all or
//! nothing (or, with `--skip-bad`, everything but the listed broken entries).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context as _, Result, bail};
use frontline_formats::{Defaults, MarkMapping, MatchRule, ModuleContext, ModuleImport};
use frontline_model::{Catalog, Confidence, PartialDate, Party, PartyId, Source, Stance};
use frontline_store::Store;

use crate::cli::ImportArgs;
use crate::import::{ImportReport, Input, RecordTimes, import};
use crate::settings::Settings;

/// The confidence of every observation read from a module: low. A module is a
/// crowd-edited aggregate whose marks carry no date and no source of their own; a mark
/// may be weeks stale, and the module's own rules let it lag behind events. It is good
/// evidence of the broad picture on its revision's date, not of any one place.
pub(crate) const CONFIDENCE: Confidence = Confidence::Low;

/// What the command prints.
pub(crate) struct Outcome {
    pub(crate) module: ModuleImport,
    pub(crate) report: ImportReport,
}

pub(crate) fn run(
    store: &mut dyn Store,
    settings: &Settings,
    args: &ImportArgs,
    file: &Path,
) -> Result<Outcome> {
    let day = args
        .date
        .context("--format wikipedia-module needs --date: the day the module's marks describe")?;
    let date = PartialDate::day(day);
    let mapping = match &args.mapping {
        Some(path) => MarkMapping::from_file(path)?,
        None => MarkMapping::syria(),
    };
    let conflict = store
        .conflict()?
        .context("the database holds no conflict yet; run `frontline init` first")?;
    let mut catalog = Catalog::new(Some(&conflict), settings.today());
    let places = store.places()?;
    let mut versions: HashMap<PartyId, Vec<Party>> = HashMap::new();
    for p in store.parties()? {
        catalog.admit_party(p.clone());
        versions.entry(p.id.clone()).or_default().push(p);
    }
    let exists = |id: &PartyId, on: PartialDate| {
        versions
            .get(id)
            .is_some_and(|v| v.iter().any(|p| p.exists_during(on)))
    };
    let check_place = |p: &frontline_model::Place| catalog.check_place(p);
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let source = Source {
        publisher: "Wikipedia".to_owned(),
        title: format!("Detailed-map module {name}, revision of {day}"),
        url: args.source_url.clone(),
        published: Some(date),
        stance: Stance::Neutral,
    };
    let context = ModuleContext {
        date,
        source,
        confidence: CONFIDENCE,
        defaults: Defaults {
            recorded_at: settings.now,
            recorded_by: settings.user.clone(),
        },
        places: &places,
        exists: &exists,
        check_place: &check_place,
    };
    let module = frontline_formats::read_module(file, &mapping, &context)?;
    if !module.broken.is_empty() && !args.skip_bad {
        let mut text = format!(
            "{}: {} broken entr{}; nothing imported (pass --skip-bad to import the rest):",
            file.display(),
            module.broken.len(),
            if module.broken.len() == 1 { "y" } else { "ies" }
        );
        for b in &module.broken {
            let _ = write!(text, "\n  line {}: {}", b.line, b.reason);
        }
        bail!("{text}");
    }
    let observations = module
        .records
        .iter()
        .filter(|l| matches!(l.record, frontline_formats::Record::Observation(_)))
        .count();
    if observations == 0 && !module.broken.is_empty() {
        let missing: Vec<String> = mapping
            .parties()
            .into_iter()
            .filter(|p| !versions.contains_key(p))
            .map(String::from)
            .collect();
        let hint = if missing.is_empty() {
            module.broken.first().map_or_else(String::new, |b| {
                format!("; the first: line {}: {}", b.line, b.reason)
            })
        } else {
            format!(
                "; the mark table names parties this database does not have ({}): create them first (a parties file with these ids, `frontline import parties.csv`), or pass --mapping with a mark table that uses your parties' ids",
                missing.join(", ")
            )
        };
        bail!(
            "{}: none of the module's {} control marks could be imported{hint}; nothing imported",
            file.display(),
            module.broken.len()
        );
    }
    let input = Input::Records {
        name: file.to_owned(),
        records: module.records.clone(),
    };
    let report = import(store, &[input], settings, RecordTimes::Now)?;
    Ok(Outcome { module, report })
}

/// The report: counts, then every matched, created, skipped and ignored line (created
/// places have ids `wp-<name>-<lat>-<lon>`).
pub(crate) fn report(outcome: &Outcome, skip_bad: bool) -> String {
    let m = &outcome.module;
    let by_name = m
        .matched
        .iter()
        .filter(|x| x.rule == MatchRule::Name)
        .count();
    let mut text = format!(
        "imported {} new records ({} observations, {} places); {} already stored\n\
         marks: {} matched to known places ({} by name, {} by distance), {} new places, {} not control marks, {} {}\n\
         parties: {}\n",
        outcome.report.added.total(),
        outcome.report.added.observations,
        outcome.report.added.places,
        outcome.report.unchanged.total(),
        m.matched.len(),
        by_name,
        m.matched.len() - by_name,
        m.created.len(),
        m.ignored.len(),
        m.broken.len(),
        if skip_bad { "skipped" } else { "broken" },
        m.parties
            .iter()
            .map(PartyId::as_str)
            .collect::<Vec<_>>()
            .join(", "),
    );
    for x in &m.matched {
        let rule = match x.rule {
            MatchRule::Name => "name",
            MatchRule::Distance => "distance",
        };
        let _ = writeln!(
            text,
            "matched line {}: {:?} -> {} (by {rule}, {:.2} km)",
            x.line, x.label, x.place, x.km
        );
    }
    for (line, id) in &m.created {
        let _ = writeln!(text, "created line {line}: {id}");
    }
    for b in &m.broken {
        let _ = writeln!(text, "skipped line {}: {}", b.line, b.reason);
    }
    for (line, why) in &m.ignored {
        let _ = writeln!(text, "ignored line {line}: {why}");
    }
    text
}
