"""Labs: notebooks a reader works through, from jupytext percent sources in ``docs/labs``."""
