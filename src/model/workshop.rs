use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::{StakeholderId, WorkshopId};

/// A meeting of the coalition: when, who came, what was said.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workshop {
    pub id: WorkshopId,
    pub date: NaiveDate,
    pub title: String,
    /// The stakeholders who attended.
    #[serde(default)]
    pub attendees: Vec<StakeholderId>,
    #[serde(default)]
    pub notes: String,
}

impl Workshop {
    /// What a commitment captured during this workshop gives as its
    /// source: "Workshop “Commitments review, Abu Dhabi”, 2026-10-07".
    pub fn source_label(&self) -> String {
        format!("Workshop “{}”, {}", self.title, self.date)
    }
}
