//! What the window's own widgets ask for, queued while they are drawn and
//! carried out by [`super::FlywheelApp::handle`] at the end of the frame.

use std::path::PathBuf;

use super::dialogs::Choice;
use crate::jobs::JobId;

/// What the window's own widgets ask for: a recent file, a dropped file,
/// the answer of whatever is in front.
#[derive(Debug)]
pub(super) enum Action {
    /// Open this file (Open Recent), asking first about unsaved changes.
    Open(PathBuf),
    /// A file was dropped on the window: a workspace to open or a
    /// spreadsheet to import.
    Dropped(PathBuf),
    /// The user answered a dialog (it is closed by then).
    Dialog(Choice),
    /// The user acted in the import preview.
    Preview(super::import::PreviewChoice),
    /// The user acted in the merge review.
    Review(super::merge_review::Answer),
    /// The user acted in the versions window.
    Versions(super::versions::Answer),
    /// Cancel in a job's progress dialog.
    CancelJob(JobId),
}
