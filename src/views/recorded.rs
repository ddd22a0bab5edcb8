//! Drawings recorded once and painted every frame while nothing they depend
//! on changes. A map or a grid of a thousand markers costs little to lay
//! out but a lot to tessellate (outlines and links are feathered paths);
//! recorded, runs of such shapes become one mesh, tessellated once, and a
//! frame only copies it.
//!
//! The order of the shapes is kept, so the picture is the same. Filled
//! circles and text stay shapes: egui draws small filled circles from discs
//! prepared in its font texture, and text from glyphs there, neither of
//! which a view can reach to tessellate itself.

use std::sync::Arc;

use egui::epaint::{CircleShape, Mesh, TessellationOptions, Tessellator, TextShape};
use egui::text::LayoutJob;
use egui::{
    Align2, Color32, CornerRadius, FontId, Galley, Painter, Pos2, Rect, Shape, Stroke, StrokeKind,
    Ui, Visuals,
};

/// What a recorded drawing looks like on top of its own data: the theme,
/// the screen's pixel density, egui's tessellation and its font texture,
/// and where the drawing is clipped.
#[derive(Clone, Debug, PartialEq)]
pub struct Look {
    visuals: Visuals,
    pixels_per_point: f32,
    tessellation: TessellationOptions,
    font_image_size: [usize; 2],
    clip_rect: Rect,
}

impl Look {
    pub fn of(ui: &Ui, painter: &Painter) -> Self {
        let ctx = painter.ctx();
        Self {
            visuals: ui.visuals().clone(),
            pixels_per_point: ctx.pixels_per_point(),
            tessellation: ctx.tessellation_options(|o| *o),
            font_image_size: ctx.fonts(|f| f.font_image_size()),
            clip_rect: painter.clip_rect(),
        }
    }
}

/// Takes shapes as a [`Painter`] would, in order, to make a [`Recorded`].
pub struct Recorder<'p> {
    /// For laying out text; nothing is painted with it.
    painter: &'p Painter,
    shapes: Vec<Shape>,
}

impl<'p> Recorder<'p> {
    pub fn new(painter: &'p Painter) -> Self {
        Self {
            painter,
            shapes: Vec::new(),
        }
    }

    pub fn add(&mut self, shape: impl Into<Shape>) {
        self.shapes.push(shape.into());
    }

    pub fn extend(&mut self, shapes: impl IntoIterator<Item = Shape>) {
        self.shapes.extend(shapes);
    }

    pub fn rect_filled(
        &mut self,
        rect: Rect,
        corner_radius: impl Into<CornerRadius>,
        fill: impl Into<Color32>,
    ) {
        self.add(Shape::rect_filled(rect, corner_radius, fill));
    }

    pub fn rect_stroke(
        &mut self,
        rect: Rect,
        corner_radius: impl Into<CornerRadius>,
        stroke: impl Into<Stroke>,
        stroke_kind: StrokeKind,
    ) {
        self.add(Shape::rect_stroke(rect, corner_radius, stroke, stroke_kind));
    }

    pub fn line_segment(&mut self, points: [Pos2; 2], stroke: impl Into<Stroke>) {
        self.add(Shape::line_segment(points, stroke));
    }

    pub fn circle_filled(&mut self, center: Pos2, radius: f32, fill: impl Into<Color32>) {
        self.add(Shape::circle_filled(center, radius, fill));
    }

    pub fn layout_no_wrap(&self, text: String, font_id: FontId, color: Color32) -> Arc<Galley> {
        self.painter.layout_no_wrap(text, font_id, color)
    }

    pub fn layout(
        &self,
        text: String,
        font_id: FontId,
        color: Color32,
        wrap_width: f32,
    ) -> Arc<Galley> {
        self.painter.layout(text, font_id, color, wrap_width)
    }

    pub fn layout_job(&self, job: LayoutJob) -> Arc<Galley> {
        self.painter.layout_job(job)
    }

    /// As [`Painter::galley`].
    pub fn galley(&mut self, pos: Pos2, galley: Arc<Galley>, fallback_color: Color32) {
        if !galley.is_empty() {
            self.add(Shape::galley(pos, galley, fallback_color));
        }
    }

    /// As [`Painter::text`].
    pub fn text(
        &mut self,
        pos: Pos2,
        anchor: Align2,
        text: impl ToString,
        font_id: FontId,
        text_color: Color32,
    ) -> Rect {
        let galley = self.layout_no_wrap(text.to_string(), font_id, text_color);
        let rect = anchor.anchor_size(pos, galley.size());
        self.galley(rect.min, galley, text_color);
        rect
    }

    /// Tessellates each run of shapes that need no font texture into one
    /// mesh, as egui would, culled to the painter's clip rectangle.
    pub fn finish(self) -> Recorded {
        let ctx = self.painter.ctx();
        let mut tessellator = Tessellator::new(
            ctx.pixels_per_point(),
            ctx.tessellation_options(|o| *o),
            ctx.fonts(|f| f.font_image_size()),
            Vec::new(),
        );
        tessellator.set_clip_rect(self.painter.clip_rect());
        let mut batch = Batch {
            tessellator,
            mesh: Mesh::default(),
            shapes: Vec::new(),
        };
        for shape in self.shapes {
            batch.add(shape);
        }
        batch.flush();
        Recorded {
            shapes: batch.shapes,
        }
    }
}

struct Batch {
    tessellator: Tessellator,
    /// The run being tessellated.
    mesh: Mesh,
    shapes: Vec<Shape>,
}

impl Batch {
    fn add(&mut self, shape: Shape) {
        match shape {
            Shape::Vec(shapes) => {
                for shape in shapes {
                    self.add(shape);
                }
            }
            Shape::Noop => {}
            Shape::Circle(CircleShape { fill, .. }) if fill != Color32::TRANSPARENT => {
                self.keep(shape);
            }
            Shape::Text(TextShape { .. }) | Shape::Mesh(_) | Shape::Callback(_) => self.keep(shape),
            shape => self.tessellator.tessellate_shape(shape, &mut self.mesh),
        }
    }

    fn keep(&mut self, shape: Shape) {
        self.flush();
        self.shapes.push(shape);
    }

    fn flush(&mut self) {
        if !self.mesh.is_empty() {
            let mesh = std::mem::take(&mut self.mesh);
            self.shapes.push(Shape::Mesh(Arc::new(mesh)));
        }
    }
}

/// A recorded drawing: meshes and the shapes kept as they are, in order.
#[derive(Debug, Default)]
pub struct Recorded {
    shapes: Vec<Shape>,
}

impl Recorded {
    /// Paints the drawing. Cloning the shapes copies no mesh or text: both
    /// are shared.
    pub fn paint(&self, painter: &Painter) {
        painter.extend(self.shapes.iter().cloned());
    }
}
