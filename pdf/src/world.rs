//! An in-memory typst `World`: the one template as its main source, the pack as a JSON
//! file and the pictures as SVG files, all held in memory; fonts from `typst-assets`.
//! Nothing is read from disk or the network, so a render cannot depend on the machine.

use std::collections::HashMap;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{DiagSpan, FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};

/// The template, compiled into the binary.
const TEMPLATE: &str = include_str!("briefing.typ");

/// Fonts, the font book and the standard library: parsed once per process, shared by
/// every render (fonts are several megabytes; parsing them per request would dominate).
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> =
        typst_assets::fonts().flat_map(|data| Font::iter(Bytes::new(data))).collect();
    Shared {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
        main: Source::new(file_id(MAIN), TEMPLATE.to_owned()),
    }
});

/// Virtual paths the template reads. Fixed names, so the interned file ids are reused
/// by every render (typst interns ids for the life of the process).
pub const MAIN: &str = "/briefing.typ";
pub const PACK_JSON: &str = "/pack.json";
pub const TIMELINE_SVG: &str = "/timeline.svg";
pub const ROUTE_SVG: &str = "/route.svg";

fn file_id(path: &str) -> FileId {
    // Only ever called with the constants above, which are valid.
    let vpath = VirtualPath::new(path).expect("a valid virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// One render's world: the shared template and fonts plus this pack's files.
pub struct BriefingWorld {
    files: HashMap<FileId, Bytes>,
    today: Datetime,
}

impl BriefingWorld {
    /// A world whose virtual files are `files` (path, contents) and whose today is `today`.
    pub fn new(files: Vec<(&str, Bytes)>, today: Datetime) -> Self {
        let files = files.into_iter().map(|(path, bytes)| (file_id(path), bytes)).collect();
        Self { files, today }
    }
}

impl BriefingWorld {
    /// Where a diagnostic points, for error messages: "briefing.typ line 12" or the file.
    pub fn place(&self, span: DiagSpan) -> Option<String> {
        let id = span.id()?;
        let name = id.get().vpath().get_without_slash().to_owned();
        match self.range(span) {
            Some(range) if id == SHARED.main.id() => {
                let line = SHARED.main.lines().byte_to_line(range.start)? + 1;
                Some(format!("{name} line {line}"))
            }
            _ => Some(name),
        }
    }
}

impl World for BriefingWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        SHARED.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == SHARED.main.id() {
            Ok(SHARED.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == SHARED.main.id() {
            return Ok(Bytes::from_string(TEMPLATE));
        }
        self.files.get(&id).cloned().ok_or_else(|| {
            FileError::NotFound(id.get().vpath().get_without_slash().to_owned().into())
        })
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
