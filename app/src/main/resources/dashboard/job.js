// One job in detail: progress, error, timings, outputs (player, voice, subtitles, downloads) and webhook deliveries.
import { ApiError, getJson, postJson, request, storedKey } from "./api.js";
import { bar, h, pill } from "./dom.js";
import { active, byStage, clock, duration, took } from "./format.js";
import { outputsOf } from "./outputs.js";

export class JobView {
  constructor(panel, report) {
    this.panel = panel;
    this.report = report;
    this.jobId = null;
    this.missing = null;
    /** Files of the shown job fetched with the key: URL -> promise of an object URL (revoked when the job changes). */
    this.fetched = new Map();
    // The video and the files keep their elements across refreshes, so playback and fetched files carry on.
    this.media = h("div", { class: "media" });
    this.summary = h("div");
    this.files = h("div", { class: "files" });
    this.details = h("div");
    this.outputsShown = null;
  }

  /** Shows {@code jobId} in the panel; the previous job's fetched files are let go. */
  async show(jobId) {
    if (jobId === this.jobId) return;
    this.jobId = jobId;
    this.outputsShown = null;
    for (const objectUrl of this.fetched.values()) objectUrl.then(URL.revokeObjectURL, () => {});
    this.fetched.clear();
    this.media.replaceChildren();
    this.files.replaceChildren();
    this.details.replaceChildren();
    this.summary.replaceChildren(h("p", { class: "muted" }, "Loading…"));
    this.panel.classList.remove("with-media");
    this.panel.replaceChildren(h("div", { class: "job-body" }, this.media,
      h("div", { class: "info" }, this.summary, this.files, this.details)));
    this.panel.dataset.jobId = jobId;
    delete this.panel.dataset.status;
    await this.refresh();
  }

  async refresh() {
    const id = this.jobId;
    // A job that is gone (retention) stays gone: no need to ask again every round.
    if (!id || id === this.missing) return;
    let job;
    let hooks;
    try {
      [job, hooks] = await Promise.all([getJson(`jobs/${encodeURIComponent(id)}`),
        getJson(`jobs/${encodeURIComponent(id)}/webhooks`)]);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404) || id !== this.jobId) throw e;
      this.missing = id;
      this.summary.replaceChildren(h("p", { class: "muted" }, `No job ${id}: it may have passed its retention.`));
      return;
    }
    if (id !== this.jobId) return;
    this.panel.dataset.status = job.status;
    this.summary.replaceChildren(this.head(job), ...this.state(job), facts(job));
    this.details.replaceChildren(timings(job.timings_ms), deliveries(hooks.deliveries));
    const outputs = outputsOf(job);
    const shown = JSON.stringify(outputs.map((o) => o.url));
    if (outputs.length > 0 && shown !== this.outputsShown) {
      this.outputsShown = shown;
      this.showOutputs(outputs);
    }
  }

  head(job) {
    const cancel = active(job) ? h("button", { type: "button", class: "secondary", id: "cancel",
      onclick: () => postJson(`jobs/${encodeURIComponent(job.job_id)}/cancel`).then(() => this.refresh(), this.report) },
    "Cancel") : null;
    return h("div", { class: "job-head" },
      h("h2", {}, h("span", { class: "kind" }, job.kind), " ", h("code", { id: "job-id" }, job.job_id)),
      h("span", { id: "job-status" }, pill(job.status)), cancel);
  }

  state(job) {
    const parts = [];
    if (job.status === "processing") {
      parts.push(bar(job.progress, `${job.stage ?? "starting"} · ${Math.round(job.progress)}%`));
    } else if (job.status === "queued") {
      parts.push(h("p", { class: "muted" }, "Waiting in the queue for a free slot."));
    }
    if (job.error) {
      parts.push(h("div", { class: "error-box", role: "alert" }, h("strong", {}, job.error.code), " ", job.error.message));
    }
    return parts;
  }

  /** The video beside the rest; the voice, the downloads and the subtitles under the job's facts. */
  showOutputs(outputs) {
    const byName = Object.fromEntries(outputs.map((o) => [o.name, o]));
    if (byName.video) {
      const video = h("video", { id: "video", controls: true, preload: "metadata", playsinline: true });
      this.source(byName.video).then((src) => { video.src = src; }, this.report);
      if (byName.thumbnail) this.source(byName.thumbnail).then((src) => { video.poster = src; }, () => {});
      this.media.replaceChildren(video);
    }
    this.panel.classList.toggle("with-media", Boolean(byName.video));
    const parts = [h("h3", {}, "Outputs")];
    if (byName.voice) {
      const audio = h("audio", { id: "voice-audio", controls: true, preload: "metadata" });
      this.source(byName.voice).then((src) => { audio.src = src; }, this.report);
      parts.push(h("div", { class: "voice" }, h("span", { class: "label" }, "Voice"), audio));
    }
    parts.push(h("ul", { class: "downloads", id: "downloads" }, outputs.map((o) =>
      h("li", {}, h("a", { href: o.url, download: o.file, dataset: { output: o.name },
        onclick: (event) => this.download(event, o) }, o.label)))));
    if (byName.vtt?.local) {
      const text = h("pre", { id: "subtitles" });
      request(byName.vtt.url).then((r) => r.text()).then((t) => { text.textContent = t; }, this.report);
      parts.push(h("details", {}, h("summary", {}, "Subtitles"), text));
    }
    this.files.replaceChildren(...parts);
  }

  /** What a media element can load: this service's files need the key, which only a fetch can send. */
  source(output) {
    if (!output.local || !storedKey()) return Promise.resolve(output.url);
    if (!this.fetched.has(output.url)) {
      this.fetched.set(output.url, request(output.url).then((r) => r.blob()).then(URL.createObjectURL));
    }
    return this.fetched.get(output.url);
  }

  download(event, output) {
    if (!output.local || !storedKey()) return;
    event.preventDefault();
    this.source(output).then((src) => h("a", { href: src, download: output.file }).click(), this.report);
  }
}

function facts(job) {
  const rows = [
    ["Created", clock(job.created_at)],
    ["Started", clock(job.started_at)],
    ["Finished", clock(job.finished_at)],
    ["Took", duration(took(job))],
    ["Length", job.duration_seconds === null ? "–" : `${job.duration_seconds.toFixed(1)} s`],
    ["Attempts", job.attempts],
  ];
  if (Object.keys(job.metadata ?? {}).length > 0) rows.push(["Metadata", JSON.stringify(job.metadata)]);
  return h("dl", { class: "facts" }, rows.map(([name, value]) => h("div", {}, h("dt", {}, name), h("dd", {}, value))));
}

/** Time per stage as bars against the longest stage. */
function timings(timingsMs) {
  const stages = byStage(timingsMs ?? {});
  if (stages.length === 0) return null;
  const longest = Math.max(...stages.map(([, ms]) => ms), 1);
  return h("div", { class: "timings" }, h("h3", {}, "Time per stage"),
    h("table", { id: "timings" }, h("tbody", {}, stages.map(([stage, ms]) => h("tr", {},
      h("th", {}, stage), h("td", { class: "bar-cell" }, bar((100 * ms) / longest)), h("td", {}, duration(ms)))))));
}

function deliveries(list) {
  const rows = list.length === 0
    ? [h("tr", {}, h("td", { colspan: 6, class: "muted" }, "No webhook events for this job (no WEBHOOK_URL or webhook_url)."))]
    : list.map((d) => h("tr", { dataset: { event: d.event, status: d.status } },
      h("td", {}, d.event), h("td", {}, h("code", {}, d.receiver)), h("td", {}, pill(d.status)),
      h("td", {}, d.attempts), h("td", {}, d.last_status_code ?? d.last_error ?? ""),
      h("td", {}, d.status === "pending" && d.next_attempt_at ? `next ${clock(d.next_attempt_at)}`
        : clock(d.delivered_at ?? d.created_at))));
  return h("div", { class: "webhooks" }, h("h3", {}, "Webhook deliveries"),
    h("table", { id: "deliveries" },
      h("thead", {}, h("tr", {}, ["Event", "Receiver", "Status", "Tries", "Reply", "At"].map((t) => h("th", {}, t)))),
      h("tbody", {}, rows)));
}
