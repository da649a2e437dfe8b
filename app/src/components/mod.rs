//! Building blocks shared by pages.

pub mod assessment_timeline;
pub mod briefing;
pub mod briefing_download;
pub mod classification_banner;
pub mod figure;
pub mod filter_layout;
pub mod header;
pub mod history;
pub mod list_page;
pub mod notification_banner;
pub mod page;
pub mod pagination;
pub mod summary;
pub mod tags;

pub use briefing::BriefingSections;
pub use classification_banner::ClassificationBanner;
pub use figure::{CountLink, Figure, FigurePart};
pub use filter_layout::{FilterLayout, FilterTag};
pub use history::{history_resource, History, RecordHistory};
pub use list_page::{list_page, list_title, ExportLinks};
pub use notification_banner::{FlashBanner, SuccessBanner};
pub use page::{ErrorPage, Page};
pub use pagination::Pagination;
pub use summary::{date_or_unset, SummaryRow};
pub use tags::{MarkingTag, OverdueTag, RagTag, StatusTag};
