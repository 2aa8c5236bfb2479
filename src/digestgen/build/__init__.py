"""The render step: outputs in order, the checks, the preview page, and the one writer of out/."""
