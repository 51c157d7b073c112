# tests/tools/sync-lib.sh: what the sync scenarios (tests/t0010..t0019)
# share, sourced after tests/lib.sh.  A real OpenSSH sshd on 127.0.0.1 on
# a free port, with its own host key, sshd_config and authorized_keys, as
# OpenSSH's own regress tests run it; a head office book in $HO; branch
# books that sync to it through loket sync.
#
#	start_sshd			sshd in the foreground of a child,
#					killed when the test exits
#	make_ho				the head office's book, branch HO
#	make_branch DIR CODE		a branch book, its key, loket.conf
#	authorize CODE DIR [KEYDIR]	the head office lets DIR's key
#					sync CODE (command= and restrict)
#	books DIR CODE			balances, last entry and chain head
#	start_proxy ARGS...		tests/tools/proxy in front of sshd;
#					$PROXY_PORT is its port

: "${SSHD:=/usr/sbin/sshd}"
[ "$SSHD" = no ] && SSHD=/usr/sbin/sshd
TOOLS=$top_builddir/tests/tools
HO=$T/ho
SSHD_DIR=$T/sshd
SSHD_PID=
PROXY_PID=
need ssh-keygen
need python3
if [ ! -x "$SSHD" ]; then
	echo "Bail out! $SSHD is not installed (run ./quickstart check)"
	exit 1
fi

sync_cleanup() {
	lib_cleanup
	[ -n "$PROXY_PID" ] && kill "$PROXY_PID" 2>/dev/null
	[ -n "$SSHD_PID" ] && kill "$SSHD_PID" 2>/dev/null
	wait 2>/dev/null
}
trap sync_cleanup EXIT
trap 'exit 1' INT TERM HUP

# Wait until something answers on 127.0.0.1 port $1 (10 s at most).
wait_port() {
	python3 - "$1" <<'EOF'
import socket, sys, time
end = time.time() + 10
while time.time() < end:
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.5).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
EOF
}

start_sshd() {
	mkdir -p "$SSHD_DIR"
	# sshd's privilege separation needs its empty directory.
	[ -d /run/sshd ] || mkdir -p /run/sshd
	rm -f "$SSHD_DIR/host_ed25519" "$SSHD_DIR/host_ed25519.pub"
	ssh-keygen -q -t ed25519 -N '' -C loket-test-ho \
	    -f "$SSHD_DIR/host_ed25519" || {
		echo "Bail out! ssh-keygen failed"
		exit 1
	}
	: >"$SSHD_DIR/authorized_keys"
	SSHD_PORT=$(free_port)
	cat >"$SSHD_DIR/sshd_config" <<EOF
Port $SSHD_PORT
ListenAddress 127.0.0.1
HostKey $SSHD_DIR/host_ed25519
AuthorizedKeysFile $SSHD_DIR/authorized_keys
PidFile $SSHD_DIR/sshd.pid
PermitRootLogin forced-commands-only
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
LogLevel VERBOSE
MaxStartups 50:30:100
${SSHD_EXTRA:-}
EOF
	"$SSHD" -D -e -f "$SSHD_DIR/sshd_config" 2>"$SSHD_DIR/log" &
	SSHD_PID=$!
	if ! wait_port "$SSHD_PORT"; then
		echo "Bail out! sshd did not start"
		sed 's/^/# /' "$SSHD_DIR/log"
		exit 1
	fi
}

make_ho() {
	printf 'admin-pass\n' | "$LOKET" -d "$HO" init -H -a admin \
	    -B "Kantor Pusat" -b HO -c "Kopdit Sehati" -n "Yosef Bata" \
	    -D 2026-11-02 >/dev/null || {
		echo "Bail out! init of the head office failed"
		exit 1
	}
}

# make_branch DIR CODE [PORT]: a branch book set up to sync to our sshd.
make_branch() {
	printf 'admin-pass\n' | "$LOKET" -d "$1" init -a admin \
	    -B "Cabang $2" -b "$2" -c "Kopdit Sehati" -n "Maria Goreti" \
	    -D 2026-11-02 >/dev/null || {
		echo "Bail out! init of branch $2 failed"
		exit 1
	}
	cat >"$1/loket.conf" <<EOF
# written by tests/tools/sync-lib.sh
sync.host = 127.0.0.1
sync.port = ${3:-$SSHD_PORT}
sync.user = root
sync.timeout = 20
sync.retry_min = 0.2
sync.retry_max = 1
EOF
	"$LOKET" -d "$1" sync -S -K "$SSHD_DIR/host_ed25519.pub" \
	    >"$1/authorized_line" || {
		echo "Bail out! loket sync -S failed for $2"
		exit 1
	}
}

# authorize CODE DIR: DIR's key may sync branch CODE into $HO.
authorize() {
	sed "s|command=\"loket serve -b [A-Z0-9]*\"|command=\"$LOKET -d $HO serve -b $1\"|" \
	    "$2/authorized_line" >>"$SSHD_DIR/authorized_keys"
}

books() {
	"$TOOLS/sync-books" -d "$1" -b "$2"
}

# start_proxy ARGS: a proxy to sshd; $PROXY_PORT once it listens.
start_proxy() {
	[ -n "$PROXY_PID" ] && kill "$PROXY_PID" 2>/dev/null && wait "$PROXY_PID" 2>/dev/null
	rm -f "$T/proxy.port"
	"$TOOLS/proxy" -t "$SSHD_PORT" -p "$T/proxy.port" "$@" &
	PROXY_PID=$!
	i=0
	while [ ! -s "$T/proxy.port" ] && [ $i -lt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	PROXY_PORT=$(cat "$T/proxy.port")
}

stop_proxy() {
	[ -n "$PROXY_PID" ] && kill "$PROXY_PID" 2>/dev/null && wait "$PROXY_PID" 2>/dev/null
	PROXY_PID=
}

# set_port DIR PORT: point DIR's loket.conf at another port (a proxy's)
# and let its known_hosts know the head office's key there too.
set_port() {
	sed -i "s/^sync.port = .*/sync.port = $2/" "$1/loket.conf"
	grep -q "^\[127.0.0.1\]:$2 " "$1/ssh/known_hosts" ||
	    printf '[127.0.0.1]:%s %s\n' "$2" \
	    "$(cut -d' ' -f1,2 "$SSHD_DIR/host_ed25519.pub")" \
	    >>"$1/ssh/known_hosts"
}
