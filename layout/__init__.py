"""Newsletter layout engine: one YAML file per issue in, a print-ready PDF out.

The pipeline, one stage per module (see :mod:`layout.build`)::

    source -> load -> styles/fonts -> story -> pages -> render (+ covers) -> charts
    -> document (+ merge) -> editions -> build -> cli
"""

__version__ = "0.1.0"
