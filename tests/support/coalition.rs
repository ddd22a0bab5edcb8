//! Coalitions built record by record, for tests whose figures are counted
//! by hand: stakeholders, commitments, metrics with targets and pledges.

use chrono::NaiveDate;
use flywheel::model::{
    Category, Commitment, CommitmentKind, Metric, MetricId, MetricKind, MetricTarget, Milestone,
    Quantity, Segment, Stakeholder, StakeholderId, Workspace,
};

/// A stakeholder with the scores given; returns its id.
pub fn add_stakeholder(
    ws: &mut Workspace,
    name: &str,
    category: Category,
    influence: u8,
    support: i8,
) -> StakeholderId {
    let mut s = Stakeholder::new(name, category);
    s.influence = influence;
    s.support = support;
    let id = s.id;
    ws.stakeholders.push(s);
    id
}

/// A commitment of `kind` by `who`, announced on `made`; returns its place.
pub fn commit(
    ws: &mut Workspace,
    who: StakeholderId,
    kind: CommitmentKind,
    made: NaiveDate,
) -> usize {
    let title = format!("{kind} {}", ws.commitments.len());
    ws.commitments.push(Commitment::new(who, kind, title, made));
    ws.commitments.len() - 1
}

/// A roadmap metric of `segment` whose pledges add up; returns its id.
pub fn add_metric(ws: &mut Workspace, name: &str, unit: &str, segment: Segment) -> MetricId {
    let id = MetricId::new_random();
    ws.roadmap.metrics.push(Metric {
        id,
        name: name.into(),
        unit: unit.into(),
        kind: MetricKind::Additive,
        description: String::new(),
        segment: Some(segment),
    });
    id
}

/// Sets `metric`'s target at the milestone of `year`, adding the milestone
/// (in year order) if the roadmap has none.
pub fn set_target(ws: &mut Workspace, year: i32, metric: MetricId, value: f64) {
    let milestones = &mut ws.roadmap.milestones;
    let at = match milestones.iter().position(|m| m.year == year) {
        Some(at) => at,
        None => {
            let at = milestones.partition_point(|m| m.year < year);
            milestones.insert(
                at,
                Milestone {
                    year,
                    summary: String::new(),
                    targets: Vec::new(),
                },
            );
            at
        }
    };
    milestones[at].targets.push(MetricTarget { metric, value });
}

/// A pledge of `value` in `metric`'s unit towards it, by `who` as a
/// commitment of `kind` made on `made`, due by every milestone; returns
/// its place.
pub fn pledge(
    ws: &mut Workspace,
    who: StakeholderId,
    kind: CommitmentKind,
    made: NaiveDate,
    metric: MetricId,
    value: f64,
) -> usize {
    let unit = ws.roadmap.metric(metric).expect("a metric").unit.clone();
    pledge_in(ws, who, kind, made, metric, value, &unit, None)
}

/// A pledge as [`pledge`] makes it, in `unit` and due by `target_year`.
#[allow(clippy::too_many_arguments)]
pub fn pledge_in(
    ws: &mut Workspace,
    who: StakeholderId,
    kind: CommitmentKind,
    made: NaiveDate,
    metric: MetricId,
    value: f64,
    unit: &str,
    target_year: Option<i32>,
) -> usize {
    let at = commit(ws, who, kind, made);
    let c = &mut ws.commitments[at];
    c.metric = Some(metric);
    c.quantity = Some(Quantity {
        value,
        unit: unit.into(),
    });
    c.target_year = target_year;
    at
}
