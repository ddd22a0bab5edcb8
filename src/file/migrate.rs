//! Reading every format version Flywheel has ever written.
//!
//! Each released version keeps a fixture under `tests/fixtures/vN/` forever.
//! When the format changes: bump [`crate::model::FORMAT_VERSION`], move the
//! old shape into a module here (`v1.rs` with its own serde types), and add
//! an arm to [`decode`] that reads it and converts it step by step to the
//! current model. Released so far:
//!
//! - format 1: metrics have no `kind`; migrated by giving each the kind its
//!   unit suggests ([`crate::model::MetricKind::from_unit`]).
//! - format 2: every metric says whether its pledges add up or are each
//!   stakeholder's own rate.
//! - format 3: a share copy carries a `share` marker (when it was made,
//!   from what, what it leaves out); format 2 files have none and migrate
//!   unchanged.
//! - format 4: the workspace may keep its presentation's slides, in order
//!   (`presentation`); format 3 files have none, which is the default deck,
//!   and read as they are.
//! - format 5 (the current one): every save records its `lineage` (the
//!   workspace's id, the save's revision, the revisions it comes from), and
//!   commitments and stage changes recorded during a workshop link to it
//!   (`workshop`). Format 4 files have neither, and read as they are: their
//!   first save starts a lineage.

mod v1;
mod v2;

use crate::model::Workspace;

pub(crate) enum DecodeError {
    Ron(ron::error::SpannedError),
    UnknownVersion,
}

/// Reads `text`, written in format `version` (not newer than the current
/// one), and returns it as a current workspace.
pub(crate) fn decode(
    version: u32,
    text: &str,
    options: &ron::Options,
) -> Result<Workspace, DecodeError> {
    match version {
        1 => options
            .from_str::<v1::WorkspaceV1>(text)
            .map(|v1| v1.migrate().migrate())
            .map_err(DecodeError::Ron),
        2 => options
            .from_str::<v2::WorkspaceV2>(text)
            .map(v2::WorkspaceV2::migrate)
            .map_err(DecodeError::Ron),
        3..=5 => options
            .from_str::<Workspace>(text)
            .map(|mut ws| {
                ws.format_version = crate::model::FORMAT_VERSION;
                ws
            })
            .map_err(DecodeError::Ron),
        _ => Err(DecodeError::UnknownVersion),
    }
}
