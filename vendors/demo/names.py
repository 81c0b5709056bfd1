"""Words the demo generator combines: business names, streets, OPDs of a kabupaten."""

# The first and second word of a typical Javanese shop name ("Sumber Rejeki", "Berkah Jaya").
NAME_FIRST = [
    "Sumber", "Berkah", "Maju", "Karya", "Sinar", "Mitra", "Cahaya", "Putra", "Sri", "Tunas",
    "Lancar", "Rizki", "Barokah", "Mulya", "Sentosa", "Mekar", "Abadi", "Jaya", "Anugerah",
    "Bintang", "Harapan", "Dua", "Tiga", "Makmur", "Sejahtera", "Rahayu", "Santoso", "Gemilang",
    "Bumi", "Pelita", "Surya", "Insan", "Amanah", "Al Ikhlas", "Nusa", "Prima", "Kencana",
    "Setia", "Tirta", "Agung",
]  # fmt: skip
NAME_SECOND = [
    "Rejeki", "Jaya", "Makmur", "Mandiri", "Abadi", "Usaha", "Baru", "Sejahtera", "Utama",
    "Sentosa", "Lestari", "Mulia", "Barokah", "Berkah", "Putri", "Sakti", "Perkasa", "Kencana",
    "Harapan", "Rahayu", "Mulyo", "Asri", "Wijaya", "Manunggal", "Bersama", "Indah", "Raya",
    "Amanah", "Gemilang", "Sukses",
]  # fmt: skip
WOMEN = [
    "Sri", "Siti", "Tini", "Yuli", "Wati", "Ning", "Endang", "Sumiati", "Rini", "Darmi", "Nur",
    "Umi", "Lestari", "Sulastri", "Partini", "Kasmini", "Aminah", "Fatimah", "Titik", "Warsih",
    "Ani", "Yati", "Dewi", "Nining",
]  # fmt: skip
MEN = [
    "Slamet", "Budi", "Joko", "Agus", "Bambang", "Wahyu", "Hadi", "Tono", "Yusuf", "Rohman",
    "Darto", "Teguh", "Imam", "Mahmud", "Sugeng", "Wawan", "Edi", "Heru",
]  # fmt: skip

# Per root category: (name pattern, leaf slugs the business sells). {X} core name, {W} a
# woman's name, {M} a man's name, {D} a desa. Patterns that name a place get no place suffix.
BUSINESS_TYPES: dict[str, list[tuple[str, list[str]]]] = {
    "atk": [
        ("Toko {X}", ["kertas", "alat-tulis", "map-dan-arsip", "tinta-toner"]),
        ("Fotocopy dan ATK {X}", ["kertas", "alat-tulis", "map-dan-arsip", "cetak-dokumen"]),
        ("{X} Stationery", ["alat-tulis", "kertas", "map-dan-arsip"]),
        ("Toko Buku dan ATK {X}", ["alat-tulis", "kertas", "map-dan-arsip"]),
    ],
    "makanan-minuman": [
        ("Katering Bu {W}", ["nasi-kotak", "snack-box", "minuman"]),
        ("Katering {X}", ["nasi-kotak", "snack-box", "minuman"]),
        ("Dapur Bu {W}", ["nasi-kotak", "snack-box"]),
        ("Rumah Makan {X}", ["nasi-kotak", "minuman"]),
        ("Aneka Kue Bu {W}", ["snack-box", "oleh-oleh"]),
        ("Pawon {W}", ["snack-box", "nasi-kotak"]),
        ("Oleh-oleh {X}", ["oleh-oleh", "minuman", "hasil-laut"]),
        ("Depot Air Minum {X}", ["minuman"]),
    ],
    "percetakan": [
        ("Percetakan {X}", ["cetak-dokumen", "spanduk-banner", "stempel-plakat"]),
        ("{X} Digital Printing", ["spanduk-banner", "cetak-dokumen"]),
        ("{X} Advertising", ["spanduk-banner", "stempel-plakat"]),
        ("Offset {X}", ["cetak-dokumen"]),
        ("Stempel dan Plakat {X}", ["stempel-plakat", "atribut"]),
    ],
    "komputer-elektronik": [
        ("{X} Komputer", ["laptop-komputer", "printer-scanner", "jaringan", "servis-komputer"]),
        ("{X} Computer", ["laptop-komputer", "jaringan", "tinta-toner"]),
        ("Toko Elektronik {X}", ["printer-scanner", "jaringan", "laptop-komputer"]),
        ("{X} Service Center", ["servis-komputer", "tinta-toner", "jaringan"]),
    ],
    "furnitur": [
        ("Mebel {X}", ["meja-kursi", "lemari-rak", "mebel-kayu"]),
        ("{X} Furniture", ["meja-kursi", "lemari-rak"]),
        ("Meubel Jati {X}", ["mebel-kayu", "meja-kursi"]),
        ("Kerajinan Kayu {D}", ["mebel-kayu"]),
    ],
    "bahan-bangunan": [
        ("TB {X}", ["semen-pasir", "besi-baja", "cat-finishing", "listrik-pipa"]),
        ("Toko Bangunan {X}", ["semen-pasir", "besi-baja", "cat-finishing", "listrik-pipa"]),
        ("Material {X}", ["semen-pasir", "besi-baja"]),
        ("Toko Listrik {X}", ["listrik-pipa"]),
        ("Toko Cat {X}", ["cat-finishing"]),
    ],
    "pakaian-batik": [
        ("Konveksi {X}", ["seragam", "atribut"]),
        ("Penjahit {M}", ["seragam"]),
        ("Batik {X}", ["batik", "seragam"]),
        ("Batik Rifaiyah {D}", ["batik"]),
        ("Batik Tulis Bu {W}", ["batik"]),
        ("{X} Garment", ["seragam", "atribut"]),
    ],
    "kebersihan": [
        ("{X} Cleaning Service", ["jasa-kebersihan", "alat-kebersihan"]),
        ("Grosir {X}", ["alat-kebersihan", "minuman"]),
        ("Toko Plastik {X}", ["alat-kebersihan"]),
    ],
    "sewa": [
        ("Persewaan Tenda {X}", ["sewa-tenda"]),
        ("Rental Mobil {X}", ["sewa-kendaraan"]),
        ("{X} Trans", ["sewa-kendaraan"]),
        ("{X} Sound System", ["sewa-tenda"]),
        ("Dekorasi {X}", ["sewa-tenda"]),
    ],
    "jasa-teknik": [
        ("{X} Teknik", ["servis-ac", "instalasi-listrik"]),
        ("Servis AC {M}", ["servis-ac"]),
        ("Bengkel {X}", ["bengkel"]),
        ("{X} Motor", ["bengkel"]),
        ("{X} Elektrik", ["instalasi-listrik", "listrik-pipa"]),
    ],
    "pertanian-perikanan": [
        ("Kios Pupuk {X}", ["bibit-pupuk"]),
        ("Tani {X}", ["bibit-pupuk"]),
        ("Bandeng Presto Bu {W}", ["hasil-laut"]),
        ("Olahan Ikan {X}", ["hasil-laut"]),
        ("Pembibitan {X}", ["bibit-pupuk"]),
    ],
    "kesehatan": [
        ("Apotek {X}", ["obat-vitamin", "alat-kesehatan"]),
        ("Toko Alkes {X}", ["alat-kesehatan", "obat-vitamin"]),
        ("{X} Medika", ["alat-kesehatan"]),
        ("{X} Farma", ["obat-vitamin"]),
    ],
}

# How many vendors of each kind, relative to each other.
ROOT_WEIGHTS = {
    "makanan-minuman": 20, "atk": 10, "percetakan": 10, "pakaian-batik": 10,
    "bahan-bangunan": 8, "komputer-elektronik": 7, "jasa-teknik": 7, "furnitur": 6, "sewa": 6,
    "pertanian-perikanan": 6, "kebersihan": 5, "kesehatan": 4,
}  # fmt: skip

# Koperasi names: (pattern, root the koperasi trades in or None for "any").
KOPERASI_TYPES = [
    ("Koperasi Serba Usaha {X}", None),
    ("KSU {X}", None),
    ("Koperasi Produsen Batik {D}", "pakaian-batik"),
    ("KUD {X}", "pertanian-perikanan"),
    ("Koperasi Wanita {X}", "makanan-minuman"),
    ("Koperasi Konsumen {X}", "atk"),
    ("Koperasi Perikanan Mina {X}", "pertanian-perikanan"),
    ("Koperasi Pondok Pesantren {X}", "makanan-minuman"),
]

# What a business of each root says it is, for the vendor description.
ROOT_DESCRIPTIONS = {
    "atk": "toko alat tulis kantor dan fotokopi",
    "makanan-minuman": "usaha katering dan makanan",
    "percetakan": "usaha percetakan dan reklame",
    "komputer-elektronik": "toko komputer dan servis elektronik",
    "furnitur": "usaha mebel dan furnitur",
    "bahan-bangunan": "toko bahan bangunan",
    "pakaian-batik": "usaha konveksi dan batik",
    "kebersihan": "usaha perlengkapan dan jasa kebersihan",
    "sewa": "usaha persewaan",
    "jasa-teknik": "usaha jasa teknik dan perbaikan",
    "pertanian-perikanan": "usaha pertanian dan perikanan",
    "kesehatan": "toko alat kesehatan dan obat",
}

TOWN_STREETS = [
    "Jl. Jenderal Sudirman", "Jl. Ahmad Yani", "Jl. Gajah Mada", "Jl. Diponegoro",
    "Jl. Dr. Sutomo", "Jl. RE Martadinata", "Jl. Veteran", "Jl. Kartini", "Jl. Pemuda",
    "Jl. Slamet Riyadi", "Jl. Yos Sudarso", "Jl. Urip Sumoharjo", "Jl. Kyai Haji Ahmad Dahlan",
    "Jl. Brigjen Katamso", "Jl. Pahlawan", "Jl. Raya Pantura",
]  # fmt: skip

YEARS_ACTIVE = ["sejak 2008", "sejak 2012", "sejak 2015", "sejak 2017", "sejak 2019", "sejak 2021"]

# A kabupaten's OPDs: (name, short name, kind). The 15 kecamatan offices are added from the
# Kecamatan table. Demo data: the names follow what a kabupaten typically has.
OPDS = [
    ("Sekretariat Daerah", "Setda", "sekretariat"),
    ("Sekretariat DPRD", "Setwan", "sekretariat"),
    ("Inspektorat", "Inspektorat", "inspektorat"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda", "badan"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", "badan"),
    ("Badan Pendapatan Daerah", "Bapenda", "badan"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", "badan"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD", "badan"),
    ("Badan Kesatuan Bangsa dan Politik", "Kesbangpol", "badan"),
    ("Dinas Pendidikan dan Kebudayaan", "Disdikbud", "dinas"),
    ("Dinas Kesehatan", "Dinkes", "dinas"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", "dinas"),
    ("Dinas Perumahan Rakyat dan Kawasan Permukiman", "Disperkim", "dinas"),
    ("Dinas Perindustrian, Perdagangan, Koperasi dan UKM", "Disperindagkop UKM", "dinas"),
    ("Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak", "Dinsos P2PA", "dinas"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", "dinas"),
    ("Dinas Komunikasi dan Informatika", "Diskominfo", "dinas"),
    ("Dinas Perhubungan", "Dishub", "dinas"),
    ("Dinas Lingkungan Hidup", "DLH", "dinas"),
    ("Dinas Pangan dan Pertanian", "Dispaperta", "dinas"),
    ("Dinas Kelautan dan Perikanan", "Dislutkan", "dinas"),
    ("Dinas Pariwisata, Kepemudaan dan Olahraga", "Disparpora", "dinas"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", "dinas"),
    ("Dinas Tenaga Kerja", "Disnaker", "dinas"),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "Dispermades", "dinas"),
    ("Dinas Perpustakaan dan Kearsipan", "Dinpusip", "dinas"),
    ("Satuan Polisi Pamong Praja", "Satpol PP", "lainnya"),
    ("RSUD Batang", "RSUD Batang", "rsud"),
]
BUYER_OPD = "Dinas Pendidikan dan Kebudayaan"

DUKUH = [
    "Krajan", "Kauman", "Karanganyar", "Sidomulyo", "Kemiri", "Pesantren", "Gondang", "Kebonan",
    "Tegalsari", "Sawahan", "Ngaliyan", "Kalirejo", "Pakis", "Wates", "Sukorejo",
]  # fmt: skip

TOKO_DARING_HOSTS = ["https://tokodaring.inaproc.id/toko", "https://padiumkm.id/toko"]
