# Out-of-band networking for Linux 6.12: entry points. Each target calls one
# script under scripts/; see README.md.

S := scripts

.PHONY: help setup tree export series-check kernel kernel-no-oob kernel-debug \
	gates checkpatch kernel-doc bisect selftests demo test test-debug \
	soak bench htmldocs vm clean

help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)

## demo          set up, build the oob kernel, boot it, show oob traffic flowing
demo: tree
	$(S)/demo.sh

## test          the whole suite: gates, builds, VM runs; ends "N passed, N failed"
test:
	$(S)/test.sh

## test-debug    every selftest on the debug kernel (KASAN, kmemleak, UBSAN, lockdep)
test-debug: tree
	$(S)/test-debug.sh

## soak          the selftests with soak sizes (floods of 100k frames, 500 port toggles)
soak: tree
	$(S)/soak.sh

## setup         install packages from Debian's archive (pinned linux-source-6.12)
setup:
	$(S)/setup.sh

## tree          build/linux: base tarball committed and tagged, series applied
tree: setup
	$(S)/tree.sh

## export        write the tree's commits after "base" back to patches/
export:
	$(S)/export.sh

## series-check  fail if the tree holds work not exported to patches/
series-check:
	$(S)/series-check.sh

## kernel        build the oob flavour (NET_OOB=y, reference core, checkers)
kernel:
	$(S)/build.sh oob

## kernel-no-oob build the NET_OOB=n flavour
kernel-no-oob:
	$(S)/build.sh no-oob

## kernel-debug  build the debug flavour (oob + KASAN, kmemleak, UBSAN)
kernel-debug:
	$(S)/build.sh debug

## gates         checkpatch, kernel-doc and htmldocs on the series, with their self-tests
gates:
	$(S)/gates.sh

## checkpatch    checkpatch --strict on every patch
checkpatch:
	$(S)/gate-checkpatch.sh

## kernel-doc    kernel-doc -none on every file the series touches
kernel-doc:
	$(S)/gate-kernel-doc.sh

## bisect        build every patch on top of the previous ones, NET_OOB on and off
bisect:
	$(S)/gate-bisect.sh oob
	$(S)/gate-bisect.sh no-oob

## selftests     build and install the net/oob kselftests of the oob kernel
selftests:
	$(S)/kselftest-install.sh

## htmldocs      build Documentation/dovetail with Sphinx, warnings are errors
htmldocs:
	$(S)/htmldocs.sh

## bench         benchmarks (latency, idle hook cost, packet rate) into results/
bench: tree
	$(S)/bench.sh

## vm            boot the oob kernel with a shell command: make vm CMD='...'
vm:
	$(S)/vm.sh -v -k build/obj-oob/arch/x86/boot/bzImage -o build/vm/manual -- "$(CMD)"

## clean         remove build outputs (keeps build/linux and the ccache)
clean:
	rm -rf build/obj-* build/vm build/results build/logs build/test
