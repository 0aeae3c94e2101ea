// Wires the page: asks for the API key when the API wants one, then polls the queue, the jobs and the shown job.
import { ApiError, forgetKey, getJson, rememberKey, storedKey } from "./api.js";
import { RenderForm } from "./form.js";
import { JobView } from "./job.js";
import { mergeJobs, renderJobs } from "./jobs.js";

const POLL_MS = 2000;
/** /health and /voices are read every this many rounds: they change slowly and read the disk. */
const SLOW_EVERY = 5;
const $ = (id) => document.getElementById(id);

let selected = new URLSearchParams(location.hash.slice(1)).get("job");
/** While the key question is open, nothing polls. */
let asking = false;

const view = new JobView($("job"), report);
const form = new RenderForm($("render-form"), {
  report,
  onQueued: (id) => select(id).then(loop),
});

/** Errors that are not a form's own: a refused key asks for it again; anything else shows in the header. */
function report(error) {
  if (error instanceof ApiError && error.status === 401) {
    askForKey(storedKey() ? "That key was refused." : "");
    return;
  }
  console.warn(error);
  $("health").textContent = error instanceof ApiError ? error.code : "error";
  $("health").className = "pill failed";
  $("health").title = error.message;
}

function askForKey(problem) {
  if (asking) return;
  asking = true;
  $("key-error").textContent = problem;
  $("key-dialog").showModal();
}

async function select(id) {
  selected = id;
  history.replaceState(null, "", `#job=${encodeURIComponent(id)}`);
  for (const row of $("job-rows").children) row.classList.toggle("selected", row.dataset.jobId === id);
  await view.show(id).catch(report);
}

async function poll() {
  const [queue, running, recent] = await Promise.all([getJson("queue/status"),
    getJson("jobs?status=processing&limit=50"), getJson("jobs?limit=25")]);
  $("queued").textContent = queue.queued;
  $("running").textContent = queue.processing;
  $("slots").textContent = queue.max_concurrent_jobs;
  $("wait").textContent = `${queue.estimated_wait_seconds} s`;
  const jobs = mergeJobs(running.jobs, recent.jobs);
  renderJobs($("job-rows"), jobs, selected, (id) => select(id));
  $("no-jobs").hidden = jobs.length > 0;
  if (selected) await (view.jobId === selected ? view.refresh() : view.show(selected));
}

/** The node's health in the header, and the voices into the form. */
async function slowPoll() {
  // /health is open without the key; its 503 still carries the report.
  const health = await (await fetch(new URL("health", document.baseURI))).json();
  $("health").textContent = `${health.status} · v${health.version} · ${health.ffmpeg?.encoder ?? "no ffmpeg"}`;
  $("health").className = `pill ${health.status === "healthy" ? "completed" : health.status === "degraded" ? "cancelled" : "failed"}`;
  $("health").title = `voice ${health.voices?.default}; disk free ${health.disk?.free_mb} MB`;
  form.setVoices(await getJson("voices"));
}

let timer = null;
let round = 0;
let inFlight = false;

/** Polls one round at a time (never overlapping), every POLL_MS while the tab is visible. */
async function loop() {
  clearTimeout(timer);
  // A round in flight schedules the next one itself.
  if (inFlight) return;
  inFlight = true;
  try {
    if (!asking && !document.hidden) {
      if (round++ % SLOW_EVERY === 0) await slowPoll();
      await poll();
    }
  } catch (e) {
    report(e);
  } finally {
    inFlight = false;
  }
  if (!asking) timer = setTimeout(loop, POLL_MS);
}

function start() {
  $("forget-key").hidden = !storedKey();
  round = 0;
  loop();
}

$("key-form").addEventListener("submit", () => {
  rememberKey($("key").value.trim());
  asking = false;
  start();
});
$("forget-key").addEventListener("click", () => {
  forgetKey();
  location.reload();
});
// The page is useless without a key the API takes: Escape must not close the question.
$("key-dialog").addEventListener("cancel", (event) => event.preventDefault());
document.addEventListener("visibilitychange", () => document.hidden || loop());
start();
