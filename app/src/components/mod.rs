//! Building blocks shared by pages.

pub mod classification_banner;
pub mod figure;
pub mod header;
pub mod page;

pub use classification_banner::ClassificationBanner;
pub use figure::Figure;
pub use page::{ErrorPage, Page};
