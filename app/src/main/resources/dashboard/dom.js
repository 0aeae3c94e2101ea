// Builds elements; anything from the API goes in as text nodes or attributes, never parsed as HTML.

/**
 * h("a", {href, class: "x", onclick: f}, "text", child): props become attributes (true: present, false/null: absent),
 * except class, dataset and on* listeners; children are nodes or strings (as text), null ones skipped.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") el.className = value;
    else if (name === "dataset") Object.assign(el.dataset, value);
    else if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  el.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false)
    .map((c) => (c instanceof Node ? c : String(c))));
  return el;
}

/** A status as a coloured pill: queued, processing, completed, failed, cancelled (jobs) or a delivery's. */
export const pill = (status) => h("span", { class: `pill ${status}` }, status);

export function bar(percent, label) {
  const width = Math.max(0, Math.min(100, percent));
  return h("div", { class: "bar", role: "progressbar", "aria-valuenow": width, "aria-valuemin": 0, "aria-valuemax": 100 },
    h("div", { class: "fill", style: `width: ${width}%` }), label ? h("span", {}, label) : null);
}
