//! One Accord per data directory: `accord serve` and `accord restore` hold an
//! exclusive advisory lock on `DATA_DIR/accord.lock` for as long as they run, so a
//! restore cannot swap the database under a running server (nor two servers share it).
//!
//! The lock is the operating system's (`flock` on Unix), so it goes away with the
//! process however it ends: a crashed server never leaves a stale lock behind.
//! `accord backup` does not take it: it reads through SQLite, which is safe beside a
//! running server.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// The lock file's name inside the data directory.
pub const LOCK_FILE: &str = "accord.lock";

/// An exclusive hold on a data directory, released when dropped.
#[derive(Debug)]
pub struct DataLock {
    // Held only for its lock; closing the file releases it.
    _file: File,
    path: PathBuf,
}

/// Why the data directory could not be locked. Each reads as one line.
#[derive(Debug)]
pub enum LockError {
    /// Another process (a running `accord serve`, or a restore) holds the lock.
    Held(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::Held(dir) => write!(
                f,
                "another Accord is serving {} (it holds {LOCK_FILE}); stop it first",
                dir.display()
            ),
            LockError::Io(path, e) => write!(f, "could not lock {}: {e}", path.display()),
        }
    }
}

// The cause is part of the message (one line for the operator), so no `source`.
impl std::error::Error for LockError {}

impl DataLock {
    /// Takes the lock on `data_dir` (created if missing), without waiting: fails at
    /// once with [`LockError::Held`] when another process has it.
    pub fn acquire(data_dir: &Path) -> Result<DataLock, LockError> {
        let path = data_dir.join(LOCK_FILE);
        let io = |e| LockError::Io(path.clone(), e);
        std::fs::create_dir_all(data_dir).map_err(io)?;
        // Never truncated nor written: the lock, not the content, is what counts.
        let file =
            OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path);
        let file = file.map_err(io)?;
        match file.try_lock() {
            Ok(()) => Ok(DataLock { _file: file, path }),
            Err(TryLockError::WouldBlock) => Err(LockError::Held(data_dir.to_path_buf())),
            Err(TryLockError::Error(e)) => Err(io(e)),
        }
    }

    /// The lock file this value holds.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_second_acquire_fails_while_the_first_is_held_and_succeeds_after_drop() {
        let dir = tempfile::tempdir().unwrap();
        let first = DataLock::acquire(dir.path()).unwrap();
        // A second open file description in the same process is refused, as another
        // process would be.
        let second = DataLock::acquire(dir.path());
        match second {
            Err(LockError::Held(held)) => assert_eq!(held, dir.path()),
            other => panic!("expected Held, got {other:?}"),
        }
        let message = DataLock::acquire(dir.path()).unwrap_err().to_string();
        assert!(message.starts_with("another Accord is serving "), "{message}");
        drop(first);
        let again = DataLock::acquire(dir.path()).unwrap();
        assert_eq!(again.path(), dir.path().join(LOCK_FILE));
    }

    #[test]
    fn creates_a_missing_data_directory() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("new").join("data");
        let lock = DataLock::acquire(&data).unwrap();
        assert!(lock.path().exists());
    }
}
