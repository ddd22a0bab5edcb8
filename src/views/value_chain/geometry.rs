//! The map's derived geometry for one revision of the document: whether
//! the map is simplified, where each node sits, which edges join which
//! nodes, the lane-to-lane bundles of the simplified map, and each
//! stakeholder's stats for the hover card.

use std::collections::BTreeMap;

use crate::analysis::map_layout::{Lane, MapLayout, auto_layout, lane_layout, positions};
use crate::analysis::{StakeholderStats, stakeholder_stats};
use crate::model::{MapPoint, RelationshipKind, StakeholderIndex, Workspace};

/// Above this many stakeholders the map is simplified: nodes become dots
/// and relationships are drawn as one bundle per pair of lanes (with its
/// count); the selected or hovered stakeholder's own links are still drawn
/// one by one.
pub const SIMPLIFY_ABOVE: usize = 1_500;

/// Whether `ws` is big enough for the simplified map.
pub(super) fn is_simplified(ws: &Workspace) -> bool {
    ws.stakeholders.len() > SIMPLIFY_ABOVE
}

/// A relationship whose ends both exist, by their index in the workspace.
#[derive(Clone, Copy, Debug)]
pub(super) struct Edge {
    pub from: usize,
    pub to: usize,
    pub kind: RelationshipKind,
}

/// How many relationships join two lanes (the lesser lane first).
#[derive(Clone, Copy, Debug)]
pub(super) struct Bundle {
    pub a: Lane,
    pub b: Lane,
    pub count: usize,
}

/// Everything the map draws that depends on the document only. Indices are
/// positions in `ws.stakeholders` for the revision this was made from.
#[derive(Debug)]
pub(super) struct Geometry {
    pub layout: MapLayout,
    /// Each stakeholder's place on the map, in workspace order.
    pub positions: Vec<MapPoint>,
    pub index: StakeholderIndex,
    pub edges: Vec<Edge>,
    pub bundles: Vec<Bundle>,
    pub stats: Vec<StakeholderStats>,
    /// Whose name goes one line lower, in workspace order: every other
    /// node of a band's row, left to right, so neighbours' names have
    /// twice the room without crossing.
    pub lowered: Vec<bool>,
}

impl Geometry {
    pub fn new(ws: &Workspace) -> Self {
        let layout = if is_simplified(ws) {
            lane_layout(ws)
        } else {
            auto_layout(ws)
        };
        let index = ws.stakeholder_index();
        let edges = edges(ws, &index);
        let positions = positions(ws, &layout);
        Self {
            lowered: lowered_names(ws, &positions),
            positions,
            layout,
            bundles: bundles(ws, &edges),
            edges,
            index,
            stats: stakeholder_stats(ws),
        }
    }
}

fn lowered_names(ws: &Workspace, positions: &[MapPoint]) -> Vec<bool> {
    let mut rows: BTreeMap<(Lane, i64), Vec<(f32, usize)>> = BTreeMap::new();
    for (i, (s, p)) in ws.stakeholders.iter().zip(positions).enumerate() {
        let lane = Lane::of(s.category);
        if !lane.is_column() {
            // Nodes moved by hand into the same row, to the map unit.
            rows.entry((lane, p.y.round() as i64))
                .or_default()
                .push((p.x, i));
        }
    }
    let mut lowered = vec![false; ws.stakeholders.len()];
    for row in rows.values_mut() {
        row.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for &(_, i) in row.iter().skip(1).step_by(2) {
            lowered[i] = true;
        }
    }
    lowered
}

fn edges(ws: &Workspace, index: &StakeholderIndex) -> Vec<Edge> {
    ws.relationships
        .iter()
        .filter_map(|r| {
            Some(Edge {
                from: index.get(r.from)?,
                to: index.get(r.to)?,
                kind: r.kind,
            })
        })
        .collect()
}

fn bundles(ws: &Workspace, edges: &[Edge]) -> Vec<Bundle> {
    let lane = |i: usize| ws.stakeholders.get(i).map(|s| Lane::of(s.category));
    let mut counts: BTreeMap<(Lane, Lane), usize> = BTreeMap::new();
    for edge in edges {
        if let (Some(a), Some(b)) = (lane(edge.from), lane(edge.to)) {
            *counts.entry((a.min(b), a.max(b))).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|((a, b), count)| Bundle { a, b, count })
        .collect()
}
