//! Routes: the role a partner plays on one leg of a migration route.

use super::enums::vocabulary;

vocabulary! {
    /// The part a partner plays on a leg of a route.
    RouteRole, "route role" {
        Source => "source", "Source",
        Transit => "transit", "Transit",
        Departure => "departure", "Departure (embarkation point)",
        Destination => "destination", "Destination",
    }
}
