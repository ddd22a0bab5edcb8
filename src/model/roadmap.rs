use serde::{Deserialize, Serialize};

use super::ids::MetricId;

/// First and last year a milestone may have; milestones fall on multiples of
/// [`MILESTONE_STEP_YEARS`].
pub const MILESTONE_YEARS: std::ops::RangeInclusive<i32> = 2020..=2100;
/// Roadmaps move in 5-year increments.
pub const MILESTONE_STEP_YEARS: i32 = 5;

/// Something the coalition measures, such as "Near-zero primary steel" in
/// "Mt/yr". Milestones set a target for it; commitments can pledge towards it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub id: MetricId,
    pub name: String,
    pub unit: String,
    #[serde(default)]
    pub description: String,
}

/// The value a metric should reach by a milestone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricTarget {
    pub metric: MetricId,
    pub value: f64,
}

/// A point on the roadmap: where the sector should be by `year`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub year: i32,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub targets: Vec<MetricTarget>,
}

/// The sector's roadmap: its metrics and the milestones that set their
/// targets, in 5-year steps.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roadmap {
    #[serde(default)]
    pub metrics: Vec<Metric>,
    /// Sorted by year.
    #[serde(default)]
    pub milestones: Vec<Milestone>,
}

impl Roadmap {
    pub fn metric(&self, id: MetricId) -> Option<&Metric> {
        self.metrics.iter().find(|metric| metric.id == id)
    }

    /// The target set for `metric` by the milestone of `year`.
    pub fn target(&self, year: i32, metric: MetricId) -> Option<f64> {
        self.milestones
            .iter()
            .find(|milestone| milestone.year == year)?
            .targets
            .iter()
            .find(|target| target.metric == metric)
            .map(|target| target.value)
    }
}
