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
            for (let k = 0; k < part.length; k += 1) {
              const v = part[k][0] * a[0] + part[k][1] * a[1] + off[j];
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

  // Regions that share an edge of positive length, not just a corner: an edge of each
  // lies on one line, and the two overlap by more than rounding. The edges are sorted by
  // direction, so only edges of (nearly) one direction are compared; near[i] lists the
  // neighbours of region i. This runs on every draw, often before the browser has
  // optimised it: typed arrays and plain loops, no object or destructuring per edge.
  function neighbours(polys) {
    const TOL = 1e-9;
    const WINDOW = 1e-6; // of the direction key -cos(angle): same-line edges differ by ~1e-15
    let size = 0;
    for (const poly of polys) size += 2 * poly.length; // room for edges entered twice
    const owner = new Int32Array(size);
    const [ax, ay, bx, by, ux, uy, key] = Array.from({ length: 7 },
      () => new Float64Array(size));
    let n = 0;
    const add = (i, a, b, dx, dy) => {
      owner[n] = i;
      ax[n] = a[0];
      ay[n] = a[1];
      bx[n] = b[0];
      by[n] = b[1];
      ux[n] = dx;
      uy[n] = dy;
      key[n] = -dx; // grows with the angle from 0 to pi
      n += 1;
    };
    for (let i = 0; i < polys.length; i += 1) {
      const poly = polys[i];
      for (let k = 0; k < poly.length; k += 1) {
        const a = poly[k];
        const b = poly[(k + 1) % poly.length];
        const length = Math.sqrt((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2);
        if (length <= TOL) continue;
        const sign = b[1] < a[1] || (b[1] === a[1] && b[0] < a[0]) ? -1 : 1; // angle in [0, pi)
        const dx = (sign * (b[0] - a[0])) / length;
        const dy = (sign * (b[1] - a[1])) / length;
        add(i, a, b, dx, dy);
        // an angle near pi is also near 0: the edge is entered there too, reversed
        if (-dx > 1 - WINDOW) add(i, a, b, -dx, -dy);
      }
    }
    const order = new Uint32Array(n);
    for (let k = 0; k < n; k += 1) order[k] = k;
    order.sort((p, q) => key[p] - key[q]);
    const count = polys.length;
    const seen = new Uint8Array(count * count);
    const near = polys.map(() => []);
    for (let m = 0; m < n; m += 1) {
      const e = order[m];
      const x0 = ax[e];
      const y0 = ay[e];
      const dx = ux[e];
      const dy = uy[e];
      const e1 = (bx[e] - x0) * dx + (by[e] - y0) * dy; // e runs from 0 to e1 along (dx, dy)
      for (let k = m + 1; k < n && key[order[k]] - key[e] < WINDOW; k += 1) {
        const f = order[k];
        const i = owner[e];
        const j = owner[f];
        if (i === j || seen[i * count + j]) continue;
        const pa = ax[f] - x0;
        const qa = ay[f] - y0;
        const pb = bx[f] - x0;
        const qb = by[f] - y0;
        if (Math.abs(dx * qa - dy * pa) > TOL || Math.abs(dx * qb - dy * pb) > TOL) continue;
        const s = pa * dx + qa * dy;
        const t = pb * dx + qb * dy;
        const shared = Math.min(Math.max(0, e1), Math.max(s, t))
          - Math.max(Math.min(0, e1), Math.min(s, t));
        if (shared > TOL) {
          seen[i * count + j] = 1;
          seen[j * count + i] = 1;
          near[i].push(j);
          near[j].push(i);
        }
      }
    }
    return near;
  }

  // A colour per region (0..5) that none of its neighbours has, as the page's figure
  // colours its maps, greedily. The order makes 6 colours always enough: the region with
  // the fewest neighbours left is set aside, again and again, and the regions are coloured
  // in the reverse order, so each meets at most 5 coloured neighbours (a map of regions
  // that meet along edges always has a region with 5 neighbours or fewer). Each region
  // takes the colour its pattern hashes to if it is free, so that it tends to keep its
  // colour while the others change around it, else the free colour used least.
  function colours(regions) {
    const near = neighbours(regions.map((r) => r.vertices));
    const left = near.map((list) => list.length);
    const order = [];
    const out = new Uint8Array(regions.length);
    while (order.length < regions.length) {
      let pick = -1;
      for (let i = 0; i < regions.length; i += 1) {
        if (!out[i] && (pick < 0 || left[i] < left[pick])) pick = i;
      }
      out[pick] = 1;
      order.push(pick);
      for (const j of near[pick]) left[j] -= 1;
    }
    const colour = new Array(regions.length);
    const used = [0, 0, 0, 0, 0, 0];
    for (const i of order.reverse()) {
      const taken = near[i].map((j) => colour[j]);
      const free = [0, 1, 2, 3, 4, 5].filter((c) => !taken.includes(c));
      let h = 7;
      for (const bit of regions[i].pattern) h = (h * 31 + (bit ? 1 : 0)) % 1000003;
      colour[i] = free.includes(h % 6) ? h % 6
        : free.reduce((a, c) => (used[c] < used[a] ? c : a), free[0] ?? 0);
      used[colour[i]] += 1;
    }
    return colour;
  }

  function build(root, uid) {
    root.replaceChildren();
    const timings = [];
    const p = core.plot(root, { id: uid, width: 420, height: 420, pad: [14, 14, 50, 56],
      x: BOX, y: BOX, xlabel: "input 1", ylabel: "input 2", square: true,
      title: "The square from -3 to 3 cut into the network's linear regions, coloured so that "
        + "no two neighbours match; the edges are the fold lines" });
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
      const colour = colours(found);
      p.layer.replaceChildren();
      found.forEach((r, i) => {
        core.node("polygon", { points: r.vertices.map(([x, y]) => `${p.sx(x)},${p.sy(y)}`)
          .join(" "), class: `re-region re-c${colour[i]}` }, p.layer);
      });
      const units = s.width * s.depth;
      p.describe(`${found.length} linear region${found.length === 1 ? "" : "s"} of a network `
        + `with ${s.depth} hidden layer${s.depth > 1 ? "s" : ""} of ${s.width} (seed ${s.seed}) `
        + "in the square from -3 to 3, coloured so that no two neighbours match; the edges are "
        + "the fold lines");
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
