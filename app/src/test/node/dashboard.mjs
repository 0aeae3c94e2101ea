// Drives Narrator's dashboard in headless Chromium (Debian's, through playwright-core). Run by DashboardTest with
// NARRATOR_URL, NARRATOR_KEY, BASE_VIDEO_URL, MUSIC_URL and SCREENSHOT (where to write the PNG); prints one JSON line
// of what the page showed, or exits non-zero saying which step failed (with a screenshot beside SCREENSHOT).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const env = (name) => process.env[name] ?? (() => { throw new Error(`${name} is not set`); })();
const url = env("NARRATOR_URL");
const screenshot = env("SCREENSHOT");
const JOB_DEADLINE = Number(process.env.JOB_DEADLINE_MS ?? 90_000);
const STEP = 20_000;
const SCRIPT = "Hello from the dashboard. Narrator reads this script aloud, with captions.";

const profile = await mkdtemp(join(tmpdir(), "narrator-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1280, height: 800 },
  acceptDownloads: true,
  // Without the background-networking flags Chromium keeps trying Google's hosts, which a closed network refuses.
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--autoplay-policy=no-user-gesture-required"],
});
const page = context.pages()[0] ?? await context.newPage();
const problems = [];
page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
// The browser logs each refused request (the wrong key's 401s and the odd size's 400, on purpose): the page's own
// errors are what count.
const REFUSED_ON_PURPOSE = /^Failed to load resource: the server responded with a status of 40[01] /;
page.on("console", (m) => m.type() === "error" && !REFUSED_ON_PURPOSE.test(m.text()) && problems.push(`console: ${m.text()}`));

let step = "start";
const seen = {};
try {
  step = "open the page: it asks for the key";
  await page.goto(`${url}/`);
  await page.locator("#key-dialog").waitFor({ state: "visible", timeout: STEP });

  step = "a wrong key is refused and asked again";
  await page.fill("#key", "not-the-key");
  await page.click("#key-submit");
  await page.locator("#key-error", { hasText: "refused" }).waitFor({ timeout: STEP });

  step = "the right key opens the dashboard";
  await page.fill("#key", env("NARRATOR_KEY"));
  await page.click("#key-submit");
  await page.locator("#key-dialog").waitFor({ state: "hidden", timeout: STEP });
  await page.locator("#voice option").first().waitFor({ state: "attached", timeout: STEP });
  seen.voices = await page.$$eval("#voice option", (options) => options.map((o) => o.value));
  seen.defaultVoice = await page.inputValue("#voice");
  seen.storedKey = await page.evaluate(() => localStorage.getItem("narrator.apiKey") !== null);

  step = "a refused field is named and marked";
  await page.fill("#script", SCRIPT);
  await page.selectOption("#size", "custom");
  await page.fill("#custom-size", "321x568");
  await page.click("#submit");
  await page.locator("#custom-size[aria-invalid=true]").waitFor({ timeout: STEP });
  seen.refusal = await page.textContent("#form-message");

  step = "fill the form";
  await page.fill("#custom-size", "320x568");
  await page.fill("#base-video", env("BASE_VIDEO_URL"));
  await page.fill("#music", env("MUSIC_URL"));
  await page.check("#karaoke");
  await page.check("#box");

  step = "preview the voice";
  await page.click("#preview");
  await page.waitForFunction(() => {
    const audio = document.querySelector("#preview-audio");
    return !audio.hidden && audio.readyState >= 1 && audio.duration > 0.5;
  }, null, { timeout: STEP });
  seen.previewSeconds = await page.$eval("#preview-audio", (a) => a.duration);

  step = "submit the render";
  // Every status the job panel shows, as the page polls: evidence of live progress.
  await page.evaluate(() => {
    window.statusesShown = [];
    new MutationObserver(() => {
      const status = document.querySelector("#job").dataset.status;
      if (status && window.statusesShown.at(-1) !== status) window.statusesShown.push(status);
    }).observe(document.querySelector("#job"), { attributes: true, attributeFilter: ["data-status"] });
  });
  await page.click("#submit");
  await page.locator("#form-message", { hasText: "Queued job" }).waitFor({ timeout: STEP });
  seen.jobId = (await page.textContent("#form-message")).match(/Queued job (\S+)\./)[1];

  step = "watch the job reach completed";
  await page.locator(`#job[data-job-id="${seen.jobId}"][data-status="completed"]`).waitFor({ timeout: JOB_DEADLINE });
  seen.statusesShown = await page.evaluate(() => window.statusesShown);
  seen.statusPill = await page.textContent("#job-status");
  seen.row = await page.textContent(`#job-rows tr[data-job-id="${seen.jobId}"] .pill`);
  seen.timings = await page.$$eval("#timings th", (cells) => cells.map((c) => c.textContent));

  step = "play the video";
  await page.waitForFunction(() => {
    const video = document.querySelector("#video");
    return video && video.readyState >= 2 && video.duration > 1;
  }, null, { timeout: STEP });
  await page.$eval("#video", (v) => v.play());
  await page.waitForFunction(() => document.querySelector("#video").currentTime > 0.5, null, { timeout: STEP });
  seen.video = await page.$eval("#video", (v) => ({ src: v.src.split(":")[0], duration: v.duration,
    currentTime: v.currentTime, width: v.videoWidth, height: v.videoHeight }));
  // A still frame with a caption for the screenshot.
  await page.$eval("#video", (v) => { v.pause(); v.currentTime = 1.6; });
  await page.waitForFunction(() => !document.querySelector("#video").seeking, null, { timeout: STEP });

  step = "the voice and the subtitles";
  await page.waitForFunction(() => document.querySelector("#voice-audio")?.duration > 1, null, { timeout: STEP });
  seen.voiceSeconds = await page.$eval("#voice-audio", (a) => a.duration);
  seen.downloads = await page.$$eval("#downloads a", (links) => links.map((a) => a.dataset.output));
  await page.click("#job details summary");
  await page.locator("#subtitles", { hasText: "WEBVTT" }).waitFor({ timeout: STEP });
  seen.subtitles = await page.textContent("#subtitles");

  step = "download the SRT";
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: STEP }),
    page.click('#downloads a[data-output="srt"]')]);
  seen.srtFile = download.suggestedFilename();
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  seen.srt = Buffer.concat(chunks).toString("utf8");

  step = "the webhook deliveries";
  await page.locator('#deliveries tr[data-event="video_completed"][data-status="delivered"]')
    .waitFor({ timeout: STEP });
  seen.deliveries = await page.$$eval("#deliveries tbody tr", (rows) => rows.map((r) => ({
    event: r.dataset.event, status: r.dataset.status, receiver: r.querySelector("code")?.textContent })));
  // Close the subtitles again: the screenshot shows the page as an operator first sees it.
  await page.click("#job details summary");

  step = "screenshot";
  await page.screenshot({ path: screenshot });
  seen.problems = problems;
  console.log(JSON.stringify(seen));
} catch (e) {
  await page.screenshot({ path: screenshot.replace(/\.png$/, "-failed.png") }).catch(() => {});
  console.error(`dashboard: failed at "${step}": ${e.message}\nseen so far: ${JSON.stringify(seen)}\n`
    + `page problems: ${JSON.stringify(problems)}`);
  process.exitCode = 1;
} finally {
  await context.close();
  await rm(profile, { recursive: true, force: true });
}
