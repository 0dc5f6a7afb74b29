//! No input makes the data stage panic.

use proptest::prelude::*;

use super::*;
use crate::data::cells::{cell_span, locate};
use crate::data::{FieldType, parse_cell};

proptest! {
    #[test]
    fn parsing_any_text_as_any_type_never_panics(text in "\\PC{0,12}|[0-9 ,.٠-٩/+()-]{0,12}") {
        for kind in FieldType::ALL {
            let _ = parse_cell(kind, &text);
        }
    }

    #[test]
    fn locating_any_cell_of_any_text_never_panics(text in "[a\",\r\né٣]{0,30}", start in 0usize..40, index in 0usize..8) {
        let span = cell_span(&text, start, index);
        let location = locate(&text, start, 1, span);
        prop_assert!(location.line >= 1 && location.column >= 1);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn loading_any_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let schema = "[[fields]]\nname = \"a\"\n[[fields]]\nname = \"b\"\ntype = \"date\"\n";
        let _ = Site::new().file("t.schema.toml", schema).file("t.csv", &bytes).load();
    }

    #[test]
    fn loading_csv_like_text_never_panics(text in "(a|b|\"|,|\r|\n|12,5|x|é){0,40}") {
        let schema = "[[fields]]\nname = \"a\"\nconstraints = { unique = true }\n[[fields]]\nname = \"b\"\ntype = \"number\"\n";
        let _ = Site::new().file("t.schema.toml", schema).file("t.csv", format!("a,b\n{text}")).load();
    }

    #[test]
    fn loading_any_schema_never_panics(text in "(\\[\\[fields\\]\\]\n|name = \"a\"\n|type = \"x\"\n|constraints = \\{ minimum = 1 \\}\n|primaryKey = \"b\"\n|=|\"){0,8}") {
        let _ = Site::new().file("t.schema.toml", text).file("t.csv", "a\n1\n").load();
    }
}
