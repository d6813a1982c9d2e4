// Approximation: the sum of N ReLUs that joins f(x) = sin 2x + x/2 dot to dot at N + 2
// evenly spaced knots on [-pi, pi] (ReluSum.interpolating), its largest error on the
// page's grid of 20001 points, the bound h^2/8 max|f''| (max|f''| = 4), and a log-log
// plot that keeps every N the reader has tried.
//
// Test API: window.reluApprox.get(root) returns { state(), set(state), evaluate(xs),
// maxError(), bound(), visited(), timings }.
(() => {
  const core = window.reluCore;
  const [A, B] = [-Math.PI, Math.PI];
  const f = (x) => Math.sin(2 * x) + x / 2;
  const GRID = core.linspace(A, B, 20001);
  const TARGET = GRID.map(f);
  const PLOT_XS = core.linspace(A, B, 601);
  const N_RANGE = [2, 200];
  const bound = (n) => ((B - A) / (n + 1)) ** 2 / 8 * 4;

  function fit(n) {
    const knots = core.linspace(A, B, n + 2);
    return { knots, sum: core.interpolating(knots, knots.map(f)) };
  }

  function maxError(sum) {
    const values = core.sumSorted(sum, GRID);
    let worst = 0;
    for (let i = 0; i < GRID.length; i += 1) worst = Math.max(worst, Math.abs(values[i] - TARGET[i]));
    return worst;
  }

  // The error's share of the bound in whole percent, with more digits where whole
  // percent would read 100% while the error is below the bound (as the page's
  // share_text does).
  function shareText(share) {
    let digits = 0;
    while (share < 1 && Number(core.fixed(share * 100, digits)) >= 100) digits += 1;
    return core.percent(share, digits);
  }

  function build(root, uid) {
    root.replaceChildren();
    const timings = [];
    const start = Number(root.dataset.n || 8);
    // both plots in one block above the controls, side by side on a wide screen
    const block = core.html("div", { class: "re-plots" }, root);
    const row = core.html("div", { class: "re-plot-row" }, block);
    // the x ranges reach a little past the first and last knot and N, so that the dots
    // there are drawn whole, not cut in half by the edge of the plot
    const curve = core.plot(row, { id: `${uid}-curve`, x: [A - 0.2, B + 0.2], y: [-2.6, 2.6],
      xlabel: "x", ylabel: "y", height: 300,
      title: "The target sin 2x + x/2 (thick, pale) and the sum of N ReLUs through it" });
    const errors = core.plot(row, { id: `${uid}-errors`, x: [1.6, 250], y: [1e-4, 3],
      logx: true, logy: true, height: 300, xlabel: "number of units N",
      ylabel: "largest error",
      title: "Log-log plot of the largest error against N for every N tried, under the "
        + "dashed bound h²/8 · max|f''|" });
    const readout = core.html("p", { class: "re-readout", "aria-live": "polite" }, root);
    const controls = core.html("div", { class: "re-controls" }, root);
    const group = core.html("fieldset", { class: "re-group" }, controls);
    core.html("legend", {}, group, "units");
    const n = core.slider(group, { id: `${uid}-n`, label: "N ReLUs", min: N_RANGE[0],
      max: N_RANGE[1], step: 1, value: start, onInput: () => draw(), show: String });
    const buttons = core.html("div", { class: "re-buttons" }, group);
    core.button(buttons, "Halve N", () => set({ n: Math.max(2, Math.round(state().n / 2)) }));
    core.button(buttons, "Double N", () => set({ n: Math.min(200, state().n * 2) }));
    const ns = Array.from({ length: 199 }, (_, i) => i + 2);
    const seen = new Map();

    const state = () => ({ n: Number(n.value) });
    function set(s) {
      core.setInput(n, s.n);
      draw();
    }

    const draw = core.timed(timings, () => {
      const count = state().n;
      const { knots, sum } = fit(count);
      const error = maxError(sum);
      seen.set(count, error);
      curve.layer.replaceChildren();
      core.node("path", { d: core.pathOf(curve, PLOT_XS, PLOT_XS.map(f)), class: "re-guide" },
        curve.layer);
      core.node("path", { d: core.pathOf(curve, PLOT_XS, core.sumSorted(sum, PLOT_XS)),
        class: "re-main" }, curve.layer);
      if (count <= 40) {
        for (const k of knots) {
          core.node("circle", { cx: curve.sx(k), cy: curve.sy(f(k)), r: 4, class: "re-dot" },
            curve.layer);
        }
      }
      errors.layer.replaceChildren();
      core.node("path", { d: core.pathOf(errors, ns, ns.map(bound)), class: "re-dashed" },
        errors.layer);
      for (const [m, e] of seen) {
        core.node("circle", { cx: errors.sx(m), cy: errors.sy(e), r: m === count ? 7 : 4,
          class: `re-fill re-c${m === count ? 1 : 0}` }, errors.layer);
      }
      const limit = bound(count);
      readout.textContent = `N = ${count} ReLUs: largest error ${core.fixed(error, 4)} on [-π, π]; `
        + `the bound h²/8 · max|f''| is ${core.fixed(limit, 4)}, so the error is `
        + `${shareText(error / limit)} of it.`;
    });

    draw();
    curve.redraw = draw;
    errors.redraw = draw;
    root.reluApprox = {
      state, set, timings,
      evaluate: (xs) => { const { sum } = fit(state().n); return xs.map((x) => core.sumAt(sum, x)); },
      maxError: () => maxError(fit(state().n).sum),
      bound: () => bound(state().n),
      visited: () => [...seen].sort((p, q) => p[0] - q[0]),
    };
  }

  window.reluApprox = { get: (root) => root.reluApprox };
  core.mount(".re-approximation", build);
})();
