use std::collections::BTreeSet;

use super::*;

fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect()
}

#[test]
fn every_key_is_in_all_three_languages_with_the_same_placeholders() {
    let vi = words(Lang::Vi);
    let reference: BTreeSet<&str> = vi.keys().collect();
    assert!(reference.len() > 1000, "the catalogue was read");
    for lang in [Lang::En, Lang::Id] {
        let other = words(lang);
        let keys: BTreeSet<&str> = other.keys().collect();
        let missing: Vec<_> = reference.difference(&keys).collect();
        let extra: Vec<_> = keys.difference(&reference).collect();
        assert!(missing.is_empty(), "missing from {lang}.json: {missing:?}");
        assert!(extra.is_empty(), "only in {lang}.json: {extra:?}");
        for key in &reference {
            assert_eq!(
                placeholders(vi.get(key)),
                placeholders(other.get(key)),
                "{lang}.json {key}"
            );
        }
    }
}

#[test]
fn no_text_is_empty() {
    for lang in Lang::ALL {
        let words = words(lang);
        let empty: Vec<_> = words
            .keys()
            .filter(|k| words.get(k).trim().is_empty())
            .collect();
        assert!(empty.is_empty(), "{lang}: {empty:?}");
    }
}

#[test]
fn a_counted_sentence_has_both_forms_and_never_a_bare_key() {
    let vi = words(Lang::Vi);
    let keys: BTreeSet<&str> = vi.keys().collect();
    for key in &keys {
        let (stem, other) = if let Some(stem) = key.strip_suffix(".one") {
            (stem, format!("{stem}.other"))
        } else if let Some(stem) = key.strip_suffix(".other") {
            (stem, format!("{stem}.one"))
        } else {
            continue;
        };
        assert!(keys.contains(other.as_str()), "{key} without {other}");
        assert!(!keys.contains(stem), "{stem} is both counted and not");
    }
}

#[test]
fn vietnamese_and_indonesian_do_not_inflect_nouns() {
    for lang in [Lang::Vi, Lang::Id] {
        let words = words(lang);
        for key in words.keys().filter(|k| k.ends_with(".one")) {
            let other = format!("{}.other", key.trim_end_matches(".one"));
            assert_eq!(words.get(key), words.get(&other), "{lang} {key}");
        }
    }
}

#[test]
fn english_counts_one_apart_from_the_rest() {
    let en = words(Lang::En);
    let left = |n: i64| {
        en.counted(
            "paper.card_left",
            n,
            &[("remaining", "0"), ("total", &n.to_string())],
        )
    };
    assert_eq!(left(1), "0 of 1 session left");
    assert_eq!(left(10), "0 of 10 sessions left");
    assert_eq!(left(0), "0 of 0 sessions left");
    assert_eq!(
        words(Lang::Vi).counted("paper.card_left", 1, &[("remaining", "0"), ("total", "1")]),
        "còn 0/1 buổi"
    );
    assert_eq!(
        en.counted("reminders.grouped.conflicts", 1, &[("count", "1")]),
        "1 new conflict to resolve"
    );
}

#[test]
fn a_missing_key_shows_as_itself_and_placeholders_fill() {
    let en = words(Lang::En);
    assert_eq!(en.get("no.such.key"), "no.such.key");
    assert_eq!(
        en.fill("print.done", &[("printer", "Quầy 1")]),
        "Printed on Quầy 1"
    );
    assert_eq!("ID".parse::<Lang>(), Ok(Lang::Id));
    assert!("fr".parse::<Lang>().is_err());
    assert_eq!(Lang::of(Country::Indonesia), Lang::Id);
}
