//! Breaking text into lines that fit a width: at spaces where it can, inside
//! a word only when the word alone is wider than the line (a 60-letter
//! service name on a 58 mm roll), never between a letter and its marks.

use unicode_normalization::char::is_combining_mark;

/// The lines of `text` no wider than `width` by `measure`; explicit line
/// breaks are kept, runs of spaces count as one.
pub(crate) fn wrap(text: &str, width: f32, measure: &dyn Fn(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let before = lines.len();
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if measure(&candidate) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if measure(word) <= width {
                line = word.to_owned();
            } else {
                let mut pieces = split_word(word, width, measure);
                line = pieces.pop().unwrap_or_default();
                lines.extend(pieces);
            }
        }
        if !line.is_empty() || lines.len() == before {
            lines.push(line);
        }
    }
    lines
}

/// A word too wide for a line, cut into pieces that fit (the last may be
/// short). A piece always takes at least one letter, so this ends even
/// when one letter is wider than the line.
fn split_word(word: &str, width: f32, measure: &dyn Fn(&str) -> f32) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    for cluster in clusters(word) {
        let candidate = format!("{piece}{cluster}");
        if !piece.is_empty() && measure(&candidate) > width {
            pieces.push(std::mem::replace(&mut piece, cluster));
        } else {
            piece = candidate;
        }
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    pieces
}

/// A letter with the combining marks after it.
fn clusters(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in word.chars() {
        match out.last_mut() {
            Some(last) if is_combining_mark(c) => last.push(c),
            _ => out.push(c.to_string()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One unit per character: widths are easy to reason about.
    fn chars(text: &str) -> f32 {
        text.chars().count() as f32
    }

    #[test]
    fn breaks_at_spaces() {
        assert_eq!(
            wrap("Massage đá nóng toàn thân", 12.0, &chars),
            ["Massage đá", "nóng toàn", "thân"]
        );
        assert_eq!(wrap("ngắn", 12.0, &chars), ["ngắn"]);
        assert_eq!(wrap("a  b", 12.0, &chars), ["a b"]);
    }

    #[test]
    fn cuts_a_word_wider_than_the_line() {
        let lines = wrap("x Chămsócdamặtchuyênsâu y", 6.0, &chars);
        assert_eq!(lines, ["x", "Chămsó", "cdamặt", "chuyên", "sâu y"]);
        assert!(lines.iter().all(|l| chars(l) <= 6.0));
    }

    #[test]
    fn keeps_marks_with_their_letter_and_blank_lines() {
        assert_eq!(
            wrap("a\u{0301}b\u{0301}", 1.0, &|t: &str| t
                .chars()
                .filter(|c| !is_combining_mark(*c))
                .count()
                as f32),
            ["a\u{0301}", "b\u{0301}"]
        );
        assert_eq!(wrap("a\n\nb", 5.0, &chars), ["a", "", "b"]);
        assert_eq!(wrap("", 5.0, &chars), [""]);
    }

    #[test]
    fn ends_when_one_letter_is_wider_than_the_line() {
        assert_eq!(wrap("abc", 0.5, &chars), ["a", "b", "c"]);
    }
}
