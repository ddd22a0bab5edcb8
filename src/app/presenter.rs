//! Presenter mode (F5, View › Present): full screen, no side panels, large
//! type, one view at a time as a slide. ←/→ or PageUp/PageDown (what
//! presentation clickers send) step through the deck; Esc leaves.
//!
//! A slide never shows confidential data: it draws from the share copy's
//! redaction (`exchange::presentation`), made again whenever the workspace
//! changes, never from the workspace itself. With "Anonymise names" every
//! stakeholder is "Industry A", "Bank B"… The slides have their own views,
//! so no cache of the normal window (a map's recorded names) can show
//! through, and what the slides queue is dropped: presenting changes
//! nothing.

use chrono::NaiveDate;
use egui::{Key, Modifiers, RichText, Ui, ViewportCommand};

use super::{FlywheelApp, Views};
use crate::edit::Document;
use crate::exchange::presentation::presentation_copy;
use crate::model::{Slide, WorkshopId, Workspace};
use crate::views::{Outbox, Selection, Since, ViewContext};

/// Presenter mode while it is on.
pub(super) struct Presenter {
    deck: Vec<Slide>,
    current: usize,
    anonymise: bool,
    /// What the slides show, and the workspace revision and anonymise
    /// setting it was made from (none once another workspace replaced the
    /// one it was made from).
    shown: Document,
    made_from: Option<(u64, bool)>,
    views: Box<Views>,
    selection: Selection,
    /// The window's zoom before presenting, given back on leaving.
    zoom_before: f32,
}

impl Presenter {
    fn new(
        ws: &Workspace,
        revision: u64,
        today: NaiveDate,
        anonymise: bool,
        zoom_before: f32,
        summary_of: Option<WorkshopId>,
    ) -> Self {
        let mut deck = ws.deck();
        deck.retain(|s| *s != Slide::WorkshopSummary);
        if deck.is_empty() {
            deck = Slide::DEFAULT_DECK.to_vec();
        }
        if summary_of.is_some() {
            deck.push(Slide::WorkshopSummary);
        }
        let mut views = slide_views(ws, today);
        views.summary.workshop = summary_of;
        Self {
            deck,
            current: 0,
            anonymise,
            shown: Document::new(presentation_copy(ws, anonymise, today)),
            made_from: Some((revision, anonymise)),
            views,
            selection: Selection::default(),
            zoom_before,
        }
    }

    /// Another workspace replaced the one presented: show it, from the
    /// start of its views.
    pub(super) fn workspace_replaced(&mut self) {
        self.made_from = None;
    }

    fn slide(&self) -> Slide {
        self.deck
            .get(self.current)
            .copied()
            .unwrap_or(Slide::SharedVision)
    }

    fn step(&mut self, by: isize) {
        let last = self.deck.len().saturating_sub(1);
        self.current = self.current.saturating_add_signed(by).min(last);
    }
}

/// Fresh views for the slides; "since the last workshop" is since the
/// latest one held by today.
fn slide_views(ws: &Workspace, today: NaiveDate) -> Box<Views> {
    let mut views = Box::<Views>::default();
    views.since.since = ws
        .workshops
        .iter()
        .filter(|w| w.date <= today)
        .max_by_key(|w| w.date)
        .map(|w| Since::Workshop(w.id));
    views
}

/// What a key does while presenting.
enum Step {
    By(isize),
    First,
    Last,
    Leave,
}

fn step_pressed(input: &mut egui::InputState) -> Option<Step> {
    let mut take = |key| input.consume_key(Modifiers::NONE, key);
    if take(Key::ArrowRight) || take(Key::PageDown) || take(Key::Space) {
        Some(Step::By(1))
    } else if take(Key::ArrowLeft) || take(Key::PageUp) {
        Some(Step::By(-1))
    } else if take(Key::Home) {
        Some(Step::First)
    } else if take(Key::End) {
        Some(Step::Last)
    } else if take(Key::Escape) || take(Key::F5) {
        Some(Step::Leave)
    } else {
        None
    }
}

impl FlywheelApp {
    pub fn is_presenting(&self) -> bool {
        self.presenter.is_some()
    }

    /// The slide on screen, while presenting.
    pub fn presented_slide(&self) -> Option<Slide> {
        self.presenter.as_ref().map(Presenter::slide)
    }

    /// The workspace the slides show, while presenting.
    pub fn presented_workspace(&self) -> Option<&Workspace> {
        self.presenter.as_ref().map(|p| p.shown.workspace())
    }

    pub(super) fn start_presenting(&mut self, ctx: &egui::Context) {
        let today = self.today();
        let summary_of = self
            .ended_workshop
            .filter(|id| self.doc.workspace().workshops.iter().any(|w| w.id == *id));
        let mut presenter = Presenter::new(
            self.doc.workspace(),
            self.doc.revision(),
            today,
            self.prefs.anonymise_when_presenting,
            ctx.zoom_factor(),
            summary_of,
        );
        if std::mem::take(&mut self.present_summary) {
            presenter.current = presenter.deck.len().saturating_sub(1);
        }
        self.presenter = Some(presenter);
        ctx.set_zoom_factor(self.prefs.presenter_zoom.clamp(0.5, 3.0));
        ctx.send_viewport_cmd(ViewportCommand::Fullscreen(true));
    }

    pub(super) fn stop_presenting(&mut self, ctx: &egui::Context) {
        if let Some(presenter) = self.presenter.take() {
            self.prefs.presenter_zoom = ctx.zoom_factor();
            ctx.set_zoom_factor(presenter.zoom_before);
            ctx.send_viewport_cmd(ViewportCommand::Fullscreen(false));
        }
    }

    /// Keys while presenting: slides and leaving. Zoom shortcuts still
    /// work; nothing that would change the workspace does.
    pub(super) fn presenter_keys(&mut self, ctx: &egui::Context) {
        let Some(presenter) = &mut self.presenter else {
            return;
        };
        match ctx.input_mut(step_pressed) {
            Some(Step::By(by)) => presenter.step(by),
            Some(Step::First) => presenter.current = 0,
            Some(Step::Last) => presenter.current = presenter.deck.len().saturating_sub(1),
            Some(Step::Leave) => self.stop_presenting(ctx),
            None => {}
        }
    }

    /// The whole window while presenting: a thin bar with the slide's name
    /// and place in the deck, and the slide.
    pub(super) fn presenter_ui(&mut self, ui: &mut Ui) {
        let today = self.today();
        let revision = self.doc.revision();
        let ws = self.doc.workspace();
        let Some(presenter) = &mut self.presenter else {
            return;
        };
        if presenter.made_from.is_none() {
            let summary = presenter.views.summary.workshop;
            presenter.views = slide_views(ws, today);
            presenter.views.summary.workshop = summary;
            presenter.selection = Selection::default();
        }
        if presenter.made_from != Some((revision, presenter.anonymise)) {
            presenter.shown = Document::new(presentation_copy(ws, presenter.anonymise, today));
            presenter.made_from = Some((revision, presenter.anonymise));
        }
        let mut leave = false;
        let mut anonymise = presenter.anonymise;
        egui::Panel::top("presenter-bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new(presenter.slide().label()).strong().size(18.0));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button("✖ Leave")
                        .on_hover_text("Leave presenter mode (Esc)")
                        .clicked()
                    {
                        leave = true;
                    }
                    ui.checkbox(&mut anonymise, "Anonymise names")
                        .on_hover_text(
                            "Show every stakeholder as its category and a letter (“Industry A”), \
                         and commitments by their kind only",
                        );
                    let next = ui.add_enabled(
                        presenter.current + 1 < presenter.deck.len(),
                        egui::Button::new("▶"),
                    );
                    let counter = format!("{} / {}", presenter.current + 1, presenter.deck.len());
                    ui.label(RichText::new(counter).weak());
                    let previous = ui.add_enabled(presenter.current > 0, egui::Button::new("◀"));
                    if next
                        .accessible_name("Next slide")
                        .on_hover_text("Next slide (Right arrow)")
                        .clicked()
                    {
                        presenter.step(1);
                    }
                    if previous
                        .accessible_name("Previous slide")
                        .on_hover_text("Previous slide (Left arrow)")
                        .clicked()
                    {
                        presenter.step(-1);
                    }
                });
            });
        });
        egui::CentralPanel::default().show(ui, |ui| {
            // What a slide queues (a dragged node, a typed filter) is
            // dropped: presenting changes nothing.
            let mut out = Outbox::default();
            let slide = presenter.slide();
            let mut cx =
                ViewContext::new(&presenter.shown, today, &mut presenter.selection, &mut out);
            cx.read_only = true;
            let views = &mut presenter.views;
            match slide {
                Slide::SharedVision => views.vision.ui(ui, &mut cx),
                Slide::InfluenceSupport => views.grid.ui(ui, &mut cx),
                Slide::ValueChain => views.value_chain.ui(ui, &mut cx),
                Slide::WhiteSpaces => views.white_spaces.ui(ui, &mut cx),
                Slide::Flywheel => views.flywheel.ui(ui, &mut cx),
                Slide::Momentum => views.momentum.ui(ui, &mut cx),
                Slide::Roadmap => views.roadmap.ui(ui, &mut cx),
                Slide::SinceLastWorkshop => views.since.ui(ui, &mut cx),
                Slide::WorkshopSummary => views.summary.ui(ui, &mut cx),
            }
        });
        if anonymise != presenter.anonymise {
            presenter.anonymise = anonymise;
            self.prefs.anonymise_when_presenting = anonymise;
        }
        if leave {
            let ctx = ui.ctx().clone();
            self.stop_presenting(&ctx);
        }
    }
}
