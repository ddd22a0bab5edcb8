//! How a message names a record: [`RecordRef`], made from a record or,
//! for a conflict, from its kind and id. Validation, file errors and the
//! merge review all name records this way.

use std::fmt;

use super::commitment::Commitment;
use super::limits::quoted;
use super::relationship::Relationship;
use super::stakeholder::Stakeholder;
use super::workshop::Workshop;

/// The record a message is about (an invariant failed on it, or a conflict
/// or change concerns it), so the message can name it and a file reader can
/// point at the line where it starts.
#[derive(Clone, Debug, PartialEq)]
pub enum RecordRef {
    Workspace,
    Stakeholder { id: String, name: String },
    Relationship { id: String },
    Commitment { id: String, title: String },
    Metric { id: String, name: String },
    Milestone { year: i32 },
    Workshop { id: String, title: String },
}

impl RecordRef {
    /// The record's id as written in the file, if it has one.
    pub fn id(&self) -> Option<&str> {
        match self {
            RecordRef::Stakeholder { id, .. }
            | RecordRef::Relationship { id }
            | RecordRef::Commitment { id, .. }
            | RecordRef::Metric { id, .. }
            | RecordRef::Workshop { id, .. } => Some(id),
            RecordRef::Workspace | RecordRef::Milestone { .. } => None,
        }
    }
}

impl fmt::Display for RecordRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordRef::Workspace => write!(f, "workspace"),
            RecordRef::Stakeholder { id, name } => {
                write!(f, "stakeholder \"{}\" ({})", quoted(name), quoted(id))
            }
            RecordRef::Relationship { id } => write!(f, "relationship {}", quoted(id)),
            RecordRef::Commitment { id, title } => {
                write!(f, "commitment \"{}\" ({})", quoted(title), quoted(id))
            }
            RecordRef::Metric { id, name } => {
                write!(f, "metric \"{}\" ({})", quoted(name), quoted(id))
            }
            RecordRef::Milestone { year } => write!(f, "milestone {year}"),
            RecordRef::Workshop { id, title } => {
                write!(f, "workshop \"{}\" ({})", quoted(title), quoted(id))
            }
        }
    }
}

impl Stakeholder {
    pub fn record_ref(&self) -> RecordRef {
        RecordRef::Stakeholder {
            id: self.id.to_string(),
            name: self.name.clone(),
        }
    }
}

impl Relationship {
    pub fn record_ref(&self) -> RecordRef {
        RecordRef::Relationship {
            id: self.id.to_string(),
        }
    }
}

impl Commitment {
    pub fn record_ref(&self) -> RecordRef {
        RecordRef::Commitment {
            id: self.id.to_string(),
            title: self.title.clone(),
        }
    }
}

impl Workshop {
    pub fn record_ref(&self) -> RecordRef {
        RecordRef::Workshop {
            id: self.id.to_string(),
            title: self.title.clone(),
        }
    }
}
