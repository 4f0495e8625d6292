/* sphinx-design's tab sets as WAI-ARIA tabs (https://www.w3.org/WAI/ARIA/apg/patterns/tabs/).
 *
 * sphinx-design writes a tab set as radio buttons and labels: a screen reader announces
 * "radio button, 1 of 3", not tabs. Once the page has loaded, each set becomes a tablist
 * of buttons (role=tab, aria-selected, aria-controls) and its panels role=tabpanel; Tab
 * reaches the selected tab only, the arrow keys, Home and End move between tabs and select
 * them. Without script the radio buttons stay, and work. */
(() => {
  "use strict";
  let sets = 0;
  for (const set of document.querySelectorAll(".sd-tab-set")) {
    const inputs = [...set.querySelectorAll(":scope > input[type=radio]")];
    if (!inputs.length) continue;
    sets += 1;
    const list = document.createElement("div");
    list.setAttribute("role", "tablist");
    list.className = "ppiebook-tablist";
    const tabs = inputs.map((input, index) => {
      const label = input.nextElementSibling;
      const panel = label.nextElementSibling;
      const tab = document.createElement("button");
      tab.type = "button";
      tab.setAttribute("role", "tab");
      tab.id = `ppiebook-tab-${sets}-${index}`;
      tab.className = "ppiebook-tab";
      tab.append(...label.childNodes);
      panel.id = panel.id || `ppiebook-tabpanel-${sets}-${index}`;
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.tabIndex = 0;
      tab.setAttribute("aria-controls", panel.id);
      const selected = input.checked;
      input.remove();
      label.remove();
      list.append(tab);
      return { tab, panel, selected };
    });
    set.prepend(list);
    set.classList.add("ppiebook-tabs");
    const select = (chosen, focus) => {
      tabs.forEach(({ tab, panel }, index) => {
        const on = index === chosen;
        tab.setAttribute("aria-selected", String(on));
        tab.tabIndex = on ? 0 : -1;
        panel.hidden = !on;
      });
      if (focus) tabs[chosen].tab.focus();
    };
    tabs.forEach(({ tab }, index) => {
      tab.addEventListener("click", () => select(index, false));
      tab.addEventListener("keydown", (event) => {
        const to = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
        if (to === undefined) return;
        event.preventDefault();
        select((to + tabs.length) % tabs.length, true);
      });
    });
    select(Math.max(0, tabs.findIndex((tab) => tab.selected)), false);
  }
})();
