# %% [markdown]
# # Lab: build a broken line
#
# A network with one input, one hidden layer of ReLU units and one output computes
#
# $$y = c + \sum_i v_i \, \mathrm{relu}(w_i x + b_i).$$
#
# Unit $i$ is off (it outputs 0) where $w_i x + b_i \le 0$ and rises in a straight line
# where that is positive, so it bends where $w_i x + b_i = 0$, at $x = -b_i / w_i$. There
# the slope of $y$ changes by $v_i |w_i|$. In this lab you choose the weights yourself to
# draw a given broken line. Each task ends in a check cell: it says what is wrong with
# your answer, or prints one line starting with "Right" when it is right.
#
# Units are numbered from 0, as Python counts: unit 1 is `w[1]`, `b[1]` and `v[1]`.

# %%
import matplotlib.pyplot as plt
import numpy as np

from relu_explained import relu
from relu_explained.labcheck import check_broken_line


def network(x, w, b, v, c=0.0):
    """c + the sum of v[i] * relu(w[i] * x + b[i]) at each x."""
    x = np.asarray(x, dtype=float)[:, None]
    hidden = relu(x * np.asarray(w) + np.asarray(b))
    return c + hidden @ np.asarray(v)


# %% [markdown]
# ## Task 1: one bend
#
# Draw the hinge that is 0 up to $x = 1$ and then rises with slope 2, with a single unit:
# choose its weight `w`, bias `b` and output weight `v`, each a list of one number.

# %% tags=["exercise"]
w = None  # your answer here: [weight]
b = None  # your answer here: [bias]
v = None  # your answer here: [output weight]

# %% tags=["solution"]
# The unit must bend at x = 1, so -b / w = 1:
# with w = 1, b = -1. Right of the bend the slope is
# v * |w| = 2, so v = 2.
w = [1.0]
b = [-1.0]
v = [2.0]

# %% tags=["check"]
check_broken_line([(1.0, 0.0)], w, b, v, right_slope=2.0)

# %% [markdown]
# ## Task 2: three bends
#
# Now the broken line below: flat at 0 up to $x = -1$, up to height 2 at $x = 1$, down to
# height 1 at $x = 2$, and flat after that. Read the slope of each piece from the picture,
# then the change of slope at each corner; one unit per corner does it.

# %%
corners = [(-1.0, 0.0), (1.0, 2.0), (2.0, 1.0)]

xs = np.linspace(-3, 4, 400)
corner_x = [x for x, _ in corners]
corner_y = [y for _, y in corners]
target = np.interp(xs, corner_x, corner_y)  # flat at both ends
fig, ax = plt.subplots(figsize=(6, 3))
ax.plot(xs, target, label="the broken line to build")
ax.plot(corner_x, corner_y, "o", label="its corners")
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.legend(loc="upper left")
plt.show()
# figure: The target: a line at height 0 up to x = -1, rising to height 2 at x = 1, falling to height 1 at x = 2 and flat after, its three corners marked with dots.

# %% tags=["exercise"]
w = None  # your answer here: three weights
b = None  # your answer here: three biases
v = None  # your answer here: three output weights
c = 0.0

# %% tags=["solution"]
# The slopes are 0, then 2 / 2 = 1, then -1 / 1 = -1, then 0:
# they change by +1 at x = -1, by -2 at x = 1 and by +1 at
# x = 2. With every w = 1, unit i bends at x = -b[i] and
# changes the slope by v[i]. The line starts at 0, so the
# output bias is 0.
w = [1.0, 1.0, 1.0]
b = [1.0, -1.0, -2.0]
v = [1.0, -2.0, 1.0]
c = 0.0

# %% tags=["check"]
check_broken_line(corners, w, b, v, c)

# %% [markdown]
# To see an attempt, plot `network(xs, w, b, v, c)` over `target`: the helper defined at
# the top computes your units' sum at every point of `xs`.
#
# A unit with a negative weight, such as $\mathrm{relu}(-x - 1)$, is on at the far *left*
# instead: try one in place of unit 0 and read what the check says.
