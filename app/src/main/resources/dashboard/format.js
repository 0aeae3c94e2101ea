// Pure formatting of what the API answers, for display.

export const shortId = (id) => (id.length > 10 ? id.slice(0, 8) : id);

/** "14:03:27" today, "2 Dec 14:03" another day; "–" for none. */
export function clock(iso, now = new Date()) {
  if (!iso) return "–";
  const at = new Date(iso);
  const time = at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
  if (at.toDateString() === now.toDateString()) return time;
  return at.toLocaleDateString([], { day: "numeric", month: "short" }) + " " + time.slice(0, 5);
}

/** "850 ms", "4.2 s", "3 min 04 s". */
export function duration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return "–";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
}

/** Time from start to end, or to now while the job runs. */
export function took(job, now = Date.now()) {
  if (!job.started_at) return null;
  const end = job.finished_at ? Date.parse(job.finished_at) : now;
  return end - Date.parse(job.started_at);
}

/** A render's stages in the order they run (the API's timings_ms is an unordered object). */
const STAGES = ["downloading", "synthesizing", "subtitles", "rendering", "thumbnail", "uploading"];

/** [[stage, ms], ...] in the order the stages ran; any stage this page does not know goes last. */
export function byStage(timings) {
  const rank = (stage) => (STAGES.includes(stage) ? STAGES.indexOf(stage) : STAGES.length);
  return Object.entries(timings).sort(([a], [b]) => rank(a) - rank(b));
}

export const active = (job) => job.status === "queued" || job.status === "processing";

export function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
