// ReLU-sum playground: y(x) = offset + slope * x + sum_i weight_i * relu(x - shift_i),
// exactly the formula of relu_explained.ReluSum (reluCore.sumAt). Plain JS and SVG.
//
// Test API (documented for the browser tests): window.reluPlayground.get(root) returns
// { state(), evaluate(xs), set(state), timings } for a playground element.
(() => {
  const core = window.reluCore;
  const DEFAULT = { offset: 0, slope: 0, shifts: [-2, -0.5, 1, 2.5], weights: [1, -1.5, 1, -1] };
  const PRESETS = {
    hat: { offset: 0, slope: 0, shifts: [-1, 0, 1, 3], weights: [1, -2, 1, 0] },
    "zig-zag": { offset: 0, slope: 0, shifts: [-2, -1, 1, 2], weights: [1, -2, 2, -2] },
    parabola: { offset: -2.25, slope: -2.25, shifts: [-1.5, -0.5, 0.5, 1.5],
                weights: [1.25, 1, 1, 1.25] },
  };
  const XS = core.linspace(-4, 4, 401);

  function build(root, uid) {
    const terms = Number(root.dataset.terms || 4);
    root.replaceChildren();
    const p = core.plot(root, { id: uid, x: [-4, 4], y: [-4, 4], xlabel: "input x",
      title: "Plot of the ReLU terms (dashed) and their sum (solid) over x from -4 to 4" });
    // rp-readout: the name its first browser tests know it by
    const readout = core.html("p", { class: "re-readout rp-readout", "aria-live": "polite" },
      root);
    const buttons = core.html("div", { class: "re-buttons" }, root);
    const controls = core.html("div", { class: "re-controls" }, root);
    const inputs = { shifts: [], weights: [] };
    const timings = [];
    const draw = core.timed(timings, () => {
      const s = state();
      p.layer.replaceChildren();
      s.shifts.forEach((h, i) => {
        core.node("path", { d: core.pathOf(p, XS, XS.map((x) => s.weights[i] * core.relu(x - h))),
          class: `re-part re-c${i % 6}` }, p.layer);
      });
      core.node("path", { d: core.pathOf(p, XS, XS.map((x) => core.sumAt(s, x))), class: "re-main" },
        p.layer);
      const { kinks, slopes } = core.bends(s);
      for (const h of kinks) {
        core.node("circle", { cx: p.sx(h), cy: p.sy(core.sumAt(s, h)), r: 5, class: "re-dot" },
          p.layer);
      }
      readout.textContent = kinks.length
        ? `Bends at ${kinks.map((h) => core.fmt(h)).join(", ")}; slopes, left to right: ${slopes.map((v) => core.fmt(v)).join(", ")}`
        : `No bends: a straight line with slope ${core.fmt(s.slope)}`;
    });
    for (let i = 0; i < terms; i += 1) {
      const group = core.html("fieldset", { class: `re-group re-border-${i % 6}` }, controls);
      core.html("legend", {}, group, `term ${i + 1}`);
      inputs.shifts.push(core.slider(group, { id: `${uid}-shift-${i}`, label: `shift ${i + 1}`,
        min: -4, max: 4, step: 0.1, value: DEFAULT.shifts[i] ?? 0, onInput: () => draw() }));
      inputs.weights.push(core.slider(group, { id: `${uid}-weight-${i}`, label: `weight ${i + 1}`,
        min: -3, max: 3, step: 0.05, value: DEFAULT.weights[i] ?? 0, onInput: () => draw() }));
    }
    const line = core.html("fieldset", { class: "re-group" }, controls);
    core.html("legend", {}, line, "line");
    inputs.offset = core.slider(line, { id: `${uid}-offset`, label: "offset", min: -4, max: 4,
      step: 0.05, value: DEFAULT.offset, onInput: () => draw() });
    inputs.slope = core.slider(line, { id: `${uid}-slope`, label: "slope", min: -3, max: 3,
      step: 0.05, value: DEFAULT.slope, onInput: () => draw() });
    for (const name of ["reset", ...Object.keys(PRESETS)]) {
      core.button(buttons, name === "reset" ? "Reset" : `Preset: ${name}`,
        () => set(name === "reset" ? DEFAULT : PRESETS[name]));
    }

    function state() {
      return {
        offset: Number(inputs.offset.value),
        slope: Number(inputs.slope.value),
        shifts: inputs.shifts.map((el) => Number(el.value)),
        weights: inputs.weights.map((el) => Number(el.value)),
      };
    }

    function set(s) {
      core.setInput(inputs.offset, s.offset);
      core.setInput(inputs.slope, s.slope);
      inputs.shifts.forEach((el, i) => core.setInput(el, s.shifts[i] ?? 0));
      inputs.weights.forEach((el, i) => core.setInput(el, s.weights[i] ?? 0));
      draw();
    }

    draw();
    p.redraw = draw;
    root.reluPlayground = { state, set, timings,
      evaluate: (xs) => xs.map((x) => core.sumAt(state(), x)) };
  }

  window.reluPlayground = { get: (root) => root.reluPlayground, evaluate: core.sumAt };
  core.mount(".relu-playground", build);
})();
