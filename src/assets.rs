//! Workspaces built into the binary: the demo and one template per sector.
//! Their source files live under `assets/` and are checked by the tests.

use crate::file;
use crate::model::{Sector, Workspace};
use std::path::Path;

const DEMO: &str = include_str!("../assets/demo/iron-steel-demo.ron");

/// The demo's name, used where a file name would be shown.
pub const DEMO_NAME: &str = "iron-steel-demo.ron";

/// The built-in iron & steel demo workspace.
pub fn demo() -> Result<Workspace, file::FileError> {
    file::parse(Path::new(DEMO_NAME), DEMO.as_bytes())
}

/// The file text and name of a sector's template.
pub fn template_source(sector: Sector) -> (&'static str, &'static str) {
    match sector {
        Sector::Shipping => (
            "shipping.ron",
            include_str!("../assets/templates/shipping.ron"),
        ),
        Sector::Aviation => (
            "aviation.ron",
            include_str!("../assets/templates/aviation.ron"),
        ),
        Sector::RoadFreight => (
            "road-freight.ron",
            include_str!("../assets/templates/road-freight.ron"),
        ),
        Sector::Aluminium => (
            "aluminium.ron",
            include_str!("../assets/templates/aluminium.ron"),
        ),
        Sector::Cement => ("cement.ron", include_str!("../assets/templates/cement.ron")),
        Sector::Chemicals => (
            "chemicals.ron",
            include_str!("../assets/templates/chemicals.ron"),
        ),
        Sector::IronSteel => (
            "iron-steel.ron",
            include_str!("../assets/templates/iron-steel.ron"),
        ),
        Sector::Other => ("other.ron", include_str!("../assets/templates/other.ron")),
    }
}

/// A new workspace for `sector`: its template's vision and roadmap
/// milestones, and no stakeholders yet.
pub fn template(sector: Sector) -> Result<Workspace, file::FileError> {
    let (name, text) = template_source(sector);
    file::parse(Path::new(name), text.as_bytes())
}
