// The jobs table: running jobs first, then the newest; a click selects one.
import { bar, h, pill } from "./dom.js";
import { clock, duration, shortId, took } from "./format.js";

/** Running jobs (which may be older than the newest page of jobs) first, then the rest, each job once. */
export function mergeJobs(running, recent) {
  const ids = new Set(running.map((job) => job.job_id));
  return [...running, ...recent.filter((job) => !ids.has(job.job_id))];
}

export function renderJobs(tbody, jobs, selectedId, select) {
  tbody.replaceChildren(...jobs.map((job) => h("tr", {
    class: job.job_id === selectedId ? "selected" : null,
    dataset: { jobId: job.job_id },
    tabindex: 0,
    onclick: () => select(job.job_id),
    onkeydown: (event) => event.key === "Enter" && select(job.job_id),
  },
  h("td", {}, pill(job.status)),
  h("td", {}, h("span", { class: "kind" }, job.kind), " ", h("code", { title: job.job_id }, shortId(job.job_id))),
  h("td", { class: "progress" }, progressOf(job)),
  h("td", {}, clock(job.created_at)),
  h("td", {}, duration(took(job))),
  h("td", { class: "error-code", title: job.error?.message }, job.error?.code ?? ""))));
}

function progressOf(job) {
  switch (job.status) {
    case "processing":
      return bar(job.progress, `${job.stage ?? "starting"} · ${Math.round(job.progress)}%`);
    case "queued":
      return h("span", { class: "muted" }, "waiting for a slot");
    case "completed":
      return h("span", { class: "muted" }, "done");
    default:
      return h("span", { class: "muted" }, job.stage ? `stopped at ${job.stage}` : "");
  }
}
