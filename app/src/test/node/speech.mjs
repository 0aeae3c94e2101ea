// Drives Narrator's OpenAI speech API with the real `openai` client library. Run by OpenAiClientTest with
// NARRATOR_URL (the service's base URL) and NARRATOR_KEY; prints one JSON line of what it saw, or exits non-zero.
import OpenAI from "openai";

const client = new OpenAI({ baseURL: `${process.env.NARRATOR_URL}/v1`, apiKey: process.env.NARRATOR_KEY, maxRetries: 0 });
const seen = {};

// Streams: counts the bytes and notes when the first one came, as a player would start on it.
const started = Date.now();
const response = await client.audio.speech.create({
  model: "tts-1", voice: "alloy", input: process.env.NARRATOR_INPUT, response_format: "mp3",
  instructions: "Speak calmly.",
});
let firstByteMs = null;
let bytes = 0;
const head = [];
for await (const chunk of response.body) {
  if (firstByteMs === null) firstByteMs = Date.now() - started;
  if (head.length < 3) head.push(...chunk.subarray(0, 3 - head.length));
  bytes += chunk.length;
}
seen.mp3 = { status: response.status, contentType: response.headers.get("content-type"), bytes, firstByteMs,
  head: Buffer.from(head).toString("hex") };

const pcm = Buffer.from(await (await client.audio.speech.create({
  model: "gpt-4o-mini-tts", voice: "nova", input: process.env.NARRATOR_INPUT, response_format: "pcm", speed: 1.5,
})).arrayBuffer());
seen.pcm = { bytes: pcm.length };

seen.models = (await client.models.list()).data.map((m) => m.id);

async function failure(call) {
  try {
    await call();
    return { thrown: false };
  } catch (e) {
    return { thrown: true, class: e.constructor.name, status: e.status, type: e.type, code: e.code, param: e.param ?? null,
      message: e.message };
  }
}
seen.badVoice = await failure(() => client.audio.speech.create({ model: "tts-1", voice: "piper:nope", input: "Hi." }));
seen.badSpeed = await failure(() => client.audio.speech.create({ model: "tts-1", voice: "alloy", input: "Hi.", speed: 4 }));
seen.badKey = await failure(() => new OpenAI({ baseURL: `${process.env.NARRATOR_URL}/v1`, apiKey: "wrong", maxRetries: 0 })
  .audio.speech.create({ model: "tts-1", voice: "alloy", input: "Hi." }));

console.log(JSON.stringify(seen));
