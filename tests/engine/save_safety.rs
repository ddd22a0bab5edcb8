//! Saving survives anything: a kill at any instant, a full disk, special
//! files and symbolic links. The kill test runs this test binary again as
//! a child process (`save_loop_child`) that saves in a loop until killed.

use std::cell::Cell;
use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use flywheel::file::{self, FileErrorKind};
use flywheel::model::Workspace;
use flywheel::synthetic::synthetic_workspace;

use crate::support::{child_test, demo, temp_dir};

/// Set in the child process to the path it saves to.
const CHILD_PATH_VAR: &str = "FLYWHEEL_SAVE_LOOP_PATH";
/// Set in the child process to the file it loads the old workspace from.
const CHILD_SOURCE_VAR: &str = "FLYWHEEL_SAVE_LOOP_SOURCE";
/// The line the child prints once it starts saving.
const READY: &str = "FLYWHEEL-SAVE-LOOP-READY";

/// The workspace in `source` (JSON, which a debug build reads much faster
/// than RON) and a copy that differs in its title.
fn two_workspaces(source: &Path) -> (Workspace, Workspace) {
    let old: Workspace = serde_json::from_slice(&fs::read(source).unwrap()).unwrap();
    let mut new = old.clone();
    new.title = "New coalition".into();
    (old, new)
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn temp_files_in(dir: &Path) -> Vec<String> {
    names_in(dir)
        .into_iter()
        .filter(|name| name.contains(".flywheel-") && name.ends_with(".tmp"))
        .collect()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Not a test on its own: the kill test's child process. Saves the two
/// workspaces in turn to the path in `FLYWHEEL_SAVE_LOOP_PATH` until killed.
#[test]
fn save_loop_child() {
    let Some(path) = std::env::var_os(CHILD_PATH_VAR) else {
        return;
    };
    let path = PathBuf::from(path);
    let source = PathBuf::from(std::env::var_os(CHILD_SOURCE_VAR).unwrap());
    let (old, new) = two_workspaces(&source);
    println!("{READY}");
    io::stdout().flush().unwrap();
    // Stops by itself should the test that started it be gone.
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        file::save(&new, &path).unwrap();
        file::save(&old, &path).unwrap();
    }
}

/// Kills the child process however the test ends.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill(); // SIGKILL on unix
        let _ = self.0.wait();
    }
}

/// A small deterministic random number generator (xorshift).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// What the kill trials found.
#[derive(Debug, Default)]
struct KillFigures {
    trials: usize,
    corrupted_main: usize,
    partial_backups: usize,
    most_temp_files: usize,
    trials_leaving_a_temp_file: usize,
}

/// Kills a child process that saves in a loop at random moments, `trials`
/// times, and checks the files after each kill.
fn kill_trials(trials: usize, seed: u64) -> KillFigures {
    let dir = temp_dir();
    let path = dir.path().join("coalition.ron");
    // Synthetic ids are random: both processes load the same file instead.
    let source = dir.path().join("source.json");
    let mut generated = synthetic_workspace(200, 560, 1_900, 7);
    generated.title = "Old coalition".into();
    fs::write(&source, serde_json::to_vec(&generated).unwrap()).unwrap();
    let (old, new) = two_workspaces(&source);
    let old_text = file::to_text(&old).unwrap();
    let new_text = file::to_text(&new).unwrap();
    assert!(old_text.len() > 1_000_000, "{} bytes", old_text.len());
    let started = Instant::now();
    file::save(&old, &path).unwrap();
    let one_save = Instant::now();
    file::save(&old, &path).unwrap();
    // Kill anywhere in the child's first save, which replaces a file and
    // its backup as every later one does (a save here takes as long as in
    // the child, debug build included).
    let window_ms = one_save.elapsed().as_millis() as u64 + 1;
    let whole = |bytes: &[u8]| bytes == old_text.as_bytes() || bytes == new_text.as_bytes();

    let mut rng = Rng(seed);
    let mut figures = KillFigures::default();
    let mut startup = Duration::ZERO;
    for _ in 0..trials {
        let spawned = Instant::now();
        let mut child = KillOnDrop(
            child_test(module_path!(), "save_loop_child")
                .env(CHILD_PATH_VAR, &path)
                .env(CHILD_SOURCE_VAR, &source)
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap(),
        );
        let stdout = child.0.stdout.take().unwrap();
        let ready = BufReader::new(stdout)
            .lines()
            .any(|line| line.unwrap().ends_with(READY));
        assert!(ready, "the child process never started saving");
        startup += spawned.elapsed();
        std::thread::sleep(Duration::from_millis(rng.below(window_ms)));
        drop(child);

        figures.trials += 1;
        if !fs::read(&path).is_ok_and(|bytes| whole(&bytes)) {
            figures.corrupted_main += 1;
        }
        match fs::read(file::backup_path(&path)) {
            Ok(bytes) if !whole(&bytes) => figures.partial_backups += 1,
            Err(err) if err.kind() != io::ErrorKind::NotFound => figures.partial_backups += 1,
            _ => {}
        }
        let temps = temp_files_in(dir.path()).len();
        figures.most_temp_files = figures.most_temp_files.max(temps);
        if temps > 0 {
            figures.trials_leaving_a_temp_file += 1;
        }
    }
    // The main file loads, and the next save clears what the kills left.
    file::load(&path).unwrap();
    file::save(&new, &path).unwrap();
    assert_eq!(
        names_in(dir.path()),
        ["coalition.ron", "coalition.ron.bak", "source.json"],
        "after a normal save"
    );
    eprintln!(
        "kill test: {figures:?} in {:.1?} ({} bytes, kills within {window_ms} ms, child start-up {:.1?} in all)",
        started.elapsed(),
        old_text.len(),
        startup
    );
    figures
}

fn assert_survived(figures: &KillFigures) {
    assert_eq!(figures.corrupted_main, 0, "{figures:?}");
    assert_eq!(figures.partial_backups, 0, "{figures:?}");
    assert!(figures.most_temp_files <= 1, "{figures:?}");
}

#[cfg(unix)]
#[test]
fn a_save_killed_at_any_moment_leaves_a_whole_file_and_backup() {
    assert_survived(&kill_trials(120, 0x5eed_f1a7));
}

#[cfg(unix)]
#[test]
#[ignore = "a thousand kills take a few minutes; run with --ignored"]
fn a_thousand_killed_saves_leave_whole_files() {
    assert_survived(&kill_trials(1_000, 0x0dd_ba11));
}

/// Writes through to the file until `room` bytes are used, then fails as
/// a full disk does.
struct FullDisk {
    file: fs::File,
    room: usize,
}

impl Write for FullDisk {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.room == 0 {
            return Err(io::Error::from(io::ErrorKind::StorageFull));
        }
        let written = self.file.write(&buf[..buf.len().min(self.room)])?;
        self.room -= written;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

#[test]
fn a_full_disk_leaves_the_file_and_its_backup_and_no_temp_file() {
    let dir = temp_dir();
    let path = dir.path().join("coalition.ron");
    let mut ws = demo();
    file::save(&ws, &path).unwrap();
    ws.title = "Second".into();
    file::save(&ws, &path).unwrap();
    let main_before = fs::read(&path).unwrap();
    let backup_before = fs::read(file::backup_path(&path)).unwrap();
    ws.title = "Third".into();
    let size = file::to_text(&ws).unwrap().len();
    for room in [0, 1, 4_096, size - 1] {
        let err = file::save_via(&ws, &path, |file| FullDisk { file, room }).unwrap_err();
        assert_eq!(err.kind, FileErrorKind::Io);
        assert!(err.message.contains("the disk is full"), "{err}");
        assert!(err.to_string().starts_with(&path.display().to_string()));
        assert_eq!(fs::read(&path).unwrap(), main_before, "room {room}");
        assert_eq!(
            fs::read(file::backup_path(&path)).unwrap(),
            backup_before,
            "room {room}"
        );
        assert_eq!(
            names_in(dir.path()),
            ["coalition.ron", "coalition.ron.bak"],
            "room {room}"
        );
    }
    // With room for all of it, the same path saves.
    file::save_via(&ws, &path, |file| FullDisk { file, room: size }).unwrap();
    assert_eq!(file::load(&path).unwrap().title, "Third");
}

#[cfg(unix)]
#[test]
fn temp_files_are_private_and_files_keep_their_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir();
    let ws = demo();

    // The temporary file is the user's alone while it is written.
    let path = dir.path().join("coalition.ron");
    let temp_mode = Cell::new(0);
    file::save_via(&ws, &path, |file| {
        temp_mode.set(file.metadata().unwrap().permissions().mode() & 0o777);
        file
    })
    .unwrap();
    assert_eq!(temp_mode.get(), 0o600);
    // A new file stays the user's alone: workspaces hold contacts.
    assert_eq!(mode(&path), 0o600);

    // An existing file keeps its permissions, and so does its backup.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    file::save(&ws, &path).unwrap();
    assert_eq!(mode(&path), 0o640);
    assert_eq!(mode(&file::backup_path(&path)), 0o640);

    // Exports follow the same rule.
    let export = dir.path().join("stakeholders.csv");
    file::export(&export, b"name\n").unwrap();
    assert_eq!(mode(&export), 0o600);
    fs::set_permissions(&export, fs::Permissions::from_mode(0o644)).unwrap();
    file::export(&export, b"name\nSteel Co\n").unwrap();
    assert_eq!(mode(&export), 0o644);
    assert_eq!(fs::read(&export).unwrap(), b"name\nSteel Co\n");
    assert!(
        !file::backup_path(&export).exists(),
        "exports keep no backup"
    );
}

#[test]
fn temp_files_of_killed_saves_are_removed_by_the_next_save() {
    let dir = temp_dir();
    let path = dir.path().join("coalition.ron");
    let stale = [
        ".coalition.ron.flywheel-a1B2c3.tmp",
        ".coalition.ron.bak.flywheel-d4E5f6.tmp",
    ];
    let unrelated = [
        ".other.ron.flywheel-g7H8i9.tmp",
        ".coalition.ron.flywheel-notes.txt",
    ];
    for name in stale.iter().chain(&unrelated) {
        fs::write(dir.path().join(name), b"half a workspace").unwrap();
    }
    file::save(&demo(), &path).unwrap();
    let mut expected = vec!["coalition.ron".to_string()];
    expected.extend(unrelated.iter().map(|n| n.to_string()));
    expected.sort();
    assert_eq!(names_in(dir.path()), expected);

    // Exports clean up after themselves in the same way.
    let export = dir.path().join("chart.png");
    fs::write(dir.path().join(".chart.png.flywheel-j1K2l3.tmp"), b"x").unwrap();
    file::export(&export, b"png").unwrap();
    assert!(
        temp_files_in(dir.path())
            .iter()
            .all(|n| !n.contains("chart"))
    );
}

#[test]
fn a_folder_is_refused_for_saving_and_loading() {
    let dir = temp_dir();
    let folder = dir.path().join("coalition.ron");
    fs::create_dir(&folder).unwrap();
    let ws = demo();
    let err = file::save(&ws, &folder).unwrap_err();
    assert_eq!(err.kind, FileErrorKind::NotRegularFile);
    assert!(err.message.contains("a folder"), "{err}");
    let err = file::export(&folder, b"x").unwrap_err();
    assert_eq!(err.kind, FileErrorKind::NotRegularFile);
    assert!(folder.is_dir());
    assert!(file::load(&folder).is_err());
    assert_eq!(names_in(dir.path()), ["coalition.ron"]);
}

#[cfg(unix)]
#[test]
fn a_named_pipe_or_a_device_is_refused_without_waiting() {
    use std::os::unix::fs::FileTypeExt;
    let dir = temp_dir();
    let pipe = dir.path().join("coalition.ron");
    let made = Command::new("mkfifo").arg(&pipe).status();
    if !made.is_ok_and(|status| status.success()) {
        eprintln!("mkfifo is not available; skipping the named pipe");
    } else {
        // Opening a pipe for reading would wait for a writer forever.
        let err = file::load(&pipe).unwrap_err();
        assert_eq!(err.kind, FileErrorKind::NotRegularFile);
        assert!(err.message.contains("a named pipe"), "{err}");
        let err = file::save(&demo(), &pipe).unwrap_err();
        assert_eq!(err.kind, FileErrorKind::NotRegularFile);
        assert!(fs::metadata(&pipe).unwrap().file_type().is_fifo());
        assert_eq!(names_in(dir.path()), ["coalition.ron"]);
    }
    for device in ["/dev/zero", "/dev/null"] {
        let err = file::load(Path::new(device)).unwrap_err();
        assert_eq!(err.kind, FileErrorKind::NotRegularFile);
        assert!(err.to_string().contains("a device"), "{err}");
    }
}

#[cfg(unix)]
#[test]
fn saving_through_a_link_writes_the_file_it_points_to() {
    use std::os::unix::fs::symlink;
    let dir = temp_dir();
    let real_dir = dir.path().join("shared");
    fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("coalition.ron");
    let link = dir.path().join("link.ron");
    symlink("shared/coalition.ron", &link).unwrap();

    let mut ws = demo();
    // A link to a file not made yet creates that file.
    file::save(&ws, &link).unwrap();
    ws.title = "Through the link".into();
    file::save(&ws, &link).unwrap();

    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(file::load(&real).unwrap().title, "Through the link");
    assert_eq!(file::load(&link).unwrap().title, "Through the link");
    // The backup sits beside the real file.
    assert_ne!(
        file::load(&file::backup_path(&real)).unwrap().title,
        "Through the link"
    );
    assert_eq!(names_in(dir.path()), ["link.ron", "shared"]);
    assert_eq!(names_in(&real_dir), ["coalition.ron", "coalition.ron.bak"]);

    // A loop of links is refused with a message.
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    symlink(&b, &a).unwrap();
    symlink(&a, &b).unwrap();
    let err = file::save(&ws, &a).unwrap_err();
    assert!(err.message.contains("link"), "{err}");
}
