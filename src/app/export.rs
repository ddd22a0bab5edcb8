//! Exporting a chart: its data as CSV, or the chart itself as a PNG cut from
//! a screenshot of the window.

use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};

use crate::file::{self, FileError};
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

/// A finished PNG export: the file written, or why not.
type ExportResult = Result<PathBuf, ExportError>;

/// What is waiting for the user to pick a file.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportContent {
    Csv(String),
    /// This part of the window, in points.
    Png(egui::Rect),
}

/// Exports under way: the content waiting for a path, the PNG waiting for
/// its screenshot, and the results coming back from the render thread.
pub struct Exports {
    pub pending: Option<ExportContent>,
    screenshot_due: Option<(PathBuf, egui::Rect)>,
    results: (mpsc::Sender<ExportResult>, mpsc::Receiver<ExportResult>),
}

impl Default for Exports {
    fn default() -> Self {
        Self {
            pending: None,
            screenshot_due: None,
            results: mpsc::channel(),
        }
    }
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

    /// Writes the pending content to `path`. A PNG is written once the next
    /// frame has been drawn (without the dialog over it).
    pub fn write_to(&mut self, path: &Path) -> Result<Option<PathBuf>, ExportError> {
        match self.pending.take() {
            Some(ExportContent::Csv(csv)) => {
                file::export(path, csv.as_bytes())?;
                Ok(Some(path.to_path_buf()))
            }
            Some(ExportContent::Png(rect)) => {
                self.screenshot_due = Some((path.to_path_buf(), rect));
                Ok(None)
            }
            None => Ok(None),
        }
    }

    /// Asks for the screenshot of a due PNG, at the start of a frame.
    pub fn request_screenshot(&mut self, ctx: &egui::Context) {
        let Some((path, rect)) = self.screenshot_due.take() else {
            return;
        };
        let sender = self.results.0.clone();
        let pixels_per_point = ctx.pixels_per_point();
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image: Arc<egui::ColorImage>| {
            let result = encode_png(&image, rect, pixels_per_point)
                .and_then(|bytes| Ok(file::export(&path, &bytes)?))
                .map(|()| path.clone());
            // The app is gone only if the window closed meanwhile.
            let _ = sender.send(result);
            repaint.request_repaint();
        });
    }

    /// Results of finished PNG exports.
    pub fn finished(&self) -> Vec<ExportResult> {
        self.results.1.try_iter().collect()
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
