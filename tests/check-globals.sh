#!/bin/sh
# tests/check-globals.sh BUILD — no mutable global in the library core
# (compiler/) nor in the language server (cli/lsp_*.c): what they keep lives
# in what they are given (mc_stdlib, mc_result, lsp_server), so that one
# process runs many of them (the threads of a batch, the sessions of the
# fuzzing harness, two servers in a test). Read from the objects' symbol
# tables: a writable global or static is an object in .data or .bss
# (constant tables are in .rodata or .data.rel.ro). The sanitizers' own
# objects (names starting with « _ ») are not the code's.
set -u
build=${1:-build/rel}
found=$(for o in "$build"/lib/*.o "$build"/cli/lsp_*.o; do
	objdump -t "$o" | awk -v o="$o" '$3 == "O" && ($4 == ".data" || $4 == ".bss") &&
	    $6 !~ /^_/ { print o " : " $6 " (" $4 ")" }'
done)
if [ -n "$found" ]; then
	echo "globales modifiables (à mettre dans la structure que le code reçoit) :"
	echo "$found"
	exit 1
fi
echo "globales : aucune variable globale modifiable dans compiler/ ni cli/lsp_*.c."
