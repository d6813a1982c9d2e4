// Interactions: one unit relu(wA A + wB B + b) over the (A, B) plane. The shading is
// exact, not a pixel map: the unit is 0 on one side of its fold line and affine on the
// other, so one linear gradient drawn on that side is its value everywhere. A point
// (A, B), dragged or moved with the arrow keys, reads out the output and the slope in A.
//
// Test API: window.reluInteraction.get(root) returns { state(), set(state), output(),
// slopeA(), evaluate(points), timings }.
(() => {
  const core = window.reluCore;
  const DEFAULT = { wA: 2, wB: 3, b: 0, A: 1, B: 1 };
  const PRESETS = {
    "A = 1, B = 1": { wA: 2, wB: 3, b: 0, A: 1, B: 1 },
    "B = -100": { wA: 2, wB: 3, b: 0, A: 1, B: -100 },
  };
  const BOX = [-3, 3];
  const z = (s, A, B) => s.wA * A + s.wB * B + s.b;
  const unit = (s, A, B) => core.relu(z(s, A, B));
  const slopeA = (s, A, B) => (z(s, A, B) > 0 ? s.wA : 0); // relu'(0) taken as 0
  const round = (v) => Math.round(v * 1e6) / 1e6;

  function build(root, uid) {
    root.replaceChildren();
    const timings = [];
    const p = core.plot(root, { id: uid, width: 460, height: 390, pad: [14, 80, 46, 56],
      x: BOX, y: BOX, xlabel: "A", ylabel: "B", role: "group", square: true,
      title: "The unit's output over A and B from -3 to 3: shaded where it is on, darker "
        + "for larger output; the dashed line is the fold; the dot is the point (A, B)" });
    const defs = core.node("defs", {}, p.svg);
    const gradient = core.node("linearGradient", { id: `${uid}-ramp`,
      gradientUnits: "userSpaceOnUse" }, defs);
    core.node("stop", { offset: 0, class: "re-stop-lo" }, gradient);
    core.node("stop", { offset: 1, class: "re-stop-hi" }, gradient);
    const bar = core.node("linearGradient", { id: `${uid}-bar`, x1: 0, y1: 1, x2: 0, y2: 0 },
      defs);
    core.node("stop", { offset: 0, class: "re-stop-lo" }, bar);
    core.node("stop", { offset: 1, class: "re-stop-hi" }, bar);
    const legend = core.node("g", {}, p.svg);
    const point = core.node("circle", { r: 9, class: "re-point", tabindex: 0, role: "slider",
      "aria-label": "point (A, B); arrow keys move it, with Shift by 1",
      "aria-valuemin": -100, "aria-valuemax": 100 }, p.over);

    const readout = core.html("p", { class: "re-readout", "aria-live": "polite" }, root);
    const buttons = core.html("div", { class: "re-buttons" }, root);
    const controls = core.html("div", { class: "re-controls" }, root);
    const unitGroup = core.html("fieldset", { class: "re-group" }, controls);
    core.html("legend", {}, unitGroup, "the unit relu(wA A + wB B + b)");
    const inputs = {
      wA: core.slider(unitGroup, { id: `${uid}-wA`, label: "weight wA", min: -4, max: 4,
        step: 0.1, value: DEFAULT.wA, onInput: () => draw() }),
      wB: core.slider(unitGroup, { id: `${uid}-wB`, label: "weight wB", min: -4, max: 4,
        step: 0.1, value: DEFAULT.wB, onInput: () => draw() }),
      b: core.slider(unitGroup, { id: `${uid}-b`, label: "bias b", min: -6, max: 6, step: 0.1,
        value: DEFAULT.b, onInput: () => draw() }),
    };
    const pointGroup = core.html("fieldset", { class: "re-group" }, controls);
    core.html("legend", {}, pointGroup, "the point");
    for (const name of ["A", "B"]) {
      const row = core.html("div", { class: "re-control" }, pointGroup);
      core.html("label", { for: `${uid}-${name}` }, row, `input ${name}`);
      inputs[name] = core.html("input", { type: "number", id: `${uid}-${name}`, min: -100,
        max: 100, step: 0.1, value: DEFAULT[name] }, row);
      inputs[name].addEventListener("input", () => draw());
    }
    core.button(buttons, "Reset", () => set(DEFAULT));
    for (const [name, preset] of Object.entries(PRESETS)) {
      core.button(buttons, `Preset: ${name}`, () => set(preset));
    }

    function state() {
      const s = {};
      for (const [k, el] of Object.entries(inputs)) s[k] = Number(el.value);
      return s;
    }

    function set(s) {
      for (const [k, v] of Object.entries(s)) core.setInput(inputs[k], v);
      draw();
    }

    function movePoint(A, B) {
      core.setInput(inputs.A, round(Math.max(-100, Math.min(100, A))));
      core.setInput(inputs.B, round(Math.max(-100, Math.min(100, B))));
      draw();
    }

    point.addEventListener("keydown", (event) => {
      const step = event.shiftKey ? 1 : 0.1;
      const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowDown: [0, -step],
        ArrowUp: [0, step] };
      if (!moves[event.key]) return;
      event.preventDefault();
      const s = state();
      movePoint(s.A + moves[event.key][0], s.B + moves[event.key][1]);
    });
    const toData = (event) => {
      const box = p.svg.getBoundingClientRect();
      const [vx, vy] = [(event.clientX - box.left) * (p.width / box.width),
        (event.clientY - box.top) * (p.height / box.height)];
      const A = BOX[0] + ((vx - p.left) / (p.right - p.left)) * (BOX[1] - BOX[0]);
      const B = BOX[0] + ((p.bottom - vy) / (p.bottom - p.top)) * (BOX[1] - BOX[0]);
      const clamp = (v) => Math.round(Math.max(BOX[0], Math.min(BOX[1], v)) * 10) / 10;
      return [clamp(A), clamp(B)];
    };
    p.svg.addEventListener("pointerdown", (event) => {
      p.svg.setPointerCapture(event.pointerId);
      point.focus();
      movePoint(...toData(event));
    });
    p.svg.addEventListener("pointermove", (event) => {
      if (p.svg.hasPointerCapture(event.pointerId)) movePoint(...toData(event));
    });

    const draw = core.timed(timings, () => {
      const s = state();
      const [lo, hi] = BOX;
      const square = [[lo, lo], [hi, lo], [hi, hi], [lo, hi]];
      const on = core.clip(square, [s.wA, s.wB], s.b, true);
      const off = core.clip(square, [s.wA, s.wB], s.b, false);
      const top = Math.max(...square.map(([A, B]) => unit(s, A, B)));
      const screen = (poly) => poly.map(([A, B]) => `${p.sx(A)},${p.sy(B)}`).join(" ");
      p.layer.replaceChildren();
      if (off) core.node("polygon", { points: screen(off), class: "re-off" }, p.layer);
      const norm2 = s.wA * s.wA + s.wB * s.wB;
      if (on && norm2 > 0) {
        // from the fold (value 0) along the gradient (wA, wB) to the value `top`
        const foot = [(-s.b * s.wA) / norm2, (-s.b * s.wB) / norm2];
        const end = [foot[0] + (top * s.wA) / norm2, foot[1] + (top * s.wB) / norm2];
        for (const [k, v] of Object.entries({ x1: p.sx(foot[0]), y1: p.sy(foot[1]),
          x2: p.sx(end[0]), y2: p.sy(end[1]) })) gradient.setAttribute(k, v);
        core.node("polygon", { points: screen(on), fill: `url(#${uid}-ramp)` }, p.layer);
        const fold = on.filter(([A, B]) => Math.abs(z(s, A, B)) <= 1e-9 * (1 + Math.abs(s.b)));
        if (fold.length === 2) {
          core.node("line", { x1: p.sx(fold[0][0]), y1: p.sy(fold[0][1]),
            x2: p.sx(fold[1][0]), y2: p.sy(fold[1][1]), class: "re-fold" }, p.layer);
        }
      } else if (on) { // no weights: the unit is the constant relu(b) > 0 everywhere
        core.node("polygon", { points: screen(on), class: "re-off" }, p.layer);
      }
      legend.replaceChildren(); // the colour bar beside the plot, from 0 to the largest output
      const em = p.font;
      core.node("rect", { x: p.right + 0.8 * em, y: p.top, width: 0.8 * em,
        height: p.bottom - p.top, fill: `url(#${uid}-bar)`, class: "re-bar" }, legend);
      core.node("text", { x: p.right + 1.9 * em, y: p.top + 0.7 * em }, legend).textContent =
        core.fmt(top, 1);
      core.node("text", { x: p.right + 1.9 * em, y: p.bottom }, legend).textContent = "0";
      const inside = (v) => Math.max(lo, Math.min(hi, v));
      point.setAttribute("cx", p.sx(inside(s.A)));
      point.setAttribute("cy", p.sy(inside(s.B)));
      point.setAttribute("aria-valuenow", s.A);
      point.setAttribute("aria-valuetext", `A = ${core.fmt(s.A)}, B = ${core.fmt(s.B)}`);
      const value = z(s, s.A, s.B);
      const where = s.A < lo || s.A > hi || s.B < lo || s.B > hi ? " (off the plot)" : "";
      const signed = (v) => `${v < 0 ? "-" : "+"} ${core.fmt(Math.abs(v))}`;
      const sum = `${core.fmt(s.wA)}·A ${signed(s.wB)}·B ${signed(s.b)}`;
      readout.textContent = `At A = ${core.fmt(s.A)}, B = ${core.fmt(s.B)}${where}: `
        + `${sum} = ${core.fmt(value, 3)}, ` + (value > 0
          ? `the unit is on. Output ${core.fmt(unit(s, s.A, s.B), 3)}, slope in A `
            + `${core.fmt(s.wA)}: each unit of A adds ${core.fmt(s.wA)}.`
          : "the unit is off. Output 0, slope in A 0: A has no effect here.");
    });

    draw();
    p.redraw = draw;
    root.reluInteraction = {
      state, set, timings,
      output: () => { const s = state(); return unit(s, s.A, s.B); },
      slopeA: () => { const s = state(); return slopeA(s, s.A, s.B); },
      evaluate: (points) => { const s = state(); return points.map(([A, B]) => unit(s, A, B)); },
    };
  }

  window.reluInteraction = { get: (root) => root.reluInteraction };
  core.mount(".re-interaction", build);
})();
