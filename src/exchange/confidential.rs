//! What "Confidential" does, in the words the app shows: next to the
//! checkboxes in the inspector and in the Save share copy dialog. Each line
//! says what [`super::share::share_copy`] does, no more; the share-copy
//! tests check those rules.

/// Under a stakeholder's "Confidential" checkbox.
pub const CONFIDENTIAL_STAKEHOLDER: &str = "In share copies and shared reports it becomes \
    “Confidential investor 1” (by its category): its category, stage history and scores stay, \
    so counts stay true; its name, region, tags, notes and contacts are left out, and so are \
    the titles, quantities, sources and notes of its commitments. Its relationships keep only \
    their kind. The workspace itself keeps everything.";

/// Under a commitment's "Confidential" checkbox.
pub const CONFIDENTIAL_COMMITMENT: &str = "In share copies and shared reports it keeps its \
    kind, dates, status history and target year, so charts stay true; its title, quantity, \
    roadmap metric, source and notes are left out. The workspace itself keeps everything.";

/// What every share copy leaves out, one line each, for the save dialog.
pub const SHARE_COPY_LEAVES_OUT: &[&str] = &[
    "Every stakeholder's contacts.",
    "Confidential stakeholders get a placeholder name (“Confidential investor 1”) and lose \
     their region, tags and notes; category, stage history and scores stay.",
    "Confidential commitments, and all commitments of confidential stakeholders, lose their \
     title, quantity, roadmap metric, source and notes; kind, dates and statuses stay.",
    "Relationships with a confidential stakeholder keep only their kind.",
    "The workspace's own notes and the workshops' notes.",
];
