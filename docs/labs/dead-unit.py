# %% [markdown]
# # Lab: find a dead unit and revive it
#
# A hidden ReLU unit computes $\mathrm{relu}(w x + b)$. It is *dead* on a dataset when
# its pre-activation $w x + b$ is at most 0 for every input of that data: it then
# outputs 0 everywhere, and since the slope of ReLU is 0 there too, training never
# changes its weight or its bias. In this lab a small network is trained, one of its
# units dies, and you find it, say why it is dead and bring it back.
#
# Units are numbered from 0, as Python counts: unit 2 is column 2 of `net.weights[0]`.

# %%
import matplotlib.pyplot as plt
import numpy as np

from relu_explained import MLP, fit
from relu_explained.labcheck import (
    REASONS,
    check_dead_unit,
    check_reason,
    check_revived,
)

x = np.linspace(-2, 2, 64)
y = np.abs(x) - 0.5 * x  # a bent line to learn
net = MLP.random([1, 6, 1], rng=3)  # 1 input, 6 ReLU units
history = fit(net, x, y, lr=0.1, steps=300)
print(f"loss before: {history.loss[0]:.3f}")
print(f"loss after: {history.loss[-1]:.4f}")

# %% [markdown]
# ## Task 1: find the dead unit
#
# The plot shows each unit's pre-activation $w x + b$ over the data. Find the unit that
# is never above zero, by reading the plot or with numpy on `z`.

# %%
z = net.pre_activations(x)[0]  # (64, 6): a column per unit

fig, ax = plt.subplots(figsize=(6, 3.4))
for unit in range(z.shape[1]):
    ax.plot(x, z[:, unit], label=f"unit {unit}")
ax.axhline(0, color="0.5", linewidth=1)
ax.set_xlabel("x")
ax.set_ylabel("w x + b")
ax.legend(ncol=3, loc="upper center")
plt.show()
# figure: Six lines, one per unit, show each unit's w x + b for x from -2 to 2, with a grey line at zero; five of them cross zero or stay above it, one stays below zero everywhere.

# %% tags=["exercise"]
dead = None  # your answer here: the number of the dead unit

# %% tags=["solution"]
# A unit is dead when its column of z is <= 0 in every row.
dead = int(np.flatnonzero((z <= 0).all(axis=0))[0])

# %% tags=["check"]
check_dead_unit(net, x, dead)

# %% [markdown]
# ## Task 2: say why it is dead
#
# Train a copy of the network for 300 more steps and compare each unit's weight and
# bias before and after: one column does not move at all. Then choose the reason.

# %%
again = net.copy()
fit(again, x, y, lr=0.1, steps=300)
moved = np.abs(again.weights[0] - net.weights[0])[0]
moved += np.abs(again.biases[0] - net.biases[0])
print("how far each unit's w and b moved:", moved.round(4))
for key, text in REASONS.items():
    print(f"({key}) {text}")

# %% tags=["exercise"]
reason = None  # your answer here: "a", "b" or "c"

# %% tags=["solution"]
# Its output weight and its weight are not 0; its w x + b is
# below 0 on all the data, so relu and relu's slope are both 0
# there.
reason = "b"

# %% tags=["check"]
check_reason(net, x, reason)

# %% [markdown]
# ## Task 3: revive it
#
# Give the dead unit a weight and a bias so that $w x + b = 0$ somewhere inside the data
# (between $x = -2$ and $x = 2$): it is then on for some inputs and gets a gradient
# again. Set its output weight to 0, so that the network computes exactly what it did:
# the unit starts by adding nothing, and training decides what it adds.
# `relu_explained.revive_dead_units` does the same with random weights.

# %%
before = net.copy()

# %% tags=["exercise"]
# your answer here: change the dead unit's numbers in net:
# net.weights[0][0, dead] = ...  (its weight w)
# net.biases[0][dead] = ...      (its bias b)
# net.weights[1][dead, 0] = ...  (its output weight)

# %% tags=["solution"]
# w = 1 and b = -0.5 bend at x = 0.5, inside the data; output
# weight 0.
net.weights[0][0, dead] = 1.0
net.biases[0][dead] = -0.5
net.weights[1][dead, 0] = 0.0

# %% tags=["check"]
check_revived(before, net, x)

# %% [markdown]
# Trained again, the revived unit takes part: its output weight moves off 0 first (the
# gradient of an output weight is the unit's output, which is no longer 0 everywhere),
# then its weight and bias follow, and the loss falls further.

# %% tags=["solution"]
history = fit(net, x, y, lr=0.1, steps=1000)
print(f"output weight: 0 -> {net.weights[1][dead, 0]:.4f}")
print(f"w: 1 -> {net.weights[0][0, dead]:.4f}")
print(f"b: -0.5 -> {net.biases[0][dead]:.4f}")
print(f"loss: {history.loss[0]:.5f} -> {history.loss[-1]:.5f}")
