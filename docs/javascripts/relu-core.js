// The maths every widget on this site shares, written once, and the small SVG and form
// helpers they draw with. Each function follows its counterpart in relu_explained (named
// in its comment); the browser tests check the widgets built on it against the package.
//
// Conventions, as in the package: a network is { weights, biases }, weights[l][i][j]
// taking input i of layer l to its output j (numpy shape (inputs, outputs)); every
// hidden layer applies ReLU, the last layer is linear; relu'(0) is taken as 0.
(() => {
  const SVG = "http://www.w3.org/2000/svg";

  // --- maths -----------------------------------------------------------------------------
  const relu = (z) => (z > 0 ? z : 0);

  // numpy.linspace(start, stop, num): start + i * step, the last point exactly stop
  function linspace(start, stop, num) {
    const step = (stop - start) / (num - 1);
    const xs = new Float64Array(num);
    for (let i = 0; i < num; i += 1) xs[i] = i * step + start;
    if (num > 1) xs[num - 1] = stop;
    return xs;
  }

  // ReluSum.__call__: offset + slope * x + sum_i weights[i] * relu(x - shifts[i])
  const sumAt = (s, x) =>
    s.shifts.reduce((y, h, i) => y + s.weights[i] * relu(x - h), s.offset + s.slope * x);

  // The same values at many sorted points, with sorted shifts, in one sweep: O(points + terms)
  function sumSorted(s, xs) {
    const out = new Float64Array(xs.length);
    let k = 0;
    let slope = s.slope;
    let offset = s.offset;
    for (let i = 0; i < xs.length; i += 1) {
      while (k < s.shifts.length && s.shifts[k] < xs[i]) {
        slope += s.weights[k];
        offset -= s.weights[k] * s.shifts[k];
        k += 1;
      }
      out[i] = offset + slope * xs[i];
    }
    return out;
  }

  // ReluSum.interpolating: one term per interior knot, straight between the knots
  function interpolating(knots, values) {
    const slopes = [];
    for (let i = 1; i < knots.length; i += 1) {
      slopes.push((values[i] - values[i - 1]) / (knots[i] - knots[i - 1]));
    }
    return {
      shifts: Array.from(knots.slice(1, -1)),
      weights: slopes.slice(1).map((m, i) => m - slopes[i]),
      offset: values[0] - slopes[0] * knots[0],
      slope: slopes[0],
    };
  }

  // ReluSum.kinks and .slopes: coinciding shifts merged, cancelling bends dropped
  function bends(s) {
    const totals = new Map();
    s.shifts.forEach((h, i) => totals.set(h, (totals.get(h) || 0) + s.weights[i]));
    const kinks = [...totals].filter(([, w]) => Math.abs(w) > 1e-12).sort((a, b) => a[0] - b[0]);
    const slopes = [s.slope];
    for (const [, w] of kinks) slopes.push(slopes[slopes.length - 1] + w);
    return { kinks: kinks.map(([h]) => h), slopes };
  }

  // h @ W + b for one row h
  function affine(h, W, b) {
    const out = b.slice();
    for (let i = 0; i < h.length; i += 1) {
      const row = W[i];
      const hi = h[i];
      if (hi !== 0) for (let j = 0; j < out.length; j += 1) out[j] += hi * row[j];
    }
    return out;
  }

  // MLP._forward for one input row: pre-activations zs of every layer, inputs hs of each
  function forward(net, x) {
    const hs = [x];
    const zs = [];
    const last = net.weights.length - 1;
    net.weights.forEach((W, l) => {
      zs.push(affine(hs[l], W, net.biases[l]));
      if (l < last) hs.push(zs[l].map(relu));
    });
    return { zs, hs };
  }

  const output = (net, x) => forward(net, x).zs.at(-1);

  // MLP._backprop (mean squared error over all outputs) plus the dead share of
  // relu_explained.training._dead_fraction, for rows X and targets Y
  function lossAndGradients(net, X, Y) {
    const L = net.weights.length;
    const gW = net.weights.map((W) => W.map((row) => row.map(() => 0)));
    const gb = net.biases.map((b) => b.map(() => 0));
    const alive = net.biases.slice(0, -1).map((b) => b.map(() => false));
    const dOut = net.biases[L - 1].length;
    const scale = 2 / (X.length * dOut);
    let loss = 0;
    for (let r = 0; r < X.length; r += 1) {
      const { zs, hs } = forward(net, X[r]);
      let delta = zs[L - 1].map((z, j) => {
        const e = z - Y[r][j];
        loss += e * e;
        return scale * e;
      });
      for (let l = L - 1; l >= 0; l -= 1) {
        const h = hs[l];
        for (let i = 0; i < h.length; i += 1) {
          for (let j = 0; j < delta.length; j += 1) gW[l][i][j] += h[i] * delta[j];
        }
        for (let j = 0; j < delta.length; j += 1) gb[l][j] += delta[j];
        if (l) {
          const W = net.weights[l];
          const z = zs[l - 1];
          delta = z.map((zi, i) => {
            if (!(zi > 0)) return 0;
            let s = 0;
            for (let j = 0; j < delta.length; j += 1) s += delta[j] * W[i][j];
            return s;
          });
          z.forEach((zi, i) => { if (zi > 0) alive[l - 1][i] = true; });
        }
      }
    }
    const units = alive.reduce((n, layer) => n + layer.length, 0);
    const dead = alive.reduce((n, layer) => n + layer.filter((a) => !a).length, 0);
    return { loss: loss / (X.length * dOut), weights: gW, biases: gb, alive,
      deadFraction: units ? dead / units : 0 };
  }

  // one step of relu_explained.fit (full batch): every array minus lr times its gradient
  function descend(net, grads, lr) {
    net.weights.forEach((W, l) => W.forEach((row, i) => row.forEach((_, j) => {
      row[j] -= lr * grads.weights[l][i][j];
    })));
    net.biases.forEach((b, l) => b.forEach((_, j) => { b[j] -= lr * grads.biases[l][j]; }));
  }

  const copyNet = (net) => ({
    weights: net.weights.map((W) => W.map((row) => row.slice())),
    biases: net.biases.map((b) => b.slice()),
  });

  // Seeded uniform and normal numbers for widgets that draw their own random weights
  // (mulberry32 and Box-Muller: not numpy's generator, so seed k here is not rng=k there)
  function generator(seed) {
    let a = seed >>> 0;
    const uniform = () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const normal = (mean = 0, sd = 1) =>
      mean + sd * Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
    return { uniform, normal };
  }

  // LinearRegion.area: the shoelace formula, positive for counter-clockwise vertices
  function area(poly) {
    let twice = 0;
    for (let i = 0; i < poly.length; i += 1) {
      const [x1, y1] = poly[i];
      const [x2, y2] = poly[(i + 1) % poly.length];
      twice += x1 * y2 - y1 * x2;
    }
    return twice / 2;
  }

  // regions._clip: the part of a convex polygon where a . p + c > 0 (or <= 0)
  // (plain loops, no destructuring: it runs many times per draw of Linear regions, often
  // before the browser has optimised it)
  function clip(poly, a, c, keepPositive) {
    const sign = keepPositive ? 1 : -1;
    const values = new Float64Array(poly.length);
    for (let i = 0; i < poly.length; i += 1) {
      values[i] = sign * (poly[i][0] * a[0] + poly[i][1] * a[1] + c);
    }
    const out = [];
    for (let i = 0; i < poly.length; i += 1) {
      const k = (i + 1) % poly.length;
      const p = poly[i];
      const q = poly[k];
      const vp = values[i];
      const vq = values[k];
      if (vp >= 0) out.push(p);
      if ((vp > 0 && vq < 0) || (vp < 0 && vq > 0)) {
        const t = vp / (vp - vq);
        out.push([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t]);
      }
    }
    return out.length >= 3 ? out : null;
  }

  // --- formatting, SVG and controls ------------------------------------------------------
  // Numbers in widget text round as the pages' Python does, half to even on the exact
  // value: fixed(v, d) is format(v, f".{d}f"), percent(v, d) is format(v, f".{d}%"). JS's
  // toFixed rounds the exact value too but sends a tie away from zero (0.125 to "0.13"
  // where Python writes "0.12"), so only an exact tie is decided here. A tie at d digits
  // is a double whose exact decimal expansion ends at digit d + 1 with a 5. toFixed(100)
  // rounds that expansion to 100 decimals; a double near a tie at d <= 20 decimals is at
  // least 0.5e-20, so it differs from the tie by a multiple of its unit in the last place
  // (above 1e-37), and zeros up to digit 100 mean it is the tie.
  function fixed(v, digits = 2) {
    const near = v.toFixed(digits + 1);
    const exact = v.toFixed(100);
    const tie = near.endsWith("5") && /^0*$/.test(exact.slice(near.length));
    if (!tie) return v.toFixed(digits);
    const down = near.slice(0, digits ? -1 : -2); // drop the 5 (and the point if no digits)
    return Number(down[down.length - 1]) % 2 === 0 ? down : v.toFixed(digits);
  }
  const percent = (v, digits = 0) => `${fixed(v * 100, digits)}%`;
  // a share in whole percent when that is exact, else with one decimal: 1 of 8 is 12.5%,
  // 2 of 8 is 25%, 1 of 3 is 33.3%
  const share = (v) => percent(v, Math.abs(100 * v - Math.round(100 * v)) < 1e-9 ? 0 : 1);
  // v rounded to `digits` decimals, as Python's round(v, digits), written shortest: 0.5, 2
  const fmt = (v, digits = 2) => {
    if (Math.abs(v) < 1e-12) return "0";
    const rounded = Number(fixed(v, digits));
    return String(rounded === 0 ? 0 : rounded); // never "-0"
  };

  function node(name, attrs = {}, parent = null) {
    const el = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (parent) parent.appendChild(el);
    return el;
  }

  function html(name, attrs = {}, parent = null, text = null) {
    const el = document.createElement(name);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (text !== null) el.textContent = text;
    if (parent) parent.appendChild(el);
    return el;
  }

  // Tick positions at 1, 2 or 5 times a power of ten, about `count` of them
  function ticks(lo, hi, count = 6) {
    const raw = (hi - lo) / count;
    const power = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
      out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    }
    return out;
  }

  // Powers of ten from lo to hi
  function decades(lo, hi) {
    const out = [];
    for (let e = Math.ceil(Math.log10(lo) - 1e-9); 10 ** e <= hi * (1 + 1e-9); e += 1) {
      out.push(10 ** e);
    }
    return out;
  }

  // 10 ** e written as 1, 10, 100 or with a superscript exponent, 10⁻³ (shorter than 1e-3,
  // and the notation of the pages' formulas)
  const SUPER = { "-": "\u207b", 0: "\u2070", 1: "\u00b9", 2: "\u00b2", 3: "\u00b3",
    4: "\u2074", 5: "\u2075", 6: "\u2076", 7: "\u2077", 8: "\u2078", 9: "\u2079" };
  function power(v) {
    const e = Math.round(Math.log10(v));
    if (e >= 0 && e <= 2) return String(10 ** e);
    return `10${[...String(e)].map((c) => SUPER[c]).join("")}`;
  }

  // Width of a label in em, from its characters, rounded up for the common sans-serif
  // fonts (DejaVu Sans has the widest digits, 0.64 em): an estimate needs no layout
  const textWidth = (text) => [...text].reduce((w, c) =>
    w + (/[.,:]/.test(c) ? 0.34 : /[\u2070-\u207b\u00b9\u00b2\u00b3]/.test(c) ? 0.45 : 0.66), 0);

  // The size of widget text: 17 of the plot's units, unless that shows on screen outside
  // 12 to 16 CSS px (a phone shrinks a 640-unit plot to about half; a square plot on a
  // desktop grows); then the size that shows as the nearer end, at most 30 units.
  const FONT = 17;
  const SCREEN_PX = [12, 16];
  const fontFor = (scale) => Math.min(30,
    Math.ceil(Math.min(Math.max(FONT * scale, SCREEN_PX[0]), SCREEN_PX[1]) / scale * 4) / 4);

  // A plot: an <svg> with a clipped layer `layer` for the data, scales sx/sy, and axes
  // that can be redrawn for new ranges (log scales for positive ranges). The margins
  // around the axes are `pad` (top, right, bottom, left) or what the tick labels and axis
  // titles need at the text size, whichever is more, so that no label meets another (`pad`
  // is for text 17 units high, and grows and shrinks with it). With `square`, one unit on
  // x is as long as one on y; `labelWidth` (em) keeps room for y tick labels that wide, so
  // that plots stacked one over another can share their x positions.
  // When the plot's width on screen changes the text size, the axes are laid out again
  // and `p.redraw`, if the widget sets it, draws the data again.
  function plot(parent, { width = 640, height = 360, pad = [20, 16, 44, 56], title, xlabel,
    ylabel, x, y, logx = false, logy = false, square = false, labelWidth = 0, id,
    role = "img" }) {
    const svg = node("svg", { viewBox: `0 0 ${width} ${height}`, class: "re-plot", role,
      "aria-label": title }, parent);
    const name = node("title", { id: `${id}-title` }, svg);
    name.textContent = title;
    const frame = node("rect", {}, node("clipPath", { id: `${id}-clip` }, svg));
    const axes = node("g", { class: "re-axes" }, svg);
    const layer = node("g", { "clip-path": `url(#${id}-clip)` }, svg);
    const over = node("g", {}, svg);
    const p = { svg, layer, over, width, height, font: FONT };
    // the plot's accessible name (and tooltip), for a widget to say what it shows now
    p.describe = (text) => {
      svg.setAttribute("aria-label", text);
      name.textContent = text;
    };
    const lin = (d0, d1, r0, r1) => (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
    const log = (d0, d1, r0, r1) => (v) =>
      r0 + (Math.log(v / d0) / Math.log(d1 / d0)) * (r1 - r0);
    const label = (v, isLog) => (isLog ? power(v) : fmt(v, 2));

    // ticks along `length` units, at most `count`, at least `gap` em apart (labels and all)
    function ticksFor(range, isLog, count, length, gap) {
      if (isLog) {
        const all = decades(...range);
        let every = 1;
        while (all.length > 2 * every
          && (length / Math.max(1, all.length - 1)) * every < gap(all) * p.font) every += 1;
        return all.filter((v) => Math.round(Math.log10(v)) % every === 0);
      }
      for (let c = count; c > 2; c -= 1) {
        const found = ticks(...range, c);
        if (length / Math.max(1, found.length - 1) >= gap(found) * p.font) return found;
      }
      return ticks(...range, 2);
    }
    const widest = (values, isLog) => Math.max(0, ...values.map((v) => textWidth(label(v, isLog))));

    p.setRange = (xr, yr) => {
      p.x = xr;
      p.y = yr;
      const em = p.font;
      const [padTop, padRight, padBottom, padLeft] = pad.map((v) => (v * em) / FONT);
      p.top = Math.max(padTop, 0.7 * em);
      p.bottom = height - Math.max(padBottom, (xlabel ? 2.85 : 1.5) * em);
      const yTicks = ticksFor(yr, logy, 5, p.bottom - p.top, () => 1.4);
      const yWidth = Math.max(labelWidth, widest(yTicks, logy)) * em;
      p.left = Math.max(padLeft, yWidth + (ylabel ? 2 : 0.8) * em);
      const xTicks = ticksFor(xr, logx, 6, width - p.left - padRight,
        (t) => widest(t, logx) + 0.8);
      const last = xTicks.length ? textWidth(label(xTicks.at(-1), logx)) * em : 0;
      p.right = width - Math.max(padRight, last / 2 + 2);
      if (square) { // equal scales on both axes: the longer side gives way, centred
        const extra = (p.right - p.left) - (p.bottom - p.top);
        if (extra > 0) [p.left, p.right] = [p.left + extra / 2, p.right - extra / 2];
        else [p.top, p.bottom] = [p.top - extra / 2, p.bottom + extra / 2];
      }
      p.sx = (logx ? log : lin)(xr[0], xr[1], p.left, p.right);
      p.sy = (logy ? log : lin)(yr[0], yr[1], p.bottom, p.top);
      for (const [k, v] of Object.entries({ x: p.left, y: p.top, width: p.right - p.left,
        height: p.bottom - p.top })) frame.setAttribute(k, v);
      axes.replaceChildren();
      for (const v of xTicks) {
        node("line", { x1: p.sx(v), x2: p.sx(v), y1: p.top, y2: p.bottom,
          class: v === 0 && !logx ? "re-zero" : "re-grid" }, axes);
        node("text", { x: p.sx(v), y: p.bottom + 1.1 * em, "text-anchor": "middle" }, axes)
          .textContent = label(v, logx);
      }
      for (const v of yTicks) {
        node("line", { x1: p.left, x2: p.right, y1: p.sy(v), y2: p.sy(v),
          class: v === 0 && !logy ? "re-zero" : "re-grid" }, axes);
        node("text", { x: p.left - 0.6 * em, y: p.sy(v) + 0.35 * em, "text-anchor": "end" },
          axes).textContent = label(v, logy);
      }
      // the axis titles next to the tick labels, clear of them by the labels' widths
      if (xlabel) {
        node("text", { x: (p.left + p.right) / 2, y: p.bottom + 2.55 * em,
          "text-anchor": "middle" }, axes).textContent = xlabel;
      }
      if (ylabel) {
        const [cx, cy] = [p.left - yWidth - 1 * em, (p.top + p.bottom) / 2];
        node("text", { x: cx, y: cy, "text-anchor": "middle",
          transform: `rotate(-90 ${cx} ${cy})` }, axes).textContent = ylabel;
      }
    };
    p.setRange(x, y);
    if (typeof ResizeObserver !== "undefined") {
      new ResizeObserver(() => {
        const shown = svg.getBoundingClientRect().width;
        const font = shown ? fontFor(shown / width) : p.font;
        if (font === p.font) return;
        p.font = font;
        svg.style.fontSize = `${font}px`;
        p.setRange(p.x, p.y);
        if (p.redraw) p.redraw();
      }).observe(svg);
    }
    return p;
  }

  // An SVG path "M x,y L x,y ..." through points (xs[i], ys[i]) in data coordinates
  // A coordinate in an SVG attribute: two decimals are finer than a screen pixel.
  const svgNumber = (v) => v.toFixed(2);

  function pathOf(p, xs, ys) {
    let d = "";
    for (let i = 0; i < xs.length; i += 1) {
      const y = Math.max(-1e6, Math.min(1e6, p.sy(ys[i])));
      d += `${i ? "L" : "M"}${p.sx(xs[i]).toFixed(2)},${y.toFixed(2)}`;
    }
    return d;
  }

  // A labelled range input with its value shown in an <output>
  function slider(parent, { id, label, min, max, step, value, onInput, show = fmt }) {
    const row = html("div", { class: "re-control" }, parent);
    html("label", { for: id }, row, label);
    const input = html("input", { type: "range", id, min, max, step, value }, row);
    const out = html("output", { for: id }, row, show(Number(input.value)));
    input.show = () => { out.textContent = show(Number(input.value)); };
    input.addEventListener("input", () => {
      input.show();
      onInput(input);
    });
    return input;
  }

  const setInput = (input, v) => {
    input.value = v;
    if (input.show) input.show();
  };

  function button(parent, text, onClick) {
    const b = html("button", { type: "button", class: "md-button" }, parent, text);
    b.addEventListener("click", onClick);
    return b;
  }

  // Run `update` and record how long it took (ms) in timings, the last 200 kept
  function timed(timings, update) {
    return (...args) => {
      const start = performance.now();
      const result = update(...args);
      timings.push(performance.now() - start);
      if (timings.length > 200) timings.shift();
      return result;
    };
  }

  // Build a widget in every element matching `selector`, once, on every page change
  // (instant navigation swaps the content without reloading the scripts)
  function mount(selector, build) {
    let count = 0;
    const init = () => document.querySelectorAll(selector).forEach((root) => {
      if (!root.dataset.built) {
        root.dataset.built = "1";
        count += 1;
        build(root, `${root.classList[root.classList.length - 1]}-${count}`);
      }
    });
    if (typeof document$ !== "undefined") document$.subscribe(init);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  }

  window.reluCore = { relu, linspace, sumAt, sumSorted, interpolating, bends, affine, forward,
    output, lossAndGradients, descend, copyNet, generator, area, clip, fixed, percent, share, fmt,
    svgNumber, node, html, ticks, textWidth, plot, pathOf, slider, setInput, button, timed,
    mount };
})();
