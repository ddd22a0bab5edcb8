//! Which part of the map is in view: zoom, pan, fitting the whole map, and
//! the transform between map units and screen points.

use egui::{Pos2, Rect, Response, Ui, Vec2, pos2};

use super::geometry::Geometry;
use crate::model::MapPoint;

/// Zoom limits, in screen points per map unit.
const MIN_ZOOM: f32 = 0.02;
const MAX_ZOOM: f32 = 6.0;
/// Fitting never magnifies beyond this: a small map stays legible, not huge.
const MAX_FIT_ZOOM: f32 = 3.0;
/// Space kept around the map when fitting, in map units.
const FIT_MARGIN: f32 = 30.0;
const BUTTON_ZOOM_STEP: f32 = 1.25;

/// The visible part of the map: its centre in map units and the scale.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Camera {
    center: Pos2,
    /// Screen points per map unit.
    zoom: f32,
}

/// The camera kept between frames.
#[derive(Debug, Default)]
pub(super) struct CameraState {
    /// `None`: fit the whole map in the next frame.
    camera: Option<Camera>,
    /// The camera was fitted to this canvas size and not moved since: refit
    /// when the window or the panels change size.
    fitted_to: Option<Vec2>,
}

impl CameraState {
    pub fn fit_next_frame(&mut self) {
        self.camera = None;
    }

    pub fn zoom_in(&mut self) {
        if let Some(camera) = &mut self.camera {
            camera.zoom *= BUTTON_ZOOM_STEP;
            self.fitted_to = None;
        }
    }

    pub fn zoom_out(&mut self) {
        if let Some(camera) = &mut self.camera {
            camera.zoom /= BUTTON_ZOOM_STEP;
            self.fitted_to = None;
        }
    }

    /// This frame's transform onto `response`'s rectangle: fitted if asked
    /// for or if the canvas changed size, then moved by the scroll wheel,
    /// a pinch and, when `panning`, the drag.
    pub fn frame(
        &mut self,
        ui: &Ui,
        response: &Response,
        geometry: &Geometry,
        panning: bool,
    ) -> Transform {
        let canvas = response.rect;
        let size = canvas.size();
        let camera = match self.camera {
            Some(camera) if self.fitted_to.is_none_or(|fitted| fitted == size) => camera,
            _ => {
                self.fitted_to = Some(size);
                fit(canvas, geometry)
            }
        };
        let moved = zoom_and_pan(ui, response, canvas, camera, panning);
        if moved != camera {
            self.fitted_to = None;
        }
        self.camera = Some(moved);
        Transform {
            canvas,
            camera: moved,
        }
    }
}

/// A camera that shows the whole map on `canvas`.
fn fit(canvas: Rect, geometry: &Geometry) -> Camera {
    let mut bounds = Rect::NOTHING;
    for lane in &geometry.layout.lanes {
        bounds.extend_with(pos2(lane.min.x, lane.min.y));
        bounds.extend_with(pos2(lane.max.x, lane.max.y));
    }
    for p in &geometry.positions {
        bounds.extend_with(pos2(p.x, p.y));
    }
    let bounds = bounds.expand(FIT_MARGIN);
    let zoom = (canvas.width() / bounds.width())
        .min(canvas.height() / bounds.height())
        .clamp(MIN_ZOOM, MAX_FIT_ZOOM);
    Camera {
        center: bounds.center(),
        zoom,
    }
}

/// Zooms about the pointer (so the point under it stays put) and pans.
fn zoom_and_pan(
    ui: &Ui,
    response: &Response,
    canvas: Rect,
    mut camera: Camera,
    panning: bool,
) -> Camera {
    if let Some(pointer) = response.hover_pos() {
        let (scroll, pinch) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
        let factor = pinch * (scroll * 0.002).exp();
        if (factor - 1.0).abs() > 1e-4 {
            let offset = pointer - canvas.center();
            let anchor = camera.center + offset / camera.zoom;
            camera.zoom = (camera.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
            camera.center = anchor - offset / camera.zoom;
        }
    }
    if panning && response.dragged() {
        camera.center -= response.drag_delta() / camera.zoom;
    }
    camera
}

/// Map units to screen points and back, for one frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Transform {
    canvas: Rect,
    camera: Camera,
}

impl Transform {
    pub fn canvas(&self) -> Rect {
        self.canvas
    }

    /// Screen points per map unit.
    pub fn zoom(&self) -> f32 {
        self.camera.zoom
    }

    pub fn to_screen(self, p: MapPoint) -> Pos2 {
        self.canvas.center() + (pos2(p.x, p.y) - self.camera.center) * self.camera.zoom
    }

    pub fn to_map(self, p: Pos2) -> MapPoint {
        let m = self.camera.center + (p - self.canvas.center()) / self.camera.zoom;
        MapPoint { x: m.x, y: m.y }
    }
}
