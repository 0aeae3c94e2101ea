#!/usr/bin/env bash
# Regenerates the Piper golden files from the real Piper front end (piper-phonemize + its
# espeak-ng, compiled to WebAssembly), run by the phoneme oracle in the repository's sibling
# folder ../shared/tools/phoneme-oracle (needs node and npm; tests do not).
#
#   tts/src/test/golden/generate-piper-golden.sh        # from the repository root
#
# Reads  tts/src/test/resources/golden/piper-corpus.jsonl   {"key","voice","text"} per line: narration
#        (*-plain-*), punctuation-rich texts (*-punct-*) and random mixes of words, punctuation and
#        white space (fuzz-*) in espeak voices en-us, en, en-gb-x-rp, de, fr, es
# Writes tts/src/test/resources/golden/piper-ids.jsonl      {"key","voice","text","phonemes","sentences"}
#        tts/src/test/resources/golden/piper-default-voice.onnx.json
#            a voice config carrying piper-phonemize's DEFAULT_PHONEME_ID_MAP, which real voices ship.
# "sentences" are the ids of each model call, framed ^ _ ... $ (1 0 ... 2); sentences without any
# phoneme ([1, 0, 2]) are dropped because piper skips them. "phonemes" is all sentences' IPA joined.
# PiperGoldenTest requires Narrator's PiperFrontEnd to produce exactly these.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
oracle="$root/../shared/tools/phoneme-oracle"
golden="$root/tts/src/test/resources/golden"
raw="$(mktemp)"
trap 'rm -f "$raw"' EXIT
"$oracle/oracle" piper "$golden/piper-corpus.jsonl" "$raw"
node - "$raw" "$golden/piper-ids.jsonl" "$oracle/piper/default_phoneme_id_map.json" \
    "$golden/piper-default-voice.onnx.json" <<'JS'
const fs = require('fs');
const [raw, ids, map, voice] = process.argv.slice(2);
const lines = fs.readFileSync(raw, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const failed = lines.filter((l) => l.rc !== 0);
if (failed.length) { console.error('oracle failed for: ' + failed.map((l) => l.key).join(', ')); process.exit(1); }
const empty = (s) => s.length === 3 && s[0] === 1 && s[1] === 0 && s[2] === 2;
fs.writeFileSync(ids, lines.map((l) => JSON.stringify({ key: l.key, voice: l.voice, text: l.text,
  phonemes: l.phonemes, sentences: l.sentences.filter((s) => !empty(s)) })).join('\n') + '\n');
fs.writeFileSync(voice, JSON.stringify({ audio: { sample_rate: 22050 }, espeak: { voice: 'en-us' },
  phoneme_type: 'espeak', num_speakers: 1, phoneme_id_map: JSON.parse(fs.readFileSync(map, 'utf8')) }, null, 1) + '\n');
console.error(`wrote ${lines.length} items to ${ids}`);
JS
