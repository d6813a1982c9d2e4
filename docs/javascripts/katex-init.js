// Render the math that pymdownx.arithmatex leaves in .arithmatex elements, on every page
// change (instant navigation swaps the content without reloading the scripts).
document$.subscribe(() => {
  for (const element of document.querySelectorAll(".arithmatex")) {
    renderMathInElement(element, {
      delimiters: [
        { left: "\\(", right: "\\)", display: false },
        { left: "\\[", right: "\\]", display: true },
      ],
      // a formula KaTeX cannot parse stays as raw text and logs a console error, so the
      // browser tests catch it (throwOnError: false would render it in red, silently)
      throwOnError: true,
    });
  }
});
