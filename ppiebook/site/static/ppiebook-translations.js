/* Sphinx's doctools.js compiles the language's plural rule with `new Function`, which the
   site's Content-Security-Policy forbids (no string is ever run as code). Replace it,
   before translations.js calls it, with the rule of the languages this site uses
   (one form for 1, another for everything else). Loaded after doctools.js, before
   translations.js (ppiebook/theme.py sets the order). */
(function () {
  "use strict";
  if (typeof Documentation === "undefined") {
    return;
  }
  Documentation.addTranslations = function (catalog) {
    Object.assign(Documentation.TRANSLATIONS, catalog.messages);
    Documentation.PLURAL_EXPR = function (n) {
      return n === 1 ? 0 : 1;
    };
    Documentation.LOCALE = catalog.locale;
  };
})();
