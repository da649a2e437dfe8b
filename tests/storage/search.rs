//! Search storage tests.
