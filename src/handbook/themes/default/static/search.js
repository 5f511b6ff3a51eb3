/* The search box in every page's header: searches this language's Pagefind index (published at
   <lang>/pagefind/ by `handbook build`) as the reader types, and lists the pages found with
   their organisation, kind and an excerpt. Every text comes from the form's data attributes,
   which the build fills from the catalogs; nothing is written into the page as HTML except the
   <mark> around the words found. Without JavaScript the form stays hidden. */
(function () {
  "use strict";
  var form = document.querySelector("form.site-search");
  if (!form || !("noModule" in HTMLScriptElement.prototype)) return;  // no import(): no search
  var input = form.querySelector("input[type=search]");
  var status = form.querySelector(".site-search__status");
  var list = form.querySelector(".site-search__list");
  var lang = document.documentElement.lang || "en";
  var MAX_RESULTS = 10;
  var pagefind = null;
  var latest = 0;

  function text(name, values) {
    var template = form.getAttribute("data-" + name) || "";
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values || {}, key) ? values[key] : whole;
    });
  }

  function found(count) {
    var category = "other";
    try { category = new Intl.PluralRules(lang).select(count); } catch (e) { /* keep "other" */ }
    var name = form.hasAttribute("data-found-" + category) ? "found-" + category : "found-other";
    var number = count.toLocaleString ? count.toLocaleString(lang) : String(count);
    return text(name, { n: number });
  }

  function load() {
    if (!pagefind) {
      var bundle = new URL(form.getAttribute("data-bundle"), document.baseURI).href;
      pagefind = import(bundle + "pagefind.js").then(function (module) {
        module.init();
        return module;
      });
    }
    return pagefind;
  }

  // Pagefind's excerpt is the page's text with <mark> around the words found: keep exactly
  // that, as text nodes and <mark> elements.
  function excerpt(html) {
    var out = document.createElement("p");
    out.className = "site-search__excerpt";
    var parsed = new DOMParser().parseFromString("<body>" + html, "text/html").body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function item(result) {
    var li = document.createElement("li");
    li.className = "site-search__result";
    var link = document.createElement("a");
    link.href = result.url;
    link.textContent = (result.meta && result.meta.title) || result.url;
    var title = document.createElement("p");
    title.className = "site-search__title";
    title.appendChild(link);
    li.appendChild(title);
    var meta = result.meta || {};
    var about = [meta.kind, meta.organisation].filter(Boolean).join(" · ");
    if (about) {
      var where = document.createElement("p");
      where.className = "site-search__meta";
      where.textContent = about;
      li.appendChild(where);
    }
    if (result.excerpt) li.appendChild(excerpt(result.excerpt));
    return li;
  }

  function show(message, results) {
    status.textContent = message;
    list.replaceChildren.apply(list, (results || []).map(item));
    list.hidden = !results || results.length === 0;
  }

  function search() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) {
      show("", null);
      return;
    }
    status.textContent = text("searching");
    load().then(function (module) {
      return module.debouncedSearch(query, {}, 200);
    }).then(function (response) {
      if (response === null || ticket !== latest) return null;  // a newer search replaced it
      var shown = response.results.slice(0, MAX_RESULTS);
      return Promise.all(shown.map(function (r) { return r.data(); })).then(function (data) {
        if (ticket !== latest) return;
        if (data.length === 0) show(text("none", { query: query }), null);
        else show(found(response.results.length), data);
      });
    }).catch(function () {
      if (ticket === latest) show(text("unavailable"), null);
    });
  }

  form.hidden = false;
  input.addEventListener("input", search);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search();
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && input.value) {
      input.value = "";
      search();
    }
  });
})();
