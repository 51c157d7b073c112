#!/bin/sh
# tests/tools/import-gen.sh DIR MEMBERS LOANS: a generated cooperative's
# old books for loket import, cutover 2024-03-31: MEMBERS members, each
# with pokok, wajib and sukarela; LOANS flat loans disbursed on
# 2023-12-20 with three instalments paid; a balance sheet that
# reconciles (the vault takes what the savings do not lend out).  Used by
# tests/t0041-import-post.sh and bench/run.
set -eu
dir=$1
members=$2
loans=$3
mkdir -p "$dir"
awk -v n="$members" -v l="$loans" -v dir="$dir" 'BEGIN {
	a = dir "/anggota.csv"; s = dir "/simpanan.csv"
	p = dir "/pinjaman.csv"; b = dir "/neraca.csv"
	print "no_lama,nama,nik,jenis_kelamin,tanggal_lahir,alamat,desa," \
	    "telepon,tanggal_masuk,status" > a
	print "no_lama,jenis,saldo,tunggakan_wajib_bulan,jangka_bulan," \
	    "bunga_tahun_persen,tanggal_buka" > s
	print "no_pinjaman_lama,no_lama,metode,pokok_awal," \
	    "bunga_bulan_persen,jangka_bulan,tanggal_cair,sisa_pokok," \
	    "angsuran_ke_berikut,tanggal_jatuh_tempo_berikut," \
	    "tunggakan_pokok,tunggakan_jasa,denda" > p
	for (i = 0; i < n; i++) {
		dd = 1 + i % 28; mm = 1 + int(i / 28) % 12
		yy = 60 + int(i / 336) % 40
		female = i % 2
		nik = sprintf("5310%02d%02d%02d%02d%04d", 10 + int(i / 9999) % 90,
		    dd + 40 * female, mm, yy, i % 9999 + 1)
		printf "G-%06d,Anggota Nomor %d,%s,%s,19%02d-%02d-%02d," \
		    "Dusun %d,Nita,,2015-01-%02d,aktif\n", i + 1, i + 1, nik,
		    female ? "P" : "L", yy, mm, dd, i % 50 + 1, dd > a
		w = 50000 * (12 + i % 60); su = 10000 * (i % 500)
		printf "G-%06d,pokok,100.000,,,,\n", i + 1 > s
		printf "G-%06d,wajib,%d,0,,,\n", i + 1, w > s
		printf "G-%06d,sukarela,%d,,,,\n", i + 1, su > s
		tw += w; ts += su
	}
	for (i = 0; i < l; i++) {
		printf "P-%06d,G-%06d,flat,1.200.000,1.5,12,2023-12-20," \
		    "900.000,4,2024-04-20,,,\n", i + 1, i * 5 % n + 1 > p
	}
	tp = 100000 * n; tl = 900000 * l
	print "kode_akun,nama_akun,debit,kredit" > b
	printf "1102,Kas,%.0f,\n", tp + tw + ts - tl > b
	printf "1201,Piutang pinjaman anggota,%.0f,\n", tl > b
	printf "2101,Simpanan sukarela,,%.0f\n", ts > b
	printf "3101,Simpanan pokok,,%.0f\n", tp > b
	printf "3102,Simpanan wajib,,%.0f\n", tw > b
}'
