//! Guards the patched `reactive_graph` (`vendor/reactive_graph`): a context lookup must
//! not deadlock when the request's owner tree is dropped on another thread meanwhile.
//!
//! In reactive_graph 0.2.16, `use_context` holds a read lock on the current owner while
//! it walks up the parents, and the walk holds each parent by a temporary strong
//! reference. When a cancelled request drops the tree elsewhere, that temporary can be
//! the root's last reference: dropping it cleans the tree up, down to the current
//! owner, whose write lock the same thread already holds for reading. The server hung
//! that way once under load (seen in session 26).

#[cfg(test)]
mod tests {
    use leptos::prelude::{provide_context, use_context, Owner};
    use std::sync::mpsc;
    use std::thread;
    use std::time::Duration;

    #[derive(Clone, Debug, PartialEq)]
    struct Marker(&'static str);

    /// Context found at the root; while the lookup reads it, another thread drops the
    /// only other reference to the root, so the lookup's own references are the last.
    #[test]
    fn a_context_lookup_finishes_when_the_root_is_dropped_during_it() {
        let root = Owner::new();
        root.with(|| provide_context(Marker("root")));
        // The middle owner stays alive, so the root's cleanup reaches the current owner.
        let middle = root.child();
        let current = middle.child();

        let (drop_root, root_to_drop) = mpsc::channel::<Owner>();
        let (root_dropped, wait_for_drop) = mpsc::channel::<()>();
        let dropper = thread::spawn(move || {
            if let Ok(root) = root_to_drop.recv() {
                drop(root);
            }
            let _ = root_dropped.send(());
        });

        let mut root = Some(root);
        let (answer, lookup_done) = mpsc::channel();
        let lookup = thread::spawn(move || {
            let found = current.with(|| {
                // `use_context` clones the value while the walk holds the root; the clone
                // is where the other thread gets its turn.
                leptos::prelude::with_context::<Marker, _>(|marker| {
                    if let Some(root) = root.take() {
                        let _ = drop_root.send(root);
                        let _ = wait_for_drop.recv_timeout(Duration::from_secs(5));
                    }
                    marker.clone()
                })
            });
            let _ = answer.send(found);
            drop(current);
        });

        let found = lookup_done.recv_timeout(Duration::from_secs(10));
        assert_eq!(
            found,
            Ok(Some(Marker("root"))),
            "the lookup never finished: it deadlocked on its own owner's lock"
        );
        lookup.join().expect("the lookup thread panicked");
        dropper.join().expect("the dropping thread panicked");
        drop(middle);
        assert_eq!(Owner::new().with(use_context::<Marker>), None);
    }
}
