//! Route and coverage storage tests.
