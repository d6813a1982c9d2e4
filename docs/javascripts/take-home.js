// The site's own address, as the reader's browser sees it. A build that knows its address
// (site_url) writes it into the pages; any other copy of the site (`make serve`, a folder
// served under some path) cannot know it, so this script fills it in:
// - Get the code: a link marked data-shown-as="<what the commands show for it>" has its
//   real address (the browser resolves its href) put in place of that text in every code
//   block of the page, which is also what the copy button copies.
// - The download buttons: a click fetches the notebook, fills in what its metadata says
//   (the wheel's address in the setup cell, the site's address in its links) and saves
//   it. Without JavaScript, or if that fails, the link downloads the notebook as built.
(() => {
  const KEY = "relu_explained"; // the notebook metadata written by build_hooks/site/downloads.py

  // Replace `shown` by `actual` in the text of `code`, keeping its highlighting where the
  // text sits in one node; otherwise the whole text, unhighlighted
  function replaceIn(code, shown, actual) {
    if (!code.textContent.includes(shown)) return;
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeValue.includes(shown)) node.nodeValue = node.nodeValue.split(shown).join(actual);
    }
    if (code.textContent.includes(shown)) {
      code.textContent = code.textContent.split(shown).join(actual);
    }
  }

  function showAddresses() {
    for (const link of document.querySelectorAll("a[data-shown-as]")) {
      const shown = link.dataset.shownAs;
      if (!shown || shown === link.href) continue;
      for (const code of document.querySelectorAll("article code")) {
        replaceIn(code, shown, link.href);
      }
    }
  }

  // The notebook at `address`, its fills done with the site's address worked out from it
  function located(notebook, address) {
    const how = notebook.metadata && notebook.metadata[KEY];
    if (!how || !how.fill) return notebook;
    const site = new URL(how.site, address).href;
    for (const cell of notebook.cells) {
      let text = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
      for (const [type, built, filled] of how.fill) {
        if (cell.cell_type === type) text = text.split(built).join(filled.split("{site}").join(site));
      }
      cell.source = text;
    }
    notebook.metadata[KEY] = { site, downloaded_from: address };
    return notebook;
  }

  function save(href, name) {
    const link = document.createElement("a");
    link.href = href;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
  }

  async function download(button) {
    const name = button.getAttribute("download");
    try {
      const response = await fetch(button.href);
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      const notebook = located(await response.json(), button.href);
      const blob = new Blob([JSON.stringify(notebook, null, 1) + "\n"], {
        type: "application/x-ipynb+json",
      });
      const url = URL.createObjectURL(blob);
      save(url, name);
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (error) {
      console.warn(`the notebook is saved as built: ${error}`);
      save(button.href, name);
    }
  }

  function armButtons() {
    for (const button of document.querySelectorAll("a[download][href$='.ipynb']")) {
      if (button.dataset.armed) continue;
      button.dataset.armed = "1";
      button.addEventListener("click", (event) => {
        event.preventDefault();
        download(button);
      });
    }
  }

  const init = () => {
    showAddresses();
    armButtons();
  };
  if (typeof document$ !== "undefined") document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
