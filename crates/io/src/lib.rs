//! Readers of input articles and writers of output records.
