//! The hand-written format checkers agree with the regular expressions published in the OpenAPI export
//! and HTML `pattern` attributes (together with `max_len`, published as `maxLength`): every string
//! generated from a regex passes the checker, and on arbitrary strings the two give the same answer. Host only (proptest, regex).
#![cfg(not(target_arch = "wasm32"))]

use console_core::format::ALL;
use proptest::prelude::*;
use regex::Regex;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn generated_matches_pass_the_checker(
        (index, value) in (0..ALL.len()).prop_flat_map(|i| {
            // The generator takes no anchors: strip the `^…$` the published patterns carry.
            let p = ALL[i].pattern;
            let unanchored = &p[1..p.len() - 1];
            (Just(i), proptest::string::string_regex(unanchored).unwrap())
        }),
    ) {
        let format = ALL[index];
        // Length limits beyond the regex are published separately as maxLength.
        prop_assert_eq!(
            format.matches(&value),
            value.len() <= format.max_len,
            "{} on {:?}",
            format.id,
            value
        );
    }

    #[test]
    fn checker_and_regex_agree_on_arbitrary_text(
        index in 0..ALL.len(),
        value in "[a-zA-Z0-9._ -]{0,50}|dds-[a-z0-9]{0,45}|es-[a-z]{1,5}-[a-z0-9]{0,44}|ali[0-9.]{0,9}|[0-9.]{0,12}|[0-9a-z]{30,34}in07",
    ) {
        let format = ALL[index];
        let re = Regex::new(format.pattern).unwrap();
        let published = re.is_match(&value) && value.len() <= format.max_len;
        prop_assert_eq!(format.matches(&value), published, "{} on {:?}", format.id, value);
    }
}

#[test]
fn every_pattern_is_anchored_and_compiles() {
    for f in ALL {
        assert!(
            f.pattern.starts_with('^') && f.pattern.ends_with('$'),
            "{}",
            f.id
        );
        let re = Regex::new(f.pattern).unwrap();
        assert!(re.is_match(f.example), "{}", f.id);
        assert!(f.example.len() <= f.max_len, "{}", f.id);
    }
}
