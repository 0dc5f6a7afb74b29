//! The command line: `build` safety checks, `check`, `new article`, options.
