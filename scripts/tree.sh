#!/bin/bash
# Create the applied kernel tree in build/linux: extract Debian's
# linux-source-6.12 tarball, commit it once as the base (tag "base"), then
# apply patches/series with git am. Re-running is idempotent: a tree that
# already carries exactly the series is left alone, a tree whose series is
# outdated is reset to the base and re-applied, and a tree holding work
# that is not exported to patches/ is never touched.
# usage: tree.sh
set -eu
. "$(dirname "$0")/lib.sh"

tarball=/usr/src/linux-source-6.12.tar.xz
[ -f "$tarball" ] || die "$tarball missing: run 'make setup' first"
want=$(cat "$build/linux-source.version" 2>/dev/null || echo unknown)

git_t() { git -C "$tree" "$@"; }

make_base() {
	step "extracting $tarball ($want) into $tree"
	rm -rf "$tree"
	mkdir -p "$tree"
	tar -C "$tree" --strip-components=1 -xf "$tarball"
	# Debian's .gitignore ends with a stanza ignoring every top-level path,
	# which would hide the whole tree from git: drop it.
	sed -i '/^# Debian packaging: ignore everything/,$d' "$tree/.gitignore"
	sed -i '${/^#$/d}' "$tree/.gitignore"
	git_t init -q
	git_t config user.name "OOB networking team"
	git_t config user.email "oob-net@example.org"
	git_t config core.abbrev 12
	git_t add -A -f
	git_t commit -q -m "Debian linux-source-6.12 $want"
	git_t tag -f -a base -m "$want" >/dev/null
}

series_hash() {
	(cd "$top/patches" && cat series $(grep -v '^#' series | grep .)) | sha1sum | cut -c1-40
}

apply_series() {
	step "applying patches/series"
	git_t reset -q --hard base
	local p n=0
	while read -r p; do
		case "$p" in ''|'#'*) continue ;; esac
		if ! git_t am -q --keep-non-patch "$top/patches/$p" >"$logs/git-am.log" 2>&1; then
			cat "$logs/git-am.log" >&2
			git_t am --abort 2>/dev/null || true
			die "patch $p does not apply"
		fi
		n=$((n + 1))
	done < "$top/patches/series"
	echo "$(series_hash) $(git_t rev-parse HEAD)" > "$tree/.git/oob-applied"
	echo "applied $n patches"
}

if [ ! -d "$tree/.git" ] || ! git_t rev-parse -q --verify base >/dev/null; then
	make_base
	apply_series
	exit 0
fi

have=$(git_t tag -l --format='%(contents:subject)' base)
if [ "$have" != "$want" ] && [ "$want" != unknown ]; then
	"$top/scripts/series-check.sh" >/dev/null ||
		die "tree base is $have, package is $want, and the tree holds un-exported work: export it first"
	make_base
	apply_series
	exit 0
fi

read -r stamp_hash stamp_head < "$tree/.git/oob-applied" 2>/dev/null || true
if [ "${stamp_hash:-}" = "$(series_hash)" ] && [ "${stamp_head:-}" = "$(git_t rev-parse HEAD)" ]; then
	echo "tree up to date: $(git_t rev-list --count base..HEAD) patches on $have"
	exit 0
fi

# The tree moved (local commits) or patches/ changed (e.g. git pull).
if "$top/scripts/series-check.sh" >/dev/null 2>&1; then
	echo "$(series_hash) $(git_t rev-parse HEAD)" > "$tree/.git/oob-applied"
	echo "tree matches patches/: $(git_t rev-list --count base..HEAD) patches on $have"
	exit 0
fi
if [ "${stamp_head:-}" = "$(git_t rev-parse HEAD)" ] && [ -z "$(git_t status --porcelain)" ]; then
	apply_series	# patches/ changed, the tree holds no work of its own
	exit 0
fi
"$top/scripts/series-check.sh" || true
die "the tree holds commits or edits that differ from patches/: run 'make export' or reset the tree"
