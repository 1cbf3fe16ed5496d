#!/bin/bash
# Install what the project needs from Debian's archive: the pinned
# linux-source-6.12 package (or the newest one, saying so), the kernel build
# dependencies, qemu (10.0, from the bookworm-backports suite of the same
# archive: Debian 12's 7.2 has no igb model), and the tools used inside the
# test VM.
# usage: setup.sh
set -eu
. "$(dirname "$0")/lib.sh"

pkgs=(
	build-essential bc bison flex libelf-dev libssl-dev cpio kmod rsync
	xz-utils python3 python3-yaml python3-ply python3-git ccache sparse
	dwarves git busybox-static util-linux
	iproute2 iputils-ping ethtool bpftool socat netcat-openbsd tcpdump
	clang llvm gnuplot-nox python3-sphinx python3-sphinx-rtd-theme graphviz
)

pin=$(sed -n 's/^linux-source-6.12=//p' "$top/base.version")
[ -n "$pin" ] || die "no linux-source-6.12 version pinned in base.version"

sudo=
[ "$(id -u)" = 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive

# qemu comes from bookworm-backports: add the suite (same archive, same
# key) unless apt already knows it. Nothing else is taken from there.
if ! apt-cache policy 2>/dev/null | grep -q 'bookworm-backports'; then
	printf '%s\n' "Types: deb" "URIs: http://deb.debian.org/debian" \
		"Suites: bookworm-backports" "Components: main" \
		"Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" |
		$sudo tee /etc/apt/sources.list.d/oob-backports.sources > /dev/null
fi

step "apt-get update"
run "$logs/apt-update.log" $sudo apt-get update

if apt-cache madison linux-source-6.12 | awk '{print $3}' | grep -qxF "$pin"; then
	src="linux-source-6.12=$pin"
	used=$pin
else
	used=$(apt-cache madison linux-source-6.12 | awk 'NR==1 {print $3}')
	[ -n "$used" ] || die "the archive offers no linux-source-6.12 package"
	echo "WARNING: linux-source-6.12 $pin (pinned in base.version) is no longer" >&2
	echo "WARNING: in the archive; falling back to $used. The series may need a rebase." >&2
	src="linux-source-6.12=$used"
fi

step "apt-get install ($src and ${#pkgs[@]} build/test packages)"
run "$logs/apt-install.log" $sudo apt-get install -y --no-install-recommends \
	--allow-downgrades "$src" "${pkgs[@]}"
step "apt-get install qemu-system-x86 from bookworm-backports"
run "$logs/apt-install-qemu.log" $sudo apt-get install -y --no-install-recommends \
	-t bookworm-backports qemu-system-x86
qemu-system-x86_64 -device help 2>/dev/null | grep -q '"igb"' ||
	die "qemu-system-x86_64 has no igb model"
echo "$used" > "$build/linux-source.version"
echo "linux-source-6.12 $used installed"
