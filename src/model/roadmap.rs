use serde::{Deserialize, Serialize};

use super::ids::MetricId;
use super::labels::labelled_enum;

/// First and last year a milestone may have; milestones fall on multiples of
/// [`MILESTONE_STEP_YEARS`].
pub const MILESTONE_YEARS: std::ops::RangeInclusive<i32> = 2020..=2100;
/// Roadmaps move in 5-year increments.
pub const MILESTONE_STEP_YEARS: i32 = 5;

labelled_enum! {
    /// How the pledges linked to a metric combine.
    pub enum MetricKind {
        /// Each pledge is a quantity of its own (Mt/yr, plants, EUR bn):
        /// pledges add up towards the target.
        Additive => "Add up",
        /// Each pledge is one stakeholder's own rate (%, tCO2e/t, share of
        /// fleet): pledges are never added; each stands against the target.
        Rate => "Each stakeholder's own rate",
    }
}

impl MetricKind {
    /// The kind a metric of `unit` most likely has, for files and new
    /// metrics that do not say: percentages, shares, intensities and
    /// anything "per" something other than time are rates; the rest
    /// (Mt/yr, #, GW, EUR bn) adds up.
    pub fn from_unit(unit: &str) -> Self {
        let unit = unit.to_lowercase();
        let words = ["%", "percent", "share", "intensity", "factor"];
        if words.iter().any(|w| unit.contains(w)) || unit.split_whitespace().any(|w| w == "per") {
            return Self::Rate;
        }
        // "Mt/yr" is a quantity a year; "tCO2e/t" is a rate.
        const PER_TIME: [&str; 9] = ["yr", "year", "a", "y", "annum", "month", "day", "d", "h"];
        let per_other = unit
            .split('/')
            .skip(1)
            .any(|below| !PER_TIME.contains(&below.trim()));
        if per_other {
            Self::Rate
        } else {
            Self::Additive
        }
    }

    /// A sentence for the hover text of the kind's picker.
    pub fn explanation(self) -> &'static str {
        match self {
            Self::Additive => {
                "Each pledge is a quantity of its own (Mt/yr, plants, EUR bn): \
                 pledges add up towards the target."
            }
            Self::Rate => {
                "Each pledge is one stakeholder's own rate (%, tCO2e/t, share of fleet): \
                 pledges are never added up; each stakeholder's rate is shown against the \
                 target, with how many pledge and the median."
            }
        }
    }
}

labelled_enum! {
    /// A part of the coalition's flywheel: buyers' demand signals let
    /// producers invest, banks and investors finance the projects, and
    /// governments set the policy that de-risks it all.
    pub enum Segment {
        /// Procurement pledges and offtake agreements, mostly from buyers.
        Demand => "Demand",
        /// Projects and capacity from industry and its suppliers.
        Supply => "Supply",
        /// Financing from banks and investors.
        Finance => "Finance",
        /// Policy from governments.
        Policy => "Policy",
    }
}

/// Something the coalition measures, such as "Near-zero primary steel" in
/// "Mt/yr". Milestones set a target for it; commitments can pledge towards it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub id: MetricId,
    pub name: String,
    pub unit: String,
    /// How its pledges combine; format 1 files had no kind (see
    /// [`MetricKind::from_unit`]).
    pub kind: MetricKind,
    #[serde(default)]
    pub description: String,
    /// The part of the flywheel this metric measures, if any (format 5 on):
    /// its targets are that segment's. Not written when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<Segment>,
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

#[cfg(test)]
mod tests {
    use super::MetricKind::{self, Additive, Rate};

    #[test]
    fn the_kind_follows_the_unit() {
        for (unit, kind) in [
            ("%", Rate),
            ("tCO2e/t crude steel", Rate),
            ("kgCO2/t cement", Rate),
            ("gCO2/RTK", Rate),
            ("share of fleet", Rate),
            ("t CO2 per t", Rate),
            ("Mt/yr", Additive),
            ("kt / year", Additive),
            ("Mt", Additive),
            ("#", Additive),
            ("GW", Additive),
            ("EUR bn", Additive),
        ] {
            assert_eq!(MetricKind::from_unit(unit), kind, "{unit}");
        }
    }
}
