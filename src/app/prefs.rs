//! The user's preferences, kept by eframe between runs (in the platform's
//! data folder). Separate from the workspace: they belong to this laptop,
//! not to the file a colleague receives.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How many files File > Open Recent remembers.
pub const RECENT_LIMIT: usize = 10;

/// The key under which eframe stores the preferences.
pub const STORAGE_KEY: &str = "flywheel.preferences";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "Follow the system",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    pub fn to_egui(self) -> egui::ThemePreference {
        match self {
            Theme::System => egui::ThemePreference::System,
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// Everything remembered between runs. Every field has a default, so a
/// preferences file from an older or newer Flywheel still loads.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Most recent first, at most [`RECENT_LIMIT`].
    pub recent_files: Vec<PathBuf>,
    pub theme: Theme,
    /// 1.0 is normal size; 1.5 suits a projector.
    pub zoom_factor: f32,
    /// Whether the list of stakeholders on the left is shown.
    pub stakeholder_list: bool,
    /// Whether the inspector on the right is shown.
    pub inspector: bool,
    /// The zoom in presenter mode: 150 % unless changed with Ctrl +/−
    /// while presenting.
    pub presenter_zoom: f32,
    /// Whether presenter mode anonymises every stakeholder's name.
    pub anonymise_when_presenting: bool,
    /// The stakeholders table's columns, in order (empty: all).
    pub stakeholder_columns: Vec<String>,
    /// The commitments register's columns, in order (empty: all).
    pub commitment_columns: Vec<String>,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            recent_files: Vec::new(),
            theme: Theme::System,
            zoom_factor: 1.0,
            stakeholder_list: true,
            inspector: true,
            presenter_zoom: 1.5,
            anonymise_when_presenting: false,
            stakeholder_columns: Vec::new(),
            commitment_columns: Vec::new(),
        }
    }
}

impl Preferences {
    /// Puts `path` at the top of the recent files.
    pub fn remember(&mut self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent_files.retain(|p| p != &path);
        self.recent_files.insert(0, path);
        self.recent_files.truncate(RECENT_LIMIT);
    }

    pub fn forget(&mut self, path: &Path) {
        self.recent_files.retain(|p| p != path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_unique_newest_first_and_capped() {
        let mut prefs = Preferences::default();
        for i in 0..12 {
            prefs.remember(Path::new(&format!("/tmp/f{i}.ron")));
        }
        prefs.remember(Path::new("/tmp/f5.ron"));
        assert_eq!(prefs.recent_files.len(), RECENT_LIMIT);
        assert_eq!(prefs.recent_files[0], Path::new("/tmp/f5.ron"));
        assert_eq!(
            prefs
                .recent_files
                .iter()
                .filter(|p| p.ends_with("f5.ron"))
                .count(),
            1
        );
    }

    #[test]
    fn missing_fields_take_defaults() {
        let prefs: Preferences = ron::from_str("(theme: Dark)").unwrap();
        assert_eq!(prefs.theme, Theme::Dark);
        assert_eq!(prefs.zoom_factor, 1.0);
    }
}
