"""Reproducible training of every model file the package ships (`make model` runs `training.build_all`)."""
