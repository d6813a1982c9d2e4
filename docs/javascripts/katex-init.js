// The math is typeset when the site is built (build_hooks/katex_render.py). On a narrow
// screen a display formula wider than its column is set smaller until it fits, down to
// half size (below that it scrolls), instead of hiding its right-hand side behind a
// scroller. Run on every page change (instant navigation swaps the content) and resize.
(() => {
  const SMALLEST = 0.5;

  function fit() {
    for (const display of document.querySelectorAll(".katex-display")) {
      const formula = display.querySelector(":scope > .katex");
      if (!formula) continue;
      formula.style.fontSize = "";
      // on a phone the theme makes the formula's box as wide as the formula and lets the
      // arithmatex element around it scroll: the room is that element's, less the padding
      const box = display.parentElement || display;
      const style = getComputedStyle(display);
      const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
      const room = Math.min(display.clientWidth, box.clientWidth) - padding;
      const needed = formula.scrollWidth;
      if (room > 0 && needed > room) {
        const scale = Math.max(SMALLEST, Math.floor((room / needed) * 1000) / 1000);
        // KaTeX sets display math at 1.21em; scale that
        formula.style.fontSize = `${Math.floor(1210 * scale) / 1000}em`;
      }
    }
  }

  let pending = 0;
  const later = () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(fit);
  };
  document$.subscribe(() => {
    fit();
    if (document.fonts) document.fonts.ready.then(later);  // KaTeX's fonts change widths
  });
  window.addEventListener("resize", later);
})();
