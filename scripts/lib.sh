# Shared settings for the scripts; sourced, not run.
# shellcheck shell=bash
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${OOB_BUILD:-$top/build}
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
