//! The merge engine: the workspace's own fields, then each list of records
//! by id (mine, theirs and the base), then what goes with contested
//! deletions, then references made valid. Fields are merged by
//! [`super::fields`], the changes theirs brought are listed by
//! [`super::changes`].

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use super::fields::{self, Fields, Masks, Spec, field_order, from_fields, to_fields};
use super::records::{Facts, HEAD_FIELDS, HEAD_SKIP, Record, Ref, head_redacted, index, shell};
use super::show::{self, Names};
use super::{
    CALLER_FIELDS, Conflict, ConflictKey, Dependent, Merge, RecordKind, Side, WHOLE_RECORD, apply,
    changes,
};
use crate::model::{
    Commitment, Metric, Milestone, Relationship, Roadmap, Stakeholder, StakeholderId, Workshop,
    Workspace,
};

/// [`super::merge`]: the merged workspace, what it took from theirs and
/// the conflicts.
pub(super) fn merge(base: Option<&Workspace>, mine: &Workspace, theirs: &Workspace) -> Merge {
    let mut cx = Cx::new(base, mine, theirs);
    let mut result = cx.merge_head();
    result.stakeholders = cx.merge_list::<Stakeholder>();
    let metrics = cx.merge_list::<Metric>();
    result.relationships = cx.merge_list::<Relationship>();
    result.commitments = cx.merge_list::<Commitment>();
    let milestones = cx.merge_list::<Milestone>();
    result.roadmap = Roadmap {
        metrics,
        milestones,
    };
    result.workshops = cx.merge_list::<Workshop>();
    cx.attach_dependents(&result);
    apply::drop_dangling(&mut result);
    let changes = changes::changes(mine, &result, &cx.names);
    Merge {
        result,
        changes,
        conflicts: cx.conflicts,
    }
}

/// The base's place in [`Cx::ids`]; mine's and theirs' are [`slot`]s.
const BASE: usize = 2;

/// Mine's or theirs' place in the pairs and triples of [`Cx`].
fn slot(side: Side) -> usize {
    match side {
        Side::Mine => 0,
        Side::Theirs => 1,
    }
}

/// Everything the merge of one pair of copies keeps track of.
struct Cx<'a> {
    base: Option<&'a Workspace>,
    mine: &'a Workspace,
    theirs: &'a Workspace,
    /// Mine's and theirs'.
    facts: [Facts; 2],
    /// Stakeholder and metric ids of mine, theirs and the base, to tell
    /// what a side deleted.
    ids: [HashSet<Uuid>; 3],
    /// What mine's and theirs' new or changed records refer to, among the
    /// stakeholders and metrics the other side deleted.
    used: [HashSet<Ref>; 2],
    /// Stakeholders and metrics whose deletion by mine, or theirs, is a
    /// conflict.
    contested: [HashSet<Ref>; 2],
    /// Those conflicts, which list what goes with the record.
    needs_dependents: Vec<(usize, Ref)>,
    conflicts: Vec<Conflict>,
    names: Names,
}

impl<'a> Cx<'a> {
    fn new(base: Option<&'a Workspace>, mine: &'a Workspace, theirs: &'a Workspace) -> Self {
        let ids_of = |ws: &Workspace| -> HashSet<Uuid> {
            let stakeholders = ws.stakeholders.iter().map(|s| s.id.0);
            stakeholders
                .chain(ws.roadmap.metrics.iter().map(|m| m.id.0))
                .collect()
        };
        let ids = match base {
            Some(base) => [ids_of(mine), ids_of(theirs), ids_of(base)],
            None => Default::default(),
        };
        let mut cx = Cx {
            base,
            mine,
            theirs,
            facts: [
                Facts::of(
                    mine,
                    &[Some(theirs), base]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>(),
                ),
                Facts::of(
                    theirs,
                    &[Some(mine), base].into_iter().flatten().collect::<Vec<_>>(),
                ),
            ],
            ids,
            used: Default::default(),
            contested: Default::default(),
            needs_dependents: Vec::new(),
            conflicts: Vec::new(),
            names: Names::of(&[Some(mine), Some(theirs), base]),
        };
        if let Some(base) = base {
            for side in [Side::Mine, Side::Theirs] {
                let other = &cx.ids[slot(side.other())];
                if cx.ids[BASE].iter().all(|id| other.contains(id)) {
                    // The other side deleted no stakeholder or metric.
                    continue;
                }
                let ws = cx.side(side);
                let mut used = HashSet::new();
                cx.collect_used::<Relationship>(base, ws, side, &mut used);
                cx.collect_used::<Commitment>(base, ws, side, &mut used);
                cx.collect_used::<Workshop>(base, ws, side, &mut used);
                cx.collect_used::<Milestone>(base, ws, side, &mut used);
                cx.used[slot(side)] = used;
            }
        }
        cx
    }

    fn side(&self, side: Side) -> &'a Workspace {
        match side {
            Side::Mine => self.mine,
            Side::Theirs => self.theirs,
        }
    }

    /// Whether `side` deleted the stakeholder or metric `id` (written as
    /// in a file).
    fn deleted(&self, side: Side, id: &str) -> bool {
        self.base.is_some()
            && Uuid::parse_str(id)
                .is_ok_and(|id| self.ids[BASE].contains(&id) && !self.ids[slot(side)].contains(&id))
    }

    fn deleted_ref(&self, side: Side, target: Ref) -> bool {
        let id = match target {
            Ref::Stakeholder(id) => id.0,
            Ref::Metric(id) => id.0,
        };
        self.ids[BASE].contains(&id) && !self.ids[slot(side)].contains(&id)
    }

    /// Adds to `used` what `side`'s new or changed records of kind `R`
    /// refer to, among the records the other side deleted.
    fn collect_used<R: Record>(
        &self,
        base: &Workspace,
        ws: &Workspace,
        side: Side,
        used: &mut HashSet<Ref>,
    ) {
        let base_index = index(R::list(base));
        let mut refs = Vec::new();
        for record in R::list(ws) {
            let changed = match base_index.get(&record.id()) {
                None => true,
                Some(b) => self.changed(record, b, side),
            };
            if changed {
                refs.clear();
                record.refs(&mut refs);
                let deleted = refs.iter().filter(|r| self.deleted_ref(side.other(), **r));
                used.extend(deleted);
            }
        }
    }

    /// Whether `side` changed `record` from `base`, leaving aside what a
    /// share copy redacted.
    fn changed<R: Record>(&self, record: &R, base: &R, side: Side) -> bool {
        if record == base {
            return false;
        }
        let facts = &self.facts[slot(side)];
        let Some(removed) = facts.removed else {
            return true;
        };
        let masked = record.redacted(removed, facts);
        if masked.is_empty() {
            return true;
        }
        let (Some(now), Some(before)) = (to_fields(record), to_fields(base)) else {
            return true;
        };
        let differs = |a: &Fields, b: &Fields| {
            a.iter()
                .any(|(k, v)| !masked.contains(&k.as_str()) && b.get(k) != Some(v))
        };
        differs(&now, &before) || differs(&before, &now)
    }

    fn masks<R: Record>(&self, mine: &R, theirs: &R) -> Masks {
        let of = |record: &R, facts: &Facts| {
            facts
                .removed
                .map(|removed| record.redacted(removed, facts))
                .unwrap_or_default()
        };
        Masks {
            mine: of(mine, &self.facts[0]),
            theirs: of(theirs, &self.facts[1]),
        }
    }

    /// The workspace's own fields, merged; a workspace with no records.
    fn merge_head(&mut self) -> Workspace {
        let mine = shell(self.mine);
        let theirs = shell(self.theirs);
        if mine == theirs {
            return mine;
        }
        let base = self.base.map(shell);
        let (Some(mine_fields), Some(theirs_fields)) = (to_fields(&mine), to_fields(&theirs))
        else {
            return mine;
        };
        let base_fields = base.as_ref().and_then(to_fields);
        let skip: Vec<&str> = HEAD_SKIP.iter().chain(CALLER_FIELDS).copied().collect();
        let spec = Spec {
            fields: HEAD_FIELDS,
            skip: &skip,
            groups: Vec::new(),
            history: None,
            references: &[],
        };
        let masks = Masks {
            mine: self.facts[0].removed.map(head_redacted).unwrap_or_default(),
            theirs: self.facts[1].removed.map(head_redacted).unwrap_or_default(),
        };
        let merged = fields::merge_fields(
            &spec,
            base_fields.as_ref(),
            &mine_fields,
            &theirs_fields,
            &masks,
            &|_, _| false,
        );
        match from_fields::<Workspace>(merged.mine) {
            Ok(head) => {
                for conflict in merged.conflicts {
                    let name = head.title.clone();
                    self.push_field(RecordKind::Workspace, String::new(), name, None, conflict);
                }
                head
            }
            // Only a value serde cannot carry (a NaN tipping point) gets here.
            Err(_) => mine,
        }
    }

    /// One list merged by id: mine's order, then theirs' additions.
    fn merge_list<R: Record>(&mut self) -> Vec<R> {
        let mine = R::list(self.mine);
        let theirs = R::list(self.theirs);
        let base_index = self.base.map(|b| index(R::list(b))).unwrap_or_default();
        let mine_index = index(mine);
        let theirs_index = index(theirs);
        let mut merged = Vec::with_capacity(mine.len().max(theirs.len()));
        let mut seen = HashSet::with_capacity(mine.len() + theirs.len() / 100);
        let theirs_added = theirs.iter().filter(|r| !mine_index.contains_key(&r.id()));
        for record in mine.iter().chain(theirs_added) {
            let id = record.id();
            if !seen.insert(id) {
                continue;
            }
            let base = base_index.get(&id).copied();
            let kept = match (mine_index.get(&id), theirs_index.get(&id), base) {
                (Some(m), Some(t), _) => Some(self.both(base, m, t)),
                (Some(m), None, Some(b)) => self.deleted_on_one(b, m, Side::Mine),
                (None, Some(t), Some(b)) => self.deleted_on_one(b, t, Side::Theirs),
                (Some(m), None, None) => Some((*m).clone()),
                (None, Some(t), None) => Some((*t).clone()),
                (None, None, _) => None,
            };
            merged.extend(kept);
        }
        R::tidy(&mut merged);
        merged
    }

    /// A record `keeper` has and the other side deleted.
    fn deleted_on_one<R: Record>(&mut self, base: &R, kept: &R, keeper: Side) -> Option<R> {
        let deleter = keeper.other();
        let edited = self.changed(kept, base, keeper);
        let target = kept.as_ref_target();
        let used = target.is_some_and(|t| self.used[slot(keeper)].contains(&t));
        if !edited && !used {
            // Deleted with a stakeholder whose deletion is in question: it
            // stays for now and goes with it (see `drop_dangling`).
            let mut refs = Vec::new();
            kept.refs(&mut refs);
            let follows = R::GOES_WITH_STAKEHOLDER
                && refs.iter().any(|r| {
                    matches!(r, Ref::Stakeholder(_)) && self.contested[slot(deleter)].contains(r)
                });
            return follows.then(|| kept.clone());
        }
        let how = if edited { "edited" } else { "still used" };
        let label = format!("Deleted in {}, {how} in {}", deleter.word(), keeper.word());
        let (mine, theirs) = match keeper {
            Side::Mine => (Some(kept), None),
            Side::Theirs => (None, Some(kept)),
        };
        let at = self.push_whole(Some(base), mine, theirs, label, kept);
        if let Some(target) = target {
            self.contested[slot(deleter)].insert(target);
            self.needs_dependents.push((at, target));
        }
        (keeper == Side::Mine).then(|| kept.clone())
    }

    /// A record both sides have: merged field by field unless one side
    /// left it alone.
    fn both<R: Record>(&mut self, base: Option<&R>, mine: &R, theirs: &R) -> R {
        if mine == theirs {
            return mine.clone();
        }
        // One side left it alone: the other's record, unless that is a
        // share copy's (with redactions) or points at something the side
        // that left it alone deleted (a conflict, found field by field).
        let plainly_taken = |side: Side, record: &R| {
            let mut refs = Vec::new();
            if !R::REFERENCES.is_empty() {
                record.refs(&mut refs);
            }
            self.facts[slot(side)].removed.is_none()
                && !refs.iter().any(|r| self.deleted_ref(side.other(), *r))
        };
        if let Some(base) = base {
            if mine == base && plainly_taken(Side::Theirs, theirs) {
                return theirs.clone();
            }
            if theirs == base && plainly_taken(Side::Mine, mine) {
                return mine.clone();
            }
        }
        let edited_label = if base.is_some() {
            "Edited differently in mine and theirs"
        } else {
            "Added in both, differently"
        };
        let base_fields = base.map(to_fields);
        let (Some(mine_fields), Some(theirs_fields), None | Some(Some(_))) =
            (to_fields(mine), to_fields(theirs), &base_fields)
        else {
            self.push_whole(base, Some(mine), Some(theirs), edited_label.into(), mine);
            return mine.clone();
        };
        let versions: Vec<&R> = [base, Some(mine), Some(theirs)]
            .into_iter()
            .flatten()
            .collect();
        let spec = Spec {
            fields: R::FIELDS,
            skip: &[R::ID_FIELD],
            groups: R::groups(&versions),
            history: R::HISTORY,
            references: R::REFERENCES,
        };
        let merged = fields::merge_fields(
            &spec,
            base_fields.flatten().as_ref(),
            &mine_fields,
            &theirs_fields,
            &self.masks(mine, theirs),
            &|side, id| self.deleted(side, id),
        );
        let as_mine = from_fields::<R>(merged.mine);
        let as_theirs = from_fields::<R>(merged.theirs);
        match (as_mine, as_theirs) {
            (Ok(as_mine), Ok(as_theirs)) if as_mine.is_sound() && as_theirs.is_sound() => {
                for conflict in merged.conflicts {
                    let (id, name) = (as_mine.id().to_string(), as_mine.name());
                    self.push_field(R::KIND, id, name, as_mine.stakeholder(), conflict);
                }
                as_mine
            }
            // Edits that break an invariant together (or fields serde cannot
            // carry): one side's record or the other's, whole.
            _ => {
                self.push_whole(base, Some(mine), Some(theirs), edited_label.into(), mine);
                mine.clone()
            }
        }
    }

    fn push_field(
        &mut self,
        kind: RecordKind,
        id: String,
        record_name: String,
        stakeholder: Option<StakeholderId>,
        conflict: fields::FieldConflict,
    ) {
        let text =
            |value: &Option<Value>| show::text(kind, &conflict.field, value.as_ref(), &self.names);
        let (base_text, mine_text, theirs_text) = (
            text(&conflict.base),
            text(&conflict.mine),
            text(&conflict.theirs),
        );
        self.conflicts.push(Conflict {
            key: ConflictKey {
                kind,
                id,
                field: conflict.field,
            },
            label: conflict.label,
            record_name,
            stakeholder,
            base: conflict.base,
            mine: conflict.mine,
            theirs: conflict.theirs,
            base_text,
            mine_text,
            theirs_text,
            dependents: Vec::new(),
        });
    }

    /// A conflict over a whole record; returns its position.
    fn push_whole<R: Record>(
        &mut self,
        base: Option<&R>,
        mine: Option<&R>,
        theirs: Option<&R>,
        label: String,
        record: &R,
    ) -> usize {
        let value = |r: Option<&R>| r.and_then(|r| serde_json::to_value(r).ok());
        let text = |r: Option<&R>| match (r, base) {
            (None, Some(_)) => "Deleted".to_string(),
            (None, None) => "not there".to_string(),
            (Some(r), Some(b)) if r == b => "Unchanged".to_string(),
            (Some(r), Some(b)) => format!("Edited: {}", edited_fields(b, r)),
            (Some(r), None) => format!("Added as “{}”", r.name()),
        };
        self.conflicts.push(Conflict {
            key: ConflictKey {
                kind: R::KIND,
                id: record.id().to_string(),
                field: WHOLE_RECORD.to_string(),
            },
            label,
            record_name: record.name(),
            stakeholder: record.stakeholder(),
            base: value(base),
            mine: value(mine),
            theirs: value(theirs),
            base_text: base.map_or_else(|| "not there".into(), |b| format!("“{}”", b.name())),
            mine_text: text(mine),
            theirs_text: text(theirs),
            dependents: Vec::new(),
        });
        self.conflicts.len() - 1
    }

    /// Lists, in each conflict over a deleted stakeholder or metric, what
    /// in the merge (before references are made valid) goes with it.
    fn attach_dependents(&mut self, ws: &Workspace) {
        if self.needs_dependents.is_empty() {
            return;
        }
        let mut wanted: HashMap<Ref, Vec<usize>> = HashMap::new();
        for (at, target) in &self.needs_dependents {
            wanted.entry(*target).or_default().push(*at);
        }
        let conflicts = &mut self.conflicts;
        let mut add = |target: Ref, dependent: &dyn Fn() -> Option<Dependent>| {
            for at in wanted.get(&target).into_iter().flatten() {
                if let (Some(conflict), Some(dependent)) = (conflicts.get_mut(*at), dependent()) {
                    conflict.dependents.push(dependent);
                }
            }
        };
        for r in &ws.relationships {
            let ends = if r.from == r.to {
                vec![r.from]
            } else {
                vec![r.from, r.to]
            };
            for end in ends {
                add(Ref::Stakeholder(end), &|| {
                    dependent_record(RecordKind::Relationship, r)
                });
            }
        }
        for c in &ws.commitments {
            add(Ref::Stakeholder(c.stakeholder), &|| {
                dependent_record(RecordKind::Commitment, c)
            });
            if let Some(metric) = c.metric {
                add(Ref::Metric(metric), &|| {
                    Some(Dependent::MetricLink { commitment: c.id })
                });
            }
        }
        for w in &ws.workshops {
            let mut attendees: Vec<_> = w.attendees.clone();
            attendees.sort_unstable();
            attendees.dedup();
            for a in attendees {
                add(Ref::Stakeholder(a), &|| {
                    Some(Dependent::Attendee {
                        workshop: w.id,
                        attendees: w.attendees.clone(),
                    })
                });
            }
        }
        for m in &ws.roadmap.milestones {
            for t in &m.targets {
                add(Ref::Metric(t.metric), &|| {
                    Some(Dependent::Target {
                        year: m.year,
                        value: t.value,
                    })
                });
            }
        }
    }
}

/// A relationship or commitment as a [`Dependent`].
fn dependent_record<T: Serialize>(kind: RecordKind, record: &T) -> Option<Dependent> {
    serde_json::to_value(record)
        .ok()
        .map(|value| Dependent::Record { kind, value })
}

/// The labels of the fields that differ: "name, support".
fn edited_fields<R: Record>(before: &R, after: &R) -> String {
    let (Some(before), Some(after)) = (to_fields(before), to_fields(after)) else {
        return String::new();
    };
    let labels: Vec<String> = field_order(R::FIELDS, &[R::ID_FIELD], &[&before, &after])
        .into_iter()
        .filter(|(field, _)| before.get(field) != after.get(field))
        .map(|(_, label)| label.to_lowercase())
        .collect();
    labels.join(", ")
}
