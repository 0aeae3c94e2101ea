// Where the page can fetch a job's outputs. With local storage they are this service's /files/ links (which take
// the API key, so the page fetches them itself); with S3 the stored URL is s3://... and the presigned link plays.

const OUTPUTS = [
  ["video", "video_url", "Video", "mp4"],
  ["voice", "voice_url", "Voice", "wav"],
  ["subtitles", "subtitles_url", "ASS", "ass"],
  ["srt", "srt_url", "SRT", "srt"],
  ["vtt", "vtt_url", "WebVTT", "vtt"],
  ["thumbnail", "thumbnail_url", "Thumbnail", "jpg"],
];

/** The outputs a job has: [{name, label, url, local, file}], url absolute http(s) only. */
export function outputsOf(job, base = document.baseURI) {
  const found = [];
  for (const [name, field, label, extension] of OUTPUTS) {
    const link = linkTo(job[field], job.signed_urls?.[name], base);
    if (link) found.push({ name, label, file: `${job.job_id}-${name}.${extension}`, ...link });
  }
  return found;
}

function linkTo(stored, signed, base) {
  if (!stored) return null;
  if (stored.startsWith("s3://")) return signed ? httpOnly(signed, false) : null;
  // PUBLIC_BASE_URL may name another host than the one this page came from: fetch the file from here instead.
  const at = stored.indexOf("/files/");
  return at >= 0 ? httpOnly(new URL(stored.slice(at + 1), base).href, true) : httpOnly(stored, false);
}

function httpOnly(url, local) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? { url: parsed.href, local } : null;
  } catch {
    return null;
  }
}
