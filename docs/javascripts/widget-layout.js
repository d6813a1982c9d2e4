// Widget layout on a phone: a widget's plots stay in view while its controls are used.
// When a widget's plots together take at most half the screen's height, they stick under
// the header as the page scrolls (class re-sticky), stacked in order; each control gets a
// scroll margin as tall as the plots, so a control reached by Tab or brought into view is
// never left under them. Otherwise, a control's scroll margin reaches up to the widget's
// first plot when the screen is tall enough to show both.
(() => {
  const PHONE = window.matchMedia("(max-width: 59.9375em)");
  const CONTROLS = "input, select, textarea, button, [tabindex]";
  const GAP = 8;  // px between a plot and a control brought under it

  const headerHeight = () => {
    const header = document.querySelector(".md-header");
    return header ? header.getBoundingClientRect().height : 0;
  };

  function layout(root) {
    const plots = [...root.children].filter((el) => el.matches(".re-plot"));
    if (!plots.length) return;
    const top = headerHeight();
    const heights = plots.map((p) => p.getBoundingClientRect().height);
    const total = heights.reduce((a, b) => a + b, 0);
    const sticky = PHONE.matches && total <= 0.5 * window.innerHeight;
    let offset = top;
    plots.forEach((plot, i) => {
      plot.classList.toggle("re-sticky", sticky);
      plot.style.setProperty("--re-top", `${offset}px`);
      offset += heights[i];
    });
    const first = plots[0].getBoundingClientRect().top;
    for (const control of root.querySelectorAll(CONTROLS)) {
      if (control.closest(".re-plot")) continue;
      const box = control.getBoundingClientRect();
      let margin = top + GAP;
      if (sticky) margin = top + total + GAP;
      else if (box.bottom - first + top + GAP <= window.innerHeight) {
        margin = box.top - first + top + GAP;
      }
      control.style.scrollMarginTop = `${Math.round(margin)}px`;
      control.style.scrollMarginBottom = `${GAP}px`;
    }
    root.dataset.stickyPlots = sticky ? "1" : "0";
  }

  // A control focused while under the sticky plots (scrolled there by hand) is brought out.
  function reveal(event) {
    const root = event.currentTarget;
    const control = event.target;
    if (root.dataset.stickyPlots !== "1" || control.closest(".re-plot")) return;
    const plots = [...root.children].filter((el) => el.matches(".re-plot"));
    const covered = Math.max(...plots.map((p) => p.getBoundingClientRect().bottom));
    const box = control.getBoundingClientRect();
    if (box.top < covered + GAP) window.scrollBy(0, box.top - covered - GAP);
  }

  const roots = () => document.querySelectorAll(".re-widget, .relu-playground");
  const all = () => roots().forEach(layout);
  const resized = new ResizeObserver(() => requestAnimationFrame(all));

  function attach() {
    for (const root of roots()) {
      if (root.dataset.layout) continue;
      root.dataset.layout = "1";
      root.addEventListener("focusin", reveal);
      for (const plot of root.querySelectorAll(":scope > .re-plot")) resized.observe(plot);
    }
    all();
  }

  if (typeof document$ !== "undefined") document$.subscribe(attach);
  else document.addEventListener("DOMContentLoaded", attach);
  PHONE.addEventListener("change", all);
  window.addEventListener("resize", all);
})();
