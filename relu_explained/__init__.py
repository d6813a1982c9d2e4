"""relu_explained: how two straight pieces make a neural network non-linear.

numpy only; ``import relu_explained`` never imports matplotlib.
"""

from .activations import leaky_relu, leaky_relu_grad, relu, relu_grad, sigmoid, sigmoid_grad

__all__ = [
    "leaky_relu",
    "leaky_relu_grad",
    "relu",
    "relu_grad",
    "sigmoid",
    "sigmoid_grad",
]
__version__ = "0.1.0"
