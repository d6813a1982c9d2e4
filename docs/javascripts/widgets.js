// Widgets load where they are used. A page lists none of their files: this script looks for
// each widget's element on every page the reader opens (instant navigation swaps the content,
// not the scripts), then loads the widgets' stylesheet and the shared module (relu-core.js),
// the page's widgets and their layout (widget-layout.js), each once. A page without a
// widget downloads none of it, and no page waits for any of it before its first paint.
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

  // Add a script or stylesheet to the page, once; resolves when it has run or applies.
  // `path` is relative to this script.
  function load(path) {
    if (!loading.has(path)) {
      loading.set(path, new Promise((resolve, reject) => {
        const url = new URL(path, here).href;
        const element = path.endsWith(".css")
          ? Object.assign(document.createElement("link"), { rel: "stylesheet", href: url })
          : Object.assign(document.createElement("script"), { src: url });
        element.onload = resolve;
        element.onerror = () => reject(new Error(`could not load ${url}`));
        document.head.appendChild(element);
      }));
    }
    return loading.get(path);
  }

  async function init() {
    const wanted = Object.keys(WIDGETS).filter((selector) => document.querySelector(selector));
    if (!wanted.length) return;
    await Promise.all([load("../stylesheets/widgets.css"), load("relu-core.js")]);
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
