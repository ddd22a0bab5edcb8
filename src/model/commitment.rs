use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::{CommitmentId, MetricId, StakeholderId, WorkshopId};
use super::labels::labelled_enum;

labelled_enum! {
    /// What a stakeholder has committed to.
    pub enum CommitmentKind {
        NetZeroTarget => "Net-zero target",
        InterimTarget => "Interim target",
        ProcurementPledge => "Procurement pledge",
        OfftakeAgreement => "Offtake agreement",
        Financing => "Financing",
        Policy => "Policy",
        Project => "Project",
        ResearchDevelopment => "R&D",
    }
}

labelled_enum! {
    /// Where a commitment stands.
    pub enum CommitmentStatus {
        Announced => "Announced",
        InProgress => "In progress",
        Achieved => "Achieved",
        AtRisk => "At risk",
        Withdrawn => "Withdrawn",
    }
}

impl CommitmentStatus {
    /// Announced, in progress or at risk: still a live promise.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            CommitmentStatus::Announced | CommitmentStatus::InProgress | CommitmentStatus::AtRisk
        )
    }
}

/// The day a commitment reached a status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub date: NaiveDate,
    pub status: CommitmentStatus,
}

/// An amount with its unit, such as 2.5 "Mt/yr" or 10 "%".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quantity {
    pub value: f64,
    pub unit: String,
}

/// A promise a stakeholder has made, and how it has firmed up or slipped.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    pub id: CommitmentId,
    pub stakeholder: StakeholderId,
    pub kind: CommitmentKind,
    pub title: String,
    /// The day the commitment was made public.
    pub made_on: NaiveDate,
    /// The year by which it is to be met, if it has one.
    #[serde(default)]
    pub target_year: Option<i32>,
    #[serde(default)]
    pub quantity: Option<Quantity>,
    /// The roadmap metric this commitment contributes to.
    #[serde(default)]
    pub metric: Option<MetricId>,
    /// Every change of status, oldest first; never empty, the last entry is
    /// the current status.
    pub status_history: Vec<StatusChange>,
    /// Where the commitment is evidenced: a link or a citation.
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub notes: String,
    /// Share copies and shared reports keep its kind, dates, statuses and
    /// target year, and leave out its title, quantity, metric, source and
    /// notes (see `exchange::share`).
    #[serde(default)]
    pub confidential: bool,
    /// The workshop it was captured during (format 5 on); not written when
    /// `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workshop: Option<WorkshopId>,
}

impl Commitment {
    /// A commitment announced on `made_on`.
    pub fn new(
        stakeholder: StakeholderId,
        kind: CommitmentKind,
        title: impl Into<String>,
        made_on: NaiveDate,
    ) -> Self {
        Self {
            id: CommitmentId::new_random(),
            stakeholder,
            kind,
            title: title.into(),
            made_on,
            target_year: None,
            quantity: None,
            metric: None,
            status_history: vec![StatusChange {
                date: made_on,
                status: CommitmentStatus::Announced,
            }],
            source: String::new(),
            notes: String::new(),
            confidential: false,
            workshop: None,
        }
    }

    /// The current status.
    pub fn status(&self) -> CommitmentStatus {
        self.status_history
            .last()
            .map_or(CommitmentStatus::Announced, |change| change.status)
    }

    /// The day of the latest status change.
    pub fn status_since(&self) -> NaiveDate {
        self.status_history
            .last()
            .map_or(self.made_on, |change| change.date)
    }

    /// The status on `date`, or `None` before the commitment was made.
    pub fn status_on(&self, date: NaiveDate) -> Option<CommitmentStatus> {
        self.status_history
            .iter()
            .take_while(|change| change.date <= date)
            .last()
            .map(|change| change.status)
    }

    /// When the status in force on `date` was set (the date made if no
    /// status was recorded by then).
    pub fn status_set_on(&self, date: NaiveDate) -> NaiveDate {
        self.status_history
            .iter()
            .rev()
            .find(|change| change.date <= date)
            .map_or(self.made_on, |change| change.date)
    }

    /// Records a change of status on `date`. A second change the same day
    /// replaces the first; the current status changes nothing.
    pub fn set_status(&mut self, status: CommitmentStatus, date: NaiveDate) {
        if status == self.status() {
            return;
        }
        let len = self.status_history.len();
        if len >= 2 && self.status_history[len - 1].date == date {
            if self.status_history[len - 2].status == status {
                self.status_history.pop();
            } else {
                self.status_history[len - 1].status = status;
            }
            return;
        }
        if len == 1 && self.status_history[0].date == date {
            self.status_history[0].status = status;
            return;
        }
        let at = self
            .status_history
            .partition_point(|change| change.date <= date);
        self.status_history
            .insert(at, StatusChange { date, status });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn status_changes_are_dated_and_kept() {
        let mut c = Commitment::new(
            StakeholderId::new_random(),
            CommitmentKind::ProcurementPledge,
            "10% near-zero steel by 2030",
            day(2022, 5, 25),
        );
        assert_eq!(c.status(), CommitmentStatus::Announced);
        c.set_status(CommitmentStatus::InProgress, day(2023, 3, 1));
        c.set_status(CommitmentStatus::AtRisk, day(2025, 9, 1));
        assert_eq!(c.status_history.len(), 3);
        assert_eq!(
            c.status_on(day(2024, 1, 1)),
            Some(CommitmentStatus::InProgress)
        );
        assert_eq!(c.status_on(day(2021, 1, 1)), None);
        assert_eq!(c.status_since(), day(2025, 9, 1));
        // Changing back the same day removes the change instead of adding one.
        c.set_status(CommitmentStatus::InProgress, day(2025, 9, 1));
        assert_eq!(c.status_history.len(), 2);
        assert!(c.status().is_active());
    }
}
