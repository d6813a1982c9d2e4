// Render the math that pymdownx.arithmatex leaves in .arithmatex elements, on every page
// change (instant navigation swaps the content without reloading scripts). KaTeX (about
// 300 KB) is fetched only the first time a page with math is shown.
(() => {
  const vendor = new URL("../vendor/katex/", document.currentScript.src);
  let katexReady = null;

  function load() {
    if (!katexReady) {
      const script = (name) => new Promise((resolve, reject) => {
        const element = document.createElement("script");
        element.src = new URL(name, vendor).href;
        element.onload = resolve;
        element.onerror = () => reject(new Error(`could not load ${name}`));
        document.head.appendChild(element);
      });
      const style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = new URL("katex.min.css", vendor).href;
      document.head.appendChild(style);
      katexReady = script("katex.min.js").then(() => script("auto-render.min.js"));
    }
    return katexReady;
  }

  document$.subscribe(async () => {
    const math = document.querySelectorAll(".arithmatex");
    if (!math.length) return;
    await load();
    for (const element of math) {
      // a formula KaTeX cannot parse stays as raw text and logs a console error, so the
      // browser tests catch it (throwOnError: false would render it in red, silently)
      renderMathInElement(element, {
        delimiters: [
          { left: "\\(", right: "\\)", display: false },
          { left: "\\[", right: "\\]", display: true },
        ],
        throwOnError: true,
      });
    }
  });
})();
