//! Back-dated status changes move the momentum counts from the day they are
//! dated, not from the day they were entered. Expected counts are worked out
//! by hand from the three commitments below.

use chrono::NaiveDate;
use flywheel::analysis::momentum::{Grouping, active_commitments};
use flywheel::edit::{Document, Edit};
use flywheel::model::{
    Category, Commitment, CommitmentKind, CommitmentStatus, Sector, Stakeholder, StatusChange,
    Workspace,
};

use crate::support::day;

fn counts(doc: &Document, label: &str, dates: &[NaiveDate]) -> Vec<f64> {
    active_commitments(doc.workspace(), dates, Grouping::Category)
        .groups
        .into_iter()
        .find(|(l, _)| l == label)
        .unwrap()
        .1
}

#[test]
fn a_back_dated_status_counts_from_its_date_and_not_the_day_before() {
    let mut ws = Workspace::new("Back-dating", Sector::IronSteel);
    let buyer = Stakeholder::new("Buyer", Category::Buyer);
    let other_buyer = Stakeholder::new("Other buyer", Category::Buyer);
    let bank = Stakeholder::new("Bank", Category::Bank);
    // Announced 2023-05-01, withdrawn 2023-10-01.
    let mut pledge = Commitment::new(
        buyer.id,
        CommitmentKind::ProcurementPledge,
        "Pledge",
        day(2023, 5, 1),
    );
    pledge.set_status(CommitmentStatus::Withdrawn, day(2023, 10, 1));
    // Made 2024-01-10, announced the same day (moved to 2024-01-15 below).
    let offtake = Commitment::new(
        other_buyer.id,
        CommitmentKind::OfftakeAgreement,
        "Offtake",
        day(2024, 1, 10),
    );
    // Announced 2023-12-01 (achieved 2024-01-15 below).
    let loan = Commitment::new(bank.id, CommitmentKind::Financing, "Loan", day(2023, 12, 1));
    let (pledge_id, offtake_id, loan_id) = (pledge.id, offtake.id, loan.id);
    ws.stakeholders.extend([buyer, other_buyer, bank]);
    ws.commitments.extend([pledge, offtake, loan]);
    let mut doc = Document::new(ws);

    // Entered months later, each dated 2024-01-15.
    doc.apply(
        Edit::SetCommitmentStatus {
            id: pledge_id,
            status: CommitmentStatus::InProgress,
            date: day(2024, 1, 15),
        },
        None,
    )
    .unwrap();
    doc.apply(
        Edit::SetStatusHistory {
            id: offtake_id,
            history: vec![StatusChange {
                date: day(2024, 1, 15),
                status: CommitmentStatus::Announced,
            }],
        },
        None,
    )
    .unwrap();
    doc.apply(
        Edit::SetCommitmentStatus {
            id: loan_id,
            status: CommitmentStatus::Achieved,
            date: day(2024, 1, 15),
        },
        None,
    )
    .unwrap();

    let dates = [
        day(2023, 4, 30),
        day(2023, 5, 1),
        day(2023, 10, 1),
        day(2024, 1, 14),
        day(2024, 1, 15),
        day(2024, 6, 1),
    ];
    // Buyers: the pledge is active 2023-05-01 .. 2023-10-01 and again from
    // 2024-01-15; the offtake has no status before 2024-01-15.
    assert_eq!(
        counts(&doc, "Buyer", &dates),
        [0.0, 1.0, 0.0, 0.0, 2.0, 2.0]
    );
    // The bank's loan is active from 2023-12-01 until achieved on 2024-01-15.
    assert_eq!(counts(&doc, "Bank", &dates), [0.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    // Undoing the three edits gives back the counts as first entered.
    assert!(doc.undo() && doc.undo() && doc.undo());
    assert_eq!(
        counts(&doc, "Buyer", &dates),
        [0.0, 1.0, 0.0, 1.0, 1.0, 1.0]
    );
    assert_eq!(counts(&doc, "Bank", &dates), [0.0, 0.0, 0.0, 1.0, 1.0, 1.0]);
}
