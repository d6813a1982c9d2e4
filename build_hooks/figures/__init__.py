"""Figure making: run a page, export its figures in two schemes, cache them, place them."""
