// ReLU-sum playground: y(x) = bias + slope * x + sum_i weight_i * relu(x - shift_i),
// exactly the formula of relu_explained.ReluSum. Plain JS and SVG, nothing loaded.
//
// Test API (documented for the browser tests): window.reluPlayground.get(root) returns
// { state(), evaluate(xs), set(state) } for a playground element.
(() => {
  const SVG = "http://www.w3.org/2000/svg";
  const X_RANGE = [-4, 4];
  const Y_RANGE = [-4, 4];
  const SIZE = { width: 640, height: 360, pad: 36 };
  const DEFAULT = { bias: 0, slope: 0, shifts: [-2, -0.5, 1, 2.5], weights: [1, -1.5, 1, -1] };
  const PRESETS = {
    hat: { bias: 0, slope: 0, shifts: [-1, 0, 1, 3], weights: [1, -2, 1, 0] },
    "zig-zag": { bias: 0, slope: 0, shifts: [-2, -1, 1, 2], weights: [1, -2, 2, -2] },
    parabola: { bias: -2.25, slope: -2.25, shifts: [-1.5, -0.5, 0.5, 1.5],
                weights: [1.25, 1, 1, 1.25] },
  };
  const relu = (z) => (z > 0 ? z : 0);
  const evaluate = (s, x) =>
    s.shifts.reduce((y, h, i) => y + s.weights[i] * relu(x - h), s.bias + s.slope * x);
  const fmt = (v) => (Math.abs(v) < 1e-12 ? "0" : String(Math.round(v * 100) / 100));

  function node(name, attrs = {}, parent = null) {
    const el = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (parent) parent.appendChild(el);
    return el;
  }

  function slider(container, id, label, min, max, step, value, onInput) {
    const row = document.createElement("div");
    row.className = "rp-control";
    const lab = document.createElement("label");
    lab.htmlFor = id;
    lab.textContent = label;
    const input = document.createElement("input");
    Object.assign(input, { type: "range", id, min, max, step, value });
    const out = document.createElement("output");
    out.htmlFor = id;
    out.value = fmt(value);
    input.addEventListener("input", () => {
      out.value = fmt(Number(input.value));
      onInput();
    });
    row.append(lab, input, out);
    container.appendChild(row);
    return input;
  }

  function build(root, index) {
    const terms = Number(root.dataset.terms || 4);
    const uid = `rp${index}`;
    root.innerHTML = "";
    const sx = (x) => SIZE.pad + ((x - X_RANGE[0]) / (X_RANGE[1] - X_RANGE[0])) * (SIZE.width - 2 * SIZE.pad);
    const sy = (y) => SIZE.height - SIZE.pad - ((y - Y_RANGE[0]) / (Y_RANGE[1] - Y_RANGE[0])) * (SIZE.height - 2 * SIZE.pad);

    const svg = node("svg", { viewBox: `0 0 ${SIZE.width} ${SIZE.height}`, role: "img",
      "aria-labelledby": `${uid}-title` }, root);
    node("title", { id: `${uid}-title` }, svg).textContent =
      "Plot of the ReLU terms (dashed) and their sum (solid) over x from -4 to 4";
    node("clipPath", { id: `${uid}-clip` }, svg).appendChild(
      node("rect", { x: SIZE.pad, y: SIZE.pad, width: SIZE.width - 2 * SIZE.pad,
        height: SIZE.height - 2 * SIZE.pad }));
    const axes = node("g", { class: "rp-axes" }, svg);
    for (let v = -4; v <= 4; v += 1) {
      node("line", { x1: sx(v), x2: sx(v), y1: sy(Y_RANGE[0]), y2: sy(Y_RANGE[1]),
        class: v === 0 ? "rp-zero" : "rp-grid" }, axes);
      node("line", { x1: sx(X_RANGE[0]), x2: sx(X_RANGE[1]), y1: sy(v), y2: sy(v),
        class: v === 0 ? "rp-zero" : "rp-grid" }, axes);
      if (v % 2 === 0) {
        node("text", { x: sx(v), y: SIZE.height - SIZE.pad + 16, "text-anchor": "middle" }, axes)
          .textContent = String(v);
        node("text", { x: SIZE.pad - 8, y: sy(v) + 4, "text-anchor": "end" }, axes)
          .textContent = String(v);
      }
    }
    node("text", { x: SIZE.width / 2, y: SIZE.height - 4, "text-anchor": "middle" }, axes)
      .textContent = "input x";
    const plot = node("g", { "clip-path": `url(#${uid}-clip)` }, svg);

    const controls = document.createElement("div");
    controls.className = "rp-controls";
    root.appendChild(controls);
    const inputs = { shifts: [], weights: [] };
    const redraw = () => draw();
    for (let i = 0; i < terms; i += 1) {
      const group = document.createElement("fieldset");
      group.className = `rp-term rp-term-${i}`;
      const legend = document.createElement("legend");
      legend.textContent = `term ${i + 1}`;
      group.appendChild(legend);
      inputs.shifts.push(slider(group, `${uid}-shift-${i}`, `shift ${i + 1}`, -4, 4, 0.1,
        DEFAULT.shifts[i] ?? 0, redraw));
      inputs.weights.push(slider(group, `${uid}-weight-${i}`, `weight ${i + 1}`, -3, 3, 0.05,
        DEFAULT.weights[i] ?? 0, redraw));
      controls.appendChild(group);
    }
    const line = document.createElement("fieldset");
    line.className = "rp-term";
    const lineLegend = document.createElement("legend");
    lineLegend.textContent = "line";
    line.appendChild(lineLegend);
    inputs.bias = slider(line, `${uid}-bias`, "bias", -4, 4, 0.05, DEFAULT.bias, redraw);
    inputs.slope = slider(line, `${uid}-slope`, "slope", -3, 3, 0.05, DEFAULT.slope, redraw);
    controls.appendChild(line);

    const readout = document.createElement("p");
    readout.className = "rp-readout";
    readout.setAttribute("aria-live", "polite");
    root.insertBefore(readout, controls);

    const buttons = document.createElement("div");
    buttons.className = "rp-buttons";
    for (const name of ["reset", ...Object.keys(PRESETS)]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.textContent = name === "reset" ? "Reset" : `Preset: ${name}`;
      button.addEventListener("click", () => set(name === "reset" ? DEFAULT : PRESETS[name]));
      buttons.appendChild(button);
    }
    root.insertBefore(buttons, controls);

    function state() {
      return {
        bias: Number(inputs.bias.value),
        slope: Number(inputs.slope.value),
        shifts: inputs.shifts.map((el) => Number(el.value)),
        weights: inputs.weights.map((el) => Number(el.value)),
      };
    }

    function set(s) {
      const assign = (el, v) => {
        el.value = v;
        el.nextElementSibling.value = fmt(Number(el.value));
      };
      assign(inputs.bias, s.bias);
      assign(inputs.slope, s.slope);
      inputs.shifts.forEach((el, i) => assign(el, s.shifts[i] ?? 0));
      inputs.weights.forEach((el, i) => assign(el, s.weights[i] ?? 0));
      draw();
    }

    function path(f) {
      const n = 400;
      let d = "";
      for (let k = 0; k <= n; k += 1) {
        const x = X_RANGE[0] + ((X_RANGE[1] - X_RANGE[0]) * k) / n;
        d += `${k ? "L" : "M"}${sx(x).toFixed(2)},${sy(f(x)).toFixed(2)}`;
      }
      return d;
    }

    function draw() {
      const s = state();
      plot.replaceChildren();
      s.shifts.forEach((h, i) => {
        node("path", { d: path((x) => s.weights[i] * relu(x - h)), class: `rp-part rp-c${i}` }, plot);
      });
      node("path", { d: path((x) => evaluate(s, x)), class: "rp-sum" }, plot);
      // bends: distinct shifts with a non-zero total weight, as ReluSum.kinks
      const totals = new Map();
      s.shifts.forEach((h, i) => totals.set(h, (totals.get(h) || 0) + s.weights[i]));
      const bends = [...totals].filter(([, w]) => Math.abs(w) > 1e-12).sort((a, b) => a[0] - b[0]);
      for (const [h] of bends) {
        node("circle", { cx: sx(h), cy: sy(evaluate(s, h)), r: 5, class: "rp-bend" }, plot);
      }
      let current = s.slope;
      const slopes = [current];
      for (const [, w] of bends) slopes.push((current += w));
      readout.textContent = bends.length
        ? `Bends at ${bends.map(([h]) => fmt(h)).join(", ")}; slopes, left to right: ${slopes.map(fmt).join(", ")}`
        : `No bends: a straight line with slope ${fmt(s.slope)}`;
    }

    draw();
    const api = { state, set, evaluate: (xs) => xs.map((x) => evaluate(state(), x)) };
    root.reluPlayground = api;
    return api;
  }

  window.reluPlayground = { get: (root) => root.reluPlayground, evaluate };
  const init = () => document.querySelectorAll(".relu-playground").forEach(build);
  if (typeof document$ !== "undefined") document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
