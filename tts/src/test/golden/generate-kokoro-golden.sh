#!/usr/bin/env bash
# Regenerates tts/src/test/resources/golden/kokoro-ids.jsonl: the token ids and style row of every
# model call kokoro-js 1.2.1 makes, for each text of kokoro-corpus.jsonl and for each piece Narrator
# splits a long corpus text into (the golden file maps voice + text to kokoro-js's calls).
#
#   tts/src/test/golden/generate-kokoro-golden.sh        (run from the repository root)
#
# Needs: the phoneme oracle in the sibling folder ../shared/tools/phoneme-oracle (node + npm),
# Debian's libespeak-ng1 + espeak-ng-data, Maven with network access for the dependency plugin.
# Steps: compile the tts module's tests; KokoroGoldenPieces (test scope, run with java -cp) lists
# the corpus texts and Narrator's piece texts as oracle input; the oracle runs kokoro-js on each;
# node reduces its output to key, voice, text and calls [{ids, row, phonemes}] (phonemes decoded
# from the ids with Kokoro's vocab, only to make test failures readable).
set -euo pipefail
root="$(git rev-parse --show-toplevel)"
cd "$root"
oracle="$root/../shared/tools/phoneme-oracle"
golden="$root/tts/src/test/resources/golden"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mvn -q -B -pl tts test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt"
java -cp "tts/target/test-classes:tts/target/classes:$(cat "$work/cp.txt")" \
    narrator.tts.kokoro.KokoroGoldenPieces "$golden/kokoro-corpus.jsonl" "$work/oracle-in.jsonl"
"$oracle/oracle" kokoro "$work/oracle-in.jsonl" "$work/oracle-out.jsonl"

node - "$work/oracle-in.jsonl" "$work/oracle-out.jsonl" "$oracle/kokoro/kokoro-onnx-config.json" \
    "$golden/kokoro-ids.jsonl" <<'JS'
const fs = require('fs');
const [inFile, outFile, configFile, goldenFile] = process.argv.slice(2);
const lines = (f) => fs.readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const vocab = JSON.parse(fs.readFileSync(configFile, 'utf8')).vocab;
const chars = Object.fromEntries(Object.entries(vocab).map(([c, id]) => [id, c]));
const texts = new Map(lines(inFile).map((i) => [i.key, i]));
const out = lines(outFile).map((o) => {
  if (o.error) throw new Error(`oracle failed on ${o.key}: ${o.error}`);
  const { key, voice, text } = texts.get(o.key);
  const calls = o.calls.map(({ ids, row }) => ({ ids, row, phonemes: ids.slice(1, -1).map((id) => chars[id]).join('') }));
  return JSON.stringify({ key, voice, text, calls });
});
fs.writeFileSync(goldenFile, out.join('\n') + '\n');
console.log(`${out.length} texts -> ${goldenFile}`);
JS
