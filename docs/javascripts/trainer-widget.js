// Dead neurons: train the page's network live, full-batch gradient descent on the mean
// squared error exactly as relu_explained.fit does it (reluCore.lossAndGradients and
// .descend). The data are the page's, x = linspace(-1, 1, 100), y = sin 3x; the starting
// weights are not drawn here (numpy's generator made them): the page writes them into
// the element's data-start attribute, and a test checks they are the package's.
//
// Test API: window.reluTrainer.get(root) returns { state(), set(state), reset(),
// step(n), net(), start(), data(), history(), alive(), timings }.
(() => {
  const core = window.reluCore;
  const X = Array.from(core.linspace(-1, 1, 100), (x) => [x]);
  const Y = X.map(([x]) => [Math.sin(3 * x)]);
  const STEPS_PER_FRAME = 4;
  const DEAD_RANGE = [-0.04, 1.04]; // a share of 0 or 1 drawn inside the plot, not on its edge

  function build(root, uid) {
    const start = JSON.parse(root.dataset.start);
    const units = start.biases[0].length;
    root.replaceChildren();
    const timings = [];
    let net;
    let current; // loss, gradients and dead share at the current weights
    let history;
    let playing = false;

    // the three charts in one block above the controls; the loss and dead share charts
    // side by side on a wide screen
    const block = core.html("div", { class: "re-plots" }, root);
    const fitPlot = core.plot(block, { id: `${uid}-fit`, x: [-1, 1], y: [-1.5, 1.5], height: 260,
      xlabel: "x", ylabel: "y",
      title: "The data sin 3x (thick, pale) and the network's output now (in the text's colour); "
        + "short marks on the x axis show where each live unit bends" });
    const key = core.html("ul", { class: "re-key", "aria-label": "legend of the chart above" },
      block);
    for (const [line, text] of [["re-key-main", "the network's output now"],
      ["re-key-guide", "the data, sin 3x"]]) {
      const item = core.html("li", {}, key);
      core.html("span", { class: `re-key-line ${line}`, "aria-hidden": "true" }, item);
      item.append(text);
    }
    const row = core.html("div", { class: "re-plot-row" }, block);
    const labelWidth = core.textWidth("10\u207b\u00b3"); // 10⁻³: the loss and dead share
    // charts keep the same room for y labels, so that their step axes line up
    const lossPlot = core.plot(row, { id: `${uid}-loss`, x: [0, 100], y: [1e-3, 10],
      logy: true, height: 220, labelWidth, xlabel: "gradient step", ylabel: "loss",
      title: "The loss, mean squared error on the data, after each step" });
    const deadPlot = core.plot(row, { id: `${uid}-dead`, x: [0, 100], y: DEAD_RANGE,
      height: 220, labelWidth,
      xlabel: "gradient step", ylabel: "dead share",
      title: "The share of hidden units that are off on every input, after each step" });
    const strip = core.html("ul", { class: "re-units", "aria-label": "hidden units" }, root);
    const cells = Array.from({ length: units }, () => core.html("li", { class: "re-c0" }, strip));
    const readout = core.html("p", { class: "re-readout", "aria-live": "polite" }, root);
    const buttons = core.html("div", { class: "re-buttons" }, root);
    const play = core.button(buttons, "Play", () => (playing ? pause() : resume()));
    play.setAttribute("aria-pressed", "false");
    core.button(buttons, "Step", () => { pause(); advance(1); });
    core.button(buttons, "Reset", () => { pause(); reset(); });
    const controls = core.html("div", { class: "re-controls" }, root);
    const group = core.html("fieldset", { class: "re-group" }, controls);
    core.html("legend", {}, group, "training");
    const lr = core.slider(group, { id: `${uid}-lr`, label: "learning rate", min: 0.01,
      max: 1, step: 0.01, value: Number(root.dataset.lr || 0.05), onInput: () => draw() });

    function reset() {
      net = core.copyNet(start);
      current = core.lossAndGradients(net, X, Y);
      history = { loss: [current.loss], deadFraction: [current.deadFraction] };
      draw();
    }

    function advance(n) {
      for (let i = 0; i < n && Number.isFinite(current.loss); i += 1) {
        core.descend(net, current, Number(lr.value));
        current = core.lossAndGradients(net, X, Y);
        history.loss.push(current.loss);
        history.deadFraction.push(current.deadFraction);
      }
      if (!Number.isFinite(current.loss)) pause();
      draw();
    }

    const frame = core.timed(timings, () => advance(STEPS_PER_FRAME));
    function loop() {
      if (!playing) return;
      frame();
      if (playing) requestAnimationFrame(loop);
    }
    function resume() {
      playing = true;
      play.textContent = "Pause";
      play.setAttribute("aria-pressed", "true");
      requestAnimationFrame(loop);
    }
    function pause() {
      playing = false;
      play.textContent = "Play";
      play.setAttribute("aria-pressed", "false");
    }

    // y range of the fit plot: the data's, widened to hold the output wherever it goes,
    // in steps of 0.5 so that it does not twitch with every step
    function fitRange(ys) {
      const finite = ys.filter(Number.isFinite);
      const lo = Math.min(-1.2, ...finite);
      const hi = Math.max(1.2, ...finite);
      const margin = 0.06 * (hi - lo);
      return [Math.floor((lo - margin) * 2) / 2, Math.ceil((hi + margin) * 2) / 2];
    }

    // the value at the last step, as a dot: at step 0 it is all a chart shows
    function now(p, values) {
      const t = values.length - 1;
      if (Number.isFinite(values[t])) {
        core.node("circle", { cx: p.sx(t), cy: p.sy(values[t]), r: 5, class: "re-fill re-c1" },
          p.layer);
      }
    }

    function series(p, values) {
      const steps = values.length - 1;
      const every = Math.max(1, Math.ceil(steps / 400)); // at most ~400 points drawn
      const xs = [];
      for (let t = 0; t < steps; t += every) xs.push(t);
      xs.push(steps);
      const shown = xs.filter((t) => Number.isFinite(values[t]));
      return core.pathOf(p, shown, shown.map((t) => values[t]));
    }

    function draw() {
      const steps = history.loss.length - 1;
      const xs = Array.from(core.linspace(-1, 1, 201));
      const out = xs.map((x) => core.output(net, [x])[0]);
      fitPlot.setRange([-1, 1], fitRange(out));
      fitPlot.layer.replaceChildren();
      core.node("path", { d: core.pathOf(fitPlot, X.map(([x]) => x), Y.map(([y]) => y)),
        class: "re-guide" }, fitPlot.layer);
      const shown = xs.filter((_, i) => Number.isFinite(out[i]));
      core.node("path", { d: core.pathOf(fitPlot, shown, out.filter(Number.isFinite)),
        class: "re-main" }, fitPlot.layer);
      const alive = current.alive[0];
      cells.forEach((cell, i) => {
        const [w, b] = [net.weights[0][0][i], net.biases[0][i]];
        cell.textContent = `unit ${i}: ${alive[i] ? "alive" : "dead"}`;
        cell.classList.toggle("re-dead", !alive[i]);
        const bend = -b / w;
        if (alive[i] && bend > -1 && bend < 1) {
          core.node("line", { x1: fitPlot.sx(bend), x2: fitPlot.sx(bend), y1: fitPlot.bottom,
            y2: fitPlot.bottom - 12, class: "re-thin re-c0" }, fitPlot.layer);
        }
      });
      const last = Math.max(100, steps);
      const span = [-0.04 * last, 1.04 * last]; // the dots at step 0 and now drawn whole
      const finite = history.loss.filter(Number.isFinite);
      const top = Math.max(10, ...finite.map((v) => 10 ** Math.ceil(Math.log10(v))));
      const low = Math.min(1e-3, ...finite.map((v) => 10 ** Math.floor(Math.log10(v))));
      lossPlot.setRange(span, [low, top]);
      lossPlot.layer.replaceChildren();
      core.node("path", { d: series(lossPlot, history.loss), class: "re-main" }, lossPlot.layer);
      now(lossPlot, history.loss);
      deadPlot.setRange(span, DEAD_RANGE);
      deadPlot.layer.replaceChildren();
      core.node("path", { d: series(deadPlot, history.deadFraction), class: "re-main" },
        deadPlot.layer);
      now(deadPlot, history.deadFraction);
      const dead = alive.filter((a) => !a).length;
      const lossNow = Number.isFinite(current.loss) ? core.fixed(current.loss, 4) : "overflowed";
      fitPlot.describe(`The data sin 3x on [-1, 1] and the network's output after ${steps} `
        + `step${steps === 1 ? "" : "s"}; ${units - dead} of ${units} hidden units alive, `
        + "short marks on the x axis where each live unit bends");
      lossPlot.describe(`The loss after each step, from ${core.fixed(history.loss[0], 4)} at `
        + `step 0 to ${lossNow} at step ${steps}`);
      deadPlot.describe(`The share of dead hidden units after each step, from `
        + `${core.share(history.deadFraction[0])} at step 0 to `
        + `${core.share(current.deadFraction)} at step ${steps}`);
      readout.textContent = Number.isFinite(current.loss)
        ? `Step ${steps} at learning rate ${Number(lr.value)}: loss ${core.fixed(current.loss, 4)}, `
          + `${dead} of ${units} units dead (${core.share(dead / units)}).`
          + (steps ? "" : " Press Play, or Step: the loss and dead-share charts grow from these two dots.")
        : `Step ${steps}: the loss overflowed; training diverged. Reset, and try a smaller rate.`;
    }

    reset();
    for (const p of [fitPlot, lossPlot, deadPlot]) p.redraw = draw;
    root.reluTrainer = {
      timings, reset,
      state: () => ({ lr: Number(lr.value), step: history.loss.length - 1, playing }),
      set: (s) => { if (s.lr !== undefined) core.setInput(lr, s.lr); draw(); },
      step: (n = 1) => advance(n),
      measure: () => frame(),
      net: () => core.copyNet(net),
      start: () => core.copyNet(start),
      data: () => ({ x: X.map(([x]) => x), y: Y.map(([y]) => y) }),
      history: () => ({ loss: history.loss.slice(), deadFraction: history.deadFraction.slice() }),
      alive: () => current.alive.map((layer) => layer.slice()),
    };
  }

  window.reluTrainer = { get: (root) => root.reluTrainer };
  core.mount(".re-trainer", build);
})();
