// The lens canvas (Streamlit components v2): pan, zoom, select, drag, connect.
//
// Python sends the SVG of the lens (mapping.render.svg, interactive=True) in
// `data.svg`; this module shows it and reports what the hand does through one
// trigger value, `event`:
//   {type: "select", kind: "entity"|"relation", id}
//   {type: "move", entity_id, x, y, from_x, from_y}   (drawing coordinates)
//   {type: "connect", source, target}
//   {type: "undo"} / {type: "redo"}
//   {type: "aid", large_font | hide_notes | highlight | badges}
// No network access; user text is never parsed as markup: tooltips use textContent.
// Touch: one finger pans, selects or drags (pointer events, touch-action: none), two pinch.
// Keyboard (the map takes the focus with Tab): N / P choose the next / previous symbol
// (reading order; its name goes to an aria-live region), arrows move it (Shift: larger
// steps; one "move" when the keys rest, like a drag), Enter sends the "select" a click
// sends, Escape lets go; without a chosen symbol the arrows pan. Ctrl+Z undoes,
// Ctrl+Shift+Z or Ctrl+Y redoes, wherever the focus is inside the canvas.

const SVG_NS = "http://www.w3.org/2000/svg";
const DRAG_THRESHOLD = 4; // px before a press on a symbol becomes a drag
const TOUCH_THRESHOLD = 10; // a finger wobbles more than a mouse
const READ_PX = 12; // names open at least this large on screen (CSS px)
const SMALL_PX = 9; // below this the canvas says the names are too small to read
const MIN_CANVAS = 360; // px: the canvas is never made lower than this to fit the window
const END_RADIUS = 48; // drawing units: path points this close to a symbol follow it
const MIN_ZOOM = 0.15;
const MAX_ZOOM = 12;
const KEY_STEP = 10; // drawing units an arrow key moves a symbol (Shift: KEY_STEP_BIG)
const KEY_STEP_BIG = 50;
const KEY_REST_MS = 600; // arrow moves are stored as one move once the keys rest this long

// Pan/zoom survive the re-render that follows every event, per canvas key and
// case/lens/ego ("scope"): {x, y, w, h, mode}. mode "custom" (the user panned or
// zoomed) keeps that view as it is; "fit" ("Passend") fits each new drawing
// whole; "reading" (how a map opens) shows it at reading scale: the whole map
// when its names are READ_PX or more that way, otherwise names at READ_PX,
// centred on the client (the index person, a netwerkkaart's ego), panning for
// the rest; a resize of the canvas lays a fit or reading view out again.
// Kept on globalThis, by the page's own canvas key (``canvas_key``; Streamlit gives every
// mount a new one): a message shown above the map makes Streamlit mount the canvas anew.
const views = (globalThis.casemapCanvasViews ??= new Map());
const legendOpen = (globalThis.casemapCanvasLegend ??= new Map()); // canvas key -> legend open
const instances = new WeakMap();
// The keyboard's choice per case, lens and ego ("scope"), and whether the map had the focus when it last
// sent an event: a rerun that mounts the canvas anew (even with this module loaded
// again) gives both back, so a keyboard user goes on where they were.
const keyboard = (globalThis.casemapCanvasKeyboard ??= new Map());

function clientToLocal(element, clientX, clientY) {
  const ctm = element.getScreenCTM();
  if (!ctm) return { x: clientX, y: clientY };
  const inv = ctm.inverse();
  return {
    x: inv.a * clientX + inv.c * clientY + inv.e,
    y: inv.b * clientX + inv.d * clientY + inv.f,
  };
}

// Parse the renderer's SVG as XML and drop anything that could run code.
function parseSvg(text) {
  const doc = new DOMParser().parseFromString(text || "<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml");
  const root = doc.documentElement;
  if (!root || root.nodeName !== "svg") return document.createElementNS(SVG_NS, "svg");
  for (const bad of root.querySelectorAll("script, foreignObject, iframe, object, embed")) bad.remove();
  for (const el of root.querySelectorAll("*")) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      const value = attr.value.trim().toLowerCase();
      if (name.startsWith("on")) el.removeAttribute(attr.name);
      else if ((name === "href" || name === "xlink:href") && !value.startsWith("#")) el.removeAttribute(attr.name);
    }
  }
  return document.importNode(root, true);
}

function parsePath(d) {
  const points = [];
  const re = /([MLml])\s*(-?[\d.]+(?:e-?\d+)?)[\s,]+(-?[\d.]+(?:e-?\d+)?)/g;
  let m;
  while ((m = re.exec(d)) !== null) points.push([m[1], parseFloat(m[2]), parseFloat(m[3])]);
  return points;
}

class LensCanvas {
  constructor(root, key) {
    this.root = root;
    this.key = key;
    this.canvas = root.querySelector(".cm-canvas");
    this.stage = root.querySelector(".cm-stage");
    this.tooltip = root.querySelector(".cm-tooltip");
    this.status = root.querySelector(".cm-status");
    this.notice = root.querySelector(".cm-notice");
    this.legend = root.querySelector(".cm-legend");
    this.keysHint = root.querySelector(".cm-keys");
    this.announcer = root.querySelector(".cm-announce");
    this.current = ""; // the symbol chosen with the keyboard (entity id)
    this.keyMove = null; // a keyboard move not yet stored
    this.minFont = READ_PX;
    this.buttons = {};
    for (const b of root.querySelectorAll(".cm-toolbar button")) this.buttons[b.dataset.act] = b;
    this.pointers = new Map();
    this.press = null;
    this.connectFrom = null;
    this.connecting = false;
    this.selected = null;
    this.highlight = "";
    this.hideNotes = false;
    this.largeFont = false;
    this.badges = true;
    this.bind();
    if (typeof ResizeObserver !== "undefined") {
      this.resizer = new ResizeObserver(() => this.resized());
      this.resizer.observe(this.stage);
    }
  }

  // ------------------------------------------------------------ data
  update(args) {
    const started = performance.now();
    this.send = args.setTriggerValue;
    const data = args.data || {};
    this.data = data;
    const words = data.words || {};
    for (const [act, button] of Object.entries(this.buttons)) {
      if (words[act]) {
        if (act !== "zoom-in" && act !== "zoom-out") button.textContent = words[act];
        button.title = words[act + "_tip"] || words[act];
      }
    }
    this.words = words;
    this.pickable = new Set(data.entities || []);
    this.fixed = new Set(data.fixed || []);
    this.largeFont = !!data.large_font;
    this.hideNotes = !!data.hide_notes;
    this.badges = !!data.badges;
    this.highlight = data.highlight || "";
    this.selected = data.selected || null;
    this.buttons.undo.disabled = !data.can_undo;
    this.buttons.redo.disabled = !data.can_redo;
    // the tooltips name what will be taken back or done again
    if (data.undo_next) this.buttons.undo.title = data.undo_next;
    if (data.redo_next) this.buttons.redo.title = data.redo_next;
    this.stage.setAttribute("aria-label", words.stage_label || "");
    this.keysHint.textContent = words.keys || "";
    this.canvas.dataset.revision = String(data.revision ?? "");
    this.canvas.dataset.lens = String(data.lens || "");
    this.name = data.canvas_key || this.key;
    this.scope = `${this.name}|${data.scope || ""}`;
    this.place = data.scope || "";
    // mounted anew by a rerun (Streamlit gives each mount a key of its own): go on where we were
    const kept = this.place !== this.keptPlace ? keyboard.get(this.place) : null;
    this.keptPlace = this.place;
    if (kept && kept.current) this.current = kept.current;
    this.focus = data.focus || "";
    // the page's height, but never taller than the window: the whole canvas can be in view
    const wanted = Number(data.height) || 640;
    const room = Math.max(MIN_CANVAS, (window.innerHeight || wanted) - 16);
    this.canvas.style.height = `${Math.round(Math.min(wanted, room))}px`;
    this.showLegend(data.legend_svg || "");
    // a select or a switch leaves the SVG as it was: keep the DOM (a drag changed it: redraw)
    if (data.svg !== this.shownSvg || !this.svg || this.moved) this.showSvg(data.svg || "");
    this.shownSvg = data.svg;
    this.moved = false;
    this.canvas.dataset.rendered = String((Number(this.canvas.dataset.rendered) || 0) + 1);
    this.refreshAids();
    this.setStatus(data.message || "");
    this.canvas.dataset.updateMs = (performance.now() - started).toFixed(1);
    // only when the focus was lost with the old canvas: never taken from a field the user went to
    const lost = !document.activeElement || document.activeElement === document.body;
    if (kept && kept.refocus && lost) this.stage.focus({ preventScroll: true });
    if (kept) kept.refocus = false;
  }

  showSvg(text) {
    const svg = parseSvg(text);
    const w = parseFloat(svg.getAttribute("width")) || 800;
    const h = parseFloat(svg.getAttribute("height")) || 600;
    this.natural = { x: 0, y: 0, w, h };
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
    // tooltips come from <title> as plain text; the native ones would double up
    this.tips = new Map();
    for (const title of svg.querySelectorAll("title")) {
      if (title.parentNode) this.tips.set(title.parentNode, title.textContent || "");
      title.remove();
    }
    for (const g of svg.querySelectorAll("g.symbol")) {
      const id = g.getAttribute("data-entity-id") || "";
      if (this.pickable.has(id)) {
        g.classList.add("pickable");
        if (!this.fixed.has(id)) g.classList.add("movable");
      }
    }
    for (const g of svg.querySelectorAll("g.line")) {
      if (!g.getAttribute("data-relation-id")) continue;
      g.classList.add("pickable");
      const first = g.querySelector("path.stroke, path");
      if (first) {
        const hit = document.createElementNS(SVG_NS, "path");
        hit.setAttribute("d", first.getAttribute("d") || "");
        hit.setAttribute("class", "hit");
        g.insertBefore(hit, g.firstChild);
      }
    }
    // the smallest name decides the reading scale
    let smallest = Infinity;
    for (const t of svg.querySelectorAll("g.symbol text.label")) {
      const size = parseFloat(t.getAttribute("font-size"));
      if (size > 0) smallest = Math.min(smallest, size);
    }
    this.minFont = Number.isFinite(smallest) ? smallest : READ_PX;
    this.focusEl = null;
    if (this.focus) {
      for (const g of svg.querySelectorAll("g.symbol")) {
        if (g.getAttribute("data-entity-id") === this.focus) this.focusEl = g;
      }
      if (this.focusEl) this.focusEl.classList.add("reading-focus");
    }
    this.stage.replaceChildren(svg);
    this.svg = svg;
    if (this.keyMove) {
      // drawn anew before the keys rested: the unsent nudges are gone with the old drawing
      clearTimeout(this.keyMove.timer);
      this.keyMove = null;
    }
    // keep where the user zoomed or panned to; else "Passend" if chosen; else reading scale
    const saved = views.get(this.scope);
    if (saved && saved.mode === "custom") {
      this.view = { x: saved.x, y: saved.y, w: saved.w, h: saved.h };
      this.applyView("custom");
    } else if (saved && saved.mode === "fit") this.fit();
    else this.openReading();
  }

  showLegend(text) {
    const button = this.buttons.legend;
    if (text !== this.shownLegend) {
      this.shownLegend = text;
      this.legend.replaceChildren(...(text ? [parseSvg(text)] : []));
    }
    button.hidden = !text;
    const open = !!text && !!legendOpen.get(this.name);
    this.legend.hidden = !open;
    button.setAttribute("aria-pressed", String(open));
    if (open) this.cropLegend();
  }

  // the legend alone is drawn with the map's margins around it: show just its box
  cropLegend() {
    const svg = this.legend.querySelector("svg");
    const box = svg && svg.querySelector("g.legend");
    if (!box || svg.dataset.cropped) return;
    const outer = svg.getBoundingClientRect();
    const inner = box.getBoundingClientRect();
    const scale = outer.width / (parseFloat(svg.getAttribute("width")) || outer.width || 1);
    if (!inner.width || !scale) return;
    const x = (inner.left - outer.left) / scale - 2;
    const y = (inner.top - outer.top) / scale - 2;
    const w = inner.width / scale + 4;
    const h = inner.height / scale + 4;
    svg.setAttribute("viewBox", `${x} ${y} ${w} ${h}`);
    svg.setAttribute("width", String(w));
    svg.setAttribute("height", String(h));
    svg.dataset.cropped = "1";
  }

  // ------------------------------------------------------------ view
  stageSize() {
    return { w: this.stage.clientWidth, h: this.stage.clientHeight };
  }

  // screen px per drawing unit of the view `v` (preserveAspectRatio "meet")
  scaleOf(v = this.view) {
    const { w, h } = this.stageSize();
    if (!w || !h || !v.w || !v.h) return 0;
    return Math.min(w / v.w, h / v.h);
  }

  applyView(mode = "custom") {
    const v = this.view;
    this.svg.setAttribute("viewBox", `${v.x} ${v.y} ${v.w} ${v.h}`);
    views.set(this.scope, { x: v.x, y: v.y, w: v.w, h: v.h, mode });
    this.mode = mode;
    this.canvas.dataset.view = mode;
    this.refreshNotice();
  }

  // the smallest name on screen, in CSS px (0 while the canvas has no size)
  namePx() {
    return this.minFont * this.scaleOf();
  }

  refreshNotice() {
    const px = this.namePx();
    const small = px > 0 && px < SMALL_PX;
    this.notice.hidden = !small;
    this.notice.textContent = small ? this.words.too_small || "" : "";
    this.canvas.dataset.namePx = px.toFixed(1);
  }

  // where the client is drawn, in the SVG's own units (null when not drawn or not laid out)
  focusPoint() {
    const el = this.focusEl;
    if (!el || !el.isConnected) return null;
    const outer = this.svg.getScreenCTM();
    const inner = el.getScreenCTM();
    if (!outer || !inner) return null;
    const m = outer.inverse().multiply(inner);
    return { x: m.e, y: m.f };
  }

  openReading() {
    const n = this.natural;
    const { w: sw, h: sh } = this.stageSize();
    const fitted = this.scaleOf(n);
    const target = READ_PX * (this.largeFont ? 1.5 : 1); // "Grote letters" opens them larger
    if (!sw || !sh || this.minFont * fitted >= target) {
      this.view = { ...n }; // all of it fits with readable names (or no size yet: the resize redoes it)
      this.applyView("reading");
      return;
    }
    const scale = (target / this.minFont) * 1.001;
    const w = sw / scale;
    const h = sh / scale;
    const at = this.focusPoint() || { x: n.x + n.w / 2, y: n.y + n.h / 2 };
    // centred on the client, but no empty band beyond the map's edge where it can be helped
    const place = (centre, size, start, whole) =>
      size >= whole ? start + (whole - size) / 2 : Math.min(Math.max(centre - size / 2, start), start + whole - size);
    this.view = { x: place(at.x, w, n.x, n.w), y: place(at.y, h, n.y, n.h), w, h };
    this.applyView("reading");
  }

  resized() {
    if (!this.svg || this.press) return;
    if (this.mode === "fit") this.fit();
    else if (this.mode === "reading") this.openReading();
    else this.refreshNotice();
  }

  zoomAt(factor, point) {
    const v = this.view;
    const zoom = this.natural.w / (v.w / factor);
    if (zoom < MIN_ZOOM || zoom > MAX_ZOOM) return;
    const p = point || { x: v.x + v.w / 2, y: v.y + v.h / 2 };
    this.view = {
      x: p.x - (p.x - v.x) / factor,
      y: p.y - (p.y - v.y) / factor,
      w: v.w / factor,
      h: v.h / factor,
    };
    this.applyView();
  }

  fit() {
    this.view = { ...this.natural };
    this.applyView("fit");
  }

  // ------------------------------------------------------------ aids
  refreshAids() {
    this.canvas.classList.toggle("hide-notes", this.hideNotes);
    this.canvas.classList.toggle("connecting", this.connecting);
    this.buttons.notes.setAttribute("aria-pressed", String(this.hideNotes));
    this.buttons.large.setAttribute("aria-pressed", String(this.largeFont));
    this.buttons.badges.setAttribute("aria-pressed", String(this.badges));
    this.buttons.highlight.setAttribute("aria-pressed", String(!!this.highlight));
    this.buttons.connect.setAttribute("aria-pressed", String(this.connecting));
    const sel = this.selected;
    this.buttons.highlight.disabled = !this.highlight && !(sel && sel.kind === "entity");
    if (!this.svg) return;
    for (const g of this.svg.querySelectorAll(".selected, .source")) g.classList.remove("selected", "source");
    if (sel && sel.id) {
      const attr = sel.kind === "relation" ? "data-relation-id" : "data-entity-id";
      for (const g of this.svg.querySelectorAll(sel.kind === "relation" ? "g.line" : "g.symbol")) {
        if (g.getAttribute(attr) === sel.id) g.classList.add("selected");
      }
    }
    if (this.connectFrom) this.connectFrom.classList.add("source");
    this.markCurrent();
    const keep = new Set();
    if (this.highlight) {
      keep.add(this.highlight);
      for (const g of this.svg.querySelectorAll("g.line")) {
        const ends = (g.getAttribute("data-ends") || "").split(" ");
        if (ends.includes(this.highlight)) ends.forEach((e) => e && keep.add(e));
      }
    }
    for (const g of this.svg.querySelectorAll("g.symbol")) {
      g.classList.toggle("faded", !!this.highlight && !keep.has(g.getAttribute("data-entity-id")));
    }
    for (const g of this.svg.querySelectorAll("g.line")) {
      const ends = (g.getAttribute("data-ends") || "").split(" ");
      g.classList.toggle("faded", !!this.highlight && !ends.includes(this.highlight));
    }
  }

  setStatus(text) {
    this.status.textContent = text || "";
  }

  emit(payload) {
    keyboard.set(this.place, { current: this.current, refocus: this.stage.matches(":focus") });
    if (this.send) this.send("event", payload);
  }

  // ------------------------------------------------------------ input
  bind() {
    const stage = this.stage;
    this.root.querySelector(".cm-toolbar").addEventListener("click", (e) => {
      const button = e.target.closest("button");
      if (button) this.toolbar(button.dataset.act);
    });
    stage.addEventListener("wheel", (e) => {
      e.preventDefault();
      const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015));
      this.zoomAt(factor, clientToLocal(this.svg, e.clientX, e.clientY));
    }, { passive: false });
    stage.addEventListener("pointerdown", (e) => this.down(e));
    stage.addEventListener("pointermove", (e) => this.move(e));
    stage.addEventListener("pointerup", (e) => this.up(e));
    stage.addEventListener("pointercancel", (e) => this.up(e, true));
    stage.addEventListener("pointerover", (e) => this.hover(e));
    stage.addEventListener("pointerleave", () => { this.tooltip.hidden = true; });
    this.root.addEventListener("keydown", (e) => this.onKey(e));
    stage.addEventListener("focus", () => {
      this.keysHint.hidden = !stage.matches(":focus-visible"); // the keys, when they are in use
    });
    stage.addEventListener("blur", () => {
      this.keysHint.hidden = true;
      this.storeKeyMove();
    });
  }

  toolbar(act) {
    if (act === "zoom-in") this.zoomAt(1.25);
    else if (act === "zoom-out") this.zoomAt(0.8);
    else if (act === "fit") this.fit();
    else if (act === "legend") {
      legendOpen.set(this.name, !legendOpen.get(this.name));
      this.showLegend(this.shownLegend || "");
    }
    else if (act === "connect") {
      this.connecting = !this.connecting;
      this.connectFrom = null;
      this.setStatus(this.connecting ? this.words.pick_first || "" : "");
      this.refreshAids();
    } else if (act === "undo" || act === "redo") {
      if (this.buttons[act].disabled) return;
      this.storeKeyMove();
      this.buttons.undo.disabled = true;
      this.buttons.redo.disabled = true;
      this.emit({ type: act });
    } else if (act === "notes") {
      this.hideNotes = !this.hideNotes;
      this.refreshAids();
      this.emit({ type: "aid", hide_notes: this.hideNotes });
    } else if (act === "large") {
      this.largeFont = !this.largeFont;
      this.refreshAids();
      this.emit({ type: "aid", large_font: this.largeFont });
    } else if (act === "badges") {
      this.badges = !this.badges;
      this.refreshAids();
      this.emit({ type: "aid", badges: this.badges });
    } else if (act === "highlight") {
      const sel = this.selected;
      this.highlight = this.highlight ? "" : sel && sel.kind === "entity" ? sel.id : "";
      this.refreshAids();
      this.emit({ type: "aid", highlight: this.highlight });
    }
  }

  targetOf(e) {
    const symbol = e.target.closest ? e.target.closest("g.symbol.pickable") : null;
    if (symbol) return { kind: "entity", el: symbol, id: symbol.getAttribute("data-entity-id") };
    const line = e.target.closest ? e.target.closest("g.line.pickable") : null;
    if (line) return { kind: "relation", el: line, id: line.getAttribute("data-relation-id") };
    return null;
  }

  hover(e) {
    const el = e.target.closest ? e.target.closest("g.symbol, g.line") : null;
    const text = el ? this.tips.get(el) : "";
    if (!text || this.press) {
      this.tooltip.hidden = true;
      return;
    }
    this.tooltip.textContent = text; // plain text, never markup
    const box = this.canvas.getBoundingClientRect();
    this.tooltip.hidden = false;
    // its own width (max-content, capped in CSS), then beside the pointer where it fits:
    // right of it, else left of it; below it, else above it (a long kaart entry near an edge)
    const w = this.tooltip.offsetWidth, h = this.tooltip.offsetHeight;
    const x = e.clientX - box.left, y = e.clientY - box.top;
    const left = x + 14 + w <= box.width ? x + 14 : Math.max(0, x - 14 - w);
    const top = y + 16 + h <= box.height ? y + 16 : Math.max(0, y - 12 - h);
    this.tooltip.style.left = `${left}px`;
    this.tooltip.style.top = `${top}px`;
  }

  down(e) {
    try {
      this.stage.setPointerCapture(e.pointerId);
    } catch (err) {
      // a synthetic or already released pointer: the stage still gets its events
    }
    this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    this.tooltip.hidden = true;
    if (this.pointers.size === 2) {
      // a second finger: pinch instead of whatever the first one started
      this.cancelDrag();
      const [a, b] = Array.from(this.pointers.values());
      this.press = { mode: "pinch", dist: Math.hypot(a.x - b.x, a.y - b.y), view: { ...this.view } };
      return;
    }
    if (this.pointers.size > 2) return;
    const target = this.targetOf(e);
    this.press = {
      mode: "press",
      touch: e.pointerType === "touch",
      target,
      startX: e.clientX,
      startY: e.clientY,
      view: { ...this.view },
      inv: this.svg.getScreenCTM()?.inverse(),
    };
  }

  move(e) {
    if (!this.pointers.has(e.pointerId)) return;
    this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const p = this.press;
    if (!p) return;
    if (p.mode === "pinch") {
      const [a, b] = Array.from(this.pointers.values());
      const dist = Math.hypot(a.x - b.x, a.y - b.y);
      const mid = clientToLocal(this.svg, (a.x + b.x) / 2, (a.y + b.y) / 2);
      if (p.dist > 0 && dist > 0) {
        this.zoomAt(dist / p.dist, mid);
        p.dist = dist;
      }
      return;
    }
    const moved = Math.hypot(e.clientX - p.startX, e.clientY - p.startY);
    if (p.mode === "press" && moved >= (p.touch ? TOUCH_THRESHOLD : DRAG_THRESHOLD)) {
      const t = p.target;
      if (t && t.kind === "entity" && !this.connecting && t.el.classList.contains("movable")) this.startDrag(p, e);
      else {
        p.mode = "pan";
        this.stage.classList.add("panning");
      }
    }
    if (p.mode === "pan" && p.inv) {
      const inv = p.inv;
      const dx = inv.a * (e.clientX - p.startX) + inv.c * (e.clientY - p.startY);
      const dy = inv.b * (e.clientX - p.startX) + inv.d * (e.clientY - p.startY);
      this.view = { ...p.view, x: p.view.x - dx, y: p.view.y - dy };
      this.applyView();
    } else if (p.mode === "drag") {
      this.dragTo(p, e);
    }
  }

  up(e, cancelled = false) {
    this.pointers.delete(e.pointerId);
    const p = this.press;
    if (!p || this.pointers.size > 0) {
      if (p && p.mode === "pinch" && this.pointers.size < 2) this.press = null;
      return;
    }
    this.press = null;
    this.stage.classList.remove("panning");
    if (cancelled) {
      this.cancelDrag(p);
      return;
    }
    if (p.mode === "drag") this.endDrag(p);
    else if (p.mode === "press") this.click(p.target);
  }

  click(target) {
    if (this.connecting) {
      if (!target || target.kind !== "entity") return;
      if (!this.connectFrom) {
        this.connectFrom = target.el;
        this.setStatus(this.words.pick_second || "");
        this.refreshAids();
        return;
      }
      const source = this.connectFrom.getAttribute("data-entity-id");
      if (source === target.id) return;
      this.connecting = false;
      this.connectFrom = null;
      this.setStatus("");
      this.refreshAids();
      this.emit({ type: "connect", source, target: target.id });
      return;
    }
    if (!target || !target.id) return;
    this.selected = { kind: target.kind, id: target.id };
    if (target.kind === "entity") this.setCurrent(target.id);
    this.refreshAids();
    this.emit({ type: "select", kind: target.kind, id: target.id });
  }

  // ------------------------------------------------------------ drag
  startDrag(p, e) {
    const el = p.target.el;
    const id = p.target.id;
    p.mode = "drag";
    p.parent = el.parentNode;
    p.start = clientToLocal(p.parent, p.startX, p.startY);
    p.from = { x: parseFloat(el.getAttribute("data-x")) || 0, y: parseFloat(el.getAttribute("data-y")) || 0 };
    p.lines = this.linesOf(id);
    el.classList.add("dragging");
    el.parentNode.appendChild(el); // on top while it moves
    this.dragTo(p, e);
  }

  dragTo(p, e) {
    const at = clientToLocal(p.parent, e.clientX, e.clientY);
    const x = p.from.x + (at.x - p.start.x);
    const y = p.from.y + (at.y - p.start.y);
    p.to = { x, y };
    p.target.el.setAttribute("transform", `translate(${x.toFixed(1)},${y.toFixed(1)})`);
    if (p.frame) return; // lines follow once per frame
    p.frame = requestAnimationFrame(() => {
      p.frame = 0;
      this.followLines(p);
    });
  }

  // the lines ending at the moved symbol follow it
  followLines(p) {
    const dx = p.to.x - p.from.x;
    const dy = p.to.y - p.from.y;
    for (const line of p.lines) {
      const d = line.points
        .map(([cmd, px, py]) => {
          const near = Math.hypot(px - p.from.x, py - p.from.y) <= END_RADIUS;
          return `${cmd.toUpperCase()}${(near ? px + dx : px).toFixed(1)} ${(near ? py + dy : py).toFixed(1)}`;
        })
        .join("");
      line.path.setAttribute("d", d);
    }
  }

  linesOf(id) {
    const lines = [];
    for (const g of this.svg.querySelectorAll("g.line")) {
      const ends = (g.getAttribute("data-ends") || "").split(" ");
      if (!ends.includes(id)) continue;
      for (const path of g.querySelectorAll("path")) {
        lines.push({ path, d: path.getAttribute("d") || "", points: parsePath(path.getAttribute("d") || "") });
      }
    }
    return lines;
  }

  endDrag(p) {
    if (p.frame) cancelAnimationFrame(p.frame);
    const el = p.target.el;
    el.classList.remove("dragging");
    this.moved = true;
    const to = p.to || p.from;
    el.setAttribute("data-x", to.x.toFixed(1));
    el.setAttribute("data-y", to.y.toFixed(1));
    this.emit({
      type: "move",
      entity_id: p.target.id,
      x: Math.round(to.x * 10) / 10,
      y: Math.round(to.y * 10) / 10,
      from_x: p.from.x,
      from_y: p.from.y,
    });
  }

  cancelDrag(p = this.press) {
    if (!p || p.mode !== "drag") return;
    if (p.frame) cancelAnimationFrame(p.frame);
    p.target.el.classList.remove("dragging");
    p.target.el.setAttribute("transform", `translate(${p.from.x},${p.from.y})`);
    for (const line of p.lines) line.path.setAttribute("d", line.d);
  }
}

// ------------------------------------------------------------ keyboard
LensCanvas.prototype.symbolsInOrder = function () {
  if (!this.svg) return [];
  const els = Array.from(this.svg.querySelectorAll("g.symbol.pickable"));
  const at = (g, name) => parseFloat(g.getAttribute(name)) || 0;
  // reading order: top to bottom, then left to right (a genogram's generations are rows)
  return els.sort((a, b) => at(a, "data-y") - at(b, "data-y") || at(a, "data-x") - at(b, "data-x"));
};

LensCanvas.prototype.symbolOf = function (id) {
  if (!this.svg || !id) return null;
  for (const g of this.svg.querySelectorAll("g.symbol.pickable")) {
    if (g.getAttribute("data-entity-id") === id) return g;
  }
  return null;
};

LensCanvas.prototype.nameOf = function (g) {
  const label = g.querySelector("text.label");
  const text = label ? label.textContent : (this.tips.get(g) || "").split(",")[0];
  return (text || g.getAttribute("data-entity-id") || "").trim();
};

LensCanvas.prototype.setCurrent = function (id) {
  this.current = id || "";
  keyboard.set(this.place, { current: this.current, refocus: false });
};

LensCanvas.prototype.say = function (text) {
  this.announcer.textContent = text || "";
};

// the ring around the symbol chosen with the keyboard (kept through a redraw)
LensCanvas.prototype.markCurrent = function () {
  if (!this.svg) return;
  for (const ring of this.svg.querySelectorAll(".cm-ring")) ring.remove();
  for (const g of this.svg.querySelectorAll(".current")) g.classList.remove("current");
  const g = this.symbolOf(this.current);
  if (g) this.canvas.dataset.current = this.current;
  else delete this.canvas.dataset.current;
  if (!g) return;
  g.classList.add("current");
  let box;
  try {
    box = g.getBBox();
  } catch (err) {
    return; // not laid out yet
  }
  const ring = document.createElementNS(SVG_NS, "rect");
  ring.setAttribute("class", "cm-ring");
  ring.setAttribute("x", String(box.x - 6));
  ring.setAttribute("y", String(box.y - 6));
  ring.setAttribute("width", String(box.width + 12));
  ring.setAttribute("height", String(box.height + 12));
  ring.setAttribute("rx", "6");
  g.appendChild(ring);
};

// pan so that the chosen symbol is in view (the zoom stays)
LensCanvas.prototype.bringIntoView = function (g) {
  const stage = this.stage.getBoundingClientRect();
  const r = g.getBoundingClientRect();
  const x = (r.left + r.right) / 2;
  const y = (r.top + r.bottom) / 2;
  if (x > stage.left + 20 && x < stage.right - 20 && y > stage.top + 20 && y < stage.bottom - 20) return;
  const p = clientToLocal(this.svg, x, y);
  const v = this.view;
  this.view = { ...v, x: p.x - v.w / 2, y: p.y - v.h / 2 };
  this.applyView();
};

LensCanvas.prototype.choose = function (step) {
  this.storeKeyMove();
  const order = this.symbolsInOrder();
  if (!order.length) return;
  const ids = order.map((g) => g.getAttribute("data-entity-id"));
  const from = this.current || (this.selected && this.selected.kind === "entity" ? this.selected.id : "");
  const i = ids.indexOf(from);
  const next = i < 0 ? (step > 0 ? 0 : ids.length - 1) : (i + step + ids.length) % ids.length;
  this.setCurrent(ids[next]);
  this.markCurrent();
  this.bringIntoView(order[next]);
  this.say(
    (this.words.picked || "{name}")
      .replace("{name}", this.nameOf(order[next]))
      .replace("{n}", String(next + 1))
      .replace("{count}", String(ids.length))
  );
};

LensCanvas.prototype.nudge = function (dx, dy) {
  const g = this.symbolOf(this.current);
  if (!g || !g.classList.contains("movable")) return false;
  let p = this.keyMove;
  if (!p || p.target.el !== g) {
    this.storeKeyMove();
    const from = { x: parseFloat(g.getAttribute("data-x")) || 0, y: parseFloat(g.getAttribute("data-y")) || 0 };
    p = { target: { kind: "entity", el: g, id: this.current }, from, to: { ...from }, lines: this.linesOf(this.current) };
    this.keyMove = p;
  }
  p.to = { x: p.to.x + dx, y: p.to.y + dy };
  g.setAttribute("transform", `translate(${p.to.x.toFixed(1)},${p.to.y.toFixed(1)})`);
  this.followLines(p);
  clearTimeout(p.timer);
  p.timer = setTimeout(() => this.storeKeyMove(), KEY_REST_MS);
  return true;
};

// a keyboard move is stored like a drag, once the keys rest (or the focus leaves)
LensCanvas.prototype.storeKeyMove = function () {
  const p = this.keyMove;
  if (!p) return;
  this.keyMove = null;
  clearTimeout(p.timer);
  if (p.to.x === p.from.x && p.to.y === p.from.y) return;
  this.endDrag(p);
  this.say((this.words.moved || "{name}").replace("{name}", this.nameOf(p.target.el)));
};

LensCanvas.prototype.onKey = function (e) {
  const mod = e.ctrlKey || e.metaKey;
  const k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && !e.altKey && (k === "z" || k === "y")) {
    const act = k === "y" || e.shiftKey ? "redo" : "undo";
    e.preventDefault();
    e.stopPropagation();
    this.toolbar(act);
    return;
  }
  if (e.key === "Escape" && this.connecting) {
    this.toolbar("connect");
    return;
  }
  if (e.target !== this.stage || mod || e.altKey) return; // the buttons keep their own keys
  const arrows = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  let handled = true;
  if (k === "n") this.choose(1);
  else if (k === "p") this.choose(-1);
  else if (arrows[e.key]) {
    const [ax, ay] = arrows[e.key];
    const step = e.shiftKey ? KEY_STEP_BIG : KEY_STEP;
    if (!this.nudge(ax * step, ay * step) && this.view) {
      // nothing to move: the arrows pan the map (a tenth of the view)
      const v = this.view;
      this.view = { ...v, x: v.x + (ax * v.w) / 10, y: v.y + (ay * v.h) / 10 };
      this.applyView();
    }
  } else if (e.key === "Enter" || e.key === " ") {
    this.storeKeyMove();
    const g = this.symbolOf(this.current);
    if (g) this.click({ kind: "entity", el: g, id: this.current });
  } else if (e.key === "Escape") {
    this.storeKeyMove();
    const had = this.selected && this.selected.id;
    this.setCurrent("");
    this.selected = null;
    this.refreshAids();
    this.say(this.words.released || "");
    if (had) this.emit({ type: "select", kind: null, id: null });
  } else handled = false;
  if (handled) {
    e.preventDefault();
    e.stopPropagation();
  }
};

export default function (component) {
  const { parentElement, key } = component;
  let canvas = instances.get(parentElement);
  if (!canvas) {
    canvas = new LensCanvas(parentElement, key || "canvas");
    instances.set(parentElement, canvas);
  }
  canvas.update(component);
  return () => instances.delete(parentElement);
}
