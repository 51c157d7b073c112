#!/bin/sh
# Make the version-1 book with the version-1 loket ($LOKET), in $D.
set -eu
L() { "$LOKET" -d "$D" "$@"; }
pw() { p=$1; shift; printf '%s\n' $p | "$LOKET" -d "$D" "$@"; }
export TZ=Asia/Makassar LANG=C.UTF-8 LC_ALL=C.UTF-8 LOKET_LANG=en
ADMIN=admin-pass ANI=teller-pass-ani SISI=super-pass-sisi MIRA=manager-pass-mira
printf '%s\n' "$ADMIN" | L init -a admin -B "Cabang Maumere" -b MOF \
    -c "Kopdit Sehati" -n "Maria Goreti" -D 2026-07-01 >/dev/null
pw "$ADMIN $ANI" user -u admin add ani teller "Ani Lestari"
pw "$ADMIN $SISI" user -u admin add sisi supervisor "Sisilia Nona"
pw "$ADMIN $MIRA" user -u admin add mira manager "Mira Wuwur"
pw "$MIRA" ledger -u mira 1102 3901 100.000.000
pw "$ANI" drawer -u ani open 20.000.000
pw "$ANI" member -u ani add -k 5307014506850001 -n "Maria Lewar" -g P -a "RT 01 RW 02" -v Nita -s 2.000.000
pw "$ANI" member -u ani add -k 5307011203800003 -n "Yohanes Bata" -g L -a "RT 02" -v Nita -s 500.000
pw "$ANI" member -u ani add -k 5307015708900002 -n "Theresia Kewa" -g P -a "RT 03" -v Nele -s 750.000
pw "$ANI" deposit -u ani 1 sukarela 1.250.000
pw "$ANI" deposit -u ani 2 wajib 50.000
pw "$ANI" withdraw -u ani 1 300.000
pw "$MIRA" loan -u mira -m declining -t 24 product UMUM "Pinjaman umum"
pw "$ANI" loan -u ani apply 1 UMUM 6.000.000 6
pw "$SISI" loan -u sisi approve 1
pw "$ANI" loan -u ani disburse 1
count() {
	left=$1 out=""
	for d in 100000 50000 20000 10000 5000 2000 1000 500 200 100; do
		n=$((left / d))
		if [ "$n" -gt 0 ]; then out="$out ${d}x$n"; left=$((left % d)); fi
	done
	echo $out
}
trial() { L report -c trial | awk -F, -v c="$1" '$1 == c { print $NF }'; }
pw "$ANI" drawer -u ani close $(count "$(trial 1101 | cut -d. -f1)")
pw "$SISI" eod -D 2026-07-01 -u sisi
pw "$ANI" drawer -u ani open 5.000.000
pw "$ANI" deposit -u ani 3 sukarela 400.000
pw "$ANI" withdraw -u ani 2 100.000
pw "$ANI" loan -u ani repay 1 1.000.000
pw "$ANI" drawer -u ani close $(count "$(trial 1101 | cut -d. -f1)")
pw "$SISI" eod -D 2026-07-02 -u sisi
pw "$ANI" drawer -u ani open 2.000.000
pw "$ANI" deposit -u ani 1 sukarela 200.000
