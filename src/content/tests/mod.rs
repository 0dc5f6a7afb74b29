//! Tests of the content layer, one module per concern.

mod frontmatter;
mod load;
mod markdown;
mod raw_html;
mod sanitize;
