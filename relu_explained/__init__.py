"""relu_explained: how two straight pieces make a neural network non-linear.

numpy only; ``import relu_explained`` never imports matplotlib.
"""

from .activations import leaky_relu, leaky_relu_grad, relu, relu_grad, sigmoid, sigmoid_grad
from .backprop import Gradients
from .dead import dead_units, revive_dead_units
from .history import DivergedWarning, History
from .network import MLP
from .regions import (
    LinearRegion,
    activation_patterns,
    breakpoints_1d,
    count_regions_1d,
    count_regions_2d,
    linear_regions_2d,
    max_regions_shallow,
)
from .sums import ReluSum
from .surface import Facet, facets
from .training import fit, fit_many

__all__ = [
    "MLP",
    "DivergedWarning",
    "Facet",
    "Gradients",
    "History",
    "LinearRegion",
    "ReluSum",
    "activation_patterns",
    "breakpoints_1d",
    "count_regions_1d",
    "count_regions_2d",
    "dead_units",
    "facets",
    "fit",
    "fit_many",
    "leaky_relu",
    "leaky_relu_grad",
    "linear_regions_2d",
    "max_regions_shallow",
    "relu",
    "relu_grad",
    "revive_dead_units",
    "sigmoid",
    "sigmoid_grad",
]
__version__ = "0.1.0"
