// Widget layout: a widget's plots stay in view while its controls are used.
// When a widget's plots come before its controls and together take at most half the
// screen's height on a phone (60% on a larger screen), they stick under the header as the
// page scrolls (class re-sticky), stacked in order; each control gets a scroll margin as
// tall as the plots, so a control reached by Tab or brought into view is never left under
// them. A widget may group its plots in a block (class re-plots, e.g. charts side by side),
// which then sticks as one plot. Otherwise a control's scroll margins reach to its widget's plots, above or below
// it, when the screen is tall enough to show them together.
(() => {
  const PHONE = window.matchMedia("(max-width: 59.9375em)");
  const CONTROLS = "input, select, textarea, button, [tabindex]";
  const PLOTS = ".re-plot, .re-plots";  // a plot, or a block of plots, in a widget
  const GAP = 8;  // px between a plot and a control brought under it

  const headerHeight = () => {
    const header = document.querySelector(".md-header");
    return header ? header.getBoundingClientRect().height : 0;
  };

  function layout(root) {
    const plots = [...root.children].filter((el) => el.matches(PLOTS));
    if (!plots.length) return;
    const controls = [...root.querySelectorAll(CONTROLS)].filter((c) => !c.closest(PLOTS));
    const top = headerHeight();
    const heights = plots.map((p) => p.getBoundingClientRect().height);
    const total = heights.reduce((a, b) => a + b, 0);
    // plots that come before the controls stick, if they leave room enough for them
    const plotsFirst = !controls.length
      || Boolean(plots[0].compareDocumentPosition(controls[0]) & Node.DOCUMENT_POSITION_FOLLOWING);
    const share = PHONE.matches ? 0.5 : 0.6;
    const sticky = plotsFirst && total <= share * window.innerHeight;
    let offset = top;
    plots.forEach((plot, i) => {
      plot.classList.toggle("re-sticky", sticky);
      plot.style.setProperty("--re-top", `${offset}px`);
      offset += heights[i];
    });
    // where the plots are in the page, measured without sticking
    plots.forEach((plot) => plot.classList.remove("re-sticky"));
    const y = window.scrollY;
    const first = plots[0].getBoundingClientRect().top + y;
    const last = plots[plots.length - 1].getBoundingClientRect().bottom + y;
    const boxes = controls.map((c) => c.getBoundingClientRect());
    plots.forEach((plot) => plot.classList.toggle("re-sticky", sticky));
    controls.forEach((control, i) => {
      const ctop = boxes[i].top + y;
      const cbottom = boxes[i].bottom + y;
      let above = top + GAP;
      let below = GAP;
      if (sticky) above = top + total + GAP;
      else {
        // a control and every plot of its widget on screen together, when they fit
        const spanTop = Math.min(first, ctop);
        const spanBottom = Math.max(last, cbottom);
        if (spanBottom - spanTop + top + 2 * GAP <= window.innerHeight) {
          above = ctop - spanTop + top + GAP;
          below = spanBottom - cbottom + GAP;
        }
      }
      control.style.scrollMarginTop = `${Math.round(above)}px`;
      control.style.scrollMarginBottom = `${Math.round(below)}px`;
    });
    root.dataset.stickyPlots = sticky ? "1" : "0";
  }

  // A control focused while under the sticky plots (scrolled there by hand) is brought out.
  function reveal(event) {
    const root = event.currentTarget;
    const control = event.target;
    if (root.dataset.stickyPlots !== "1" || control.closest(PLOTS)) return;
    const plots = [...root.children].filter((el) => el.matches(PLOTS));
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
      for (const plot of root.children) if (plot.matches(PLOTS)) resized.observe(plot);
    }
    all();
  }

  // widgets.js calls attach once a page's widgets are built
  window.reluLayout = { attach };
  PHONE.addEventListener("change", all);
  window.addEventListener("resize", all);
})();
