// A tapped figure opens full screen. Each figure is a link to its own SVG (a.re-zoom, one
// per colour scheme; the hidden scheme's link is hidden with its image). A click, a tap
// or Enter on it opens the same SVG in a modal <dialog> across the screen, on the page's
// background, the page behind dimmed (extra.css). Esc, the close button, or a tap on the
// figure or around it closes it, and focus goes back to the figure's link. The arrow keys
// page through the figures of the scheme shown. Pinch-zoom is the browser's own. Without
// JavaScript, or with a modifier key held, the link opens the SVG itself.
(() => {
  let dialog, image, shown; // shown: the link of the figure in the dialog

  // The figure links of the page, in the scheme shown (a hidden link has no box)
  const visibleLinks = () =>
    [...document.querySelectorAll("a.re-zoom")].filter((a) => a.getClientRects().length);

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "re-zoom-dialog";
    dialog.setAttribute("aria-label", "Figure, full screen");
    const close = document.createElement("button");
    close.type = "button";
    close.className = "re-zoom-close";
    close.setAttribute("aria-label", "Close");
    close.textContent = "\u00d7";
    image = document.createElement("img");
    dialog.append(close, image);
    // the button, the figure and the dimmed page around it all close the dialog
    dialog.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      image.removeAttribute("src");
      if (shown && shown.isConnected) shown.focus();
    });
    dialog.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      const links = visibleLinks();
      const next = links[links.indexOf(shown) + step];
      if (next) show(next);
      event.preventDefault();
    });
    document.body.append(dialog);
  }

  function show(link) {
    const figure = link.querySelector("img");
    shown = link;
    image.src = link.href;
    image.alt = figure ? figure.alt : "";
    // its shape, so that a tall figure fits the screen's height (extra.css)
    const [width, height] = ["width", "height"].map((a) => Number(figure && figure.getAttribute(a)));
    if (width && height) image.style.setProperty("--re-ratio", width / height);
    else image.style.removeProperty("--re-ratio");
  }

  function open(event) {
    const link = event.target instanceof Element && event.target.closest("a.re-zoom");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey
        || event.altKey || typeof HTMLDialogElement !== "function") return;
    event.preventDefault();
    if (!dialog || !dialog.isConnected) build();
    show(link);
    dialog.showModal();
  }

  // Links tell assistive technology that they open a dialog; one listener serves every
  // page that instant navigation brings in.
  const mark = () => {
    for (const link of document.querySelectorAll("a.re-zoom")) {
      link.setAttribute("aria-haspopup", "dialog");
    }
  };
  document.addEventListener("click", open);
  if (typeof document$ !== "undefined") document$.subscribe(mark);
  else document.addEventListener("DOMContentLoaded", mark);
})();
