//! "Add another" without JavaScript. A form with a repeated field (an agreement's
//! partners) has an "Add another" button and a "Remove" button per box. Both submit
//! the form: the server writes nothing and shows the form again with every value
//! kept, one box more or the removed one gone.

use super::FormData;

/// The button name of "Add another …"; its value is the repeated field's name.
pub const ADD_ANOTHER: &str = "add_another";
/// The button name of each "Remove"; its value is `{field}-{box}` (box from 0).
pub const REMOVE: &str = "remove";

/// What a form posted by one of those buttons asks of a repeated field's boxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoxChange {
    Add,
    Remove(usize),
}

impl FormData {
    /// True when the form was posted to add or remove a box rather than to be saved:
    /// the action must write nothing and show the form again.
    pub fn changes_boxes(&self) -> bool {
        self.get(ADD_ANOTHER).is_some() || self.get(REMOVE).is_some()
    }

    /// What the form asks of the boxes of `name`, if anything.
    pub fn box_change(&self, name: &str) -> Option<BoxChange> {
        if self.get(ADD_ANOTHER).map(str::trim) == Some(name) {
            return Some(BoxChange::Add);
        }
        let (field, index) = self.get(REMOVE)?.trim().rsplit_once('-')?;
        (field == name).then(|| index.parse().ok().map(BoxChange::Remove)).flatten()
    }

    /// How many boxes of `name` the form was sent with, blank ones included.
    pub fn boxes(&self, name: &str) -> usize {
        self.0.iter().filter(|(k, _)| k == name).count()
    }

    /// The form to show again after the change asked for, and how many boxes of
    /// `name` it has (never fewer than `at_least`). Every value is kept but a removed
    /// box's; blank boxes close up.
    pub fn with_box_change(&self, name: &str, at_least: usize) -> (FormData, usize) {
        let filled = self.all(name).len();
        match self.box_change(name) {
            Some(BoxChange::Add) => {
                (self.clone(), (self.boxes(name).max(filled) + 1).max(at_least))
            }
            Some(BoxChange::Remove(index)) => {
                let mut seen = 0;
                let kept = self
                    .0
                    .iter()
                    .filter(|(k, _)| {
                        if k != name {
                            return true;
                        }
                        seen += 1;
                        seen - 1 != index
                    })
                    .cloned()
                    .collect();
                (FormData(kept), self.boxes(name).saturating_sub(1).max(at_least))
            }
            None => (self.clone(), (filled + 1).max(at_least)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> FormData {
        FormData(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    #[test]
    fn add_another_keeps_every_value_and_offers_one_more_box() {
        let f = form(&[
            ("title", "T"),
            ("partners", "FR"),
            ("partners", "LY"),
            ("add_another", "partners"),
        ]);
        assert!(f.changes_boxes());
        assert_eq!(f.box_change("partners"), Some(BoxChange::Add));
        let (shown, boxes) = f.with_box_change("partners", 1);
        assert_eq!(shown.all("partners"), ["FR", "LY"]);
        assert_eq!(shown.text("title"), "T");
        assert_eq!(boxes, 3);
    }

    #[test]
    fn remove_drops_only_that_box() {
        let f = form(&[
            ("partners", "FR"),
            ("partners", "LY"),
            ("partners", "TR"),
            ("remove", "partners-1"),
        ]);
        assert_eq!(f.box_change("partners"), Some(BoxChange::Remove(1)));
        let (shown, boxes) = f.with_box_change("partners", 1);
        assert_eq!(shown.all("partners"), ["FR", "TR"]);
        assert_eq!(boxes, 2);
    }

    #[test]
    fn a_form_posted_to_be_saved_changes_no_boxes() {
        let f = form(&[("partners", "FR"), ("remove", "legs-0")]);
        assert_eq!(f.box_change("partners"), None);
        assert!(!form(&[("partners", "FR")]).changes_boxes());
        assert_eq!(form(&[("partners", "FR")]).with_box_change("partners", 1).1, 2, "one spare");
    }
}
