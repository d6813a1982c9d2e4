// Interactions: one unit relu(wA A + wB B + b) over the (A, B) plane. The shading is
// exact, not a pixel map: the unit is 0 on one side of its fold line and affine on the
// other, so one linear gradient drawn on that side is its value everywhere. A point
// (A, B), dragged or moved with the arrow keys, reads out the output and the slope in A.
// A and B are kept within [-100, 100]; a point outside the plotted square is drawn as a
// hollow dot on the square's edge with an arrow pointing out towards it. The unit is on
// where z > 0 exactly, and the readout prints z with as many digits as it takes not to
// show a positive or negative z as 0.
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
  const LIMIT = 100; // |A|, |B| at most this
  const within = (v) => Math.max(-LIMIT, Math.min(LIMIT, Number.isFinite(v) ? v : 0));
  // v for the readout: 3 decimals, or as many more (up to 9) as it takes for a value
  // that is not 0 not to read 0; past that, "just above 0" or "just below 0".
  function nonzero(v) {
    if (v === 0) return "0";
    for (let digits = 3; digits <= 9; digits += 1) {
      let text = core.fixed(v, digits); // then without trailing zeros: 0.0001, 5
      if (text.includes(".")) text = text.replace(/0+$/, "").replace(/\.$/, "");
      if (text !== "0" && text !== "-0") return text;
    }
    return v > 0 ? "just above 0" : "just below 0";
  }
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
      inputs[name].addEventListener("change", () => { // typed past a limit: show the limit
        core.setInput(inputs[name], within(Number(inputs[name].value)));
        draw();
      });
    }
    core.button(buttons, "Reset", () => set(DEFAULT));
    for (const [name, preset] of Object.entries(PRESETS)) {
      core.button(buttons, `Preset: ${name}`, () => set(preset));
    }

    function state() {
      const s = {};
      for (const [k, el] of Object.entries(inputs)) s[k] = Number(el.value);
      s.A = within(s.A);
      s.B = within(s.B);
      return s;
    }

    function set(s) {
      for (const [k, v] of Object.entries(s)) {
        core.setInput(inputs[k], k === "A" || k === "B" ? within(v) : v);
      }
      draw();
    }

    function movePoint(A, B) {
      core.setInput(inputs.A, round(within(A)));
      core.setInput(inputs.B, round(within(B)));
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
      const away = s.A < lo || s.A > hi || s.B < lo || s.B > hi;
      let [cx, cy] = [p.sx(inside(s.A)), p.sy(inside(s.B))];
      if (away) { // an arrow on the edge pointing out towards the point, the dot behind it
        const [dx, dy] = [Math.sign(s.A - inside(s.A)), -Math.sign(s.B - inside(s.B))];
        const length = Math.hypot(dx, dy);
        const [ux, uy] = [dx / length, dy / length]; // on the screen, y down
        const at = (along, across) => `${cx + ux * along - uy * across},`
          + `${cy + uy * along + ux * across}`;
        core.node("polygon", { points: `${at(0, 0)} ${at(-13, 8)} ${at(-13, -8)}`,
          class: "re-away" }, p.layer);
        [cx, cy] = [cx - 24 * ux, cy - 24 * uy];
      }
      point.classList.toggle("re-point-away", away);
      point.setAttribute("cx", cx);
      point.setAttribute("cy", cy);
      point.setAttribute("aria-valuenow", s.A);
      point.setAttribute("aria-valuetext", `A = ${core.fmt(s.A)}, B = ${core.fmt(s.B)}`);
      const value = z(s, s.A, s.B);
      const where = away ? " (off the plot: the arrow on the edge points to it)" : "";
      const signed = (v) => `${v < 0 ? "-" : "+"} ${core.fmt(Math.abs(v))}`;
      const sum = `${core.fmt(s.wA)}·A ${signed(s.wB)}·B ${signed(s.b)}`;
      readout.textContent = `At A = ${core.fmt(s.A, 6)}, B = ${core.fmt(s.B, 6)}${where}: `
        + `${sum} = ${nonzero(value)}, ` + (value > 0
          ? `the unit is on. Output ${nonzero(unit(s, s.A, s.B))}, slope in A `
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
