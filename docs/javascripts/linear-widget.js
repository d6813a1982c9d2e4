// ReLU vs linear: the page's worked example, three hidden units relu(x + b_i) with output
// weights 1, 0.5, -2, on inputs x in a range the reader chooses. Each unit is dead (off on
// the whole range), always on, or switching inside it; with no unit switching, the output
// is exactly a line on the range, and the widget says which.
//
// Test API: window.reluLinear.get(root) returns { state(), set(state), evaluate(xs),
// status(), line(), timings }.
(() => {
  const core = window.reluCore;
  const OUT = [1, 0.5, -2];
  const DEFAULT = { biases: [-10, 10, 10], range: [-4, 4] };
  // the plot reaches a little past the sliders' -12 and 12, so that a bend at either end
  // is drawn as a whole dot
  const X = [-12.8, 12.8];
  const XS = core.linspace(X[0], X[1], 513);

  const network = (biases) => ({
    weights: [[[1, 1, 1]], OUT.map((v) => [v])],
    biases: [biases.slice(), [0]],
  });

  // dead: x + b <= 0 on all of [lo, hi]; on: x + b >= 0 on all of it; else switching
  const statusOf = (b, [lo, hi]) => (hi + b <= 0 ? "dead" : lo + b >= 0 ? "on" : "switching");

  // The unit's state in words, by the page's definition: on where z = x + b > 0, off where
  // z <= 0. A unit whose bend sits exactly at an end of the range has z = 0 there: it is off
  // at that one input, and relu(z) = z still holds on the whole range.
  function describe(state, b, [lo, hi]) {
    if (state === "switching") return "switching inside the range";
    if (state === "dead") {
      return hi + b === 0 ? `dead: off on the whole range (z = 0 at x = ${core.fmt(hi)})`
        : "dead: off on the whole range";
    }
    return lo + b === 0
      ? `on in the range except at x = ${core.fmt(lo)}, where z = 0 (off); `
        + "its output is z on the whole range"
      : "always on in the range";
  }

  function lineOf(biases, range) {
    const states = biases.map((b) => statusOf(b, range));
    if (states.includes("switching")) return null;
    let slope = 0;
    let intercept = 0;
    states.forEach((s, i) => {
      if (s === "on") {
        slope += OUT[i];
        intercept += OUT[i] * biases[i];
      }
    });
    return { slope, intercept };
  }

  function equation({ slope, intercept }) {
    const f = (v) => core.fmt(v, 3);
    if (Math.abs(slope) < 1e-12) return `y = ${f(intercept)}`;
    const head = `y = ${slope === 1 ? "" : slope === -1 ? "-" : f(slope)}x`;
    if (Math.abs(intercept) < 1e-12) return head;
    return `${head} ${intercept < 0 ? "-" : "+"} ${f(Math.abs(intercept))}`;
  }

  const list = (words) => (words.length < 2 ? words.join("")
    : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`);
  const unitsNamed = (ids) => `unit${ids.length > 1 ? "s" : ""} ${list(ids.map(String))}`;

  // The units bending at each x, left to right: [x, [unit, ...]]
  function bendsOf(biases) {
    const at = new Map();
    biases.forEach((b, i) => at.set(-b, [...(at.get(-b) || []), i]));
    return [...at].sort((p, q) => p[0] - q[0]);
  }

  function build(root, uid) {
    root.replaceChildren();
    const timings = [];
    const p = core.plot(root, { id: uid, x: X, y: [-10, 10], xlabel: "input x",
      ylabel: "output", title: "The network's output over x from -12 to 12; the shaded band "
        + "is the data range, dots labelled with their unit mark where each unit switches" });
    const units = core.html("ul", { class: "re-units", "aria-label": "state of each unit" }, root);
    const items = OUT.map((_, i) => core.html("li", { class: `re-c${i}` }, units));
    const readout = core.html("p", { class: "re-readout", "aria-live": "polite" }, root);
    const buttons = core.html("div", { class: "re-buttons" }, root);
    const controls = core.html("div", { class: "re-controls" }, root);
    const biasGroup = core.html("fieldset", { class: "re-group" }, controls);
    core.html("legend", {}, biasGroup, "biases");
    const biasInputs = DEFAULT.biases.map((b, i) => core.slider(biasGroup, {
      id: `${uid}-b${i}`, label: `bias of unit ${i}`, min: -12, max: 12, step: 0.5, value: b,
      onInput: () => draw() }));
    const data = core.html("fieldset", { class: "re-group" }, controls);
    core.html("legend", {}, data, "data range");
    const lo = core.slider(data, { id: `${uid}-lo`, label: "range from", min: -12, max: 12,
      step: 0.5, value: DEFAULT.range[0], onInput: () => keep(lo) });
    const hi = core.slider(data, { id: `${uid}-hi`, label: "range to", min: -12, max: 12,
      step: 0.5, value: DEFAULT.range[1], onInput: () => keep(hi) });
    core.button(buttons, "Reset", () => set(DEFAULT));
    core.button(buttons, "Preset: unit 0 bends at -1", () => set({ biases: [1, 10, 10] }));

    function keep(moved) { // the range stays non-empty: the other end gives way
      if (Number(lo.value) >= Number(hi.value)) {
        if (moved === lo) core.setInput(hi, Math.min(12, Number(lo.value) + 0.5));
        if (Number(lo.value) >= Number(hi.value)) core.setInput(lo, Number(hi.value) - 0.5);
      }
      draw();
    }

    function state() {
      return { biases: biasInputs.map((el) => Number(el.value)),
        range: [Number(lo.value), Number(hi.value)] };
    }

    function set(s) {
      (s.biases || []).forEach((b, i) => core.setInput(biasInputs[i], b));
      if (s.range) {
        core.setInput(lo, s.range[0]);
        core.setInput(hi, s.range[1]);
      }
      keep(null);
    }

    const draw = core.timed(timings, () => {
      const { biases, range } = state();
      const net = network(biases);
      const ys = Array.from(XS, (x) => core.output(net, [x])[0]);
      let [ymin, ymax] = [Math.min(...ys), Math.max(...ys)];
      if (ymax - ymin < 4) [ymin, ymax] = [(ymin + ymax) / 2 - 2, (ymin + ymax) / 2 + 2];
      const margin = (ymax - ymin) * 0.06;
      p.setRange(X, [ymin - margin, ymax + margin]);
      p.layer.replaceChildren();
      core.node("rect", { x: p.sx(range[0]), width: p.sx(range[1]) - p.sx(range[0]),
        y: p.top, height: p.bottom - p.top, class: "re-shade" }, p.layer);
      core.node("path", { d: core.pathOf(p, XS, ys), class: "re-thin" }, p.layer);
      const inside = XS.filter((x) => x >= range[0] && x <= range[1]);
      const xsIn = [range[0], ...inside, range[1]];
      core.node("path", { d: core.pathOf(p, xsIn, xsIn.map((x) => core.output(net, [x])[0])),
        class: "re-main" }, p.layer);
      const states = biases.map((b) => statusOf(b, range));
      biases.forEach((b, i) => {
        core.node("circle", { cx: p.sx(-b), cy: p.sy(core.output(net, [-b])[0]), r: 8 - 2 * i,
          class: `re-fill re-c${i}` }, p.layer);
      });
      const bends = bendsOf(biases);
      labelBends(net, bends);
      biases.forEach((b, i) => {
        const where = describe(states[i], b, range);
        const others = bends.find(([x]) => x === -b)[1].filter((j) => j !== i);
        const shared = others.length ? `, with ${unitsNamed(others)}` : "";
        items[i].textContent = `unit ${i}: ${where} (bends at x = ${core.fmt(-b)}${shared})`;
        items[i].classList.toggle("re-dead", states[i] === "dead");
      });
      const span = `[${core.fmt(range[0])}, ${core.fmt(range[1])}]`;
      const line = lineOf(biases, range);
      if (line) {
        readout.textContent = `No unit switches inside ${span}: the output is exactly linear `
          + `on this range, ${equation(line)}.`;
      } else {
        const switching = states.map((s, i) => [s, i]).filter(([s]) => s === "switching");
        const at = bends.map(([x, ids]) => [x, ids.filter((i) => states[i] === "switching")])
          .filter(([, ids]) => ids.length)
          .map(([x, ids]) => core.fmt(x) + (ids.length > 1 ? ` (${unitsNamed(ids)})` : ""));
        readout.textContent = `${switching.length === 1 ? "Unit" : "Units"} `
          + `${list(switching.map(([, i]) => String(i)))} `
          + `${switching.length === 1 ? "switches" : "switch"} inside ${span}: the output `
          + `bends at x = ${at.join(", ")}, so it is not one line on this range.`;
      }
    });

    // A label for each dot, "unit 0"; one for dots at the same x, "units 1 and 2"; and one
    // for dots whose labels would meet. A label sits above its dots, or below them where
    // the top of the plot is near.
    function labelBends(net, bends) {
      const em = p.font;
      const place = (g) => {
        const half = (core.textWidth(g.text) * em) / 2 + 2;
        const x = Math.min(p.right - half, Math.max(p.left + half, (g.x0 + g.x1) / 2));
        const above = g.top - 10 - 0.3 * em;
        const y = Math.min(p.bottom - 0.3 * em,
          above - 0.95 * em > p.top ? above : g.low + 10 + 0.95 * em);
        return { ...g, x, y, box: [x - half, y - 0.95 * em, x + half, y + 0.3 * em] };
      };
      const meet = (a, b) => a.box[0] < b.box[2] && b.box[0] < a.box[2]
        && a.box[1] < b.box[3] && b.box[1] < a.box[3];
      let groups = bends.map(([x, ids]) => {
        const [sx, sy] = [p.sx(x), p.sy(core.output(net, [x])[0])];
        return place({ ids, text: unitsNamed(ids), x0: sx, x1: sx, top: sy, low: sy });
      });
      for (let merged = true; merged;) {
        merged = false;
        for (let i = 0; i + 1 < groups.length && !merged; i += 1) {
          for (let j = i + 1; j < groups.length && !merged; j += 1) {
            const [a, b] = [groups[i], groups[j]];
            if (!meet(a, b)) continue;
            const ids = [...a.ids, ...b.ids].sort();
            groups.splice(j, 1);
            groups[i] = place({ ids, text: unitsNamed(ids), x0: Math.min(a.x0, b.x0),
              x1: Math.max(a.x1, b.x1), top: Math.min(a.top, b.top), low: Math.max(a.low, b.low) });
            merged = true;
          }
        }
      }
      groups = groups.sort((a, b) => a.x - b.x);
      for (const g of groups) {
        core.node("text", { x: g.x, y: g.y, "text-anchor": "middle", class: "re-label" },
          p.layer).textContent = g.text;
      }
    }

    draw();
    p.redraw = draw;
    root.reluLinear = {
      state, set, timings,
      evaluate: (xs) => xs.map((x) => core.output(network(state().biases), [x])[0]),
      status: () => state().biases.map((b) => statusOf(b, state().range)),
      line: () => lineOf(state().biases, state().range),
    };
  }

  window.reluLinear = { get: (root) => root.reluLinear };
  core.mount(".re-linear", build);
})();
