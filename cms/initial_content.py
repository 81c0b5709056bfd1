"""Starting content for the guidance site, written for Kabupaten Batang (data, not UI strings).

Sources: shared/DOMAIN.md (the project's domain notes) and the MC Batang article on the
e-purchasing bimtek of 11 February 2026. Nothing here has been checked against the official text
of a regulation inside this project, so every guidance and regulation page starts with
`needs_review=True` and a note saying exactly what an editor must check; the pages say so to
readers. The quarterly absorption targets are a regency target, not a national rule.
"""

import datetime

# --- helpers --------------------------------------------------------------------------------


def p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def rich(html: str) -> dict:
    return {"type": "rich_text", "value": html}


def callout(kind: str, title: str, body: str, source: str = "") -> dict:
    return {
        "type": "callout",
        "value": {"kind": kind, "title": title, "body": body, "source": source},
    }


def steps(heading: str, *items: tuple[str, str]) -> dict:
    return {
        "type": "steps",
        "value": {
            "heading": heading,
            "steps": [{"title": title, "body": body, "image": None} for title, body in items],
        },
    }


def faq(*items: tuple[str, str], heading: str = "Pertanyaan umum") -> dict:
    return {
        "type": "faq",
        "value": {
            "heading": heading,
            "items": [{"question": q, "answer": a} for q, a in items],
        },
    }


def category_links(category_ids: dict, *links: tuple[str, str]) -> list[dict]:
    """A category-links block for the categories that exist (none: no block)."""
    rows = [
        {"category": category_ids[slug], "label": label}
        for slug, label in links
        if slug in category_ids
    ]
    if not rows:
        return []
    return [
        {"type": "category_links", "value": {"heading": "Cari di katalog lokal", "links": rows}}
    ]


def related(regulation_ids: dict, *keys: str) -> list[dict]:
    ids = [regulation_ids[key] for key in keys if key in regulation_ids]
    if not ids:
        return []
    return [
        {
            "type": "related_regulations",
            "value": {"heading": "Regulasi terkait", "regulations": ids},
        }
    ]


PERPRES_CHAIN = (
    "Peraturan Presiden Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa Pemerintah, "
    "sebagaimana telah diubah dengan Peraturan Presiden Nomor 12 Tahun 2021 dan terakhir "
    "dengan Peraturan Presiden Nomor 46 Tahun 2025"
)
NEWS_SOURCE = (
    "Berita MC Batang (Media Center Kabupaten Batang), “Pemkab Batang Dorong Percepatan Serapan "
    "Anggaran lewat Bimtek E-Purchasing”, tentang bimtek pada 11 Februari 2026"
)

# --- topics and index pages -----------------------------------------------------------------

TOPICS = [
    {
        "slug": "e-purchasing",
        "name": "E-purchasing",
        "description": "Belanja lewat katalog elektronik dan toko daring.",
    },
    {
        "slug": "untuk-penyedia",
        "name": "Untuk penyedia",
        "description": "Langkah pelaku usaha lokal agar bisa menjual ke OPD.",
    },
    {
        "slug": "aturan-dan-batas-nilai",
        "name": "Aturan dan batas nilai",
        "description": "Batas nilai, metode pemilihan dan kewenangan.",
    },
    {
        "slug": "produk-lokal-dan-umk",
        "name": "Produk lokal dan UMK",
        "description": "TKDN, produk dalam negeri, usaha mikro, kecil dan koperasi.",
    },
    {
        "slug": "anggaran-dan-pembayaran",
        "name": "Anggaran dan pembayaran",
        "description": "Serapan anggaran dan dokumen yang ditunggu untuk pembayaran.",
    },
]

GUIDANCE_INDEX = {
    "title": "Panduan pengadaan",
    "slug": "panduan",
    "intro": p(
        "Panduan singkat bagi OPD dan pelaku usaha lokal di Kabupaten Batang: cara belanja "
        "lewat e-purchasing, aturan yang perlu diketahui, dan dokumen yang ditunggu untuk "
        "pembayaran. Setiap halaman menyebut dasar hukumnya dan tanggal terakhir ditinjau."
    ),
}
REGULATION_INDEX = {
    "title": "Regulasi",
    "slug": "regulasi",
    "intro": p(
        "Peraturan pengadaan barang/jasa yang menjadi dasar panduan di situs ini, dengan "
        "statusnya (berlaku, diubah, dicabut) dan ringkasan dalam bahasa sederhana. Ringkasan "
        "bukan pengganti teks resmi."
    ),
}
NEWS_INDEX = {
    "title": "Berita",
    "slug": "berita",
    "intro": p("Kabar pengadaan barang/jasa dan pengembangan usaha lokal di Kabupaten Batang."),
}
EVENT_INDEX = {
    "title": "Bimtek dan pelatihan",
    "slug": "pelatihan",
    "intro": p(
        "Jadwal bimbingan teknis (bimtek) dan sosialisasi pengadaan untuk OPD dan pelaku usaha."
    ),
}

# --- regulations ----------------------------------------------------------------------------

REGULATION_REVIEW = (
    "Unggah PDF resmi dari JDIH, lengkapi tanggal penetapan, dan cocokkan ringkasan dengan "
    "teks resmi."
)

REGULATIONS = [
    {
        "key": "perpres-16-2018",
        "title": "Perpres 16/2018 tentang Pengadaan Barang/Jasa Pemerintah",
        "slug": "perpres-16-2018",
        "kind": "perpres",
        "number": "16",
        "year": 2018,
        "regulation_title": "Pengadaan Barang/Jasa Pemerintah",
        "status": "diubah",
        "summary": p(
            "Aturan pokok pengadaan barang/jasa oleh pemerintah pusat dan daerah. Peraturan ini "
            "mengatur siapa yang berperan (PA/KPA, PPK, Pejabat Pengadaan, UKPBJ, penyedia), "
            "cara memilih penyedia (antara lain e-purchasing, pengadaan langsung, penunjukan "
            "langsung, tender cepat dan tender), serta peran usaha kecil dan produk dalam negeri.",
            "Peraturan ini sudah diubah dua kali: dengan Perpres 12/2021 dan Perpres 46/2025. "
            "Bacalah bersama kedua perubahannya.",
        ),
        "legal_source": "Peraturan Presiden Nomor 16 Tahun 2018.",
        "needs_review": True,
        "review_note": REGULATION_REVIEW,
        "amended_by": [
            ("perpres-12-2021", "mengubah", "Perubahan pertama"),
            ("perpres-46-2025", "mengubah", "Perubahan kedua"),
        ],
    },
    {
        "key": "perpres-12-2021",
        "title": "Perpres 12/2021 tentang Perubahan atas Perpres 16/2018",
        "slug": "perpres-12-2021",
        "kind": "perpres",
        "number": "12",
        "year": 2021,
        "regulation_title": (
            "Perubahan atas Peraturan Presiden Nomor 16 Tahun 2018 tentang Pengadaan "
            "Barang/Jasa Pemerintah"
        ),
        "status": "berlaku",
        "summary": p(
            "Perubahan pertama Perpres 16/2018. Salah satu ketentuan yang paling terasa bagi "
            "usaha lokal: kementerian, lembaga dan pemerintah daerah wajib memakai paling sedikit "
            "40% nilai anggaran belanja barang/jasa untuk usaha mikro, usaha kecil dan koperasi "
            "(Pasal 65).",
        ),
        "legal_source": "Peraturan Presiden Nomor 12 Tahun 2021, Pasal 65.",
        "needs_review": True,
        "review_note": REGULATION_REVIEW
        + " Periksa juga apakah Perpres 46/2025 mengubah ketentuan alokasi 40%.",
    },
    {
        "key": "perpres-46-2025",
        "title": "Perpres 46/2025 tentang Perubahan Kedua atas Perpres 16/2018",
        "slug": "perpres-46-2025",
        "kind": "perpres",
        "number": "46",
        "year": 2025,
        "regulation_title": (
            "Perubahan Kedua atas Peraturan Presiden Nomor 16 Tahun 2018 tentang Pengadaan "
            "Barang/Jasa Pemerintah"
        ),
        "status": "berlaku",
        "in_force_on": datetime.date(2025, 4, 30),
        "summary": p(
            "Perubahan kedua Perpres 16/2018, berlaku sejak 30 April 2025. Hal yang dibahas di "
            "panduan situs ini:",
        )
        + ul(
            "batas pengadaan langsung untuk pekerjaan konstruksi naik menjadi Rp400 juta; untuk "
            "barang dan jasa lainnya tetap Rp200 juta;",
            "urutan preferensi produk berdasarkan nilai TKDN dan produk dalam negeri (Pasal 66);",
            "toko daring (Bela Pengadaan) disebut Lokapasar;",
            "amanat sosialisasi e-purchasing, yang ditindaklanjuti Pemkab Batang dengan bimtek "
            "pada Februari 2026.",
        ),
        "legal_source": "Peraturan Presiden Nomor 46 Tahun 2025; " + NEWS_SOURCE + ".",
        "needs_review": True,
        "review_note": REGULATION_REVIEW
        + " Cocokkan nomor pasal untuk batas pengadaan langsung dan preferensi TKDN.",
    },
]

# --- guidance -------------------------------------------------------------------------------


def guidance_pages(regulation_ids: dict, category_ids: dict) -> list[dict]:
    """The starting guidance pages; ids resolve links to regulations and catalogue categories."""
    all_perpres = ("perpres-16-2018", "perpres-12-2021", "perpres-46-2025")
    return [
        {
            "title": "E-purchasing langkah demi langkah",
            "slug": "e-purchasing-langkah-demi-langkah",
            "intro": (
                "E-purchasing adalah cara OPD membeli barang/jasa secara elektronik lewat katalog "
                "elektronik (Katalog v6 di INAPROC) atau toko daring. Halaman ini menjelaskan "
                "urutan kerjanya bagi PPK dan Pejabat Pengadaan di Kabupaten Batang."
            ),
            "topics": ["e-purchasing"],
            "body": [
                rich(
                    p(
                        "Sejak Perpres 46/2025 dan penggabungan aplikasi SPSE ke INAPROC, belanja "
                        "bernilai kecil makin banyak dilakukan lewat e-purchasing. Pembelian "
                        "tercatat secara elektronik, harga dapat dibandingkan, dan paket terhubung "
                        "ke rencana pengadaan (RUP) OPD.",
                        "Direktori ini membantu langkah sebelum membeli: menemukan penyedia "
                        "lokal Batang dan membandingkan produknya. Transaksinya sendiri tetap "
                        "dilakukan di INAPROC (Katalog v6) atau toko daring.",
                    )
                ),
                steps(
                    "Langkah belanja lewat e-purchasing",
                    (
                        "Pastikan paket sudah diumumkan di SiRUP",
                        p(
                            "Setiap paket pengadaan punya kode RUP di SiRUP. Periksa bahwa "
                            "paketnya sudah ada dan metode pemilihannya sesuai (e-purchasing)."
                        ),
                    ),
                    (
                        "Cari penyedia dan produk lokal",
                        p(
                            "Cari di direktori ini dengan kata yang biasa dipakai (mis. ATK, "
                            "nasi kotak, servis AC). Saring menurut kecamatan, UMK/koperasi, "
                            "TKDN dan produk dalam negeri, lalu simpan pilihan ke daftar "
                            "pendek untuk berkas pengadaan."
                        ),
                    ),
                    (
                        "Buka produknya di Katalog v6 atau toko daring",
                        p(
                            "Ikuti tautan e-Katalog atau toko daring pada produk. Bila penyedia "
                            "lokal yang dipilih belum ada di katalog, beri tahu UKPBJ agar "
                            "penyedia itu dapat didampingi untuk mendaftar."
                        ),
                    ),
                    (
                        "Masukkan ke keranjang dan buat paket dengan kode RUP",
                        p(
                            "Di Katalog v6, isi keranjang berubah menjadi paket yang dikaitkan "
                            "dengan kode RUP. Periksa jumlah, harga satuan, ongkos kirim dan "
                            "lokasi pengiriman."
                        ),
                    ),
                    (
                        "Proses pesanan bersama penyedia",
                        p(
                            "Ikuti tahapan di aplikasi (konfirmasi penyedia, negosiasi bila ada, "
                            "pesanan). Simpan dokumen yang dihasilkan aplikasi untuk berkas "
                            "pengadaan."
                        ),
                    ),
                    (
                        "Terima barang/jasa dan tandatangani BAST",
                        p(
                            "Periksa barang/jasa yang diterima, lalu buat berita acara serah "
                            "terima (BAST). BAST yang terlambat menunda pembayaran."
                        ),
                    ),
                    (
                        "Lengkapi dokumen pembayaran",
                        p(
                            "Kumpulkan BAST, tagihan (invoice), kuitansi dan faktur pajak bila "
                            "penyedia PKP. Lihat panduan “Dokumen yang ditunggu untuk "
                            "pembayaran”."
                        ),
                    ),
                    (
                        "Beri penilaian kinerja penyedia",
                        p(
                            "Setelah pembayaran, PPK memberi penilaian kinerja penyedia di "
                            "aplikasi. Penilaian ini membantu OPD lain memilih penyedia."
                        ),
                    ),
                ),
                callout(
                    "review",
                    "Urutan langkah di aplikasi",
                    p(
                        "Nama menu dan urutan tahapan di INAPROC dapat berubah. Editor perlu "
                        "mencocokkan langkah di atas dengan tampilan Katalog v6 yang berlaku dan "
                        "menambahkan tangkapan layar."
                    ),
                    "Panduan pengguna INAPROC dari LKPP (belum dilampirkan).",
                ),
                faq(
                    (
                        "Apakah semua belanja OPD harus lewat e-purchasing?",
                        p(
                            "Tidak selalu. Metode pemilihan penyedia bergantung pada jenis dan "
                            "nilai paket serta ketersediaan barang/jasa di katalog. Ikuti Perpres "
                            "16/2018 beserta perubahannya dan arahan UKPBJ Kabupaten Batang."
                        ),
                    ),
                    (
                        "Apakah saya bisa membeli langsung di direktori ini?",
                        p(
                            "Tidak. Direktori ini tempat mencari dan membandingkan penyedia lokal. "
                            "Pembelian dilakukan di INAPROC (Katalog v6) atau toko daring lewat "
                            "tautan pada produk."
                        ),
                    ),
                    (
                        "Penyedia lokal yang saya cari belum ada di Katalog v6. Apa yang bisa "
                        "dilakukan?",
                        p(
                            "Sampaikan ke UKPBJ. Penyedia dapat mengikuti panduan “Cara usaha "
                            "lokal masuk Katalog v6” dan didampingi UKPBJ untuk mendaftar."
                        ),
                    ),
                ),
                *category_links(
                    category_ids,
                    ("atk", "Cari penyedia ATK lokal"),
                    ("makanan-minuman", "Cari penyedia mamin dan katering lokal"),
                ),
                *related(regulation_ids, *all_perpres),
            ],
            "legal_source": PERPRES_CHAIN + "; " + NEWS_SOURCE + " (integrasi SPSE dan INAPROC).",
            "needs_review": True,
            "review_note": (
                "Cocokkan urutan langkah dengan tampilan INAPROC/Katalog v6 saat ini dan dengan "
                "peraturan LKPP tentang e-purchasing yang berlaku; tambahkan tangkapan layar."
            ),
        },
        {
            "title": "Katalog v6 dan toko daring untuk pembeli OPD",
            "slug": "katalog-v6-dan-toko-daring",
            "intro": (
                "Apa bedanya katalog nasional, sektoral dan lokal, kapan toko daring dipakai, "
                "dan bagaimana menemukan penyedia lokal Batang di dalamnya."
            ),
            "topics": ["e-purchasing"],
            "body": [
                rich(
                    "<h2>Katalog v6 di INAPROC</h2>"
                    + p(
                        "Katalog elektronik versi 6 berada di INAPROC. Isinya terbagi menjadi "
                        "katalog nasional, katalog sektoral dan katalog lokal. Katalog lokal "
                        "dikelola UKPBJ pemerintah daerah, termasuk Kabupaten Batang, untuk "
                        "barang/jasa dari penyedia di daerahnya.",
                        "Saat mencari di Katalog v6, pembeli dapat menyaring menurut tingkat "
                        "TKDN, penyedia UMK, harga, lokasi pengiriman dan stok.",
                    )
                    + "<h2>Toko daring (Lokapasar)</h2>"
                    + p(
                        "Toko daring, yang dikenal sebagai Bela Pengadaan dan dalam Perpres "
                        "46/2025 disebut Lokapasar, dipakai untuk membeli dari usaha mikro dan "
                        "kecil lewat lokapasar mitra pemerintah."
                    )
                ),
                callout(
                    "review",
                    "Batas nilai belanja lewat toko daring",
                    p(
                        "Sebelumnya belanja lewat toko daring dibatasi sampai Rp50 juta. Batas "
                        "yang berlaku sekarang belum dicek dari peraturan resmi. Tanyakan ke "
                        "UKPBJ sebelum memakai toko daring untuk paket yang lebih besar."
                    ),
                    "Ketentuan LKPP tentang toko daring (nomor peraturan belum dilengkapi).",
                ),
                rich(
                    "<h2>Menemukan penyedia lokal</h2>"
                    + ul(
                        "Mulailah di direktori ini: setiap penyedia berdomisili di Kabupaten "
                        "Batang dan diverifikasi UKPBJ.",
                        "Produk yang punya tautan e-Katalog atau toko daring bisa langsung "
                        "dibuka di sana.",
                        "Bila produk lokal belum punya tautan, penyedia tersebut belum tayang di "
                        "katalog; laporkan ke UKPBJ agar dapat didampingi.",
                    )
                ),
                faq(
                    (
                        "Apa bedanya katalog lokal dan katalog nasional?",
                        p(
                            "Katalog nasional dikelola LKPP, katalog sektoral oleh kementerian/"
                            "lembaga, dan katalog lokal oleh pemerintah daerah. Semuanya "
                            "berada di Katalog v6 INAPROC."
                        ),
                    ),
                    (
                        "Apakah harga di direktori sama dengan harga di katalog?",
                        p(
                            "Belum tentu. Harga di direktori diisi penyedia dan punya tanggal "
                            "berlaku. Harga yang mengikat adalah harga di aplikasi tempat "
                            "transaksi dilakukan."
                        ),
                    ),
                ),
                *category_links(
                    category_ids,
                    ("atk", "Cari ATK dari penyedia lokal"),
                    ("percetakan", "Cari percetakan dan reklame lokal"),
                ),
                *related(regulation_ids, "perpres-46-2025"),
            ],
            "legal_source": PERPRES_CHAIN
            + " (istilah Lokapasar); ketentuan teknis katalog elektronik dan toko daring dari "
            "LKPP (nomor peraturan belum dilengkapi).",
            "needs_review": True,
            "review_note": (
                "Lengkapi nomor peraturan LKPP tentang katalog elektronik dan toko daring, dan "
                "batas nilai toko daring yang berlaku."
            ),
        },
        {
            "title": "Cara usaha lokal masuk Katalog v6",
            "slug": "usaha-lokal-masuk-katalog-v6",
            "intro": (
                "Dokumen dan langkah yang perlu disiapkan pelaku usaha di Kabupaten Batang agar "
                "produknya bisa dibeli OPD lewat Katalog v6: NIB, KBLI, NPWP, status PKP dan "
                "TKDN."
            ),
            "topics": ["untuk-penyedia", "produk-lokal-dan-umk"],
            "body": [
                rich(
                    p(
                        "Usaha perorangan, UD, CV, PT dan koperasi dapat menjadi penyedia. "
                        "Siapkan dokumen berikut sebelum mendaftar."
                    )
                ),
                steps(
                    "Langkah menuju Katalog v6",
                    (
                        "Urus NIB di OSS",
                        p(
                            "Nomor Induk Berusaha (NIB) terdiri dari 13 angka dan diterbitkan "
                            "lewat OSS. NIB menggantikan SIUP dan TDP."
                        ),
                    ),
                    (
                        "Pastikan KBLI sesuai produk",
                        p(
                            "Kode KBLI (5 angka) melekat pada NIB. Katalog menolak produk yang "
                            "kategorinya tidak sesuai dengan KBLI penyedia, jadi tambahkan KBLI "
                            "yang sesuai di OSS sebelum mendaftarkan produk."
                        ),
                    ),
                    (
                        "Siapkan NPWP dan ketahui status PKP",
                        p(
                            "Sejak 2024 NPWP terdiri dari 16 angka; orang pribadi memakai NIK. "
                            "NPWP lama 15 angka ditulis dengan tambahan angka 0 di depan. Cabang "
                            "memakai NITKU. Ketahui apakah usaha sudah dikukuhkan sebagai "
                            "Pengusaha Kena Pajak (PKP): PKP wajib menerbitkan faktur pajak."
                        ),
                    ),
                    (
                        "Siapkan akta dan sertifikat produk",
                        p(
                            "CV dan PT menyiapkan akta pendirian beserta SK Kemenkumham. Produk "
                            "yang mewajibkannya perlu sertifikat SNI atau halal."
                        ),
                    ),
                    (
                        "Urus sertifikat TKDN bila ada",
                        p(
                            "Sertifikat TKDN (nomor dan masa berlaku) tercatat di SIINas milik "
                            "Kementerian Perindustrian. Produk ber-TKDN didahulukan dalam "
                            "pengadaan; lihat panduan “Preferensi TKDN dan produk dalam negeri”."
                        ),
                    ),
                    (
                        "Daftar sebagai penyedia di INAPROC dan lengkapi data kualifikasi",
                        p(
                            "Data kualifikasi dan kinerja penyedia tercatat di SIKaP. Setelah "
                            "akun penyedia aktif, daftarkan produk ke katalog; untuk katalog "
                            "lokal, hubungi UKPBJ Kabupaten Batang."
                        ),
                    ),
                    (
                        "Daftarkan usaha di direktori ini",
                        p(
                            "Isi profil usaha, unggah dokumen, dan cantumkan tautan toko di "
                            "INAPROC atau toko daring. UKPBJ memverifikasi data sebelum profil "
                            "tampil ke pembeli."
                        ),
                    ),
                ),
                callout(
                    "info",
                    "Pendampingan",
                    p(
                        "UKPBJ Kabupaten Batang memantau penyedia lokal yang belum tayang di "
                        "katalog dan membantu mereka mendaftar. Hubungi UKPBJ di Sekretariat "
                        "Daerah."
                    ),
                ),
                faq(
                    (
                        "Apakah usaha perorangan boleh menjadi penyedia?",
                        p(
                            "Boleh. Bentuk usaha perorangan, UD, CV, PT dan koperasi dapat "
                            "terdaftar, selama punya NIB dengan KBLI yang sesuai."
                        ),
                    ),
                    (
                        "Apakah semua produk wajib punya sertifikat TKDN?",
                        p(
                            "Tidak semua produk punya sertifikat TKDN. Sertifikat TKDN membuat "
                            "produk didahulukan. Produk dalam negeri tanpa sertifikat TKDN dapat "
                            "tercatat sebagai PDN di SIINas."
                        ),
                    ),
                ),
                *related(regulation_ids, "perpres-16-2018", "perpres-46-2025"),
            ],
            "legal_source": (
                PERPRES_CHAIN + " (kualifikasi penyedia); ketentuan OSS untuk NIB dan KBLI; "
                "ketentuan perpajakan untuk NPWP 16 angka dan PKP. Langkah teknis pendaftaran "
                "Katalog v6 mengikuti panduan LKPP."
            ),
            "needs_review": True,
            "review_note": (
                "Cocokkan langkah pendaftaran penyedia dan produk dengan panduan LKPP yang "
                "berlaku dan prosedur katalog lokal UKPBJ Batang; tambahkan kontak UKPBJ."
            ),
        },
        {
            "title": "Batas nilai pengadaan langsung",
            "slug": "batas-pengadaan-langsung",
            "intro": (
                "Berapa nilai paket yang boleh dibeli dengan pengadaan langsung setelah Perpres "
                "46/2025: Rp200 juta untuk barang dan jasa lainnya, Rp400 juta untuk pekerjaan "
                "konstruksi."
            ),
            "topics": ["aturan-dan-batas-nilai"],
            "body": [
                callout(
                    "rule",
                    "Batas pengadaan langsung",
                    ul(
                        "Barang dan jasa lainnya: paling banyak <b>Rp200 juta</b>.",
                        "Pekerjaan konstruksi: paling banyak <b>Rp400 juta</b>.",
                    ),
                    "Perpres 16/2018 sebagaimana diubah terakhir dengan Perpres 46/2025 "
                    "(nomor pasal perlu dicek editor).",
                ),
                rich(
                    p(
                        "Pengadaan langsung dilaksanakan oleh Pejabat Pengadaan. Nilai yang "
                        "dipakai adalah nilai paket, bukan nilai per barang.",
                        "Paket tidak boleh dipecah menjadi beberapa paket kecil dengan maksud "
                        "menghindari tender atau seleksi.",
                    )
                ),
                callout(
                    "review",
                    "Jasa konsultansi dan ketentuan lain",
                    p(
                        "Batas untuk jasa konsultansi dan ketentuan rinci lain tentang "
                        "pengadaan langsung belum dicantumkan di sini. Periksa Perpres 46/2025 "
                        "atau tanyakan ke UKPBJ."
                    ),
                ),
                faq(
                    (
                        "Apakah batas Rp200 juta juga berlaku untuk e-purchasing?",
                        p(
                            "Batas pengadaan langsung tidak sama dengan batas e-purchasing. "
                            "Siapa yang melaksanakan e-purchasing untuk nilai tertentu (Pejabat "
                            "Pengadaan atau PPK) diatur dalam Perpres 16/2018 beserta "
                            "perubahannya; tanyakan ke UKPBJ bila ragu."
                        ),
                    ),
                    (
                        "Sejak kapan batas Rp400 juta untuk konstruksi berlaku?",
                        p("Perpres 46/2025 berlaku sejak 30 April 2025."),
                    ),
                ),
                *category_links(
                    category_ids,
                    ("bahan-bangunan", "Cari toko bahan bangunan lokal"),
                    ("jasa-teknik", "Cari jasa perbaikan dan teknik lokal"),
                ),
                *related(regulation_ids, "perpres-46-2025", "perpres-16-2018"),
            ],
            "legal_source": PERPRES_CHAIN + ".",
            "needs_review": True,
            "review_note": (
                "Cocokkan kedua batas nilai dan nomor pasalnya dengan teks resmi Perpres "
                "46/2025; lengkapi batas jasa konsultansi."
            ),
        },
        {
            "title": "Preferensi TKDN dan produk dalam negeri",
            "slug": "preferensi-tkdn-pdn",
            "intro": (
                "Produk dengan nilai TKDN tinggi dan produk dalam negeri (PDN) harus didahulukan. "
                "Begini urutannya dan cara memeriksanya."
            ),
            "topics": ["produk-lokal-dan-umk"],
            "body": [
                rich(
                    p(
                        "<b>PDN</b> adalah produk dalam negeri. <b>TKDN</b> (tingkat komponen "
                        "dalam negeri) adalah persentase kandungan dalam negeri sebuah produk, "
                        "dibuktikan dengan sertifikat yang punya nomor dan masa berlaku. "
                        "Sertifikat dapat dicabut, jadi periksa statusnya di SIINas sebelum "
                        "membeli. <b>BMP</b> (bobot manfaat perusahaan) ditambahkan pada nilai "
                        "TKDN untuk syarat 40% di bawah."
                    )
                ),
                callout(
                    "rule",
                    "Urutan preferensi",
                    "<ol>"
                    "<li>Bila ada produk dengan nilai TKDN + BMP paling sedikit 40%, belilah "
                    "produk yang TKDN-nya paling sedikit 25%.</li>"
                    "<li>Bila tidak ada, pilih produk dengan TKDN di atas 25%.</li>"
                    "<li>Berikutnya, produk dengan TKDN lebih rendah.</li>"
                    "<li>Berikutnya, produk dalam negeri yang tercantum di SIINas.</li>"
                    "<li>Produk impor paling akhir.</li>"
                    "</ol>",
                    "Perpres 46/2025 Pasal 66 (perlu dicocokkan dengan teks resmi).",
                ),
                rich(
                    "<h2>Di direktori ini</h2>"
                    + p(
                        "Saring hasil pencarian menurut kelompok TKDN (40% ke atas, 25% ke atas, "
                        "di bawah 25%, tanpa TKDN) dan tanda PDN. Nilai TKDN diisi penyedia; "
                        "cocokkan nomor sertifikatnya di SIINas."
                    )
                ),
                *category_links(
                    category_ids,
                    ("komputer-elektronik", "Cari laptop dan komputer"),
                    ("pakaian-batik", "Cari seragam dan batik Batang"),
                ),
                *related(regulation_ids, "perpres-46-2025"),
            ],
            "legal_source": "Peraturan Presiden Nomor 46 Tahun 2025, Pasal 66.",
            "needs_review": True,
            "review_note": (
                "Cocokkan urutan preferensi dan ambang 25%/40% dengan Pasal 66 Perpres 46/2025."
            ),
        },
        {
            "title": "Alokasi 40% untuk usaha mikro, kecil dan koperasi",
            "slug": "alokasi-40-persen-umk-koperasi",
            "intro": (
                "Paling sedikit 40% nilai anggaran belanja barang/jasa harus dipakai untuk "
                "usaha mikro, usaha kecil dan koperasi. Begini artinya bagi OPD di Batang."
            ),
            "topics": ["produk-lokal-dan-umk"],
            "body": [
                callout(
                    "rule",
                    "Alokasi paling sedikit 40%",
                    p(
                        "Kementerian, lembaga dan pemerintah daerah wajib menggunakan paling "
                        "sedikit 40% dari nilai anggaran belanja barang/jasa untuk usaha mikro, "
                        "usaha kecil dan koperasi."
                    ),
                    "Perpres 12/2021 Pasal 65.",
                ),
                rich(
                    "<h2>Siapa yang termasuk usaha mikro dan kecil</h2>"
                    + p("Menurut PP 7/2021, dilihat dari modal usaha atau hasil penjualan tahunan:")
                    + ul(
                        "Mikro: modal sampai Rp1 miliar, atau penjualan sampai Rp2 miliar per "
                        "tahun.",
                        "Kecil: modal Rp1–5 miliar, atau penjualan Rp2–15 miliar per tahun.",
                        "Menengah (tidak termasuk alokasi ini): modal Rp5–10 miliar, atau "
                        "penjualan Rp15–50 miliar per tahun.",
                    )
                    + "<h2>Mengapa penting bagi Batang</h2>"
                    + p(
                        "Belanja OPD yang jatuh ke usaha lokal ikut menggerakkan ekonomi daerah. "
                        "Pemkab Batang meminta pelaku usaha lokal diutamakan. Saring pencarian di "
                        "direktori ini menurut skala usaha (mikro, kecil) dan koperasi."
                    )
                ),
                *category_links(
                    category_ids,
                    ("makanan-minuman", "Mamin dan katering dari usaha lokal"),
                    ("pakaian-batik", "Seragam dan batik dari usaha lokal"),
                ),
                *related(regulation_ids, "perpres-12-2021"),
            ],
            "legal_source": (
                "Peraturan Presiden Nomor 12 Tahun 2021, Pasal 65; Peraturan Pemerintah Nomor 7 "
                "Tahun 2021 (kriteria usaha mikro, kecil dan menengah)."
            ),
            "needs_review": True,
            "review_note": (
                "Cocokkan bunyi Pasal 65 Perpres 12/2021 (termasuk syarat produk dalam negeri) "
                "dan periksa apakah Perpres 46/2025 mengubahnya; cocokkan kriteria modal dan "
                "penjualan dengan PP 7/2021."
            ),
        },
        {
            "title": "Target serapan anggaran per triwulan",
            "slug": "target-serapan-triwulan",
            "intro": (
                "Pemkab Batang menargetkan serapan anggaran OPD paling sedikit 15% pada triwulan "
                "I, 45% pada triwulan II, 70% pada triwulan III dan 100% pada akhir tahun."
            ),
            "topics": ["anggaran-dan-pembayaran"],
            "body": [
                callout(
                    "warning",
                    "Target daerah, bukan aturan nasional",
                    p(
                        "Target ini disampaikan Asisten Perekonomian dan Pembangunan Setda "
                        "Batang pada bimtek e-purchasing 11 Februari 2026, sebagaimana telah "
                        "dipaparkan di hadapan Bupati Batang. Ini target Pemkab Batang, bukan "
                        "ketentuan peraturan nasional."
                    ),
                    NEWS_SOURCE + ".",
                ),
                rich(
                    "<h2>Target</h2>"
                    + ul(
                        "Triwulan I: paling sedikit 15%",
                        "Triwulan II: paling sedikit 45%",
                        "Triwulan III: paling sedikit 70%",
                        "Akhir tahun: 100%",
                    )
                    + p(
                        "Serapan anggaran adalah realisasi belanja dibagi pagu anggaran.",
                    )
                    + "<h2>Mengapa tepat waktu penting</h2>"
                    + p(
                        "Realisasi anggaran daerah terhubung dengan sistem pemantauan "
                        "kementerian. Menurut Pemkab Batang, daerah yang tampak masih punya sisa "
                        "dana bisa mengalami penangguhan transfer berikutnya dari pusat.",
                        "Keterlambatan juga sering terjadi di ujung: pekerjaan sudah selesai "
                        "tetapi belum dapat dibayar karena kelengkapan administrasi terlambat. "
                        "Mulailah pengadaan di awal tahun anggaran dan siapkan dokumen "
                        "pembayaran sejak barang/jasa diterima.",
                    )
                ),
            ],
            "legal_source": (
                NEWS_SOURCE + ". Bukan peraturan nasional; dasar tertulis di tingkat kabupaten "
                "(mis. Perbup atau surat edaran) belum dilampirkan."
            ),
            "needs_review": True,
            "review_note": (
                "Lampirkan dasar tertulis target serapan Pemkab Batang (Perbup, SE atau "
                "notulen) dan pastikan angkanya berlaku untuk tahun anggaran berjalan."
            ),
        },
        {
            "title": "Dokumen yang ditunggu untuk pembayaran",
            "slug": "dokumen-pembayaran",
            "intro": (
                "Pekerjaan yang sudah selesai baru bisa dibayar bila dokumennya lengkap: BAST, "
                "tagihan (invoice), kuitansi dan faktur pajak."
            ),
            "topics": ["anggaran-dan-pembayaran", "untuk-penyedia"],
            "body": [
                rich(
                    p(
                        "Pada bimtek e-purchasing Februari 2026, Pemkab Batang mencontohkan "
                        "pekerjaan yang fisiknya sudah jadi tetapi belum dibayar karena "
                        "kelengkapan administrasi terlambat. Akibatnya serapan anggaran tidak "
                        "sesuai harapan. Daftar berikut membantu OPD dan penyedia menyiapkan "
                        "dokumen sejak awal."
                    )
                ),
                steps(
                    "Dokumen yang biasanya diminta",
                    (
                        "Berita acara serah terima (BAST)",
                        p(
                            "Ditandatangani setelah barang/jasa diperiksa dan diterima. Tanggal "
                            "BAST menjadi dasar penagihan."
                        ),
                    ),
                    (
                        "Tagihan (invoice) dari penyedia",
                        p("Menyebut nomor pesanan atau kontrak, rincian barang/jasa dan nilai."),
                    ),
                    (
                        "Kuitansi",
                        p("Bukti penerimaan pembayaran, diisi sesuai nilai tagihan."),
                    ),
                    (
                        "Faktur pajak (bila penyedia PKP)",
                        p(
                            "Penyedia yang berstatus Pengusaha Kena Pajak menerbitkan faktur "
                            "pajak. Penyedia non-PKP tidak menerbitkan faktur pajak."
                        ),
                    ),
                ),
                callout(
                    "review",
                    "Dokumen tambahan",
                    p(
                        "Bendahara atau BPKAD dapat meminta dokumen lain (mis. surat pesanan "
                        "atau kontrak, foto barang, rekening penyedia). Daftar lengkap mengikuti "
                        "ketentuan pengelolaan keuangan daerah Kabupaten Batang."
                    ),
                ),
                faq(
                    (
                        "Penyedia kami bukan PKP. Apakah pembayaran tetap bisa diproses?",
                        p(
                            "Bisa. Penyedia non-PKP tidak menerbitkan faktur pajak; pemotongan "
                            "atau pemungutan pajak lain mengikuti ketentuan perpajakan. "
                            "Tanyakan rinciannya ke bendahara OPD."
                        ),
                    ),
                ),
            ],
            "legal_source": (
                NEWS_SOURCE + ". Daftar dokumen di sini adalah daftar umum; ketentuan "
                "pembayaran mengikuti kontrak atau surat pesanan dan peraturan pengelolaan "
                "keuangan daerah."
            ),
            "needs_review": True,
            "review_note": (
                "Cocokkan daftar dokumen dengan ketentuan BPKAD Kabupaten Batang tentang "
                "pembayaran belanja barang/jasa (LS)."
            ),
        },
    ]


CATEGORY_GUIDANCE = [
    {
        "category": "atk",
        "page": "katalog-v6-dan-toko-daring",
        "label": "Cara belanja ATK lewat Katalog v6 atau toko daring",
    },
    {
        "category": "makanan-minuman",
        "page": "alokasi-40-persen-umk-koperasi",
        "label": "Belanja mamin dari usaha mikro, kecil dan koperasi",
    },
    {
        "category": "bahan-bangunan",
        "page": "batas-pengadaan-langsung",
        "label": "Batas nilai pengadaan langsung untuk barang dan konstruksi",
    },
    {
        "category": "komputer-elektronik",
        "page": "preferensi-tkdn-pdn",
        "label": "Preferensi TKDN saat membeli laptop dan komputer",
    },
    {
        "category": "pakaian-batik",
        "page": "alokasi-40-persen-umk-koperasi",
        "label": "Seragam dan batik dari usaha lokal",
    },
]

# --- news and training ----------------------------------------------------------------------

NEWS = [
    {
        "title": "Pemkab Batang gelar bimtek e-purchasing untuk 170 peserta dari seluruh OPD",
        "slug": "bimtek-e-purchasing-februari-2026",
        "date": datetime.date(2026, 2, 11),
        "intro": (
            "Bimbingan teknis pengadaan barang/jasa lewat e-purchasing digelar di Aula Bupati "
            "Batang pada Rabu, 11 Februari 2026, sebagai tindak lanjut Perpres 46/2025 dan untuk "
            "mempercepat serapan anggaran."
        ),
        "body": [
            rich(
                p(
                    "Pemerintah Kabupaten Batang menggelar bimbingan teknis (bimtek) pengadaan "
                    "barang dan jasa melalui e-purchasing di Aula Bupati Batang pada Rabu, 11 "
                    "Februari 2026. Sebanyak 170 peserta mewakili seluruh Organisasi Perangkat "
                    "Daerah (OPD).",
                    "Asisten Perekonomian dan Pembangunan Setda Batang, Asri Hermawan, "
                    "menjelaskan bahwa bimtek ini menindaklanjuti perubahan aturan lewat "
                    "Peraturan Presiden Nomor 46 Tahun 2025, perubahan kedua atas Perpres 16/2018, "
                    "sekaligus memperkuat kompetensi aparatur pengadaan. Perubahan itu antara "
                    "lain mengamanatkan sosialisasi e-purchasing.",
                    "Sistem pengadaan juga kini terintegrasi: aplikasi SPSE telah terhubung "
                    "dengan INAPROC, termasuk fitur toko daring. Pemkab berharap pelatihan ini "
                    "menekan potensi kesalahan dan penyimpangan dalam pengadaan, apalagi di "
                    "awal tahun anggaran ketika OPD masih punya waktu untuk mempercepat "
                    "kegiatan.",
                )
                + "<h2>Target serapan anggaran</h2>"
                + p(
                    "Asri kembali mengingatkan target serapan anggaran yang telah dipaparkan di "
                    "hadapan Bupati Batang: paling sedikit 15% pada triwulan pertama, 45% pada "
                    "triwulan kedua, 70% pada triwulan ketiga, dan 100% pada akhir tahun.",
                    "Menurutnya, keterlambatan pengadaan dapat berdampak luas, termasuk "
                    "kemungkinan tertahannya transfer dana dari pusat, karena realisasi "
                    "anggaran daerah terhubung dengan sistem pemantauan kementerian. "
                    "Administrasi yang lambat juga merugikan: ada pekerjaan yang fisiknya sudah "
                    "selesai tetapi belum bisa dibayar karena kelengkapan administrasinya "
                    "terlambat.",
                )
                + "<h2>Pelaku usaha lokal diutamakan</h2>"
                + p(
                    "Pengadaan barang/jasa pemerintah juga berperan menggerakkan ekonomi "
                    "nasional maupun lokal. Karena itu, menurut Asri, pelaku usaha di Kabupaten "
                    "Batang perlu mendapat perhatian dan diutamakan. Pemkab berharap pengadaan "
                    "di setiap OPD makin cepat, tepat dan sesuai ketentuan."
                )
            ),
        ],
        "source_name": "MC Batang, Jateng (Roza/Jumadi), diringkas ulang",
    },
]

EVENTS = [
    {
        "title": "Bimtek pengadaan barang/jasa melalui e-purchasing",
        "slug": "bimtek-e-purchasing-11-februari-2026",
        "date": datetime.date(2026, 2, 11),
        "place": "Aula Bupati Batang",
        "audience": "Perwakilan seluruh OPD Pemerintah Kabupaten Batang",
        "intro": (
            "Bimtek tindak lanjut Perpres 46/2025: e-purchasing, integrasi SPSE dengan INAPROC "
            "dan toko daring, serta percepatan serapan anggaran."
        ),
        "attendance": 170,
        "body": [
            rich(
                p(
                    "Materi dan rangkuman acara dapat dibaca di berita “Pemkab Batang gelar bimtek "
                    "e-purchasing untuk 170 peserta dari seluruh OPD” dan panduan “E-purchasing "
                    "langkah demi langkah”."
                )
            )
        ],
    },
]
