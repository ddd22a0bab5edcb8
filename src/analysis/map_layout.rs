//! Where stakeholders sit on the value-chain map: lanes by category
//! (suppliers → industry → buyers in the middle, finance above, government
//! and civil society below) and an automatic arrangement within each lane
//! that keeps linked stakeholders near each other and never overlaps.

use petgraph::graph::{NodeIndex, UnGraph};

use crate::model::{Category, MapPoint, Workspace};

/// A band or column of the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lane {
    Finance,
    Supply,
    Industry,
    Demand,
    Government,
    Support,
}

impl Lane {
    pub const ALL: [Lane; 6] = [
        Lane::Finance,
        Lane::Supply,
        Lane::Industry,
        Lane::Demand,
        Lane::Government,
        Lane::Support,
    ];

    pub fn of(category: Category) -> Lane {
        match category {
            Category::Bank | Category::Investor => Lane::Finance,
            Category::Supplier => Lane::Supply,
            Category::Industry => Lane::Industry,
            Category::Buyer => Lane::Demand,
            Category::Government => Lane::Government,
            Category::CivilSociety | Category::ServiceProvider => Lane::Support,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Lane::Finance => "Finance: banks and investors",
            Lane::Supply => "Suppliers",
            Lane::Industry => "Industry",
            Lane::Demand => "Buyers",
            Lane::Government => "Government and regulators",
            Lane::Support => "Civil society and service providers",
        }
    }

    /// Columns run top to bottom; bands run left to right.
    pub fn is_column(self) -> bool {
        matches!(self, Lane::Supply | Lane::Industry | Lane::Demand)
    }
}

/// Map units between rows in a column lane.
pub const ROW_SPACING: f32 = 52.0;
/// Map units between stakeholders side by side in a band.
pub const BAND_SPACING: f32 = 190.0;
/// Map units between the rows of a band.
pub const BAND_ROW_SPACING: f32 = 84.0;
/// How far below its row's top a band node sits: the rest of the row is
/// for its name, which may take two lines (every other name is a line
/// lower, see the value chain's labels).
pub const BAND_NODE_TOP: f32 = 24.0;
/// The width of a column lane with one column of stakeholders.
pub const COLUMN_WIDTH: f32 = 320.0;
/// The width of each further column when a lane needs several.
const SUBCOLUMN_WIDTH: f32 = 200.0;
/// A column lane wraps into a new column after this many rows (more for
/// very big lanes, which are kept roughly square).
const MAX_ROWS_PER_COLUMN: usize = 30;
/// Room for the lane's title above its first row.
pub const LANE_HEADER: f32 = 36.0;
/// Space between bands.
const GAP: f32 = 40.0;
/// Space between the supply, industry and demand columns, where most links run.
const COLUMN_GAP: f32 = 140.0;

/// A lane's rectangle on the map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LaneBox {
    pub lane: Lane,
    /// How many stakeholders belong to the lane.
    pub count: usize,
    pub min: MapPoint,
    pub max: MapPoint,
    /// How wide a name may be in this lane before it reaches the next
    /// node's place, in map units from its node's centre: beside the node
    /// in the supply, industry and demand columns, centred under it in the
    /// bands above and below.
    pub name_room: f32,
}

/// How far a column's nodes sit from its left edge, in map units.
const NODE_INSET: f32 = 24.0;

/// Space a node's name keeps clear of its neighbour's, in map units.
const NAME_MARGIN: f32 = 12.0;

/// Positions for every stakeholder (in workspace order) and the lanes.
#[derive(Clone, Debug, PartialEq)]
pub struct MapLayout {
    pub positions: Vec<MapPoint>,
    pub lanes: Vec<LaneBox>,
}

/// How a lane is cut into rows and columns.
#[derive(Clone, Copy, Debug)]
struct Grid {
    columns: usize,
    rows: usize,
}

fn column_grid(n: usize) -> Grid {
    // Big lanes grow about as wide as they are tall, not into one long strip.
    let square_rows = ((n as f32 * SUBCOLUMN_WIDTH / ROW_SPACING).sqrt().ceil()) as usize;
    let rows_per_column = MAX_ROWS_PER_COLUMN.max(square_rows);
    let columns = n.div_ceil(rows_per_column).max(1);
    Grid {
        columns,
        rows: n.div_ceil(columns).max(1),
    }
}

fn column_width(grid: Grid) -> f32 {
    COLUMN_WIDTH.max(grid.columns as f32 * SUBCOLUMN_WIDTH)
}

/// Lays out `members` (stakeholder indices per lane, in order) and returns
/// the positions and lane boxes.
fn place(members: &[Vec<usize>; 6], count: usize) -> MapLayout {
    let lane_members = |lane: Lane| &members[lane as usize];
    let columns = [Lane::Supply, Lane::Industry, Lane::Demand];
    let grids = columns.map(|lane| column_grid(lane_members(lane).len()));
    let widths = grids.map(column_width);
    let middle_width = widths.iter().sum::<f32>() + COLUMN_GAP * 2.0;
    let middle_height =
        LANE_HEADER + grids.iter().map(|g| g.rows).max().unwrap_or(1) as f32 * ROW_SPACING;
    let per_row = ((middle_width / BAND_SPACING).floor() as usize).max(1);
    let band_height = |lane: Lane| {
        LANE_HEADER + lane_members(lane).len().div_ceil(per_row).max(1) as f32 * BAND_ROW_SPACING
    };

    let mut positions = vec![MapPoint { x: 0.0, y: 0.0 }; count];
    let mut lanes = Vec::with_capacity(6);
    let mut band = |lane: Lane, top: f32| {
        let height = band_height(lane);
        for (k, &i) in lane_members(lane).iter().enumerate() {
            positions[i] = MapPoint {
                x: (k % per_row) as f32 * BAND_SPACING + BAND_SPACING / 2.0,
                y: top + LANE_HEADER + (k / per_row) as f32 * BAND_ROW_SPACING + BAND_NODE_TOP,
            };
        }
        lanes.push(LaneBox {
            lane,
            count: lane_members(lane).len(),
            min: MapPoint { x: 0.0, y: top },
            max: MapPoint {
                x: middle_width,
                y: top + height,
            },
            name_room: BAND_SPACING - NAME_MARGIN,
        });
        top + height + GAP
    };
    let finance_top = 0.0;
    let middle_top = band(Lane::Finance, finance_top);
    let government_top = middle_top + middle_height + GAP;
    let support_top = band(Lane::Government, government_top);
    band(Lane::Support, support_top);

    let mut left = 0.0;
    for ((lane, grid), width) in columns.iter().zip(grids).zip(widths) {
        let sub_width = width / grid.columns as f32;
        for (k, &i) in lane_members(*lane).iter().enumerate() {
            positions[i] = MapPoint {
                x: left + (k / grid.rows) as f32 * sub_width + NODE_INSET,
                y: middle_top
                    + LANE_HEADER
                    + (k % grid.rows) as f32 * ROW_SPACING
                    + ROW_SPACING / 2.0,
            };
        }
        lanes.push(LaneBox {
            lane: *lane,
            count: lane_members(*lane).len(),
            min: MapPoint {
                x: left,
                y: middle_top,
            },
            max: MapPoint {
                x: left + width,
                y: middle_top + middle_height,
            },
            name_room: sub_width - NODE_INSET - NAME_MARGIN,
        });
        left += width + COLUMN_GAP;
    }
    lanes.sort_by_key(|b| b.lane);
    MapLayout { positions, lanes }
}

fn lane_members(ws: &Workspace) -> [Vec<usize>; 6] {
    let mut members: [Vec<usize>; 6] = Default::default();
    for (i, s) in ws.stakeholders.iter().enumerate() {
        members[Lane::of(s.category) as usize].push(i);
    }
    members
}

/// The lanes' default arrangement: each lane in workspace order.
pub fn lane_layout(ws: &Workspace) -> MapLayout {
    place(&lane_members(ws), ws.stakeholders.len())
}

/// Arranges every stakeholder in its lane so that linked stakeholders sit
/// close together: a few rounds of the barycentre heuristic (each node moves
/// towards the mean position of its neighbours along its lane), then the
/// lane's slots are filled in that order, so no two nodes overlap.
/// Saved positions are ignored: this is what "Auto-layout" applies.
pub fn auto_layout(ws: &Workspace) -> MapLayout {
    let n = ws.stakeholders.len();
    let mut graph: UnGraph<(), ()> = UnGraph::with_capacity(n, ws.relationships.len());
    let nodes: Vec<NodeIndex> = (0..n).map(|_| graph.add_node(())).collect();
    let index = ws.stakeholder_index();
    for r in &ws.relationships {
        if let (Some(a), Some(b)) = (index.get(r.from), index.get(r.to)) {
            graph.update_edge(nodes[a], nodes[b], ());
        }
    }
    let mut members = lane_members(ws);
    let mut layout = place(&members, n);
    for _ in 0..4 {
        for lane in Lane::ALL {
            let along = |p: MapPoint| if lane.is_column() { p.y } else { p.x };
            let mut keyed: Vec<(f32, usize, usize)> = members[lane as usize]
                .iter()
                .enumerate()
                .map(|(rank, &i)| {
                    let (sum, count) = graph
                        .neighbors(nodes[i])
                        .map(|j| along(layout.positions[j.index()]))
                        .fold((0.0, 0usize), |(s, c), v| (s + v, c + 1));
                    let key = if count == 0 {
                        along(layout.positions[i])
                    } else {
                        sum / count as f32
                    };
                    (key, rank, i)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            members[lane as usize] = keyed.into_iter().map(|(_, _, i)| i).collect();
            // Lane by lane, so each lane sorts against its neighbours' new order.
            layout = place(&members, n);
        }
    }
    layout
}

/// Each stakeholder's position: the saved one, else its place in `defaults`.
pub fn positions(ws: &Workspace, defaults: &MapLayout) -> Vec<MapPoint> {
    ws.stakeholders
        .iter()
        .zip(&defaults.positions)
        .map(|(s, default)| s.map_position.unwrap_or(*default))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Relationship, RelationshipKind, Sector, Stakeholder};

    fn workspace(n: usize) -> Workspace {
        let mut ws = Workspace::new("T", Sector::IronSteel);
        for i in 0..n {
            let category = Category::ALL[i % Category::ALL.len()];
            ws.stakeholders
                .push(Stakeholder::new(format!("S{i}"), category));
        }
        ws
    }

    fn assert_no_overlaps(layout: &MapLayout) {
        let p = &layout.positions;
        for i in 0..p.len() {
            for j in i + 1..p.len() {
                let d = ((p[i].x - p[j].x).powi(2) + (p[i].y - p[j].y).powi(2)).sqrt();
                assert!(d >= ROW_SPACING - 0.01, "nodes {i} and {j} are {d} apart");
            }
        }
    }

    #[test]
    fn every_category_has_its_lane_and_nothing_overlaps() {
        let ws = workspace(200);
        let layout = auto_layout(&ws);
        assert_no_overlaps(&layout);
        for (s, p) in ws.stakeholders.iter().zip(&layout.positions) {
            let lane = layout
                .lanes
                .iter()
                .find(|b| b.lane == Lane::of(s.category))
                .unwrap();
            assert!(
                p.x >= lane.min.x && p.x <= lane.max.x && p.y >= lane.min.y && p.y <= lane.max.y
            );
        }
        // Suppliers, industry and buyers read left to right.
        let x = |lane| layout.lanes.iter().find(|b| b.lane == lane).unwrap().min.x;
        assert!(x(Lane::Supply) < x(Lane::Industry) && x(Lane::Industry) < x(Lane::Demand));
    }

    #[test]
    fn linked_stakeholders_are_pulled_together() {
        let mut ws = workspace(0);
        let mills: Vec<Stakeholder> = (0..6)
            .map(|i| Stakeholder::new(format!("Mill {i}"), Category::Industry))
            .collect();
        let buyers: Vec<Stakeholder> = (0..6)
            .map(|i| Stakeholder::new(format!("Buyer {i}"), Category::Buyer))
            .collect();
        // Buyer k buys from mill 5 - k: the lane order alone would cross every link.
        for k in 0..6 {
            ws.relationships.push(Relationship::new(
                buyers[k].id,
                mills[5 - k].id,
                RelationshipKind::BuysFrom,
            ));
        }
        ws.stakeholders.extend(mills);
        ws.stakeholders.extend(buyers);
        let layout = auto_layout(&ws);
        for k in 0..6 {
            let mill = layout.positions[5 - k];
            let buyer = layout.positions[6 + k];
            assert!(
                (mill.y - buyer.y).abs() < 0.01,
                "buyer {k} level with its mill"
            );
        }
        assert_no_overlaps(&layout);
    }

    #[test]
    fn saved_positions_win_and_layout_is_deterministic() {
        let mut ws = workspace(20);
        ws.stakeholders[3].map_position = Some(MapPoint { x: -500.0, y: 7.0 });
        let defaults = auto_layout(&ws);
        assert_eq!(defaults, auto_layout(&ws));
        let p = positions(&ws, &defaults);
        assert_eq!(p[3], MapPoint { x: -500.0, y: 7.0 });
        assert_eq!(p[4], defaults.positions[4]);
    }

    #[test]
    fn big_lanes_wrap_into_columns_and_rows() {
        let ws = workspace(2_000);
        let layout = lane_layout(&ws);
        let industry = layout
            .lanes
            .iter()
            .find(|b| b.lane == Lane::Industry)
            .unwrap();
        assert!(industry.max.y - industry.min.y < 40.0 * ROW_SPACING);
        assert_no_overlaps(&layout);
    }
}
