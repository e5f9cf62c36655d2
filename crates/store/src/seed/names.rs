//! Name, phone and address material for demo and benchmark data, weighted
//! the way the names occur (about four Vietnamese in ten are Nguyễn).

/// (family name, weight in ‰)
pub(super) const VN_FAMILY: &[(&str, u32)] = &[
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 50),
    ("Huỳnh", 50),
    ("Phan", 45),
    ("Vũ", 40),
    ("Võ", 35),
    ("Đặng", 25),
    ("Bùi", 20),
    ("Đỗ", 20),
    ("Hồ", 15),
    ("Ngô", 15),
    ("Dương", 10),
    ("Lý", 10),
    ("Trương", 5),
    ("Đinh", 5),
];

pub(super) const VN_FEMALE_MIDDLE: &[&str] = &[
    "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Mỹ", "Bảo", "Kim", "Phương", "Diệu",
];
pub(super) const VN_MALE_MIDDLE: &[&str] = &[
    "Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Gia", "Trọng",
];
pub(super) const VN_FEMALE_GIVEN: &[&str] = &[
    "An", "Anh", "Ánh", "Bích", "Châu", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng",
    "Hiền", "Hoa", "Hồng", "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga",
    "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Tâm", "Thảo", "Thủy", "Trang", "Trâm",
    "Tuyết", "Uyên", "Vân", "Vy", "Xuân", "Yến",
];
pub(super) const VN_MALE_GIVEN: &[&str] = &[
    "An", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đức", "Hải", "Hiếu", "Hoàng", "Hùng",
    "Huy", "Khang", "Khoa", "Long", "Lộc", "Minh", "Nam", "Nghĩa", "Phát", "Phong", "Phúc", "Quân",
    "Quang", "Sơn", "Tài", "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Việt", "Vinh",
];

pub(super) const ID_FEMALE_FIRST: &[&str] = &[
    "Siti", "Dewi", "Putri", "Rina", "Ayu", "Sri", "Wulan", "Indah", "Fitri", "Ratna", "Nur",
    "Lestari", "Yuliana", "Kartika", "Anisa", "Nadia", "Intan", "Ni Made", "Ni Luh",
];
pub(super) const ID_MALE_FIRST: &[&str] = &[
    "Budi", "Agus", "Andi", "Dedi", "Eko", "Hendra", "Joko", "Rudi", "Wahyu", "Yusuf", "Rizky",
    "Fajar", "Bayu", "Dimas", "Arif", "I Made", "I Wayan", "I Gede", "Teguh",
];
pub(super) const ID_LAST: &[&str] = &[
    "Santoso",
    "Wijaya",
    "Setiawan",
    "Pratama",
    "Saputra",
    "Kurniawan",
    "Hidayat",
    "Lestari",
    "Wulandari",
    "Susanto",
    "Nugroho",
    "Siregar",
    "Harahap",
    "Nasution",
    "Simanjuntak",
    "Rahmawati",
    "Permata",
    "Sari",
    "Utami",
    "Putra",
    "Wirawan",
    "Suryani",
    "Halim",
];

/// Mobile prefixes in use today (with the trunk 0): Viettel, MobiFone,
/// VinaPhone, Vietnamobile, Gmobile. Each is followed by seven digits.
pub(super) const VN_MOBILE: &[&str] = &[
    "032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098", "070",
    "076", "077", "078", "079", "089", "090", "093", "081", "082", "083", "084", "085", "088",
    "091", "094", "056", "058", "059",
];

/// Telkomsel, Indosat, XL, Smartfren, Tri. Each is followed by seven or
/// eight digits.
pub(super) const ID_MOBILE: &[&str] = &[
    "0811", "0812", "0813", "0821", "0822", "0852", "0853", "0814", "0815", "0816", "0855", "0856",
    "0857", "0858", "0817", "0818", "0819", "0859", "0877", "0878", "0881", "0882", "0887", "0888",
    "0895", "0896", "0897", "0898", "0899",
];

pub(super) const VN_STREETS: &[&str] = &[
    "Lý Thường Kiệt",
    "Trần Hưng Đạo",
    "Nguyễn Trãi",
    "Lê Lợi",
    "Hai Bà Trưng",
    "Điện Biên Phủ",
    "Nguyễn Thị Minh Khai",
    "Võ Văn Tần",
    "Pasteur",
    "Cách Mạng Tháng Tám",
    "Phan Đình Phùng",
];
pub(super) const VN_DISTRICTS: &[&str] = &[
    "Quận 1, TP. Hồ Chí Minh",
    "Quận 3, TP. Hồ Chí Minh",
    "Bình Thạnh, TP. Hồ Chí Minh",
    "Hoàn Kiếm, Hà Nội",
    "Ba Đình, Hà Nội",
    "Cầu Giấy, Hà Nội",
    "Hải Châu, Đà Nẵng",
];
pub(super) const ID_STREETS: &[&str] = &[
    "Jl. Sudirman",
    "Jl. Thamrin",
    "Jl. Gatot Subroto",
    "Jl. Diponegoro",
    "Jl. Pahlawan",
    "Jl. Sunset Road",
    "Jl. Raya Ubud",
    "Jl. Malioboro",
];
pub(super) const ID_CITIES: &[&str] = &[
    "Jakarta Selatan",
    "Jakarta Pusat",
    "Bandung",
    "Surabaya",
    "Denpasar",
    "Yogyakarta",
    "Makassar",
];

pub(super) const TAGS: &[&str] = &["vip", "regular", "home-visit", "sensitive-skin", "allergy"];

pub(super) const NOTES_VN: &[&str] = &[
    "Dị ứng tinh dầu sả.",
    "Thích phòng yên tĩnh, nhiệt độ ấm.",
    "Khách quen, hay đặt lịch cuối tuần.",
];
pub(super) const NOTES_ID: &[&str] = &[
    "Alergi minyak kelapa.",
    "Suka terapis perempuan.",
    "Pelanggan tetap, biasanya pesan hari Sabtu.",
];
