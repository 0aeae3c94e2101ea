// Narrator's HTTP API as the page uses it: every call carries the stored API key; errors become ApiError.
const KEY_ITEM = "narrator.apiKey";

export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

export const storedKey = () => localStorage.getItem(KEY_ITEM);
export const rememberKey = (key) => localStorage.setItem(KEY_ITEM, key);
export const forgetKey = () => localStorage.removeItem(KEY_ITEM);

/** Paths are relative to the page, so a proxy prefix in front of Narrator carries over. */
export async function request(path, { method = "GET", body } = {}) {
  const headers = {};
  const key = storedKey();
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(new URL(path, document.baseURI), {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, "NETWORK", "Narrator did not answer: " + e.message);
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

export const getJson = async (path) => (await request(path)).json();
export const postJson = async (path, body) => (await request(path, { method: "POST", body })).json();

// Narrator's {"error": {code, message, details}} or, under /v1/, OpenAI's {"error": {message, type, param, code}}.
async function errorOf(response) {
  let error = {};
  try {
    error = (await response.json()).error ?? {};
  } catch {
    // not JSON: the status says enough
  }
  return new ApiError(response.status, error.code ?? `HTTP ${response.status}`,
    error.message ?? response.statusText, error.details?.field ?? error.param ?? undefined);
}
