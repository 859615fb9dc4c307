// RadAnon page: pick an image, analyze it, let the educator veto or add boxes, anonymize, download.
// The image goes only to this server's analyze and anonymize endpoints; nothing of it is kept in the browser's storage.
// An API key, when the server asks for one, is kept in sessionStorage only (this tab, until it closes).
"use strict";

const state = { file: null, analysis: null, scale: 1, veto: new Set(), added: [], drag: null, outputUrl: null, reportUrl: null };
const $ = (id) => document.getElementById(id);
const colours = { kept: "#1b7a2e", remove: "#b00020", vetoed: "#0b5cad", added: "#7a3fb0", learned: "#d48a00" };

function formOptions() {
  const form = new FormData($("options"));
  return { profile: form.get("profile"), redact: form.get("redact"), markers: form.get("markers"), format: form.get("format"), burnOverlays: form.get("burnOverlays") === "true" };
}

// The status line stays after the work is done ("Found 9 text regions…", "Done…"); only the spinner comes and goes.
function setBusy(busy, text) {
  $("spinner").hidden = !busy;
  if (busy || text !== undefined) setStatus(text || "Working…");
  $("analyze").disabled = busy || !state.file;
  $("anonymize").disabled = busy || !state.file;
  document.body.setAttribute("aria-busy", busy ? "true" : "false");
}

const keyStore = "radanon.apiKey";
const identifying = ["header-match", "date", "id", "name"];

// Every call to the API goes through here, with the tab's key when one was entered.
function apiFetch(path, init = {}) {
  const key = sessionStorage.getItem(keyStore);
  const headers = new Headers(init.headers || {});
  if (key) headers.set("X-API-Key", key);
  return fetch(path, { ...init, headers });
}

// A veto of text the engine read as identifying, or could not read at all, needs a yes: the output keeps it and is then
// marked as containing text (not clean).
function confirmVeto(i) {
  const r = regionsList()[i];
  if (!r || !(identifying.includes(r.category) || r.category === "unreadable")) return true;
  const what = r.category === "unreadable" ? "could not be read, so it cannot be checked"
    : `was read as ${r.category === "header-match" ? "a value from the file's header" : "a " + r.category}`;
  return window.confirm(`Region ${i + 1} ${what}. Keeping it may leave identifying text in the image, `
    + "and the result will be marked as containing text (not clean). Keep it anyway?");
}

function toggleVeto(i, keep) {
  if (keep && !state.veto.has(i) && !confirmVeto(i)) return false;
  keep ? state.veto.add(i) : state.veto.delete(i);
  return true;
}

function setStatus(text) { $("progress-text").textContent = text || ""; }

// A veto or box changed after a download: the download (and the After view) no longer match the review.
function noteChange(text) {
  setStatus($("downloads").hidden ? text : text + " Press Anonymize again for a new download.");
}

function showError(message) {
  $("error").hidden = !message;
  $("error").textContent = message || "";
  if (message) setStatus("");
}

async function problemText(response) {
  try {
    const problem = await response.json();
    const hint = response.status === 401 ? " Enter this server's API key under Options." : "";
    return (problem.title || "Request failed") + (problem.detail ? ": " + problem.detail : "") + ` (HTTP ${response.status})` + hint;
  } catch {
    return `The server answered HTTP ${response.status}.`;
  }
}

function regionsList() { return (state.analysis && state.analysis.regions) || []; }

function isKeptByServer(r) { return r.action === "kept" || r.category === "marker-kept"; }

function requestOptions() {
  const boxes = (list) => list.map((b) => ({ x: Math.round(b.x), y: Math.round(b.y), width: Math.max(1, Math.round(b.width)), height: Math.max(1, Math.round(b.height)) }));
  const veto = regionsList().filter((_, i) => state.veto.has(i));
  return { ...formOptions(), regions: { add: boxes(state.added), veto: boxes(veto) } };
}

function pickFile(file) {
  if (!file) return;
  state.file = file; state.analysis = null; state.veto.clear(); state.added = [];
  $("file-name").textContent = `Selected: ${file.name} (${Math.round(file.size / 1024)} KiB)`;
  $("regions").replaceChildren(); $("after-figure").hidden = true; $("downloads").hidden = true; $("add-box").hidden = true;
  showError(""); setStatus("");
  setBusy(false);
  analyze();
}

async function post(path, options) {
  const body = new FormData();
  body.append("file", state.file);
  body.append("options", JSON.stringify(options));
  return apiFetch(path, { method: "POST", body });
}

async function analyze() {
  if (!state.file) return;
  setBusy(true, "Looking for text in the image…"); showError("");
  try {
    const { format, ...options } = formOptions();
    const response = await post("/api/v1/analyze", options);
    if (!response.ok) { showError(await problemText(response)); return; }
    state.analysis = await response.json();
    state.veto.clear(); state.added = [];
    $("after-figure").hidden = true; $("downloads").hidden = true;
    await drawPreview();
    renderRegionList();
    $("add-box").hidden = false;
    const regions = regionsList(); const kept = regions.filter(isKeptByServer).length;
    setBusy(false, regions.length
      ? `Found ${regions.length} text region${regions.length === 1 ? "" : "s"}: ${regions.length - kept} will be removed, ${kept} kept as markers.`
      : "No text found in the image.");
  } catch (e) {
    showError("Could not reach the server: " + e.message);
  } finally {
    setBusy(false);
  }
}

function previewInfo() {
  return { src: "data:image/png;base64," + (state.analysis.previewPng || ""), scale: state.analysis.previewScale || 1 };
}

let previewImage = null;
function drawPreview() {
  return new Promise((resolve) => {
    const { src, scale } = previewInfo();
    state.scale = scale;
    previewImage = new Image();
    previewImage.onload = () => { const c = $("canvas"); c.width = previewImage.width; c.height = previewImage.height; redraw(); resolve(); };
    previewImage.onerror = () => { showError("The preview could not be shown."); resolve(); };
    previewImage.src = src;
  });
}

function redraw() {
  const c = $("canvas"); const g = c.getContext("2d");
  if (previewImage) g.drawImage(previewImage, 0, 0);
  g.lineWidth = 2;
  regionsList().forEach((r, i) => {
    g.strokeStyle = state.veto.has(i) ? colours.vetoed : isKeptByServer(r) ? colours.kept : colours.remove;
    g.setLineDash(state.veto.has(i) ? [6, 4] : []);
    g.strokeRect(r.x * state.scale, r.y * state.scale, r.width * state.scale, r.height * state.scale);
    if (r.learned) {
      // The learned text detector saw text here too: a dotted inner outline.
      g.save(); g.strokeStyle = colours.learned; g.lineWidth = 1; g.setLineDash([2, 2]);
      g.strokeRect(r.x * state.scale + 3, r.y * state.scale + 3, Math.max(1, r.width * state.scale - 6), Math.max(1, r.height * state.scale - 6));
      g.restore();
    }
  });
  g.setLineDash([]); g.strokeStyle = colours.added;
  for (const b of state.added) g.strokeRect(b.x * state.scale, b.y * state.scale, b.width * state.scale, b.height * state.scale);
  if (state.drag && state.drag.current) {
    const d = normalise(state.drag.start, state.drag.current);
    g.strokeRect(d.x, d.y, d.width, d.height);
  }
}

function renderRegionList() {
  const items = regionsList().map((r, i) => {
    const li = document.createElement("li");
    const label = document.createElement("label");
    const box = document.createElement("input");
    // Markers the server keeps anyway show as kept (ticked) and cannot be changed here.
    box.type = "checkbox"; box.checked = isKeptByServer(r) || state.veto.has(i); box.disabled = isKeptByServer(r);
    box.addEventListener("change", () => {
      if (!toggleVeto(i, box.checked)) { box.checked = false; return; }
      redraw();
      noteChange(`Region ${i + 1} will be ${box.checked ? "kept" : "removed"}.`);
    });
    const swatch = document.createElement("span");
    swatch.className = "swatch"; swatch.style.borderColor = isKeptByServer(r) ? colours.kept : colours.remove;
    label.append(box, swatch, `Keep region ${i + 1}: ${r.category} at ${r.x},${r.y} (${r.width}×${r.height})${isKeptByServer(r) ? " — kept as a marker" : ""}`);
    const found = document.createElement("span");
    found.className = "found-by";
    found.textContent = r.learned ? " (seen by the learned text detector; rule: " + r.rule + ")" : " (found by the glyph detector only; rule: " + r.rule + ")";
    li.dataset.learned = r.learned ? "true" : "false";
    li.append(label, found); return li;
  });
  state.added.forEach((b, i) => {
    const li = document.createElement("li");
    const remove = document.createElement("button");
    remove.type = "button"; remove.textContent = `Remove added box ${i + 1}`;
    remove.addEventListener("click", () => {
      state.added.splice(i, 1); renderRegionList(); redraw();
      // The button is gone: keep the keyboard user in the same place rather than at the top of the page.
      const next = $("regions").querySelectorAll("button")[Math.min(i, state.added.length - 1)];
      (next || $("box-x")).focus();
    });
    li.append(remove); items.push(li);
  });
  $("regions").replaceChildren(...items);
  const actions = (state.analysis && state.analysis.headerActions) || [];
  const counts = {};
  for (const a of actions) counts[a.action] = (counts[a.action] || 0) + 1;
  $("header-summary").textContent = actions.length
    ? "Header: " + actions.length + " attributes changed (" + Object.entries(counts).map(([k, v]) => `${v} × ${k}`).join(", ") + ")"
    : "";
}

// Canvas pixels under the pointer, clamped to the canvas: a drag that ends outside still gives a box inside the image.
function canvasPoint(event) {
  const c = $("canvas"); const rect = c.getBoundingClientRect();
  const clamp = (v, max) => Math.min(Math.max(v, 0), max);
  return { x: clamp((event.clientX - rect.left) * (c.width / rect.width), c.width), y: clamp((event.clientY - rect.top) * (c.height / rect.height), c.height) };
}

function normalise(a, b) {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

function hitRegion(p) {
  return regionsList().findIndex((r) => p.x >= r.x * state.scale && p.x <= (r.x + r.width) * state.scale && p.y >= r.y * state.scale && p.y <= (r.y + r.height) * state.scale);
}

$("canvas").addEventListener("pointerdown", (e) => {
  if (!state.analysis) return;
  $("canvas").setPointerCapture(e.pointerId); // pointerup arrives even when the drag ends outside the canvas
  state.drag = { start: canvasPoint(e), current: null };
});
$("canvas").addEventListener("pointercancel", () => { state.drag = null; redraw(); });
$("canvas").addEventListener("pointermove", (e) => { if (state.drag) { state.drag.current = canvasPoint(e); redraw(); } });
$("canvas").addEventListener("pointerup", (e) => {
  if (!state.drag) return;
  const end = canvasPoint(e); const box = normalise(state.drag.start, end); state.drag = null;
  if (box.width < 4 && box.height < 4) {
    const i = hitRegion(end);
    if (i >= 0 && !isKeptByServer(regionsList()[i])) toggleVeto(i, !state.veto.has(i));
  } else {
    state.added.push({ x: box.x / state.scale, y: box.y / state.scale, width: box.width / state.scale, height: box.height / state.scale });
  }
  renderRegionList(); redraw();
});

async function anonymize() {
  if (!state.file) return;
  setBusy(true, "Removing identifying information…"); showError("");
  try {
    const response = await post("/api/v1/anonymize", requestOptions());
    if (!response.ok) { showError(await problemText(response)); return; }
    const blob = await response.blob();
    const name = (/filename="?([^";]+)"?/.exec(response.headers.get("Content-Disposition") || "") || [])[1] || "radanon-output";
    if (state.outputUrl) URL.revokeObjectURL(state.outputUrl);
    state.outputUrl = URL.createObjectURL(blob);
    $("download-image").href = state.outputUrl; $("download-image").download = name;
    const reportId = response.headers.get("RadAnon-Report-Id");
    const report = reportId ? await apiFetch(`/api/v1/reports/${encodeURIComponent(reportId)}`) : null;
    if (state.reportUrl) URL.revokeObjectURL(state.reportUrl);
    state.reportUrl = null;
    let clean = true;
    if (report && report.ok) {
      const text = await report.text();
      try { clean = JSON.parse(text).report.pixelsCleaned !== false; } catch { clean = true; }
      state.reportUrl = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    }
    $("download-report").hidden = !state.reportUrl;
    if (state.reportUrl) $("download-report").href = state.reportUrl;
    $("downloads").hidden = false;
    const marked = clean ? "" : " It is marked as still containing text (see the report's warnings).";
    setBusy(false, (state.reportUrl ? "Done. The anonymized image and its report are ready to download." : "Done. The anonymized image is ready to download; its report could not be fetched.") + marked);
    // The download is ready now; a DICOM output's After view follows once the server has rendered it.
    if (blob.type === "image/png" || blob.type === "image/jpeg") { $("after").src = state.outputUrl; $("after-figure").hidden = false; }
    else { showDicomAfter(blob, name); }
  } catch (e) {
    showError("Could not reach the server: " + e.message);
  } finally {
    setBusy(false);
  }
}

// A browser cannot show DICOM: the output goes back to /analyze (which stores nothing) for its display rendering, so
// the After view shows exactly the file that was downloaded.
async function showDicomAfter(blob, name) {
  $("after-figure").hidden = true;
  const output = state.outputUrl; // a newer output or a changed review makes this rendering stale
  try {
    const body = new FormData();
    body.append("file", new File([blob], name, { type: "application/dicom" }));
    body.append("options", JSON.stringify({}));
    const response = await apiFetch("/api/v1/analyze", { method: "POST", body });
    if (!response.ok) return;
    const analysis = await response.json();
    if (!analysis.previewPng || state.outputUrl !== output || $("downloads").hidden) return;
    $("after").src = "data:image/png;base64," + analysis.previewPng;
    $("after-figure").hidden = false;
  } catch {
    // The download is what matters; without a rendering the After view simply stays hidden.
  }
}

async function loadProfiles() {
  try {
    const response = await apiFetch("/api/v1/profiles");
    if (!response.ok) return;
    const profiles = await response.json();
    $("profile").replaceChildren(...profiles.map((p) => { const o = document.createElement("option"); o.value = p.name; o.textContent = p.name + (p.isDefault ? " (default)" : ""); o.selected = p.isDefault; return o; }));
  } catch { /* the default option stays */ }
}

// The keyboard alternative to dragging: a box by its corner and size in image pixels.
$("add-box").addEventListener("submit", (e) => {
  e.preventDefault();
  if (!state.analysis) return;
  const form = new FormData($("add-box"));
  const n = (name) => Number(form.get(name));
  const { width, height } = state.analysis.input || {};
  const box = { x: n("x"), y: n("y"), width: n("width"), height: n("height") };
  if (width && height && (box.x + box.width > width || box.y + box.height > height)) {
    showError(`The box must lie inside the image (${width} × ${height} pixels).`);
    return;
  }

  showError("");
  state.added.push(box);
  renderRegionList(); redraw();
  noteChange(`Added box ${state.added.length} at ${box.x},${box.y} (${box.width}×${box.height}).`);
});

// Options that change what is found (profile, markers) analyse again; format and blur/fill only matter for the output.
$("options").addEventListener("change", (e) => { if (state.file && ["profile", "markers"].includes(e.target.name)) analyze(); });
$("file").addEventListener("change", (e) => pickFile(e.target.files[0]));
$("api-key").value = sessionStorage.getItem(keyStore) || "";
$("api-key").addEventListener("change", (e) => {
  const key = e.target.value.trim();
  key ? sessionStorage.setItem(keyStore, key) : sessionStorage.removeItem(keyStore);
  loadProfiles();
});
$("analyze").addEventListener("click", analyze);
$("anonymize").addEventListener("click", anonymize);
const drop = $("drop");
drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); pickFile(e.dataTransfer.files[0]); });
loadProfiles();
