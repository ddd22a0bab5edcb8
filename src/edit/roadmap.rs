//! Edits to the roadmap's metrics and milestones. Each changes a copy of
//! the roadmap, which [`super::Transaction`] checks and keeps only if it
//! holds together.

use super::EditError;
use crate::model::{Metric, Milestone, Roadmap};

pub(super) fn add_metric(roadmap: &mut Roadmap, metric: Metric) -> Result<(), EditError> {
    if roadmap.metric(metric.id).is_some() {
        return Err(EditError::Duplicate(format!("metric {}", metric.id)));
    }
    roadmap.metrics.push(metric);
    Ok(())
}

pub(super) fn update_metric(roadmap: &mut Roadmap, metric: Metric) -> Result<(), EditError> {
    let slot = roadmap
        .metrics
        .iter_mut()
        .find(|m| m.id == metric.id)
        .ok_or_else(|| EditError::Missing("the metric".into()))?;
    *slot = metric;
    Ok(())
}

/// Removes the metric and every milestone's target for it.
pub(super) fn delete_metric(
    roadmap: &mut Roadmap,
    id: crate::model::MetricId,
) -> Result<(), EditError> {
    let before = roadmap.metrics.len();
    roadmap.metrics.retain(|m| m.id != id);
    if roadmap.metrics.len() == before {
        return Err(EditError::Missing("the metric".into()));
    }
    for milestone in &mut roadmap.milestones {
        milestone.targets.retain(|t| t.metric != id);
    }
    Ok(())
}

/// Adds a milestone in year order; one milestone a year.
pub(super) fn add_milestone(roadmap: &mut Roadmap, milestone: Milestone) -> Result<(), EditError> {
    if roadmap.milestones.iter().any(|m| m.year == milestone.year) {
        return Err(EditError::Duplicate(format!(
            "the {} milestone",
            milestone.year
        )));
    }
    let at = roadmap
        .milestones
        .partition_point(|m| m.year < milestone.year);
    roadmap.milestones.insert(at, milestone);
    Ok(())
}

pub(super) fn update_milestone(
    roadmap: &mut Roadmap,
    milestone: Milestone,
) -> Result<(), EditError> {
    let slot = roadmap
        .milestones
        .iter_mut()
        .find(|m| m.year == milestone.year)
        .ok_or_else(|| EditError::Missing(format!("the {} milestone", milestone.year)))?;
    *slot = milestone;
    Ok(())
}

pub(super) fn delete_milestone(roadmap: &mut Roadmap, year: i32) -> Result<(), EditError> {
    let before = roadmap.milestones.len();
    roadmap.milestones.retain(|m| m.year != year);
    if roadmap.milestones.len() == before {
        return Err(EditError::Missing(format!("the {year} milestone")));
    }
    Ok(())
}
