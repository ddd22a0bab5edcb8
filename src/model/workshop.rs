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
