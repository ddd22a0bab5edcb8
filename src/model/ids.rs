//! Stable record ids. Every record carries a UUID that never changes, so files
//! from two colleagues can be compared record by record and references survive
//! renames and reordering.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh random id.
            pub fn new_random() -> Self {
                Self(Uuid::new_v4())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// Identifies a [`crate::model::Stakeholder`].
    StakeholderId
);
id_type!(
    /// Identifies a [`crate::model::Relationship`].
    RelationshipId
);
id_type!(
    /// Identifies a [`crate::model::Commitment`].
    CommitmentId
);
id_type!(
    /// Identifies a roadmap [`crate::model::Metric`].
    MetricId
);
id_type!(
    /// Identifies a [`crate::model::Workshop`].
    WorkshopId
);
id_type!(
    /// Identifies a workspace across all its copies and saves (see
    /// [`crate::model::Lineage`]).
    WorkspaceId
);
id_type!(
    /// Identifies one save of a workspace (see [`crate::model::Lineage`]).
    RevisionId
);
