// The semhash search page: plain JavaScript over the JSON API (/api/openapi.json describes it).
// The address bar holds the view (?q=…&metric=…, ?similar=…, ?doc=…, ?view=topics, ?topic=…), so any view
// can be shared or reloaded; data is always put into the page as text, never as HTML.
"use strict";

const view = document.getElementById("view");
const statusLine = document.getElementById("status");
const form = document.getElementById("search");
const input = document.getElementById("q");
const metricSelect = document.getElementById("metric");
const typingDelay = 250;
const pageSize = 20;
const metrics = Array.from(metricSelect.options, (option) => option.value);
let typingTimer = null;
let latestRequest = 0;
let selected = -1;
// Whether the current history entry is a search being typed (updated in place as the question grows), and how
// many entries this page has pushed before the current one (Esc goes back only through those).
let typingEntry = false;
let depth = (history.state && history.state.depth) || 0;

// ---- small helpers ----------------------------------------------------------------------------------

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function pageURL(parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== "") search.set(name, value);
  }
  const text = search.toString();
  return text ? "/?" + text : "/";
}

// Whether a click is a plain left click: one with a modifier key (new tab or window) is left to the browser.
function isPlainClick(event) {
  return event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
}

// A link within the page.
function link(text, parameters, attributes = {}) {
  const href = pageURL(parameters);
  const onclick = (event) => {
    if (!isPlainClick(event)) return;
    event.preventDefault();
    go(parameters);
  };
  return element("a", Object.assign({ href, onclick }, attributes), text);
}

function labels(list) {
  return (list || []).map((label) => element("span", { class: "label" }, label));
}

// Topic -1 is the unassigned group: documents with too few vocabulary words to place.
function topicName(id, capital = false) {
  if (id === -1) return capital ? "Unassigned" : "unassigned";
  return (capital ? "Topic " : "topic ") + id;
}

function message(title, text, isError = false) {
  return element("div", { class: "message" + (isError ? " error" : ""), role: isError ? "alert" : "note" },
    element("h2", {}, title), element("p", {}, text));
}

// `text` ending in a full stop, so that a sentence can follow it.
function sentence(text) {
  return /[.!?]$/.test(text) ? text : text + ".";
}

// The message for a request that failed: `title` when the server answered with an error, else what to do about
// a server that did not answer.
function failure(title, error, advice) {
  if (error.unreachable) return message("The server did not answer", error.message, true);
  return message(title, sentence(error.message) + (advice ? " " + advice : ""), true);
}

function show(...nodes) {
  view.replaceChildren(...nodes);
  view.removeAttribute("aria-busy");
  selected = -1;
}

// Marks the view as loading until `show` replaces it.
function loading(text) {
  statusLine.textContent = text;
  view.setAttribute("aria-busy", "true");
}

// "More results" under a list of `shown` items when the list may go on: asks again for `step` more.
function moreButton(shown, parameters, step = pageSize) {
  const count = requestedCount(parameters);
  if (shown < count || count + step > 1000) return null;
  return element("button", { type: "button", class: "more-results",
    onclick: () => go(Object.assign({}, parameters, { k: count + step }), true) }, "More results");
}

// The number of items asked for: the address's `k` when it is a whole number from 1 to 1000, else one page.
function requestedCount(parameters) {
  const count = Number(parameters.k);
  return Number.isInteger(count) && count >= 1 && count <= 1000 ? count : pageSize;
}

// Fetches JSON from the API; returns {status, body} (body set for 200 and 422) or throws an Error whose
// message says what went wrong (`unreachable` set when the server did not answer). A 503 (the index is busy)
// is asked again once after its Retry-After, when that is at most 5 seconds.
async function api(path, retried = false) {
  let response;
  try {
    response = await fetch(path, { headers: { Accept: "application/json" } });
  } catch (error) {
    const failure = new Error("Is `semhash serve` still running? Start it again and reload this page.");
    failure.unreachable = true;
    throw failure;
  }
  let body = null;
  try { body = await response.json(); } catch (error) { body = null; }
  const wait = Number(response.headers.get("Retry-After"));
  if (response.status === 503 && !retried && wait >= 0 && wait <= 5) {
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    return api(path, true);
  }
  if (!response.ok && (response.status !== 422 || body === null)) {
    throw new Error(body && body.error ? body.error : "the server answered HTTP " + response.status);
  }
  return { status: response.status, body };
}

// ---- navigation ---------------------------------------------------------------------------------------

function go(parameters, replace = false) {
  const url = pageURL(parameters);
  if (replace) {
    history.replaceState({ depth }, "", url);
  } else {
    depth += 1;
    history.pushState({ depth }, "", url);
  }
  render();
}

function currentParameters() {
  return Object.fromEntries(new URLSearchParams(location.search).entries());
}

function render() {
  const parameters = currentParameters();
  // A ranking named in the address is kept for the views that have none (a document, a topic), so that their
  // "more like this" ranks as the search did; one this page does not offer falls back to hybrid.
  if (parameters.metric !== undefined) metricSelect.value = metrics.includes(parameters.metric) ? parameters.metric : "hybrid";
  const metric = metricSelect.value;
  if (parameters.q !== undefined) {
    if (input.value !== parameters.q) input.value = parameters.q;
    document.title = parameters.q + " · semhash";
    return search(parameters, metric);
  }
  if (parameters.similar) {
    document.title = "Like " + parameters.similar + " · semhash";
    return similar(parameters, metric);
  }
  if (parameters.doc) return showDocument(parameters.doc);
  if (parameters.topic !== undefined) {
    document.title = "Topic " + parameters.topic + " · semhash";
    return showTopic(parameters);
  }
  if (parameters.view === "topics") {
    document.title = "Topics · semhash";
    return showTopics();
  }
  document.title = "semhash";
  input.value = "";
  statusLine.textContent = "";
  show(message("Ask a question", "Type a question above: hits appear as you type. Words are matched by meaning " +
    "(the documents' codes), not letter for letter. Browse the collection's topics with Topics or the t key."));
}

// ---- searching --------------------------------------------------------------------------------------

async function search(parameters, metric) {
  const question = parameters.q;
  if (!question.trim()) {
    statusLine.textContent = "";
    show(message("Ask a question", "Type a question above, then wait a moment or press Enter."));
    return;
  }
  const request = ++latestRequest;
  loading("Searching…");
  try {
    const k = requestedCount(parameters);
    const { status, body } = await api("/api/ask?" + new URLSearchParams({ q: question, metric, k }));
    if (request !== latestRequest) return;
    if (status === 422) return showUnknownWords(body);
    showAnswer(body, parameters);
  } catch (error) {
    if (request !== latestRequest) return;
    statusLine.textContent = "";
    show(failure("The search failed", error));
  }
}

async function similar(parameters, metric) {
  const id = parameters.similar;
  const request = ++latestRequest;
  loading("Finding documents like " + id + "…");
  try {
    const k = requestedCount(parameters);
    const { status, body } = await api("/api/similar/" + encodeURIComponent(id) + "?" + new URLSearchParams({ metric, k }));
    if (request !== latestRequest) return;
    if (status === 422) {
      statusLine.textContent = "";
      show(message("Nothing to compare", "The document " + id + " has no word of the index's vocabulary, so no " +
        "document is like it. Open it, or search for a question."));
      return;
    }
    showAnswer(body, parameters, id);
  } catch (error) {
    if (request !== latestRequest) return;
    statusLine.textContent = "";
    show(failure("No similar documents", error, "Go back, or search for a question."));
  }
}

// A question none of whose words the index knows: those outside the vocabulary are named; a question of
// common words alone (left out as stop words) names none.
function showUnknownWords(answer) {
  const oov = answer.out_of_vocabulary || [];
  statusLine.textContent = "";
  show(message("No word of the question is known", oov.length
    ? "None of the words of your question is in the index's vocabulary (" + oov.join(", ") + "). Try other or more common words."
    : "Your question has only words too common to tell documents apart (such as the, and, of), which the index " +
      "leaves out. Add more specific words."));
}

// How far `hit` is from the question by the ranking used, as `semhash ask` prints it.
function distanceText(hit, metric) {
  const bits = hit.hamming + (hit.hamming === 1 ? " bit" : " bits");
  switch (metric) {
    case "hybrid": return "fused " + hit.distance.toFixed(3) + " · cosine " + hit.cosine.toFixed(3);
    case "cosine": return "cosine " + hit.cosine.toFixed(3) + " · " + bits;
    case "hamming": return bits + " · euclidean " + hit.euclidean.toFixed(3);
    default: return "euclidean " + hit.euclidean.toFixed(3) + " · " + bits;
  }
}

const distanceTitles = {
  hybrid: "Fused distance of code closeness and word score (what the hits are ranked by), and cosine distance of the codes",
  cosine: "Cosine distance of the real codes (what the hits are ranked by), and Hamming distance of the hashes",
  hamming: "Hamming distance of the hashes (what the hits are ranked by), and Euclidean distance of the real codes",
  euclidean: "Euclidean distance of the real codes (what the hits are ranked by), and Hamming distance of the hashes",
  cascade: "Euclidean distance of the real codes (what the shortlist is ranked by), and Hamming distance of the hashes",
};

function showAnswer(answer, parameters, similarTo) {
  const oov = answer.out_of_vocabulary || [];
  statusLine.replaceChildren(
    similarTo ? "Documents like " + similarTo + ": " : "",
    answer.hits.length + (answer.hits.length === 1 ? " hit" : " hits") + " by " + answer.metric + " distance",
    answer.radius !== undefined && answer.radius !== null ? " (Hamming radius " + answer.radius + ")" : "",
    oov.length ? element("span", { class: "oov" }, " · not in the vocabulary: " + oov.join(", ")) : "");
  if (answer.hits.length === 0) {
    show(message("No documents found", answer.metric !== "hamming" && answer.metric !== "cascade"
      ? "The index has no documents with codes yet. Add some with semhash add, then ask again."
      : "No document lies within the Hamming radius. Try the hybrid ranking, or other words."));
    return;
  }
  show(element("ol", { class: "hits" }, answer.hits.map((hit) => hitItem(hit, answer.metric))),
    moreButton(answer.hits.length, parameters));
}

function hitItem(hit, metric) {
  return element("li", { class: "hit", "data-id": hit.id, tabindex: "-1" },
    element("h2", {}, element("span", { class: "rank" }, hit.rank + "."),
      link(hit.title || hit.id, { doc: hit.id }, { class: "open", dir: "auto" })),
    element("div", { class: "meta" },
      element("span", { dir: "auto" }, hit.id),
      element("span", {}, labels(hit.labels)),
      hit.topic !== undefined && hit.topic !== null
        ? link(topicName(hit.topic) + (hit.topic_words && hit.topic !== -1 ? " (" + hit.topic_words.join(" ") + ")" : ""), { topic: hit.topic })
        : null,
      element("span", { class: "distance", title: distanceTitles[metric] || "" }, distanceText(hit, metric))),
    hit.snippet ? element("p", { class: "snippet", dir: "auto" }, hit.snippet) : null,
    element("div", { class: "actions" },
      link("More like this", { similar: hit.id, metric: metricSelect.value }, { class: "more" }),
      link("Open", { doc: hit.id })));
}

// ---- documents and topics -------------------------------------------------------------------------

async function showDocument(id) {
  const request = ++latestRequest;
  loading("Loading " + id + "…");
  try {
    const { body } = await api("/api/documents/" + encodeURIComponent(id));
    if (request !== latestRequest) return;
    statusLine.textContent = "";
    document.title = (body.title || body.id) + " · semhash";
    const heading = element("h1", { tabindex: "-1", dir: "auto" }, body.title || body.id);
    show(element("article", { class: "document" },
      heading,
      element("div", { class: "meta" },
        element("span", { dir: "auto" }, body.id), element("span", {}, labels(body.labels)),
        body.topic !== undefined && body.topic !== null ? link(topicName(body.topic), { topic: body.topic }) : null,
        element("span", {}, body.token_count + " words, " + body.out_of_vocabulary_count + " outside the vocabulary")),
      element("pre", { dir: "auto" }, (body.excerpt || "").trim() ? body.excerpt : "(no text)"),
      element("p", { class: "meta" }, "The index keeps the start of each document; the whole text is at " + (body.source || "its source") + "."),
      body.empty
        ? element("p", { class: "meta" }, "No word of this document is in the index's vocabulary, so no document is like it.")
        : element("div", { class: "actions" }, link("More like this", { similar: body.id, metric: metricSelect.value }, { class: "more" }))));
    heading.focus();
  } catch (error) {
    if (request !== latestRequest) return;
    statusLine.textContent = "";
    show(failure("No such document", error, "Search for it instead."));
  }
}

async function showTopics() {
  const request = ++latestRequest;
  loading("Loading topics…");
  try {
    const { body } = await api("/api/topics?limit=5");
    if (request !== latestRequest) return;
    if (body.topics.length === 0) {
      statusLine.textContent = "";
      show(message("No topics yet", "This index has no topics. Run `semhash topics` on it; this page picks them up without a restart."));
      return;
    }
    const placed = body.topics.filter((topic) => topic.id !== -1);
    const unassigned = body.topics.find((topic) => topic.id === -1);
    statusLine.textContent = placed.length + (placed.length === 1 ? " topic" : " topics") +
      (unassigned ? " and " + unassigned.size + (unassigned.size === 1 ? " unassigned document" : " unassigned documents") : "");
    // The map is drawn on demand: PCA at once; t-SNE (what `semhash topics --plot` draws) takes seconds.
    const map = element("section", { class: "map" });
    const showMap = (layout) => {
      const note = element("p", { class: "meta", role: "status" }, "Drawing the map…");
      const picture = element("img", { src: "/api/topic-map.svg?layout=" + layout, alt: "Map of the topics: one dot per document, coloured by topic",
        onload: () => note.remove(), onerror: () => { note.textContent = "The map could not be drawn."; } });
      const other = element("button", { type: "button", id: "other-layout", onclick: () => showMap(layout === "pca" ? "tsne" : "pca") },
        layout === "pca" ? "t-SNE layout (takes a few seconds)" : "PCA layout");
      map.replaceChildren(
        element("p", { class: "meta" }, layout === "pca"
          ? "Codes projected on their first two principal components. "
          : "Codes laid out by t-SNE, as semhash topics --plot draws them. ", other),
        note, picture);
      other.focus();
    };
    map.append(element("button", { type: "button", id: "show-map", onclick: () => showMap("pca") }, "Show the topic map"));
    // The unassigned group (id -1) goes last.
    show(element("h1", { class: "visually-hidden" }, "Topics"), map,
      element("ol", { class: "topics" }, placed.concat(unassigned ? [unassigned] : []).map(topicCard)));
  } catch (error) {
    if (request !== latestRequest) return;
    statusLine.textContent = "";
    show(failure("The topics could not be loaded", error));
  }
}

function topicCard(topic) {
  return element("li", { class: "topic hit", "data-topic": topic.id, tabindex: "-1" },
    element("h2", {}, link(topicName(topic.id, true), { topic: topic.id }, { class: "open" }), " · " + topic.size + " documents"),
    element("div", {}, topic.distinctive_words.map((entry) => element("span", { class: "word", title: entry.term }, entry.word))),
    topic.decoder_words.length ? element("div", { class: "meta" }, "decoder: " + topic.decoder_words.map((entry) => entry.word).join(" ")) : null,
    element("ol", {}, topic.documents.map((member) => element("li", { dir: "auto" }, link(member.title || member.id, { doc: member.id })))));
}

async function showTopic(parameters) {
  const id = parameters.topic;
  const request = ++latestRequest;
  loading("Loading " + (id === "unassigned" || Number(id) === -1 ? "the unassigned documents" : "topic " + id) + "…");
  try {
    const { body } = await api("/api/topics/" + encodeURIComponent(id) + "?limit=" + requestedCount(parameters));
    if (request !== latestRequest) return;
    const unassigned = body.id === -1;
    statusLine.textContent = topicName(body.id, true) + ": " + body.size + " documents" + (unassigned ? "" : ", nearest the centre first");
    show(element("section", {},
      element("h1", { class: "visually-hidden" }, topicName(body.id, true)),
      element("p", {}, body.distinctive_words.map((entry) => element("span", { class: "word", title: entry.term }, entry.word))),
      body.decoder_words.length ? element("p", { class: "meta" }, "decoder words: " + body.decoder_words.map((entry) => entry.word).join(" ")) : null,
      element("ol", { class: "hits" }, body.documents.map((member, index) =>
        element("li", { class: "hit", "data-id": member.id, tabindex: "-1" },
          element("h2", {}, element("span", { class: "rank" }, (index + 1) + "."),
            link(member.title || member.id, { doc: member.id }, { class: "open", dir: "auto" })),
          element("div", { class: "meta" }, element("span", { dir: "auto" }, member.id), element("span", {}, labels(member.labels)),
            unassigned ? null : element("span", { class: "distance" }, "distance to centre " + member.distance.toFixed(3))),
          element("div", { class: "actions" },
            unassigned ? null : link("More like this", { similar: member.id, metric: metricSelect.value }, { class: "more" }),
            link("Open", { doc: member.id })))))),
      moreButton(body.documents.length, parameters));
  } catch (error) {
    if (request !== latestRequest) return;
    statusLine.textContent = "";
    show(failure("No such topic", error, "See all topics with the t key."));
  }
}

// ---- input and keys -----------------------------------------------------------------------------------

// Typing a question adds one history entry, updated in place as the question grows; Enter keeps it (or adds
// one when nothing was typed since), so Back returns to the search before. An emptied box returns home.
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typingTimer);
  const parameters = input.value.trim() ? { q: input.value, metric: metricSelect.value } : {};
  const unchanged = pageURL(parameters) === location.pathname + location.search;
  go(parameters, typingEntry || unchanged);
  typingEntry = false;
});

input.addEventListener("input", () => {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => {
    go(input.value.trim() ? { q: input.value, metric: metricSelect.value } : {}, typingEntry);
    typingEntry = true;
  }, typingDelay);
});

metricSelect.addEventListener("change", () => {
  const parameters = currentParameters();
  if (parameters.q !== undefined || parameters.similar) go(Object.assign(parameters, { metric: metricSelect.value }));
});

function items() {
  return Array.from(view.querySelectorAll(".hit"));
}

function select(index) {
  const list = items();
  if (list.length === 0) return;
  selected = Math.max(0, Math.min(list.length - 1, index));
  list.forEach((item, position) => item.classList.toggle("selected", position === selected));
  list[selected].focus();
  list[selected].scrollIntoView({ block: "nearest" });
}

document.addEventListener("keydown", (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const typing = event.target === input || event.target === metricSelect;
  if (typing) {
    if (event.key === "ArrowDown") { event.preventDefault(); select(0); }
    if (event.key === "Escape") input.blur();
    return;
  }
  const list = items();
  const current = list[selected];
  // Enter and m act on the selected item only while it has the focus: on a link or button, Enter is theirs.
  const onSelected = current !== undefined && event.target === current;
  switch (event.key) {
    case "/": event.preventDefault(); input.focus(); input.select(); break;
    case "j": case "ArrowDown": event.preventDefault(); select(selected + 1); break;
    case "k": case "ArrowUp": event.preventDefault(); selected <= 0 ? input.focus() : select(selected - 1); break;
    case "Enter": if (onSelected) { event.preventDefault(); current.querySelector("a.open").click(); } break;
    case "m": if (onSelected && current.querySelector("a.more")) current.querySelector("a.more").click(); break;
    case "t": go({ view: "topics" }); break;
    // Back through this page's own views; from the first one, home, never out of the page.
    case "Escape": if (depth > 0) history.back(); else if (location.search) go({}); break;
  }
});

document.querySelectorAll("[data-nav]").forEach((anchor) => anchor.addEventListener("click", (event) => {
  if (!isPlainClick(event)) return;
  event.preventDefault();
  go(anchor.dataset.nav === "topics" ? { view: "topics" } : {});
}));

window.addEventListener("popstate", (event) => {
  depth = (event.state && event.state.depth) || 0;
  typingEntry = false;
  clearTimeout(typingTimer);
  render();
});

api("/api/info?terms=0").then(({ body }) => {
  document.getElementById("index-info").textContent =
    body.path + " · " + body.documents + " documents · " + body.vocabulary + " words · " + body.topics + " topics";
}).catch(() => {});

// A page opened with a ranking this page does not offer shows the one it uses instead.
const opened = currentParameters();
if (opened.metric !== undefined && !metrics.includes(opened.metric)) {
  history.replaceState({ depth }, "", pageURL(Object.assign(opened, { metric: "hybrid" })));
}

render();
