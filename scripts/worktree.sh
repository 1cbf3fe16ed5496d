#!/bin/bash
# Check out COMMIT of build/linux in a separate worktree at DIR (created
# on first use), for builds that must not disturb build/linux.
# usage: worktree.sh DIR COMMIT
set -eu
. "$(dirname "$0")/lib.sh"
[ $# = 2 ] || die "usage: $0 DIR COMMIT"
dir=$1 commit=$(git -C "$tree" rev-parse "$2")
if [ ! -e "$dir/.git" ]; then
	git -C "$tree" worktree prune
	mkdir -p "$(dirname "$dir")"
	git -C "$tree" worktree add -q --detach "$dir" "$commit"
else
	git -C "$dir" checkout -q --detach "$commit"
fi
