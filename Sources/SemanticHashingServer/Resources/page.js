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
let typingTimer = null;
let latestRequest = 0;
let selected = -1;

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

function link(text, parameters, attributes = {}) {
  const href = pageURL(parameters);
  return element("a", Object.assign({ href, onclick: (event) => { event.preventDefault(); go(parameters); } }, attributes), text);
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

function show(...nodes) {
  view.replaceChildren(...nodes);
  selected = -1;
}

// Fetches JSON from the API; returns {status, body} or throws an Error whose message says what to do.
async function api(path) {
  let response;
  try {
    response = await fetch(path, { headers: { Accept: "application/json" } });
  } catch (error) {
    throw new Error("The server did not answer. Is `semhash serve` still running? Start it again and reload this page.");
  }
  let body = null;
  try { body = await response.json(); } catch (error) { body = null; }
  if (!response.ok && response.status !== 422) {
    const reason = body && body.error ? body.error : "HTTP " + response.status;
    throw new Error(reason);
  }
  return { status: response.status, body };
}

// ---- navigation ---------------------------------------------------------------------------------------

function go(parameters, replace = false) {
  const url = pageURL(parameters);
  if (replace) history.replaceState(parameters, "", url); else history.pushState(parameters, "", url);
  render();
}

function currentParameters() {
  return Object.fromEntries(new URLSearchParams(location.search).entries());
}

function render() {
  const parameters = currentParameters();
  const metric = parameters.metric || "hybrid";
  metricSelect.value = metric;
  if (parameters.q !== undefined) {
    if (input.value !== parameters.q) input.value = parameters.q;
    return search(parameters.q, metric);
  }
  if (parameters.similar) return similar(parameters.similar, metric);
  if (parameters.doc) return showDocument(parameters.doc);
  if (parameters.topic !== undefined) return showTopic(parameters.topic);
  if (parameters.view === "topics") return showTopics();
  input.value = "";
  statusLine.textContent = "";
  show(message("Ask a question", "Type a question above: hits appear as you type. Words are matched by meaning " +
    "(the documents' codes), not letter for letter. Browse the collection's topics with Topics or the t key."));
}

// ---- searching --------------------------------------------------------------------------------------

async function search(question, metric) {
  if (!question.trim()) {
    statusLine.textContent = "";
    show(message("Ask a question", "Type a question above, then wait a moment or press Enter."));
    return;
  }
  const request = ++latestRequest;
  statusLine.textContent = "Searching…";
  try {
    const { status, body } = await api("/api/ask?" + new URLSearchParams({ q: question, metric, k: 20 }));
    if (request !== latestRequest) return;
    showAnswer(body, status === 422 ? "none-known" : null);
  } catch (error) {
    if (request !== latestRequest) return;
    statusLine.textContent = "";
    show(message("The search failed", error.message, true));
  }
}

async function similar(id, metric) {
  const request = ++latestRequest;
  statusLine.textContent = "Finding documents like " + id + "…";
  try {
    const { body } = await api("/api/similar/" + encodeURIComponent(id) + "?" + new URLSearchParams({ metric, k: 20 }));
    if (request !== latestRequest) return;
    showAnswer(body, null, id);
  } catch (error) {
    if (request !== latestRequest) return;
    statusLine.textContent = "";
    show(message("No similar documents", error.message + " Go back, or search for a question.", true));
  }
}

function showAnswer(answer, problem, similarTo) {
  const oov = answer.out_of_vocabulary || [];
  statusLine.replaceChildren(
    similarTo ? "Documents like " + similarTo + ": " : "",
    answer.hits.length + (answer.hits.length === 1 ? " hit" : " hits") + " by " + answer.metric + " distance",
    answer.radius !== undefined && answer.radius !== null ? " (Hamming radius " + answer.radius + ")" : "",
    oov.length ? element("span", { class: "oov" }, " · not in the vocabulary: " + oov.join(", ")) : "");
  if (problem === "none-known") {
    show(message("No word of the question is known",
      "None of the words of your question is in the index's vocabulary" + (oov.length ? " (" + oov.join(", ") + ")" : "") +
      ". Try other or more common words."));
    return;
  }
  if (answer.hits.length === 0) {
    show(message("No documents found", answer.metric !== "hamming" && answer.metric !== "cascade"
      ? "The index has no documents with codes yet. Add some with semhash add, then ask again."
      : "No document lies within the Hamming radius. Try the hybrid ranking, or other words."));
    return;
  }
  show(element("ol", { class: "hits" }, answer.hits.map(hitItem)));
}

function hitItem(hit) {
  return element("li", { class: "hit", "data-id": hit.id, tabindex: "-1" },
    element("h2", {}, element("span", { class: "rank" }, hit.rank + "."), link(hit.title || hit.id, { doc: hit.id }, { class: "open" })),
    element("div", { class: "meta" },
      element("span", {}, hit.id),
      element("span", {}, labels(hit.labels)),
      hit.topic !== undefined && hit.topic !== null
        ? link(topicName(hit.topic) + (hit.topic_words && hit.topic !== -1 ? " (" + hit.topic_words.join(" ") + ")" : ""), { topic: hit.topic })
        : null,
      element("span", { class: "distance", title: "Euclidean distance of the real codes, Hamming distance of the hashes" },
        "euclidean " + hit.euclidean.toFixed(3) + " · hamming " + hit.hamming + (hit.hamming === 1 ? " bit" : " bits"))),
    hit.snippet ? element("p", { class: "snippet" }, hit.snippet) : null,
    element("div", { class: "actions" },
      link("More like this", { similar: hit.id, metric: metricSelect.value }, { class: "more" }),
      link("Open", { doc: hit.id })));
}

// ---- documents and topics -------------------------------------------------------------------------

async function showDocument(id) {
  const request = ++latestRequest;
  statusLine.textContent = "";
  try {
    const { body } = await api("/api/documents/" + encodeURIComponent(id));
    if (request !== latestRequest) return;
    show(element("article", { class: "document" },
      element("h1", {}, body.title || body.id),
      element("div", { class: "meta" },
        element("span", {}, body.id), element("span", {}, labels(body.labels)),
        body.topic !== undefined && body.topic !== null ? link(topicName(body.topic), { topic: body.topic }) : null,
        element("span", {}, body.token_count + " words, " + body.out_of_vocabulary_count + " outside the vocabulary")),
      element("pre", {}, body.excerpt || "(no text)"),
      element("p", { class: "meta" }, "The index keeps the start of each document; the whole text is at " + (body.source || "its source") + "."),
      element("div", { class: "actions" }, link("More like this", { similar: body.id, metric: metricSelect.value }, { class: "more" }))));
  } catch (error) {
    if (request !== latestRequest) return;
    show(message("No such document", error.message + " Search for it instead.", true));
  }
}

async function showTopics() {
  const request = ++latestRequest;
  statusLine.textContent = "Loading topics…";
  try {
    const { body } = await api("/api/topics?limit=5");
    if (request !== latestRequest) return;
    if (body.topics.length === 0) {
      statusLine.textContent = "";
      show(message("No topics yet", "This index has no topics. Run `semhash topics` on it; this page picks them up without a restart."));
      return;
    }
    statusLine.textContent = body.topics.length + " topics";
    // The map is drawn on demand: PCA at once; t-SNE (what `semhash topics --plot` draws) takes seconds.
    const map = element("section", { class: "map" });
    const showMap = (layout) => {
      map.replaceChildren(
        element("p", { class: "meta" }, layout === "pca"
          ? "Codes projected on their first two principal components. "
          : "Codes laid out by t-SNE, as semhash topics --plot draws them. ",
          element("button", { type: "button", id: "other-layout", onclick: () => showMap(layout === "pca" ? "tsne" : "pca") },
            layout === "pca" ? "t-SNE layout (takes a few seconds)" : "PCA layout")),
        element("img", { src: "/api/topic-map.svg?layout=" + layout, alt: "Map of the topics: one dot per document, coloured by topic" }));
    };
    map.append(element("button", { type: "button", id: "show-map", onclick: () => showMap("pca") }, "Show the topic map"));
    // The unassigned group (id -1) goes last.
    const ordered = body.topics.filter((topic) => topic.id !== -1).concat(body.topics.filter((topic) => topic.id === -1));
    show(map, element("ol", { class: "topics" }, ordered.map(topicCard)));
  } catch (error) {
    if (request !== latestRequest) return;
    statusLine.textContent = "";
    show(message("The topics could not be loaded", error.message, true));
  }
}

function topicCard(topic) {
  return element("li", { class: "topic hit", "data-topic": topic.id, tabindex: "-1" },
    element("h2", {}, link(topicName(topic.id, true), { topic: topic.id }, { class: "open" }), " · " + topic.size + " documents"),
    element("div", {}, topic.distinctive_words.map((entry) => element("span", { class: "word", title: entry.term }, entry.word))),
    topic.decoder_words.length ? element("div", { class: "meta" }, "decoder: " + topic.decoder_words.map((entry) => entry.word).join(" ")) : null,
    element("ol", {}, topic.documents.map((member) => element("li", {}, link(member.title || member.id, { doc: member.id })))));
}

async function showTopic(id) {
  const request = ++latestRequest;
  statusLine.textContent = "";
  try {
    const { body } = await api("/api/topics/" + encodeURIComponent(id) + "?limit=20");
    if (request !== latestRequest) return;
    statusLine.textContent = topicName(body.id, true) + ": " + body.size + " documents" + (body.id === -1 ? "" : ", nearest the centre first");
    show(element("section", {},
      element("p", {}, body.distinctive_words.map((entry) => element("span", { class: "word", title: entry.term }, entry.word))),
      body.decoder_words.length ? element("p", { class: "meta" }, "decoder words: " + body.decoder_words.map((entry) => entry.word).join(" ")) : null,
      element("ol", { class: "hits" }, body.documents.map((member, index) =>
        element("li", { class: "hit", "data-id": member.id, tabindex: "-1" },
          element("h2", {}, element("span", { class: "rank" }, (index + 1) + "."), link(member.title || member.id, { doc: member.id }, { class: "open" })),
          element("div", { class: "meta" }, element("span", {}, member.id), element("span", {}, labels(member.labels)),
            element("span", { class: "distance" }, "distance to centre " + member.distance.toFixed(3))),
          element("div", { class: "actions" }, link("More like this", { similar: member.id, metric: metricSelect.value }, { class: "more" })))))));
  } catch (error) {
    if (request !== latestRequest) return;
    show(message("No such topic", error.message + " See all topics with the t key.", true));
  }
}

// ---- input and keys -----------------------------------------------------------------------------------

form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typingTimer);
  go({ q: input.value, metric: metricSelect.value });
});

input.addEventListener("input", () => {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => {
    if (input.value.trim()) go({ q: input.value, metric: metricSelect.value }, currentParameters().q !== undefined);
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
  switch (event.key) {
    case "/": event.preventDefault(); input.focus(); input.select(); break;
    case "j": case "ArrowDown": event.preventDefault(); select(selected + 1); break;
    case "k": case "ArrowUp": event.preventDefault(); selected <= 0 ? input.focus() : select(selected - 1); break;
    case "Enter": if (current) { event.preventDefault(); current.querySelector("a.open").click(); } break;
    case "m": if (current && current.querySelector("a.more")) current.querySelector("a.more").click(); break;
    case "t": go({ view: "topics" }); break;
    case "Escape": history.back(); break;
  }
});

document.querySelectorAll("[data-nav]").forEach((anchor) => anchor.addEventListener("click", (event) => {
  event.preventDefault();
  go(anchor.dataset.nav === "topics" ? { view: "topics" } : {});
}));

window.addEventListener("popstate", render);

api("/api/info?terms=0").then(({ body }) => {
  document.getElementById("index-info").textContent =
    body.path + " · " + body.documents + " documents · " + body.vocabulary + " words · " + body.topics + " topics";
}).catch(() => {});

render();
