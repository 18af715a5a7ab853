/* The handbook's search boxes: the one in the header on every page, and "What is happening?" on the home
   page. MiniSearch (vendored) ranks the handbook's own index (macros/site/search_index.py) with the
   weights in macros/data/search.yml, so that the steps for a situation come first: a pocket card or the
   section with the steps, opened at its heading. The engine and the index load the first time someone
   types; from file:// (the offline edition) the index comes as a script, search/search_index.js. */
(function () {
  "use strict";

  var script = document.currentScript;
  var MAX_RESULTS = 8;   // a phone shows about three; more is scrolling, not finding
  var SNIPPET_LENGTH = 150;
  var TOGGLE = document.getElementById("__search");   // Material's toggle: shows the header's results
  var KIND_LABELS = { card: "Pocket card", drill: "Scenario drill", glossary: "Glossary" };
  var ready = null;   // a promise of the search function, once asked for

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(tag);
    });
  }

  function loadIndex() {
    if (window.location.protocol === "file:") {
      return loadScript(script.dataset.indexScript).then(function () { return window.__index; });
    }
    return fetch(script.dataset.index).then(function (response) {
      if (!response.ok) throw new Error("search index: " + response.status);
      return response.json();
    });
  }

  /* The words of a query that carry meaning: as typed, or as the handbook spells them (search.yml's
     variants), stop words dropped when the query has other words. */
  function queryWords(query, settings) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean).map(function (word) {
      var bare = word.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
      return Object.prototype.hasOwnProperty.call(settings.variants, bare) ? settings.variants[bare] : bare;
    }).join(" ").split(/[^a-z0-9']+/).map(function (word) {
      return word.replace(/'s$/, "").replace(/'/g, "");
    }).filter(Boolean);
    var kept = words.filter(function (word) { return settings.stop_words.indexOf(word) < 0; });
    return kept.length ? kept : words;
  }

  function makeSearch(index) {
    var settings = index.settings;
    var engine = new window.MiniSearch({
      fields: ["title", "terms", "text"],
      storeFields: ["location", "title", "kind", "where", "text"],
      searchOptions: {
        boost: settings.fields,
        combineWith: "OR",
        prefix: function (term) { return term.length >= 3; },
        fuzzy: function (term) { return term.length >= settings.fuzzy_min_length ? settings.fuzzy : false; },
        boostDocument: function (id, term, stored) { return settings.weights[stored.kind] || 1; }
      }
    });
    engine.addAll(index.docs);
    /* MiniSearch scores each entry by the words it matches; an entry that matches only some of the words
       typed keeps part of its score (the square root of that share), so "first impression" finds the
       chapter, not the first-aid card. */
    return function (query) {
      var words = queryWords(query, settings);
      if (!words.length) return [];
      return engine.search(words.join(" ")).map(function (result) {
        result.score *= Math.sqrt(result.queryTerms.length / words.length);
        return result;
      }).sort(function (a, b) { return b.score - a.score; }).slice(0, MAX_RESULTS);
    };
  }

  function searchReady() {
    if (!ready) {
      ready = Promise.all([loadScript(script.dataset.engine), loadIndex()]).then(function (loaded) {
        return makeSearch(loaded[1]);
      });
    }
    return ready;
  }

  /* Result addresses are relative to the site's root; Material's config gives the root from this page. */
  function siteRoot() {
    var config = JSON.parse(document.getElementById("__config").textContent);
    return new URL(config.base.replace(/\/?$/, "/"), window.location.href);
  }

  function snippet(text) {
    return text.length > SNIPPET_LENGTH ? text.slice(0, SNIPPET_LENGTH).replace(/\s+\S*$/, "") + "…" : text;
  }

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) made.className = className;
    if (text) made.textContent = text;
    return made;
  }

  function resultItem(result, root) {
    var item = element("li", "md-search-result__item");
    var link = element("a", "md-search-result__link");
    link.href = new URL(result.location, root).href;
    var article = element("article", "md-search-result__article md-typeset");
    var where = KIND_LABELS[result.kind] || result.where || "";
    if (where) article.appendChild(element("p", "search-hit__where", where));
    article.appendChild(element("p", "search-hit__title", result.title));
    if (result.text) article.appendChild(element("p", "search-hit__text", snippet(result.text)));
    link.appendChild(article);
    item.appendChild(link);
    return item;
  }

  function mount(box) {
    var input = box.querySelector("[data-search-input]");
    var status = box.querySelector("[data-search-status]");
    var list = box.querySelector("[data-search-results]");
    var root = siteRoot();
    var pending = 0;
    var shown = "";
    var openFirst = false;   // Enter was pressed before the results came: open the first one when they do

    function show(query) {
      var asked = ++pending;
      if (!query.trim()) {
        list.textContent = "";
        status.textContent = status.dataset.empty;
        shown = "";
        return;
      }
      if (!ready) status.textContent = "Loading the search…";
      searchReady().then(function (search) {
        if (asked !== pending) return;   // a newer query was typed meanwhile
        var results = search(query);
        list.textContent = "";
        results.forEach(function (result) { list.appendChild(resultItem(result, root)); });
        status.textContent = results.length === 1 ? "1 match" :
          results.length ? results.length + " matches, steps first" :
            "No matches. Try other words, or open the pocket cards.";
        shown = query;
        box.dataset.searchShown = query;   // what the results on screen are for
        if (openFirst && results.length) links()[0].click();
        openFirst = false;
      }, function () {
        status.textContent = "Search could not load on this device. Open the pocket cards instead.";
      });
    }

    function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

    var timer = 0;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { show(input.value); }, 60);
    });
    input.addEventListener("focus", function () {
      if (box.dataset.searchHeader !== undefined && TOGGLE) TOGGLE.checked = true;
      searchReady();   // start loading while the reader types
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && links().length) {
        event.preventDefault();
        links()[0].focus();
      } else if (event.key === "Escape") {
        input.value = "";
        show("");
        if (TOGGLE) TOGGLE.checked = false;
        input.blur();
      }
    });
    box.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();   // Enter opens the first result for what is typed, now or once it is found
      window.clearTimeout(timer);
      if (shown === input.value && links().length) {
        links()[0].click();
      } else {
        openFirst = true;
        show(input.value);
      }
    });
    box.querySelector("form").addEventListener("reset", function () { show(""); input.focus(); });
    list.addEventListener("keydown", function (event) {
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && at < all.length - 1) all[at + 1].focus();
      else if (event.key === "ArrowUp") (at > 0 ? all[at - 1] : input).focus();
      else if (event.key === "Escape") input.focus();
      else return;
      event.preventDefault();
    });
    list.addEventListener("click", function (event) {
      if (event.target.closest("a") && TOGGLE) TOGGLE.checked = false;
    });
    status.textContent = status.dataset.empty;
    box.hidden = false;
  }

  document.querySelectorAll("[data-search]").forEach(mount);

  /* Material's header button and its "/" and "s" keys open the header's search: put the cursor in it. */
  var header = document.querySelector("[data-search-header] [data-search-input]");
  if (TOGGLE && header) {
    TOGGLE.addEventListener("change", function () { if (TOGGLE.checked) header.focus(); });
    document.addEventListener("keydown", function (event) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
      if (!typing && (event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        TOGGLE.checked = true;
        header.focus();
      }
    });
  }
})();
