//! A short-lived message over the bottom of the window that offers to undo
//! what was just done: "Deleted Ironvale Steelworks and its 3 commitments —
//! Undo". It goes after a few seconds, or as soon as the document changes
//! again (its Undo would then undo something else).

use egui::{Align2, RichText};

use crate::command::Command;
use crate::views::Outbox;

/// How long a toast stays, in seconds.
const SHOWN_FOR: f64 = 8.0;

/// What a toast says, and which revision of the document its Undo undoes.
#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    text: String,
    /// The document's revision right after the change the toast is about.
    revision: u64,
    /// When it was first shown (egui's clock), once it has been.
    since: Option<f64>,
}

impl Toast {
    pub fn new(text: String, revision: u64) -> Self {
        Self {
            text,
            revision,
            since: None,
        }
    }

    /// Draws the toast; returns false once it is over (timed out, or the
    /// document changed since).
    pub fn ui(&mut self, ctx: &egui::Context, revision: u64, out: &mut Outbox) -> bool {
        let now = ctx.input(|i| i.time);
        let since = *self.since.get_or_insert(now);
        if revision != self.revision || now - since > SHOWN_FOR {
            return false;
        }
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(
            (SHOWN_FOR - (now - since)).max(0.05),
        ));
        egui::Area::new(egui::Id::unique("flywheel-toast"))
            .anchor(Align2::CENTER_BOTTOM, egui::vec2(0.0, -40.0))
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(&self.text).strong());
                        let shortcut = Command::Undo
                            .shortcut()
                            .map(|s| format!(" ({})", ui.ctx().format_shortcut(&s)))
                            .unwrap_or_default();
                        if ui
                            .button("Undo")
                            .on_hover_text(format!("Bring it back{shortcut}"))
                            .clicked()
                        {
                            out.command(Command::Undo);
                        }
                    });
                });
            });
        true
    }
}
