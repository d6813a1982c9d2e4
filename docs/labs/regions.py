# %% [markdown]
# # Lab: predict the linear regions, then count them
#
# A network with two inputs and one hidden layer of ReLU units is a flat (affine)
# function on each piece of the plane where no unit changes between off and on. Unit
# $i$ switches on its *zero line*, where $w_{1i} x_1 + w_{2i} x_2 + b_i = 0$, so the
# units' zero lines cut the plane into these pieces, the *linear regions*. Lines in
# general position (no two parallel, no three through one point) make the most pieces:
# with $n$ lines, $1 + n + n(n-1)/2$. In this lab you predict the count for a given
# network, compare it with the exact count, then add a unit that makes as many new
# regions as it can.
#
# Units are numbered from 0, as Python counts: unit 2 is column 2 of `net.weights[0]`.

# %%
import matplotlib.pyplot as plt
import numpy as np

from relu_explained import MLP, linear_regions_2d
from relu_explained.labcheck import (
    check_fourth_unit,
    check_region_count,
)

# column i holds unit i's two weights
W = np.array([[1.0, 2.0, 1.0], [1.0, 2.0, -1.0]])
b = np.array([0.0, -2.0, 0.0])
net = MLP([W, np.ones((3, 1))], [b, np.zeros(1)])
box = (-2, 2, -2, 2)  # x1 from -2 to 2, x2 from -2 to 2

t = np.linspace(-2, 2, 2)
fig, ax = plt.subplots(figsize=(4.2, 4.2))
ax.plot(t, -t, label="unit 0: x1 + x2 = 0")
ax.plot(t, 1 - t, label="unit 1: 2 x1 + 2 x2 = 2")
ax.plot(t, t, label="unit 2: x1 - x2 = 0")
ax.set_xlim(-2, 2)
ax.set_ylim(-2, 2)
ax.set_aspect("equal")
ax.set_xlabel("x1")
ax.set_ylabel("x2")
ax.legend(loc="lower left")
plt.show()
# figure: The three units' zero lines in the square from -2 to 2: units 0 and 1 are two parallel lines falling to the right, unit 2 a line rising through both.

# %% [markdown]
# ## Task 1: predict the number of regions
#
# Three lines in general position would make $1 + 3 + 3 = 7$ regions. Look at these
# three lines, inside the square only, and predict how many regions they make.

# %% tags=["exercise"]
predicted = None  # your answer here: a whole number

# %% tags=["solution"]
# Units 0 and 1 are parallel: their lines cut the square into 3
# strips. Unit 2 crosses both inside the square, so it cuts each
# strip in two: 6 regions.
predicted = 6

# %% tags=["check"]
check_region_count(net, box, predicted)

# %% [markdown]
# `linear_regions_2d` finds the regions exactly, as polygons, each with its activation
# pattern (which units are on):

# %%
regions = linear_regions_2d(net, box)
fig, ax = plt.subplots(figsize=(4.2, 4.2))
for number, region in enumerate(regions):
    corners = region.vertices
    ax.fill(*corners.T, f"C{number % 6}", alpha=0.45, linewidth=0)
    on = "".join(str(int(unit)) for unit in region.pattern)
    ax.annotate(on, corners.mean(axis=0), ha="center")
ax.set_xlim(-2, 2)
ax.set_ylim(-2, 2)
ax.set_aspect("equal")
ax.set_xlabel("x1")
ax.set_ylabel("x2")
plt.show()
print(len(regions), "regions")
# figure: The square from -2 to 2 split into 6 shaded regions by the three zero lines, each labelled with its pattern of units on and off, such as 101.

# %% [markdown]
# ## Task 2: add a fourth unit that adds the most regions
#
# A new line adds one region, plus one for each line it crosses inside the square at a
# point of its own. Choose the weights `weight` (two numbers) and the bias `bias` of a
# fourth unit so that the network has 10 regions in the square.

# %% tags=["exercise"]
weight = None  # your answer here: [w1, w2]
bias = None  # your answer here: a number

# %% tags=["solution"]
# The level line x2 = -0.5 (w = (0, 1), b = 0.5) crosses all
# three lines inside the square, each at a point of its own:
# 6 + 3 + 1 = 10.
weight = [0.0, 1.0]
bias = 0.5

# %% tags=["check"]
check_fourth_unit(net, box, weight, bias, regions=10)

# %% [markdown]
# Four lines in general position would make 11 regions; the parallel pair costs one.
# Try a fourth line through the point where units 0 and 2 cross, $(0, 0)$, and read
# what the check says.
