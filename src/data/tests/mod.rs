//! Behaviour tests of the data stage, on small sites in temporary folders.
