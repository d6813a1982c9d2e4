// Widgets load where they are used. A page lists none of their scripts: this one looks for
// each widget's element on every page the reader opens (instant navigation swaps the content,
// not the scripts), then loads the shared module (relu-core.js), the page's widgets and
// their layout (widget-layout.js), each once. A page without a widget downloads none of it.
(() => {
  // a widget's element (the class its page writes) -> the script that builds it
  const WIDGETS = {
    ".relu-playground": "playground.js",
    ".re-linear": "linear-widget.js",
    ".re-interaction": "interactions-widget.js",
    ".re-approximation": "approximation-widget.js",
    ".re-trainer": "trainer-widget.js",
    ".re-regions": "regions-widget.js",
    ".re-surface": "fold-widget.js",
  };
  const here = document.currentScript.src;  // the scripts sit beside this one
  const loading = new Map();

  // Load a script beside this one, once; resolves when it has run
  function load(name) {
    if (!loading.has(name)) {
      loading.set(name, new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = new URL(name, here).href;
        script.onload = resolve;
        script.onerror = () => reject(new Error(`could not load ${script.src}`));
        document.head.appendChild(script);
      }));
    }
    return loading.get(name);
  }

  async function init() {
    const wanted = Object.keys(WIDGETS).filter((selector) => document.querySelector(selector));
    if (!wanted.length) return;
    await load("relu-core.js");
    // each widget builds itself as its script runs (relu-core.js `mount`)
    await Promise.all(wanted.map((selector) => load(WIDGETS[selector])));
    await load("widget-layout.js");
    window.reluLayout.attach();
  }

  const start = () => init().catch((error) => console.error(error));
  if (typeof document$ !== "undefined") document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
