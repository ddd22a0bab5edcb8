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
        Momentum => "Momentum",
        Roadmap => "Roadmap",
        /// What changed since the last workshop.
        SinceLastWorkshop => "What changed since the last workshop",
    }
}
