#!/bin/sh
# The province box: 200 generated cooperatives' signed reports of 2025
# (a mix of districts, predicates and meeting dates; tests/tools/ods-gen
# prints the truth), each sent over a real sshd on the loopback with the
# cooperative's own key, whose authorized_keys line names its code
# (tests/tools/ods-send: loket sync --province's client, without books);
# the dashboard's counts equal the truth.  A report signed with another cooperative's key, a report
# with one byte changed, a cut report and a bad code are refused and
# keep nothing; the same report twice is kept once, read-only.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tools/sync-lib.sh"
need python3

P=$T/province
GEN=$top_builddir/tests/tools/ods-gen
pv() {
	"$LOKET" -d "$P" "$@"
}
pv_en() {
	LOKET_LANG=en "$LOKET" -d "$P" "$@"
}
mkdir -p "$T/gen"
"$GEN" -y 2025 200 "$T/gen" >"$T/truth" || {
	echo "Bail out! ods-gen failed"
	exit 1
}

ok "loket init --province makes the office's folder" \
    pv init --province "Dinas Koperasi NTT"
expect_status 73 "a second time it is refused" \
    pv init --province "Dinas Koperasi NTT"
expect_status 66 "a book's folder is not a province folder" \
    "$LOKET" -d "$T/nothing" province

start_sshd
mkdir -p "$T/keys"
printf '[127.0.0.1]:%s %s\n' "$SSHD_PORT" \
    "$(cut -d' ' -f1,2 "$SSHD_DIR/host_ed25519.pub")" >"$T/known_hosts"
for f in "$T"/gen/COOP*; do
	c=${f##*/}
	ssh-keygen -q -t ed25519 -N '' -C "$c" -f "$T/keys/$c" || break
	printf 'command="%s -d %s serve --coop %s",restrict %s\n' \
	    "$LOKET" "$P" "$c" "$(cut -d' ' -f1,2 "$T/keys/$c.pub")" \
	    >>"$SSHD_DIR/authorized_keys"
done
send() {
	"$TOOLS/ods-send" -H 127.0.0.1 -p "$SSHD_PORT" -u root \
	    -k "$T/keys/$1" -K "$T/known_hosts" "$2"
}
n=0
for f in "$T"/gen/COOP*; do
	send "${f##*/}" "$f" >/dev/null 2>"$T/err" || break
	n=$((n + 1))
done
is "200 reports sent over SSH" "$n" 200
is "200 files kept" "$(find "$P/reports" -name '*.ods' | wc -l | tr -d ' ')" 200
is "each read-only" "$(find "$P/reports" -name '*.ods' -perm -200 | wc -l | tr -d ' ')" 0

# The truth, summed by district, as loket province -c districts prints it.
python3 - "$T/truth" >"$T/want" <<'PY'
import sys
d = {}
for line in open(sys.argv[1]):
	code, dist, rat, pred, men, women, assets, shu, score, npl = line.split()
	x = d.setdefault(dist, [0] * 11)
	x[0] += 1; x[1] += 1; x[2] += int(rat); x[2 + int(pred)] += 1
	x[7] += int(men); x[8] += int(women); x[9] += int(assets); x[10] += int(shu)
def m(v): return "%s%d.%02d" % ("-" if v < 0 else "", abs(v) // 100, abs(v) % 100)
for k in sorted(d):
	x = d[k]
	print(",".join([k] + [str(v) for v in x[:9]] + [m(x[9]), m(x[10])]))
PY
pv_en province -c -y 2025 districts >"$T/districts.csv"
tail -n +2 "$T/districts.csv" | cut -d, -f1,3- >"$T/got"
like "districts by name" "$T/districts.csv" "^5310,Sikka,"
is "the districts' counts equal the truth" "$(cat "$T/got")" "$(cat "$T/want")"
mv "$P/reports.log" "$T/reports.log"
pv_en province -c -y 2025 districts | tail -n +2 | cut -d, -f1,3- >"$T/got2"
is "without reports.log, read from the files, the same" "$(cat "$T/got2")" \
    "$(cat "$T/want")"
mv "$T/reports.log" "$P/reports.log"
is "in as many districts" "$(wc -l <"$T/got" | tr -d ' ')" \
    "$(cut -d' ' -f2 "$T/truth" | sort -u | wc -l | tr -d ' ')"
pv_en province -y 2025 >"$T/summary"
like "the summary counts 200 reported" "$T/summary" \
    '^cooperatives 200, reported 200, RAT in time [0-9]+, nothing for a year 0$'
is "and the RAT in time" \
    "$(sed -n 's/.*RAT in time \([0-9]*\),.*/\1/p' "$T/summary")" \
    "$(awk '{ s += $3 } END { print s }' "$T/truth")"
for p in 1 2 3 4; do
	name=$(echo "sound fairly_sound under_supervision under_special_supervision" |
	    cut -d' ' -f$p | tr _ ' ')
	is "predicate $p: as many as generated" \
	    "$(sed -n "s/^$name  *\([0-9][0-9]*\) .*/\1/p" "$T/summary")" \
	    "$(awk -v p=$p '$4 == p { n++ } END { print n + 0 }' "$T/truth")"
done
like "with bars of block characters" "$T/summary" '█'
pv_en province -c -y 2025 worst >"$T/worst"
is "the lowest score first" "$(sed -n 2p "$T/worst" | cut -d, -f1)" \
    "$(sort -k9,9n "$T/truth" | head -1 | cut -d' ' -f1)"
is "ten of them" "$(tail -n +2 "$T/worst" | wc -l | tr -d ' ')" 10
pv_en province -c -y 2025 ratios >"$T/ratios"
is "the highest share of problem loans first" \
    "$(sed -n 2p "$T/ratios" | cut -d, -f2)" \
    "$(sort -k10,10nr -k1,1 "$T/truth" | head -1 | cut -d' ' -f1)"
like "the summary shows the worst ratios" "$T/summary" '^problem loans / loans \(highest\)$'

# COOP0010's report came two years ago: it is flagged.
sed -i 's/^COOP0010 [0-9]* /COOP0010 1700000000 /' "$P/reports.log"
pv_en province -c -y 2025 stale >"$T/stale"
is "COOP0010 alone is flagged for sending nothing for a year" \
    "$(tail -n +2 "$T/stale" | cut -d, -f1,7)" "COOP0010,1"
pv_en province -y 2025 >"$T/summary2"
like "and counted in the summary" "$T/summary2" 'nothing for a year 1$'

# Over SSH, a cooperative's key reports as itself only: COOP0007's key
# sending COOP0008's report is COOP0007 sending a report signed with
# another key, and refused.
kept() { find "$P/reports" -name '*.ods' | wc -l | tr -d ' '; }
expect_status 1 "COOP0007's key cannot send COOP0008's report" \
    send COOP0007 "$T/gen/COOP0008"
is "nothing more kept" "$(kept)" 200
ok "COOP0009 sends its report again" send COOP0009 "$T/gen/COOP0009"
like "which the box had already" "$T/out" '^had$'

# Refusals of reports taken in by hand: nothing more kept.
expect_status 77 "COOP0002's report as COOP0001 is refused" \
    pv province receive COOP0001 "$T/gen/COOP0002"
like "and says why" "$T/err" "kunci lain"
sed 's/^men \(.*\)$/men 9\1/' "$T/gen/COOP0003" >"$T/changed"
expect_status 65 "a changed figure breaks the signature" \
    pv province receive COOP0003 "$T/changed"
head -c 300 "$T/gen/COOP0004" >"$T/cut"
expect_status 65 "a cut report is refused" \
    pv province receive COOP0004 "$T/cut"
expect_status 65 "a bad code is refused" \
    pv province receive coop-5 "$T/gen/COOP0005"
is "nothing more kept" "$(kept)" 200
ok "the same report twice" \
    pv province receive COOP0006 "$T/gen/COOP0006"
like "is kept once" "$T/out" "COOP0006: laporan yang sama sudah disimpan"
is "still 200 files" "$(kept)" 200
pv_en province show COOP0006 >"$T/show"
is "COOP0006's history: one report" "$(wc -l <"$T/show" | tr -d ' ')" 1

done_testing
