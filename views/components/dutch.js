// Streamlit's own widget texts in Dutch (views/dutch.py): one observer for the whole page.
//
// Only whole text nodes and input placeholders inside a widget's own chrome
// (select boxes, their option lists, the file uploader, the date picker, the
// "Press Enter" hints) are rewritten, and only when they equal a text from
// Python's table; user text is never touched. The English is remembered per
// node and put back when the interface switches to English. No network access.

const WIDGETS = [
  '[data-testid="stSelectbox"]',
  '[data-testid="stMultiSelect"]',
  '[data-testid="stFileUploader"]',
  '[data-testid="stDateInput"]',
  '[data-testid="InputInstructions"]',
  '[data-testid="stSelectboxVirtualDropdown"]',
  '[data-testid="stSelectboxVirtualDropdownEmpty"]',
  '[data-baseweb="popover"]',
  '[data-baseweb="select"]',
  '[data-baseweb="calendar"]',
  '[data-testid="stDateInputCalendar"]',
  '[role="listbox"]',
  '[data-testid="stElementToolbar"]',
  '[data-baseweb="tooltip"]',
  '[data-testid="stTooltipContent"]',
].join(",");
// month and day names are replaced word by word only inside the date picker (never in a
// dialog or a list of the app's own, where "May" may be a name)
const CALENDAR = '[data-testid="stDateInputCalendar"], [data-baseweb="calendar"]';

const hook = (window.__casemapDutch = window.__casemapDutch || {
  lang: "en",
  texts: {},
  calendar: {},
  patterns: [],
  originals: new Map(), // node -> English text (or [element, placeholder])
  observer: null,
  busy: false,
});

function dutchFor(text, inCalendar) {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (Object.prototype.hasOwnProperty.call(hook.texts, trimmed)) {
    return text.replace(trimmed, hook.texts[trimmed]);
  }
  for (const [source, target] of hook.patterns) {
    const re = new RegExp(source);
    if (re.test(trimmed)) return text.replace(trimmed, trimmed.replace(re, target));
  }
  if (inCalendar) {
    let changed = false;
    const out = text.replace(/[A-Za-z]+/g, (word) => {
      if (Object.prototype.hasOwnProperty.call(hook.calendar, word)) {
        changed = true;
        return hook.calendar[word];
      }
      return word;
    });
    if (changed) return out;
  }
  return null;
}

function translateNode(node) {
  if (node.nodeType === Node.TEXT_NODE) {
    const parent = node.parentElement;
    if (!parent || !parent.closest(WIDGETS)) return;
    const dutch = dutchFor(node.nodeValue || "", !!parent.closest(CALENDAR));
    if (dutch !== null && dutch !== node.nodeValue) {
      if (!hook.originals.has(node)) hook.originals.set(node, node.nodeValue);
      node.nodeValue = dutch;
    }
    return;
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  const elements = [node, ...node.querySelectorAll("input[placeholder], textarea[placeholder]")];
  for (const el of elements) {
    if (!el.getAttribute || !el.hasAttribute("placeholder") || !el.closest(WIDGETS)) continue;
    const placeholder = el.getAttribute("placeholder");
    const dutch = dutchFor(placeholder, false);
    if (dutch !== null && dutch !== placeholder) {
      if (!hook.originals.has(el)) hook.originals.set(el, ["placeholder", placeholder]);
      el.setAttribute("placeholder", dutch);
    }
  }
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) translateNode(text);
}

// The date picker's weekday row ("S M T W T F S", Sunday first): Dutch letters by position.
const WEEK_EN = "SMTWTFS";
const WEEK_NL = ["zo", "ma", "di", "wo", "do", "vr", "za"];

function translateWeek(root) {
  const scope = root.nodeType === Node.ELEMENT_NODE ? root : root.parentElement;
  if (!scope) return;
  const grids = scope.matches && scope.matches("table[role='grid']")
    ? [scope]
    : [...scope.querySelectorAll("table[role='grid']"), scope.closest && scope.closest("table[role='grid']")];
  for (const grid of grids) {
    if (!grid) continue;
    const heads = [...grid.querySelectorAll("thead th")];
    if (heads.length !== 7 || heads.map((th) => th.textContent.trim()).join("") !== WEEK_EN) continue;
    heads.forEach((th, n) => {
      for (const node of th.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE) continue;
        if (!hook.originals.has(node)) hook.originals.set(node, node.nodeValue);
        node.nodeValue = WEEK_NL[n];
      }
    });
  }
}

function translateAll() {
  if (hook.busy) return;
  hook.busy = true;
  try {
    translateNode(document.body);
    translateWeek(document.body);
  } finally {
    hook.busy = false;
  }
}

function restore() {
  for (const [node, original] of hook.originals) {
    if (Array.isArray(original)) node.setAttribute(original[0], original[1]);
    else if (node.isConnected) node.nodeValue = original;
  }
  hook.originals.clear();
}

function start() {
  if (hook.observer) return;
  hook.observer = new MutationObserver((records) => {
    if (hook.busy) return;
    hook.busy = true;
    try {
      for (const record of records) {
        if (record.type === "characterData") translateNode(record.target);
        else if (record.type === "attributes") translateNode(record.target);
        else for (const added of record.addedNodes) translateNode(added);
      }
      // the weekday row only when a date picker is open (one look per batch of changes)
      for (const calendar of document.querySelectorAll('[data-testid="stDateInputCalendar"]')) {
        translateWeek(calendar);
      }
    } finally {
      hook.busy = false;
    }
  });
  hook.observer.observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ["placeholder"],
  });
  translateAll();
}

function stop() {
  if (hook.observer) hook.observer.disconnect();
  hook.observer = null;
  restore();
}

export default function (component) {
  const data = component.data || {};
  hook.texts = data.texts || {};
  hook.calendar = data.calendar || {};
  hook.patterns = data.patterns || [];
  hook.lang = data.lang || "nl";
  if (hook.lang === "nl") start();
  else stop();
  // left mounted between runs; the next mount (every run of the app) updates it
  return () => {};
}
