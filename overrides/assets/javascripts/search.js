/* The handbook's search boxes: the one in the header on every page, and "What is happening?" on the home
   page. The engine (search-engine.js, with MiniSearch and the stemmer, all vendored or our own) ranks the
   handbook's own index (macros/site/search_index.py) so that the steps for a situation come first, or says
   that nothing is close; this file loads them the first time someone types and draws what they find. From
   file:// (the offline edition) the index comes as a script, search/search_index.js. */
(function () {
  "use strict";

  var script = document.currentScript;
  var SNIPPET_LENGTH = 150;
  var TOGGLE = document.getElementById("__search");   // Material's toggle: shows the header's results
  var KIND_LABELS = { card: "Pocket card", drill: "Scenario drill", glossary: "Glossary" };
  var STEPS = { card: true, section: true };
  var ready = null;   // a promise of {search, links}, once asked for

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

  function searchReady() {
    if (!ready) {
      var code = [script.dataset.minisearch, script.dataset.stemmer, script.dataset.engine].map(loadScript);
      ready = Promise.all(code.concat([loadIndex()])).then(function (loaded) {
        var index = loaded[3];
        return { search: window.HandbookSearch.create(index, window.MiniSearch, window.stemmer), links: index.links };
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

  /* Where to go when nothing is close: the urgent cards on the home page, and every pocket card. */
  function nothingClose(addresses, root) {
    return [["Urgent cards: the steps for an emergency", addresses.urgent], ["Every pocket card", addresses.cards]]
      .map(function (pair) {
        var item = element("li", "md-search-result__item");
        var link = element("a", "md-search-result__link");
        link.href = new URL(pair[1], root).href;
        var article = element("article", "md-search-result__article md-typeset");
        article.appendChild(element("p", "search-hit__title", pair[0]));
        link.appendChild(article);
        item.appendChild(link);
        return item;
      });
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
      searchReady().then(function (engine) {
        if (asked !== pending) return;   // a newer query was typed meanwhile
        var found = engine.search(query);
        list.textContent = "";
        if (found.close) {
          found.results.forEach(function (result) { list.appendChild(resultItem(result, root)); });
          var count = found.results.length;
          status.textContent = (count === 1 ? "1 match" : count + " matches") +
            (STEPS[found.results[0].kind] ? ", steps first" : "");
        } else {
          status.textContent = "Nothing close to \u201c" + query.trim() + "\u201d. " +
            "If someone is in danger, call 911 or your dispatch.";
          if (box.dataset.searchHeader !== undefined) nothingClose(engine.links, root).forEach(function (item) {
            list.appendChild(item);
          });
        }
        shown = query;
        box.dataset.searchShown = query;   // what the results on screen are for
        box.dataset.searchClose = found.close ? "yes" : "no";
        if (openFirst && found.close && links().length) links()[0].click();
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
