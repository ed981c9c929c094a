# Sourced by run.sh and profile.sh, after they set REPO and BENCH.

# One measurement at a time: the benchmark and the profile share the corpora in .bench/ and the
# cores; a second one waits here for the first to finish.
wait_for_other_measurements() {
  exec 9> "$BENCH/.lock"
  if ! flock -n 9; then
    echo "== a benchmark or profile is already running; waiting for it to finish"
    flock 9
  fi
}

# Builds dossier as `make site` does (the Swift runtime and Foundation linked in, see the Makefile)
# and sets BUILT to the binary's path.
build_dossier() {
  echo "== building dossier (release)"
  (cd "$REPO" && swift build -c release --static-swift-stdlib --product dossier 2>&1 | tail -n 3)
  BUILT="$(cd "$REPO" && swift build -c release --static-swift-stdlib --show-bin-path)/dossier"
  [ -x "$BUILT" ] || { echo "no dossier binary at $BUILT" >&2; exit 1; }
}
