import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relu_explained import MLP, Facet, facets, linear_regions_2d

BOX = (-2.0, 2.0, -2.0, 2.0)


def random_net(hidden, seed):
    rng = np.random.default_rng(seed)
    net = MLP.random([2, *hidden, 1], rng=rng)
    for b in net.biases[:-1]:
        b[:] = rng.normal(0, 1, b.shape)
    return net


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.lists(st.integers(1, 6), min_size=1, max_size=3))
def test_each_facet_is_the_network_over_its_region(seed, hidden):
    net = random_net(hidden, seed)
    pieces = facets(net, BOX)
    regions = linear_regions_2d(net, BOX)
    assert len(pieces) == len(regions)
    rng = np.random.default_rng(seed)
    for piece, region in zip(pieces, regions, strict=True):
        assert np.array_equal(piece.region.pattern, region.pattern)
        corners = piece.corners
        # the heights are the network's output at the corners...
        np.testing.assert_allclose(corners[:, 2], net(corners[:, :2])[:, 0], atol=1e-9)
        # ...and the facet is flat: points inside, mixed from the corners, lie on it
        mix = rng.dirichlet(np.ones(len(corners)), size=10)
        inside = mix @ corners
        np.testing.assert_allclose(inside[:, 2], net(inside[:, :2])[:, 0], atol=1e-9)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.lists(st.integers(1, 6), min_size=1, max_size=3))
def test_each_edge_lies_on_the_fold_it_names_or_on_the_box(seed, hidden):
    net = random_net(hidden, seed)
    xmin, xmax, ymin, ymax = BOX
    for piece in facets(net, BOX):
        corners = piece.region.vertices
        ends = np.roll(corners, -1, axis=0)
        for p, q, layer, unit in zip(
            corners, ends, piece.crease_layer, piece.crease_unit, strict=True
        ):
            along = np.linspace(0, 1, 5)[:, None]
            points = p + along * (q - p)
            if layer < 0:
                assert unit < 0
                on_side = [
                    np.all(points[:, 0] == xmin),
                    np.all(points[:, 0] == xmax),
                    np.all(points[:, 1] == ymin),
                    np.all(points[:, 1] == ymax),
                ]
                assert any(on_side)
            else:
                z = net.pre_activations(points)[layer][:, unit]
                reach = np.abs(net.pre_activations(corners)[layer][:, unit]).max()
                assert np.abs(z).max() <= 1e-9 * reach


def test_one_hidden_layer_creases_are_its_units_lines():
    # relu(x1) + relu(x2) - relu(x1 + x2 - 1): three folds, all first-layer
    net = MLP(
        [[[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]], [[1.0], [1.0], [-1.0]]], [[0.0, 0.0, -1.0], [0.0]]
    )
    pieces = facets(net, BOX)
    named = {
        (int(lay), int(u))
        for f in pieces
        for lay, u in zip(f.crease_layer, f.crease_unit, strict=True)
    }
    assert named == {(-1, -1), (0, 0), (0, 1), (0, 2)}


def test_a_second_layer_unit_is_named_by_its_layer():
    # unit 0 of layer 1 folds where relu(x1) + relu(-x1) = |x1| reaches 1: at x1 = -1 and 1
    net = MLP([[[1.0, -1.0], [0.0, 0.0]], [[1.0], [1.0]], [[1.0]]], [[0.0, 0.0], [-1.0], [0.0]])
    pieces = facets(net, BOX)
    second = [
        f.region.vertices[i]
        for f in pieces
        for i in range(len(f.region.vertices))
        if f.crease_layer[i] == 1
    ]
    assert sorted({float(v[0]) for v in second}) == [-1.0, 1.0]


def test_facet_is_frozen():
    piece = facets(MLP([[[1.0], [0.0]], [[1.0]]], [[0.0], [0.0]]), BOX)[0]
    assert isinstance(piece, Facet)
    with pytest.raises(AttributeError):
        piece.heights = np.zeros(4)


def test_bad_input_names_the_argument():
    with pytest.raises(ValueError, match="mlp must have one output"):
        facets(MLP.random([2, 3, 2], rng=0), BOX)
    with pytest.raises(ValueError, match="box"):
        facets(MLP.random([2, 3, 1], rng=0), (1, 0, 0, 1))
    with pytest.raises(ValueError, match="mlp must take 2"):
        facets(MLP.random([3, 3, 1], rng=0), BOX)
    with pytest.raises(TypeError, match="mlp must be an MLP"):
        facets("net", BOX)
