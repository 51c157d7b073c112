#!/bin/sh
# When the data file itself fails (LMDB's own errors: a damaged file, a
# map that cannot grow; input/output errors), a command exits 74
# (EX_IOERR) and says it is a storage error: never 65, which means the
# person typed something wrong.
. "${top_srcdir:-.}/tests/lib.sh"

make_book
ok "the book verifies" loket verify
cp -a "$D" "$T/good"

# A copy of the good book in $D again.
fresh() {
	rm -rf "$D"
	cp -a "$T/good" "$D"
}

# 1. Both meta pages (the first two 4 KiB pages) zeroed: not an LMDB file.
fresh
dd if=/dev/zero of="$D/data.mdb" bs=4096 count=2 conv=notrunc 2>/dev/null
expect_status 74 "a data file with no meta pages: exit 74" en verify
like "and a storage error, named by LMDB" "$T/err" \
    '^loket: .*: storage error: MDB_INVALID'
expect_status 74 "a command that posts, too" \
    pw_en "admin-pass" setting -u admin savings.pokok 200.000
like "the same words" "$T/err" 'storage error: MDB_INVALID'
expect_status 74 "in Indonesian the same status" loket verify
like "and the words say kesalahan penyimpanan" "$T/err" \
    'kesalahan penyimpanan: MDB_INVALID'

# 2. Every page after the meta pages zeroed: the trees are corrupt.
fresh
size=$(stat -c %s "$D/data.mdb")
dd if=/dev/zero of="$D/data.mdb" bs=4096 seek=2 \
    count=$((size / 4096 - 2)) conv=notrunc 2>/dev/null
expect_status 74 "a data file whose pages are zeroed: exit 74" en verify
like "and LMDB says it is corrupted" "$T/err" \
    'storage error: MDB_CORRUPTED'

# 3. A file that may not grow (ulimit -f at its size, SIGXFSZ ignored)
# under a map as small as the file: the map is grown, then the write
# fails with EFBIG.  The command that posts says storage, not bad input.
fresh
blocks=$(( $(stat -c %s "$D/data.mdb") / 1024 ))
expect_status 74 "a data file that cannot grow: exit 74" sh -c "
	trap '' XFSZ
	ulimit -f $blocks
	printf 'admin-pass\nteller-pass\n' | LOKET_MAPSIZE=4096 \
	    LOKET_LANG=en '$LOKET' -d '$D' user -u admin add ani teller \
	    'Ani Lestari'"
like "and says it is a storage error" "$T/err" \
    '^loket: user: storage error: File too large'
fresh
ok "the good book still verifies" loket verify

done_testing
