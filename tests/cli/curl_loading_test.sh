#!/usr/bin/env bash
# libcurl is loaded when an HTTP source first needs it, not when netobs starts (it brings TLS,
# Kerberos and LDAP libraries that are a third of a file run's memory): a run over files never
# maps it, and a missing or broken libcurl fails only the HTTP source, with the reason.
source "$(dirname "$0")/lib.sh"

if command -v ldd >/dev/null; then
  ldd "$NETOBS" >"$WORK/out" 2>&1
  code=$?
  check "the binary does not link libcurl" out_lacks "libcurl"
else
  skip "the binary does not link libcurl" "ldd is not installed (Debian's libc-bin has it)"
fi

run recommend "$SAMPLES/flows/vpc" --inventory "$SAMPLES/flows/inventory.json" -q -o "$WORK/policies.yaml"
check "files are read without libcurl" exit_is 0

# A library that cannot be loaded, found first on the library path.
mkdir -p "$WORK/lib"
printf 'not a shared object\n' >"$WORK/lib/libcurl.so.4"
LD_LIBRARY_PATH="$WORK/lib" "$NETOBS" recommend "$SAMPLES/flows/vpc" --inventory "$SAMPLES/flows/inventory.json" -q \
  >"$WORK/out" 2>"$WORK/err"
code=$?
check "without a usable libcurl, files still work" exit_is 0
LD_LIBRARY_PATH="$WORK/lib" "$NETOBS" recommend http://127.0.0.1:9/flows --inventory "$SAMPLES/flows/inventory.json" \
  >"$WORK/out" 2>"$WORK/err"
code=$?
check "an HTTP source is then an input error" exit_is 3
check "it says why" err_has "cannot start an HTTP client: "
check "naming the library" err_has "libcurl.so.4"
check "no policies are printed" out_empty
finish
