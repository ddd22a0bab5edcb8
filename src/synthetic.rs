//! Generated workspaces of any size, for benchmarks and for trying Flywheel
//! on a big coalition. Deterministic: the same sizes and seed always give
//! the same workspace. All names are generated ("Org 00042"), so a
//! synthetic file can never be mistaken for real data.

use chrono::{Days, NaiveDate};

use crate::model::{
    Category, Commitment, CommitmentKind, CommitmentStatus, EngagementStage, Quantity,
    Relationship, RelationshipKind, Sector, Stakeholder, Workspace,
};

/// A small, fast, seedable generator (xorshift64*), so no dependency is
/// needed for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const REGIONS: [&str; 8] = [
    "EU",
    "Nordics",
    "North America",
    "India",
    "China",
    "Japan & Korea",
    "Middle East",
    "Latin America",
];

/// A workspace with the given numbers of stakeholders, relationships and
/// commitments, based on the iron & steel template.
pub fn synthetic_workspace(
    stakeholders: usize,
    relationships: usize,
    commitments: usize,
    seed: u64,
) -> Workspace {
    let mut rng = Rng(seed.max(1));
    let mut ws = crate::assets::template(Sector::IronSteel)
        .unwrap_or_else(|_| Workspace::new("Synthetic", Sector::IronSteel));
    ws.title = format!("Synthetic coalition: {stakeholders} stakeholders");
    ws.notes = "Generated for performance tests; every name is synthetic.".into();
    let start = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default();
    let day = |rng: &mut Rng| start + Days::new(rng.below(2_860) as u64);
    for i in 0..stakeholders {
        let category = rng.pick(Category::ALL);
        let mut s = Stakeholder::new(format!("Org {i:05} {}", category.label()), category);
        s.region = rng.pick(&REGIONS).to_string();
        s.influence = 1 + rng.below(5) as u8;
        s.support = rng.below(5) as i8 - 2;
        let climbs = rng.below(EngagementStage::ALL.len());
        let mut date = day(&mut rng);
        for stage in &EngagementStage::ALL[1..=climbs] {
            s.set_stage(*stage, date);
            date = date + Days::new(30 + rng.below(300) as u64);
        }
        s.tags = vec![format!("cluster-{}", rng.below(20))];
        ws.stakeholders.push(s);
    }
    let n = ws.stakeholders.len();
    if n >= 2 {
        for _ in 0..relationships {
            let from = rng.below(n);
            let to = (from + 1 + rng.below(n - 1)) % n;
            let kind = rng.pick(RelationshipKind::ALL);
            ws.relationships.push(Relationship::new(
                ws.stakeholders[from].id,
                ws.stakeholders[to].id,
                kind,
            ));
        }
    }
    let metrics: Vec<_> = ws
        .roadmap
        .metrics
        .iter()
        .map(|m| (m.id, m.unit.clone()))
        .collect();
    if n >= 1 {
        for k in 0..commitments {
            let owner = ws.stakeholders[rng.below(n)].id;
            let kind = rng.pick(CommitmentKind::ALL);
            let made = day(&mut rng);
            let mut c = Commitment::new(owner, kind, format!("Commitment {k:06}"), made);
            let year = chrono::Datelike::year(&made);
            c.target_year = Some((2025 + 5 * rng.below(6) as i32).max(year));
            if !metrics.is_empty() && rng.below(2) == 0 {
                let (metric, unit) = &metrics[rng.below(metrics.len())];
                c.metric = Some(*metric);
                c.quantity = Some(Quantity {
                    value: (1 + rng.below(50)) as f64 / 10.0,
                    unit: unit.clone(),
                });
            }
            let mut date = made;
            for _ in 0..rng.below(3) {
                date = date + Days::new(60 + rng.below(400) as u64);
                c.set_status(rng.pick(CommitmentStatus::ALL), date);
            }
            ws.commitments.push(c);
        }
    }
    ws
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_workspaces_are_valid_and_deterministic_in_shape() {
        let ws = synthetic_workspace(300, 900, 5_000, 7);
        assert_eq!(crate::model::validate(&ws), Ok(()));
        assert_eq!(ws.stakeholders.len(), 300);
        assert_eq!(ws.relationships.len(), 900);
        assert_eq!(ws.commitments.len(), 5_000);
        let again = synthetic_workspace(300, 900, 5_000, 7);
        let names = |w: &Workspace| {
            w.stakeholders
                .iter()
                .map(|s| (s.name.clone(), s.influence, s.support))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&ws), names(&again));
    }
}
