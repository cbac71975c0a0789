#!/usr/bin/env bash
# The bundled samples are what the generator writes: regenerating them changes nothing.
source "$(dirname "$0")/lib.sh"
: "${FLOWGEN:?FLOWGEN must name the built flowgen binary}"

"$FLOWGEN" scenario "$WORK/samples"
code=$?
check "flowgen scenario exits 0" exit_is 0
check "samples/flows is current (run scripts/gen-samples.sh)" diff -r "$SAMPLES" "$WORK/samples"
"$FLOWGEN" scenario "$WORK/again"
check "flowgen is deterministic" diff -r "$WORK/samples" "$WORK/again"
finish
