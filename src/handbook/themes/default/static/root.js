/* The entry page: send the reader to the handbook in the first of their browser's languages
   that the site has, matching as Babel's Locale.negotiate does: exact tag first, then the tag's
   language (sv-FI → sv), else the site's default language. The languages come from the script's
   own data attributes; readers without JavaScript use the list of links. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || location.hash === "#languages") return;
  var available = (script.getAttribute("data-languages") || "").split(" ").filter(Boolean);
  var fallback = script.getAttribute("data-default") || available[0];
  var preferred = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
  function find(tag) {
    tag = String(tag).toLowerCase().replace(/_/g, "-");
    for (var i = 0; i < available.length; i++) {
      if (available[i].toLowerCase().replace(/_/g, "-") === tag) return available[i];
    }
    return null;
  }
  var choice = null;
  for (var i = 0; i < preferred.length && !choice; i++) {
    choice = find(preferred[i]) || find(String(preferred[i]).split(/[-_]/)[0]);
  }
  if (choice || fallback) location.replace((choice || fallback) + "/");
})();
