module("m.py")
include("$(MANIFEST_DIR)/../a")
