//! Scorers for every gold key of `shared/spec/GOLD.md`, over output records.
