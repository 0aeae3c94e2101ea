// The render form: builds POST /render's body from the fields, previews the chosen voice, shows refusals by field.
import { postJson, request } from "./api.js";
import { h } from "./dom.js";

const SAMPLE = "This is how this voice sounds.";
/** Where the API's details.field points in the form. */
const FIELDS = { script: "script", voice: "voice", size: "size", base_video_url: "base-video", bgm_url: "music" };

export class RenderForm {
  constructor(form, { onQueued, report }) {
    this.form = form;
    this.onQueued = onQueued;
    this.report = report;
    this.el = (id) => form.querySelector(`#${id}`);
    this.message = this.el("form-message");
    this.previewUrl = null;
    this.voicesShown = null;
    this.el("size").addEventListener("change", () => {
      this.el("custom-size-field").hidden = this.el("size").value !== "custom";
    });
    this.el("preview").addEventListener("click", () => this.preview());
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
  }

  /** GET /voices' answer into the voice list, the default first; the user's choice is kept across refreshes. */
  setVoices(list) {
    const shown = JSON.stringify(list);
    if (shown === this.voicesShown) return;
    this.voicesShown = shown;
    const select = this.el("voice");
    const chosen = select.value || list.default;
    const voices = [...list.voices].sort((a, b) => (b.id === list.default) - (a.id === list.default));
    select.replaceChildren(...voices.map((v) => h("option", { value: v.id, selected: v.id === chosen },
      `${v.id}${v.id === list.default ? " (default)" : ""}`)));
    select.title = list.note ?? "";
  }

  body() {
    const value = (id) => this.el(id).value.trim();
    const body = { script: this.el("script").value };
    if (value("voice")) body.voice = value("voice");
    const size = value("size") === "custom" ? value("custom-size") : value("size");
    if (size) body.size = size;
    if (value("base-video")) body.base_video_url = value("base-video");
    if (value("music")) body.bgm_url = value("music");
    const karaoke = this.el("karaoke").checked;
    if (karaoke) body.karaoke = true;
    const style = {};
    if (value("alignment")) style.alignment = value("alignment");
    // Colours only when changed: the server's defaults stay the defaults.
    if (this.changed("primary-color")) style.primary_color = value("primary-color");
    if (karaoke && this.changed("highlight-color")) style.highlight_color = value("highlight-color");
    if (this.el("box").checked) style.back_color = "#000000";
    if (Object.keys(style).length > 0) body.subtitle_style = style;
    return body;
  }

  changed(id) {
    const input = this.el(id);
    return input.value.toLowerCase() !== input.defaultValue.toLowerCase();
  }

  async submit() {
    this.clearErrors();
    const button = this.el("submit");
    button.disabled = true;
    try {
      const queued = await postJson("render", this.body());
      this.say(`Queued job ${queued.job_id}.`);
      this.onQueued(queued.job_id);
    } catch (e) {
      this.refused(e);
    } finally {
      button.disabled = false;
    }
  }

  /** Speaks the script's first sentence (or a sample) with the chosen voice through /v1/audio/speech. */
  async preview() {
    this.clearErrors();
    const first = this.el("script").value.trim().match(/^[\s\S]{1,200}?[.!?](?=\s|$)/)?.[0];
    const button = this.el("preview");
    button.disabled = true;
    try {
      const response = await request("v1/audio/speech", { method: "POST", body: {
        model: "tts-1", voice: this.el("voice").value, input: first ?? SAMPLE, response_format: "mp3" } });
      const audio = this.el("preview-audio");
      if (this.previewUrl) URL.revokeObjectURL(this.previewUrl);
      this.previewUrl = URL.createObjectURL(await response.blob());
      audio.src = this.previewUrl;
      audio.hidden = false;
      // Browsers may refuse to start sound without a fresh click: the controls are there.
      audio.play().catch(() => {});
    } catch (e) {
      this.refused(e);
    } finally {
      button.disabled = false;
    }
  }

  refused(error) {
    if (error.status === 401) {
      this.report(error);
      return;
    }
    this.say(`${error.code}: ${error.message}`, true);
    const id = FIELDS[error.field?.split(".")[0]] ?? (error.field?.startsWith("subtitle_style") ? "alignment" : null);
    if (id) {
      const input = this.el(id === "size" && this.el("size").value === "custom" ? "custom-size" : id);
      input.setAttribute("aria-invalid", "true");
      input.focus();
    }
  }

  say(text, error = false) {
    this.message.textContent = text;
    this.message.classList.toggle("error", error);
  }

  clearErrors() {
    this.say("");
    for (const input of this.form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  }
}
