// Linear regions: a small two-input ReLU network, cut into its exact linear regions over
// the square [-3, 3]^2, as relu_explained.linear_regions_2d cuts it: each piece is split
// along each unit's zero line, layer by layer, so every region is a convex polygon (not
// a pixel map) and the count is exact. The weights come from the seed with this site's
// own generator (reluCore.generator): seed k here is not numpy's rng=k.
//
// Test API: window.reluRegions.get(root) returns { state(), set(state), network(),
// regions(), timings }.
(() => {
  const core = window.reluCore;
  const BOX = [-3, 3];
  const DEFAULT = { width: 6, depth: 1, seed: 0 };

  // He-scaled weights, hidden biases from N(0, 1) so that folds spread over the square
  // (the page's random_net), output bias 0
  function network({ width, depth, seed }) {
    const g = core.generator(seed);
    const sizes = [2, ...Array(depth).fill(width), 1];
    const weights = [];
    const biases = [];
    for (let l = 0; l + 1 < sizes.length; l += 1) {
      const [fanIn, fanOut] = [sizes[l], sizes[l + 1]];
      const sd = Math.sqrt(2 / fanIn);
      weights.push(Array.from({ length: fanIn }, () =>
        Array.from({ length: fanOut }, () => g.normal(0, sd))));
      biases.push(Array.from({ length: fanOut }, () => (l + 2 < sizes.length ? g.normal() : 0)));
    }
    return { weights, biases };
  }

  // linear_regions_2d: pieces carry their polygon, the layer input as p @ A + c, and
  // the on/off pattern so far
  function regions(net, [lo, hi]) {
    const square = [[lo, lo], [hi, lo], [hi, hi], [lo, hi]];
    let pieces = [{ poly: square, A: [[1, 0], [0, 1]], c: [0, 0], pattern: [] }];
    for (let l = 0; l + 1 < net.weights.length; l += 1) {
      const W = net.weights[l];
      const next = [];
      for (const { poly, A, c, pattern } of pieces) {
        const S = A.map((row) => core.affine(row, W, W[0].map(() => 0))); // A @ W: 2 x units
        const off = core.affine(c, W, net.biases[l]);
        let parts = [poly];
        for (let j = 0; j < off.length; j += 1) {
          const a = [S[0][j], S[1][j]];
          const split = [];
          for (const part of parts) {
            let [lowest, highest, largest] = [Infinity, -Infinity, 0];
            for (const [x, y] of part) {
              const v = x * a[0] + y * a[1] + off[j];
              lowest = Math.min(lowest, v);
              highest = Math.max(highest, v);
              largest = Math.max(largest, Math.abs(v));
            }
            const tol = 1e-12 * (largest + Math.abs(off[j]));
            if (highest <= tol || lowest >= -tol) {
              split.push(part); // the line misses (or only touches) this piece
              continue;
            }
            for (const side of [true, false]) {
              const piece = core.clip(part, a, off[j], side);
              if (piece) split.push(piece);
            }
          }
          parts = split;
        }
        for (const part of parts) {
          const mean = [0, 1].map((k) => part.reduce((s, p) => s + p[k], 0) / part.length);
          const on = off.map((o, j) => mean[0] * S[0][j] + mean[1] * S[1][j] + o > 0);
          next.push({ poly: part, A: S.map((row) => row.map((v, j) => (on[j] ? v : 0))),
            c: off.map((v, j) => (on[j] ? v : 0)), pattern: [...pattern, ...on] });
        }
      }
      pieces = next;
    }
    return pieces.map(({ poly, pattern }) => ({ vertices: poly, pattern, area: core.area(poly) }));
  }

  // A colour per pattern (a hash of its bits), so a region keeps its colour while the
  // others change around it
  const colour = (pattern) => {
    let h = 7;
    for (const bit of pattern) h = (h * 31 + (bit ? 1 : 0)) % 1000003;
    return h % 6;
  };

  function build(root, uid) {
    root.replaceChildren();
    const timings = [];
    const p = core.plot(root, { id: uid, width: 420, height: 420, pad: [14, 14, 50, 56],
      x: BOX, y: BOX, xlabel: "input 1", ylabel: "input 2", square: true,
      title: "The square from -3 to 3 cut into the network's linear regions, one colour per "
        + "activation pattern; the edges are the fold lines" });
    const readout = core.html("p", { class: "re-readout", "aria-live": "polite" }, root);
    const buttons = core.html("div", { class: "re-buttons" }, root);
    const controls = core.html("div", { class: "re-controls" }, root);
    const group = core.html("fieldset", { class: "re-group" }, controls);
    core.html("legend", {}, group, "network");
    const inputs = {
      width: core.slider(group, { id: `${uid}-width`, label: "width", min: 1, max: 8, step: 1,
        value: DEFAULT.width, onInput: () => draw(), show: String }),
      depth: core.slider(group, { id: `${uid}-depth`, label: "hidden layers", min: 1, max: 3,
        step: 1, value: DEFAULT.depth, onInput: () => draw(), show: String }),
      seed: core.slider(group, { id: `${uid}-seed`, label: "seed", min: 0, max: 99, step: 1,
        value: DEFAULT.seed, onInput: () => draw(), show: String }),
    };
    core.button(buttons, "Reset", () => set(DEFAULT));
    core.button(buttons, "Next seed", () => set({ seed: (state().seed + 1) % 100 }));

    const state = () => Object.fromEntries(Object.entries(inputs).map(([k, el]) =>
      [k, Number(el.value)]));
    function set(s) {
      for (const [k, v] of Object.entries(s)) core.setInput(inputs[k], v);
      draw();
    }

    const draw = core.timed(timings, () => {
      const s = state();
      const found = regions(network(s), BOX);
      p.layer.replaceChildren();
      for (const r of found) {
        core.node("polygon", { points: r.vertices.map(([x, y]) => `${p.sx(x)},${p.sy(y)}`)
          .join(" "), class: `re-region re-c${colour(r.pattern)}` }, p.layer);
      }
      const units = s.width * s.depth;
      const most = 1 + s.width + (s.width * (s.width - 1)) / 2;
      readout.textContent = `${found.length} linear region${found.length === 1 ? "" : "s"} `
        + `in the square, from ${s.depth} hidden layer${s.depth > 1 ? "s" : ""} of ${s.width} `
        + `(${units} unit${units > 1 ? "s" : ""}). `
        + (s.depth === 1 ? `One layer of ${s.width} makes at most ${most} in the whole plane.`
          : "Later layers fold inside every region of the layers below.");
    });

    draw();
    p.redraw = draw;
    root.reluRegions = {
      state, set, timings,
      network: () => network(state()),
      regions: () => regions(network(state()), BOX),
    };
  }

  window.reluRegions = { get: (root) => root.reluRegions };
  core.mount(".re-regions", build);
})();
