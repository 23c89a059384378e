# manifest/: manifest.yaml and manifest.py loading into one ordered module list.
MANIFEST_SRC := $(sort $(wildcard manifest/*.c))
