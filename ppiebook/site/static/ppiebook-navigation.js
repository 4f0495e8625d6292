/* ppiebook-navigation.js: make the visible "Toggle primary sidebar" button work.
 *
 * Why: pydata-sphinx-theme 0.20 renders a primary-sidebar toggle in its top
 * navbar (#pst-header) and sphinx-book-theme 1.4 renders a second one in the
 * article header. sphinx-book-theme's CSS hides the navbar one, but both
 * themes' scripts bind their handlers with document.querySelector(".primary-toggle"),
 * which returns the first, hidden button. The visible button has no handler, so
 * on phones the site navigation can never be opened (and on wide screens the
 * sidebar can never be collapsed). Upstream: pydata-sphinx-theme#2451,
 * sphinx-book-theme#935, #991, #1000. The same happens to ".secondary-toggle"
 * ("On this page"), so it is handled here too.
 *
 * What this does, without replacing the themes' own behaviour:
 *  - A click on a visible toggle is forwarded to the button the themes did bind
 *    (the first one in the page), so the themes do what they were built to do:
 *    below 992 px pydata-sphinx-theme moves the sidebar into its <dialog> and
 *    opens it as a modal (focus trapped, Escape and backdrop close it, focus
 *    goes back to the toggle); at 992 px and wider sphinx-book-theme collapses
 *    or shows the sidebar. If a later theme version binds the visible button
 *    itself (or the hidden button is removed), nothing is forwarded.
 *  - Keeps aria-expanded (and aria-controls) on every toggle true to what is on screen.
 *  - Gives each dialog a name, a visible "Close" button, and moves focus to it.
 *  - Closes the dialog after a same-page link in it is used, or when the window
 *    grows past the breakpoint (where the sidebar shows in the page instead).
 *  - Names the expand/collapse <summary> chevrons of the navigation tree
 *    ("Sub-pages of <page title>") if the HTML does not already name them.
 * No dependencies; safe to load with defer on every page, and more than once.
 */
(function () {
  "use strict";

  if (window.ppiebookNavigation) {
    return;
  }
  window.ppiebookNavigation = true;

  // Words shown to readers, in the page's language: ppiebook writes them into
  // <body data-ppiebook-labels> (see ppiebook/i18n/labels.py); English if absent.
  var LABELS = Object.assign(
    {
      siteNavigation: "Site navigation",
      closeSiteNavigation: "Close site navigation",
      onThisPage: "On this page",
      closePageContents: "Close page contents",
      close: "Close",
      subPagesOf: "Sub-pages of {title}",
      subPages: "Sub-pages",
    },
    JSON.parse(document.body.getAttribute("data-ppiebook-labels") || "{}")
  );

  // pydata-sphinx-theme's $breakpoint-sidebar-primary (lg); sphinx-book-theme's
  // fixSidebarToggle uses the same query.
  var WIDE_PRIMARY = window.matchMedia("(min-width: 992px)");
  // $breakpoint-sidebar-secondary (xl): from here the page TOC is in the page.
  var WIDE_SECONDARY = window.matchMedia("(min-width: 1200px)");

  var SIDEBARS = [
    {
      toggleClass: "primary-toggle",
      sidebarId: "pst-primary-sidebar",
      dialogId: "pst-primary-sidebar-modal",
      wide: WIDE_PRIMARY,
      // On wide screens sphinx-book-theme hides the sidebar with this class.
      hiddenClass: "pst-sidebar-hidden",
      label: LABELS.siteNavigation,
      closeLabel: LABELS.closeSiteNavigation,
    },
    {
      toggleClass: "secondary-toggle",
      sidebarId: "pst-secondary-sidebar",
      dialogId: "pst-secondary-sidebar-modal",
      wide: WIDE_SECONDARY,
      hiddenClass: null,
      label: LABELS.onThisPage,
      closeLabel: LABELS.closePageContents,
    },
  ];

  function isRendered(element) {
    // display:none (on it or an ancestor) gives no client rects.
    return element.getClientRects().length > 0;
  }

  function setUp(config) {
    var sidebar = document.getElementById(config.sidebarId);
    var dialog = document.getElementById(config.dialogId);
    var toggles = Array.prototype.slice.call(
      document.querySelectorAll("." + config.toggleClass),
    );
    if (!sidebar || !dialog || toggles.length === 0) {
      return;
    }
    // The button pydata-sphinx-theme and sphinx-book-theme attach their click
    // handlers to: the first element with the class (document.querySelector).
    var themeBound = toggles[0];
    var forwarding = false;
    var opener = null;

    // --- A "Close" button, kept as the sidebar's first child. pydata-sphinx-theme
    // moves all the sidebar's children into the dialog when it opens and back when
    // it closes, so the button travels with them; it is hidden unless in the dialog.
    var closeButton = document.createElement("button");
    closeButton.type = "button";
    closeButton.className = "ppiebook-sidebar-close";
    closeButton.setAttribute("aria-label", config.closeLabel);
    closeButton.hidden = true;
    closeButton.innerHTML =
      '<span aria-hidden="true">&times;</span><span class="ppiebook-sidebar-close__text"></span>';
    closeButton.lastChild.textContent = LABELS.close;
    closeButton.addEventListener("click", function () {
      if (dialog.open) {
        dialog.close();
      }
    });
    sidebar.insertBefore(closeButton, sidebar.firstChild);

    if (!dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
      dialog.setAttribute("aria-label", config.label);
    }

    function expanded() {
      if (dialog.open) {
        return true;
      }
      if (!config.wide.matches) {
        return false;
      }
      if (config.hiddenClass && sidebar.classList.contains(config.hiddenClass)) {
        return false;
      }
      // (Not its visibility: that lags behind while the theme animates it.)
      return sidebar.childElementCount > 1 && isRendered(sidebar);
    }

    function update() {
      var state = expanded() ? "true" : "false";
      var controls = dialog.open || !config.wide.matches ? dialog.id : sidebar.id;
      toggles.forEach(function (button) {
        if (button.getAttribute("aria-expanded") !== state) {
          button.setAttribute("aria-expanded", state);
        }
        if (button.getAttribute("aria-controls") !== controls) {
          button.setAttribute("aria-controls", controls);
        }
        if (button.tagName === "BUTTON" && !button.hasAttribute("type")) {
          button.type = "button";
        }
      });
      closeButton.hidden = !dialog.open;
    }

    // --- Forward clicks on toggles the themes did not bind. Capture phase on
    // window runs before any handler on the button itself, so if a later theme
    // release binds every toggle, stopping the event here still means the themes
    // act exactly once (through themeBound).
    window.addEventListener(
      "click",
      function (event) {
        if (forwarding || !event.target || !event.target.closest) {
          return;
        }
        var button = event.target.closest("." + config.toggleClass);
        if (!button || button === themeBound || toggles.indexOf(button) === -1) {
          return;
        }
        event.preventDefault();
        event.stopImmediatePropagation();
        opener = button;
        // Safari does not focus a button on click; the theme returns focus to
        // whatever had it when the dialog opened, so give it to the toggle.
        if (document.activeElement !== button) {
          button.focus({ preventScroll: true });
        }
        forwarding = true;
        try {
          themeBound.click();
        } finally {
          forwarding = false;
        }
        update();
      },
      true,
    );

    // Also note which toggle opened the dialog when the theme's own button works.
    toggles.forEach(function (button) {
      button.addEventListener("click", function () {
        opener = button;
        window.setTimeout(update, 0);
      });
    });

    // --- Keep state in sync whatever opened or closed things (theme code, Escape,
    // backdrop click, our Close button, resizing).
    var observer = new MutationObserver(update);
    observer.observe(dialog, { attributes: true, attributeFilter: ["open"] });
    observer.observe(sidebar, { attributes: true, attributeFilter: ["class"] });

    // When the dialog opens, put focus on its Close button: it is first in the
    // dialog, and it tells screen-reader users how to get out again.
    var wasOpen = false;
    new MutationObserver(function () {
      if (dialog.open && !wasOpen && dialog.contains(closeButton)) {
        closeButton.hidden = false;
        closeButton.focus();
      }
      wasOpen = dialog.open;
    }).observe(dialog, { attributes: true, attributeFilter: ["open"] });

    dialog.addEventListener("close", function () {
      closeButton.hidden = true;
      // The theme restores focus to what had it before opening; if that was
      // nothing (body), or the dialog itself, fall back to the toggle we know.
      window.setTimeout(function () {
        var active = document.activeElement;
        if ((!active || active === document.body || dialog.contains(active)) && opener && isRendered(opener)) {
          opener.focus();
        }
        update();
      }, 0);
    });

    // The theme closes the dialog on Escape only while focus is inside it; also
    // close it if focus somehow left (e.g. a screen reader's virtual cursor).
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && dialog.open && !dialog.contains(event.target)) {
        dialog.close();
      }
    });

    // A link to somewhere on this same page (e.g. the home entry on the home
    // page) would leave the dialog covering the page: close it after the jump.
    dialog.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link || !dialog.contains(link)) {
        return;
      }
      var samePage =
        link.origin === window.location.origin &&
        link.pathname === window.location.pathname &&
        link.search === window.location.search;
      if (samePage) {
        window.setTimeout(function () {
          if (dialog.open) {
            dialog.close();
          }
        }, 0);
      }
    });

    function onBreakpoint() {
      if (config.wide.matches && dialog.open) {
        dialog.close();
      }
      update();
    }
    if (config.wide.addEventListener) {
      config.wide.addEventListener("change", onBreakpoint);
    } else if (config.wide.addListener) {
      config.wide.addListener(onBreakpoint);
    }

    update();
  }

  // Give every expand/collapse <summary> of the navigation tree an accessible
  // name, unless the HTML already provides one (text, aria-label or aria-labelledby).
  function nameNavigationToggles() {
    var summaries = document.querySelectorAll(
      ".bd-sidebar li.has-children > details > summary, .bd-docs-nav details > summary",
    );
    Array.prototype.forEach.call(summaries, function (summary) {
      if (
        summary.hasAttribute("aria-label") ||
        summary.hasAttribute("aria-labelledby") ||
        summary.textContent.trim() !== ""
      ) {
        return;
      }
      var item = summary.closest("li");
      var link = null;
      if (item) {
        for (var i = 0; i < item.children.length; i++) {
          if (item.children[i].tagName === "A") {
            link = item.children[i];
            break;
          }
        }
      }
      var title = link ? link.textContent.replace(/\s+/g, " ").trim() : "";
      var label = document.createElement("span");
      label.className = "visually-hidden";
      label.textContent = title ? LABELS.subPagesOf.replace("{title}", title) : LABELS.subPages;
      summary.appendChild(label);
    });
  }

  function init() {
    nameNavigationToggles();
    SIDEBARS.forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
