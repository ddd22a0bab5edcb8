use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::{StakeholderId, WorkshopId};
use super::labels::labelled_enum;

labelled_enum! {
    /// Where a stakeholder sits in the sector's flywheel.
    pub enum Category {
        Industry => "Industry",
        Supplier => "Supplier",
        Buyer => "Buyer",
        Bank => "Bank",
        Investor => "Investor",
        Government => "Government",
        CivilSociety => "Civil society",
        ServiceProvider => "Service provider",
    }
}

labelled_enum! {
    /// The coalition ladder a stakeholder climbs, from first contact to
    /// delivering on its commitments.
    pub enum EngagementStage {
        NotEngaged => "Not engaged",
        SharedVision => "Shared vision",
        Roadmap => "Roadmap",
        Committed => "Committed",
        Implementing => "Implementing",
    }
}

impl Category {
    /// One sentence on who belongs in this category.
    pub fn help(self) -> &'static str {
        match self {
            Category::Industry => {
                "Producers of the sector's output: mills, smelters, carriers, airlines."
            }
            Category::Supplier => {
                "Suppliers of inputs: ore, scrap, hydrogen, clean power, equipment."
            }
            Category::Buyer => "Buyers of the output whose demand signals move producers.",
            Category::Bank => "Lenders and export credit agencies financing projects.",
            Category::Investor => "Equity investors, asset owners and managers.",
            Category::Government => "Governments, regulators and standard setters.",
            Category::CivilSociety => "NGOs, unions, researchers and community groups.",
            Category::ServiceProvider => "Certifiers, consultants, data and technology providers.",
        }
    }
}

impl EngagementStage {
    /// One sentence on what this rung of the ladder means.
    pub fn help(self) -> &'static str {
        match self {
            EngagementStage::NotEngaged => "Not yet part of the coalition's conversations.",
            EngagementStage::SharedVision => {
                "Endorses the coalition's shared vision for the sector."
            }
            EngagementStage::Roadmap => "Works on or endorses the roadmap and its metrics.",
            EngagementStage::Committed => "Has made at least one public commitment.",
            EngagementStage::Implementing => {
                "Is delivering: projects, finance or purchases under way."
            }
        }
    }
}

/// The day a stakeholder reached an engagement stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageChange {
    pub date: NaiveDate,
    pub stage: EngagementStage,
    /// The workshop it was recorded during (format 5 on); not written when
    /// `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workshop: Option<WorkshopId>,
}

impl StageChange {
    /// A change on `date`, not recorded during a workshop.
    pub fn new(date: NaiveDate, stage: EngagementStage) -> Self {
        Self {
            date,
            stage,
            workshop: None,
        }
    }
}

/// Smallest and largest influence score.
pub const INFLUENCE_RANGE: std::ops::RangeInclusive<u8> = 1..=5;
/// Smallest and largest support score (−2 opposes, +2 champions).
pub const SUPPORT_RANGE: std::ops::RangeInclusive<i8> = -2..=2;

/// An organisation in the sector's web: who it is, how much it matters and
/// how far it has moved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stakeholder {
    pub id: StakeholderId,
    pub name: String,
    pub category: Category,
    #[serde(default)]
    pub region: String,
    /// How much the stakeholder can move the sector, 1 (little) to 5 (decisive).
    pub influence: u8,
    /// Stance on the coalition's goals, −2 (opposes) to +2 (champions).
    pub support: i8,
    /// Every change of engagement stage, oldest first; the last entry is the
    /// current stage. Empty means never engaged.
    #[serde(default)]
    pub stage_history: Vec<StageChange>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub contacts: String,
    /// Anonymised in share copies and shared reports (see
    /// `exchange::share`): name replaced, region, tags, notes and contacts
    /// left out, and its commitments' details too.
    #[serde(default)]
    pub confidential: bool,
    /// Where the facilitator placed it on the value-chain map; `None` until
    /// it is moved or laid out, when its lane decides.
    #[serde(default)]
    pub map_position: Option<MapPoint>,
}

/// A point on the value-chain map, in map units (not pixels).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapPoint {
    pub x: f32,
    pub y: f32,
}

impl Stakeholder {
    /// The name to show: a blank name still reads as something.
    pub fn display_name(&self) -> &str {
        if self.name.trim().is_empty() {
            "(unnamed)"
        } else {
            &self.name
        }
    }

    /// A new, not yet engaged stakeholder with middling scores.
    pub fn new(name: impl Into<String>, category: Category) -> Self {
        Self {
            id: StakeholderId::new_random(),
            name: name.into(),
            category,
            region: String::new(),
            influence: 3,
            support: 0,
            stage_history: Vec::new(),
            tags: Vec::new(),
            notes: String::new(),
            contacts: String::new(),
            confidential: false,
            map_position: None,
        }
    }

    /// The current engagement stage.
    pub fn stage(&self) -> EngagementStage {
        self.stage_history
            .last()
            .map_or(EngagementStage::NotEngaged, |change| change.stage)
    }

    /// The stage this stakeholder was at on `date`.
    pub fn stage_on(&self, date: NaiveDate) -> EngagementStage {
        self.stage_history
            .iter()
            .take_while(|change| change.date <= date)
            .last()
            .map_or(EngagementStage::NotEngaged, |change| change.stage)
    }

    /// The date of the latest stage change, if any.
    pub fn stage_since(&self) -> Option<NaiveDate> {
        self.stage_history.last().map(|change| change.date)
    }

    /// Moves the stakeholder to `stage` on `date`, keeping the history sorted.
    /// A second change on the same day replaces the first, so fiddling with a
    /// picker leaves one entry; choosing the current stage changes nothing.
    pub fn set_stage(&mut self, stage: EngagementStage, date: NaiveDate) {
        self.record_stage(StageChange::new(date, stage));
    }

    /// [`Stakeholder::set_stage`] with the change as given, linked to the
    /// workshop it was made during, if any.
    pub fn record_stage(&mut self, change: StageChange) {
        let StageChange { date, stage, .. } = change;
        if stage == self.stage() {
            return;
        }
        if let Some(last) = self.stage_history.last_mut()
            && last.date == date
        {
            last.stage = stage;
            last.workshop = change.workshop;
            let len = self.stage_history.len();
            let previous = (len >= 2).then(|| self.stage_history[len - 2].stage);
            if previous == Some(stage) || (len == 1 && stage == EngagementStage::NotEngaged) {
                self.stage_history.pop();
            }
            return;
        }
        let at = self
            .stage_history
            .partition_point(|change| change.date <= date);
        self.stage_history.insert(at, change);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_stage_changed_during_a_workshop_is_linked_to_it_and_a_second_pick_that_day_too() {
        let mut s = Stakeholder::new("Port", Category::ServiceProvider);
        let workshop = Some(WorkshopId::new_random());
        let during = |stage| StageChange {
            workshop,
            ..StageChange::new(day(2026, 11, 23), stage)
        };
        s.set_stage(EngagementStage::SharedVision, day(2025, 1, 1));
        s.record_stage(during(EngagementStage::Roadmap));
        s.record_stage(during(EngagementStage::Committed));
        assert_eq!(s.stage_history.len(), 2);
        assert_eq!(s.stage_history[1], during(EngagementStage::Committed));
        assert_eq!(s.stage_history[0].workshop, None);
    }

    #[test]
    fn stage_is_the_last_change_and_history_is_kept() {
        let mut s = Stakeholder::new("Acme", Category::Buyer);
        assert_eq!(s.stage(), EngagementStage::NotEngaged);
        s.set_stage(EngagementStage::SharedVision, day(2021, 1, 5));
        s.set_stage(EngagementStage::Committed, day(2023, 6, 1));
        assert_eq!(s.stage(), EngagementStage::Committed);
        assert_eq!(s.stage_on(day(2022, 1, 1)), EngagementStage::SharedVision);
        assert_eq!(s.stage_on(day(2020, 1, 1)), EngagementStage::NotEngaged);
        assert_eq!(s.stage_history.len(), 2);
    }

    #[test]
    fn same_day_changes_collapse_into_one() {
        let mut s = Stakeholder::new("Acme", Category::Buyer);
        s.set_stage(EngagementStage::SharedVision, day(2021, 1, 5));
        s.set_stage(EngagementStage::Roadmap, day(2024, 2, 2));
        s.set_stage(EngagementStage::Committed, day(2024, 2, 2));
        assert_eq!(s.stage_history.len(), 2);
        assert_eq!(s.stage(), EngagementStage::Committed);
        // Going back to the previous stage the same day undoes the change.
        s.set_stage(EngagementStage::SharedVision, day(2024, 2, 2));
        assert_eq!(s.stage_history.len(), 1);
        s.set_stage(EngagementStage::SharedVision, day(2024, 2, 3));
        assert_eq!(s.stage_history.len(), 1, "same stage is not a change");
    }
}
