//! The grid's cells: which rectangle on screen shows which (support,
//! influence), and who is in which cell for one revision.

use std::collections::BTreeMap;

use egui::{Pos2, Rect, Vec2, pos2, vec2};

use crate::analysis::{StakeholderStats, stakeholder_stats};
use crate::model::{INFLUENCE_RANGE, SUPPORT_RANGE, StakeholderIndex, Workspace};

/// A cell of the grid: (support, influence).
pub(super) type Cell = (i8, u8);

pub(super) const SUPPORTS: usize = 5;
pub(super) const INFLUENCES: usize = 5;
/// Room left of the grid for the influence axis, below it for the support axis.
const MARGIN_LEFT: f32 = 56.0;
const MARGIN_BOTTOM: f32 = 44.0;
/// Below this width or height the grid is not drawn.
const MIN_SIDE: f32 = 100.0;

/// Who is in which cell, and their stats, for one revision. Indices are
/// positions in `ws.stakeholders` for that revision.
#[derive(Debug)]
pub(super) struct Members {
    pub cells: BTreeMap<Cell, Vec<usize>>,
    pub stats: Vec<StakeholderStats>,
    pub index: StakeholderIndex,
}

impl Members {
    pub fn new(ws: &Workspace) -> Self {
        let mut cells: BTreeMap<Cell, Vec<usize>> = BTreeMap::new();
        for (i, s) in ws.stakeholders.iter().enumerate() {
            cells.entry((s.support, s.influence)).or_default().push(i);
        }
        Self {
            cells,
            stats: stakeholder_stats(ws),
            index: ws.stakeholder_index(),
        }
    }
}

/// Where the grid is on screen in this frame.
#[derive(Clone, Copy, Debug)]
pub(super) struct Plot {
    rect: Rect,
}

impl Plot {
    /// The grid inside `full`, with margins for the axes; `None` when
    /// there is too little room to draw it.
    pub fn inside(full: Rect) -> Option<Self> {
        let rect = Rect::from_min_max(
            pos2(full.min.x + MARGIN_LEFT, full.min.y + 6.0),
            pos2(full.max.x - 8.0, full.max.y - MARGIN_BOTTOM),
        );
        let usable = rect.is_positive() && rect.width() >= MIN_SIDE && rect.height() >= MIN_SIDE;
        usable.then_some(Self { rect })
    }

    pub fn rect(&self) -> Rect {
        self.rect
    }

    fn cell_size(&self) -> Vec2 {
        vec2(
            self.rect.width() / SUPPORTS as f32,
            self.rect.height() / INFLUENCES as f32,
        )
    }

    pub fn cell_rect(&self, (support, influence): Cell) -> Rect {
        let size = self.cell_size();
        let column = (support - SUPPORT_RANGE.start()) as f32;
        let row = (INFLUENCE_RANGE.end() - influence) as f32;
        Rect::from_min_size(self.rect.min + vec2(column * size.x, row * size.y), size)
    }

    pub fn cell_at(&self, pos: Pos2) -> Option<Cell> {
        if !self.rect.contains(pos) {
            return None;
        }
        let size = self.cell_size();
        let column = ((pos.x - self.rect.min.x) / size.x).floor() as i8;
        let row = ((pos.y - self.rect.min.y) / size.y).floor() as u8;
        let support =
            (SUPPORT_RANGE.start() + column).clamp(*SUPPORT_RANGE.start(), *SUPPORT_RANGE.end());
        let influence = INFLUENCE_RANGE
            .end()
            .saturating_sub(row)
            .clamp(*INFLUENCE_RANGE.start(), *INFLUENCE_RANGE.end());
        Some((support, influence))
    }
}
