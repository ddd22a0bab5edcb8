//! Exporting a chart: its data as CSV, or the chart itself as a PNG cut from
//! a screenshot of the window. Writing (and encoding) runs as a job behind
//! the user's work.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::FlywheelApp;
use super::jobs::done;
use crate::file::{self, FileError};
use crate::jobs::Spec;
use crate::views::Request;

/// Why an export did not reach its file.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The file could not be written (the message names it).
    #[error("{0}")]
    Write(#[from] FileError),
    #[error("the chart could not be encoded as PNG: {0}")]
    Encode(#[from] png::EncodingError),
    #[error("the chart was not on screen")]
    NotOnScreen,
}

/// What is waiting for the user to pick a file.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportContent {
    Csv(String),
    /// This part of the window, in points.
    Png(egui::Rect),
}

/// A screenshot taken for a PNG export, waiting to be encoded and written.
struct Shot {
    path: PathBuf,
    rect: egui::Rect,
    pixels_per_point: f32,
    image: Arc<egui::ColorImage>,
}

/// Chart exports under way: the content waiting for a path, the PNG
/// waiting for its screenshot, and the screenshot waiting to be written.
#[derive(Default)]
pub struct Exports {
    pub pending: Option<ExportContent>,
    screenshot_due: Option<(PathBuf, egui::Rect)>,
    /// Filled by egui's screenshot callback; taken at the next frame.
    taken: Arc<Mutex<Option<Shot>>>,
}

impl Exports {
    /// Keeps what a view asked to export until the user picks a file, and
    /// returns the file name to suggest.
    pub fn prepare(&mut self, request: Request) -> String {
        let (suggested_name, content) = match request {
            Request::ExportCsv {
                suggested_name,
                csv,
            } => (suggested_name, ExportContent::Csv(csv)),
            Request::ExportPng {
                suggested_name,
                rect,
            } => (suggested_name, ExportContent::Png(rect)),
        };
        self.pending = Some(content);
        suggested_name
    }

    /// Asks for the screenshot of a due PNG, at the start of a frame (the
    /// frame before was drawn without the dialog over the chart).
    fn request_screenshot(&mut self, ctx: &egui::Context) {
        let Some((path, rect)) = self.screenshot_due.take() else {
            return;
        };
        let taken = Arc::clone(&self.taken);
        let pixels_per_point = ctx.pixels_per_point();
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image: Arc<egui::ColorImage>| {
            let shot = Shot {
                path,
                rect,
                pixels_per_point,
                image,
            };
            *taken
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(shot);
            repaint.request_repaint();
        });
    }

    fn take_shot(&self) -> Option<Shot> {
        self.taken
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    }
}

impl FlywheelApp {
    /// Writes the pending chart export to `path`, as a job. A PNG is cut
    /// from a screenshot of the next frame (without the dialog over it).
    pub(super) fn export_chart_to(&mut self, path: &Path) {
        match self.exports.pending.take() {
            Some(ExportContent::Csv(csv)) => {
                let job_path = path.to_path_buf();
                self.start_job(Spec::background("Exporting the chart"), move |_| {
                    let result = file::export(&job_path, csv.as_bytes())
                        .map(|()| job_path)
                        .map_err(|err| err.to_string());
                    done(move |app| app.chart_written(result))
                });
            }
            Some(ExportContent::Png(rect)) => {
                self.exports.screenshot_due = Some((path.to_path_buf(), rect));
            }
            None => {}
        }
    }

    /// At the start of each frame: asks for a due screenshot, and starts
    /// writing one that was taken.
    pub(super) fn chart_exports(&mut self, ctx: &egui::Context) {
        self.exports.request_screenshot(ctx);
        let Some(shot) = self.exports.take_shot() else {
            return;
        };
        self.start_job(Spec::background("Exporting the chart"), move |_| {
            let result = encode_png(&shot.image, shot.rect, shot.pixels_per_point)
                .and_then(|bytes| Ok(file::export(&shot.path, &bytes)?))
                .map(|()| shot.path)
                .map_err(|err| err.to_string());
            done(move |app| app.chart_written(result))
        });
    }

    fn chart_written(&mut self, result: Result<PathBuf, String>) {
        match result {
            Ok(path) => self.notify(format!("Exported {}", path.display())),
            Err(err) => self.notify_error(format!("The chart could not be exported: {err}")),
        }
    }
}

/// The part `rect` (in points) of a screenshot, as PNG bytes.
pub fn encode_png(
    image: &egui::ColorImage,
    rect: egui::Rect,
    pixels_per_point: f32,
) -> Result<Vec<u8>, ExportError> {
    let region = image.region(&rect, Some(pixels_per_point));
    let [width, height] = region.size;
    if width == 0 || height == 0 {
        return Err(ExportError::NotOnScreen);
    }
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, width as u32, height as u32);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(region.as_raw())?;
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_of_a_screenshot_encodes_as_png() {
        let image = egui::ColorImage::new([40, 30], vec![egui::Color32::RED; 40 * 30]);
        let rect = egui::Rect::from_min_size(egui::pos2(5.0, 5.0), egui::vec2(10.0, 8.0));
        let bytes = encode_png(&image, rect, 2.0).unwrap();
        assert_eq!(&bytes[1..4], b"PNG");
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let reader = decoder.read_info().unwrap();
        assert_eq!((reader.info().width, reader.info().height), (20, 16));
    }
}
