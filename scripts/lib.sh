# Shared settings for the scripts; sourced, not run.
# shellcheck shell=bash
top=$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${OOB_BUILD:-$top/build}
# Kbuild cannot build in or from a path with spaces (nor with a few other
# characters make treats specially): in such a checkout, build/ is a
# symbolic link to a directory of a plain path, and the scripts use that
# path. The link is made when build/ does not exist yet, to a new
# directory: a fresh clone at the path of a removed one never inherits
# its kernel tree.
case "$build" in
*[!A-Za-z0-9_./+-]*)
	if [ ! -e "$build" ] && [ ! -L "$build" ]; then
		mkdir -p "${OOB_BUILD_ALT:-/var/tmp}"
		alt=$(mktemp -d "${OOB_BUILD_ALT:-/var/tmp}/oob-net-build-XXXXXXXX")
		ln -s "$alt" "$build"
	fi
	build=$(cd -P "$build" && pwd)
	case "$build" in
	*[!A-Za-z0-9_./+-]*)
		echo "${0##*/}: $build: kbuild cannot use this path; remove it, and" \
			"the scripts will link build/ to a plain path" >&2
		exit 1 ;;
	esac
	;;
esac
tree=$build/linux
logs=$build/logs
mkdir -p "$logs"

# ccache keeps repeated kernel builds (per-patch gate, on/off configs) cheap.
export CCACHE_DIR=${CCACHE_DIR:-$build/ccache}
export CCACHE_BASEDIR=$build
export CCACHE_NOHASHDIR=1
export CCACHE_SLOPPINESS=time_macros,include_file_mtime,include_file_ctime
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G}
jobs=${JOBS:-$(nproc)}

# Compiler for kernel builds. A ccache hit restores the dependency file
# of the compile that filled the cache, which may name headers of another
# tree state: the test pipeline uses a cache of its own, emptied at each
# run (see test.sh).
kcc=${OOB_CC:-ccache gcc}

die() { echo "${0##*/}: $*" >&2; exit 1; }
step() { printf '==> %s\n' "$*"; }
# test_times LABEL FILE: one line of the guest time of each selftest, from
# the test-times.tsv a VM run of guest-tests.sh wrote (nothing if none).
test_times() {
	[ -s "$2" ] || return 0
	printf '%s: guest time per selftest:' "$1"
	awk -F'\t' '{ printf " %s %ss", $1, $2 }' "$2"
	echo
}

# run LOG CMD...: run a command with its output in LOG; on failure print
# the tail of LOG and its path.
run() {
	local log=$1
	shift
	if ! "$@" >"$log" 2>&1; then
		tail -n 40 "$log" >&2
		echo "${0##*/}: failed: $*" >&2
		echo "${0##*/}: full log: $log" >&2
		return 1
	fi
}

# say MESSAGE: progress for the person watching: on fd 3 when the caller
# opened it (make test keeps the terminal there), else on stderr.
say() {
	if { true >&3; } 2>/dev/null; then
		printf '%s\n' "$*" >&3
	else
		printf '%s\n' "$*" >&2
	fi
}

# run_build LOG OBJDIR CMD...: run a kernel build with its output in LOG,
# telling every 30 seconds how far it got: objects compiled, time spent
# and, for a cold build, a rough time left against the object count of
# the last build in OBJDIR (or an estimate). On failure, print the tail
# of LOG and its path.
run_build() {
	local log=$1 obj=$2 est start pid n t last=0 rc
	shift 2
	# A cold build compiles about as many objects as the last one had;
	# an incremental one, no telling.
	est=0
	[ -e "$obj/vmlinux" ] || est=$(cat "$obj/.objects" 2>/dev/null || echo 1400)
	start=$(date +%s)
	"$@" >"$log" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		sleep 2
		t=$(( $(date +%s) - start ))
		[ $((t - last)) -ge 30 ] || continue
		last=$t
		n=$(grep -c '^  CC ' "$log" || true)
		if [ "$n" -gt 0 ] && [ "$n" -lt "$est" ]; then
			say "  ... ${t}s, $n/$est objects compiled, about $(( t * (est - n) / n ))s left (log: $log)"
		elif [ "$est" = 0 ]; then
			say "  ... ${t}s, $n objects compiled so far (log: $log)"
		else
			say "  ... ${t}s, $n objects compiled, linking (log: $log)"
		fi
	done
	wait "$pid"
	rc=$?
	if [ $rc != 0 ]; then
		tail -n 40 "$log" >&2
		echo "${0##*/}: failed: $*" >&2
		echo "${0##*/}: full log: $log" >&2
		return $rc
	fi
	find "$obj" -name '*.o' ! -name '*.mod.o' | wc -l > "$obj/.objects"
}
