// Instant knowledge-base results on /kb: as the person types, ask /api/v1/kb/search
// (and /suggest, for the type-ahead list) and redraw the results with DOM calls. The
// page works without this file; it only saves a round trip per question. Words come
// from data- attributes on the results region (the CSP allows no inline script), and
// text from the server only ever becomes text nodes: a snippet is split on its
// <mark>/</mark> tags, never assigned to innerHTML.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("kb-search");
  const input = document.getElementById("kb-q");
  const audience = document.getElementById("kb-audience");
  const region = document.getElementById("kb-results");
  const browse = document.getElementById("kb-browse");
  const datalist = document.getElementById("kb-suggestions");
  if (!form || !input || !region) return;
  const words = region.dataset;
  const locale = words.locale === "lv" ? "lv" : "en";
  // Long enough to skip the keystrokes of a word being typed, short enough to feel instant.
  const DEBOUNCE_MS = 150;
  let timer = 0;
  let inflight = null;

  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };

  const ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
  /** The snippet's runs as text nodes and <mark> elements; any other "<" stays text. */
  const snippet = (html) => {
    const p = el("p", undefined, "snippet");
    let marked = false;
    for (const part of html.split(/(<\/?mark>)/)) {
      if (part === "<mark>") marked = true;
      else if (part === "</mark>") marked = false;
      else if (part) {
        const text = part.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);
        p.append(marked ? el("mark", text) : document.createTextNode(text));
      }
    }
    return p;
  };

  const href = (hit) =>
    `/kb/${encodeURIComponent(hit.slug)}${hit.locale === "en" ? "" : `?locale=${hit.locale}`}${hit.anchor ? `#${hit.anchor}` : ""}`;

  /** The same markup as the server's Hit component. */
  const hitItem = (hit) => {
    const li = el("li", undefined, "hit");
    li.dataset.slug = hit.slug;
    li.lang = hit.locale;
    const h3 = el("h3");
    const a = el("a", hit.title);
    a.href = href(hit);
    h3.append(a);
    li.append(h3);
    if (hit.section) {
      const p = el("p", undefined, "section");
      const label = el("span", `${words.section}:`);
      label.lang = locale;
      p.append(label, ` ${hit.section}`);
      li.append(p);
    }
    li.append(snippet(hit.snippet));
    return li;
  };

  /** Redraw the region: its heading, status lines (count, fallback note, error) and hits. */
  const show = (lines, hits) => {
    if (browse) browse.hidden = true;
    const nodes = [el("h2", words.heading)];
    for (const [text, cls, testid] of lines) {
      const p = el("p", text, cls);
      p.dataset.testid = testid;
      nodes.push(p);
    }
    if (hits) {
      const ul = el("ul", undefined, "results");
      ul.dataset.testid = "kb-hits";
      ul.append(...hits.map(hitItem));
      nodes.push(ul);
    }
    region.replaceChildren(...nodes);
  };

  /** Keep the address in step, so reload, back and a shared link show the same results. */
  const remember = (q) => {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    if (audience && audience.value) params.set("audience", audience.value);
    const query = params.toString();
    history.replaceState(null, "", `/kb${query ? `?${query}` : ""}`);
  };

  const search = async () => {
    clearTimeout(timer);
    const q = input.value.trim();
    remember(q);
    if (inflight) inflight.abort();
    if (!q) {
      // Nothing asked: back to the list of every article the page came with.
      region.replaceChildren();
      if (browse) {
        browse.hidden = false;
        for (const group of browse.querySelectorAll(".kb-group"))
          group.hidden = !!(audience && audience.value) && group.dataset.audience !== audience.value;
      }
      return;
    }
    const params = new URLSearchParams({ q, locale, limit: "10" });
    if (audience && audience.value) params.set("audience", audience.value);
    const controller = new AbortController();
    inflight = controller;
    try {
      const res = await fetch(`/api/v1/kb/search?${params}`, {
        signal: controller.signal,
        headers: { accept: "application/json" },
      });
      if (controller !== inflight) return;
      if (!res.ok) return show([[words.bad, "problem", "kb-bad-query"]]);
      const { hits, advice } = await res.json();
      if (controller !== inflight) return;
      const lines = [
        [hits.length ? words.count.replace("{n}", String(hits.length)) : advice || words.empty, "count", "kb-count"],
      ];
      // Search falls back to English as a whole; say so rather than leave Latvian readers puzzled.
      if (locale !== "en" && hits.some((h) => h.locale === "en")) lines.push([words.fallback, "notice", "kb-fallback"]);
      // No good answer among the hits: the API says so, and what to try next.
      if (advice && hits.length) lines.push([advice, "notice", "kb-advice"]);
      show(lines, hits);
    } catch (err) {
      // An aborted request was overtaken by newer typing; a network failure leaves the
      // last results standing and the form still submits the old-fashioned way.
      if (err.name !== "AbortError") console.warn("kb search failed", err);
    }
  };

  const suggest = async () => {
    if (!datalist) return;
    const q = input.value.trim();
    if (!q) return datalist.replaceChildren();
    try {
      const res = await fetch(`/api/v1/kb/suggest?${new URLSearchParams({ q, locale })}`, {
        headers: { accept: "application/json" },
      });
      if (!res.ok || input.value.trim() !== q) return;
      const { suggestions } = await res.json();
      datalist.replaceChildren(
        ...suggestions.map((s) => {
          const option = document.createElement("option");
          option.value = s.title;
          return option;
        }),
      );
    } catch {
      // Suggestions are a nicety; without them the results still update.
    }
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      search();
      suggest();
    }, DEBOUNCE_MS);
  });
  if (audience) audience.addEventListener("change", search);
  // Enter searches at once, without reloading the page.
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search();
  });
});
