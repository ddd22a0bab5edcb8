//! The slides a facilitator presents from, in order.

use super::labels::labelled_enum;

labelled_enum! {
    /// One slide of presenter mode: a view of the workspace, shown on its
    /// own. `ALL` is the default deck, in order.
    pub enum Slide {
        /// The coalition's title, sector and shared vision.
        SharedVision => "Shared vision",
        InfluenceSupport => "Influence & support",
        ValueChain => "Value chain",
        WhiteSpaces => "White spaces",
        /// Demand, supply, finance and policy: the bottleneck and who can
        /// push it next (format 5 on).
        Flywheel => "Flywheel",
        Momentum => "Momentum",
        Roadmap => "Roadmap",
        /// What changed since the last workshop.
        SinceLastWorkshop => "What changed since the last workshop",
        /// What the workshop that just ended brought; last, and only after
        /// one ended.
        WorkshopSummary => "Workshop summary",
    }
}

impl Slide {
    /// The deck presenter mode starts with, in order.
    pub const DEFAULT_DECK: [Slide; 8] = [
        Slide::SharedVision,
        Slide::InfluenceSupport,
        Slide::ValueChain,
        Slide::WhiteSpaces,
        Slide::Flywheel,
        Slide::Momentum,
        Slide::Roadmap,
        Slide::SinceLastWorkshop,
    ];
}
