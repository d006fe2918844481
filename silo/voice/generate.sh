#!/usr/bin/env bash
# Makes the voice clips: generate.sh OUT_DIR LIST.txt… writes OUT_DIR/{name}.wav for every line of the lists
# (format: the header of silo/voice/calls.txt) with espeak-ng's Mandarin voices. Run by Silo.csproj at build time.
# Exits 3, having written nothing, when espeak-ng is not installed (the build warns; the TV then plays a chime).
set -euo pipefail
out=$1; shift
command -v espeak-ng >/dev/null || exit 3
rm -rf "$out" && mkdir -p "$out"
declare -A seen=()
for list in "$@"; do
  n=0
  while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    line=${line%$'\r'}
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    read -r name text pinyin <<<"$line"
    where="$list:$n"
    [[ $name =~ ^[A-Za-z0-9_-]+$ ]] || { echo "$where: error: clip name '$name' is not letters, digits, - or _" >&2; exit 1; }
    [ -n "$text" ] || { echo "$where: error: clip '$name' says nothing (name text [pinyin])" >&2; exit 1; }
    [ -z "${seen[$name]:-}" ] || { echo "$where: error: clip '$name' is already in ${seen[$name]}" >&2; exit 1; }
    seen[$name]=$where
    # Slower than espeak-ng's default 175 words a minute: a hall is large and echoes.
    if [ -n "$pinyin" ]; then espeak-ng -v cmn-latn-pinyin -s 140 -w "$out/$name.wav" "$pinyin"
    else espeak-ng -v cmn -s 140 -w "$out/$name.wav" "$text"; fi
  done <"$list"
done
echo "voice: ${#seen[@]} clips in $out"
