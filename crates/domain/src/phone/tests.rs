use super::*;

fn vn(input: &str) -> Result<String, PhoneError> {
    Phone::parse(input, Country::Vietnam).map(|p| p.e164().to_owned())
}

fn id(input: &str) -> Result<String, PhoneError> {
    Phone::parse(input, Country::Indonesia).map(|p| p.e164().to_owned())
}

#[test]
fn vietnamese_numbers_in_every_common_form() {
    let table = [
        ("0912 345 678", "+84912345678"),
        ("0912345678", "+84912345678"),
        ("0912-345-678", "+84912345678"),
        ("0912.345.678", "+84912345678"),
        ("+84912345678", "+84912345678"),
        ("+84 912 345 678", "+84912345678"),
        ("84912345678", "+84912345678"),
        ("(+84) 912 345 678", "+84912345678"),
        ("0983 123 456", "+84983123456"),
        ("0356 789 012", "+84356789012"),
        ("0707 123 456", "+84707123456"),
        // Hà Nội landline.
        ("024 3826 1234", "+842438261234"),
    ];
    for (input, expected) in table {
        assert_eq!(vn(input).as_deref(), Ok(expected), "input {input:?}");
    }
}

#[test]
fn old_eleven_digit_vietnamese_mobiles_map_to_todays_numbers() {
    let table = [
        ("01662345678", "+84362345678"),   // Viettel 0166 -> 036
        ("0169 234 5678", "+84392345678"), // Viettel 0169 -> 039
        ("01202345678", "+84702345678"),   // MobiFone 0120 -> 070
        ("01212345678", "+84792345678"),   // MobiFone 0121 -> 079
        ("01232345678", "+84832345678"),   // VinaPhone 0123 -> 083
        ("01292345678", "+84822345678"),   // VinaPhone 0129 -> 082
        ("01862345678", "+84562345678"),   // Vietnamobile 0186 -> 056
        ("01992345678", "+84592345678"),   // Gmobile 0199 -> 059
        ("+841662345678", "+84362345678"),
        ("841662345678", "+84362345678"),
    ];
    for (input, expected) in table {
        assert_eq!(vn(input).as_deref(), Ok(expected), "input {input:?}");
    }
}

#[test]
fn indonesian_numbers_in_every_common_form() {
    let table = [
        ("0812-3456-7890", "+6281234567890"),
        ("0812 3456 789", "+628123456789"),
        ("081234567890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("0857 1234 5678", "+6285712345678"),
        // Jakarta landline.
        ("021 5790 1234", "+622157901234"),
    ];
    for (input, expected) in table {
        assert_eq!(id(input).as_deref(), Ok(expected), "input {input:?}");
    }
}

#[test]
fn a_foreign_number_with_its_country_code_is_kept() {
    assert_eq!(vn("+62 812 3456 7890").as_deref(), Ok("+6281234567890"));
    assert_eq!(id("+84 912 345 678").as_deref(), Ok("+84912345678"));
}

#[test]
fn invalid_numbers_are_refused_with_a_reason() {
    assert_eq!(vn(""), Err(PhoneError::Empty));
    assert_eq!(vn("   "), Err(PhoneError::Empty));
    assert_eq!(vn("--"), Err(PhoneError::Empty));
    assert!(matches!(
        vn("0912 ABC 678"),
        Err(PhoneError::BadCharacters(_))
    ));
    assert!(matches!(vn("12345"), Err(PhoneError::Invalid(..))));
    assert!(matches!(vn("0912 345 67"), Err(PhoneError::Invalid(..))));
    assert!(matches!(
        vn("0912 345 678 999"),
        Err(PhoneError::Invalid(..))
    ));
    // An old prefix that was never assigned is not silently rewritten.
    assert!(matches!(vn("01302345678"), Err(PhoneError::Invalid(..))));
    assert!(matches!(id("0812"), Err(PhoneError::Invalid(..))));
}

#[test]
fn display_is_national_at_home_and_international_abroad() {
    let phone = Phone::parse("0912345678", Country::Vietnam).expect("valid");
    let national = phone.display(Country::Vietnam);
    assert!(national.starts_with('0'), "{national}");
    assert_eq!(
        national
            .chars()
            .filter(char::is_ascii_digit)
            .collect::<String>(),
        "0912345678"
    );
    assert!(phone.display(Country::Indonesia).starts_with("+84"));
}

#[test]
fn search_digits_hold_both_the_international_and_national_forms() {
    let phone = Phone::parse("0912 345 678", Country::Vietnam).expect("valid");
    assert_eq!(
        phone.search_digits(Country::Vietnam),
        vec!["84912345678".to_owned(), "0912345678".to_owned()]
    );
    assert_eq!(
        phone.search_digits(Country::Indonesia),
        vec!["84912345678".to_owned()]
    );
}

#[test]
fn stored_values_deserialise_by_shape() {
    let ok: Result<Phone, _> = serde_json::from_str("\"+84912345678\"");
    assert!(ok.is_ok());
    let bad: Result<Phone, _> = serde_json::from_str("\"0912345678\"");
    assert!(bad.is_err());
}
