module("m.py")
require("broken_a")
