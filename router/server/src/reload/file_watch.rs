//! Noticing that a file changed, robustly enough for editors and containers.
//!
//! Every poll reads the file and compares a hash of its content with the last one seen. The
//! modification time alone is not trusted: editors replace files by renaming a new one over
//! them, Kubernetes swaps ConfigMap symlinks, bind mounts and some filesystems keep coarse or
//! stale times, and a file rewritten twice within one tick keeps its mtime. Reading a
//! configuration or supergraph file once per interval costs microseconds.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::digest::sha256_hex;

/// How long a changed file must stay the same before it is taken: an editor or `cp` writing
/// in place is seen between two writes otherwise.
const SETTLE: Duration = Duration::from_millis(25);

#[derive(Debug)]
pub struct FileWatch {
    path: PathBuf,
    /// The hash of the content last reported (or taken at start).
    seen: Option<String>,
    /// Whether the last poll failed to read the file, so a missing file is logged once.
    unreadable: bool,
}

/// What a poll found.
#[derive(Debug)]
pub enum Change {
    Unchanged,
    /// New content, with its SHA-256.
    Changed {
        text: String,
        hash: String,
    },
}

impl FileWatch {
    /// Watches `path`, whose current content (`None`: not read yet) counts as seen.
    pub fn new(path: PathBuf, current: Option<&str>) -> Self {
        Self {
            path,
            seen: current.map(|text| sha256_hex(text.as_bytes())),
            unreadable: false,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the file; reports new content once it has settled. A file that cannot be read
    /// (being replaced, deleted) is logged once and keeps counting as unchanged.
    pub async fn poll(&mut self) -> Change {
        let Some(text) = self.read() else {
            return Change::Unchanged;
        };
        let hash = sha256_hex(text.as_bytes());
        if self.seen.as_deref() == Some(hash.as_str()) {
            return Change::Unchanged;
        }
        tokio::time::sleep(SETTLE).await;
        match self.read() {
            Some(again) if again == text => {
                self.seen = Some(hash.clone());
                Change::Changed { text, hash }
            }
            // Still being written: the next poll sees the finished file.
            _ => Change::Unchanged,
        }
    }

    fn read(&mut self) -> Option<String> {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => {
                if self.unreadable {
                    tracing::info!(path = %self.path.display(), "the watched file is readable again");
                }
                self.unreadable = false;
                Some(text)
            }
            Err(error) => {
                if !self.unreadable {
                    tracing::warn!(
                        path = %self.path.display(),
                        %error,
                        "cannot read the watched file; keeping what was loaded from it"
                    );
                }
                self.unreadable = true;
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn reports_new_content_once_and_ignores_touches_and_missing_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("watched.txt");
        std::fs::write(&path, "one").expect("write");
        let mut watch = FileWatch::new(path.clone(), Some("one"));
        assert!(matches!(watch.poll().await, Change::Unchanged));

        // An editor's atomic save: a new file renamed over the old one.
        let temp = dir.path().join(".watched.txt.swp");
        std::fs::write(&temp, "two").expect("write");
        std::fs::rename(&temp, &path).expect("rename");
        assert!(matches!(watch.poll().await, Change::Changed { text, .. } if text == "two"));
        assert!(matches!(watch.poll().await, Change::Unchanged));

        // Same content rewritten: not a change.
        std::fs::write(&path, "two").expect("write");
        assert!(matches!(watch.poll().await, Change::Unchanged));

        std::fs::remove_file(&path).expect("remove");
        assert!(matches!(watch.poll().await, Change::Unchanged));
        std::fs::write(&path, "three").expect("write");
        assert!(matches!(watch.poll().await, Change::Changed { text, .. } if text == "three"));
    }
}
