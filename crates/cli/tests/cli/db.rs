//! A fresh database in a temporary folder, and the `frontline` binary run against it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;

/// A synthetic fixture file (tests/fixtures).
pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A database file in its own temporary folder.
pub(crate) struct Db {
    pub(crate) dir: tempfile::TempDir,
}

impl Db {
    /// No database yet.
    pub(crate) fn empty() -> Self {
        Self {
            dir: tempfile::tempdir().expect("a temp dir"),
        }
    }

    /// A synthetic conflict with the fixture parties, places and observations.
    pub(crate) fn seeded() -> Self {
        let db = Self::empty();
        db.ok(&[
            "init",
            "--name",
            "Synthetic test conflict",
            "--boundary",
            fixture("boundary.geojson").to_str().expect("utf-8"),
            "--start",
            "2011-03-15",
        ]);
        db.ok(&[
            "import",
            fixture("observations.csv").to_str().expect("utf-8"),
            fixture("places.csv").to_str().expect("utf-8"),
            fixture("parties.csv").to_str().expect("utf-8"),
        ]);
        db
    }

    /// The built-in Syria data: `init` runs once per test run (it is the slowest fixture),
    /// and each test gets its own copy of that database.
    pub(crate) fn syria() -> Self {
        static TEMPLATE: OnceLock<Db> = OnceLock::new();
        let template = TEMPLATE.get_or_init(|| {
            // Kept for the whole run (a static is never dropped), so it lives under cargo's
            // temporary folder for tests and replaces the folders of earlier runs.
            let base = Path::new(env!("CARGO_TARGET_TMPDIR"));
            if let Ok(entries) = std::fs::read_dir(base) {
                for e in entries.flatten() {
                    if e.file_name()
                        .to_string_lossy()
                        .starts_with("syria-template-")
                    {
                        let _ = std::fs::remove_dir_all(e.path());
                    }
                }
            }
            let db = Self {
                dir: tempfile::Builder::new()
                    .prefix("syria-template-")
                    .tempdir_in(base)
                    .expect("a temp dir"),
            };
            db.ok(&["init"]);
            db
        });
        let db = Self::empty();
        // `init` has exited: its connection is closed and the write-ahead log checkpointed,
        // so the database is its one file (a left-over log is copied too).
        for name in ["test.db", "test.db-wal"] {
            let from = template.path(name);
            if from.exists() {
                std::fs::copy(&from, db.path(name)).expect("copies the built-in database");
            }
        }
        db
    }

    /// The built-in Syria conflict (boundary, regions' outline and parties) with no places
    /// and no evidence: for importers that must create every place they name.
    pub(crate) fn syria_without_evidence() -> Self {
        let db = Self::empty();
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/syria");
        db.ok(&[
            "init",
            "--name",
            "Syria",
            "--boundary",
            data.join("boundary.geojson").to_str().expect("utf-8"),
            "--start",
            "2011-03-15",
        ]);
        db.ok(&["import", data.join("parties.csv").to_str().expect("utf-8")]);
        db
    }

    /// The built-in Syria conflict with its parties and places but no evidence and no
    /// events: for properties that export the whole history many times.
    pub(crate) fn syria_places() -> Self {
        let db = Self::syria_without_evidence();
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/syria");
        db.ok(&["import", data.join("places.csv").to_str().expect("utf-8")]);
        db
    }

    /// A path in the database's folder.
    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file into the database's folder.
    pub(crate) fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, content).expect("writes");
        path
    }

    /// Runs `frontline ARGS` on this database.
    pub(crate) fn run(&self, args: &[&str]) -> Output {
        self.run_on(&self.path("test.db"), args)
    }

    /// Runs `frontline ARGS` on the database file `db` (in this folder or elsewhere).
    pub(crate) fn run_on(&self, db: &Path, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_frontline"))
            .args(args)
            .env("FRONTLINE_DB", db)
            .env("FRONTLINE_USER", "tester")
            .output()
            .expect("the binary runs")
    }

    /// Runs and expects success; returns stdout.
    pub(crate) fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    /// Runs and expects failure; returns stderr.
    pub(crate) fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            !out.status.success(),
            "{args:?} should fail but printed {}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stderr).expect("utf-8 errors")
    }

    /// A new database made by exporting this one as a CSV folder and restoring every file
    /// of the folder (in any order: the import orders them), record times kept.
    pub(crate) fn copy_through_csv(&self) -> Db {
        let folder = self.path("csv-export");
        self.ok(&[
            "export",
            "--format",
            "csv",
            "--out",
            folder.to_str().expect("utf-8"),
        ]);
        let mut files: Vec<String> = std::fs::read_dir(&folder)
            .expect("the folder is written")
            .map(|e| e.expect("lists").path().to_str().expect("utf-8").to_owned())
            .collect();
        files.sort();
        let copy = Db::empty();
        let mut args = vec!["restore"];
        args.extend(files.iter().map(String::as_str));
        copy.ok(&args);
        copy
    }

    /// Imports a bad file and checks that the error names the file, the place in it,
    /// the field and the reason, and that nothing was stored.
    pub(crate) fn refuses(&self, name: &str, content: impl AsRef<[u8]>, expected: &[&str]) {
        let before = self.ok(&["export", "--format", "geojson"]);
        let path = self.write(name, content);
        let err = self.fails(&["import", path.to_str().expect("utf-8")]);
        assert!(
            err.contains(name),
            "error should name the file {name}: {err}"
        );
        for e in expected {
            assert!(err.contains(e), "error should contain {e:?}: {err}");
        }
        let after = self.ok(&["export", "--format", "geojson"]);
        assert_eq!(before, after, "a refused import must store nothing");
    }

    /// Runs and parses stdout as JSON.
    pub(crate) fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).expect("valid JSON")
    }
}
