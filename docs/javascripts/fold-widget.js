// The fold: the surfaces y(x1, x2) of the page's two networks over the square [-2, 2]^2,
// one flat facet per linear region, turned by dragging, with the arrow keys or with
// buttons. The facets are cut as relu_explained.linear_regions_2d cuts the regions and
// lifted as relu_explained.facets lifts them; the weights come from the page
// (data-nets), so they are the page's networks, bit for bit.
//
// Drawing: an orthographic view from azimuth `azim` and elevation `elev` (degrees, as
// matplotlib's view_init), facets painted from the farthest to the nearest (each with
// its own edges, so a nearer facet hides the creases behind it).
//
// Test API: window.reluSurface.get(root) returns { state(), set(state), nets(),
// facets(name), timings }.
(() => {
  const core = window.reluCore;
  const BOX = [-2, 2];
  const VIEW = { azim: -60, elev: 35 }; // the page's figure
  const ELEV = [5, 90];
  const STEP = 5; // degrees per key press or button press
  const HEIGHT = 0.7; // the surface's height range, as a share of the square's side
  const LIGHT = [-0.4, -0.5, 0.77]; // the page's figure's light

  // linear_regions_2d: pieces carry their polygon, the layer input as p @ A + c, and the
  // on/off pattern so far; at the end, the output's affine map p @ weight + bias
  function regions(net, [lo, hi]) {
    const square = [[lo, lo], [hi, lo], [hi, hi], [lo, hi]];
    let pieces = [{ poly: square, A: [[1, 0], [0, 1]], c: [0, 0], pattern: [] }];
    const last = net.weights.length - 1;
    for (let l = 0; l < last; l += 1) {
      const W = net.weights[l];
      const next = [];
      for (const { poly, A, c, pattern } of pieces) {
        const S = A.map((row) => core.affine(row, W, W[0].map(() => 0))); // A @ W
        const off = core.affine(c, W, net.biases[l]);
        let parts = [poly];
        for (let j = 0; j < off.length; j += 1) {
          const a = [S[0][j], S[1][j]];
          const split = [];
          for (const part of parts) {
            let [lowest, highest, largest] = [Infinity, -Infinity, 0];
            for (const p of part) {
              const v = p[0] * a[0] + p[1] * a[1] + off[j];
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
    const Wout = net.weights[last];
    return pieces.map(({ poly, A, c, pattern }) => ({
      vertices: poly,
      pattern,
      weight: A.map((row) => core.affine(row, Wout, [0])[0]), // [dy/dx1, dy/dx2]
      bias: core.affine(c, Wout, net.biases[last])[0],
    }));
  }

  // relu_explained.facets: the heights at the corners, and the unit (layer, index) whose
  // fold each edge lies on, -1 for the box's edge
  function facets(net, box) {
    const [lo, hi] = box;
    const side = (v) => v === lo || v === hi;
    return regions(net, box).map((r) => {
      const n = r.vertices.length;
      const heights = r.vertices.map(([x, y]) => x * r.weight[0] + y * r.weight[1] + r.bias);
      // hidden pre-activations at each corner, and where each unit sits (layer, index)
      const z = r.vertices.map((p) => core.forward(net, p).zs.slice(0, -1).flat());
      const units = net.weights.slice(0, -1).flatMap((W, l) => W[0].map((_, j) => [l, j]));
      const reach = units.map((_, k) => Math.max(...z.map((row) => Math.abs(row[k]))));
      const relative = z.map((row) => row.map((v, k) =>
        (reach[k] > 0 ? Math.abs(v) / reach[k] : Infinity)));
      const creaseLayer = [];
      const creaseUnit = [];
      for (let i = 0; i < n; i += 1) {
        const j = (i + 1) % n;
        const [p, q] = [r.vertices[i], r.vertices[j]];
        let best = -1;
        if (!((p[0] === q[0] && side(p[0])) || (p[1] === q[1] && side(p[1])))) {
          let smallest = Infinity;
          for (let k = 0; k < units.length; k += 1) {
            const worse = Math.max(relative[i][k], relative[j][k]);
            if (best < 0 || worse < smallest) [best, smallest] = [k, worse];
          }
        }
        creaseLayer.push(best < 0 ? -1 : units[best][0]);
        creaseUnit.push(best < 0 ? -1 : units[best][1]);
      }
      return { ...r, heights, creaseLayer, creaseUnit };
    });
  }

  // --- drawing ----------------------------------------------------------------------------
  const WIDTH = 300;
  const HEIGHT_PX = 300;

  function panel(parent, uid, name, title) {
    const figure = core.html("figure", { class: "re-surface-panel" }, parent);
    const svg = core.node("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT_PX}`, class: "re-plot",
      tabindex: "0", role: "application", "aria-roledescription": "turnable surface",
      "aria-label": `${title}: the surface of the network with ${name}. Arrow keys turn `
        + "it: left and right around, up and down to tilt it." }, figure);
    core.node("title", { id: `${uid}-title` }, svg).textContent = title;
    core.node("rect", { x: 0, y: 0, width: WIDTH, height: HEIGHT_PX },
      core.node("clipPath", { id: `${uid}-clip` }, svg));
    core.node("g", { class: "re-axes" }, svg);
    const layer = core.node("g", { "clip-path": `url(#${uid}-clip)` }, svg);
    core.node("g", {}, svg);
    const caption = core.html("figcaption", {}, figure);
    return { svg, layer, caption };
  }

  // Each facet: a <g> with its polygon and one path per edge, made once; a view moves
  // their points and puts the groups in order, farthest first
  function scene(layer, found) {
    const heights = found.flatMap((f) => f.heights);
    const [low, high] = [Math.min(...heights), Math.max(...heights)];
    const scale = (2 * HEIGHT) / (high - low || 1);
    const mid = (low + high) / 2;
    const span = BOX[1] - BOX[0];
    const norm = Math.hypot(...LIGHT);
    const items = found.map((f, index) => {
      // corners in the unit cube's frame: x1, x2 in [-1, 1], heights in [-HEIGHT, HEIGHT]
      const corners = f.vertices.map(([x, y], i) => [(2 * x) / span, (2 * y) / span,
        (f.heights[i] - mid) * scale]);
      // how squarely the facet faces the light, in the frame the page's figure uses
      const normal = [-f.weight[0], -f.weight[1], 1];
      const facing = Math.max(0, normal.reduce((s, v, k) => s + v * LIGHT[k], 0)
        / Math.hypot(...normal) / norm);
      const group = core.node("g", { "data-facet": index }, layer);
      const polygon = core.node("polygon", { class: "re-facet" }, group);
      polygon.style.setProperty("--re-share", `${Math.round((0.7 - 0.6 * facing) * 100)}%`);
      const edges = f.creaseLayer.map((l) => core.node("path", {
        class: l < 0 ? "re-surface-edge" : `re-crease re-crease-${Math.min(l, 1)}` }, group));
      return { corners, group, polygon, edges };
    });
    return items;
  }

  function project(items, { azim, elev }) {
    const [a, e] = [(azim * Math.PI) / 180, (elev * Math.PI) / 180];
    const right = [-Math.sin(a), Math.cos(a), 0];
    const up = [-Math.sin(e) * Math.cos(a), -Math.sin(e) * Math.sin(a), Math.cos(e)];
    const eye = [Math.cos(e) * Math.cos(a), Math.cos(e) * Math.sin(a), Math.sin(e)];
    const radius = Math.hypot(1, 1, HEIGHT); // every view of the cube fits in this circle
    const s = (0.97 * Math.min(WIDTH, HEIGHT_PX)) / 2 / radius;
    const dot = (u, v) => u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
    const order = items.map((item) => {
      const xy = item.corners.map((p) => [WIDTH / 2 + s * dot(p, right),
        HEIGHT_PX / 2 - s * dot(p, up)]);
      item.polygon.setAttribute("points", xy.map(([x, y]) => `${core.svgNumber(x)},${core.svgNumber(y)}`)
        .join(" "));
      item.edges.forEach((path, i) => {
        const [p, q] = [xy[i], xy[(i + 1) % xy.length]];
        path.setAttribute("d", `M${core.svgNumber(p[0])},${core.svgNumber(p[1])}`
          + `L${core.svgNumber(q[0])},${core.svgNumber(q[1])}`);
      });
      const depth = item.corners.reduce((sum, p) => sum + dot(p, eye), 0) / item.corners.length;
      return [depth, item];
    });
    order.sort((p, q) => p[0] - q[0]); // farthest (smallest depth) first
    const layer = items[0].group.parentNode;
    for (const [, item] of order) layer.appendChild(item.group);
  }

  function build(root, uid) {
    const nets = JSON.parse(root.dataset.nets);
    root.replaceChildren();
    const timings = [];
    const names = { one: "one hidden layer", two: "two hidden layers" };
    const panels = core.html("div", { class: "re-surface-panels re-plots" }, root);
    const views = Object.keys(names).map((key) => {
      const found = facets(nets[key], BOX);
      const p = panel(panels, `${uid}-${key}`, names[key], `${names[key]}, turnable`);
      p.caption.textContent = `${names[key]}: ${found.length} facets`;
      return { key, found, p, items: scene(p.layer, found) };
    });
    // not announced: it changes with every step of a turn, and says nothing new
    const readout = core.html("p", { class: "re-readout" }, root);
    const buttons = core.html("div", { class: "re-buttons" }, root);
    let view = { ...VIEW };

    const state = () => ({ ...view });
    const draw = core.timed(timings, () => {
      for (const v of views) project(v.items, view);
      readout.textContent = `Seen from ${Math.round(view.elev)}° above the square, turned `
        + `${Math.round(view.azim)}°. Solid creases: first-layer folds, straight; dashed: `
        + "second-layer folds, turning where they cross a solid one.";
    });
    function set(s) {
      const azim = "azim" in s ? Number(s.azim) : view.azim;
      const elev = "elev" in s ? Number(s.elev) : view.elev;
      view = { azim: ((((azim + 180) % 360) + 360) % 360) - 180,
        elev: Math.min(ELEV[1], Math.max(ELEV[0], elev)) };
      draw();
    }
    const turn = (dAzim, dElev) => set({ azim: view.azim + dAzim, elev: view.elev + dElev });

    core.button(buttons, "Turn left", () => turn(-STEP, 0));
    core.button(buttons, "Turn right", () => turn(STEP, 0));
    core.button(buttons, "Tilt up", () => turn(0, STEP));
    core.button(buttons, "Tilt down", () => turn(0, -STEP));
    core.button(buttons, "Reset view", () => set(VIEW));

    const KEYS = { ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, STEP],
      ArrowDown: [0, -STEP] };
    for (const { p } of views) {
      p.svg.addEventListener("keydown", (event) => {
        const move = KEYS[event.key];
        if (!move) return;
        event.preventDefault();
        turn(...move);
      });
      // drag: across turns it, up and down tilts it (on a touch screen, only across: an
      // up-and-down swipe scrolls the page, so the surface never traps the reader)
      let last = null;
      p.svg.addEventListener("pointerdown", (event) => {
        last = [event.clientX, event.clientY];
        p.svg.setPointerCapture(event.pointerId);
      });
      p.svg.addEventListener("pointermove", (event) => {
        if (!last) return;
        const width = p.svg.getBoundingClientRect().width || WIDTH;
        const degrees = 360 / width; // a drag across the whole panel turns it once
        const tilts = event.pointerType === "mouse" || event.pointerType === "pen";
        const up = tilts ? (event.clientY - last[1]) * degrees : 0;
        turn(-(event.clientX - last[0]) * degrees, up);
        last = [event.clientX, event.clientY];
      });
      const stop = () => { last = null; };
      p.svg.addEventListener("pointerup", stop);
      p.svg.addEventListener("pointercancel", stop);
    }

    draw();
    root.reluSurface = {
      state, set, timings,
      nets: () => nets,
      facets: (key) => views.find((v) => v.key === key).found,
    };
  }

  window.reluSurface = { get: (root) => root.reluSurface };
  core.mount(".re-surface", build);
})();
