use super::*;
use caredesk_domain::Country;

/// Published VietQR sample, the README of github.com/subiz/vietqr:
/// 120 000 ₫ to account 0011001932418 at BIN 970415 (VietinBank), memo
/// "ung ho lu lut", CRC C15C.
const SUBIZ_VIETQR: &str = "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C";
/// Published QRIS sample, the README of github.com/sunary/qris: a dynamic
/// code (01 = 12) for 144 000 Rp to a ShopeePay merchant, CRC 9635.
const SUNARY_QRIS: &str = "00020101021226380016ID.CO.SHOPEE.WWW010201020815863724530336054061440005802ID5921PT. SHOPPEE INDONESIA6007JAKARTA62180814gen by go-qris63049635";

fn vietinbank() -> BankAccount {
    BankAccount {
        bin: "970415".to_owned(),
        number: "0011001932418".to_owned(),
        name: String::new(),
    }
}

/// The sunary sample as its merchant's static code: no amount, 01 = 11.
fn sunary_static() -> String {
    let fields: Vec<Field> = emv::check(SUNARY_QRIS)
        .expect("the published sample is valid")
        .into_iter()
        .filter(|f| f.id != "54")
        .map(|f| {
            if f.id == "01" {
                Field::new("01", "11")
            } else {
                f
            }
        })
        .collect();
    emv::seal(&emv::write(&fields).expect("writable"))
}

#[test]
fn vietqr_matches_the_published_sample_to_the_crc() {
    let payload = vietqr(&vietinbank(), 120_000, "ung ho lu lut").expect("a payload");
    assert_eq!(payload, SUBIZ_VIETQR);
}

#[test]
fn vietqr_without_memo_and_refusals() {
    let payload = vietqr(&vietinbank(), 79_000, "").expect("a payload");
    let fields = emv::check(&payload).expect("a right CRC");
    assert_eq!(emv::value(&fields, "54"), Some("79000"));
    assert_eq!(emv::value(&fields, "62"), None);
    assert_eq!(vietqr(&vietinbank(), 0, "x"), Err(QrError::Amount(0)));
    assert_eq!(vietqr(&vietinbank(), -5, "x"), Err(QrError::Amount(-5)));
}

#[test]
fn the_memo_is_the_receipt_number_in_what_banks_keep() {
    assert_eq!(memo("A7Q-000001"), "A7Q-000001");
    assert_eq!(memo("Số A7Q/000001"), "S A7Q000001");
    assert_eq!(memo(&"X".repeat(40)).len(), 25);
}

#[test]
fn qris_turns_dynamic_with_the_amount_in_place() {
    let static_code = sunary_static();
    assert!(!static_code.contains("5406144000"));
    assert!(static_code.contains("010211"));
    // Back to the published dynamic payload byte for byte, CRC included.
    let dynamic = qris_with_amount(&static_code, 144_000).expect("a dynamic code");
    assert_eq!(dynamic, SUNARY_QRIS);
    // Again from the dynamic one: the old amount is replaced, not doubled.
    let again = qris_with_amount(&dynamic, 50_000).expect("a code");
    let fields = emv::check(&again).expect("a right CRC");
    assert_eq!(fields.iter().filter(|f| f.id == "54").count(), 1);
    assert_eq!(emv::value(&fields, "54"), Some("50000"));
}

#[test]
fn qris_refuses_a_broken_payload_or_no_amount() {
    let broken = sunary_static().replace("JAKARTA", "BANDUNG");
    assert!(matches!(
        qris_with_amount(&broken, 1000),
        Err(QrError::Payload(EmvError::BadCrc { .. }))
    ));
    assert_eq!(
        qris_with_amount(&sunary_static(), 0),
        Err(QrError::Amount(0))
    );
}

#[test]
fn the_business_currency_picks_the_scheme() {
    let mut vn = BusinessSettings::for_country(Country::Vietnam);
    assert_eq!(PaymentCode::for_sale(&vn, "A7Q-000001", 1000), Ok(None));
    vn.bank_account = Some(vietinbank());
    let code = PaymentCode::for_sale(&vn, "A7Q-000001", 450_000)
        .expect("built")
        .expect("a VietQR");
    assert!(matches!(&code, PaymentCode::VietQr { memo, .. } if memo == "A7Q-000001"));
    assert!(code.payload().contains("0810A7Q-000001"));

    let mut id = BusinessSettings::for_country(Country::Indonesia);
    id.bank_account = Some(vietinbank());
    assert_eq!(PaymentCode::for_sale(&id, "B2X-000003", 1000), Ok(None));
    id.qris = sunary_static();
    let code = PaymentCode::for_sale(&id, "B2X-000003", 75_000)
        .expect("built")
        .expect("a QRIS");
    assert!(matches!(code, PaymentCode::Qris { amount: 75_000, .. }));
}

#[test]
fn modules_form_a_square_code() {
    let code = modules(SUBIZ_VIETQR).expect("fits");
    let side = code.len();
    assert!(side >= 21 && (side - 17).is_multiple_of(4), "{side}");
    assert!(code.iter().all(|row| row.len() == side));
    // The finder pattern's top-left corner is dark.
    assert!(code[0][0] && code[0][6] && !code[1][1]);
    assert!(matches!(
        modules(&"9".repeat(8000)),
        Err(QrError::TooLong(_))
    ));
}
