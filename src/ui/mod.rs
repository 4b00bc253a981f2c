//! The browser editor (placeholder until the UI lands).
