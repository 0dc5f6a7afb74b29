//! The language the terminal prints diagnostics in (`--lang`): English by
//! default, so CI annotations and the fixtures keep their text; French or
//! Arabic for editors who read those. Messages come from the catalogues
//! ([`super::messages`]); the few words around them come from here.

/// A language the terminal can print diagnostics in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    En,
    Fr,
    Ar,
}

impl Lang {
    /// The language's code, as the catalogues and pages name it.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fr => "fr",
            Self::Ar => "ar",
        }
    }

    /// What comes before a hint: `hint: `.
    pub fn hint(self) -> &'static str {
        match self {
            Self::En => "hint: ",
            Self::Fr => "conseil : ",
            Self::Ar => "نصيحة: ",
        }
    }

    /// The note naming the file of a diagnostic without a position.
    pub fn in_file(self, file: &str) -> String {
        match self {
            Self::En => format!("in {file}"),
            Self::Fr => format!("dans {file}"),
            Self::Ar => format!("في {file}"),
        }
    }

    /// The closing line: how many errors and warnings.
    pub fn summary(self, errors: usize, warnings: usize) -> String {
        match self {
            Self::En => {
                let plural =
                    |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
                format!(
                    "{}, {}",
                    plural(errors, "error"),
                    plural(warnings, "warning")
                )
            }
            // French puts 0 and 1 in the singular.
            Self::Fr => {
                let plural =
                    |n: usize, word: &str| format!("{n} {word}{}", if n < 2 { "" } else { "s" });
                format!(
                    "{}, {}",
                    plural(errors, "erreur"),
                    plural(warnings, "avertissement")
                )
            }
            // A label and a number: Arabic's six plural forms are not needed.
            Self::Ar => format!("الأخطاء: {errors}، التنبيهات: {warnings}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_right_in_each_language() {
        assert_eq!(Lang::En.summary(1, 2), "1 error, 2 warnings");
        assert_eq!(Lang::Fr.summary(0, 1), "0 erreur, 1 avertissement");
        assert_eq!(Lang::Fr.summary(3, 2), "3 erreurs, 2 avertissements");
        assert_eq!(Lang::Ar.summary(2, 0), "الأخطاء: 2، التنبيهات: 0");
    }
}
