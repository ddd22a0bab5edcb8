//! What a merge took from theirs, listed: the difference between mine and
//! the result, record by record and field by field (a history date by
//! date), with each value as a user reads it.

use std::collections::{BTreeSet, HashSet};

use serde_json::Value;

use super::fields::{self, Fields, field_order, to_fields};
use super::records::{HEAD_FIELDS, HEAD_SKIP, History, Record, index, shell};
use super::show::{self, Names};
use super::{CALLER_FIELDS, Change, ChangeKind, RecordKind};
use crate::model::{
    Commitment, Metric, Milestone, RecordRef, Relationship, Stakeholder, Workshop, Workspace,
};

/// What the result takes from theirs: mine → result.
pub(super) fn changes(mine: &Workspace, result: &Workspace, names: &Names) -> Vec<Change> {
    let mut changes = Vec::new();
    let (before, after) = (shell(mine), shell(result));
    if before != after
        && let (Some(before), Some(after)) = (to_fields(&before), to_fields(&after))
    {
        let skip: Vec<&str> = HEAD_SKIP.iter().chain(CALLER_FIELDS).copied().collect();
        let what = field_changes(
            RecordKind::Workspace,
            HEAD_FIELDS,
            &skip,
            None,
            &before,
            &after,
            names,
        );
        changes.extend(what.into_iter().map(|what| Change {
            kind: RecordKind::Workspace,
            id: String::new(),
            record: RecordRef::Workspace,
            stakeholder: None,
            what,
        }));
    }
    diff_list::<Stakeholder>(mine, result, names, &mut changes);
    diff_list::<Metric>(mine, result, names, &mut changes);
    diff_list::<Relationship>(mine, result, names, &mut changes);
    diff_list::<Commitment>(mine, result, names, &mut changes);
    diff_list::<Milestone>(mine, result, names, &mut changes);
    diff_list::<Workshop>(mine, result, names, &mut changes);
    changes
}

fn diff_list<R: Record>(
    mine: &Workspace,
    result: &Workspace,
    names: &Names,
    out: &mut Vec<Change>,
) {
    let mine_index = index(R::list(mine));
    let change = |record: &R, what| Change {
        kind: R::KIND,
        id: record.id().to_string(),
        record: record.record_ref(),
        stakeholder: record.stakeholder(),
        what,
    };
    let mut kept = HashSet::with_capacity(R::list(result).len());
    for record in R::list(result) {
        kept.insert(record.id());
        match mine_index.get(&record.id()) {
            None => out.push(change(record, ChangeKind::Added)),
            Some(before) if *before != record => {
                let (Some(before), Some(after)) = (to_fields(*before), to_fields(record)) else {
                    continue;
                };
                let skip = [R::ID_FIELD];
                let what = field_changes(
                    R::KIND,
                    R::FIELDS,
                    &skip,
                    R::HISTORY,
                    &before,
                    &after,
                    names,
                );
                out.extend(what.into_iter().map(|what| change(record, what)));
            }
            Some(_) => {}
        }
    }
    for record in R::list(mine) {
        if !kept.contains(&record.id()) {
            out.push(change(record, ChangeKind::Deleted));
        }
    }
}

/// The fields that differ between two versions of a record; a history
/// date by date.
fn field_changes(
    kind: RecordKind,
    listed: &[(&'static str, &'static str)],
    skip: &[&str],
    history: Option<History>,
    before: &Fields,
    after: &Fields,
    names: &Names,
) -> Vec<ChangeKind> {
    let mut out = Vec::new();
    for (field, label) in field_order(listed, skip, &[before, after]) {
        let (old, new) = (before.get(&field), after.get(&field));
        if old == new {
            continue;
        }
        let days = history
            .filter(|h| h.field == field)
            .and_then(|_| Some((fields::by_date(old)?, fields::by_date(new)?)));
        let Some((old_days, new_days)) = days else {
            out.push(ChangeKind::Changed {
                mine_text: show::text(kind, &field, old, names),
                merged_text: show::text(kind, &field, new, names),
                field,
                label,
            });
            continue;
        };
        let entry = history.map_or("Entry", |h| h.entry);
        let dates: BTreeSet<_> = old_days.keys().chain(new_days.keys()).collect();
        for date in dates {
            let (was, is) = (old_days.get(date), new_days.get(date));
            if was == is {
                continue;
            }
            let field = fields::date_field(&field, *date);
            let as_value =
                |day: Option<&Vec<Value>>| Value::Array(day.cloned().unwrap_or_default());
            out.push(ChangeKind::Changed {
                mine_text: show::text(kind, &field, Some(&as_value(was)), names),
                merged_text: show::text(kind, &field, Some(&as_value(is)), names),
                label: format!("{entry} on {date}"),
                field,
            });
        }
    }
    out
}
