//! Setting up a mock panel: the candidate, the panelists (name and role), saved setups;
//! then the round, chosen as in solo practice.

use eframe::egui::{self, RichText};

use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use crate::app::command::{
    Commands, Effect, FolderFor, PanelViewCommand, RemoteEffect, SoundCommand, ViewCommand,
};
use crate::app::state::AppState;
use crate::app::theme::{self, Palette};
use crate::session::{PanelRole, PanelStart, Panelist, RoundKind};
use crate::store::PanelSetup;

const ROUND_KINDS: [RoundKind; 4] = [
    RoundKind::FullLoop,
    RoundKind::LeadershipDrill,
    RoundKind::Quick,
    RoundKind::Custom,
];

pub struct PanelSetupState {
    pub candidate: String,
    pub panelists: Vec<Panelist>,
    /// Name under which "Save this panel" stores the panelists.
    pub setup_name: String,
    /// As read from `panels.ron` when the screen opened (and after each save).
    pub saved: Vec<PanelSetup>,
    /// `panels.ron` could not be read: it is left untouched, so saving is off.
    pub saved_unreadable: bool,
    /// Panelists on their own machines, through the folder `remote_folder`.
    pub remote: bool,
    pub remote_folder: String,
    /// The folder dialog's answer, while it is open.
    pub dialog: Option<Receiver<Option<PathBuf>>>,
}

impl PanelSetupState {
    pub fn new(saved: Vec<PanelSetup>, saved_unreadable: bool) -> Self {
        Self {
            candidate: String::new(),
            panelists: Panelist::default_panel(),
            setup_name: String::new(),
            saved,
            saved_unreadable,
            remote: false,
            remote_folder: String::new(),
            dialog: None,
        }
    }

    /// The folder the panel is shared through, when panelists are on their own machines.
    pub fn shared_folder(&self) -> Option<PathBuf> {
        let folder = self.remote_folder.trim();
        (self.remote && !folder.is_empty()).then(|| expand_home(folder))
    }

    pub fn start(&self) -> PanelStart {
        PanelStart {
            candidate: self.candidate.clone(),
            panelists: self.panelists.clone(),
        }
    }

    /// A panel needs at least one panelist, each with a name, and a folder when shared.
    pub fn is_ready(&self) -> bool {
        !self.panelists.is_empty()
            && self.panelists.iter().all(|p| !p.name.trim().is_empty())
            && (!self.remote || self.shared_folder().is_some())
    }
}

pub fn panel_setup_ui(
    ui: &mut egui::Ui,
    setup: &mut PanelSetupState,
    state: &AppState,
    commands: &mut Commands,
) {
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        theme::reading_column(ui, 120.0);
        let palette = Palette::current(ui);
        crate::app::widgets::a11y::page_heading(ui, "Set up a mock panel");
        ui.label(
            RichText::new(
                "The panel sees the rubric; the candidate sees only the question and the clock. \
                 Each panelist scores blind; the debrief shows where you agree.",
            )
            .color(palette.muted),
        );
        ui.add_space(theme::SECTION_GAP);
        ui.horizontal(|ui| {
            let label = ui.label(RichText::new("Candidate").strong());
            ui.add(egui::TextEdit::singleline(&mut setup.candidate).hint_text("Their name"))
                .labelled_by(label.id);
        });
        ui.add_space(theme::SECTION_GAP);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Panelists").strong());
            ui.add_space(16.0);
            let mut remote = setup.remote;
            if ui
                .checkbox(&mut remote, "Panelists on their own machines")
                .on_hover_text("Each panelist joins from their own computer, through a folder you share")
                .changed()
            {
                commands.push(ViewCommand::Panel(PanelViewCommand::SetRemote(remote)));
            }
        });
        panelists_ui(ui, setup, commands);
        if setup.remote {
            ui.add_space(theme::SECTION_GAP);
            where_ui(ui, setup, commands);
        }
        ui.add_space(theme::SECTION_GAP);
        let locked = state.read_only() || setup.saved_unreadable;
        saved_ui(ui, setup, locked, commands);
        ui.add_space(theme::SECTION_GAP);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Choose the round").strong());
            ui.add_space(16.0);
            record_ui(ui, state.sound.recording.wanted, commands);
        });
        if setup.remote && setup.shared_folder().is_none() {
            ui.colored_label(palette.warn, "Choose the panel folder first.");
        } else if !setup.is_ready() {
            ui.colored_label(palette.warn, "Every panelist needs a name.");
        }
        let empty = state.catalog.question_count() == 0;
        egui::Grid::new("panel-rounds")
            .num_columns(2)
            .spacing([16.0, 10.0])
            .show(ui, |ui| {
                for kind in ROUND_KINDS {
                    let button = ui.add_enabled(
                        setup.is_ready() && !empty,
                        egui::Button::new(kind.label()).min_size(egui::vec2(190.0, 30.0)),
                    );
                    if button.clicked() {
                        commands.push(ViewCommand::PlanRound {
                            kind,
                            panel: Some(setup.start()),
                        });
                    }
                    ui.add(egui::Label::new(RichText::new(kind.description()).color(palette.muted)).wrap());
                    ui.end_row();
                }
            });
        ui.add_space(theme::SECTION_GAP);
        if ui.button("Back").clicked() {
            commands.push(ViewCommand::Navigate(crate::app::screens::ScreenId::Home));
        }
    });
}

/// The Record switch of a panel round: the host's microphone records each answer while its
/// clock runs. The same switch as on the round's setup and the running question.
fn record_ui(ui: &mut egui::Ui, record: bool, commands: &mut Commands) {
    let mut record = record;
    if ui
        .checkbox(&mut record, "Record the answers")
        .on_hover_text(
            "Records this computer's microphone while each answer clock runs; \
             the recordings stay on this machine",
        )
        .changed()
    {
        commands.push(Effect::Sound(SoundCommand::SetRecord(record)));
    }
}

/// A typed path with a leading `~/` means the home folder.
pub fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// Panelists on their own machines: the folder shared with them.
fn where_ui(ui: &mut egui::Ui, setup: &mut PanelSetupState, commands: &mut Commands) {
    let palette = Palette::current(ui);
    ui.label(RichText::new("The panel folder").strong());
    ui.add(
        egui::Label::new(
            RichText::new(
                "Choose a folder you share with the panelists through a sync tool you trust \
                 (Syncthing, Dropbox, Google Drive, OneDrive, iCloud Drive, a network share). \
                 Each panelist opens it with Join a panel on their machine and scores blind there.",
            )
            .color(palette.muted),
        )
        .wrap(),
    );
    ui.horizontal(|ui| {
        let label = ui.label("Panel folder");
        ui.add(
            egui::TextEdit::singleline(&mut setup.remote_folder)
                .hint_text("e.g. ~/Sync/panel-sam")
                .desired_width(360.0),
        )
        .labelled_by(label.id);
        let choosing = setup.dialog.is_some();
        if ui
            .add_enabled(!choosing, egui::Button::new("Choose folder…"))
            .clicked()
        {
            commands.push(Effect::Remote(RemoteEffect::ChooseFolder(FolderFor::Host)));
        }
    });
}

fn panelists_ui(ui: &mut egui::Ui, setup: &mut PanelSetupState, commands: &mut Commands) {
    let count = setup.panelists.len();
    egui::Grid::new("panelists")
        .num_columns(3)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            for (i, panelist) in setup.panelists.iter_mut().enumerate() {
                // sized explicitly: in a grid column a text field otherwise keeps the first frame's tiny width
                let size = egui::vec2(220.0, ui.spacing().interact_size.y);
                let response = ui.add_sized(size, egui::TextEdit::singleline(&mut panelist.name));
                let accessible = format!("Panelist {} name", i + 1);
                let name = panelist.name.clone();
                // the column has no visible label: name the field itself (a hint is not a name)
                response.widget_info(|| egui::WidgetInfo {
                    label: Some(accessible.clone()),
                    ..egui::WidgetInfo::text_edit(true, &name, &name, "")
                });
                let combo = egui::ComboBox::from_id_salt(("panelist-role", i))
                    .selected_text(panelist.role.label())
                    .width(200.0)
                    .show_ui(ui, |ui| {
                        for role in PanelRole::ALL {
                            if ui.selectable_label(panelist.role == role, role.label()).clicked() {
                                commands.push(ViewCommand::Panel(PanelViewCommand::SetRole(i, role)));
                            }
                        }
                    });
                let accessible = format!("Panelist {} role", i + 1);
                combo
                    .response
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &accessible));
                if ui
                    .add_enabled(count > 1, egui::Button::new(format!("Remove panelist {}", i + 1)))
                    .clicked()
                {
                    commands.push(ViewCommand::Panel(PanelViewCommand::RemovePanelist(i)));
                }
                ui.end_row();
            }
        });
    if ui.button("Add panelist").clicked() {
        commands.push(ViewCommand::Panel(PanelViewCommand::AddPanelist));
    }
}

fn saved_ui(ui: &mut egui::Ui, setup: &mut PanelSetupState, read_only: bool, commands: &mut Commands) {
    let palette = Palette::current(ui);
    ui.label(RichText::new("Saved panels").strong());
    if setup.saved_unreadable {
        ui.colored_label(
            palette.warn,
            "The saved panels file cannot be read (see the notice above); saving is off.",
        );
    } else if setup.saved.is_empty() {
        ui.label(RichText::new("None yet: save this one to reuse it.").color(palette.muted));
    }
    for (i, saved) in setup.saved.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let names: Vec<&str> = saved.panelists.iter().map(|p| p.name.as_str()).collect();
            ui.label(RichText::new(&saved.name).strong());
            ui.label(RichText::new(names.join(", ")).color(palette.muted));
            if ui.button(format!("Use {}", saved.name)).clicked() {
                commands.push(ViewCommand::Panel(PanelViewCommand::UseSavedSetup(i)));
            }
            if ui
                .add_enabled(!read_only, egui::Button::new(format!("Delete {}", saved.name)))
                .clicked()
            {
                commands.push(Effect::DeleteSavedPanelSetup(i));
            }
        });
    }
    ui.horizontal(|ui| {
        let label = ui.label("Save as");
        ui.add(egui::TextEdit::singleline(&mut setup.setup_name).hint_text("e.g. Acme Director loop"))
            .labelled_by(label.id);
        let can_save = !read_only && setup.is_ready() && !setup.setup_name.trim().is_empty();
        if ui
            .add_enabled(can_save, egui::Button::new("Save this panel"))
            .clicked()
        {
            commands.push(Effect::SavePanelSetup);
        }
    });
}

/// A line on the round setup screen saying this round is a mock panel's.
pub fn panel_banner_ui(ui: &mut egui::Ui, panel: &PanelStart) {
    let names: Vec<String> = panel
        .panelists
        .iter()
        .map(|p| format!("{} ({})", p.name, p.role.label()))
        .collect();
    let candidate = if panel.candidate.trim().is_empty() {
        "Mock panel".to_owned()
    } else {
        format!("Mock panel for {}", panel.candidate.trim())
    };
    ui.colored_label(
        Palette::current(ui).accent,
        format!("{candidate} · panel: {}", names.join(", ")),
    );
}
